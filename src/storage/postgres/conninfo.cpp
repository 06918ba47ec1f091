// libpq's keyword/value form of a postgresql:// URL (see conninfo.hpp).
#include "storage/postgres/conninfo.hpp"

#include "core/store.hpp"
#include "core/text.hpp"

namespace ritme::storage::postgres {

namespace {

// Percent-decoded, or as it is where it is not valid percent-encoding.
std::string percent_decoded(std::string_view text) {
    return percent_decode(text, false).value_or(std::string(text));
}

// A value in libpq's keyword/value form: single-quoted, with \ and \' escaped.
std::string conninfo_value(std::string_view value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string conninfo_from_url(const std::string& url) {
    std::string_view rest = url;
    bool known_scheme = false;
    for (std::string_view scheme : {"postgresql://", "postgres://"}) {
        if (rest.starts_with(scheme)) {
            rest.remove_prefix(scheme.size());
            known_scheme = true;
            break;
        }
    }
    if (!known_scheme) throw StoreFailure("postgresql store: not a postgresql:// URL");
    std::string_view query;
    if (std::size_t mark = rest.find('?'); mark != std::string_view::npos) {
        query = rest.substr(mark + 1);
        rest = rest.substr(0, mark);
    }
    std::string_view database;
    if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
        database = rest.substr(slash + 1);
        rest = rest.substr(0, slash);
    }
    std::string_view user_info;
    if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
        user_info = rest.substr(0, at);
        rest = rest.substr(at + 1);
    }
    std::string_view host = rest, port;
    if (!host.empty() && host.front() == '[') {  // [v6 address]:port
        std::size_t close = host.find(']');
        if (close == std::string_view::npos) throw StoreFailure("postgresql store: bad host in the URL");
        if (close + 1 < host.size() && host[close + 1] == ':') port = host.substr(close + 2);
        host = host.substr(1, close - 1);
    } else if (std::size_t colon = host.rfind(':'); colon != std::string_view::npos) {
        port = host.substr(colon + 1);
        host = host.substr(0, colon);
    }

    std::string conninfo;
    auto add = [&](std::string_view keyword, const std::string& value) {
        if (value.empty()) return;
        if (!conninfo.empty()) conninfo += ' ';
        conninfo.append(keyword).append("=").append(conninfo_value(value));
    };
    if (!user_info.empty()) {
        std::size_t colon = user_info.find(':');
        add("user", percent_decoded(user_info.substr(0, colon)));
        if (colon != std::string_view::npos) add("password", percent_decoded(user_info.substr(colon + 1)));
    }
    add("host", percent_decoded(host));
    add("port", std::string(port));
    add("dbname", percent_decoded(database));
    while (!query.empty()) {
        std::size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos || equals == 0) continue;
        add(percent_decoded(pair.substr(0, equals)), percent_decoded(pair.substr(equals + 1)));
    }
    return conninfo;
}

}  // namespace ritme::storage::postgres

#include "storage/postgres/postgres_connection.hpp"

#include "storage/migrations.hpp"
#include "storage/postgres/postgres_queries.hpp"

namespace ritme::storage::postgres {

void fail(std::string_view operation, const soci::soci_error& error) {
    throw StoreFailure("postgresql store: " + std::string(operation) + ": " + error.get_error_message());
}

void fail_corrupt(std::string_view what) {
    throw StoreFailure("postgresql store: malformed " + std::string(what) + " in the database");
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decoded(std::string_view text) {
    std::string decoded;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            decoded += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            decoded += text[i];
        }
    }
    return decoded;
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

void open_connection(soci::session& sql, const std::string& url) {
    const std::string conninfo = conninfo_from_url(url);
    try {
        sql.open(*soci::factory_postgresql(), conninfo);
    } catch (const soci::soci_error& error) {
        // libpq's message names host and port, never the password.
        throw StoreFailure("postgresql store: cannot connect: " + error.get_error_message());
    }
    guarded("connection settings", [&] {
        sql << queries::quiet_notices;
        sql << queries::set_timezone_utc;
        sql << queries::set_lock_timeout;
    });
}

int schema_version(soci::session& sql) {
    return storage::schema_version(sql);
}

void apply_migrations(soci::session& sql) {
    guarded("migrate", [&] { storage::apply_migrations(sql, Backend::postgres); });
}

Transaction::Transaction(soci::session& sql) : sql_(sql) {
    sql_ << queries::begin;
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        sql_ << queries::rollback;
    } catch (...) {
        // Nothing better to do: the statement that failed is already on its way up.
    }
}

void Transaction::commit() {
    sql_ << queries::commit;
    open_ = false;
}

Statement::Statement(soci::session& sql, const char* text) : statement_(sql), text_(text) {
    statement_.alloc();
}

bool Statement::run() {
    if (!bound_) {
        statement_.prepare(text_, soci::details::st_one_time_query);
        statement_.define_and_bind();
        bound_ = true;
    }
    return statement_.execute(true);
}

}  // namespace ritme::storage::postgres

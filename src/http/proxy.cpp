#include "http/proxy.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace ritme::http {
namespace {

using Bytes = std::array<unsigned char, 16>;

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// An IPv4 or IPv6 address (IPv6 also in brackets) as 16 bytes, IPv4 mapped into IPv6.
std::optional<Bytes> parse_address(std::string_view text) {
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    if (text.empty() || text.size() > 45) return std::nullopt;
    char buffer[46];
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    Bytes bytes{};
    unsigned char v4[4];
    if (inet_pton(AF_INET, buffer, v4) == 1) {
        bytes[10] = 0xff;
        bytes[11] = 0xff;
        std::memcpy(bytes.data() + 12, v4, 4);
        return bytes;
    }
    if (inet_pton(AF_INET6, buffer, bytes.data()) == 1) return bytes;
    return std::nullopt;
}

bool is_v4_mapped(const Bytes& bytes) {
    for (int i = 0; i < 10; ++i) {
        if (bytes[i] != 0) return false;
    }
    return bytes[10] == 0xff && bytes[11] == 0xff;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& entries) {
    TrustedProxies proxies;
    for (const std::string& entry : entries) {
        std::string_view text = trim(entry);
        if (text.empty()) continue;
        auto bad = [&entry] {
            return Error{ErrorCode::bad_request,
                         "--trusted-proxy " + entry + " is not an address or range (e.g. 127.0.0.1, 10.0.0.0/8, ::1)"};
        };
        std::string_view address = text;
        std::optional<unsigned> prefix;
        if (std::size_t slash = text.find('/'); slash != std::string_view::npos) {
            address = text.substr(0, slash);
            std::string_view digits = text.substr(slash + 1);
            if (digits.empty() || digits.size() > 3) return bad();
            unsigned value = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return bad();
                value = value * 10 + static_cast<unsigned>(c - '0');
            }
            prefix = value;
        }
        std::optional<Bytes> bytes = parse_address(address);
        if (!bytes) return bad();
        Range range;
        range.bytes = *bytes;
        bool v4 = is_v4_mapped(*bytes) && address.find(':') == std::string_view::npos;
        if (prefix) {
            if (*prefix > (v4 ? 32u : 128u)) return bad();
            range.prefix = v4 ? 96 + *prefix : *prefix;
        }
        proxies.ranges_.push_back(range);
    }
    return proxies;
}

bool TrustedProxies::contains(const Bytes& address) const {
    for (const Range& range : ranges_) {
        unsigned whole = range.prefix / 8;
        unsigned rest = range.prefix % 8;
        if (std::memcmp(address.data(), range.bytes.data(), whole) != 0) continue;
        if (rest != 0) {
            auto mask = static_cast<unsigned char>(0xff << (8 - rest));
            if ((address[whole] & mask) != (range.bytes[whole] & mask)) continue;
        }
        return true;
    }
    return false;
}

bool TrustedProxies::trusts(std::string_view address) const {
    if (ranges_.empty()) return false;
    std::optional<Bytes> bytes = parse_address(address);
    return bytes && contains(*bytes);
}

std::string TrustedProxies::client_address(std::string_view peer, std::string_view forwarded_for) const {
    std::string_view chosen;
    std::string_view rest = forwarded_for;
    while (!rest.empty()) {
        std::size_t comma = rest.rfind(',');
        std::string_view item = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        std::optional<Bytes> bytes = parse_address(item);
        if (!bytes) break;  // what a proxy did not write: stop at the last address it did
        chosen = item;
        if (!contains(*bytes)) break;
    }
    if (chosen.empty()) return std::string(peer);
    if (chosen.size() >= 2 && chosen.front() == '[') chosen = chosen.substr(1, chosen.size() - 2);
    return std::string(chosen);
}

bool forwarded_proto_is_https(std::string_view forwarded_proto) {
    std::size_t comma = forwarded_proto.rfind(',');
    std::string_view value = trim(comma == std::string_view::npos ? forwarded_proto : forwarded_proto.substr(comma + 1));
    constexpr std::string_view https = "https";
    if (value.size() != https.size()) return false;
    for (std::size_t i = 0; i < https.size(); ++i) {
        char c = value[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != https[i]) return false;
    }
    return true;
}

}  // namespace ritme::http

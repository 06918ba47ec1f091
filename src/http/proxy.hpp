#pragma once
// Reverse proxies in front of the server: which peers are trusted to say, in
// X-Forwarded-For and X-Forwarded-Proto, who the client is and whether it came over TLS.
// A peer that is not trusted gets its own address, whatever headers it sends.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace ritme::http {

class TrustedProxies {
public:
    TrustedProxies() = default;

    // Each entry an address ("127.0.0.1", "::1") or a range ("10.0.0.0/8", "fd00::/8").
    // A bad entry: bad_request naming it.
    static Result<TrustedProxies> parse(const std::vector<std::string>& entries);

    bool empty() const { return ranges_.empty(); }

    // Whether `address` (textual, an IPv4-mapped IPv6 address counts as its IPv4 one) is
    // one of the trusted proxies.
    bool trusts(std::string_view address) const;

    // The client behind a trusted peer: the right-most address of X-Forwarded-For that
    // is not itself a trusted proxy (the proxies append, so that is the one the nearest
    // untrusted hop was seen as). `peer` when the header is absent or holds no address.
    std::string client_address(std::string_view peer, std::string_view forwarded_for) const;

private:
    struct Range {
        std::array<unsigned char, 16> bytes{};  // IPv4 as its IPv4-mapped IPv6 form
        unsigned prefix = 128;
    };
    std::vector<Range> ranges_;

    bool contains(const std::array<unsigned char, 16>& address) const;
};

// "https" from the nearest proxy's X-Forwarded-Proto (its right-most value), any case.
bool forwarded_proto_is_https(std::string_view forwarded_proto);

}  // namespace ritme::http

#include <gtest/gtest.h>

#include "http/proxy.hpp"

namespace ritme::http {
namespace {

TrustedProxies proxies(std::vector<std::string> entries) {
    Result<TrustedProxies> parsed = TrustedProxies::parse(entries);
    EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message);
    return parsed.ok() ? *parsed : TrustedProxies{};
}

TEST(TrustedProxies, AddressesAndRanges) {
    TrustedProxies trusted = proxies({"127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", " 192.0.2.7 "});
    EXPECT_TRUE(trusted.trusts("127.0.0.1"));
    EXPECT_TRUE(trusted.trusts("::ffff:127.0.0.1"));  // an IPv6 socket's view of IPv4
    EXPECT_FALSE(trusted.trusts("127.0.0.2"));
    EXPECT_TRUE(trusted.trusts("10.200.3.4"));
    EXPECT_FALSE(trusted.trusts("11.0.0.1"));
    EXPECT_TRUE(trusted.trusts("::1"));
    EXPECT_TRUE(trusted.trusts("fdab::12"));
    EXPECT_FALSE(trusted.trusts("fe80::1"));
    EXPECT_TRUE(trusted.trusts("192.0.2.7"));
    EXPECT_FALSE(trusted.trusts("not an address"));
    EXPECT_FALSE(TrustedProxies{}.trusts("127.0.0.1"));
}

TEST(TrustedProxies, OddPrefixes) {
    TrustedProxies trusted = proxies({"172.16.0.0/12", "0.0.0.0/0"});
    EXPECT_TRUE(trusted.trusts("172.31.255.255"));
    EXPECT_TRUE(trusted.trusts("8.8.8.8"));  // /0: every IPv4 address
    EXPECT_FALSE(trusted.trusts("2001:db8::1"));
    TrustedProxies narrow = proxies({"172.16.0.0/12"});
    EXPECT_FALSE(narrow.trusts("172.32.0.1"));
}

TEST(TrustedProxies, BadEntriesAreRefused) {
    for (const char* bad : {"localhost", "10.0.0.0/33", "::1/129", "1.2.3", "10.0.0.0/", "10.0.0.0/x", "1.2.3.4:80"}) {
        Result<TrustedProxies> parsed = TrustedProxies::parse({bad});
        ASSERT_FALSE(parsed.ok()) << bad;
        EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
    }
}

TEST(TrustedProxies, ClientAddressIsTheRightMostUntrusted) {
    TrustedProxies trusted = proxies({"127.0.0.1", "10.0.0.0/8"});
    EXPECT_EQ(trusted.client_address("127.0.0.1", "203.0.113.9"), "203.0.113.9");
    // A forged left part is what the client itself sent: the proxy appended the real one.
    EXPECT_EQ(trusted.client_address("127.0.0.1", "1.1.1.1, 203.0.113.9"), "203.0.113.9");
    // Proxies in a chain are skipped.
    EXPECT_EQ(trusted.client_address("127.0.0.1", "198.51.100.4, 203.0.113.9, 10.1.2.3"), "203.0.113.9");
    EXPECT_EQ(trusted.client_address("127.0.0.1", "2001:db8::5"), "2001:db8::5");
    EXPECT_EQ(trusted.client_address("127.0.0.1", "[2001:db8::5]"), "2001:db8::5");
    // Nothing usable: the peer itself.
    EXPECT_EQ(trusted.client_address("127.0.0.1", ""), "127.0.0.1");
    EXPECT_EQ(trusted.client_address("127.0.0.1", "unknown"), "127.0.0.1");
    // Garbage left of a good address stops the walk at the good one.
    EXPECT_EQ(trusted.client_address("127.0.0.1", "junk, 203.0.113.9"), "203.0.113.9");
    // Only proxies: the left-most of them.
    EXPECT_EQ(trusted.client_address("127.0.0.1", "10.0.0.1, 10.0.0.2"), "10.0.0.1");
}

TEST(ForwardedProto, HttpsOnlyFromTheNearestProxy) {
    EXPECT_TRUE(forwarded_proto_is_https("https"));
    EXPECT_TRUE(forwarded_proto_is_https("HTTPS"));
    EXPECT_TRUE(forwarded_proto_is_https("http, https"));
    EXPECT_FALSE(forwarded_proto_is_https("https, http"));
    EXPECT_FALSE(forwarded_proto_is_https("http"));
    EXPECT_FALSE(forwarded_proto_is_https(""));
    EXPECT_FALSE(forwarded_proto_is_https("httpsx"));
}

}  // namespace
}  // namespace ritme::http

#include <chrono>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/auth.hpp"
#include "http/test_fakes.hpp"

namespace ritme::http {
namespace {

using namespace std::chrono_literals;

TEST(SodiumPasswordHasher, RoundTrip) {
    SodiumPasswordHasher hasher;
    std::string hash = hasher.hash("correct horse battery staple");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_NE(hash.find("m=19456,t=2"), std::string::npos) << hash;
    EXPECT_TRUE(hasher.verify(hash, "correct horse battery staple"));
    EXPECT_FALSE(hasher.verify(hash, "correct horse battery stapl"));
    EXPECT_FALSE(hasher.verify("", "x"));
    EXPECT_FALSE(hasher.verify("not a hash", "x"));
    EXPECT_NE(hasher.hash("correct horse battery staple"), hash);  // salted
}

TEST(SodiumPasswordHasher, ManyAtOnce) {
    SodiumPasswordHasher hasher(2, 1, 64 * 1024);  // cheap parameters: this is about the slots
    std::vector<std::thread> threads;
    std::vector<int> results(6);
    for (int i = 0; i < 6; ++i) {
        threads.emplace_back([&, i] {
            std::string password = "password number " + std::to_string(i);
            results[static_cast<std::size_t>(i)] = hasher.verify(hasher.hash(password), password) ? 1 : 0;
        });
    }
    for (auto& thread : threads) thread.join();
    for (int result : results) EXPECT_EQ(result, 1);
}

TEST(DummyVerify, NeverSucceeds) {
    fakes::PlainHasher hasher;
    dummy_verify(hasher, "anything");  // no crash, no answer
    SodiumPasswordHasher sodium;
    dummy_verify(sodium, "anything");
}

TEST(Secrets, RandomTokensAndHashes) {
    std::string a = random_token();
    std::string b = random_token();
    EXPECT_EQ(a.size(), 43u);
    EXPECT_NE(a, b);
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    std::string hash = secret_hash(a);
    EXPECT_EQ(hash.size(), 64u);
    EXPECT_EQ(hash, secret_hash(a));
    EXPECT_NE(hash, secret_hash(b));
    // BLAKE2b-256 of "abc".
    EXPECT_EQ(secret_hash("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    EXPECT_TRUE(constant_time_equal("abc", "abc"));
    EXPECT_FALSE(constant_time_equal("abc", "abd"));
    EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

TEST(Cookies, ReadingAndWriting) {
    Request request;
    request.headers["cookie"] = "a=1;  ritme_session=xyz ; b=\"2\"; ritme_session=second";
    EXPECT_EQ(cookie_values(request, "ritme_session"), (std::vector<std::string>{"xyz", "second"}));
    EXPECT_EQ(cookie_values(request, "b"), (std::vector<std::string>{"2"}));
    EXPECT_TRUE(cookie_values(request, "c").empty());
    EXPECT_EQ(session_cookie("v"), "ritme_session=v; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax");
    EXPECT_EQ(session_cookie("v", true), "ritme_session=v; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure");
    EXPECT_EQ(expired_session_cookie(), "ritme_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
}

TEST(BearerTokens, Parsing) {
    Request request;
    EXPECT_EQ(bearer_token(request), std::nullopt);
    request.headers["authorization"] = "Bearer rt_abc";
    EXPECT_EQ(bearer_token(request), "rt_abc");
    request.headers["authorization"] = "BEARER   rt_abc  ";
    EXPECT_EQ(bearer_token(request), "rt_abc");
    request.headers["authorization"] = "Basic dXNlcjpwYXNz";
    EXPECT_EQ(bearer_token(request), std::nullopt);
}

TEST(Authenticate, SessionsAndTokens) {
    fakes::FakeWorld world;
    NewUser user;
    user.id = "u1";
    user.email = "u@example.org";
    ASSERT_TRUE(world.store.create_user(user).ok());

    StartedSession started = start_session(world.services, "u1");
    EXPECT_EQ(started.session.expires_at, world.clock.at + session_lifetime);
    EXPECT_NE(started.session.token_hash, started.cookie_value);
    EXPECT_EQ(started.session.token_hash, secret_hash(started.cookie_value));
    EXPECT_EQ(started.session.csrf_token.size(), 43u);

    Request by_cookie;
    by_cookie.headers["cookie"] = "ritme_session=" + started.cookie_value;
    auto found = authenticate(world.services, by_cookie);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->caller.user.id, "u1");
    EXPECT_EQ(found->caller.via, Caller::Via::cookie);
    EXPECT_EQ(found->caller.session_token_hash, started.session.token_hash);
    EXPECT_EQ(found->csrf_token, started.session.csrf_token);

    IssuedAccessToken issued = issue_access_token(world.services, "u1", "ci");
    EXPECT_TRUE(issued.secret.starts_with("rt_"));
    EXPECT_EQ(issued.token.token_hash, secret_hash(issued.secret));
    Request by_token;
    by_token.headers["authorization"] = "Bearer " + issued.secret;
    auto via_token = authenticate(world.services, by_token);
    ASSERT_TRUE(via_token);
    EXPECT_EQ(via_token->caller.via, Caller::Via::bearer);
    EXPECT_EQ(via_token->caller.access_token_id, issued.token.id);

    // A user who is gone takes their sessions and tokens along.
    world.store.delete_user("u1");
    EXPECT_FALSE(authenticate(world.services, by_cookie));
    EXPECT_FALSE(authenticate(world.services, by_token));
}

TEST(LoginThrottle, TenFailuresInTenMinutesPerAccountAndAddress) {
    fakes::FakeStore store;
    Timestamp start = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};
    auto limits = login_throttle_limits("Ann@Example.org", "192.0.2.7");
    ASSERT_EQ(limits.size(), 2u);
    EXPECT_EQ(limits[0].key, "login:ann@example.org 192.0.2.7");
    EXPECT_EQ(limits[0].limit, max_login_failures);
    EXPECT_EQ(limits[1].key, "address:192.0.2.7");
    EXPECT_EQ(limits[1].limit, max_address_login_failures);
    for (int i = 0; i < 9; ++i) {
        EXPECT_FALSE(reserve_login_attempt(store, start + std::chrono::seconds(i * 30), limits).retry_after);
    }
    EXPECT_EQ(login_retry_after(store, start + 5min, limits), std::nullopt);
    LoginAttempt tenth = reserve_login_attempt(store, start + 5min, limits);
    EXPECT_FALSE(tenth.retry_after);
    EXPECT_FALSE(tenth.id.empty());
    // The oldest attempt (at start) leaves the window at start + 10 min.
    EXPECT_EQ(reserve_login_attempt(store, start + 5min, limits).retry_after, std::chrono::seconds(300));
    EXPECT_EQ(reserve_login_attempt(store, start + 10min - 1s, limits).retry_after, std::chrono::seconds(1));
    EXPECT_FALSE(reserve_login_attempt(store, start + 10min, limits).retry_after);
    // The same account from another address, and another account from this one: free.
    EXPECT_FALSE(reserve_login_attempt(store, start + 6min, login_throttle_limits("ann@example.org", "192.0.2.8")).retry_after);
    EXPECT_FALSE(reserve_login_attempt(store, start + 6min, login_throttle_limits("bo@example.org", "192.0.2.7")).retry_after);
}

TEST(LoginThrottle, ManyAccountsFromOneAddressMeetTheHigherBar) {
    fakes::FakeStore store;
    Timestamp start = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};
    for (int i = 0; i < max_address_login_failures; ++i) {
        auto limits = login_throttle_limits("user" + std::to_string(i) + "@example.org", "192.0.2.7");
        EXPECT_FALSE(reserve_login_attempt(store, start + std::chrono::seconds(i), limits).retry_after) << i;
    }
    EXPECT_EQ(reserve_login_attempt(store, start + 1min, login_throttle_limits("new@example.org", "192.0.2.7")).retry_after,
              std::chrono::seconds(540));
    EXPECT_FALSE(reserve_login_attempt(store, start + 1min, login_throttle_limits("new@example.org", "192.0.2.8")).retry_after);
}

TEST(LoginThrottle, ASuccessTakesItsAttemptBackAndClearsTheAccountAtThatAddress) {
    fakes::FakeStore store;
    Timestamp start = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26};
    auto limits = login_throttle_limits("ann@example.org", "192.0.2.7");
    for (int i = 0; i < 5; ++i) ASSERT_FALSE(reserve_login_attempt(store, start, limits).retry_after);
    LoginAttempt right = reserve_login_attempt(store, start, limits);
    login_attempt_succeeded(store, right, limits);
    EXPECT_TRUE(store.login_failures_since(limits[0].key, start).empty());
    // The address keeps the five failures, not the success.
    EXPECT_EQ(store.login_failures_since(limits[1].key, start).size(), 5u);
}

TEST(SetupToken, OnlyWhileNobodyHasAnAccount) {
    fakes::FakeWorld world;
    std::optional<std::string> token = prepare_setup_token(world.services);
    ASSERT_TRUE(token);
    EXPECT_EQ(token->size(), 43u);
    EXPECT_EQ(world.store.setting(setup_token_setting), secret_hash(*token));
    EXPECT_TRUE(setup_token_matches(world.services, *token));
    EXPECT_FALSE(setup_token_matches(world.services, *token + "x"));
    EXPECT_FALSE(setup_token_matches(world.services, ""));

    std::optional<std::string> again = prepare_setup_token(world.services);
    ASSERT_TRUE(again);
    EXPECT_FALSE(setup_token_matches(world.services, *token));  // replaced at each start

    NewUser user;
    user.id = "u1";
    user.email = "u@example.org";
    ASSERT_TRUE(world.store.create_user(user).ok());
    EXPECT_EQ(prepare_setup_token(world.services), std::nullopt);
    EXPECT_EQ(world.store.setting(setup_token_setting), std::nullopt);
}

}  // namespace
}  // namespace ritme::http

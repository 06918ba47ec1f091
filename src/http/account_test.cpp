// Setup, login and logout, tokens and /me through the whole dispatcher, on fakes.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/api/routes.hpp"
#include "http/auth.hpp"
#include "http/credentials.hpp"
#include "http/test_fakes.hpp"

namespace ritme::http {
namespace {

using namespace std::chrono_literals;

class Account : public ::testing::Test {
protected:
    Account() : api_(world_.services, ApiOptions{}, add_account_routes) {}

    Response call(const std::string& method, const std::string& path, const Json& body = nullptr,
                  const std::string& as = "") {
        Request request;
        request.method = method;
        request.path = path;
        request.remote_address = address_;
        if (!body.is_null()) {
            request.body = body.dump();
            request.headers["content-type"] = "application/json";
        }
        if (as == "cookie") {
            request.headers["cookie"] = "ritme_session=" + cookie_;
            request.headers["x-csrf-token"] = csrf_;
        } else if (!as.empty()) {
            request.headers["authorization"] = "Bearer " + as;
        }
        return api_.handle(request);
    }

    static Json json(const Response& response) { return Json::parse(response.body); }
    static std::string code(const Response& response) { return json(response)["error"]["code"]; }

    std::string add_person(const std::string& email, const std::string& password, Role role = Role::member) {
        NewUser user;
        user.id = world_.ids.new_id();
        user.email = email;
        user.name = "Person " + email;
        user.role = role;
        user.password_hash = world_.passwords.hash(password);
        EXPECT_TRUE(world_.store.create_user(user).ok());
        return user.id;
    }

    // Signs in and keeps the session's cookie and CSRF token.
    Response sign_in(const std::string& email, const std::string& password) {
        Response response = call("POST", "/api/v1/auth/login", {{"email", email}, {"password", password}});
        if (response.status == 200) {
            std::string cookie = *response.header("Set-Cookie");
            cookie_ = cookie.substr(std::string("ritme_session=").size(),
                                    cookie.find(';') - std::string("ritme_session=").size());
            csrf_ = json(response)["csrf_token"];
        }
        return response;
    }

    fakes::FakeWorld world_;
    Api api_;
    std::string cookie_, csrf_;
    std::string address_ = "192.0.2.10";
};

// --- setup ------------------------------------------------------------------------------

TEST_F(Account, SetupCreatesTheFirstAdminOnce) {
    std::string token = *prepare_setup_token(world_.services);
    Json body = {
        {"token", token}, {"email", "Coach@Example.org"}, {"name", "Coach"}, {"password", "a long enough password"}};
    Response created = call("POST", "/api/v1/setup", body);
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(json(created)["role"], "admin");
    EXPECT_EQ(json(created)["email"], "coach@example.org");
    EXPECT_EQ(world_.store.setting(setup_token_setting), std::nullopt);
    EXPECT_EQ(sign_in("coach@example.org", "a long enough password").status, 200);

    Response again = call("POST", "/api/v1/setup", body);
    EXPECT_EQ(again.status, 409);
    EXPECT_EQ(code(again), "conflict");
}

TEST_F(Account, SetupRefusesAWrongToken) {
    std::string token = *prepare_setup_token(world_.services);
    Json body = {{"token", token + "x"},
                 {"email", "coach@example.org"},
                 {"name", "Coach"},
                 {"password", "a long enough password"}};
    Response response = call("POST", "/api/v1/setup", body);
    EXPECT_EQ(response.status, 403);
    EXPECT_EQ(code(response), "forbidden");
    EXPECT_EQ(world_.store.count_users(), 0);
}

TEST_F(Account, SetupValidates) {
    std::string token = *prepare_setup_token(world_.services);
    auto attempt = [&](Json body) {
        body["token"] = token;
        return call("POST", "/api/v1/setup", body);
    };
    Response bad_email =
        attempt({{"email", "not-an-email"}, {"name", "Coach"}, {"password", "a long enough password"}});
    EXPECT_EQ(bad_email.status, 422);
    EXPECT_EQ(json(bad_email)["error"]["field"], "email");
    Response short_password = attempt({{"email", "c@example.org"}, {"name", "Coach"}, {"password", "short"}});
    EXPECT_EQ(short_password.status, 422);
    EXPECT_EQ(json(short_password)["error"]["field"], "password");
    Response no_name = attempt({{"email", "c@example.org"}, {"name", " "}, {"password", "a long enough password"}});
    EXPECT_EQ(no_name.status, 422);
    EXPECT_EQ(json(no_name)["error"]["field"], "name");
    Response long_name =
        attempt({{"email", "c@example.org"}, {"name", std::string(201, 'n')}, {"password", "a long enough password"}});
    EXPECT_EQ(json(long_name)["error"]["field"], "name");
    Response extra =
        attempt({{"email", "c@example.org"}, {"name", "C"}, {"password", "a long enough password"}, {"role", "x"}});
    EXPECT_EQ(extra.status, 422);
    EXPECT_EQ(json(extra)["error"]["field"], "role");
    EXPECT_EQ(world_.store.count_users(), 0);
}

// --- login and logout -------------------------------------------------------------------

TEST_F(Account, LoginGivesACookieAndACsrfToken) {
    std::string id = add_person("ann@example.org", "correct horse battery");
    Response response = sign_in("Ann@Example.org", "correct horse battery");
    ASSERT_EQ(response.status, 200) << response.body;
    EXPECT_EQ(json(response)["user"]["id"], id);
    EXPECT_EQ(json(response)["user"]["email"], "ann@example.org");
    EXPECT_EQ(json(response)["csrf_token"].get<std::string>().size(), 43u);
    std::string cookie = *response.header("Set-Cookie");
    EXPECT_TRUE(cookie.starts_with("ritme_session="));
    EXPECT_NE(cookie.find("; Path=/"), std::string::npos);
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
    EXPECT_EQ(response.header("Cache-Control"), "no-store");
    EXPECT_EQ(world_.store.session_count(), 1u);

    Response me = call("GET", "/api/v1/me", nullptr, "cookie");
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(json(me)["id"], id);
    Response session = call("GET", "/api/v1/auth/session", nullptr, "cookie");
    EXPECT_EQ(json(session)["csrf_token"], csrf_);
}

TEST_F(Account, WrongCredentialsAnswerTheSame) {
    add_person("ann@example.org", "correct horse battery");
    Response wrong_password = sign_in("ann@example.org", "wrong horse battery");
    Response unknown = sign_in("nobody@example.org", "correct horse battery");
    EXPECT_EQ(wrong_password.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong_password.body, unknown.body);
    EXPECT_EQ(code(unknown), "unauthenticated");
    EXPECT_EQ(wrong_password.header("Set-Cookie"), std::nullopt);
}

TEST_F(Account, LoginIsThrottledAfterTenFailures) {
    add_person("ann@example.org", "correct horse battery");
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(sign_in("ann@example.org", "guess " + std::to_string(i)).status, 401);
        world_.clock.at += 10s;
    }
    // The first failure was 100 s ago: it leaves the window in 500 s.
    Response throttled = sign_in("ann@example.org", "correct horse battery");
    EXPECT_EQ(throttled.status, 429);
    EXPECT_EQ(code(throttled), "rate_limited");
    EXPECT_EQ(throttled.header("Retry-After"), "500");

    world_.clock.at += 500s;
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    // Success cleared the account's failures; the address's stay until they age out.
    address_ = "192.0.2.99";
    EXPECT_EQ(sign_in("ann@example.org", "wrong").status, 401);
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
}

TEST_F(Account, ThrottlingByAddressCoversManyAccounts) {
    for (int i = 0; i < max_address_login_failures; ++i) {
        EXPECT_EQ(sign_in("user" + std::to_string(i) + "@example.org", "x").status, 401);
    }
    Response throttled = sign_in("someone@example.org", "x");
    EXPECT_EQ(throttled.status, 429);
    EXPECT_EQ(throttled.header("Retry-After"), "600");
}

TEST_F(Account, TheOwnerFromAnotherAddressIsNotLockedOut) {
    add_person("ann@example.org", "correct horse battery");
    for (int i = 0; i < max_login_failures; ++i) EXPECT_EQ(sign_in("ann@example.org", "guess").status, 401);
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 429);
    address_ = "198.51.100.20";
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    // Successes from one address (an office behind one NAT) never add up to its limit.
    for (int i = 0; i < max_address_login_failures + 5; ++i) {
        ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200) << i;
    }
}

TEST_F(Account, LogoutKillsTheSession) {
    add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    Response out = call("POST", "/api/v1/auth/logout", nullptr, "cookie");
    EXPECT_EQ(out.status, 204);
    EXPECT_NE(out.header("Set-Cookie")->find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(world_.store.session_count(), 0u);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 401);
    EXPECT_EQ(call("POST", "/api/v1/auth/logout").status, 401);
}

// --- tokens -----------------------------------------------------------------------------

TEST_F(Account, AccessTokens) {
    std::string id = add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    Response created = call("POST", "/api/v1/tokens", {{"name", "laptop"}}, "cookie");
    ASSERT_EQ(created.status, 201) << created.body;
    std::string token = json(created)["token"];
    std::string token_id = json(created)["id"];
    EXPECT_TRUE(token.starts_with("rt_"));
    EXPECT_EQ(json(created)["name"], "laptop");
    EXPECT_EQ(json(created)["created_at"], "2026-11-26T09:00:00Z");

    Response me = call("GET", "/api/v1/me", nullptr, token);
    EXPECT_EQ(me.status, 200);
    EXPECT_EQ(json(me)["id"], id);

    Response listed = call("GET", "/api/v1/tokens", nullptr, token);
    ASSERT_EQ(json(listed)["tokens"].size(), 1u);
    EXPECT_EQ(json(listed)["tokens"][0]["id"], token_id);
    EXPECT_FALSE(json(listed)["tokens"][0].contains("token"));
    EXPECT_EQ(listed.body.find(token), std::string::npos);

    // Somebody else's token id is not found.
    add_person("bob@example.org", "bobs long password");
    ASSERT_EQ(sign_in("bob@example.org", "bobs long password").status, 200);
    EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, nullptr, "cookie").status, 404);

    EXPECT_EQ(call("DELETE", "/api/v1/tokens/" + token_id, nullptr, token).status, 204);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, token).status, 401);
    EXPECT_EQ(call("POST", "/api/v1/tokens", {{"name", ""}}, "cookie").status, 422);
    EXPECT_EQ(call("POST", "/api/v1/tokens", Json::object(), "cookie").status, 422);
}

// --- /me --------------------------------------------------------------------------------

TEST_F(Account, MeShowsThePeer) {
    std::string ann = add_person("ann@example.org", "correct horse battery");
    std::string bob = add_person("bob@example.org", "bobs long password");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    Json me = json(call("GET", "/api/v1/me", nullptr, "cookie"));
    EXPECT_EQ(me, Json::parse(R"({"id":")" + ann +
                              R"(","email":"ann@example.org","name":"Person ann@example.org","role":"member",)"
                              R"("locale":"nl","timezone":"Europe/Amsterdam","workdays":[1,2,3,4,5],"peer":null})"));
    world_.store.set_peer(ann, bob);
    me = json(call("GET", "/api/v1/me", nullptr, "cookie"));
    EXPECT_EQ(me["peer"], (Json{{"id", bob}, {"name", "Person bob@example.org"}}));
}

TEST_F(Account, PatchMe) {
    add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    Response changed =
        call("PATCH", "/api/v1/me",
             {{"name", "Ann B."}, {"locale", "en"}, {"timezone", "America/New_York"}, {"workdays", {1, 3}}}, "cookie");
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(json(changed)["name"], "Ann B.");
    EXPECT_EQ(json(changed)["locale"], "en");
    EXPECT_EQ(json(changed)["timezone"], "America/New_York");
    EXPECT_EQ(json(changed)["workdays"], Json::parse("[1,3]"));

    Response sorted = call("PATCH", "/api/v1/me", {{"workdays", {5, 1, 2}}}, "cookie");
    EXPECT_EQ(json(sorted)["workdays"], Json::parse("[1,2,5]"));
    EXPECT_EQ(json(sorted)["name"], "Ann B.");  // untouched

    auto field_of = [&](const Json& body) {
        Response response = call("PATCH", "/api/v1/me", body, "cookie");
        EXPECT_EQ(response.status, 422) << body.dump();
        return json(response)["error"]["field"].get<std::string>();
    };
    EXPECT_EQ(field_of({{"locale", "de"}}), "locale");
    EXPECT_EQ(field_of({{"timezone", "Mars/Olympus"}}), "timezone");
    EXPECT_EQ(field_of({{"workdays", {0}}}), "workdays");
    EXPECT_EQ(field_of({{"workdays", {8}}}), "workdays");
    EXPECT_EQ(field_of({{"workdays", "weekdays"}}), "workdays");
    EXPECT_EQ(field_of({{"name", ""}}), "name");
    EXPECT_EQ(field_of({{"role", "admin"}}), "role");
    EXPECT_EQ(field_of({{"email", "x@example.org"}}), "email");
    EXPECT_EQ(json(call("GET", "/api/v1/me", nullptr, "cookie"))["role"], "member");
}

TEST_F(Account, DeleteMe) {
    std::string ann = add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    Response wrong = call("DELETE", "/api/v1/me", {{"password", "wrong"}}, "cookie");
    EXPECT_EQ(wrong.status, 403);
    EXPECT_EQ(code(wrong), "forbidden");
    EXPECT_TRUE(world_.store.find_user(ann));
    EXPECT_EQ(call("DELETE", "/api/v1/me", nullptr, "cookie").status, 422);

    Response erased = call("DELETE", "/api/v1/me", {{"password", "correct horse battery"}}, "cookie");
    EXPECT_EQ(erased.status, 204);
    EXPECT_NE(erased.header("Set-Cookie")->find("Max-Age=0"), std::string::npos);
    EXPECT_FALSE(world_.store.find_user(ann));
    EXPECT_EQ(world_.store.session_count(), 0u);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 401);
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 401);
}

// --- passwords and sessions ------------------------------------------------------------------

// Runs each job at once and keeps the letters.
class KeepingOutbox : public Outbox {
public:
    void post(std::function<std::optional<Letter>()> job) override {
        if (std::optional<Letter> letter = job()) letters.push_back(*letter);
    }
    std::vector<Letter> letters;
};

TEST_F(Account, ChangingThePasswordEndsEveryOtherSessionAndToken) {
    add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    std::string first_cookie = cookie_, first_csrf = csrf_;
    std::string token = json(call("POST", "/api/v1/tokens", {{"name", "laptop"}}, "cookie"))["token"];
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);

    Response wrong = call("POST", "/api/v1/me/password",
                          {{"current_password", "wrong"}, {"new_password", "a brand new password"}}, "cookie");
    EXPECT_EQ(wrong.status, 403);
    Response short_one = call("POST", "/api/v1/me/password",
                              {{"current_password", "correct horse battery"}, {"new_password", "short"}}, "cookie");
    EXPECT_EQ(short_one.status, 422);
    EXPECT_EQ(json(short_one)["error"]["field"], "new_password");
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, token).status, 200);

    Response changed = call("POST", "/api/v1/me/password",
                            {{"current_password", "correct horse battery"}, {"new_password", "a brand new password"}},
                            "cookie");
    EXPECT_EQ(changed.status, 204);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 200);  // this session stays
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, token).status, 401);
    cookie_ = first_cookie;
    csrf_ = first_csrf;
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 401);
    EXPECT_EQ(sign_in("ann@example.org", "correct horse battery").status, 401);
    EXPECT_EQ(sign_in("ann@example.org", "a brand new password").status, 200);
}

TEST_F(Account, APasswordResetMailsOnlyAMemberAndItsLinkWorksOnce) {
    KeepingOutbox outbox;
    world_.services.outbox = &outbox;
    std::string ann = add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);

    Response known = call("POST", "/api/v1/auth/password-reset", {{"email", "Ann@Example.org"}});
    Response unknown = call("POST", "/api/v1/auth/password-reset", {{"email", "nobody@example.org"}});
    EXPECT_EQ(known.status, 202);
    EXPECT_EQ(unknown.status, 202);
    EXPECT_EQ(known.body, unknown.body);
    ASSERT_EQ(outbox.letters.size(), 1u);
    EXPECT_EQ(outbox.letters[0].to, "ann@example.org");
    const std::string& body = outbox.letters[0].body;
    std::size_t at = body.find("http://ritme.test/password-reset/");
    ASSERT_NE(at, std::string::npos);
    std::string token = body.substr(body.find("/password-reset/") + 16, 43);

    EXPECT_EQ(call("POST", "/api/v1/auth/password-reset/" + token, {{"password", "short"}}).status, 422);
    world_.clock.at += std::chrono::minutes(59);
    EXPECT_EQ(call("POST", "/api/v1/auth/password-reset/" + token, {{"password", "a brand new password"}}).status, 204);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 401);
    EXPECT_EQ(call("POST", "/api/v1/auth/password-reset/" + token, {{"password", "another new password"}}).status, 404);
    EXPECT_EQ(sign_in("ann@example.org", "a brand new password").status, 200);

    // A link an hour old is expired.
    call("POST", "/api/v1/auth/password-reset", {{"email", "ann@example.org"}});
    ASSERT_EQ(outbox.letters.size(), 2u);
    std::string later = outbox.letters[1].body.substr(outbox.letters[1].body.find("/password-reset/") + 16, 43);
    world_.clock.at += std::chrono::hours(1);
    EXPECT_EQ(call("POST", "/api/v1/auth/password-reset/" + later, {{"password", "another new password"}}).status, 404);
    (void)ann;
}

TEST_F(Account, SessionsEndAfterTheIdleTimeoutUnlessUsed) {
    world_.services.session_idle_timeout = std::chrono::hours(8);
    add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    world_.clock.at += std::chrono::hours(7);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 200);
    world_.clock.at += std::chrono::hours(7);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 200);  // 7 hours since the last use
    world_.clock.at += std::chrono::hours(8);
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 401);
}

TEST_F(Account, SessionsAreListedWithoutSecretsAndEndedOnlyByTheirPerson) {
    add_person("bob@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("bob@example.org", "correct horse battery").status, 200);
    std::string bob_cookie = cookie_, bob_csrf = csrf_;
    std::string bob_session = json(call("GET", "/api/v1/me/sessions", nullptr, "cookie"))["sessions"][0]["id"];
    add_person("ann@example.org", "correct horse battery");
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);
    ASSERT_EQ(sign_in("ann@example.org", "correct horse battery").status, 200);

    Response listed = call("GET", "/api/v1/me/sessions", nullptr, "cookie");
    ASSERT_EQ(listed.status, 200);
    Json sessions = json(listed)["sessions"];
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(listed.body.find(cookie_), std::string::npos);
    EXPECT_EQ(listed.body.find(secret_hash(cookie_)), std::string::npos);
    EXPECT_EQ(listed.body.find(csrf_), std::string::npos);
    EXPECT_EQ(call("DELETE", "/api/v1/me/sessions/" + bob_session, nullptr, "cookie").status, 404);

    Response ended = call("POST", "/api/v1/me/sessions/end-others", nullptr, "cookie");
    EXPECT_EQ(json(ended)["ended"], 1);
    EXPECT_EQ(json(call("GET", "/api/v1/me/sessions", nullptr, "cookie"))["sessions"].size(), 1u);
    cookie_ = bob_cookie;
    csrf_ = bob_csrf;
    EXPECT_EQ(call("GET", "/api/v1/me", nullptr, "cookie").status, 200);
}

TEST(Devices, AreReadFromTheUserAgent) {
    EXPECT_EQ(device_of("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"), "Firefox, Linux");
    EXPECT_EQ(device_of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
                        "Gecko) Version/17.5 Mobile/15E148 Safari/604.1"),
              "Safari, iPhone");
    EXPECT_EQ(device_of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"),
              "Edge, Windows");
    EXPECT_EQ(device_of("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile "
                        "Safari/537.36"),
              "Chrome, Android");
    EXPECT_EQ(device_of("curl/8.8.0"), "curl");
    EXPECT_EQ(device_of(""), "");
}

}  // namespace
}  // namespace ritme::http

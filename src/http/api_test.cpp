// The dispatcher's shared rules, on a few routes of its own and an in-memory store.
#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/api/routes.hpp"
#include "http/auth.hpp"
#include "http/log.hpp"
#include "http/test_fakes.hpp"

namespace ritme::http {
namespace {

using namespace std::chrono_literals;

void add_test_routes(Router& router) {
    router.add({"POST", "/api/v1/echo", Access::member,
                [](Call& call) { return json_response(200, call.body != nullptr ? *call.body : Json(nullptr)); },
                "Echo"});
    router.add({"GET", "/api/v1/whoami", Access::member,
                [](Call& call) {
                    return json_response(200, Json{{"id", call.caller->user.id}});
                },
                "Who am I"});
    router.add({"DELETE", "/api/v1/whoami", Access::member, [](Call&) { return no_content(); }, "Forget me"});
    router.add(
        {"GET", "/api/v1/admin", Access::admin, [](Call&) { return json_response(200, Json::object()); }, "Admins"});
    router.add({"POST", "/api/v1/open", Access::anonymous,
                [](Call& call) {
                    return json_response(200, Json{{"signed_in", call.caller != nullptr}});
                },
                "Open"});
    router.add({"GET", "/api/v1/things/{thing}/parts/{part}", Access::member,
                [](Call& call) {
                    return json_response(200, Json{{"thing", call.params.at("thing")}});
                },
                "A part"});
    router.add({"GET", "/api/v1/boom", Access::member,
                [](Call&) -> Response { throw std::runtime_error("the database fell over"); }, "Fails"});
    router.add({"POST", "/api/v1/cookie", Access::anonymous,
                [](Call&) {
                    Response response = no_content();
                    response.set_header("Set-Cookie", session_cookie("abc"));
                    return response;
                },
                "Sets a cookie"});
}

class Dispatcher : public ::testing::Test {
protected:
    Dispatcher() : api_(world_.services, ApiOptions{}, add_test_routes) {
        alice_ = person("id-alice", "alice@example.org", Role::member);
        admin_ = person("id-admin", "admin@example.org", Role::admin);
        StartedSession started = start_session(world_.services, alice_);
        cookie_ = started.cookie_value;
        csrf_ = started.session.csrf_token;
        token_ = issue_access_token(world_.services, alice_, "laptop").secret;
        admin_token_ = issue_access_token(world_.services, admin_, "admin").secret;
    }

    std::string person(const std::string& id, const std::string& email, Role role) {
        NewUser user;
        user.id = id;
        user.email = email;
        user.name = email.substr(0, email.find('@'));
        user.role = role;
        user.password_hash = "plain:correct horse battery";
        EXPECT_TRUE(world_.store.create_user(user).ok());
        return id;
    }

    static Request request(std::string method, std::string path, std::string body = "") {
        Request request;
        request.method = std::move(method);
        request.path = std::move(path);
        request.body = std::move(body);
        if (!request.body.empty()) request.headers["content-type"] = "application/json";
        request.remote_address = "192.0.2.1";
        return request;
    }
    Request with_cookie(Request request, bool csrf = true) {
        request.headers["cookie"] = "theme=dark; ritme_session=" + cookie_;
        if (csrf) request.headers["x-csrf-token"] = csrf_;
        return request;
    }
    Request with_token(Request request, const std::string& token) {
        request.headers["authorization"] = "Bearer " + token;
        return request;
    }

    static std::string code_of(const Response& response) {
        return Json::parse(response.body).at("error").at("code").get<std::string>();
    }

    fakes::FakeWorld world_;
    Api api_;
    std::string alice_, admin_, cookie_, csrf_, token_, admin_token_;
};

TEST_F(Dispatcher, UnknownPathIsNotFoundJson) {
    Response response = api_.handle(request("GET", "/api/v1/nothing/here"));
    EXPECT_EQ(response.status, 404);
    EXPECT_EQ(code_of(response), "not_found");
    EXPECT_EQ(response.header("content-type"), "application/json; charset=utf-8");
}

TEST_F(Dispatcher, WrongMethodIs405WithAllow) {
    Response response = api_.handle(with_token(request("PUT", "/api/v1/whoami", "{}"), token_));
    EXPECT_EQ(response.status, 405);
    EXPECT_EQ(response.header("allow"), "GET, DELETE");
    EXPECT_EQ(code_of(response), "method_not_allowed");
}

TEST_F(Dispatcher, BodyOverTheLimitIs413) {
    std::string body = "{\"a\":\"" + std::string(1024 * 1024 - 7, 'a') + "\"}";  // exactly 1 MiB + 1
    ASSERT_EQ(body.size(), 1024u * 1024u + 1);
    Response response = api_.handle(with_token(request("POST", "/api/v1/echo", body), token_));
    EXPECT_EQ(response.status, 413);
    EXPECT_EQ(code_of(response), "payload_too_large");

    std::string fits = "{\"a\":\"" + std::string(1024 * 1024 - 8, 'a') + "\"}";
    EXPECT_EQ(api_.handle(with_token(request("POST", "/api/v1/echo", fits), token_)).status, 200);
}

TEST_F(Dispatcher, BodyRulesComeBeforeAuthentication) {
    std::string body(1024 * 1024 + 1, ' ');
    EXPECT_EQ(api_.handle(request("POST", "/api/v1/echo", body)).status, 413);
}

TEST_F(Dispatcher, OtherMediaTypesAre415) {
    Request plain = with_token(request("POST", "/api/v1/echo", "{}"), token_);
    plain.headers["content-type"] = "text/plain";
    Response response = api_.handle(plain);
    EXPECT_EQ(response.status, 415);
    EXPECT_EQ(code_of(response), "unsupported_media_type");

    Request missing = with_token(request("POST", "/api/v1/echo", "{}"), token_);
    missing.headers.erase("content-type");
    EXPECT_EQ(api_.handle(missing).status, 415);

    Request lookalike = with_token(request("POST", "/api/v1/echo", "{}"), token_);
    lookalike.headers["content-type"] = "application/jsonx";
    EXPECT_EQ(api_.handle(lookalike).status, 415);

    for (const char* accepted :
         {"application/json; charset=utf-8", "Application/JSON", " application/json ;charset=UTF-8"}) {
        Request request_with = with_token(request("POST", "/api/v1/echo", "{\"a\":1}"), token_);
        request_with.headers["content-type"] = accepted;
        EXPECT_EQ(api_.handle(request_with).status, 200) << accepted;
    }
}

TEST_F(Dispatcher, InvalidUtf8Is400) {
    for (std::string body : {std::string("{\"a\":\"\xff\"}"), std::string("{\"a\":\"\xc3\"}"),
                             std::string("{\"a\":\"\xc0\xaf\"}"), std::string("{\"a\":\"\xed\xa0\x80\"}")}) {
        Response response = api_.handle(with_token(request("POST", "/api/v1/echo", body), token_));
        EXPECT_EQ(response.status, 400);
        EXPECT_EQ(code_of(response), "bad_request");
    }
    Response fine = api_.handle(with_token(request("POST", "/api/v1/echo", "{\"a\":\"één 🙂\"}"), token_));
    EXPECT_EQ(fine.status, 200);
    EXPECT_EQ(Json::parse(fine.body)["a"], "één 🙂");
}

TEST_F(Dispatcher, InvalidJsonIs400) {
    for (const char* body : {"{", "{\"a\":}", "nope", "{\"a\":1} x", "{\"a\":\"\\ud800\"}"}) {
        Response response = api_.handle(with_token(request("POST", "/api/v1/echo", body), token_));
        EXPECT_EQ(response.status, 400) << body;
        EXPECT_EQ(code_of(response), "bad_request");
    }
}

TEST_F(Dispatcher, DeepNestingIs400) {
    std::string deep = std::string(100000, '[') + std::string(100000, ']');
    EXPECT_EQ(api_.handle(with_token(request("POST", "/api/v1/echo", deep), token_)).status, 400);
    std::string brackets_in_text = "{\"a\":\"" + std::string(100, '[') + "\"}";
    EXPECT_EQ(api_.handle(with_token(request("POST", "/api/v1/echo", brackets_in_text), token_)).status, 200);
}

TEST_F(Dispatcher, EmptyBodyIsNoBody) {
    Request request_without = with_token(request("POST", "/api/v1/echo"), token_);
    Response response = api_.handle(request_without);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "null");
}

TEST_F(Dispatcher, MemberRoutesNeedAuthentication) {
    Response response = api_.handle(request("GET", "/api/v1/whoami"));
    EXPECT_EQ(response.status, 401);
    EXPECT_EQ(code_of(response), "unauthenticated");
    EXPECT_EQ(api_.handle(with_token(request("GET", "/api/v1/whoami"), "rt_wrong")).status, 401);
    EXPECT_EQ(api_.handle(with_token(request("GET", "/api/v1/whoami"), "")).status, 401);

    Request bad_cookie = request("GET", "/api/v1/whoami");
    bad_cookie.headers["cookie"] = "ritme_session=forged";
    EXPECT_EQ(api_.handle(bad_cookie).status, 401);

    // A wrong bearer token does not fall back to a valid cookie.
    EXPECT_EQ(api_.handle(with_token(with_cookie(request("GET", "/api/v1/whoami")), "rt_wrong")).status, 401);
}

TEST_F(Dispatcher, SessionCookieAndBearerTokenBothWork) {
    Response by_cookie = api_.handle(with_cookie(request("GET", "/api/v1/whoami"), false));
    EXPECT_EQ(by_cookie.status, 200);
    EXPECT_EQ(Json::parse(by_cookie.body)["id"], alice_);
    Response by_token = api_.handle(with_token(request("GET", "/api/v1/whoami"), token_));
    EXPECT_EQ(by_token.status, 200);
    EXPECT_EQ(Json::parse(by_token.body)["id"], alice_);
    Request lower_scheme = request("GET", "/api/v1/whoami");
    lower_scheme.headers["authorization"] = "bearer " + token_;
    EXPECT_EQ(api_.handle(lower_scheme).status, 200);
}

TEST_F(Dispatcher, ExpiredSessionIs401) {
    world_.clock.at += session_lifetime + 1s;
    EXPECT_EQ(api_.handle(with_cookie(request("GET", "/api/v1/whoami"))).status, 401);
    EXPECT_EQ(world_.store.session_count(), 0u);
}

TEST_F(Dispatcher, CookieCallsThatChangeStateNeedTheCsrfToken) {
    Response missing = api_.handle(with_cookie(request("POST", "/api/v1/echo", "{}"), false));
    EXPECT_EQ(missing.status, 403);
    EXPECT_EQ(code_of(missing), "forbidden");

    Request wrong = with_cookie(request("DELETE", "/api/v1/whoami"), false);
    wrong.headers["x-csrf-token"] = csrf_.substr(1) + "x";
    EXPECT_EQ(api_.handle(wrong).status, 403);
    Request empty = with_cookie(request("DELETE", "/api/v1/whoami"), false);
    empty.headers["x-csrf-token"] = "";
    EXPECT_EQ(api_.handle(empty).status, 403);

    EXPECT_EQ(api_.handle(with_cookie(request("POST", "/api/v1/echo", "{}"))).status, 200);
    EXPECT_EQ(api_.handle(with_cookie(request("DELETE", "/api/v1/whoami"))).status, 204);
    // Reading needs none.
    EXPECT_EQ(api_.handle(with_cookie(request("GET", "/api/v1/whoami"), false)).status, 200);
}

TEST_F(Dispatcher, BearerCallsNeedNoCsrfToken) {
    EXPECT_EQ(api_.handle(with_token(request("POST", "/api/v1/echo", "{}"), token_)).status, 200);
    EXPECT_EQ(api_.handle(with_token(request("DELETE", "/api/v1/whoami"), token_)).status, 204);
}

TEST_F(Dispatcher, AnonymousRoutesResolveTheCallerButIgnoreASessionWithoutCsrf) {
    EXPECT_EQ(Json::parse(api_.handle(request("POST", "/api/v1/open")).body)["signed_in"], false);
    EXPECT_EQ(Json::parse(api_.handle(with_token(request("POST", "/api/v1/open"), token_)).body)["signed_in"], true);
    EXPECT_EQ(Json::parse(api_.handle(with_cookie(request("POST", "/api/v1/open"))).body)["signed_in"], true);
    Response without_csrf = api_.handle(with_cookie(request("POST", "/api/v1/open"), false));
    EXPECT_EQ(without_csrf.status, 200);
    EXPECT_EQ(Json::parse(without_csrf.body)["signed_in"], false);
}

TEST_F(Dispatcher, AdminRoutes) {
    EXPECT_EQ(api_.handle(request("GET", "/api/v1/admin")).status, 401);
    Response member = api_.handle(with_token(request("GET", "/api/v1/admin"), token_));
    EXPECT_EQ(member.status, 403);
    EXPECT_EQ(code_of(member), "forbidden");
    EXPECT_EQ(api_.handle(with_token(request("GET", "/api/v1/admin"), admin_token_)).status, 200);
}

TEST_F(Dispatcher, PathParametersReachTheHandler) {
    Response response = api_.handle(with_token(request("GET", "/api/v1/things/t1/parts/p2"), token_));
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(Json::parse(response.body)["thing"], "t1");
}

TEST_F(Dispatcher, SecurityHeadersOnEveryAnswer) {
    std::vector<Response> responses{
        api_.handle(request("GET", "/api/v1/nothing")),
        api_.handle(request("GET", "/")),
        api_.handle(request("GET", "/api/v1/whoami")),
        api_.handle(with_token(request("GET", "/api/v1/whoami"), token_)),
        api_.handle(with_token(request("PATCH", "/api/v1/whoami"), token_)),
        api_.handle(with_token(request("POST", "/api/v1/echo", "{"), token_)),
        api_.handle(with_token(request("GET", "/api/v1/boom"), token_)),
        api_.handle(request("GET", "/healthz")),
        api_.handle(request("GET", "/metrics")),
        api_.handle(request("GET", "/api/v1/openapi.json")),
    };
    for (const Response& response : responses) {
        SCOPED_TRACE(response.status);
        EXPECT_EQ(response.header("Content-Security-Policy"),
                  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                  "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
        EXPECT_EQ(response.header("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(response.header("Referrer-Policy"), "same-origin");
        EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
    }
}

TEST_F(Dispatcher, AuthenticatedAnswersAreNotStored) {
    EXPECT_EQ(api_.handle(with_token(request("GET", "/api/v1/whoami"), token_)).header("Cache-Control"), "no-store");
    EXPECT_EQ(api_.handle(with_cookie(request("GET", "/api/v1/whoami"))).header("Cache-Control"), "no-store");
    EXPECT_EQ(api_.handle(with_token(request("GET", "/api/v1/boom"), token_)).header("Cache-Control"), "no-store");
    EXPECT_EQ(api_.handle(request("GET", "/api/v1/nothing")).header("Cache-Control"), std::nullopt);
}

TEST_F(Dispatcher, CookiesAreSecureOverTls) {
    Response plain = api_.handle(request("POST", "/api/v1/cookie"));
    EXPECT_EQ(plain.header("Set-Cookie")->find("Secure"), std::string::npos);
    EXPECT_EQ(plain.header("Cache-Control"), "no-store");

    Request over_tls = request("POST", "/api/v1/cookie");
    over_tls.tls = true;
    EXPECT_NE(api_.handle(over_tls).header("Set-Cookie")->find("; Secure"), std::string::npos);

    Api behind_proxy(world_.services, ApiOptions{.behind_tls = true}, add_test_routes);
    std::string cookie = *behind_proxy.handle(request("POST", "/api/v1/cookie")).header("Set-Cookie");
    EXPECT_EQ(cookie, "ritme_session=abc; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure");
}

TEST_F(Dispatcher, ExceptionsBecome500WithoutDetails) {
    std::vector<std::string> lines;
    set_log_writer([&](std::string_view line) { lines.emplace_back(line); });
    Response response = api_.handle(with_token(request("GET", "/api/v1/boom"), token_));
    set_log_writer(nullptr);
    EXPECT_EQ(response.status, 500);
    EXPECT_EQ(code_of(response), "internal");
    EXPECT_EQ(response.body.find("database"), std::string::npos);
    bool logged = false;
    for (const std::string& line : lines) logged = logged || line.find("the database fell over") != std::string::npos;
    EXPECT_TRUE(logged);
}

TEST_F(Dispatcher, AccessLogHasNoQueryBodyOrSecrets) {
    std::vector<std::string> lines;
    set_log_writer([&](std::string_view line) { lines.emplace_back(line); });
    Request search = with_cookie(request("POST", "/api/v1/echo", "{\"text\":\"my secret diary\"}"));
    search.query = {{"q", "private words"}};
    search.headers["authorization"] = "Bearer " + token_;
    Response response = api_.handle(search);
    set_log_writer(nullptr);
    EXPECT_EQ(response.status, 200);
    ASSERT_EQ(lines.size(), 1u);
    Json line = Json::parse(lines[0]);
    EXPECT_EQ(line["event"], "request");
    EXPECT_EQ(line["level"], "info");
    EXPECT_TRUE(line.contains("ts"));
    EXPECT_EQ(line["method"], "POST");
    EXPECT_EQ(line["route"], "/api/v1/echo");
    EXPECT_EQ(line["status"], 200);
    EXPECT_TRUE(line["duration_ms"].is_number());
    for (const std::string& secret : {std::string("private"), std::string("secret diary"), cookie_, csrf_, token_}) {
        EXPECT_EQ(lines[0].find(secret), std::string::npos) << secret;
    }
}

TEST_F(Dispatcher, ManyThreadsAtOnce) {
    std::vector<std::thread> threads;
    std::atomic<int> answered{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 100; ++i) {
                if (api_.handle(with_token(request("GET", "/api/v1/whoami"), token_)).status == 200) ++answered;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(answered.load(), 400);
    EXPECT_NE(api_.metrics().render().find("route=\"/api/v1/whoami\",method=\"GET\",status=\"200\"} 400\n"),
              std::string::npos);
}

TEST_F(Dispatcher, HealthCheck) {
    Response healthy = api_.handle(request("GET", "/healthz"));
    EXPECT_EQ(healthy.status, 200);
    EXPECT_EQ(healthy.body, "ok");
    EXPECT_EQ(healthy.header("content-type"), "text/plain; charset=utf-8");
    world_.store.healthy = false;
    EXPECT_EQ(api_.handle(request("GET", "/healthz")).status, 503);
}

TEST_F(Dispatcher, MetricsTakeAnAdminOnTheMainPortAndNobodyOnTheirOwnListener) {
    EXPECT_EQ(api_.handle(request("GET", "/metrics")).status, 401);
    EXPECT_EQ(api_.handle(with_token(request("GET", "/metrics"), token_)).status, 403);
    EXPECT_EQ(api_.handle(with_cookie(request("GET", "/metrics"))).status, 403);
    Response admin = api_.handle(with_token(request("GET", "/metrics"), admin_token_));
    EXPECT_EQ(admin.status, 200);
    EXPECT_NE(admin.body.find("ritme_http_requests_total{route=\"/metrics\",method=\"GET\",status=\"401\"} 1\n"),
              std::string::npos)
        << admin.body;

    Response listener = api_.handle_metrics_listener(request("GET", "/metrics"));
    EXPECT_EQ(listener.status, 200);
    EXPECT_EQ(listener.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    EXPECT_NE(listener.body.find("route=\"/metrics\",method=\"GET\",status=\"200\"} 1\n"), std::string::npos);
    EXPECT_EQ(listener.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(api_.handle_metrics_listener(request("GET", "/healthz")).status, 404);
    EXPECT_EQ(api_.handle_metrics_listener(with_token(request("GET", "/api/v1/whoami"), admin_token_)).status, 404);
    Response posted = api_.handle_metrics_listener(request("POST", "/metrics"));
    EXPECT_EQ(posted.status, 405);
    EXPECT_EQ(posted.header("Allow"), "GET");
}

TEST_F(Dispatcher, MetricsCountRequestsByRoutePattern) {
    api_.handle(with_token(request("GET", "/api/v1/things/a/parts/b"), token_));
    api_.handle(with_token(request("GET", "/api/v1/things/c/parts/d"), token_));
    api_.handle(request("GET", "/api/v1/nothing"));
    api_.handle(request("BREW", "/api/v1/nothing"));
    std::string text = api_.handle(with_token(request("GET", "/metrics"), admin_token_)).body;
    EXPECT_NE(text.find("ritme_http_requests_total{route=\"/api/v1/things/{thing}/parts/{part}\",method=\"GET\","
                        "status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("ritme_http_requests_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("ritme_http_requests_total{route=\"unmatched\",method=\"OTHER\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("ritme_http_request_duration_seconds_bucket{route=\"/api/v1/things/{thing}/parts/{part}\","
                        "le=\"+Inf\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("ritme_http_request_duration_seconds_count{route=\"/api/v1/things/{thing}/parts/{part}\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("# TYPE ritme_http_request_duration_seconds histogram"), std::string::npos);
    EXPECT_EQ(text.find("/api/v1/things/a/"), std::string::npos);
}

// The OpenAPI document: every route of the router with its method and path parameters.
void check_openapi_document(Api& api) {
    Request get;
    get.method = "GET";
    get.path = "/api/v1/openapi.json";
    Response response = api.handle(get);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.header("content-type"), "application/json; charset=utf-8");
    Json document = Json::parse(response.body);  // throws when it is not JSON
    EXPECT_EQ(document["openapi"], "3.1.0");
    EXPECT_TRUE(document["info"]["title"].is_string());
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("bearer"));
    EXPECT_TRUE(document["components"]["securitySchemes"].contains("cookie"));
    EXPECT_TRUE(document["components"]["schemas"].contains("Error"));

    std::set<std::string> seen;
    for (const Route& route : api.router().routes()) {
        SCOPED_TRACE(route.method + " " + route.pattern);
        std::string method = route.method;
        for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        ASSERT_TRUE(document["paths"].contains(route.pattern));
        ASSERT_TRUE(document["paths"][route.pattern].contains(method));
        const Json& operation = document["paths"][route.pattern][method];
        EXPECT_TRUE(operation["summary"].is_string());
        EXPECT_TRUE(operation["responses"].is_object());
        EXPECT_TRUE(operation["security"].is_array());
        EXPECT_TRUE(seen.insert(operation["operationId"].get<std::string>()).second);

        std::set<std::string> declared;
        for (const Json& parameter : operation.value("parameters", Json::array())) {
            if (parameter["in"] == "path") {
                EXPECT_EQ(parameter["required"], true);
                declared.insert(parameter["name"].get<std::string>());
            }
        }
        std::set<std::string> in_path;
        for (std::size_t open = route.pattern.find('{'); open != std::string::npos;
             open = route.pattern.find('{', open + 1)) {
            in_path.insert(route.pattern.substr(open + 1, route.pattern.find('}', open) - open - 1));
        }
        EXPECT_EQ(declared, in_path);
        if (route.method == "POST" || route.method == "PUT" || route.method == "PATCH") {
            EXPECT_TRUE(operation["requestBody"]["content"].contains("application/json"));
        }
    }
    for (const char* path : {"/healthz", "/metrics", "/api/v1/openapi.json", "/api/v1/auth/login", "/api/v1/me"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
    EXPECT_EQ(document["paths"]["/api/v1/me"]["get"]["security"], Json::parse(R"([{"bearer":[]},{"cookie":[]}])"));
    EXPECT_EQ(document["paths"]["/api/v1/auth/login"]["post"]["security"], Json::parse("[{}]"));
}

TEST(OpenApi, DescribesEveryRoute) {
    fakes::FakeWorld world;
    Api api(world.services, ApiOptions{}, [](Router& router) {
        add_account_routes(router);
        add_test_routes(router);
    });
    check_openapi_document(api);
}

TEST(OpenApi, DescribesTheWholeApi) {
    fakes::FakeWorld world;
    Api api(world.services);
    EXPECT_GT(api.router().routes().size(), 30u);
    check_openapi_document(api);
}

TEST_F(Dispatcher, RefusedRequestsGetTheSharedTreatment) {
    Response response = api_.refuse("GET", Error{ErrorCode::bad_request, "The address is not well-formed."});
    EXPECT_EQ(response.status, 400);
    EXPECT_EQ(code_of(response), "bad_request");
    EXPECT_EQ(response.header("X-Frame-Options"), "DENY");
    EXPECT_NE(api_.metrics().render().find("route=\"unmatched\",method=\"GET\",status=\"400\""), std::string::npos);
}

}  // namespace
}  // namespace ritme::http

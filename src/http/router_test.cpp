#include <gtest/gtest.h>

#include "http/http.hpp"

namespace ritme::http {
namespace {

Handler answering(int status) {
    return [status](Call&) {
        Response response;
        response.status = status;
        return response;
    };
}

Router sample_router() {
    Router router;
    router.add({"GET", "/api/v1/diary/{day}", Access::member, answering(1), "entry"});
    router.add({"PUT", "/api/v1/diary/{day}", Access::member, answering(2), "put entry"});
    router.add({"GET", "/api/v1/diary", Access::member, answering(3), "list"});
    router.add({"GET", "/api/v1/peer/contracts/{quarter}", Access::member, answering(4), ""});
    router.add({"POST", "/api/v1/peer/contracts/{quarter}/discussion", Access::member, answering(5), ""});
    router.add({"GET", "/api/v1/peer/{what}", Access::member, answering(6), ""});
    router.add({"GET", "/api/v1/peer/invitations", Access::member, answering(7), ""});
    return router;
}

TEST(Router, MatchesLiteralPaths) {
    Router router = sample_router();
    auto match = router.match("GET", "/api/v1/diary");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->summary, "list");
    EXPECT_TRUE(match.params.empty());
    EXPECT_TRUE(match.path_known);
}

TEST(Router, GivesParameters) {
    Router router = sample_router();
    auto match = router.match("PUT", "/api/v1/diary/2026-11-26");
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(match.route->summary, "put entry");
    EXPECT_EQ(match.params.at("day"), "2026-11-26");

    auto nested = router.match("POST", "/api/v1/peer/contracts/2026-Q4/discussion");
    ASSERT_NE(nested.route, nullptr);
    EXPECT_EQ(nested.params.at("quarter"), "2026-Q4");
}

TEST(Router, LiteralSegmentBeatsParameter) {
    Router router = sample_router();
    auto literal = router.match("GET", "/api/v1/peer/invitations");
    ASSERT_NE(literal.route, nullptr);
    EXPECT_EQ(literal.route->pattern, "/api/v1/peer/invitations");
    EXPECT_TRUE(literal.params.empty());
    auto parameter = router.match("GET", "/api/v1/peer/diary");
    ASSERT_NE(parameter.route, nullptr);
    EXPECT_EQ(parameter.params.at("what"), "diary");
}

TEST(Router, KnownPathWithAnotherMethodIsNotAMatch) {
    Router router = sample_router();
    auto match = router.match("DELETE", "/api/v1/diary/2026-11-26");
    EXPECT_EQ(match.route, nullptr);
    EXPECT_TRUE(match.path_known);
    EXPECT_EQ(router.methods_for("/api/v1/diary/2026-11-26"), (std::vector<std::string>{"GET", "PUT"}));
}

TEST(Router, UnknownPaths) {
    Router router = sample_router();
    for (const char* path : {"/api/v1/nothing", "/api/v1/diary/", "/api/v1/diary/a/b", "/api/v1//2026", "",
                             "api/v1/diary", "/api/v1/diary?x=1/2"}) {
        auto match = router.match("GET", path);
        EXPECT_EQ(match.route, nullptr) << path;
        if (std::string(path) != "/api/v1/diary?x=1/2") {
            EXPECT_FALSE(match.path_known) << path;
        }
    }
}

TEST(Router, EmptySegmentNeverFillsAParameter) {
    Router router = sample_router();
    auto match = router.match("GET", "/api/v1/diary/");
    EXPECT_EQ(match.route, nullptr);
}

TEST(Router, RefusesTheSameRouteTwice) {
    Router router = sample_router();
    EXPECT_THROW(router.add({"GET", "/api/v1/diary/{other}", Access::member, answering(9), ""}), std::invalid_argument);
    EXPECT_THROW(router.add({"GET", "no-slash", Access::member, answering(9), ""}), std::invalid_argument);
    EXPECT_NO_THROW(router.add({"DELETE", "/api/v1/diary/{day}", Access::member, answering(9), ""}));
}

TEST(Responses, ErrorBodyAndStatus) {
    Response response = error_response(validation_error("minutes", "must be 0 to 600"));
    EXPECT_EQ(response.status, 422);
    EXPECT_EQ(response.header("content-type"), "application/json; charset=utf-8");
    Json body = Json::parse(response.body);
    EXPECT_EQ(body["error"]["code"], "validation_failed");
    EXPECT_EQ(body["error"]["message"], "must be 0 to 600");
    EXPECT_EQ(body["error"]["field"], "minutes");

    Json plain = Json::parse(error_response(Error{ErrorCode::not_found, "gone"}).body);
    EXPECT_FALSE(plain["error"].contains("field"));
}

TEST(Responses, EveryCodeHasItsStatus) {
    const std::pair<ErrorCode, int> expected[] = {{ErrorCode::bad_request, 400},
                                                  {ErrorCode::unauthenticated, 401},
                                                  {ErrorCode::forbidden, 403},
                                                  {ErrorCode::not_found, 404},
                                                  {ErrorCode::conflict, 409},
                                                  {ErrorCode::payload_too_large, 413},
                                                  {ErrorCode::unsupported_media_type, 415},
                                                  {ErrorCode::validation_failed, 422},
                                                  {ErrorCode::rate_limited, 429}};
    for (const auto& [code, status] : expected) {
        EXPECT_EQ(status_of(code), status) << error_code_name(code);
        EXPECT_EQ(error_response(Error{code, "x"}).status, status);
    }
}

TEST(Responses, HeadersAreCaseInsensitiveAndReplaced) {
    Response response;
    response.set_header("Content-Type", "text/plain");
    response.set_header("content-type", "application/json");
    EXPECT_EQ(response.headers.size(), 1u);
    EXPECT_EQ(response.header("CONTENT-TYPE"), "application/json");
    EXPECT_EQ(no_content().status, 204);
    EXPECT_TRUE(no_content().body.empty());
}

TEST(Requests, QueryAndHeaders) {
    Request request;
    request.query = {{"from", "2026-11-01"}, {"q", "een"}};
    request.headers = {{"content-type", "application/json"}};
    EXPECT_EQ(request.query_value("q"), "een");
    EXPECT_EQ(request.query_value("to"), std::nullopt);
    EXPECT_EQ(request.header("content-type"), "application/json");
    EXPECT_EQ(request.header("accept"), std::nullopt);
}

}  // namespace
}  // namespace ritme::http

#include "http/api.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>

#include "core/text.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "http/log.hpp"
#include "http/openapi.hpp"

namespace ritme::http {
namespace {

bool state_changing(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        char32_t code_point = 0;
        if ((byte & 0xE0) == 0xC0) {
            length = 2;
            code_point = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            code_point = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            code_point = byte & 0x07;
        } else {
            return false;
        }
        if (i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return false;
            code_point = (code_point << 6) | (next & 0x3F);
        }
        if ((length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800) ||
            (length == 4 && (code_point < 0x10000 || code_point > 0x10FFFF)) ||
            (code_point >= 0xD800 && code_point <= 0xDFFF)) {
            return false;
        }
        i += length;
    }
    return true;
}

namespace {

// "application/json", also with parameters ("; charset=utf-8"), in any case.
bool is_json_media_type(const std::optional<std::string>& content_type) {
    if (!content_type) return false;
    std::string_view type = *content_type;
    type = type.substr(0, type.find(';'));
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    constexpr std::string_view json = "application/json";
    if (type.size() != json.size()) return false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        char c = type[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != json[i]) return false;
    }
    return true;
}

Response error(ErrorCode code, std::string message) {
    return error_response(Error{code, std::move(message)});
}

Response internal_error() {
    return json_response(
        500, Json{{"error",
                   {{"code", "internal"}, {"message", "Something went wrong on the server; it has been logged."}}}});
}

}  // namespace

namespace {

bool is_set_cookie(std::string_view name) {
    return equals_ascii_ignoring_case(name, "set-cookie");
}

bool is_operations_route(const std::string& route) {
    return route == "/healthz" || route == "/metrics";
}

}  // namespace

Api::Api(Services& services, ApiOptions options, const std::function<void(Router&)>& add_routes)
    : services_(services), options_(options) {
    if (add_routes) add_routes(router_);
    add_operation_routes();
}

void Api::add_operation_routes() {
    router_.add(Route{"GET", "/healthz", Access::anonymous,
                      [this](Call&) {
                          bool reachable = false;
                          try {
                              reachable = services_.store.ping();
                          } catch (const std::exception& failure) {
                              log_warning("health_check_failed", {{"error", failure.what()}});
                          }
                          return reachable ? text_response(200, "ok") : text_response(503, "unavailable");
                      },
                      "Health: 200 ok when the database can be reached, else 503"});
    router_.add(Route{"GET", "/metrics", Access::admin, [this](Call&) { return metrics_response(); },
                      "Request counts and latencies by route and status (Prometheus text format); an admin's "
                      "bearer token, or the separate --metrics-listen address without one"});
    router_.add(Route{"GET", "/api/v1/openapi.json", Access::anonymous,
                      [this](Call&) {
                          Response response;
                          response.body = openapi_document();
                          response.set_header("Content-Type", "application/json; charset=utf-8");
                          return response;
                      },
                      "This document: the OpenAPI 3.1 description of every endpoint"});
}

const std::string& Api::openapi_document() {
    std::call_once(openapi_once_, [this] { openapi_ = http::openapi_document(router_).dump(); });
    return openapi_;
}

std::size_t Api::body_limit(const std::string& method, const std::string& path) const {
    Router::Match match = router_.match(method, path);
    bool file = match.route != nullptr && match.route->body == Route::Body::file;
    return file ? options_.max_file_body : options_.max_body;
}

Response Api::handle(const Request& request) {
    auto started = std::chrono::steady_clock::now();
    Router::Match match = router_.match(request.method, request.path);
    const std::string route = match.route != nullptr ? match.route->pattern : std::string("unmatched");

    bool authenticated = false;
    Response response;
    try {
        response = dispatch(request, match, authenticated);
    } catch (const std::exception& failure) {
        log_error("request_failed",
                  {{"method", request.method}, {"route", route}, {"path", request.path}, {"error", failure.what()}});
        response = internal_error();
    } catch (...) {
        log_error("request_failed", {{"method", request.method}, {"route", route}, {"path", request.path}});
        response = internal_error();
    }

    finish(request, route, response, authenticated, started);
    return response;
}

Response Api::metrics_response() {
    return text_response(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
}

Response Api::handle_metrics_listener(const Request& request) {
    auto started = std::chrono::steady_clock::now();
    Response response;
    std::string route = "unmatched";
    if (request.path != "/metrics") {
        response = error(ErrorCode::not_found, "This address serves /metrics only.");
    } else if (request.method != "GET" && request.method != "HEAD") {
        response = json_response(
            405, Json{{"error", {{"code", "method_not_allowed"}, {"message", request.method + " is not allowed here; use GET."}}}});
        response.set_header("Allow", "GET");
    } else {
        route = "/metrics";
        response = metrics_response();
    }
    finish(request, route, response, false, started);
    return response;
}

Response Api::refuse(const std::string& method, const Error& error) {
    auto started = std::chrono::steady_clock::now();
    Request unreadable;
    unreadable.method = method;
    unreadable.path = "(unreadable)";
    Response response = error_response(error);
    finish(unreadable, "unmatched", response, false, started);
    return response;
}

void Api::finish(const Request& request, const std::string& route, Response& response, bool authenticated,
                 std::chrono::steady_clock::time_point started) {
    // Whatever answers a request that carried credentials is private, even a refusal.
    bool sets_cookie = std::any_of(response.headers.begin(), response.headers.end(),
                                   [](const auto& header) { return is_set_cookie(header.first); });
    bool carried_credentials = request.header("authorization") || request.header("cookie");
    finish_request(request, response,
                   {route, !(authenticated || sets_cookie || carried_credentials), is_operations_route(route),
                    options_.behind_tls, started},
                   metrics_);
}

void add_security_headers(Response& response) {
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "same-origin");
    response.set_header("X-Frame-Options", "DENY");
}

void finish_request(const Request& request, Response& response, const Finish& how, Metrics& metrics) {
    add_security_headers(response);
    for (auto& [name, value] : response.headers) {
        if (!is_set_cookie(name)) continue;
        if ((request.tls || how.behind_tls) && value.find("; Secure") == std::string::npos) value += "; Secure";
    }
    if (!how.may_be_cached && !response.header("Cache-Control")) response.set_header("Cache-Control", "no-store");

    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - how.started).count();
    metrics.observe(how.route, request.method, response.status, seconds);
    Json line = {{"method", request.method},
                 {"route", how.route},
                 // Never the query (a search may hold diary text), nor a path that holds a secret.
                 {"path", how.route.find("{token}") != std::string::npos ? how.route : request.path},
                 {"status", response.status},
                 {"duration_ms", std::round(seconds * 100000.0) / 100.0}};
    if (how.quiet) {
        log_debug("request", line);  // scrapes, probes and static files would drown the rest
    } else {
        log_info("request", line);
    }
}

Response Api::dispatch(const Request& request, const Router::Match& match, bool& authenticated) {
    if (match.route == nullptr) {
        if (match.path_known) {
            std::string allow;
            for (const std::string& method : router_.methods_for(request.path)) {
                allow += (allow.empty() ? "" : ", ") + method;
            }
            Response response =
                json_response(405, Json{{"error",
                                         {{"code", "method_not_allowed"},
                                          {"message", request.method + " is not allowed here; use " + allow + "."}}}});
            response.set_header("Allow", allow);
            return response;
        }
        return error(ErrorCode::not_found, "There is nothing at this address.");
    }
    const Route& route = *match.route;

    // The body: bounded, JSON, UTF-8; or a file, bounded, read by its handler.
    std::optional<Json> body;
    if (route.body == Route::Body::file) {
        if (request.body.size() > options_.max_file_body) {
            return error(ErrorCode::payload_too_large,
                         "The file is larger than " + std::to_string(options_.max_file_body) + " bytes.");
        }
    } else if (state_changing(request.method) && !request.body.empty()) {
        if (request.body.size() > options_.max_body) {
            return error(ErrorCode::payload_too_large,
                         "The request body is larger than " + std::to_string(options_.max_body) + " bytes.");
        }
        if (!is_json_media_type(request.header("content-type"))) {
            return error(ErrorCode::unsupported_media_type, "The request body must be application/json.");
        }
        if (!valid_utf8(request.body)) return error(ErrorCode::bad_request, "The request body is not valid UTF-8.");
        Result<Json> parsed = parse_request_json(request.body);
        if (!parsed) return error_response(parsed.error());
        body = std::move(*parsed);
    }

    // Who is calling.
    std::optional<Authenticated> found = authenticate(services_, request);
    if (found && found->caller.via == Caller::Via::cookie && state_changing(request.method)) {
        std::optional<std::string> presented = request.header("x-csrf-token");
        bool valid = presented && !found->csrf_token.empty() && constant_time_equal(*presented, found->csrf_token);
        if (!valid) {
            // On an anonymous route the session simply does not count; elsewhere it must.
            if (route.access != Access::anonymous) {
                return error(ErrorCode::forbidden, "This request needs the X-CSRF-Token header of your session.");
            }
            found.reset();
        }
    }
    if (route.access != Access::anonymous && !found) {
        return error(ErrorCode::unauthenticated, "Please sign in.");
    }
    if (route.access == Access::admin && found->caller.user.role != Role::admin) {
        return error(ErrorCode::forbidden, "Only an admin may do this.");
    }
    authenticated = found.has_value();

    Call call{request, match.params, found ? &found->caller : nullptr, body ? &*body : nullptr, services_};
    return route.handler(call);
}

}  // namespace ritme::http

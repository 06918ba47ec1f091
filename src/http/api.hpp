#pragma once
// The dispatcher: one Request in, one Response out. It applies the rules every endpoint
// shares (routing, body limits and media type, authentication, CSRF, security headers,
// metrics, the access log, the last-resort catch) and then calls the route's handler.
#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>

#include "http/http.hpp"
#include "http/metrics.hpp"

namespace ritme::http {

struct ApiOptions {
    bool behind_tls = false;             // a TLS proxy in front: cookies get Secure
    std::size_t max_body = 1024 * 1024;  // larger bodies: 413
};

// Shared with the web pages (pages/pages.hpp): the security headers every answer carries
// (a CSP without inline script or style), and the strict UTF-8 check of request bodies.
void add_security_headers(Response& response);
bool valid_utf8(std::string_view text);

class Api {
public:
    using Options = ApiOptions;

    // Serves the whole JSON API (add_account_routes, add_level_routes) and the operations
    // routes (/healthz, /metrics, /api/v1/openapi.json).
    explicit Api(Services& services, ApiOptions options = {});
    // Serves only what `add_routes` adds, plus the operations routes (for tests).
    Api(Services& services, ApiOptions options, const std::function<void(Router&)>& add_routes);

    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // Safe to call from several threads at once.
    Response handle(const Request& request);
    // An error answer with the shared headers, metrics and access log, for a request the
    // server cannot even read (e.g. a malformed percent-encoding in its target).
    Response refuse(const std::string& method, const Error& error);

    // Routes may be added (e.g. the web pages) before the first request is served.
    Router& router() { return router_; }
    const ApiOptions& options() const { return options_; }
    Services& services() { return services_; }
    Metrics& metrics() { return metrics_; }
    // The OpenAPI 3.1 document of every route; made at the first call.
    const std::string& openapi_document();

private:
    void add_operation_routes();
    Response dispatch(const Request& request, const Router::Match& match, bool& authenticated);
    void finish(const Request& request, const std::string& route, Response& response, bool authenticated,
                std::chrono::steady_clock::time_point started);

    Services& services_;
    ApiOptions options_;
    Router router_;
    Metrics metrics_;
    std::once_flag openapi_once_;
    std::string openapi_;
};

}  // namespace ritme::http

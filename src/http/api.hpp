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
    std::size_t max_file_body = 50u * 1024u * 1024u;  // on a route whose body is a file (imports)
};

// Shared with the web pages (pages/pages.hpp): the strict UTF-8 check of request bodies,
// and the one end of every request, API or page.
bool valid_utf8(std::string_view text);

// How a request ends, for `finish_request`.
struct Finish {
    std::string route;                              // the route's pattern, "unmatched", "static"
    bool may_be_cached = false;                     // else Cache-Control: no-store, unless set
    bool quiet = false;                             // logged at debug (probes, static files)
    bool behind_tls = false;                        // cookies get Secure on every request
    std::chrono::steady_clock::time_point started;  // when the request came in
};

// The end of every request, API or page: the security headers (a CSP without inline
// script or style), Secure on cookies behind TLS, no-store where it may not be cached,
// the request's metrics, and one access log line (never the query: a search may hold
// diary text).
void finish_request(const Request& request, Response& response, const Finish& how, Metrics& metrics);
// The security headers alone, for what the server answers before a request is read.
void add_security_headers(Response& response);

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
    // The metrics listener's (ServerOptions::metrics_port): GET /metrics without
    // authentication, for loopback or an internal network; nothing else.
    Response handle_metrics_listener(const Request& request);
    // An error answer with the shared headers, metrics and access log, for a request the
    // server cannot even read (e.g. a malformed percent-encoding in its target).
    Response refuse(const std::string& method, const Error& error);

    // Routes may be added (e.g. the web pages) before the first request is served.
    Router& router() { return router_; }
    const ApiOptions& options() const { return options_; }
    // The largest body a request to that method and path may have: max_file_body on a
    // route that takes a file, else max_body.
    std::size_t body_limit(const std::string& method, const std::string& path) const;
    Services& services() { return services_; }
    Metrics& metrics() { return metrics_; }
    // The OpenAPI 3.1 document of every route; made at the first call.
    const std::string& openapi_document();

private:
    void add_operation_routes();
    Response metrics_response();
    Response dispatch(const Request& request, const Router::Match& match, bool& authenticated);
    void finish(const Request& request, const std::string& route, Response& response, bool authenticated,
                std::chrono::steady_clock::time_point started);  // finish_request with the API's rules

    Services& services_;
    ApiOptions options_;
    Router router_;
    Metrics metrics_;
    std::once_flag openapi_once_;
    std::string openapi_;
};

}  // namespace ritme::http

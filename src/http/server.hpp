#pragma once
// The HTTP server: connections and HTTP/1.1 framing with their limits, in front of
// Api::handle and the pages. The only place that knows RESTinio (its asio, its URI
// helpers and the http_parser it is built on).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/api.hpp"

namespace ritme::http {

// `requested` worker threads, or with 0 eight per core: a diary write waits for its
// commit's fsync in its worker thread, and the writes waiting together share one commit,
// so more threads than cores make those groups larger (docs/BENCHMARKS.md). Of them, three
// per core compute at once; the others wait (core/waiting.hpp).
unsigned worker_threads(unsigned requested);

// What a request may be: larger gets 413 (body), 414 (target) or 431 (header fields).
inline constexpr std::size_t max_request_target_bytes = 16 * 1024;
inline constexpr std::size_t max_header_bytes = 16 * 1024;  // names and values together
inline constexpr std::size_t max_header_fields = 100;

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    unsigned threads = 0;  // worker_threads(threads)
    // Open connections at most; one more is answered 503 and closed. 0: as many as the
    // file limit leaves room for (the soft limit is raised to the hard one first), at
    // most 10,000. A larger number than the file limit allows is lowered to fit it.
    std::size_t max_connections = 0;
    std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};     // no request begun: closed
    std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};  // a request begun, not whole: 408
    std::chrono::milliseconds write_timeout{std::chrono::seconds(30)};    // an answer the client does not read
    // Every request came over TLS (a proxy in front ends it): cookies get Secure, answers
    // carry Strict-Transport-Security.
    bool behind_tls = false;
    // Peers (addresses or ranges) whose X-Forwarded-For names the client and whose
    // X-Forwarded-Proto: https marks the request as TLS. Others' are ignored.
    std::vector<std::string> trusted_proxies;
    // A second listener that answers GET /metrics without authentication (meant for
    // loopback or an internal network); port 0: none.
    std::string metrics_host = "127.0.0.1";
    std::uint16_t metrics_port = 0;
};

// What the server settled on once listening.
struct ServerStarted {
    unsigned threads = 0;
    std::size_t max_connections = 0;
    std::uint64_t file_limit = 0;
};

class Pages;
// Serves until SIGINT or SIGTERM, then stops and returns: /api/*, /healthz and /metrics
// go to `api`, every other request to `pages` (null: everything to `api`); on the metrics
// listener, everything to Api::handle_metrics_listener. `on_started`
// is called once the port is bound. Throws std::runtime_error when the port cannot be
// bound, std::invalid_argument for a trusted proxy that is not an address or range.
void serve(Api& api, Pages* pages, const ServerOptions& options, std::function<void(const ServerStarted&)> on_started);

}  // namespace ritme::http

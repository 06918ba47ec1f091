#pragma once
// The HTTP server: RESTinio in front of Api::handle. The only place that knows RESTinio.
#include <cstdint>
#include <functional>
#include <string>

#include "http/api.hpp"

namespace ritme::http {

// `requested` worker threads, or with 0 eight per core: a diary write waits for its
// commit's fsync in its worker thread, and the writes waiting together share one commit,
// so more threads than cores make those groups larger (docs/BENCHMARKS.md). Of them, three
// per core compute at once; the others wait (core/waiting.hpp).
unsigned worker_threads(unsigned requested);

// Serves `api` on host:port with worker_threads(threads) worker threads until SIGINT
// or SIGTERM, then stops gracefully and returns. `on_started` is called once the port is
// bound (e.g. to log "listening"). Throws std::runtime_error when the port cannot be bound.
void serve(Api& api, const std::string& host, std::uint16_t port, unsigned threads, std::function<void()> on_started);

class Pages;
// The same, with the web pages: /api/*, /healthz and /metrics go to `api`, every other
// request to `pages` (null: everything to `api`).
void serve(Api& api, Pages* pages, const std::string& host, std::uint16_t port, unsigned threads,
           std::function<void()> on_started);

}  // namespace ritme::http

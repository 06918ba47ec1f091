#pragma once
// The one place that wires a running server together: configuration -> the application
// (store and services) -> the JSON API and the web pages -> the HTTP server, with the
// upkeep and the reminder pass beside it.
#include <cstddef>
#include <string>
#include <vector>

namespace ritme::app {

struct ServeOptions {
    std::string database_url;
    std::string listen;
    unsigned threads = 0;  // 0: a sensible default for this machine
    std::string web_root;  // templates/ and static/; empty: found from the binary's place
    std::string smtp_url;    // set: the reminder pass runs every minute
    std::string mail_from;   // From of the reminder e-mails
    std::string public_url;  // empty: http://<listen>
    unsigned reminder_interval_seconds = 60;  // how often the reminder pass runs
    unsigned session_idle_timeout_seconds = 8 * 60 * 60;  // a session unused this long ends
    // Connections and the proxy in front (http::ServerOptions).
    std::size_t max_connections = 0;  // 0: as many as the file limit leaves room for
    unsigned idle_timeout_seconds = 60;
    unsigned request_timeout_seconds = 30;
    bool behind_tls = false;
    std::vector<std::string> trusted_proxies;
    std::string log_level = "info";  // error, warn, info or debug
    std::string metrics_listen;      // HOST:PORT of a second listener for /metrics alone; empty: none
};
// Serves until stopped (SIGINT, SIGTERM); answers the process's exit code.
int serve(const ServeOptions& options);

}  // namespace ritme::app

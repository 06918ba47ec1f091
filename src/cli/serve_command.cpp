#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "http/api.hpp"
#include "http/auth.hpp"
#include "http/log.hpp"
#include "http/pages/pages.hpp"
#include "http/server.hpp"

namespace ritme::cli {

int serve(const ServeOptions& options) {
    Result<app::ListenAddress> listen = app::parse_listen_address(options.listen);
    if (!listen) {
        std::cerr << "ritme: " << listen.error().message << "\n";
        return 1;
    }
    auto application = app::Application::open(options.database_url);
    http::Services& services = application->services();

    // An empty installation has no account: the first admin is made with this token.
    if (std::optional<std::string> token = http::prepare_setup_token(services)) {
        http::log_event(spdlog::level::warn, "setup_token",
                        {{"token", *token},
                         {"message", "No account exists yet: create the first admin at /setup or with POST /api/v1/setup"}});
    }

    // Upkeep off the request path: merging the search index, dropping expired sessions.
    std::jthread upkeep([&application](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        while (!stop.stop_requested()) {
            try {
                for (int step = 0; step < 20 && !stop.stop_requested(); ++step) {
                    if (!application->store().maintain()) break;
                }
                application->store().delete_expired_sessions(application->clock().now());
            } catch (const std::exception& failure) {
                http::log_event(spdlog::level::warn, "upkeep_failed", {{"error", failure.what()}});
            }
            std::unique_lock lock(mutex);
            wake.wait_for(lock, stop, std::chrono::seconds(5), [] { return false; });
        }
    });

    unsigned threads = options.threads != 0 ? options.threads : std::max(2U, 2 * std::thread::hardware_concurrency());
    http::Api api(services, http::ApiOptions{});
    std::error_code unknown;
    std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", unknown);
    http::Pages pages(services, api.metrics(), http::default_pages_options(executable.string(), options.web_root));
    http::serve(api, &pages, listen->host, listen->port, threads, [&] {
        http::log_event(spdlog::level::info, "listening",
                        {{"address", listen->host}, {"port", listen->port}, {"threads", threads}});
    });
    return 0;
}

}  // namespace ritme::cli

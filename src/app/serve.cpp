#include "app/serve.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#include "app/application.hpp"
#include "app/mailer.hpp"
#include "app/outbox.hpp"
#include "app/reminder_pass.hpp"
#include "core/operations/trash.hpp"
#include "http/api.hpp"
#include "http/auth.hpp"
#include "http/log.hpp"
#include "http/pages/pages.hpp"
#include "http/proxy.hpp"
#include "http/server.hpp"

namespace ritme::app {

int serve(const ServeOptions& options) {
    if (!http::set_log_level(options.log_level)) {
        std::cerr << "ritme: the log level must be error, warn, info or debug, not \"" << options.log_level << "\"\n";
        return 1;
    }
    Result<ListenAddress> listen = parse_listen_address(options.listen);
    if (!listen) {
        std::cerr << "ritme: " << listen.error().message << "\n";
        return 1;
    }
    std::optional<ListenAddress> metrics_listen;
    if (!options.metrics_listen.empty()) {
        Result<ListenAddress> parsed = parse_listen_address(options.metrics_listen);
        if (!parsed) {
            std::cerr << "ritme: --metrics-listen: " << parsed.error().message << "\n";
            return 1;
        }
        metrics_listen = *parsed;
    }
    std::optional<SmtpUrl> smtp;
    if (!options.smtp_url.empty()) {
        Result<SmtpUrl> server = parse_mail_settings(options.smtp_url, options.mail_from);
        if (!server) {
            std::cerr << "ritme: " << server.error().message << "\n";
            return 1;
        }
        smtp = *server;
    }
    std::string public_url = options.public_url;
    if (public_url.empty()) {
        bool v6 = listen->host.find(':') != std::string::npos;
        public_url = "http://" + (v6 ? "[" + listen->host + "]" : listen->host) + ":" + std::to_string(listen->port);
    }
    auto application = Application::open(options.database_url, public_url);
    http::Services& services = application->services();
    services.session_idle_timeout = std::chrono::seconds(options.session_idle_timeout_seconds);

    // Mail a request asks for (a link to set a new password) goes out off the request path.
    std::optional<SmtpMailer> outbox_mailer;
    std::optional<MailOutbox> outbox;
    if (smtp) {
        outbox_mailer.emplace(*smtp, options.mail_from, application->clock(), application->ids());
        outbox.emplace(*outbox_mailer);
        services.outbox = &*outbox;
    }

    // An empty installation has no account: the first admin is made with this token.
    if (std::optional<std::string> token = http::prepare_setup_token(services)) {
        http::log_event(spdlog::level::warn, "setup_token",
                        {{"token", *token},
                         {"message", "No account exists yet: create the first admin at /setup or with POST /api/v1/setup"}});
    }

    // Upkeep off the request path: merging the search index (a step, a pause for the
    // requests' writes, the next step, for as long as there is work: a seeded or imported
    // index may take minutes); every 5 seconds, dropping expired and idle sessions and
    // expired reset links, and erasing what was deleted 30 days ago.
    std::jthread upkeep([&application, &services](std::stop_token stop) {
        std::mutex mutex;
        std::condition_variable_any wake;
        auto sessions_due = std::chrono::steady_clock::now();
        while (!stop.stop_requested()) {
            bool more = false;
            try {
                more = application->store().maintain();
                if (std::chrono::steady_clock::now() >= sessions_due) {
                    Timestamp now = application->clock().now();
                    application->store().delete_expired_sessions(now);
                    application->store().delete_idle_sessions(now - services.session_idle_timeout);
                    application->store().delete_expired_password_resets(now);
                    operations::empty_trash(http::ports(application->services()));  // deleted 30 days ago
                    sessions_due = std::chrono::steady_clock::now() + std::chrono::seconds(5);
                }
            } catch (const std::exception& failure) {
                http::log_event(spdlog::level::warn, "upkeep_failed", {{"error", failure.what()}});
            }
            std::unique_lock lock(mutex);
            wake.wait_for(lock, stop, more ? std::chrono::milliseconds(20) : std::chrono::milliseconds(5000),
                          [] { return false; });
        }
    });

    // Reminders: a pass every minute (or every --reminder-interval seconds), on the
    // interval's boundary, when a mail server is configured.
    std::jthread reminders;
    if (smtp) {
        http::log_event(spdlog::level::info, "reminders_on", {{"smtp", smtp->address()}});
        reminders = std::jthread([&application, &options, server = *smtp](std::stop_token stop) {
            SmtpMailer mailer(server, options.mail_from, application->clock(), application->ids());
            ReminderPassOptions pass_options;
            pass_options.public_url = application->services().public_url;
            pass_options.worker = reminder_worker_name(application->ids());
            ReminderPass pass(application->store(), application->calendar(), application->ids(), mailer,
                                   pass_options);
            std::mutex mutex;
            std::condition_variable_any wake;
            while (!stop.stop_requested()) {
                try {
                    ReminderPassReport report = pass.run(application->clock().now());
                    if (report.enqueued + report.sent + report.failed + report.given_up > 0) {
                        http::log_event(spdlog::level::info, "reminder_pass",
                                        {{"enqueued", report.enqueued},
                                         {"sent", report.sent},
                                         {"failed", report.failed},
                                         {"given_up", report.given_up},
                                         {"dropped", report.dropped}});
                    }
                } catch (const std::exception& failure) {
                    http::log_event(spdlog::level::warn, "reminder_pass_failed", {{"error", failure.what()}});
                }
                const std::chrono::seconds interval{options.reminder_interval_seconds};
                auto now = std::chrono::system_clock::now();
                auto next = std::chrono::ceil<std::chrono::seconds>(now + std::chrono::milliseconds(1));
                next += (interval - next.time_since_epoch() % interval) % interval;
                std::unique_lock lock(mutex);
                wake.wait_until(lock, stop, next, [] { return false; });
            }
        });
    }

    http::ServerOptions server;
    server.host = listen->host;
    server.port = listen->port;
    server.threads = options.threads;
    server.max_connections = options.max_connections;
    server.idle_timeout = std::chrono::seconds(options.idle_timeout_seconds);
    server.request_timeout = std::chrono::seconds(options.request_timeout_seconds);
    server.behind_tls = options.behind_tls;
    server.trusted_proxies = options.trusted_proxies;
    if (metrics_listen) {
        server.metrics_host = metrics_listen->host;
        server.metrics_port = metrics_listen->port;
    }
    if (Result<http::TrustedProxies> proxies = http::TrustedProxies::parse(server.trusted_proxies); !proxies) {
        std::cerr << "ritme: " << proxies.error().message << "\n";
        return 1;
    }

    http::Api api(services, http::ApiOptions{});
    std::error_code unknown;
    std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", unknown);
    http::Pages pages(services, api.metrics(), http::default_pages_options(executable.string(), options.web_root));
    http::serve(api, &pages, server, [&](const http::ServerStarted& started) {
        http::log_event(spdlog::level::info, "listening",
                        {{"address", listen->host},
                         {"port", listen->port},
                         {"threads", started.threads},
                         {"max_connections", started.max_connections},
                         {"file_limit", started.file_limit},
                         {"behind_tls", options.behind_tls},
                         {"trusted_proxies", options.trusted_proxies},
                         {"metrics_listen", options.metrics_listen}});
    });
    return 0;
}

}  // namespace ritme::app

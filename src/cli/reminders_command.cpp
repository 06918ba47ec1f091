#include <iostream>

#include "app/application.hpp"
#include "app/mailer.hpp"
#include "app/reminder_pass.hpp"
#include "cli/commands.hpp"
#include "http/log.hpp"

namespace ritme::cli {

int reminders_run(const RemindersRunOptions& options) {
    Timestamp at{};
    if (!options.at.empty()) {
        std::optional<Timestamp> parsed = parse_timestamp(options.at);
        if (!parsed) {
            std::cerr << "ritme: --at must be an RFC 3339 moment, e.g. 2026-11-26T17:00:00+01:00\n";
            return 1;
        }
        at = *parsed;
    }
    if (options.smtp_url.empty()) {
        std::cerr << "ritme: reminders need a mail server: --smtp smtp://host:port (env RITME_SMTP)\n";
        return 1;
    }
    Result<app::SmtpUrl> server = app::parse_mail_settings(options.smtp_url, options.mail_from);
    if (!server) {
        std::cerr << "ritme: " << server.error().message << "\n";
        return 1;
    }

    auto application = app::Application::open(options.database_url, options.public_url);
    if (options.at.empty()) at = application->clock().now();
    app::SmtpMailer mailer(*server, options.mail_from, application->clock(), application->ids());
    app::ReminderPassOptions pass_options;
    pass_options.public_url = application->services().public_url;
    pass_options.worker = app::reminder_worker_name(application->ids());
    app::ReminderPass pass(application->store(), application->calendar(), application->ids(), mailer, pass_options);
    app::ReminderPassReport report = pass.run(at);
    http::log_info("reminder_pass", {{"at", format_timestamp(at)},
                                     {"smtp", server->address()},
                                     {"enqueued", report.enqueued},
                                     {"sent", report.sent},
                                     {"failed", report.failed},
                                     {"given_up", report.given_up},
                                     {"dropped", report.dropped}});
    std::cout << "Reminders at " << format_timestamp(at) << ": " << report.sent << " sent, " << report.failed
              << " to try again, " << report.given_up << " given up, " << report.dropped << " no longer needed.\n";
    return report.failed + report.given_up > 0 ? 3 : 0;
}

}  // namespace ritme::cli

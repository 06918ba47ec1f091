// ritme: the server, and the command line for operators and for people who write their
// diary in a terminal.
#include <cstdlib>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/application.hpp"
#include "cli/commands.hpp"

namespace {

std::string from_environment(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace ritme;
    CLI::App ritme{"Ritme: learning on the job, day by day, week by week."};
    ritme.require_subcommand(1);
    std::string database_url = from_environment("RITME_DB", app::default_database_url);
    auto add_database_option = [&](CLI::App* command) {
        command->add_option("--db", database_url, "sqlite:PATH or postgresql://... (env RITME_DB)");
    };

    cli::ServeOptions serve;
    serve.listen = from_environment("RITME_LISTEN", app::default_listen_address);
    CLI::App* serve_command = ritme.add_subcommand("serve", "Serve the web pages and the JSON API");
    add_database_option(serve_command);
    serve_command->add_option("--listen", serve.listen, "HOST:PORT (env RITME_LISTEN)");
    serve_command->add_option("--threads", serve.threads, "worker threads (default: 8 per core)");
    serve.web_root = from_environment("RITME_WEB_ROOT", "");
    serve_command->add_option("--web-root", serve.web_root,
                              "folder of the web pages' templates/ and static/ (env RITME_WEB_ROOT; "
                              "default: web/ of the source tree the binary was built in)");

    // E-mail for reminders: the server's minute pass and `ritme reminders run`.
    std::string smtp_url = from_environment("RITME_SMTP", "");
    std::string mail_from = from_environment("RITME_MAIL_FROM", "");
    std::string public_url = from_environment("RITME_PUBLIC_URL", "");
    auto add_mail_options = [&](CLI::App* command) {
        command->add_option("--smtp", smtp_url,
                            "mail server for reminders and password links: smtp://host:port or smtps://user:password@host:port "
                            "(env RITME_SMTP)");
        command->add_option("--mail-from", mail_from,
                            "sender of the e-mails, e.g. ritme@example.nl (env RITME_MAIL_FROM)");
        command->add_option("--public-url", public_url,
                            "where people reach this installation, for links in e-mails and the calendar "
                            "(env RITME_PUBLIC_URL; default http://<listen address>)");
    };
    add_mail_options(serve_command);
    serve_command->add_option("--reminder-interval", serve.reminder_interval_seconds,
                              "seconds between reminder passes (default 60)")
        ->check(CLI::Range(1U, 3600U));
    serve_command->add_option("--session-idle-timeout", serve.session_idle_timeout_seconds,
                              "seconds a session may go without a request before it ends "
                              "(env RITME_SESSION_IDLE_TIMEOUT; default 28800, 8 hours)")
        ->envname("RITME_SESSION_IDLE_TIMEOUT")
        ->check(CLI::Range(1U, 30U * 24U * 3600U));
    serve_command->add_option("--max-connections", serve.max_connections,
                              "open connections at most, more get 503 (env RITME_MAX_CONNECTIONS; default: what the "
                              "file limit leaves room for, at most 10000)")
        ->envname("RITME_MAX_CONNECTIONS");
    serve_command->add_option("--idle-timeout", serve.idle_timeout_seconds,
                              "seconds a connection may wait without a request before it is closed "
                              "(env RITME_IDLE_TIMEOUT; default 60)")
        ->envname("RITME_IDLE_TIMEOUT")
        ->check(CLI::Range(1U, 3600U));
    serve_command->add_option("--request-timeout", serve.request_timeout_seconds,
                              "seconds to send a whole request once begun, else 408 (env RITME_REQUEST_TIMEOUT; "
                              "default 30)")
        ->envname("RITME_REQUEST_TIMEOUT")
        ->check(CLI::Range(1U, 3600U));
    serve_command->add_flag("--behind-tls", serve.behind_tls,
                            "a proxy in front ends TLS: cookies get Secure, answers carry Strict-Transport-Security "
                            "(env RITME_BEHIND_TLS=1)")
        ->envname("RITME_BEHIND_TLS");
    serve_command->add_option("--trusted-proxy", serve.trusted_proxies,
                              "address or range (10.0.0.0/8) of a proxy whose X-Forwarded-For and X-Forwarded-Proto "
                              "are believed; repeatable (env RITME_TRUSTED_PROXIES, comma-separated)")
        ->envname("RITME_TRUSTED_PROXIES")
        ->delimiter(',');
    serve_command->add_option("--log-level", serve.log_level,
                              "what the log holds: error, warn, info (every request) or debug (probes and static "
                              "files too) (env RITME_LOG_LEVEL; default info)")
        ->envname("RITME_LOG_LEVEL")
        ->check(CLI::IsMember({"error", "warn", "info", "debug"}));
    serve_command->add_option("--metrics-listen", serve.metrics_listen,
                              "HOST:PORT of a second listener that serves GET /metrics without a token, for "
                              "loopback or an internal network (env RITME_METRICS_LISTEN; default none: /metrics "
                              "on the main port takes an admin's bearer token)")
        ->envname("RITME_METRICS_LISTEN");

    CLI::App* migrate_command = ritme.add_subcommand("migrate", "Bring the database schema up to date");
    add_database_option(migrate_command);

    cli::CopyOptions copy;
    CLI::App* copy_command =
        ritme.add_subcommand("copy", "Move a whole installation into an empty database (e.g. SQLite to PostgreSQL)");
    copy_command->add_option("--from", copy.from, "sqlite:PATH or postgresql://... to copy from")->required();
    copy_command->add_option("--to", copy.to, "postgresql://... (or sqlite:PATH) of an empty database")->required();

    cli::BackupOptions backup;
    CLI::App* backup_command = ritme.add_subcommand(
        "backup", "Write a consistent copy of a SQLite installation, also while the server runs");
    add_database_option(backup_command);
    backup_command->add_option("--to", backup.to, "the backup file to write (must not exist)")->required();
    cli::RestoreOptions restore;
    CLI::App* restore_command = ritme.add_subcommand(
        "restore", "Bring a SQLite installation back from a backup (with the server stopped)");
    add_database_option(restore_command);
    restore_command->add_option("--from", restore.from, "a file `ritme backup` wrote")->required();

    CLI::App* user_command = ritme.add_subcommand("user", "Manage accounts");
    user_command->require_subcommand(1);
    cli::UserAddOptions user_add;
    CLI::App* user_add_command = user_command->add_subcommand("add", "Create an account");
    add_database_option(user_add_command);
    user_add_command->add_option("--email", user_add.email, "e-mail address")->required();
    user_add_command->add_option("--name", user_add.name, "full name")->required();
    user_add_command->add_flag("--admin", user_add.admin, "a learning coordinator (admin)");
    user_add_command->add_option("--locale", user_add.locale, "nl or en")->check(CLI::IsMember({"nl", "en"}));
    user_add_command->add_flag("--password-stdin", user_add.password_stdin, "read the password from stdin")
        ->required();

    CLI::App* diary_command = ritme.add_subcommand("diary", "Your learning diary (leerdagboek)");
    diary_command->require_subcommand(1);
    cli::DiaryAddOptions diary_add;
    CLI::App* diary_add_command =
        diary_command->add_subcommand("add", "Write the day's entry: text as arguments, on stdin, or in $EDITOR");
    add_database_option(diary_add_command);
    diary_add_command->add_option("--user", diary_add.user, "your e-mail address (env RITME_USER)");
    diary_add_command->add_option("--day", diary_add.day, "YYYY-MM-DD (default: today)");
    diary_add_command->add_option("--handling", diary_add.handling, "how you dealt with it");
    diary_add_command->add_option("--key-learning", diary_add.key_learning, "one learning a day (280 characters)");
    diary_add_command->add_option("--minutes", diary_add.minutes, "minutes spent (0 to 600)");
    diary_add_command->add_option("--tag", diary_add.tags, "a tag (repeatable)");
    diary_add_command->add_option("--competency", diary_add.competencies, "a competency name or id (repeatable)");
    diary_add_command->add_flag("--share", diary_add.share, "share this entry with your fixed colleague");
    diary_add_command->add_option("text", diary_add.words, "the learning moments");

    cli::DiaryListOptions diary_list;
    CLI::App* diary_list_command = diary_command->add_subcommand("list", "Your entries, newest first");
    CLI::App* diary_search_command = diary_command->add_subcommand("search", "Search your entries");
    for (CLI::App* command : {diary_list_command, diary_search_command}) {
        add_database_option(command);
        command->add_option("--user", diary_list.user, "your e-mail address (env RITME_USER)");
        command->add_option("--from", diary_list.from, "first day, YYYY-MM-DD");
        command->add_option("--to", diary_list.to, "last day, YYYY-MM-DD");
        command->add_option("--limit", diary_list.limit, "at most this many (1 to 200)")->check(CLI::Range(1, 200));
    }
    diary_search_command->add_option("query", diary_list.query, "words to find (prefixes match)")->required();

    cli::ImportOptions import;
    CLI::App* import_command =
        ritme.add_subcommand("import", "Bring a diary kept in jrnl, Day One or Markdown daily notes into yours");
    add_database_option(import_command);
    import_command->add_option("kind", import.kind, "jrnl, dayone or markdown")
        ->required()
        ->check(CLI::IsMember({"jrnl", "dayone", "markdown"}));
    import_command->add_option("file", import.file, "jrnl --export json output, Day One's JSON zip, or a zip of "
                                                    "YYYY-MM-DD.md notes")
        ->required();
    import_command->add_option("--user", import.user, "your e-mail address (env RITME_USER)");
    import_command->add_option("--existing", import.existing, "a day that has an entry: add below it, or skip it")
        ->check(CLI::IsMember({"add", "skip"}));
    import_command->add_flag("--preview", import.preview, "only say what would happen");

    CLI::App* reminders_command = ritme.add_subcommand("reminders", "Reminder e-mails");
    reminders_command->require_subcommand(1);
    cli::RemindersRunOptions reminders_run;
    CLI::App* reminders_run_command =
        reminders_command->add_subcommand("run", "Send, once, every reminder due at that moment that was not sent yet");
    add_database_option(reminders_run_command);
    add_mail_options(reminders_run_command);
    reminders_run_command->add_option("--at", reminders_run.at, "the moment, RFC 3339 (default: now)");

    CLI::App* dev_command = ritme.add_subcommand("dev", "Tools for development and benchmarks");
    dev_command->require_subcommand(1);
    cli::SeedOptions seed;
    CLI::App* seed_command = dev_command->add_subcommand("seed", "Fill an empty database with made-up people");
    add_database_option(seed_command);
    seed_command->add_option("--people", seed.people, "how many people")->check(CLI::Range(1, 1000000));
    seed_command->add_option("--days", seed.days, "diary days per person, ending yesterday")->check(CLI::Range(1, 3650));
    seed_command->add_option("--seed", seed.seed, "seed of the random texts");
    seed_command->add_option("--password", seed.password, "everyone's password");

    CLI11_PARSE(ritme, argc, argv);

    try {
        if (serve_command->parsed()) {
            serve.database_url = database_url;
            serve.smtp_url = smtp_url;
            serve.mail_from = mail_from;
            serve.public_url = public_url;
            return cli::serve(serve);
        }
        if (reminders_run_command->parsed()) {
            reminders_run.database_url = database_url;
            reminders_run.smtp_url = smtp_url;
            reminders_run.mail_from = mail_from;
            reminders_run.public_url = public_url;
            return cli::reminders_run(reminders_run);
        }
        if (migrate_command->parsed()) return cli::migrate(database_url);
        if (copy_command->parsed()) return cli::copy(copy);
        if (backup_command->parsed()) {
            backup.database_url = database_url;
            return cli::backup(backup);
        }
        if (restore_command->parsed()) {
            restore.database_url = database_url;
            return cli::restore(restore);
        }
        if (user_add_command->parsed()) {
            user_add.database_url = database_url;
            return cli::user_add(user_add);
        }
        if (diary_add_command->parsed()) {
            diary_add.database_url = database_url;
            return cli::diary_add(diary_add);
        }
        if (diary_list_command->parsed() || diary_search_command->parsed()) {
            diary_list.database_url = database_url;
            return cli::diary_list(diary_list);
        }
        if (import_command->parsed()) {
            import.database_url = database_url;
            return cli::import_diary(import);
        }
        if (seed_command->parsed()) {
            seed.database_url = database_url;
            return cli::dev_seed(seed);
        }
    } catch (const std::exception& failure) {
        std::cerr << "ritme: " << failure.what() << "\n";
        return 1;
    }
    return 2;
}

#pragma once
// The subcommands of `ritme`. Each answers the process exit code; messages for people go
// to stdout (results) and stderr (faults).
#include <optional>
#include <string>
#include <vector>

#include "app/serve.hpp"
#include "core/domain.hpp"
#include "core/operations/operation.hpp"

namespace ritme::cli {

using ServeOptions = app::ServeOptions;
inline int serve(const ServeOptions& options) {
    return app::serve(options);
}

struct RemindersRunOptions {
    std::string database_url;
    std::string at;  // RFC 3339; empty: now
    std::string smtp_url;
    std::string mail_from;
    std::string public_url;
};
// One reminder pass: every reminder due at that moment that was not sent yet is sent.
int reminders_run(const RemindersRunOptions& options);

int migrate(const std::string& database_url);

struct CopyOptions {
    std::string from;  // database URL of the installation to move
    std::string to;    // database URL of an empty database
};
int copy(const CopyOptions& options);

struct BackupOptions {
    std::string database_url;
    std::string to;  // a new file
};
int backup(const BackupOptions& options);

struct RestoreOptions {
    std::string database_url;
    std::string from;  // a file `ritme backup` wrote
};
int restore(const RestoreOptions& options);

struct UserAddOptions {
    std::string database_url;
    std::string email;
    std::string name;
    bool admin = false;
    std::string locale = "nl";
    bool password_stdin = false;
};
int user_add(const UserAddOptions& options);

struct DiaryAddOptions {
    std::string database_url;
    std::string user;  // e-mail; empty: RITME_USER, else the only person in the database
    std::string day;   // empty: today in the person's time zone
    std::vector<std::string> words;  // the learning moments; empty: stdin or $EDITOR
    std::optional<std::string> handling;
    std::optional<std::string> key_learning;
    std::optional<int> minutes;
    std::vector<std::string> tags;
    std::vector<std::string> competencies;  // names or ids
    bool share = false;
};
int diary_add(const DiaryAddOptions& options);

struct DiaryListOptions {
    std::string database_url;
    std::string user;
    std::string from;
    std::string to;
    std::string query;
    int limit = 20;
};
int diary_list(const DiaryListOptions& options);

struct ImportOptions {
    std::string database_url;
    std::string user;  // as for diary add
    std::string kind;  // jrnl, dayone or markdown
    std::string file;
    std::string existing = "add";  // or skip
    bool preview = false;
};
// A diary kept elsewhere brought into the person's own (operations::import_diary).
int import_diary(const ImportOptions& options);

// The person whose diary a subcommand is about: --user, else RITME_USER, else the only
// person there is; nullopt (after saying why on stderr) when none.
std::optional<User> find_writer(const operations::Ports& ports, const std::string& requested);

struct SeedOptions {
    std::string database_url;
    int people = 100;
    int days = 30;
    unsigned long long seed = 1;
    std::string password = "seed-password-2026";
};
int dev_seed(const SeedOptions& options);

}  // namespace ritme::cli

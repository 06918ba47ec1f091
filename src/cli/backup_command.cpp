// `ritme backup --to PATH` and `ritme restore --from PATH`: a consistent copy of a SQLite
// installation while the server runs, and that copy brought back while it does not. A
// PostgreSQL installation is backed up with PostgreSQL's own tools (docs/OPERATIONS.md).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "storage/sqlite/backup.hpp"

namespace ritme::cli {

namespace {

// The database file of a sqlite: URL; nothing (after saying why) for any other.
std::optional<std::string> sqlite_file(const char* command, const std::string& database_url) {
    Result<app::DatabaseUrl> url = app::parse_database_url(database_url);
    if (!url) {
        std::cerr << "ritme " << command << ": --db: " << url.error().message << "\n";
        return std::nullopt;
    }
    if (url->kind != app::DatabaseUrl::Kind::sqlite) {
        std::cerr << "ritme " << command << ": a PostgreSQL database is backed up and restored with pg_dump and "
                  << "pg_restore, or with WAL archiving (docs/OPERATIONS.md, Backups)\n";
        return std::nullopt;
    }
    return url->target;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code unknown;
    return std::filesystem::equivalent(a, b, unknown) || a == b;
}

}  // namespace

int backup(const BackupOptions& options) {
    std::optional<std::string> database = sqlite_file("backup", options.database_url);
    if (!database) return 1;
    if (same_file(*database, options.to)) {
        std::cerr << "ritme backup: --to names the database itself\n";
        return 1;
    }
    const auto started = std::chrono::steady_clock::now();
    try {
        const std::uintmax_t bytes = storage::sqlite::back_up(*database, options.to);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        std::cout << "Backed up " << *database << " to " << options.to << ": " << bytes << " bytes in "
                  << static_cast<long long>(seconds * 1000) << " ms.\n";
    } catch (const StoreFailure& failure) {
        std::cerr << "ritme backup: " << failure.what() << "\n";
        return 1;
    }
    return 0;
}

int restore(const RestoreOptions& options) {
    std::optional<std::string> database = sqlite_file("restore", options.database_url);
    if (!database) return 1;
    if (same_file(*database, options.from)) {
        std::cerr << "ritme restore: --from names the database itself\n";
        return 1;
    }
    try {
        if (std::string check = storage::sqlite::quick_check(options.from); check != "ok") {
            std::cerr << "ritme restore: " << options.from << " is damaged (" << check << "); nothing was changed\n";
            return 1;
        }
        if (storage::sqlite::open_elsewhere(*database)) {
            std::cerr << "ritme restore: " << *database << " is open in a running process (a server?): stop it "
                      << "first; nothing was changed\n";
            return 1;
        }
        storage::sqlite::restore(options.from, *database);
    } catch (const StoreFailure& failure) {
        std::cerr << "ritme restore: " << failure.what() << "\n";
        return 1;
    }
    app::open_store(options.database_url);  // brings the schema of an older backup up to date
    std::cout << "Restored " << options.from << " into " << *database << ".\n";
    return 0;
}

}  // namespace ritme::cli

#include "storage/sqlite/backup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include <sqlite3.h>

#include "core/store.hpp"
#include "storage/sqlite/sqlite_library.hpp"

namespace ritme::storage::sqlite {

namespace {

struct CloseDatabase {
    void operator()(sqlite3* database) const { sqlite3_close_v2(database); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

[[noreturn]] void fail(sqlite3* database, const std::string& what) {
    throw StoreFailure(what + ": " + (database != nullptr ? sqlite3_errmsg(database) : "out of memory"));
}

// Opens `path` for reading and writing (the WAL index of a database in WAL mode is written
// by readers too); made only when `create`.
Database open_file(const std::string& path, bool create) {
    configure_library();
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
    const int status = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    Database database(raw);
    if (status != SQLITE_OK) fail(raw, "cannot open " + path);
    sqlite3_busy_timeout(raw, 5000);
    return database;
}

void execute(sqlite3* database, const char* sql, const std::string& what) {
    if (sqlite3_exec(database, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail(database, what);
}

// Copies every page of `from` into `to` in one step: one read transaction on `from`, one
// write transaction on `to`.
void copy_pages(sqlite3* from, sqlite3* to, const std::string& what) {
    sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
    if (backup == nullptr) fail(to, what);
    const int status = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (status != SQLITE_DONE) fail(to, what);
}

void sync_directory_of(const std::string& path) {
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    const int directory = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY);
    if (directory < 0) return;
    ::fsync(directory);
    ::close(directory);
}

}  // namespace

std::uintmax_t back_up(const std::string& from, const std::string& to) {
    if (std::filesystem::exists(to)) throw StoreFailure(to + " exists already; give the backup a new name");
    if (!std::filesystem::exists(from)) throw StoreFailure(from + " does not exist");
    const std::string partial = to + ".partial";
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);  // left by a backup that was stopped
    {
        Database source = open_file(from, false);
        Database copy = open_file(partial, true);
        execute(copy.get(), "PRAGMA synchronous = FULL", "backup");
        copy_pages(source.get(), copy.get(), "cannot back up " + from);
        // The source's pages say WAL; the copy is one file that needs nothing beside it.
        execute(copy.get(), "PRAGMA journal_mode = DELETE", "cannot finish the backup " + partial);
    }
    std::filesystem::rename(partial, to);
    sync_directory_of(to);
    return std::filesystem::file_size(to);
}

bool open_elsewhere(const std::string& path) {
    const std::string index = path + "-shm";
    const int file = ::open(index.c_str(), O_RDONLY | O_CLOEXEC);
    if (file < 0) return false;  // no WAL index: nobody has it open in WAL mode
    // SQLite's unix VFS: the lock bytes of the WAL index start at 120, eight of them, then
    // the byte every connection holds a shared lock on while it is open (UNIX_SHM_DMS).
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 128;
    lock.l_len = 1;
    const bool held = ::fcntl(file, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
    ::close(file);
    return held;
}

std::string quick_check(const std::string& path) {
    if (!std::filesystem::exists(path)) throw StoreFailure(path + " does not exist");
    Database database = open_file(path, false);
    std::string answer;
    auto first_row = [](void* out, int, char** values, char**) {
        auto* text = static_cast<std::string*>(out);
        if (text->empty() && values[0] != nullptr) *text = values[0];
        return 0;
    };
    if (sqlite3_exec(database.get(), "PRAGMA quick_check", first_row, &answer, nullptr) != SQLITE_OK) {
        fail(database.get(), path + " is not a database that can be read");
    }
    return answer;
}

void restore(const std::string& from, const std::string& to) {
    Database backup = open_file(from, false);
    Database target = open_file(to, true);
    // Nobody else has `to` open: leave WAL mode, so the pages go straight into the file and
    // the copy may have a page size of its own; the server takes up WAL again when it opens.
    execute(target.get(), "PRAGMA journal_mode = DELETE", "cannot prepare " + to);
    execute(target.get(), "PRAGMA synchronous = FULL", "cannot prepare " + to);
    copy_pages(backup.get(), target.get(), "cannot restore " + from + " into " + to);
}

}  // namespace ritme::storage::sqlite

#include "storage/sqlite/sqlite_library.hpp"

#include <mutex>

#include <sqlite3.h>

namespace ritme::storage::sqlite {

void configure_library() {
    static std::once_flag configured;
    std::call_once(configured, [] {
        // Both fail harmlessly (SQLITE_MISUSE) when something in the process already
        // started SQLite; it then runs with its defaults, which are only slower.
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}

}  // namespace ritme::storage::sqlite

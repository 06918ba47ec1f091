// The reference for durable writes: single-row commits straight into SQLite on this disk,
// with the same settings as Ritme's store (WAL, synchronous=FULL). Prints commits/s.
//   bench_sqlite_commits FILE [COUNT]
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

void check(int code, sqlite3* database, const char* what) {
    if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW) return;
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(database));
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE [COUNT]\n", argv[0]);
        return 2;
    }
    const int count = argc > 2 ? std::atoi(argv[2]) : 5000;
    sqlite3* database = nullptr;
    check(sqlite3_open(argv[1], &database), database, "open");
    check(sqlite3_exec(database,
                       "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                       "CREATE TABLE IF NOT EXISTS entry(id INTEGER PRIMARY KEY, day TEXT, body TEXT);",
                       nullptr, nullptr, nullptr),
          database, "set up");
    sqlite3_stmt* insert = nullptr;
    check(sqlite3_prepare_v2(database, "INSERT INTO entry(day, body) VALUES(?1, ?2)", -1, &insert, nullptr), database,
          "prepare");
    const std::string body(600, 'x');
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        sqlite3_bind_text(insert, 1, "2026-11-26", -1, SQLITE_STATIC);
        sqlite3_bind_text(insert, 2, body.c_str(), static_cast<int>(body.size()), SQLITE_STATIC);
        check(sqlite3_step(insert), database, "insert");  // autocommit: one transaction, one fsync
        sqlite3_reset(insert);
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    sqlite3_finalize(insert);
    sqlite3_close(database);
    std::printf("%d single-row commits in %.2f s: %.0f commits/s\n", count, seconds, count / seconds);
    return 0;
}

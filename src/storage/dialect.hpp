#pragma once
// What truly differs between SQLite and PostgreSQL, each difference once. Everything else
// the store does the same way on both (sql_store.cpp); statements that differ only in a
// word are pairs in queries.hpp.
//
// - Opening: SQLite opens a file with WAL, synchronous FULL, a busy timeout and foreign
//   keys; PostgreSQL connects to a server by URL, in UTC, with a lock timeout.
// - Writing: SQLite has one writer at a time, so writes that arrive together share one
//   commit (one fsync) on a connection of their own; PostgreSQL writes each on its own
//   connection, side by side. SQLite's writer also keeps the write-ahead log under 64 MiB
//   (checkpoints of its own in place of the automatic ones).
// - The diary: SQLite keeps an entry's competencies and tags in tables of their own and
//   its words in an FTS5 index that the upkeep merges; PostgreSQL keeps them in JSONB
//   columns and a tsvector column searched with unaccent.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/store.hpp"
#include "storage/database.hpp"

namespace ritme::storage {

class Dialect {
public:
    virtual ~Dialect() = default;

    virtual Backend backend() const = 0;
    // Connects one session as every connection of the store runs.
    virtual void open(soci::session& sql) = 0;
    // Runs `work` in a write transaction and commits it; inside, the thread's leases of
    // `pool` get the transaction's connection. Already in a transaction, it just runs
    // `work` there. `work` may run twice (see Store::transaction).
    virtual void write(ConnectionPool& pool, const std::function<void(Connection&)>& work) = 0;
    // Upkeep that no request should wait for; answers whether work is left.
    virtual bool maintain(ConnectionPool& pool) {
        (void)pool;
        return false;
    }

    // --- the diary ---------------------------------------------------------------------

    virtual std::optional<DiaryEntry> find_diary_entry(ConnectionPool::Lease& lease, const std::string& user_id,
                                                       Day day) = 0;
    // Inserts or replaces inside the caller's write transaction. A replaced entry keeps its
    // created_at unless `keep_created_at` is false (an import gives its own).
    virtual Store::PutDiaryResult write_diary_entry(Connection& connection, const DiaryEntry& entry,
                                                    bool keep_created_at) = 0;
    virtual bool erase_diary_entry(Connection& connection, const std::string& user_id, Day day) = 0;
    // Before a person is erased: what no cascade reaches.
    virtual void forget_diary_of(Connection& connection, const std::string& user_id) = 0;
    virtual DiaryPage list_diary_entries(ConnectionPool::Lease& lease, const DiaryQuery& query) = 0;
};

std::unique_ptr<Dialect> sqlite_dialect(const std::string& path);
std::unique_ptr<Dialect> postgres_dialect(const std::string& url);

// The diary's page bounds as both dialects bind them: absent bounds become days before and
// after every day, so the (user_id, day) key bounds every scan.
struct DiaryBounds {
    explicit DiaryBounds(const DiaryQuery& query);
    int page_size;
    int limit;  // one more than the page: tells whether another page follows
    std::string from, to, before;
    int shared_only;
};

}  // namespace ritme::storage

#pragma once
// The schema of both databases as one list of forward-only migrations (migrations.cpp).
// A migration that has been applied anywhere is never edited: a change to the schema is a
// new migration at the end.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/backend.hpp"

namespace soci {
class session;
}

namespace ritme::storage {

// Applies every migration not applied yet, each in a transaction of its own (on SQLite a
// write transaction, BEGIN IMMEDIATE). Several processes may start at once: on PostgreSQL
// an advisory lock lets one migrate while the others wait; on SQLite each migration looks
// again, inside its transaction, whether another process has applied it. Throws what
// SOCI throws.
void apply_migrations(soci::session& sql, Backend backend);
// Only up to the migration numbered `version` on this database: a database as an older
// version of the schema left it.
void apply_migrations(soci::session& sql, Backend backend, int version);

// The number of the latest migration applied (0: none).
int schema_version(soci::session& sql);

// --- the list --------------------------------------------------------------------------

// A statement as each database runs it; empty: none on that database. Both texts may hold
// the placeholders of sql_for.
struct SchemaStatement {
    std::string_view sqlite;
    std::string_view postgres;

    std::string_view on(Backend backend) const { return backend == Backend::sqlite ? sqlite : postgres; }
};

// Each database numbers its own migrations 1, 2, 3, ...: a migration that is not a step
// on a database (0) has no statements for it there.
struct Versions {
    int sqlite = 0;
    int postgres = 0;

    int on(Backend backend) const { return backend == Backend::sqlite ? sqlite : postgres; }
};

struct Migration {
    Versions version;
    std::string_view name;
    std::vector<SchemaStatement> statements;  // run in order, in one transaction
    // What SQL alone can't do, run after the statements in the same transaction, on each
    // database the migration is a step on.
    void (*then)(soci::session&) = nullptr;
};

// Every migration, in the order they are applied.
std::span<const Migration> migrations();
int latest_version(Backend backend);

// `text` with every placeholder replaced by its words on `backend`: {instant},
// {boolean}, {true}, {false}, {json}, {period}, {without_rowid}, {bytewise}, {least},
// {greatest}, {unique_nocase} (migrations.cpp says what each stands for). Braces around
// anything else stay as they are; an unknown placeholder throws std::logic_error.
std::string sql_for(std::string_view text, Backend backend);

}  // namespace ritme::storage

#pragma once
// The SQLite schema as forward-only numbered migrations. A migration that has been applied
// anywhere is never edited: a change to the schema is a new migration at the end.
#include <span>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace ritme::storage {

struct Migration {
    int version = 0;
    std::string_view name;
    std::vector<std::string_view> statements;  // run in order, in one transaction
    // What SQL alone can't do, run after the statements in the same transaction.
    void (*then)(soci::session&) = nullptr;
};

// Made before any migration runs: the record of which ones have been applied.
extern const std::string_view sqlite_create_schema_migrations;

// Every migration, by ascending version.
std::span<const Migration> sqlite_migrations();

}  // namespace ritme::storage

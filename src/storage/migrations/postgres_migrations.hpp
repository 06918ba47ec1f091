#pragma once
// The PostgreSQL schema as forward-only numbered migrations, numbered like the SQLite
// ones (a version names the same step of the schema in both). A migration that has been
// applied anywhere is never edited: a change to the schema is a new migration at the end.
#include <span>
#include <string_view>

#include "storage/migrations/sqlite_migrations.hpp"  // struct Migration

namespace ritme::storage {

// Made before any migration runs: the record of which ones have been applied.
extern const std::string_view postgres_create_schema_migrations;

// Every migration, by ascending version.
std::span<const Migration> postgres_migrations();

}  // namespace ritme::storage

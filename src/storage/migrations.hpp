#pragma once
// The schema as forward-only numbered migrations, one list for both databases.
#include "storage/backend.hpp"
#include "storage/soci.hpp"

namespace ritme::storage {

// Applies every migration not applied yet, each in a transaction of its own. Several
// processes may start at once.
void apply_migrations(soci::session& sql, Backend backend);
int schema_version(soci::session& sql);

}  // namespace ritme::storage

#pragma once
// SOCI with both backends, its warnings kept out of ours. Never include <sqlite3.h>
// beside it: SOCI's SQLite header includes it inside a namespace of its own (sqlite_api).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#pragma GCC diagnostic pop

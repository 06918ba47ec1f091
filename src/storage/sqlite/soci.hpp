#pragma once
// SOCI with its SQLite backend, for the files of the SQLite store only. SOCI's sqlite3
// header pulls in <sqlite3.h> inside a namespace of its own, so a file that includes this
// one must not include <sqlite3.h> too. SOCI's warnings are not ours to fix.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#pragma GCC diagnostic pop

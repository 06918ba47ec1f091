#pragma once
// SOCI with its PostgreSQL backend, for the files of the PostgreSQL store only (libpq's
// headers are in /usr/include/postgresql). SOCI's warnings are not ours to fix.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#pragma GCC diagnostic pop

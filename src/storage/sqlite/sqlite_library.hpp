#pragma once
// Process-wide settings of the SQLite library itself. Kept apart from SOCI's headers: those
// include <sqlite3.h> in a namespace of their own, which clashes with including it here.
namespace ritme::storage::sqlite {

// Before the first connection opens (later calls do nothing): every connection is used by
// one thread at a time (the pool sees to that), so SQLite's per-connection mutexes and its
// global memory statistics, a lock taken on every allocation, only cost time.
void configure_library();

}  // namespace ritme::storage::sqlite

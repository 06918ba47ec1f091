#pragma once
// Backups of a SQLite installation (`ritme backup`, `ritme restore`) with SQLite's online
// backup: the copy is read in one read transaction, so it is the database as one moment
// saw it, while the server goes on writing beside it (WAL lets readers and the writer
// work side by side).
#include <cstdint>
#include <string>

namespace ritme::storage::sqlite {

// Writes a consistent copy of the database file `from` to the new file `to` (which must
// not exist): first to `to`.partial, as one file without a journal beside it, synced, then
// renamed into place. Answers the copy's size in bytes. Throws StoreFailure.
std::uintmax_t back_up(const std::string& from, const std::string& to);

// Whether some process has the database `path` open: each connection in WAL mode holds a
// shared lock on a byte of the WAL index (`path`-shm) for as long as it is open.
bool open_elsewhere(const std::string& path);

// "ok", or what `PRAGMA quick_check` finds wrong in the database file `path` (which must
// exist). Throws StoreFailure when it cannot be read as a database at all.
std::string quick_check(const std::string& path);

// Replaces everything in the database `to` (made when missing) by the backup `from`, in
// one transaction: should it fail, `to` is as it was. The caller makes sure no server has
// `to` open (open_elsewhere). Throws StoreFailure.
void restore(const std::string& from, const std::string& to);

}  // namespace ritme::storage::sqlite

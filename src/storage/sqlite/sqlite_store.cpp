// The SQLite store (see sqlite_store.hpp).

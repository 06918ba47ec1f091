#include "storage/migrations.hpp"

#include <chrono>

#include "storage/database.hpp"
#include "storage/migrations/postgres_migrations.hpp"
#include "storage/migrations/sqlite_migrations.hpp"

namespace ritme::storage {

int schema_version(soci::session& sql) {
    int version = 0;
    sql << "SELECT coalesce(max(version), 0) FROM schema_migrations", soci::into(version);
    return version;
}

void apply_migrations(soci::session& sql, Backend backend) {
    Connection connection(sql, backend);
    const bool sqlite = backend == Backend::sqlite;
    if (!sqlite) sql << "SELECT pg_advisory_lock(7236116109101001)";
    try {
        sql << (sqlite ? sqlite_create_schema_migrations : postgres_create_schema_migrations);
        const int applied = schema_version(sql);
        for (const Migration& migration : sqlite ? sqlite_migrations() : postgres_migrations()) {
            if (migration.version <= applied) continue;
            Transaction transaction(connection, TransactionKind::write);
            int already = 0;  // another process may have applied it since we looked
            sql << "SELECT count(*) FROM schema_migrations WHERE version = :version",
                soci::use(migration.version, "version"), soci::into(already);
            if (already > 0) continue;
            for (std::string_view statement : migration.statements) sql << statement;
            if (migration.then != nullptr) migration.then(sql);
            const long long now =
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
                    .count();
            sql << "INSERT INTO schema_migrations (version, applied_at) VALUES (:version, :applied_at)",
                soci::use(migration.version, "version"), soci::use(now, "applied_at");
            transaction.commit();
        }
    } catch (...) {
        if (!sqlite) {
            try {
                sql << "SELECT pg_advisory_unlock(7236116109101001)";
            } catch (...) {
                // The session ends with the failure anyway, and its lock with it.
            }
        }
        throw;
    }
    if (!sqlite) sql << "SELECT pg_advisory_unlock(7236116109101001)";
}

}  // namespace ritme::storage

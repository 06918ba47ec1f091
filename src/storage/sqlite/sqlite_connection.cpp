#include "storage/sqlite/sqlite_connection.hpp"

#include "core/waiting.hpp"
#include "storage/migrations.hpp"
#include "storage/sqlite/sqlite_queries.hpp"

namespace ritme::storage::sqlite {

void fail(std::string_view operation, const soci::soci_error& error) {
    throw StoreFailure("sqlite store: " + std::string(operation) + ": " + error.get_error_message());
}

void fail_corrupt(std::string_view what) {
    throw StoreFailure("sqlite store: malformed " + std::string(what) + " in the database");
}

void open_connection(soci::session& sql, const std::string& path) {
    // Quoted, so that spaces and '=' in the path don't read as further options.
    if (path.find('"') != std::string::npos) {
        throw StoreFailure("sqlite store: the database path may not contain a double quote");
    }
    try {
        sql.open(*soci::factory_sqlite3(), "db=\"" + path + "\"");
    } catch (const soci::soci_error& error) {
        throw StoreFailure("sqlite store: cannot open " + path + ": " + error.get_error_message());
    }
    guarded("connection settings", [&] {
        int busy_timeout = 0;  // set first: switching to WAL may have to wait for a lock
        sql << queries::busy_timeout_5s, soci::into(busy_timeout);
        sql << queries::foreign_keys_on;
        std::string journal_mode;
        sql << queries::journal_mode_wal, soci::into(journal_mode);
        if (journal_mode != "wal") {
            throw StoreFailure("sqlite store: " + path + " cannot use write-ahead logging (journal mode " +
                               journal_mode + ")");
        }
        sql << queries::synchronous_full;
    });
}

int schema_version(soci::session& sql) {
    return storage::schema_version(sql);
}

void apply_migrations(soci::session& sql) {
    guarded("migrate", [&] { storage::apply_migrations(sql, Backend::sqlite); });
}

Transaction::Transaction(soci::session& sql, Kind kind) : sql_(sql) {
    sql_ << (kind == Kind::write ? queries::begin_write : queries::begin_read);
}

Transaction::Transaction(ConnectionPool::Lease& lease, Kind kind)
    : writer_turn_(kind == Kind::write ? std::unique_lock(lease.pool().writers()) : std::unique_lock<std::mutex>()),
      sql_(lease.sql()) {
    sql_ << (kind == Kind::write ? queries::begin_write : queries::begin_read);
}

Transaction::~Transaction() {
    if (!open_) return;
    try {
        sql_ << queries::rollback;
    } catch (...) {
        // Nothing better to do: the statement that failed is already on its way up.
    }
}

void Transaction::commit() {
    sql_ << queries::commit;
    open_ = false;
}

ConnectionPool::ConnectionPool(std::size_t size) : pool_(size) {
    connections_.reserve(size);
    for (std::size_t position = 0; position < size; ++position) {
        connections_.push_back(std::make_unique<Connection>(pool_.at(position)));
    }
}

void ConnectionPool::write_together(const std::function<void(Connection&)>& work) {
    Waiting waiting;  // mostly for the commit's fsync, this thread's or another's
    PendingWrite mine{&work, nullptr};
    std::unique_lock lock(queue_mutex_);
    queue_.push_back(&mine);
    while (!mine.done) {
        if (writing_) {
            batch_written_.wait(lock);
            continue;
        }
        // Nobody is writing: this thread writes what has queued up, its own write included.
        writing_ = true;
        std::vector<PendingWrite*> batch;
        batch.swap(queue_);
        lock.unlock();
        write_batch(batch);
        lock.lock();
        for (PendingWrite* pending : batch) pending->done = true;
        writing_ = false;
        batch_written_.notify_all();
    }
    if (mine.failure) std::rethrow_exception(mine.failure);
}

void ConnectionPool::write_batch(const std::vector<PendingWrite*>& batch) {
    std::lock_guard writer_turn(writers_);
    auto write = [&](const std::vector<PendingWrite*>& writes) {
        Transaction transaction(batch_writer_session_, Transaction::Kind::write);
        for (PendingWrite* pending : writes) (*pending->work)(batch_writer_);
        transaction.commit();
    };
    try {
        write(batch);
        return;
    } catch (...) {
        if (batch.size() == 1) {
            batch.front()->failure = std::current_exception();
            return;
        }
    }
    // Something in the batch failed and the whole transaction was rolled back: write each
    // again on its own, so that only what fails by itself fails. (Savepoints would isolate
    // them too, but each one makes FTS5 flush its pending index data: a segment per write.)
    for (PendingWrite* pending : batch) {
        try {
            write({pending});
        } catch (...) {
            pending->failure = std::current_exception();
        }
    }
}

// The prepared statements go before the sessions they were prepared on.
ConnectionPool::~ConnectionPool() {
    connections_.clear();
}

soci::statement Statement::claim(Connection& connection, const char* text, Connection::Prepared*& claimed) {
    auto prepare = [&] {
        soci::statement statement(connection.sql_);
        statement.alloc();
        statement.prepare(text);
        return statement;
    };
    auto found = connection.prepared_.find(text);
    if (found == connection.prepared_.end()) {
        auto prepared = std::make_unique<Connection::Prepared>(Connection::Prepared{prepare()});
        found = connection.prepared_.emplace(text, std::move(prepared)).first;
    }
    if (found->second->in_use) return prepare();
    found->second->in_use = true;
    claimed = found->second.get();
    return found->second->statement;
}

Statement::Statement(Connection& connection, const char* text)
    : connection_(connection), text_(text), statement_(claim(connection, text, prepared_)) {}

Statement::~Statement() {
    if (prepared_ == nullptr) return;  // its own: soci finalizes it
    try {
        statement_.bind_clean_up();
        // Reset, or the connection would hold on to this statement's read snapshot and
        // later reads on it would not see newer writes.
        auto* backend = static_cast<soci::sqlite3_statement_backend*>(statement_.get_backend());
        sqlite_api::sqlite3_reset(backend->stmt_);
        sqlite_api::sqlite3_clear_bindings(backend->stmt_);  // they point into our variables
        prepared_->in_use = false;
    } catch (...) {
        connection_.prepared_.erase(text_);  // prepared anew next time
    }
}

bool Statement::run() {
    if (!bound_) {
        statement_.define_and_bind();
        bound_ = true;
    }
    return statement_.execute(true);
}

}  // namespace ritme::storage::sqlite

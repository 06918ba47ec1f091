#pragma once
// The plumbing of the SQLite store: connections and their pool, migrating, transactions,
// statements, and turning SOCI's errors into StoreFailure.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "storage/sqlite/soci.hpp"

namespace ritme::storage::sqlite {

// Opens `sql` on the file at `path` (creating it) with the settings every connection of
// the store runs with: WAL, synchronous FULL, a 5 s busy timeout, foreign keys on.
void open_connection(soci::session& sql, const std::string& path);

// Applies every migration not applied yet, each in a transaction of its own.
void apply_migrations(soci::session& sql);
int schema_version(soci::session& sql);

// SOCI's message without its context: the context quotes bound values, which may be
// what a person wrote, and that has no place in a log line.
[[noreturn]] void fail(std::string_view operation, const soci::soci_error& error);
[[noreturn]] void fail_corrupt(std::string_view what);

// Runs `work`, turning database and stored-JSON errors into StoreFailure.
template <class Work>
auto guarded(std::string_view operation, Work&& work) -> decltype(work()) {
    try {
        return std::forward<Work>(work)();
    } catch (const soci::soci_error& error) {
        fail(operation, error);
    } catch (const nlohmann::json::exception&) {
        fail_corrupt("JSON");
    }
}

// One connection to the database and the statements prepared on it so far. Preparing a
// statement costs more than running most of them, so each is prepared once per connection.
class Connection {
public:
    explicit Connection(soci::session& sql) : sql_(sql) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    soci::session& sql() { return sql_; }

private:
    friend class Statement;
    struct Prepared {
        soci::statement statement;
        bool in_use = false;
    };

    soci::session& sql_;
    std::unordered_map<const char*, std::unique_ptr<Prepared>> prepared_;  // by query constant
};

// The store's connections. soci::session is not thread-safe: an operation leases a
// connection for its whole duration and gives it back at the end.
class ConnectionPool {
public:
    explicit ConnectionPool(std::size_t size);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    std::size_t size() const { return connections_.size(); }
    soci::session& session(std::size_t position) { return pool_.at(position); }
    // The connection that writes the batches of write_together, and nothing else: a
    // connection's page cache is emptied whenever another connection has committed since
    // its last transaction, so only a connection that does all of those writes keeps the
    // pages they touch in its cache from one batch to the next.
    soci::session& batch_writer_session() { return batch_writer_session_; }

    class Lease {
    public:
        explicit Lease(ConnectionPool& pool) : pool_(pool), position_(pool.pool_.lease()) {}
        ~Lease() { pool_.pool_.give_back(position_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        Connection& connection() { return *pool_.connections_[position_]; }
        ConnectionPool& pool() { return pool_; }
        soci::session& sql() { return connection().sql(); }

    private:
        ConnectionPool& pool_;
        std::size_t position_;
    };

    // Writers of this process take turns here before they ask SQLite for its write lock:
    // SQLite's own busy handler sleeps in growing steps, so 64 writers queueing on it
    // waste most of each second asleep. Other processes still wait in the busy timeout.
    std::mutex& writers() { return writers_; }

    // Group commit. Writes that arrive while a transaction is being written wait for it,
    // then go together in the next one: one fsync for all of them instead of one each.
    // A write that throws gets its exception back here and undoes only itself; nothing
    // returns before the commit that holds it. `work` may run twice (after another write
    // of its batch failed), so it must only read and write through the connection and
    // set its results anew. The caller must not be inside a write transaction of this pool.
    void write_together(const std::function<void(Connection&)>& work);

private:
    struct PendingWrite {
        const std::function<void(Connection&)>* work;
        std::exception_ptr failure;
        bool done = false;
    };
    void write_batch(const std::vector<PendingWrite*>& batch);

    soci::connection_pool pool_;
    std::vector<std::unique_ptr<Connection>> connections_;  // by pool position
    soci::session batch_writer_session_;
    Connection batch_writer_{batch_writer_session_};
    std::mutex writers_;
    std::mutex queue_mutex_;
    std::condition_variable batch_written_;
    std::vector<PendingWrite*> queue_;
    bool writing_ = false;
};

// A transaction that rolls back unless committed. Writers begin IMMEDIATE, so they queue
// on the write lock (within the busy timeout) instead of failing halfway.
class Transaction {
public:
    enum class Kind { read, write };
    // A writer in a leased connection queues on the pool's writers first.
    Transaction(ConnectionPool::Lease& lease, Kind kind);
    Transaction(soci::session& sql, Kind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    std::unique_lock<std::mutex> writer_turn_;  // declared first: released after the rollback
    soci::session& sql_;
    bool open_ = true;
};

// One statement with its binds: bind, run, read the rows, run again with other values in
// the bound variables. The prepared statement is the connection's; it goes back to it,
// unbound and reset, when this object ends. Bound variables must outlive this object.
class Statement {
public:
    Statement(Connection& connection, const char* text);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    template <class T>
    Statement& use(const T& value, const char* name) {
        statement_.exchange(soci::use(value, name));
        return *this;
    }
    template <class T>
    Statement& use(const T& value, soci::indicator& indicator, const char* name) {
        statement_.exchange(soci::use(value, indicator, name));
        return *this;
    }
    template <class T>
    Statement& use(const T&& value, const char* name) = delete;  // would dangle
    template <class T>
    Statement& into(T& value) {
        statement_.exchange(soci::into(value));
        return *this;
    }
    template <class T>
    Statement& into(T& value, soci::indicator& indicator) {
        statement_.exchange(soci::into(value, indicator));
        return *this;
    }

    // Runs the statement; true when it gave a first row (now in the into variables).
    bool run();
    // The next row into the into variables; false when there is none.
    bool next() { return statement_.fetch(); }
    long long affected_rows() { return statement_.get_affected_rows(); }

private:
    // The connection's prepared statement for `text`, or, while that one is in use, a new
    // one of its own (then `claimed` stays null and it is finalized at the end).
    static soci::statement claim(Connection& connection, const char* text, Connection::Prepared*& claimed);

    Connection& connection_;
    const char* text_;
    Connection::Prepared* prepared_ = nullptr;  // set by claim(), so declared before statement_
    soci::statement statement_;
    bool bound_ = false;
};

}  // namespace ritme::storage::sqlite

#pragma once
// The plumbing under the store, the same for both databases: statements by name in each
// dialect (Query), connections and their pool, transactions, and SOCI's errors turned into
// StoreFailure. What differs between SQLite and PostgreSQL beyond this is dialect.hpp.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "core/waiting.hpp"
#include "storage/backend.hpp"
#include "storage/soci.hpp"

namespace ritme::storage {

// One statement in the words of each database. Most are written once (same()); values
// only ever travel as :name binds.
struct Query {
    const char* sqlite;
    const char* postgres;

    const char* in(Backend backend) const { return backend == Backend::sqlite ? sqlite : postgres; }
};

constexpr Query same(const char* text) {
    return {text, text};
}

// SOCI's message without its context: the context quotes bound values, which may be what
// a person wrote, and that has no place in a log line.
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

// One connection to the database. On SQLite it keeps every statement it has prepared:
// preparing costs more than running most of them. On PostgreSQL a statement is one round
// trip with its values (a one-time query), so nothing is kept.
class Connection {
public:
    Connection(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    soci::session& sql() { return sql_; }
    Backend backend() const { return backend_; }
    // Runs a statement that takes no values and gives no rows; nothing for a query that
    // this database has no text for.
    void execute(const Query& query);

private:
    friend class Statement;
    struct Prepared {
        soci::statement statement;
        bool in_use = false;
    };

    soci::session& sql_;
    Backend backend_;
    std::unordered_map<const char*, std::unique_ptr<Prepared>> prepared_;  // by query text
};

// The store's connections. A soci::session is not thread-safe: an operation leases a
// connection for its whole duration and gives it back at the end. Inside
// Store::transaction a thread's leases all get the transaction's connection.
class ConnectionPool {
public:
    // `open` connects one session as the dialect wants it.
    ConnectionPool(Backend backend, std::size_t size, const std::function<void(soci::session&)>& open);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    Backend backend() const { return backend_; }
    std::size_t size() const { return connections_.size(); }

    class Lease {
    public:
        explicit Lease(ConnectionPool& pool);
        ~Lease();
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        Connection& connection() { return *connection_; }
        ConnectionPool& pool() { return pool_; }
        // Borrowed from the transaction this thread is in: Transaction does nothing on it.
        bool joined() const { return position_ == joined_position; }

    private:
        static constexpr std::size_t joined_position = static_cast<std::size_t>(-1);
        std::optional<Waiting> waiting_;  // on PostgreSQL: the call waits for the server
        ConnectionPool& pool_;
        std::size_t position_;
        Connection* connection_;
    };

    // While it lives, this thread's leases of `pool` get `connection`, which is in a
    // transaction.
    class Joining {
    public:
        Joining(ConnectionPool& pool, Connection& connection);
        ~Joining();
        Joining(const Joining&) = delete;
        Joining& operator=(const Joining&) = delete;

    private:
        const ConnectionPool* outer_pool_;
        Connection* outer_connection_;
    };

    // SQLite has one writer at a time. Writers of this process take turns here before
    // they ask SQLite for its write lock: SQLite's own busy handler sleeps in growing
    // steps, so 64 writers queueing on it waste most of each second asleep. Not used on
    // PostgreSQL, whose writers go on side by side.
    std::mutex& writers() { return writers_; }

private:
    std::size_t lease();
    void give_back(std::size_t position);

    Backend backend_;
    std::vector<std::unique_ptr<soci::session>> sessions_;
    std::vector<std::unique_ptr<Connection>> connections_;  // by position, over sessions_
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<std::size_t> free_;
    std::mutex writers_;
};

// A transaction that rolls back unless committed; nothing at all on a joined lease. A read
// sees one snapshot. A write on SQLite begins IMMEDIATE, after its turn among this
// process's writers, so it queues on the write lock instead of failing halfway.
class Transaction {
public:
    Transaction(ConnectionPool::Lease& lease, TransactionKind kind);
    // On a connection of its own (migrations, the group commit's writer).
    Transaction(Connection& connection, TransactionKind kind);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    std::unique_lock<std::mutex> writer_turn_;  // declared first: released after the rollback
    Connection* connection_;                    // null when joined
};

// One statement with its binds: bind, run, read the rows, run again with other values in
// the bound variables. Bound variables must outlive it. On SQLite the prepared statement
// is the connection's and goes back to it, unbound and reset, when this object ends.
class Statement {
public:
    Statement(Connection& connection, const Query& query);
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
    // SQLite: the connection's prepared statement for `text`, or, while that one is in use,
    // a new one of its own (then `claimed` stays null and it is finalized at the end).
    static soci::statement claim(Connection& connection, const char* text, Connection::Prepared*& claimed);

    Connection& connection_;
    const char* text_;
    Connection::Prepared* prepared_ = nullptr;  // set by claim(), so declared before statement_
    soci::statement statement_;
    bool bound_ = false;
};

// Values bound by name: use_all(statement, "id", id, "name", name, ...). The statement must
// run before the values end: in the same expression, where a value is a temporary.
inline Statement& use_all(Statement& statement) {
    return statement;
}
template <class T, class... More>
Statement& use_all(Statement& statement, const char* name, const T& value, const More&... more) {
    statement.use(value, name);
    return use_all(statement, more...);
}

// Rows into values: `Row` knows its columns (into) and its value (value()); see
// row_mapping.hpp.
template <class Row>
auto one(Statement& statement, Row row = {}) -> std::optional<decltype(row.value())> {
    row.into(statement);
    if (!statement.run()) return std::nullopt;
    return row.value();
}

template <class Row>
auto all(Statement& statement, Row row = {}) -> std::vector<decltype(row.value())> {
    row.into(statement);
    std::vector<decltype(row.value())> values;
    if (!statement.run()) return values;
    do {
        values.push_back(row.value());
    } while (statement.next());
    return values;
}

// The one value of a one-column query, or `otherwise` when it gave no row.
template <class T>
T scalar(Statement& statement, T otherwise = {}) {
    T value = otherwise;
    statement.into(value);
    if (!statement.run()) return otherwise;
    return value;
}

// The same, each a statement of its own with its values.
template <class Row, class... Binds>
auto one(Connection& connection, const Query& query, const Binds&... binds) {
    Statement statement(connection, query);
    return one<Row>(use_all(statement, binds...));
}

template <class Row, class... Binds>
auto all(Connection& connection, const Query& query, const Binds&... binds) {
    Statement statement(connection, query);
    return all<Row>(use_all(statement, binds...));
}

template <class T, class... Binds>
std::optional<T> scalar(Connection& connection, const Query& query, const Binds&... binds) {
    Statement statement(connection, query);
    T value{};
    if (!use_all(statement, binds...).into(value).run()) return std::nullopt;
    return value;
}

// Runs a statement that gives no rows; answers how many rows it changed.
template <class... Binds>
long long run(Connection& connection, const Query& query, const Binds&... binds) {
    Statement statement(connection, query);
    use_all(statement, binds...).run();
    return statement.affected_rows();
}

}  // namespace ritme::storage

#pragma once
// The plumbing of the PostgreSQL store: connections and their pool, migrating,
// transactions, statements, and turning SOCI's errors into StoreFailure.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/store.hpp"
#include "core/waiting.hpp"
#include "storage/postgres/soci_postgresql.hpp"

namespace ritme::storage::postgres {

// libpq's keyword/value form of a postgresql:// (or postgres://) URL: SOCI reads its
// connection string as keyword/value pairs itself and would mangle a URL. User, password,
// host and database are percent-decoded; query parameters (sslmode=..., ...) pass as they
// are. Throws StoreFailure for what is not such a URL.
std::string conninfo_from_url(const std::string& url);

// Opens `sql` on the server the URL (postgresql://user:password@host:port/database?...)
// names, as libpq understands it.
void open_connection(soci::session& sql, const std::string& url);

// Applies every migration not applied yet, each in a transaction of its own. Several
// processes may start at once: an advisory lock lets one migrate while the others wait.
void apply_migrations(soci::session& sql);
int schema_version(soci::session& sql);

// SOCI's message without its context: the context quotes bound values, which may be
// what a person wrote, and that has no place in a log line.
[[noreturn]] void fail(std::string_view operation, const soci::soci_error& error);
[[noreturn]] void fail_corrupt(std::string_view what);

// Runs `work`, turning database and stored-JSON errors into StoreFailure. Most of its
// time goes to waiting for the database server, so it waits as Waiting says.
template <class Work>
auto guarded(std::string_view operation, Work&& work) -> decltype(work()) {
    Waiting waiting;
    try {
        return std::forward<Work>(work)();
    } catch (const soci::soci_error& error) {
        fail(operation, error);
    } catch (const nlohmann::json::exception&) {
        fail_corrupt("JSON");
    }
}

// The store's connections. soci::session is not thread-safe: an operation leases a
// connection for its whole duration and gives it back at the end.
class ConnectionPool {
public:
    explicit ConnectionPool(std::size_t size) : pool_(size), size_(size) {}
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    std::size_t size() const { return size_; }
    soci::session& session(std::size_t position) { return pool_.at(position); }

    class Lease {
    public:
        explicit Lease(ConnectionPool& pool) : pool_(pool), position_(pool.pool_.lease()) {}
        ~Lease() { pool_.pool_.give_back(position_); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;

        soci::session& sql() { return pool_.pool_.at(position_); }

    private:
        ConnectionPool& pool_;
        std::size_t position_;
    };

private:
    soci::connection_pool pool_;
    std::size_t size_;
};

// A transaction that rolls back unless committed (READ COMMITTED, PostgreSQL's default:
// every statement sees what was committed before it began).
class Transaction {
public:
    explicit Transaction(soci::session& sql);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();

private:
    soci::session& sql_;
    bool open_ = true;
};

// One statement with its binds, run as a one-time query (PQexecParams: one round trip;
// the rows come back at once and next() walks them). Bound variables must outlive it.
class Statement {
public:
    Statement(soci::session& sql, const char* text);
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
    soci::statement statement_;
    const char* text_;
    bool bound_ = false;
};

}  // namespace ritme::storage::postgres

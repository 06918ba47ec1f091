#include "storage/database.hpp"

namespace ritme::storage {

namespace {


// The transaction this thread is in (Store::transaction), and the pool it is of.
thread_local const ConnectionPool* joined_pool = nullptr;
thread_local Connection* joined_connection = nullptr;

// A read sees one snapshot; a write on SQLite takes the write lock up front, so a
// transaction that reads and then writes can't fail on a write that another connection
// made in between.
constexpr Query begin_read{"BEGIN", "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"};
constexpr Query begin_write{"BEGIN IMMEDIATE", "BEGIN"};
constexpr Query commit_transaction = same("COMMIT");
constexpr Query rollback_transaction = same("ROLLBACK");

// The text SQLite runs: COLLATE "C" is PostgreSQL's word for comparing text byte by byte,
// which SQLite does already.
std::string sqlite_text(std::string_view text) {
    constexpr std::string_view bytewise = " COLLATE \"C\"";
    std::string out;
    out.reserve(text.size());
    for (std::size_t found; (found = text.find(bytewise)) != std::string_view::npos;) {
        out.append(text.substr(0, found));
        text.remove_prefix(found + bytewise.size());
    }
    return out.append(text);
}

}  // namespace

void fail(std::string_view operation, const soci::soci_error& error) {
    throw StoreFailure("store: " + std::string(operation) + ": " + error.get_error_message());
}

void fail_corrupt(std::string_view what) {
    throw StoreFailure("store: malformed " + std::string(what) + " in the database");
}

void Connection::execute(const Query& query) {
    const char* text = query.in(backend_);
    if (text == nullptr) return;
    if (backend_ == Backend::sqlite) {
        sql_ << sqlite_text(text);
    } else {
        sql_ << text;
    }
}

// --- the pool -----------------------------------------------------------------------------

ConnectionPool::ConnectionPool(Backend backend, std::size_t size,
                               const std::function<void(soci::session&)>& open)
    : backend_(backend) {
    for (std::size_t position = 0; position < std::max<std::size_t>(size, 1); ++position) {
        open(*sessions_.emplace_back(std::make_unique<soci::session>()));
        connections_.push_back(std::make_unique<Connection>(*sessions_.back(), backend));
        free_.push_back(position);
    }
}

// The prepared statements go before the sessions they were prepared on.
ConnectionPool::~ConnectionPool() {
    connections_.clear();
}

std::size_t ConnectionPool::lease() {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return !free_.empty(); });
    std::size_t position = free_.back();
    free_.pop_back();
    return position;
}

void ConnectionPool::give_back(std::size_t position) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(position);
    }
    returned_.notify_one();
}

ConnectionPool::Lease::Lease(ConnectionPool& pool)
    : waiting_(pool.backend() == Backend::postgres ? std::make_optional<Waiting>() : std::nullopt),
      pool_(pool),
      position_(joined_pool == &pool ? joined_position : pool.lease()),
      connection_(joined() ? joined_connection : pool.connections_[position_].get()) {}

ConnectionPool::Lease::~Lease() {
    if (!joined()) pool_.give_back(position_);
}

ConnectionPool::Joining::Joining(ConnectionPool& pool, Connection& connection)
    : outer_pool_(joined_pool), outer_connection_(joined_connection) {
    joined_pool = &pool;
    joined_connection = &connection;
}

ConnectionPool::Joining::~Joining() {
    joined_pool = outer_pool_;
    joined_connection = outer_connection_;
}

// --- transactions --------------------------------------------------------------------------

Transaction::Transaction(ConnectionPool::Lease& lease, TransactionKind kind)
    : connection_(lease.joined() ? nullptr : &lease.connection()) {
    if (connection_ == nullptr) return;
    if (kind == TransactionKind::write && lease.pool().backend() == Backend::sqlite) {
        writer_turn_ = std::unique_lock(lease.pool().writers());
    }
    connection_->execute(kind == TransactionKind::write ? begin_write : begin_read);
}

Transaction::Transaction(Connection& connection, TransactionKind kind) : connection_(&connection) {
    connection_->execute(kind == TransactionKind::write ? begin_write : begin_read);
}

Transaction::~Transaction() {
    if (connection_ == nullptr) return;
    try {
        connection_->execute(rollback_transaction);
    } catch (...) {
        // Nothing better to do: the statement that failed is already on its way up.
    }
}

void Transaction::commit() {
    if (connection_ == nullptr) return;
    connection_->execute(commit_transaction);
    connection_ = nullptr;
}

// --- statements ------------------------------------------------------------------------------

soci::statement Statement::claim(Connection& connection, const char* text, Connection::Prepared*& claimed) {
    auto prepare = [&] {
        soci::statement statement(connection.sql_);
        statement.alloc();
        statement.prepare(sqlite_text(text));
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

Statement::Statement(Connection& connection, const Query& query)
    : connection_(connection),
      text_(query.in(connection.backend())),
      statement_(connection.backend() == Backend::sqlite ? claim(connection, text_, prepared_)
                                                         : soci::statement(connection.sql())) {
    if (connection.backend() == Backend::postgres) statement_.alloc();
}

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
        // PostgreSQL: one round trip with the values (PQexecParams), the rows at once.
        if (connection_.backend() == Backend::postgres) statement_.prepare(text_, soci::details::st_one_time_query);
        statement_.define_and_bind();
        bound_ = true;
    }
    return statement_.execute(true);
}

}  // namespace ritme::storage

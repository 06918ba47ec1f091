// The store (see sql_store.hpp). Every public method leases a connection for its own
// duration (or joins the thread's transaction); statements that belong together run in
// one transaction. Statements are the named constants of queries.hpp.
#include "storage/sql_store.hpp"

#include <algorithm>
#include <tuple>

#include "storage/database.hpp"
#include "storage/dialect.hpp"
#include "storage/migrations.hpp"
#include "storage/queries.hpp"
#include "storage/row_mapping.hpp"

namespace ritme::storage {

namespace q = queries;
using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

namespace {

// --- reading and writing ----------------------------------------------------------------

// Runs `work` with a connection of the pool.
template <class Work>
auto leased(ConnectionPool& pool, std::string_view operation, Work&& work) {
    return guarded(operation, [&] {
        ConnectionPool::Lease lease(pool);
        return work(lease.connection());
    });
}

template <class T>
bool refused(const Result<T>& result) {
    return !result.ok();
}
template <class T>
bool refused(const T&) {
    return false;
}

// Runs `work` in a write transaction, committed unless it answers an error.
template <class Work>
auto write(ConnectionPool& pool, std::string_view operation, Work&& work) {
    return guarded(operation, [&] {
        ConnectionPool::Lease lease(pool);
        Transaction transaction(lease, TransactionKind::write);
        auto answer = work(lease.connection());
        if (!refused(answer)) transaction.commit();
        return answer;
    });
}

// A statement that reads nothing back, run once.
void run(Connection& connection, const Query& query, const std::function<void(Statement&)>& bind) {
    Statement statement(connection, query);
    bind(statement);
    statement.run();
}

// How many rows a statement changed.
long long changed(Connection& connection, const Query& query, const std::function<void(Statement&)>& bind) {
    Statement statement(connection, query);
    bind(statement);
    statement.run();
    return statement.affected_rows();
}

// Thrown through the dialect's write path when the work of Store::transaction answers an
// error: the transaction is rolled back and the error answered.
struct Refusal {
    Error error;
};

// --- the fixed colleague ------------------------------------------------------------------

// The person's peer as users.peer_id has it ("" when none).
std::string peer_in(Connection& connection, const std::string& user_id) {
    std::string peer;
    soci::indicator indicator = soci::i_null;
    Statement statement(connection, q::peer_of);
    statement.into(peer, indicator).use(user_id, "id");
    if (!statement.run() || indicator != soci::i_ok) return {};
    return peer;
}

// Takes the rows of `a` and `b` (queries::lock_people); answers how many exist.
int lock_people(Connection& connection, const std::string& a, const std::string& b) {
    std::string id;
    Statement statement(connection, q::lock_people);
    statement.into(id).use(a, "a").use(b, "b");
    int found = 0;
    if (!statement.run()) return found;
    do {
        ++found;
    } while (statement.next());
    return found;
}

// Ends the person's pair inside the caller's write transaction (see Store::end_pair): both
// people are taken first, so the pair can't change between reading and ending it.
bool end_pair_in(Connection& connection, const std::string& user_id, Timestamp at) {
    std::string peer = peer_in(connection, user_id);
    for (;;) {
        if (peer.empty()) return false;
        lock_people(connection, user_id, peer);
        const std::string now_peer = peer_in(connection, user_id);  // under the lock
        if (now_peer == peer) break;
        peer = now_peer;  // changed before the lock was ours: lock the current one
    }
    for (const Query* query : {&q::unshare_diary_entries, &q::unshare_weekly_reviews, &q::unshare_contracts,
                               &q::delete_openings_of_pair, &q::clear_peers}) {
        run(connection, *query, [&](Statement& s) { s.use(user_id, "a").use(peer, "b"); });
    }
    const long long ended_at = seconds(at);
    run(connection, q::end_peer_pairs, [&](Statement& s) { s.use(ended_at, "at").use(user_id, "a").use(peer, "b"); });
    return true;
}

std::string discussion_json(const std::vector<ContractComment>& discussion) {
    json list = json::array();
    for (const ContractComment& comment : discussion) {
        list.push_back(
            {{"by", comment.by}, {"comment", comment.comment}, {"agree", comment.agree}, {"at", seconds(comment.at)}});
    }
    return dump(list);
}

// Takes a person's comments out of the discussions of other people's contracts, the order
// of the others kept.
void remove_comments_by(Connection& connection, const std::string& user_id) {
    struct Discussed {
        std::string user_id, quarter, discussion;
        int revision = 0;
    };
    std::vector<Discussed> discussed;
    {
        Discussed row;
        Statement contracts(connection, q::contracts_discussed_by);
        contracts.into(row.user_id).into(row.quarter).into(row.revision).into(row.discussion).use(user_id, "id");
        if (contracts.run()) {
            do {
                discussed.push_back(row);
            } while (contracts.next());
        }
    }
    for (Discussed& contract : discussed) {
        std::vector<ContractComment> discussion = discussion_of(contract.discussion);
        if (std::erase_if(discussion, [&](const ContractComment& comment) { return comment.by == user_id; }) == 0) {
            continue;  // mentioned in a comment only
        }
        const std::string text = discussion_json(discussion);
        run(connection, q::set_contract_discussion, [&](Statement& s) {
            s.use(text, "discussion").use(contract.user_id, "user_id").use(contract.quarter, "quarter");
            s.use(contract.revision, "revision");
        });
    }
}

// --- events ----------------------------------------------------------------------------------

// An event's columns as bound for a write.
struct EventBinds {
    explicit EventBinds(const Event& event)
        : kind(to_string(event.kind)),
          starts_at(seconds(event.starts_at)),
          ends_at(seconds(event.ends_at)),
          created_at(seconds(event.created_at)),
          capacity(event.capacity.value_or(0)),
          capacity_indicator(event.capacity ? soci::i_ok : soci::i_null) {}
    std::string kind;
    long long starts_at, ends_at, created_at;
    int capacity;
    soci::indicator capacity_indicator;
};

// The capacity of the event or session `id` (none: unlimited); nullopt when there is no
// such row. Inside a write transaction, it holds for that row until the commit.
std::optional<std::optional<int>> capacity_in(Connection& connection, const Query& query, const std::string& id) {
    int capacity = 0;
    soci::indicator indicator = soci::i_null;
    Statement statement(connection, query);
    statement.into(capacity, indicator).use(id, "id");
    if (!statement.run()) return std::nullopt;
    return optional_of(capacity, indicator);
}

int count_of(Connection& connection, const Query& query, const std::function<void(Statement&)>& bind) {
    Statement statement(connection, query);
    bind(statement);
    return scalar<int>(statement);
}

User user_of(const NewUser& user, const std::string& email, Role role) {
    User created;
    created.id = user.id;
    created.email = email;
    created.name = user.name;
    created.role = role;
    created.locale = user.locale;
    created.timezone = user.timezone;
    created.created_at = user.created_at;
    return created;
}

}  // namespace

DiaryBounds::DiaryBounds(const DiaryQuery& query)
    : page_size(std::clamp(query.limit, 1, 200)),
      limit(page_size + 1),
      from(query.from ? format_day(*query.from) : "0000-00-00"),
      to(query.to ? format_day(*query.to) : "9999-99-99"),
      before(query.before ? format_day(*query.before) : "9999-99-99"),
      shared_only(flag(query.shared_only)) {}

// --- opening ------------------------------------------------------------------------------

SqlStore::SqlStore(std::unique_ptr<Dialect> dialect, std::size_t connections) : dialect_(std::move(dialect)) {
    pool_ = std::make_unique<ConnectionPool>(dialect_->backend(), connections,
                                             [&](soci::session& sql) { dialect_->open(sql); });
    guarded("migrate", [&] {
        ConnectionPool::Lease lease(*pool_);
        apply_migrations(lease.connection().sql(), dialect_->backend());
    });
}

SqlStore::~SqlStore() = default;

std::unique_ptr<SqlStore> SqlStore::open_sqlite(const std::string& path, std::size_t connections) {
    return std::unique_ptr<SqlStore>(new SqlStore(sqlite_dialect(path), connections));
}

std::unique_ptr<SqlStore> SqlStore::open_postgres(const std::string& url, std::size_t connections) {
    return std::unique_ptr<SqlStore>(new SqlStore(postgres_dialect(url), connections));
}

void migrate_sqlite(const std::string& path) {
    SqlStore::open_sqlite(path, 1);  // opening migrates
}

int SqlStore::schema_version() {
    return leased(*pool_, "schema_version", [&](Connection& c) { return storage::schema_version(c.sql()); });
}

std::vector<SqliteConnectionSettings> SqlStore::connection_settings() {
    if (pool_->backend() != Backend::sqlite) throw StoreFailure("connection settings: only of a SQLite store");
    return guarded("connection_settings", [&] {
        // Holding every connection at once makes sure each one is asked.
        std::vector<std::unique_ptr<ConnectionPool::Lease>> leases;
        std::vector<SqliteConnectionSettings> settings;
        for (std::size_t i = 0; i < pool_->size(); ++i) {
            soci::session& sql = leases.emplace_back(std::make_unique<ConnectionPool::Lease>(*pool_))->connection().sql();
            SqliteConnectionSettings connection;
            sql << "PRAGMA journal_mode", soci::into(connection.journal_mode);
            sql << "PRAGMA synchronous", soci::into(connection.synchronous);
            sql << "PRAGMA busy_timeout", soci::into(connection.busy_timeout);
            sql << "PRAGMA foreign_keys", soci::into(connection.foreign_keys);
            settings.push_back(connection);
        }
        return settings;
    });
}

Status SqlStore::transaction(TransactionKind kind, const std::function<Status()>& work) {
    return guarded("transaction", [&]() -> Status {
        if (kind == TransactionKind::read) {
            ConnectionPool::Lease lease(*pool_);
            Transaction transaction(lease, TransactionKind::read);
            ConnectionPool::Joining joining(*pool_, lease.connection());
            Status answer = work();
            transaction.commit();
            return answer;
        }
        try {
            dialect_->write(*pool_, [&](Connection&) {
                if (Status answer = work(); !answer) throw Refusal{answer.error()};
            });
        } catch (const Refusal& refusal) {
            return refusal.error;
        }
        return ok_status();
    });
}

bool SqlStore::ping() {
    try {
        ConnectionPool::Lease lease(*pool_);
        Statement statement(lease.connection(), q::ping);
        return scalar<int>(statement) == 1;
    } catch (const soci::soci_error&) {
        return false;
    }
}

bool SqlStore::maintain() {
    return guarded("maintain", [&] { return dialect_->maintain(*pool_); });
}

// --- settings ---------------------------------------------------------------------------

std::optional<std::string> SqlStore::setting(const std::string& key) {
    return leased(*pool_, "setting", [&](Connection& c) -> std::optional<std::string> {
        std::string value;
        Statement statement(c, q::find_setting);
        if (!statement.into(value).use(key, "key").run()) return std::nullopt;
        return value;
    });
}

void SqlStore::set_setting(const std::string& key, const std::string& value) {
    leased(*pool_, "set_setting",
         [&](Connection& c) { run(c, q::put_setting, [&](Statement& s) { s.use(key, "key").use(value, "value"); }); });
}

void SqlStore::delete_setting(const std::string& key) {
    leased(*pool_, "delete_setting",
         [&](Connection& c) { run(c, q::delete_setting, [&](Statement& s) { s.use(key, "key"); }); });
}

std::vector<std::pair<std::string, std::string>> SqlStore::list_settings() {
    return leased(*pool_, "list_settings", [&](Connection& c) {
        std::pair<std::string, std::string> row;
        Statement statement(c, q::list_settings);
        statement.into(row.first).into(row.second);
        std::vector<std::pair<std::string, std::string>> settings;
        if (!statement.run()) return settings;
        do {
            settings.push_back(row);
        } while (statement.next());
        return settings;
    });
}

// --- people -------------------------------------------------------------------------------

int SqlStore::count_users() {
    return leased(*pool_, "count_users", [&](Connection& c) { return count_of(c, q::count_users, [](Statement&) {}); });
}

int SqlStore::count_admins() {
    return leased(*pool_, "count_admins", [&](Connection& c) { return count_of(c, q::count_admins, [](Statement&) {}); });
}

Result<User> SqlStore::create_user(const NewUser& user) {
    return insert_user(user, user.role, false);
}

Result<User> SqlStore::create_first_admin(const NewUser& user) {
    return insert_user(user, Role::admin, true);
}

Result<User> SqlStore::insert_user(const NewUser& user, Role role, bool only_while_no_admin) {
    return write(*pool_, "create_user", [&](Connection& c) -> Result<User> {
        if (only_while_no_admin) {
            c.execute(q::serialise_first_admin);  // the count still holds when the insert runs
            if (count_of(c, q::count_admins, [](Statement&) {}) > 0) {
                return Error{ErrorCode::conflict, "an administrator already exists"};
            }
        }
        const std::string email = lower_ascii(user.email);
        if (count_of(c, q::count_users_with_email, [&](Statement& s) { s.use(email, "email"); }) > 0) {
            return Error{ErrorCode::conflict, "this e-mail address is already in use", "email"};
        }
        User created = user_of(user, email, role);
        const std::string role_name(to_string(role));
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(created.workdays));
        const long long created_at = seconds(user.created_at);
        run(c, q::insert_user, [&](Statement& s) {
            s.use(user.id, "id").use(email, "email").use(user.name, "name").use(role_name, "role");
            s.use(locale_name, "locale").use(user.timezone, "timezone").use(workdays, "workdays");
            s.use(user.password_hash, "password_hash").use(created_at, "created_at");
        });
        return created;
    });
}

std::optional<User> SqlStore::find_user(const std::string& id) {
    return leased(*pool_, "find_user", [&](Connection& c) {
        Statement statement(c, q::find_user);
        return one<UserRow>(statement.use(id, "id"));
    });
}

std::optional<User> SqlStore::find_user_by_email(const std::string& email) {
    return leased(*pool_, "find_user_by_email", [&](Connection& c) {
        const std::string lowered = lower_ascii(email);
        Statement statement(c, q::find_user_by_email);
        return one<UserRow>(statement.use(lowered, "email"));
    });
}

std::optional<std::string> SqlStore::password_hash(const std::string& user_id) {
    return leased(*pool_, "password_hash", [&](Connection& c) -> std::optional<std::string> {
        std::string hash;
        Statement statement(c, q::find_password_hash);
        if (!statement.into(hash).use(user_id, "id").run()) return std::nullopt;
        return hash;
    });
}

void SqlStore::update_profile(const User& user) {
    leased(*pool_, "update_profile", [&](Connection& c) {
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(user.workdays));
        run(c, q::update_profile, [&](Statement& s) {
            s.use(user.name, "name").use(locale_name, "locale").use(user.timezone, "timezone");
            s.use(workdays, "workdays").use(user.id, "id");
        });
    });
}

void SqlStore::set_password_hash(const std::string& user_id, const std::string& hash) {
    leased(*pool_, "set_password_hash", [&](Connection& c) {
        run(c, q::set_password_hash, [&](Statement& s) { s.use(hash, "password_hash").use(user_id, "id"); });
    });
}

void SqlStore::delete_user(const std::string& user_id) {
    write(*pool_, "delete_user", [&](Connection& c) {
        dialect_->forget_diary_of(c, user_id);
        remove_comments_by(c, user_id);
        // Nothing stays shared between them and their peer. The pair's row goes with them
        // (ON DELETE CASCADE), so when it ended is never read.
        end_pair_in(c, user_id, Timestamp{});
        for (const Query* query : {&q::end_pairings_with, &q::orphan_events_of, &q::delete_user}) {
            run(c, *query, [&](Statement& s) { s.use(user_id, "id"); });
        }
        // Their invitations, answers, sign-ups, openings, reminders and calendar secret go
        // with them through ON DELETE CASCADE.
        return true;
    });
}

std::vector<User> SqlStore::list_users() {
    return leased(*pool_, "list_users", [&](Connection& c) {
        Statement statement(c, q::list_users);
        return all<UserRow>(statement);
    });
}

// --- sessions and access tokens -----------------------------------------------------------

void SqlStore::create_session(const Session& session) {
    leased(*pool_, "create_session", [&](Connection& c) {
        const long long created_at = seconds(session.created_at), expires_at = seconds(session.expires_at);
        run(c, q::insert_session, [&](Statement& s) {
            s.use(session.token_hash, "token_hash").use(session.user_id, "user_id");
            s.use(session.csrf_token, "csrf_token").use(created_at, "created_at").use(expires_at, "expires_at");
        });
    });
}

std::optional<Session> SqlStore::find_session(const std::string& token_hash) {
    return leased(*pool_, "find_session", [&](Connection& c) {
        Statement statement(c, q::find_session);
        return one<SessionRow>(statement.use(token_hash, "token_hash"));
    });
}

std::vector<Session> SqlStore::list_sessions() {
    return leased(*pool_, "list_sessions", [&](Connection& c) {
        Statement statement(c, q::list_sessions);
        return all<SessionRow>(statement);
    });
}

void SqlStore::delete_session(const std::string& token_hash) {
    leased(*pool_, "delete_session", [&](Connection& c) {
        run(c, q::delete_session, [&](Statement& s) { s.use(token_hash, "token_hash"); });
    });
}

void SqlStore::delete_expired_sessions(Timestamp now) {
    leased(*pool_, "delete_expired_sessions", [&](Connection& c) {
        const long long at = seconds(now);
        run(c, q::delete_expired_sessions, [&](Statement& s) { s.use(at, "now"); });
    });
}

void SqlStore::create_access_token(const AccessToken& token) {
    leased(*pool_, "create_access_token", [&](Connection& c) {
        const long long created_at = seconds(token.created_at);
        run(c, q::insert_access_token, [&](Statement& s) {
            s.use(token.id, "id").use(token.user_id, "user_id").use(token.name, "name");
            s.use(token.token_hash, "token_hash").use(created_at, "created_at");
        });
    });
}

std::optional<AccessToken> SqlStore::find_access_token(const std::string& token_hash) {
    return leased(*pool_, "find_access_token", [&](Connection& c) {
        Statement statement(c, q::find_access_token);
        return one<AccessTokenRow>(statement.use(token_hash, "token_hash"));
    });
}

std::vector<AccessToken> SqlStore::list_access_tokens(const std::string& user_id) {
    return leased(*pool_, "list_access_tokens", [&](Connection& c) {
        Statement statement(c, q::list_access_tokens);
        return all<AccessTokenRow>(statement.use(user_id, "user_id"));
    });
}

bool SqlStore::delete_access_token(const std::string& user_id, const std::string& token_id) {
    return leased(*pool_, "delete_access_token", [&](Connection& c) {
        return changed(c, q::delete_access_token, [&](Statement& s) { s.use(user_id, "user_id").use(token_id, "id"); }) >
               0;
    });
}

// --- login throttling ---------------------------------------------------------------------

void SqlStore::record_login_failure(const std::string& key, Timestamp at) {
    leased(*pool_, "record_login_failure", [&](Connection& c) {
        const long long when = seconds(at);
        run(c, q::insert_login_failure, [&](Statement& s) { s.use(key, "key").use(when, "at"); });
    });
}

std::vector<Timestamp> SqlStore::login_failures_since(const std::string& key, Timestamp since) {
    return leased(*pool_, "login_failures_since", [&](Connection& c) {
        const long long from = seconds(since);
        long long at = 0;
        Statement statement(c, q::login_failures_since);
        statement.into(at).use(key, "key").use(from, "since");
        std::vector<Timestamp> failures;
        if (!statement.run()) return failures;
        do {
            failures.push_back(instant(at));
        } while (statement.next());
        return failures;
    });
}

void SqlStore::clear_login_failures(const std::string& key) {
    leased(*pool_, "clear_login_failures",
         [&](Connection& c) { run(c, q::clear_login_failures, [&](Statement& s) { s.use(key, "key"); }); });
}

// --- competencies ---------------------------------------------------------------------------

std::vector<Competency> SqlStore::list_competencies() {
    return leased(*pool_, "list_competencies", [&](Connection& c) {
        Statement statement(c, q::list_competencies);
        return all<CompetencyRow>(statement);
    });
}

std::optional<Competency> SqlStore::find_competency(const std::string& id) {
    return leased(*pool_, "find_competency", [&](Connection& c) {
        Statement statement(c, q::find_competency);
        return one<CompetencyRow>(statement.use(id, "id"));
    });
}

namespace {

// Writes the competency unless another one has its name (whatever the case); `insert`: a
// new one.
Result<Competency> put_competency(Connection& c, const Competency& competency, bool insert) {
    c.execute(q::serialise_competency_names);  // the name check still holds when the write runs
    if (!insert && count_of(c, q::count_competencies_with_id, [&](Statement& s) { s.use(competency.id, "id"); }) == 0) {
        return Error{ErrorCode::not_found, "no such competency"};
    }
    const std::string other_than = insert ? std::string() : competency.id;
    if (count_of(c, q::count_other_competencies_named,
                 [&](Statement& s) { s.use(competency.name, "name").use(other_than, "id"); }) > 0) {
        return Error{ErrorCode::conflict, "a competency with this name already exists", "name"};
    }
    const int archived = flag(competency.archived);
    run(c, insert ? q::insert_competency : q::update_competency, [&](Statement& s) {
        s.use(competency.id, "id").use(competency.name, "name").use(competency.description, "description");
        s.use(archived, "archived");
    });
    return competency;
}

}  // namespace

Result<Competency> SqlStore::create_competency(const Competency& competency) {
    return write(*pool_, "create_competency", [&](Connection& c) { return put_competency(c, competency, true); });
}

Result<Competency> SqlStore::update_competency(const Competency& competency) {
    return write(*pool_, "update_competency", [&](Connection& c) { return put_competency(c, competency, false); });
}

// --- daily ----------------------------------------------------------------------------------

std::optional<DiaryEntry> SqlStore::find_diary_entry(const std::string& user_id, Day day) {
    return guarded("find_diary_entry", [&] {
        ConnectionPool::Lease lease(*pool_);
        return dialect_->find_diary_entry(lease, user_id, day);
    });
}

Store::PutDiaryResult SqlStore::put_diary_entry(const DiaryEntry& entry) {
    return guarded("put_diary_entry", [&] {
        PutDiaryResult result;
        dialect_->write(*pool_, [&](Connection& c) { result = dialect_->write_diary_entry(c, entry, true); });
        return result;
    });
}

bool SqlStore::delete_diary_entry(const std::string& user_id, Day day) {
    return guarded("delete_diary_entry", [&] {
        bool deleted = false;
        dialect_->write(*pool_, [&](Connection& c) { deleted = dialect_->erase_diary_entry(c, user_id, day); });
        return deleted;
    });
}

void SqlStore::import_diary_entries(const std::vector<DiaryEntry>& entries) {
    if (entries.empty()) return;
    write(*pool_, "import_diary_entries", [&](Connection& c) {
        for (const DiaryEntry& entry : entries) (void)dialect_->write_diary_entry(c, entry, false);
        return true;
    });
}

DiaryPage SqlStore::list_diary_entries(const DiaryQuery& query) {
    return guarded("list_diary_entries", [&] {
        ConnectionPool::Lease lease(*pool_);
        return dialect_->list_diary_entries(lease, query);
    });
}

std::vector<Day> SqlStore::diary_days(const std::string& user_id, Day from, Day to) {
    return leased(*pool_, "diary_days", [&](Connection& c) {
        const std::string first = format_day(from), last = format_day(to);
        Statement statement(c, q::diary_days);
        return days_of_list(scalar<std::string>(statement.use(user_id, "user_id").use(first, "from").use(last, "to")));
    });
}

// --- weekly, monthly, quarterly, yearly -------------------------------------------------------

// Each put answers what it stored: the row keeps its own created_at when it replaces one.

std::optional<WeeklyReview> SqlStore::find_weekly_review(const std::string& user_id, IsoWeek week) {
    return leased(*pool_, "find_weekly_review", [&](Connection& c) {
        const std::string week_text = format_week(week);
        Statement statement(c, q::find_weekly_review);
        return one(statement.use(user_id, "user_id").use(week_text, "week"), of_person<WeeklyRow>(user_id));
    });
}

WeeklyReview SqlStore::put_weekly_review(const WeeklyReview& review) {
    return write(*pool_, "put_weekly_review", [&](Connection& c) {
        const std::string week = format_week(review.week);
        const int held = flag(review.peer_meeting.held), shared = flag(review.shared_with_peer);
        const std::string meeting_day = day_text(review.peer_meeting.day).value_or("");
        soci::indicator meeting_day_indicator = review.peer_meeting.day ? soci::i_ok : soci::i_null;
        const std::string deadline = day_text(review.plan.deadline).value_or("");
        soci::indicator deadline_indicator = review.plan.deadline ? soci::i_ok : soci::i_null;
        const long long given_created_at = seconds(review.created_at), updated_at = seconds(review.updated_at);
        Statement put(c, q::put_weekly_review);
        put.use(review.user_id, "user_id").use(week, "week").use(held, "peer_meeting_held");
        put.use(meeting_day, meeting_day_indicator, "peer_meeting_day");
        put.use(review.peer_meeting.notes, "peer_meeting_notes").use(review.plan.competency_id, "plan_competency_id");
        put.use(review.plan.situation, "plan_situation").use(review.plan.approach, "plan_approach");
        put.use(review.plan.measure, "plan_measure").use(deadline, deadline_indicator, "plan_deadline");
        put.use(review.act, "act").use(shared, "shared_with_peer").use(given_created_at, "created_at");
        put.use(updated_at, "updated_at");
        WeeklyReview stored_review = review;
        stored_review.created_at = instant(scalar(put, given_created_at));
        return stored_review;
    });
}

std::vector<WeeklyReview> SqlStore::list_weekly_reviews(const std::string& user_id) {
    return leased(*pool_, "list_weekly_reviews", [&](Connection& c) {
        Statement statement(c, q::list_weekly_reviews);
        return all(statement.use(user_id, "user_id"), of_person<WeeklyRow>(user_id));
    });
}

std::optional<MonthlyReflection> SqlStore::find_monthly_reflection(const std::string& user_id, Month month) {
    return leased(*pool_, "find_monthly_reflection", [&](Connection& c) {
        const std::string month_text = format_month(month);
        Statement statement(c, q::find_monthly_reflection);
        return one(statement.use(user_id, "user_id").use(month_text, "month"), of_person<MonthlyRow>(user_id));
    });
}

MonthlyReflection SqlStore::put_monthly_reflection(const MonthlyReflection& reflection) {
    return write(*pool_, "put_monthly_reflection", [&](Connection& c) {
        const std::string month = format_month(reflection.month);
        const std::string focus = ids_json(reflection.focus_competency_ids);
        const std::string progress = goal_progress_json(reflection.goal_progress);
        const int attended = flag(reflection.sol_meeting_attended);
        const long long given_created_at = seconds(reflection.created_at), updated_at = seconds(reflection.updated_at);
        Statement put(c, q::put_monthly_reflection);
        put.use(reflection.user_id, "user_id").use(month, "month").use(focus, "focus_competency_ids");
        put.use(reflection.went_well, "went_well").use(reflection.could_be_better, "could_be_better");
        put.use(reflection.approach, "approach").use(progress, "goal_progress");
        put.use(attended, "sol_meeting_attended").use(given_created_at, "created_at").use(updated_at, "updated_at");
        MonthlyReflection stored_reflection = reflection;
        stored_reflection.created_at = instant(scalar(put, given_created_at));
        return stored_reflection;
    });
}

std::vector<MonthlyReflection> SqlStore::list_monthly_reflections(const std::string& user_id) {
    return leased(*pool_, "list_monthly_reflections", [&](Connection& c) {
        Statement statement(c, q::list_monthly_reflections);
        return all(statement.use(user_id, "user_id"), of_person<MonthlyRow>(user_id));
    });
}

std::optional<LearningContract> SqlStore::find_learning_contract(const std::string& user_id, Quarter quarter) {
    return leased(*pool_, "find_learning_contract", [&](Connection& c) {
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(c, q::find_current_contract);
        return one(statement.use(user_id, "user_id").use(quarter_text, "quarter"), of_person<ContractRow>(user_id));
    });
}

LearningContract SqlStore::put_learning_contract(const LearningContract& contract) {
    return write(*pool_, "put_learning_contract", [&](Connection& c) {
        const std::string quarter = format_quarter(contract.quarter);
        const std::string competency_ids = ids_json(contract.competency_ids);
        const std::string goals = goals_json(contract.goals);
        const std::string status(to_string(contract.status));
        const std::string discussion = discussion_json(contract.discussion);
        const int shared = flag(contract.shared_with_peer);
        const long long given_created_at = seconds(contract.created_at), updated_at = seconds(contract.updated_at);
        Statement put(c, q::put_contract_revision);
        put.use(contract.user_id, "user_id").use(quarter, "quarter").use(contract.revision, "revision");
        put.use(contract.where_from, "where_from").use(contract.where_now, "where_now").use(contract.aims, "aims");
        put.use(contract.approach, "approach").use(contract.evidence, "evidence");
        put.use(competency_ids, "competency_ids").use(goals, "goals").use(status, "status");
        put.use(shared, "shared_with_peer").use(discussion, "discussion").use(given_created_at, "created_at");
        put.use(updated_at, "updated_at");
        LearningContract stored_contract = contract;
        stored_contract.created_at = instant(scalar(put, given_created_at));
        return stored_contract;
    });
}

std::vector<LearningContract> SqlStore::list_contract_revisions(const std::string& user_id, Quarter quarter) {
    return leased(*pool_, "list_contract_revisions", [&](Connection& c) {
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(c, q::list_contract_revisions);
        return all(statement.use(user_id, "user_id").use(quarter_text, "quarter"), of_person<ContractRow>(user_id));
    });
}

std::vector<LearningContract> SqlStore::list_learning_contracts(const std::string& user_id) {
    return leased(*pool_, "list_learning_contracts", [&](Connection& c) {
        Statement statement(c, q::list_current_contracts);
        return all(statement.use(user_id, "user_id"), of_person<ContractRow>(user_id));
    });
}

std::optional<YearlyReview> SqlStore::find_yearly_review(const std::string& user_id, Year year) {
    return leased(*pool_, "find_yearly_review", [&](Connection& c) {
        Statement statement(c, q::find_yearly_review);
        return one(statement.use(user_id, "user_id").use(year.number, "year"), of_person<YearlyRow>(user_id));
    });
}

YearlyReview SqlStore::put_yearly_review(const YearlyReview& review) {
    return write(*pool_, "put_yearly_review", [&](Connection& c) {
        auto score = [](const std::optional<int>& value) { return value.value_or(0); };
        auto presence = [](bool present) { return present ? soci::i_ok : soci::i_null; };
        const int challenging = score(review.challenging), inspiring = score(review.inspiring),
                  rewarding = score(review.rewarding);
        soci::indicator challenging_indicator = presence(review.challenging.has_value()),
                        inspiring_indicator = presence(review.inspiring.has_value()),
                        rewarding_indicator = presence(review.rewarding.has_value()),
                        next_step_indicator = presence(review.next_step.has_value());
        const std::string next_step = review.next_step ? std::string(to_string(*review.next_step)) : std::string();
        const long long given_created_at = seconds(review.created_at), updated_at = seconds(review.updated_at);
        Statement put(c, q::put_yearly_review);
        put.use(review.user_id, "user_id").use(review.year.number, "year");
        put.use(challenging, challenging_indicator, "challenging").use(inspiring, inspiring_indicator, "inspiring");
        put.use(rewarding, rewarding_indicator, "rewarding").use(next_step, next_step_indicator, "next_step");
        put.use(review.notes, "notes").use(given_created_at, "created_at").use(updated_at, "updated_at");
        YearlyReview stored_review = review;
        stored_review.created_at = instant(scalar(put, given_created_at));
        return stored_review;
    });
}

std::vector<YearlyReview> SqlStore::list_yearly_reviews(const std::string& user_id) {
    return leased(*pool_, "list_yearly_reviews", [&](Connection& c) {
        Statement statement(c, q::list_yearly_reviews);
        return all(statement.use(user_id, "user_id"), of_person<YearlyRow>(user_id));
    });
}

// --- the fixed colleague (peer) ---------------------------------------------------------------

Result<PeerInvitation> SqlStore::create_peer_invitation(const PeerInvitation& invitation) {
    if (invitation.from_user_id == invitation.to_user_id) {
        return validation_error("email", "one cannot be one's own fixed colleague");
    }
    return write(*pool_, "create_peer_invitation", [&](Connection& c) -> Result<PeerInvitation> {
        // The people taken: the checks hold until the insert.
        if (lock_people(c, invitation.from_user_id, invitation.to_user_id) < 2) {
            return Error{ErrorCode::not_found, "no such person"};
        }
        if (!peer_in(c, invitation.from_user_id).empty() || !peer_in(c, invitation.to_user_id).empty()) {
            return Error{ErrorCode::conflict, "one of the two already has a fixed colleague"};
        }
        if (count_of(c, q::count_invitations_between, [&](Statement& s) {
                s.use(invitation.from_user_id, "a").use(invitation.to_user_id, "b");
            }) > 0) {
            return Error{ErrorCode::conflict, "an invitation between the two is pending already"};
        }
        const long long created_at = seconds(invitation.created_at);
        run(c, q::insert_peer_invitation, [&](Statement& s) {
            s.use(invitation.id, "id").use(invitation.from_user_id, "from_user_id");
            s.use(invitation.to_user_id, "to_user_id").use(created_at, "created_at");
        });
        return invitation;
    });
}

std::optional<PeerInvitation> SqlStore::find_peer_invitation(const std::string& id) {
    return leased(*pool_, "find_peer_invitation", [&](Connection& c) {
        Statement statement(c, q::find_peer_invitation);
        return one<InvitationRow>(statement.use(id, "id"));
    });
}

std::vector<PeerInvitation> SqlStore::list_peer_invitations(const std::string& user_id) {
    return leased(*pool_, "list_peer_invitations", [&](Connection& c) {
        Statement statement(c, q::list_peer_invitations);
        return all<InvitationRow>(statement.use(user_id, "user_id"));
    });
}

bool SqlStore::delete_peer_invitation(const std::string& id) {
    return leased(*pool_, "delete_peer_invitation", [&](Connection& c) {
        return changed(c, q::delete_peer_invitation, [&](Statement& s) { s.use(id, "id"); }) > 0;
    });
}

Status SqlStore::accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) {
    return write(*pool_, "accept_peer_invitation", [&](Connection& c) -> Status {
        auto find = [&] {
            Statement statement(c, q::find_peer_invitation);
            return one<InvitationRow>(statement.use(id, "id"));
        };
        std::optional<PeerInvitation> invitation = find();
        if (!invitation || invitation->to_user_id != user_id) return Error{ErrorCode::not_found, "no such invitation"};
        const std::string from = invitation->from_user_id;
        lock_people(c, from, user_id);
        // Under the lock: an accept of another invitation of either may have removed it.
        if (!find()) return Error{ErrorCode::not_found, "no such invitation"};
        if (!peer_in(c, from).empty() || !peer_in(c, user_id).empty()) {
            return Error{ErrorCode::conflict, "one of the two has a fixed colleague meanwhile"};
        }
        for (const auto& [person, peer] : {std::pair{&from, &user_id}, std::pair{&user_id, &from}}) {
            run(c, q::set_peer, [&](Statement& s) { s.use(*peer, "peer_id").use(*person, "id"); });
        }
        const std::string& user_a = std::min(from, user_id);
        const std::string& user_b = std::max(from, user_id);
        const long long started_at = seconds(at);
        run(c, q::insert_peer_pair, [&](Statement& s) {
            s.use(id, "id").use(user_a, "user_a").use(user_b, "user_b").use(started_at, "started_at");
        });
        run(c, q::delete_invitations_of_pair, [&](Statement& s) { s.use(from, "a").use(user_id, "b"); });
        return ok_status();
    });
}

bool SqlStore::end_pair(const std::string& user_id, Timestamp at) {
    return write(*pool_, "end_pair", [&](Connection& c) { return end_pair_in(c, user_id, at); });
}

std::optional<PeerMeetingSlot> SqlStore::peer_meeting_slot(const std::string& user_id) {
    return leased(*pool_, "peer_meeting_slot", [&](Connection& c) {
        Statement statement(c, q::find_meeting_slot);
        return one<MeetingSlotRow>(statement.use(user_id, "user_id"));
    });
}

bool SqlStore::set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) {
    return leased(*pool_, "set_peer_meeting_slot", [&](Connection& c) {
        return changed(c, q::set_meeting_slot, [&](Statement& s) {
                   s.use(slot.weekday, "weekday").use(slot.minute_of_day, "minute_of_day");
                   s.use(slot.duration_minutes, "duration_minutes").use(slot.timezone, "timezone");
                   s.use(user_id, "user_id");
               }) > 0;
    });
}

void SqlStore::record_peer_opening(const PeerOpening& opening) {
    leased(*pool_, "record_peer_opening", [&](Connection& c) {
        const std::string kind(to_string(opening.kind));
        const long long last = seconds(opening.last_opened_at);
        // A caller that gives one instant means it for both.
        const long long first = opening.first_opened_at == Timestamp{} ? last : seconds(opening.first_opened_at);
        run(c, q::record_peer_opening, [&](Statement& s) {
            s.use(opening.owner_id, "owner_id").use(kind, "kind").use(opening.period, "period");
            s.use(opening.viewer_id, "viewer_id").use(first, "first_opened_at").use(last, "last_opened_at");
        });
    });
}

std::vector<PeerOpening> SqlStore::list_peer_openings(const std::string& owner_id) {
    return leased(*pool_, "list_peer_openings", [&](Connection& c) {
        Statement statement(c, q::list_peer_openings);
        return all<OpeningRow>(statement.use(owner_id, "owner_id"));
    });
}

// --- events -------------------------------------------------------------------------------------

void SqlStore::create_events(const std::vector<Event>& events) {
    if (events.empty()) return;
    write(*pool_, "create_events", [&](Connection& c) {
        for (const Event& event : events) {
            EventBinds binds(event);
            run(c, q::insert_event, [&](Statement& s) {
                s.use(event.id, "id").use(binds.kind, "kind").use(event.title, "title");
                s.use(binds.starts_at, "starts_at").use(binds.ends_at, "ends_at").use(event.location, "location");
                s.use(event.description, "description").use(binds.capacity, binds.capacity_indicator, "capacity");
                s.use(event.organiser_id, "organiser_id").use(event.series_id, "series_id");
                s.use(binds.created_at, "created_at");
            });
        }
        return true;
    });
}

std::optional<Event> SqlStore::find_event(const std::string& id) {
    return leased(*pool_, "find_event", [&](Connection& c) {
        Statement statement(c, q::find_event);
        return one<EventRow>(statement.use(id, "id"));
    });
}

void SqlStore::update_event(const Event& event) {
    leased(*pool_, "update_event", [&](Connection& c) {
        EventBinds binds(event);
        run(c, q::update_event, [&](Statement& s) {
            s.use(event.title, "title").use(binds.starts_at, "starts_at").use(binds.ends_at, "ends_at");
            s.use(event.location, "location").use(event.description, "description");
            s.use(binds.capacity, binds.capacity_indicator, "capacity").use(event.id, "id");
        });
    });
}

bool SqlStore::delete_event(const std::string& id) {
    return leased(*pool_, "delete_event", [&](Connection& c) {  // RSVPs and programme cascade
        return changed(c, q::delete_event, [&](Statement& s) { s.use(id, "id"); }) > 0;
    });
}

std::vector<Event> SqlStore::list_events(Timestamp from, Timestamp to) {
    return leased(*pool_, "list_events", [&](Connection& c) {
        const long long first = seconds(from), last = seconds(to);
        Statement statement(c, q::list_events);
        return all<EventRow>(statement.use(first, "from").use(last, "to"));
    });
}

std::vector<Event> SqlStore::events_going(const std::string& user_id, Timestamp from, Timestamp to) {
    return leased(*pool_, "events_going", [&](Connection& c) {
        const long long first = seconds(from), last = seconds(to);
        Statement statement(c, q::events_going);
        return all<EventRow>(statement.use(user_id, "user_id").use(first, "from").use(last, "to"));
    });
}

Status SqlStore::set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status, Timestamp at) {
    return write(*pool_, "set_rsvp", [&](Connection& c) -> Status {
        std::optional<std::optional<int>> capacity = capacity_in(c, q::event_capacity, event_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such event"};
        if (status == RsvpStatus::going && *capacity) {
            std::string current;
            Statement mine(c, q::rsvp_of);
            const bool already_going = mine.into(current).use(event_id, "event_id").use(user_id, "user_id").run() &&
                                       current == "going";
            if (!already_going &&
                count_of(c, q::count_going, [&](Statement& s) { s.use(event_id, "event_id"); }) >= **capacity) {
                return Error{ErrorCode::conflict, "the event is full"};
            }
        }
        const std::string status_name(to_string(status));
        const long long when = seconds(at);
        run(c, q::put_rsvp, [&](Statement& s) {
            s.use(event_id, "event_id").use(user_id, "user_id").use(status_name, "status").use(when, "at");
        });
        return ok_status();
    });
}

EventAttendance SqlStore::event_attendance(const std::string& event_id, const std::string& user_id) {
    return guarded("event_attendance", [&] {
        ConnectionPool::Lease lease(*pool_);
        Connection& c = lease.connection();
        Transaction transaction(lease, TransactionKind::read);  // count and answer together
        EventAttendance attendance;
        attendance.going_count = count_of(c, q::count_going, [&](Statement& s) { s.use(event_id, "event_id"); });
        std::string status;
        Statement mine(c, q::rsvp_of);
        if (mine.into(status).use(event_id, "event_id").use(user_id, "user_id").run()) {
            attendance.mine = stored(parse_rsvp_status(status), "RSVP");
        }
        return attendance;
    });
}

void SqlStore::create_event_session(const EventSession& session) {
    leased(*pool_, "create_event_session", [&](Connection& c) {
        const long long starts_at = seconds(session.starts_at), ends_at = seconds(session.ends_at);
        const int capacity = session.capacity.value_or(0);
        soci::indicator capacity_indicator = session.capacity ? soci::i_ok : soci::i_null;
        run(c, q::insert_event_session, [&](Statement& s) {
            s.use(session.id, "id").use(session.event_id, "event_id").use(session.title, "title");
            s.use(session.host, "host").use(session.description, "description");
            s.use(starts_at, "starts_at").use(ends_at, "ends_at").use(capacity, capacity_indicator, "capacity");
        });
    });
}

std::optional<EventSession> SqlStore::find_event_session(const std::string& id) {
    return leased(*pool_, "find_event_session", [&](Connection& c) {
        Statement statement(c, q::find_event_session);
        return one<EventSessionRow>(statement.use(id, "id"));
    });
}

bool SqlStore::delete_event_session(const std::string& event_id, const std::string& session_id) {
    return leased(*pool_, "delete_event_session", [&](Connection& c) {  // its sign-ups cascade
        return changed(c, q::delete_event_session,
                       [&](Statement& s) { s.use(session_id, "id").use(event_id, "event_id"); }) > 0;
    });
}

std::vector<ProgrammeSession> SqlStore::event_programme(const std::string& event_id, const std::string& user_id) {
    return leased(*pool_, "event_programme", [&](Connection& c) {
        Statement statement(c, q::event_programme);
        return all<ProgrammeRow>(statement.use(user_id, "user_id").use(event_id, "event_id"));
    });
}

Status SqlStore::set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                                    Timestamp at) {
    return write(*pool_, "set_session_signup", [&](Connection& c) -> Status {
        std::optional<std::optional<int>> capacity = capacity_in(c, q::session_capacity, session_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such session"};
        auto bind_both = [&](Statement& s) { s.use(session_id, "session_id").use(user_id, "user_id"); };
        if (!going) {
            run(c, q::delete_signup, bind_both);
            return ok_status();
        }
        if (count_of(c, q::count_signup_of, bind_both) > 0) return ok_status();  // already signed up
        if (*capacity && count_of(c, q::count_signups, [&](Statement& s) { s.use(session_id, "session_id"); }) >=
                             **capacity) {
            return Error{ErrorCode::conflict, "the session is full"};
        }
        const long long when = seconds(at);
        run(c, q::insert_signup, [&](Statement& s) {
            bind_both(s);
            s.use(when, "at");
        });
        return ok_status();
    });
}

// --- reminders --------------------------------------------------------------------------------------

ReminderSettings SqlStore::reminder_settings(const std::string& user_id) {
    return leased(*pool_, "reminder_settings", [&](Connection& c) {
        Statement statement(c, q::reminder_levels_of);
        ReminderLevelRow row;
        row.into(statement.use(user_id, "user_id"));
        std::vector<ReminderSettings> found = read_reminder_settings(statement, row);
        return found.empty() ? ReminderSettings{user_id} : found.front();
    });
}

void SqlStore::put_reminder_settings(const ReminderSettings& settings) {
    write(*pool_, "put_reminder_settings", [&](Connection& c) {
        std::string level;
        int enabled = 0, minute_of_day = 0, weekday = 0;
        Statement put(c, q::put_reminder_level);
        put.use(settings.user_id, "user_id").use(level, "level").use(enabled, "enabled");
        put.use(minute_of_day, "minute_of_day").use(weekday, "weekday");
        for (Level each : all_levels) {
            const LevelReminder& reminder = settings.at(each);
            level = std::string(to_string(each));
            enabled = flag(reminder.enabled);
            minute_of_day = reminder.minute_of_day;
            weekday = reminder.weekday;
            put.run();
        }
        return true;
    });
}

std::vector<ReminderSettings> SqlStore::list_active_reminder_settings() {
    return leased(*pool_, "list_active_reminder_settings", [&](Connection& c) {
        Statement statement(c, q::active_reminder_levels);
        ReminderLevelRow row;
        row.into(statement);
        return read_reminder_settings(statement, row);
    });
}

bool SqlStore::enqueue_reminder(const ReminderJob& job) {
    return leased(*pool_, "enqueue_reminder", [&](Connection& c) {
        const std::string level(to_string(job.level));
        const long long due_at = seconds(job.due_at);
        return changed(c, q::enqueue_reminder, [&](Statement& s) {
                   s.use(job.id, "id").use(job.user_id, "user_id").use(level, "level").use(job.period, "period");
                   s.use(due_at, "due_at");
               }) > 0;
    });
}

std::vector<ReminderJob> SqlStore::claim_reminders(const std::string& worker, Timestamp now, Timestamp lease_until,
                                                   int limit) {
    if (limit <= 0) return {};
    std::vector<ReminderJob> claimed = write(*pool_, "claim_reminders", [&](Connection& c) {
        const long long at = seconds(now), until = seconds(lease_until);
        Statement claim(c, q::claim_reminders);
        claim.use(worker, "worker").use(until, "lease_until").use(at, "now").use(limit, "limit");
        return all<ReminderJobRow>(claim);
    });
    std::sort(claimed.begin(), claimed.end(), [](const ReminderJob& a, const ReminderJob& b) {
        return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
    });
    return claimed;
}

void SqlStore::mark_reminder_sent(const std::string& job_id, Timestamp at) {
    leased(*pool_, "mark_reminder_sent", [&](Connection& c) {
        const long long when = seconds(at);
        run(c, q::mark_reminder_sent, [&](Statement& s) { s.use(when, "at").use(job_id, "id"); });
    });
}

void SqlStore::release_reminder(const std::string& job_id, Timestamp retry_at) {
    leased(*pool_, "release_reminder", [&](Connection& c) {
        const long long when = seconds(retry_at);
        run(c, q::release_reminder, [&](Statement& s) { s.use(when, "retry_at").use(job_id, "id"); });
    });
}

std::vector<ReminderJob> SqlStore::list_reminder_jobs(const std::string& user_id) {
    return leased(*pool_, "list_reminder_jobs", [&](Connection& c) {
        Statement statement(c, q::list_reminder_jobs);
        return all<ReminderJobRow>(statement.use(user_id, "user_id"));
    });
}

// --- the calendar feed ----------------------------------------------------------------------------

std::optional<std::string> SqlStore::calendar_token(const std::string& user_id) {
    return leased(*pool_, "calendar_token", [&](Connection& c) -> std::optional<std::string> {
        std::string token;
        Statement statement(c, q::calendar_token_of);
        if (!statement.into(token).use(user_id, "user_id").run()) return std::nullopt;
        return token;
    });
}

void SqlStore::set_calendar_token(const std::string& user_id, const std::string& token) {
    leased(*pool_, "set_calendar_token", [&](Connection& c) {
        run(c, q::put_calendar_token, [&](Statement& s) { s.use(user_id, "user_id").use(token, "token"); });
    });
}

std::optional<std::string> SqlStore::user_of_calendar_token(const std::string& token) {
    return leased(*pool_, "user_of_calendar_token", [&](Connection& c) -> std::optional<std::string> {
        std::string user_id;
        Statement statement(c, q::user_of_calendar_token);
        if (!statement.into(user_id).use(token, "token").run()) return std::nullopt;
        return user_id;
    });
}

// --- organisation counts ----------------------------------------------------------------------

ParticipationCounts SqlStore::participation(Day from, Day to) {
    return leased(*pool_, "participation", [&](Connection& c) {
        const std::string first_day = format_day(from), last_day = format_day(to);
        const std::string first_week = format_week(week_of(from)), last_week = format_week(week_of(to));
        const std::string first_month = format_month(month_of(from)), last_month = format_month(month_of(to));
        const std::string first_quarter = format_quarter(quarter_of(from)),
                          last_quarter = format_quarter(quarter_of(to));
        ParticipationCounts counts;
        Statement statement(c, q::participation);
        statement.into(counts.members).into(counts.wrote_diary).into(counts.held_peer_meeting);
        statement.into(counts.wrote_reflection).into(counts.agreed_contract);
        statement.use(first_day, "from").use(last_day, "to").use(first_week, "first_week").use(last_week, "last_week");
        statement.use(first_month, "first_month").use(last_month, "last_month");
        statement.use(first_quarter, "first_quarter").use(last_quarter, "last_quarter");
        statement.run();
        return counts;
    });
}

}  // namespace ritme::storage

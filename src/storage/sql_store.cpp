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
#include "storage/trash_json.hpp"

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

int count(Connection& c, const Query& query, const auto&... binds) {
    return scalar<int>(c, query, binds...).value_or(0);
}

// Thrown through the dialect's write path when the work of Store::transaction answers an
// error: the transaction is rolled back and the error answered.
struct Refusal {
    Error error;
};

// A statement of many columns that answers the stored created_at (a replaced row keeps its
// own): `bind` binds the rest.
long long put_row(Connection& c, const Query& query, long long created_at, const auto& bind_columns) {
    Statement put(c, query);
    bind_columns(put);
    return scalar(put.use(created_at, "created_at"), created_at);
}

// --- the fixed colleague ------------------------------------------------------------------

// The person's peer as users.peer_id has it ("" when none).
std::string peer_in(Connection& c, const std::string& user_id) {
    std::string peer;
    soci::indicator indicator = soci::i_null;
    Statement statement(c, q::peer_of);
    if (!statement.into(peer, indicator).use(user_id, "id").run() || indicator != soci::i_ok) return {};
    return peer;
}

// Takes the rows of `a` and `b` (queries::lock_people); answers how many exist.
int lock_people(Connection& c, const std::string& a, const std::string& b) {
    Statement statement(c, q::lock_people);
    return static_cast<int>(all<UserIdRow>(use_all(statement, "a", a, "b", b)).size());
}

// Ends the person's pair inside the caller's write transaction (see Store::end_pair): both
// people are taken first, so the pair can't change between reading and ending it.
bool end_pair_in(Connection& c, const std::string& user_id, Timestamp at) {
    std::string peer = peer_in(c, user_id);
    for (;;) {
        if (peer.empty()) return false;
        lock_people(c, user_id, peer);
        const std::string now_peer = peer_in(c, user_id);  // under the lock
        if (now_peer == peer) break;
        peer = now_peer;  // changed before the lock was ours: lock the current one
    }
    for (const Query* query : {&q::unshare_diary_entries, &q::unshare_weekly_reviews, &q::unshare_contracts,
                               &q::delete_openings_of_pair, &q::clear_peers}) {
        run(c, *query, "a", user_id, "b", peer);
    }
    run(c, q::end_peer_pairs, "at", seconds(at), "a", user_id, "b", peer);
    return true;
}

void set_peers(Connection& c, const std::string& a, const std::string& b) {
    run(c, q::set_peer, "peer_id", b, "id", a);
    run(c, q::set_peer, "peer_id", a, "id", b);
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
void remove_comments_by(Connection& c, const std::string& user_id) {
    for (DiscussionRow& contract : all<DiscussionRow>(c, q::contracts_discussed_by, "id", user_id)) {
        std::vector<ContractComment> discussion = discussion_of(contract.discussion);
        if (std::erase_if(discussion, [&](const ContractComment& comment) { return comment.by == user_id; }) == 0) {
            continue;  // mentioned in a comment only
        }
        run(c, q::set_contract_discussion, "discussion", discussion_json(discussion), "user_id", contract.user_id,
            "quarter", contract.quarter, "revision", contract.revision);
    }
}

// --- events ----------------------------------------------------------------------------------

// A capacity as bound: none is NULL (unlimited).
struct Capacity {
    explicit Capacity(std::optional<int> capacity)
        : value(capacity.value_or(0)), indicator(capacity ? soci::i_ok : soci::i_null) {}
    int value;
    soci::indicator indicator;
};

// The capacity of the event or session `id` (none: unlimited); nullopt when there is no
// such row. Inside a write transaction, it holds for that row until the commit.
std::optional<std::optional<int>> capacity_in(Connection& c, const Query& query, const std::string& id) {
    int capacity = 0;
    soci::indicator indicator = soci::i_null;
    Statement statement(c, query);
    if (!statement.into(capacity, indicator).use(id, "id").run()) return std::nullopt;
    return optional_of(capacity, indicator);
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

// Writes the competency unless another one has its name (whatever the case); `insert`: a
// new one.
Result<Competency> put_competency(Connection& c, const Competency& competency, bool insert) {
    c.execute(q::serialise_competency_names);  // the name check still holds when the write runs
    if (!insert && count(c, q::count_competencies_with_id, "id", competency.id) == 0) {
        return Error{ErrorCode::not_found, "no such competency"};
    }
    if (count(c, q::count_other_competencies_named, "name", competency.name, "id",
              insert ? std::string() : competency.id) > 0) {
        return Error{ErrorCode::conflict, "a competency with this name already exists", "name"};
    }
    run(c, insert ? q::insert_competency : q::update_competency, "id", competency.id, "name", competency.name,
        "description", competency.description, "archived", flag(competency.archived));
    return competency;
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
    leased(*pool_, "migrate", [&](Connection& c) { apply_migrations(c.sql(), dialect_->backend()); });
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
        return scalar<int>(lease.connection(), q::ping) == 1;
    } catch (const soci::soci_error&) {
        return false;
    }
}

bool SqlStore::maintain() {
    return guarded("maintain", [&] { return dialect_->maintain(*pool_); });
}

// --- settings ---------------------------------------------------------------------------

std::optional<std::string> SqlStore::setting(const std::string& key) {
    return leased(*pool_, "setting", [&](Connection& c) { return scalar<std::string>(c, q::find_setting, "key", key); });
}

void SqlStore::set_setting(const std::string& key, const std::string& value) {
    leased(*pool_, "set_setting", [&](Connection& c) { return run(c, q::put_setting, "key", key, "value", value); });
}

void SqlStore::delete_setting(const std::string& key) {
    leased(*pool_, "delete_setting", [&](Connection& c) { return run(c, q::delete_setting, "key", key); });
}

std::vector<std::pair<std::string, std::string>> SqlStore::list_settings() {
    return leased(*pool_, "list_settings", [&](Connection& c) { return all<SettingRow>(c, q::list_settings); });
}

// --- people -------------------------------------------------------------------------------

int SqlStore::count_users() {
    return leased(*pool_, "count_users", [&](Connection& c) { return count(c, q::count_users); });
}

int SqlStore::count_admins() {
    return leased(*pool_, "count_admins", [&](Connection& c) { return count(c, q::count_admins); });
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
            if (count(c, q::count_admins) > 0) return Error{ErrorCode::conflict, "an administrator already exists"};
        }
        const std::string email = ascii_lower(user.email);
        if (count(c, q::count_users_with_email, "email", email) > 0) {
            return Error{ErrorCode::conflict, "this e-mail address is already in use", "email"};
        }
        User created = user_of(user, email, role);
        run(c, q::insert_user, "id", user.id, "email", email, "name", user.name, "role", std::string(to_string(role)),
            "locale", std::string(to_string(user.locale)), "timezone", user.timezone, "workdays",
            dump(json(created.workdays)), "password_hash", user.password_hash, "created_at", seconds(user.created_at));
        return created;
    });
}

std::optional<User> SqlStore::find_user(const std::string& id) {
    return leased(*pool_, "find_user", [&](Connection& c) { return one<UserRow>(c, q::find_user, "id", id); });
}

std::optional<User> SqlStore::find_user_by_email(const std::string& email) {
    return leased(*pool_, "find_user_by_email",
                  [&](Connection& c) { return one<UserRow>(c, q::find_user_by_email, "email", ascii_lower(email)); });
}

std::optional<std::string> SqlStore::password_hash(const std::string& user_id) {
    return leased(*pool_, "password_hash",
                  [&](Connection& c) { return scalar<std::string>(c, q::find_password_hash, "id", user_id); });
}

void SqlStore::update_profile(const User& user) {
    leased(*pool_, "update_profile", [&](Connection& c) {
        return run(c, q::update_profile, "name", user.name, "locale", std::string(to_string(user.locale)), "timezone",
                   user.timezone, "workdays", dump(json(user.workdays)), "id", user.id);
    });
}

void SqlStore::set_password_hash(const std::string& user_id, const std::string& hash) {
    leased(*pool_, "set_password_hash",
           [&](Connection& c) { return run(c, q::set_password_hash, "password_hash", hash, "id", user_id); });
}

void SqlStore::delete_user(const std::string& user_id) {
    write(*pool_, "delete_user", [&](Connection& c) {
        dialect_->forget_diary_of(c, user_id);
        remove_comments_by(c, user_id);
        // Nothing stays shared between them and their peer. The pair's row goes with them
        // (ON DELETE CASCADE), so when it ended is never read.
        end_pair_in(c, user_id, Timestamp{});
        // Their invitations, answers, sign-ups, openings, reminders and calendar secret go
        // with them through ON DELETE CASCADE.
        for (const Query* query : {&q::end_pairings_with, &q::orphan_events_of, &q::delete_user}) {
            run(c, *query, "id", user_id);
        }
        return true;
    });
}

std::vector<User> SqlStore::list_users() {
    return leased(*pool_, "list_users", [&](Connection& c) { return all<UserRow>(c, q::list_users); });
}

// --- sessions and access tokens -----------------------------------------------------------

void SqlStore::create_session(const Session& session) {
    leased(*pool_, "create_session", [&](Connection& c) {
        return run(c, q::insert_session, "token_hash", session.token_hash, "user_id", session.user_id, "csrf_token",
                   session.csrf_token, "created_at", seconds(session.created_at), "expires_at",
                   seconds(session.expires_at), "id", session.id, "last_used_at", seconds(session.last_used_at),
                   "user_agent", session.user_agent);
    });
}

std::optional<Session> SqlStore::find_session(const std::string& token_hash) {
    return leased(*pool_, "find_session",
                  [&](Connection& c) { return one<SessionRow>(c, q::find_session, "token_hash", token_hash); });
}

std::vector<Session> SqlStore::list_sessions() {
    return leased(*pool_, "list_sessions", [&](Connection& c) { return all<SessionRow>(c, q::list_sessions); });
}

void SqlStore::delete_session(const std::string& token_hash) {
    leased(*pool_, "delete_session",
           [&](Connection& c) { return run(c, q::delete_session, "token_hash", token_hash); });
}

void SqlStore::delete_expired_sessions(Timestamp now) {
    leased(*pool_, "delete_expired_sessions",
           [&](Connection& c) { return run(c, q::delete_expired_sessions, "now", seconds(now)); });
}

void SqlStore::delete_idle_sessions(Timestamp last_used_before) {
    leased(*pool_, "delete_idle_sessions",
           [&](Connection& c) { return run(c, q::delete_idle_sessions, "before", seconds(last_used_before)); });
}

std::vector<Session> SqlStore::list_sessions_of(const std::string& user_id) {
    return leased(*pool_, "list_sessions_of",
                  [&](Connection& c) { return all<SessionRow>(c, q::list_sessions_of, "user_id", user_id); });
}

bool SqlStore::delete_session_of(const std::string& user_id, const std::string& session_id) {
    if (session_id.empty()) return false;
    return leased(*pool_, "delete_session_of", [&](Connection& c) {
        return run(c, q::delete_session_of, "user_id", user_id, "id", session_id) > 0;
    });
}

int SqlStore::delete_sessions_of(const std::string& user_id, const std::string& keep_token_hash) {
    return leased(*pool_, "delete_sessions_of", [&](Connection& c) {
        return static_cast<int>(run(c, q::delete_sessions_of, "user_id", user_id, "keep", keep_token_hash));
    });
}

void SqlStore::touch_session(const std::string& token_hash, Timestamp at) {
    leased(*pool_, "touch_session",
           [&](Connection& c) { return run(c, q::touch_session, "at", seconds(at), "token_hash", token_hash); });
}

void SqlStore::create_access_token(const AccessToken& token) {
    leased(*pool_, "create_access_token", [&](Connection& c) {
        return run(c, q::insert_access_token, "id", token.id, "user_id", token.user_id, "name", token.name,
                   "token_hash", token.token_hash, "created_at", seconds(token.created_at));
    });
}

std::optional<AccessToken> SqlStore::find_access_token(const std::string& token_hash) {
    return leased(*pool_, "find_access_token",
                  [&](Connection& c) { return one<AccessTokenRow>(c, q::find_access_token, "token_hash", token_hash); });
}

std::vector<AccessToken> SqlStore::list_access_tokens(const std::string& user_id) {
    return leased(*pool_, "list_access_tokens",
                  [&](Connection& c) { return all<AccessTokenRow>(c, q::list_access_tokens, "user_id", user_id); });
}

bool SqlStore::delete_access_token(const std::string& user_id, const std::string& token_id) {
    return leased(*pool_, "delete_access_token",
                  [&](Connection& c) { return run(c, q::delete_access_token, "user_id", user_id, "id", token_id) > 0; });
}

void SqlStore::delete_access_tokens_of(const std::string& user_id, const std::string& keep_id) {
    leased(*pool_, "delete_access_tokens_of",
           [&](Connection& c) { return run(c, q::delete_access_tokens_of, "user_id", user_id, "keep", keep_id); });
}

// --- password reset links -------------------------------------------------------------------

void SqlStore::create_password_reset(const PasswordReset& reset) {
    leased(*pool_, "create_password_reset", [&](Connection& c) {
        return run(c, q::insert_password_reset, "token_hash", reset.token_hash, "user_id", reset.user_id, "created_at",
                   seconds(reset.created_at), "expires_at", seconds(reset.expires_at));
    });
}

std::optional<PasswordReset> SqlStore::find_password_reset(const std::string& token_hash) {
    return leased(*pool_, "find_password_reset", [&](Connection& c) {
        return one<PasswordResetRow>(c, q::find_password_reset, "token_hash", token_hash);
    });
}

bool SqlStore::take_password_reset(const std::string& token_hash) {
    return leased(*pool_, "take_password_reset",
                  [&](Connection& c) { return run(c, q::delete_password_reset, "token_hash", token_hash) > 0; });
}

void SqlStore::delete_password_resets_of(const std::string& user_id) {
    leased(*pool_, "delete_password_resets_of",
           [&](Connection& c) { return run(c, q::delete_password_resets_of, "user_id", user_id); });
}

void SqlStore::delete_expired_password_resets(Timestamp now) {
    leased(*pool_, "delete_expired_password_resets",
           [&](Connection& c) { return run(c, q::delete_expired_password_resets, "now", seconds(now)); });
}

// --- login throttling ---------------------------------------------------------------------

bool SqlStore::reserve_login_attempt(const std::vector<AttemptLimit>& limits, const std::string& attempt, Timestamp at,
                                     Timestamp since) {
    return write(*pool_, "reserve_login_attempt", [&](Connection& c) {
        c.execute(q::serialise_login_attempts);  // the counts still hold when the inserts run
        run(c, q::forget_login_attempts, "since", seconds(since));
        for (const AttemptLimit& limit : limits) {
            if (count(c, q::count_login_attempts, "key", limit.key, "since", seconds(since)) >= limit.limit) return false;
        }
        for (const AttemptLimit& limit : limits) {
            run(c, q::insert_login_attempt, "key", limit.key, "at", seconds(at), "attempt", attempt);
        }
        return true;
    });
}

void SqlStore::release_login_attempt(const std::string& attempt) {
    leased(*pool_, "release_login_attempt",
           [&](Connection& c) { return run(c, q::release_login_attempt, "attempt", attempt); });
}

std::vector<Timestamp> SqlStore::login_failures_since(const std::string& key, Timestamp since) {
    return leased(*pool_, "login_failures_since", [&](Connection& c) {
        return all<InstantRow>(c, q::login_failures_since, "key", key, "since", seconds(since));
    });
}

void SqlStore::clear_login_failures(const std::string& key) {
    leased(*pool_, "clear_login_failures", [&](Connection& c) { return run(c, q::clear_login_failures, "key", key); });
}

// --- competencies ---------------------------------------------------------------------------

std::vector<Competency> SqlStore::list_competencies() {
    return leased(*pool_, "list_competencies", [&](Connection& c) { return all<CompetencyRow>(c, q::list_competencies); });
}

std::optional<Competency> SqlStore::find_competency(const std::string& id) {
    return leased(*pool_, "find_competency",
                  [&](Connection& c) { return one<CompetencyRow>(c, q::find_competency, "id", id); });
}

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
        return days_of_list(scalar<std::string>(c, q::diary_days, "user_id", user_id, "from", format_day(from), "to",
                                                format_day(to))
                                .value_or(""));
    });
}

std::vector<KeyLearning> SqlStore::key_learnings(const std::string& user_id, Day from, Day to) {
    return leased(*pool_, "key_learnings", [&](Connection& c) {
        return all<KeyLearningRow>(c, q::key_learnings, "user_id", user_id, "from", format_day(from), "to",
                                   format_day(to));
    });
}

// --- weekly, monthly, quarterly, yearly -------------------------------------------------------

// Each put answers what it stored: the row keeps its own created_at when it replaces one.

std::optional<WeeklyReview> SqlStore::find_weekly_review(const std::string& user_id, IsoWeek week) {
    return leased(*pool_, "find_weekly_review", [&](Connection& c) {
        return one<WeeklyRow>(c, q::find_weekly_review, "user_id", user_id, "week", format_week(week));
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
        const long long updated_at = seconds(review.updated_at);
        WeeklyReview stored_review = review;
        stored_review.created_at = instant(put_row(c, q::put_weekly_review, seconds(review.created_at), [&](Statement& put) {
            use_all(put, "user_id", review.user_id, "week", week, "peer_meeting_held", held, "peer_meeting_notes",
                 review.peer_meeting.notes, "plan_competency_id", review.plan.competency_id, "plan_situation",
                 review.plan.situation, "plan_approach", review.plan.approach, "plan_measure", review.plan.measure,
                 "act", review.act, "shared_with_peer", shared, "updated_at", updated_at, "version", review.version);
            put.use(meeting_day, meeting_day_indicator, "peer_meeting_day");
            put.use(deadline, deadline_indicator, "plan_deadline");
        }));
        return stored_review;
    });
}

std::vector<WeeklyReview> SqlStore::list_weekly_reviews(const std::string& user_id) {
    return leased(*pool_, "list_weekly_reviews",
                  [&](Connection& c) { return all<WeeklyRow>(c, q::list_weekly_reviews, "user_id", user_id); });
}

std::optional<MonthlyReflection> SqlStore::find_monthly_reflection(const std::string& user_id, Month month) {
    return leased(*pool_, "find_monthly_reflection", [&](Connection& c) {
        return one<MonthlyRow>(c, q::find_monthly_reflection, "user_id", user_id, "month", format_month(month));
    });
}

MonthlyReflection SqlStore::put_monthly_reflection(const MonthlyReflection& reflection) {
    return write(*pool_, "put_monthly_reflection", [&](Connection& c) {
        const std::string month = format_month(reflection.month);
        const std::string focus = ids_json(reflection.focus_competency_ids);
        const std::string progress = goal_progress_json(reflection.goal_progress);
        const int attended = flag(reflection.sol_meeting_attended);
        const long long updated_at = seconds(reflection.updated_at);
        MonthlyReflection stored_reflection = reflection;
        stored_reflection.created_at =
            instant(put_row(c, q::put_monthly_reflection, seconds(reflection.created_at), [&](Statement& put) {
                use_all(put, "user_id", reflection.user_id, "month", month, "focus_competency_ids", focus, "went_well",
                     reflection.went_well, "could_be_better", reflection.could_be_better, "approach",
                     reflection.approach, "goal_progress", progress, "sol_meeting_attended", attended, "updated_at",
                     updated_at, "version", reflection.version);
            }));
        return stored_reflection;
    });
}

std::vector<MonthlyReflection> SqlStore::list_monthly_reflections(const std::string& user_id) {
    return leased(*pool_, "list_monthly_reflections",
                  [&](Connection& c) { return all<MonthlyRow>(c, q::list_monthly_reflections, "user_id", user_id); });
}

std::optional<LearningContract> SqlStore::find_learning_contract(const std::string& user_id, Quarter quarter) {
    return leased(*pool_, "find_learning_contract", [&](Connection& c) {
        return one<ContractRow>(c, q::find_current_contract, "user_id", user_id, "quarter", format_quarter(quarter));
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
        const long long updated_at = seconds(contract.updated_at);
        LearningContract stored_contract = contract;
        stored_contract.created_at =
            instant(put_row(c, q::put_contract_revision, seconds(contract.created_at), [&](Statement& put) {
                use_all(put, "user_id", contract.user_id, "quarter", quarter, "revision", contract.revision, "where_from",
                     contract.where_from, "where_now", contract.where_now, "aims", contract.aims, "approach",
                     contract.approach, "evidence", contract.evidence, "competency_ids", competency_ids, "goals",
                     goals, "status", status, "shared_with_peer", shared, "discussion", discussion, "updated_at",
                     updated_at, "version", contract.version);
            }));
        return stored_contract;
    });
}

std::vector<LearningContract> SqlStore::list_contract_revisions(const std::string& user_id, Quarter quarter) {
    return leased(*pool_, "list_contract_revisions", [&](Connection& c) {
        return all<ContractRow>(c, q::list_contract_revisions, "user_id", user_id, "quarter", format_quarter(quarter));
    });
}

std::vector<LearningContract> SqlStore::list_learning_contracts(const std::string& user_id) {
    return leased(*pool_, "list_learning_contracts",
                  [&](Connection& c) { return all<ContractRow>(c, q::list_current_contracts, "user_id", user_id); });
}

std::optional<YearlyReview> SqlStore::find_yearly_review(const std::string& user_id, Year year) {
    return leased(*pool_, "find_yearly_review", [&](Connection& c) {
        return one<YearlyRow>(c, q::find_yearly_review, "user_id", user_id, "year", year.number);
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
        const long long updated_at = seconds(review.updated_at);
        YearlyReview stored_review = review;
        stored_review.created_at = instant(put_row(c, q::put_yearly_review, seconds(review.created_at), [&](Statement& put) {
            use_all(put, "user_id", review.user_id, "year", review.year.number, "notes", review.notes, "updated_at",
                 updated_at, "version", review.version);
            put.use(challenging, challenging_indicator, "challenging").use(inspiring, inspiring_indicator, "inspiring");
            put.use(rewarding, rewarding_indicator, "rewarding").use(next_step, next_step_indicator, "next_step");
        }));
        return stored_review;
    });
}

std::vector<YearlyReview> SqlStore::list_yearly_reviews(const std::string& user_id) {
    return leased(*pool_, "list_yearly_reviews",
                  [&](Connection& c) { return all<YearlyRow>(c, q::list_yearly_reviews, "user_id", user_id); });
}

// --- removing a level's item, and the trash --------------------------------------------------

bool SqlStore::delete_weekly_review(const std::string& user_id, IsoWeek week) {
    return leased(*pool_, "delete_weekly_review", [&](Connection& c) {
        return run(c, q::delete_weekly_review, "user_id", user_id, "week", format_week(week)) > 0;
    });
}

bool SqlStore::delete_monthly_reflection(const std::string& user_id, Month month) {
    return leased(*pool_, "delete_monthly_reflection", [&](Connection& c) {
        return run(c, q::delete_monthly_reflection, "user_id", user_id, "month", format_month(month)) > 0;
    });
}

bool SqlStore::delete_learning_contract(const std::string& user_id, Quarter quarter) {
    return leased(*pool_, "delete_learning_contract", [&](Connection& c) {  // every revision at once
        return run(c, q::delete_learning_contract, "user_id", user_id, "quarter", format_quarter(quarter)) > 0;
    });
}

bool SqlStore::delete_yearly_review(const std::string& user_id, Year year) {
    return leased(*pool_, "delete_yearly_review", [&](Connection& c) {
        return run(c, q::delete_yearly_review, "user_id", user_id, "year", year.number) > 0;
    });
}

void SqlStore::put_trashed_item(const TrashedItem& item) {
    leased(*pool_, "put_trashed_item", [&](Connection& c) {
        return run(c, q::insert_trashed_item, "id", item.id, "user_id", item.user_id, "kind",
                   std::string(to_string(item.kind)), "period", item.period, "record", trashed_record_json(item),
                   "deleted_at", seconds(item.deleted_at));
    });
}

std::optional<TrashedItem> SqlStore::find_trashed_item(const std::string& user_id, const std::string& id) {
    return leased(*pool_, "find_trashed_item",
                  [&](Connection& c) { return one<TrashRow>(c, q::find_trashed_item, "user_id", user_id, "id", id); });
}

std::vector<TrashedItem> SqlStore::list_trashed_items(const std::string& user_id) {
    return leased(*pool_, "list_trashed_items",
                  [&](Connection& c) { return all<TrashRow>(c, q::list_trashed_items, "user_id", user_id); });
}

bool SqlStore::delete_trashed_item(const std::string& user_id, const std::string& id) {
    return leased(*pool_, "delete_trashed_item",
                  [&](Connection& c) { return run(c, q::delete_trashed_item, "user_id", user_id, "id", id) > 0; });
}

int SqlStore::erase_trashed_before(Timestamp before) {
    return leased(*pool_, "erase_trashed_before",
                  [&](Connection& c) { return static_cast<int>(run(c, q::erase_trashed_before, "before", seconds(before))); });
}

// --- drafts -------------------------------------------------------------------------------------

Draft SqlStore::put_draft(const Draft& draft) {
    leased(*pool_, "put_draft", [&](Connection& c) {
        return run(c, q::put_draft, "user_id", draft.user_id, "kind", std::string(to_string(draft.kind)), "period",
                   draft.period, "body", draft.body, "updated_at", seconds(draft.updated_at));
    });
    // What PostgreSQL's JSONB would give back differs in spacing only: the draft is as given.
    return draft;
}

std::optional<Draft> SqlStore::find_draft(const std::string& user_id, DraftKind kind, const std::string& period) {
    return leased(*pool_, "find_draft", [&](Connection& c) {
        return one<DraftRow>(c, q::find_draft, "user_id", user_id, "kind", std::string(to_string(kind)), "period",
                             period);
    });
}

std::vector<Draft> SqlStore::list_drafts(const std::string& user_id) {
    return leased(*pool_, "list_drafts", [&](Connection& c) { return all<DraftRow>(c, q::list_drafts, "user_id", user_id); });
}

bool SqlStore::delete_draft(const std::string& user_id, DraftKind kind, const std::string& period) {
    return leased(*pool_, "delete_draft", [&](Connection& c) {
        return run(c, q::delete_draft, "user_id", user_id, "kind", std::string(to_string(kind)), "period", period) > 0;
    });
}

// --- the fixed colleague (peer) ---------------------------------------------------------------

Result<PeerInvitation> SqlStore::create_peer_invitation(const PeerInvitation& invitation) {
    if (invitation.from_user_id == invitation.to_user_id) {
        return validation_error("email", "one cannot be one's own fixed colleague");
    }
    return write(*pool_, "create_peer_invitation", [&](Connection& c) -> Result<PeerInvitation> {
        const std::string &from = invitation.from_user_id, &to = invitation.to_user_id;
        // The people taken: the checks hold until the insert.
        if (lock_people(c, from, to) < 2) return Error{ErrorCode::not_found, "no such person"};
        if (!peer_in(c, from).empty() || !peer_in(c, to).empty()) {
            return Error{ErrorCode::conflict, "one of the two already has a fixed colleague"};
        }
        if (count(c, q::count_invitations_between, "a", from, "b", to) > 0) {
            return Error{ErrorCode::conflict, "an invitation between the two is pending already"};
        }
        run(c, q::insert_peer_invitation, "id", invitation.id, "from_user_id", from, "to_user_id", to, "created_at",
            seconds(invitation.created_at));
        return invitation;
    });
}

std::optional<PeerInvitation> SqlStore::find_peer_invitation(const std::string& id) {
    return leased(*pool_, "find_peer_invitation",
                  [&](Connection& c) { return one<InvitationRow>(c, q::find_peer_invitation, "id", id); });
}

std::vector<PeerInvitation> SqlStore::list_peer_invitations(const std::string& user_id) {
    return leased(*pool_, "list_peer_invitations",
                  [&](Connection& c) { return all<InvitationRow>(c, q::list_peer_invitations, "user_id", user_id); });
}

bool SqlStore::delete_peer_invitation(const std::string& id) {
    return leased(*pool_, "delete_peer_invitation",
                  [&](Connection& c) { return run(c, q::delete_peer_invitation, "id", id) > 0; });
}

Status SqlStore::accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) {
    return write(*pool_, "accept_peer_invitation", [&](Connection& c) -> Status {
        std::optional<PeerInvitation> invitation = one<InvitationRow>(c, q::find_peer_invitation, "id", id);
        if (!invitation || invitation->to_user_id != user_id) return Error{ErrorCode::not_found, "no such invitation"};
        const std::string from = invitation->from_user_id;
        lock_people(c, from, user_id);
        // Under the lock: an accept of another invitation of either may have removed it.
        if (!one<InvitationRow>(c, q::find_peer_invitation, "id", id)) {
            return Error{ErrorCode::not_found, "no such invitation"};
        }
        if (!peer_in(c, from).empty() || !peer_in(c, user_id).empty()) {
            return Error{ErrorCode::conflict, "one of the two has a fixed colleague meanwhile"};
        }
        set_peers(c, from, user_id);
        run(c, q::insert_peer_pair, "id", id, "user_a", std::min(from, user_id), "user_b", std::max(from, user_id),
            "started_at", seconds(at));
        run(c, q::delete_invitations_of_pair, "a", from, "b", user_id);
        return ok_status();
    });
}

bool SqlStore::end_pair(const std::string& user_id, Timestamp at) {
    return write(*pool_, "end_pair", [&](Connection& c) { return end_pair_in(c, user_id, at); });
}

std::optional<PeerMeetingSlot> SqlStore::peer_meeting_slot(const std::string& user_id) {
    return leased(*pool_, "peer_meeting_slot",
                  [&](Connection& c) { return one<MeetingSlotRow>(c, q::find_meeting_slot, "user_id", user_id); });
}

bool SqlStore::set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) {
    return leased(*pool_, "set_peer_meeting_slot", [&](Connection& c) {
        return run(c, q::set_meeting_slot, "weekday", slot.weekday, "minute_of_day", slot.minute_of_day,
                   "duration_minutes", slot.duration_minutes, "timezone", slot.timezone, "user_id", user_id) > 0;
    });
}

std::vector<PeerPair> SqlStore::list_peer_pairs() {
    return leased(*pool_, "list_peer_pairs", [&](Connection& c) { return all<PairRow>(c, q::list_peer_pairs); });
}

void SqlStore::import_peer_pair(const PeerPair& pair) {
    write(*pool_, "import_peer_pair", [&](Connection& c) {
        const long long ended_at = seconds(pair.ended_at.value_or(Timestamp{}));
        soci::indicator ended = pair.ended_at ? soci::i_ok : soci::i_null;
        const PeerMeetingSlot slot = pair.meeting_slot.value_or(PeerMeetingSlot{});
        soci::indicator has_slot = pair.meeting_slot ? soci::i_ok : soci::i_null;
        Statement insert(c, q::import_peer_pair);
        insert.use(ended_at, ended, "ended_at").use(slot.weekday, has_slot, "weekday");  // no weekday: no slot
        use_all(insert, "id", pair.id, "user_a", pair.user_a, "user_b", pair.user_b, "started_at",
                seconds(pair.started_at), "minute_of_day", slot.minute_of_day, "duration_minutes",
                slot.duration_minutes, "timezone", slot.timezone)
            .run();
        if (!pair.ended_at) set_peers(c, pair.user_a, pair.user_b);
        return true;
    });
}

void SqlStore::record_peer_opening(const PeerOpening& opening) {
    leased(*pool_, "record_peer_opening", [&](Connection& c) {
        const long long last = seconds(opening.last_opened_at);
        // A caller that gives one instant means it for both.
        const long long first = opening.first_opened_at == Timestamp{} ? last : seconds(opening.first_opened_at);
        return run(c, q::record_peer_opening, "owner_id", opening.owner_id, "kind", std::string(to_string(opening.kind)),
                   "period", opening.period, "viewer_id", opening.viewer_id, "first_opened_at", first,
                   "last_opened_at", last);
    });
}

std::vector<PeerOpening> SqlStore::list_peer_openings(const std::string& owner_id) {
    return leased(*pool_, "list_peer_openings",
                  [&](Connection& c) { return all<OpeningRow>(c, q::list_peer_openings, "owner_id", owner_id); });
}

// --- events -------------------------------------------------------------------------------------

void SqlStore::create_events(const std::vector<Event>& events) {
    if (events.empty()) return;
    write(*pool_, "create_events", [&](Connection& c) {
        for (const Event& event : events) {
            Capacity capacity(event.capacity);
            Statement insert(c, q::insert_event);
            use_all(insert.use(capacity.value, capacity.indicator, "capacity"), "id", event.id, "kind",
                 std::string(to_string(event.kind)), "title", event.title, "starts_at", seconds(event.starts_at),
                 "ends_at", seconds(event.ends_at), "location", event.location, "description", event.description,
                 "organiser_id", event.organiser_id, "series_id", event.series_id, "created_at",
                 seconds(event.created_at))
                .run();
        }
        return true;
    });
}

std::optional<Event> SqlStore::find_event(const std::string& id) {
    return leased(*pool_, "find_event", [&](Connection& c) { return one<EventRow>(c, q::find_event, "id", id); });
}

void SqlStore::update_event(const Event& event) {
    leased(*pool_, "update_event", [&](Connection& c) {
        Capacity capacity(event.capacity);
        Statement update(c, q::update_event);
        return use_all(update.use(capacity.value, capacity.indicator, "capacity"), "title", event.title, "starts_at",
                    seconds(event.starts_at), "ends_at", seconds(event.ends_at), "location", event.location,
                    "description", event.description, "id", event.id)
            .run();
    });
}

bool SqlStore::delete_event(const std::string& id) {
    return leased(*pool_, "delete_event",  // RSVPs and programme cascade
                  [&](Connection& c) { return run(c, q::delete_event, "id", id) > 0; });
}

std::vector<Event> SqlStore::list_events(Timestamp from, Timestamp to) {
    return leased(*pool_, "list_events", [&](Connection& c) {
        return all<EventRow>(c, q::list_events, "from", seconds(from), "to", seconds(to));
    });
}

std::vector<Event> SqlStore::events_going(const std::string& user_id, Timestamp from, Timestamp to) {
    return leased(*pool_, "events_going", [&](Connection& c) {
        return all<EventRow>(c, q::events_going, "user_id", user_id, "from", seconds(from), "to", seconds(to));
    });
}

Status SqlStore::set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status, Timestamp at) {
    return write(*pool_, "set_rsvp", [&](Connection& c) -> Status {
        std::optional<std::optional<int>> capacity = capacity_in(c, q::event_capacity, event_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such event"};
        if (status == RsvpStatus::going && *capacity &&
            scalar<std::string>(c, q::rsvp_of, "event_id", event_id, "user_id", user_id) != "going" &&
            count(c, q::count_going, "event_id", event_id) >= **capacity) {
            return Error{ErrorCode::conflict, "the event is full"};
        }
        run(c, q::put_rsvp, "event_id", event_id, "user_id", user_id, "status", std::string(to_string(status)), "at",
            seconds(at));
        return ok_status();
    });
}

EventAttendance SqlStore::event_attendance(const std::string& event_id, const std::string& user_id) {
    return guarded("event_attendance", [&] {
        ConnectionPool::Lease lease(*pool_);
        Connection& c = lease.connection();
        Transaction transaction(lease, TransactionKind::read);  // count and answer together
        EventAttendance attendance;
        attendance.going_count = count(c, q::count_going, "event_id", event_id);
        if (std::optional<std::string> status = scalar<std::string>(c, q::rsvp_of, "event_id", event_id, "user_id", user_id)) {
            attendance.mine = stored(parse_rsvp_status(*status), "RSVP");
        }
        return attendance;
    });
}

std::vector<Rsvp> SqlStore::list_rsvps(const std::string& event_id) {
    return leased(*pool_, "list_rsvps",
                  [&](Connection& c) { return all<RsvpRow>(c, q::list_rsvps, "event_id", event_id); });
}

std::vector<SessionSignup> SqlStore::list_session_signups(const std::string& session_id) {
    return leased(*pool_, "list_session_signups",
                  [&](Connection& c) { return all<SignupRow>(c, q::list_session_signups, "session_id", session_id); });
}

void SqlStore::create_event_session(const EventSession& session) {
    leased(*pool_, "create_event_session", [&](Connection& c) {
        Capacity capacity(session.capacity);
        Statement insert(c, q::insert_event_session);
        return use_all(insert.use(capacity.value, capacity.indicator, "capacity"), "id", session.id, "event_id",
                    session.event_id, "title", session.title, "host", session.host, "description",
                    session.description, "starts_at", seconds(session.starts_at), "ends_at", seconds(session.ends_at))
            .run();
    });
}

std::optional<EventSession> SqlStore::find_event_session(const std::string& id) {
    return leased(*pool_, "find_event_session",
                  [&](Connection& c) { return one<EventSessionRow>(c, q::find_event_session, "id", id); });
}

bool SqlStore::delete_event_session(const std::string& event_id, const std::string& session_id) {
    return leased(*pool_, "delete_event_session", [&](Connection& c) {  // its sign-ups cascade
        return run(c, q::delete_event_session, "id", session_id, "event_id", event_id) > 0;
    });
}

std::vector<ProgrammeSession> SqlStore::event_programme(const std::string& event_id, const std::string& user_id) {
    return leased(*pool_, "event_programme", [&](Connection& c) {
        return all<ProgrammeRow>(c, q::event_programme, "user_id", user_id, "event_id", event_id);
    });
}

Status SqlStore::set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                                    Timestamp at) {
    return write(*pool_, "set_session_signup", [&](Connection& c) -> Status {
        std::optional<std::optional<int>> capacity = capacity_in(c, q::session_capacity, session_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such session"};
        if (!going) {
            run(c, q::delete_signup, "session_id", session_id, "user_id", user_id);
            return ok_status();
        }
        if (count(c, q::count_signup_of, "session_id", session_id, "user_id", user_id) > 0) {
            return ok_status();  // already signed up: nothing changes
        }
        if (*capacity && count(c, q::count_signups, "session_id", session_id) >= **capacity) {
            return Error{ErrorCode::conflict, "the session is full"};
        }
        run(c, q::insert_signup, "session_id", session_id, "user_id", user_id, "at", seconds(at));
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
        for (Level each : all_levels) {
            const LevelReminder& reminder = settings.at(each);
            run(c, q::put_reminder_level, "user_id", settings.user_id, "level", std::string(to_string(each)),
                "enabled", flag(reminder.enabled), "minute_of_day", reminder.minute_of_day, "weekday",
                reminder.weekday);
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
        return run(c, q::enqueue_reminder, "id", job.id, "user_id", job.user_id, "level",
                   std::string(to_string(job.level)), "period", job.period, "due_at", seconds(job.due_at)) > 0;
    });
}

std::vector<ReminderJob> SqlStore::claim_reminders(const std::string& worker, Timestamp now, Timestamp lease_until,
                                                   int limit) {
    if (limit <= 0) return {};
    std::vector<ReminderJob> claimed = write(*pool_, "claim_reminders", [&](Connection& c) {
        return all<ReminderJobRow>(c, q::claim_reminders, "worker", worker, "lease_until", seconds(lease_until), "now",
                                   seconds(now), "limit", limit);
    });
    std::sort(claimed.begin(), claimed.end(), [](const ReminderJob& a, const ReminderJob& b) {
        return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
    });
    return claimed;
}

void SqlStore::mark_reminder_sent(const std::string& job_id, Timestamp at) {
    leased(*pool_, "mark_reminder_sent",
           [&](Connection& c) { return run(c, q::mark_reminder_sent, "at", seconds(at), "id", job_id); });
}

void SqlStore::release_reminder(const std::string& job_id, Timestamp retry_at) {
    leased(*pool_, "release_reminder",
           [&](Connection& c) { return run(c, q::release_reminder, "retry_at", seconds(retry_at), "id", job_id); });
}

std::vector<ReminderJob> SqlStore::list_reminder_jobs(const std::string& user_id) {
    return leased(*pool_, "list_reminder_jobs",
                  [&](Connection& c) { return all<ReminderJobRow>(c, q::list_reminder_jobs, "user_id", user_id); });
}

// --- the calendar feed ----------------------------------------------------------------------------

std::optional<std::string> SqlStore::calendar_token(const std::string& user_id) {
    return leased(*pool_, "calendar_token",
                  [&](Connection& c) { return scalar<std::string>(c, q::calendar_token_of, "user_id", user_id); });
}

void SqlStore::set_calendar_token(const std::string& user_id, const std::string& token) {
    leased(*pool_, "set_calendar_token",
           [&](Connection& c) { return run(c, q::put_calendar_token, "user_id", user_id, "token", token); });
}

std::optional<std::string> SqlStore::user_of_calendar_token(const std::string& token) {
    return leased(*pool_, "user_of_calendar_token",
                  [&](Connection& c) { return scalar<std::string>(c, q::user_of_calendar_token, "token", token); });
}

// --- organisation counts ----------------------------------------------------------------------

ParticipationCounts SqlStore::participation(Day from, Day to, const std::string& leaving_out) {
    return leased(*pool_, "participation", [&](Connection& c) {
        ParticipationCounts counts;
        Statement statement(c, q::participation);
        statement.into(counts.members).into(counts.wrote_diary).into(counts.held_peer_meeting);
        statement.into(counts.wrote_reflection).into(counts.agreed_contract);
        use_all(statement, "from", format_day(from), "to", format_day(to), "first_week", format_week(week_of(from)),
             "last_week", format_week(week_of(to)), "first_month", format_month(month_of(from)), "last_month",
             format_month(month_of(to)), "first_quarter", format_quarter(quarter_of(from)), "last_quarter",
             format_quarter(quarter_of(to)), "leaving_out", leaving_out)
            .run();
        return counts;
    });
}

}  // namespace ritme::storage

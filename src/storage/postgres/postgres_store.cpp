// The PostgreSQL store (see postgres_store.hpp). Every public method takes a connection
// from the pool for its own duration. Statements are the named constants of
// postgres_queries.hpp; the schema is postgres_migrations.cpp.
#include "storage/postgres/postgres_store.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "storage/postgres/postgres_connection.hpp"
#include "storage/postgres/postgres_queries.hpp"
#include "storage/row_mapping.hpp"
#include "storage/sqlite/search_expression.hpp"

namespace ritme::storage {

namespace q = postgres::queries;
using nlohmann::json;
using postgres::ConnectionPool;
using postgres::fail_corrupt;
using postgres::guarded;
using postgres::Statement;
using postgres::Transaction;

namespace {

using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

// --- values between the domain and the columns ---------------------------------------

const std::string earliest_day = "0000-00-00";
const std::string after_every_day = "9999-99-99";

std::string discussion_json(const std::vector<ContractComment>& discussion) {
    json list = json::array();
    for (const ContractComment& comment : discussion) {
        list.push_back(
            {{"by", comment.by}, {"comment", comment.comment}, {"agree", comment.agree}, {"at", seconds(comment.at)}});
    }
    return dump(list);
}

// Words as search_words() splits them, one space between: what an entry's search column
// is made of, and what a search asks for.
std::string joined_words(const std::vector<std::string>& words) {
    std::string joined;
    for (const std::string& word : words) {
        if (!joined.empty()) joined += ' ';
        joined += word;
    }
    return joined;
}

std::string entry_words(const DiaryEntry& entry) {
    std::vector<std::string> words;
    for (const std::string* text : {&entry.learning_moments, &entry.handling, &entry.key_learning}) {
        std::vector<std::string> more = search_words(*text, std::string::npos);
        words.insert(words.end(), more.begin(), more.end());
    }
    for (const std::string& tag : entry.tags) {
        std::vector<std::string> more = search_words(tag, std::string::npos);
        words.insert(words.end(), more.begin(), more.end());
    }
    return joined_words(words);
}

// --- reading rows -------------------------------------------------------------------------

struct DiaryRow {
    std::string user_id, day, learning_moments, handling, key_learning, competency_ids, tags;
    int shared_with_peer = 0, minutes = 0;
    long long created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(day).into(learning_moments).into(handling).into(key_learning);
        statement.into(competency_ids).into(tags).into(shared_with_peer).into(minutes).into(created_at);
        statement.into(updated_at);
    }
    DiaryEntry value() const {
        DiaryEntry entry;
        entry.user_id = user_id;
        entry.day = stored(parse_day(day), "day");
        entry.learning_moments = learning_moments;
        entry.handling = handling;
        entry.key_learning = key_learning;
        entry.competency_ids = ids_of(competency_ids);
        entry.tags = ids_of(tags);
        entry.shared_with_peer = shared_with_peer != 0;
        entry.minutes = minutes;
        entry.created_at = instant(created_at);
        entry.updated_at = instant(updated_at);
        return entry;
    }
};

// Writes one diary entry with `query` (put or import), answering the stored created_at
// and whether the row is new.
struct DiaryWrite {
    long long created_at = 0;
    bool created = false;
};

DiaryWrite write_entry(soci::session& sql, const char* query, const DiaryEntry& entry) {
    const std::string day = format_day(entry.day);
    const std::string competency_ids = ids_json(entry.competency_ids);
    const std::string tags = ids_json(entry.tags);
    const int shared = flag(entry.shared_with_peer);
    const std::string words = entry_words(entry);
    const long long created_at = seconds(entry.created_at);
    const long long updated_at = seconds(entry.updated_at);
    DiaryWrite written{created_at, true};
    int inserted = 1;
    Statement write(sql, query);
    write.use(entry.user_id, "user_id").use(day, "day").use(entry.learning_moments, "learning_moments");
    write.use(entry.handling, "handling").use(entry.key_learning, "key_learning");
    write.use(competency_ids, "competency_ids").use(tags, "tags").use(shared, "shared_with_peer");
    write.use(entry.minutes, "minutes").use(words, "words").use(created_at, "created_at");
    write.use(updated_at, "updated_at");
    if (query == q::put_diary_entry) write.into(written.created_at).into(inserted);
    write.run();
    written.created = inserted != 0;
    return written;
}

// The person's peer as users.peer_id has it ("" when none).
std::string peer_in(soci::session& sql, const std::string& user_id) {
    std::string peer;
    soci::indicator indicator = soci::i_null;
    Statement statement(sql, q::peer_of);
    statement.into(peer, indicator).use(user_id, "id");
    if (!statement.run() || indicator != soci::i_ok) return {};
    return peer;
}

// Locks the rows of `a` and `b` (see lock_people_rows); answers how many exist.
int lock_people(soci::session& sql, const std::string& a, const std::string& b) {
    std::string id, peer;
    soci::indicator peer_indicator = soci::i_null;
    Statement statement(sql, q::lock_people_rows);
    statement.into(id).into(peer, peer_indicator).use(a, "a").use(b, "b");
    int found = 0;
    if (!statement.run()) return found;
    do {
        ++found;
    } while (statement.next());
    return found;
}

// Ends the person's pair inside the caller's transaction (see Store::end_pair): locks both
// people first, so the pair can't change between reading and ending it.
bool end_pair_in(soci::session& sql, const std::string& user_id, Timestamp at) {
    std::string peer = peer_in(sql, user_id);
    for (;;) {
        if (peer.empty()) return false;
        lock_people(sql, user_id, peer);
        const std::string now_peer = peer_in(sql, user_id);  // under the lock
        if (now_peer == peer) break;
        peer = now_peer;  // changed before the lock was ours: lock the current one
    }
    const long long ended_at = seconds(at);
    for (const char* query : {q::unshare_diary_entries, q::unshare_weekly_reviews, q::unshare_contracts,
                              q::delete_openings_of_pair, q::clear_peers}) {
        Statement statement(sql, query);
        statement.use(user_id, "a").use(peer, "b");
        statement.run();
    }
    Statement end(sql, q::end_peer_pairs);
    end.use(ended_at, "at").use(user_id, "a").use(peer, "b");
    end.run();
    return true;
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

Error competency_name_conflict() {
    return Error{ErrorCode::conflict, "a competency with this name already exists", "name"};
}

}  // namespace

// --- opening ------------------------------------------------------------------------------

std::unique_ptr<PostgresStore> PostgresStore::open(const std::string& url, int connections) {
    auto pool = std::make_unique<ConnectionPool>(static_cast<std::size_t>(std::max(connections, 1)));
    postgres::open_connection(pool->session(0), url);
    postgres::apply_migrations(pool->session(0));
    for (std::size_t i = 1; i < pool->size(); ++i) postgres::open_connection(pool->session(i), url);
    return std::unique_ptr<PostgresStore>(new PostgresStore(std::move(pool)));
}

PostgresStore::PostgresStore(std::unique_ptr<ConnectionPool> connections) : connections_(std::move(connections)) {}
PostgresStore::~PostgresStore() = default;

int PostgresStore::schema_version() {
    return guarded("schema_version", [&] {
        ConnectionPool::Lease lease(*connections_);
        return postgres::schema_version(lease.sql());
    });
}

bool PostgresStore::ping() {
    try {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        int one = 0;
        sql << q::ping, soci::into(one);
        return one == 1;
    } catch (const soci::soci_error&) {
        return false;
    }
}

// --- settings ---------------------------------------------------------------------------

std::optional<std::string> PostgresStore::setting(const std::string& key) {
    return guarded("setting", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        std::string value;
        sql << q::find_setting, soci::use(key, "key"), soci::into(value);
        if (!sql.got_data()) return std::nullopt;
        return value;
    });
}

void PostgresStore::set_setting(const std::string& key, const std::string& value) {
    guarded("set_setting", [&] {
        ConnectionPool::Lease lease(*connections_);
        lease.sql() << q::put_setting, soci::use(key, "key"), soci::use(value, "value");
    });
}

void PostgresStore::delete_setting(const std::string& key) {
    guarded("delete_setting", [&] {
        ConnectionPool::Lease lease(*connections_);
        lease.sql() << q::delete_setting, soci::use(key, "key");
    });
}

std::vector<std::pair<std::string, std::string>> PostgresStore::list_settings() {
    return guarded("list_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        std::pair<std::string, std::string> row;
        Statement statement(lease.sql(), q::list_settings);
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

int PostgresStore::count_users() {
    return guarded("count_users", [&] {
        ConnectionPool::Lease lease(*connections_);
        int count = 0;
        lease.sql() << q::count_users, soci::into(count);
        return count;
    });
}

int PostgresStore::count_admins() {
    return guarded("count_admins", [&] {
        ConnectionPool::Lease lease(*connections_);
        int count = 0;
        lease.sql() << q::count_admins, soci::into(count);
        return count;
    });
}

Result<User> PostgresStore::create_user(const NewUser& user) {
    return insert_user(user, user.role, false);
}

Result<User> PostgresStore::create_first_admin(const NewUser& user) {
    return insert_user(user, Role::admin, true);
}

Result<User> PostgresStore::insert_user(const NewUser& user, Role role, bool only_while_no_admin) {
    return guarded("create_user", [&]() -> Result<User> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql);
        if (only_while_no_admin) {
            // One first-admin check at a time: the count still holds when the insert runs.
            sql << q::lock_people;
            int admins = 0;
            sql << q::count_admins, soci::into(admins);
            if (admins > 0) return Error{ErrorCode::conflict, "an administrator already exists"};
        }
        const std::string email = lower_ascii(user.email);
        User created = user_of(user, email, role);
        const std::string role_name(to_string(role));
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(created.workdays));
        const long long created_at = seconds(user.created_at);
        int inserted = 0;
        Statement insert(sql, q::insert_user);
        insert.use(user.id, "id").use(email, "email").use(user.name, "name").use(role_name, "role");
        insert.use(locale_name, "locale").use(user.timezone, "timezone").use(workdays, "workdays");
        insert.use(user.password_hash, "password_hash").use(created_at, "created_at").into(inserted);
        if (!insert.run()) return Error{ErrorCode::conflict, "this e-mail address is already in use", "email"};
        transaction.commit();
        return created;
    });
}

std::optional<User> PostgresStore::find_user(const std::string& id) {
    return guarded("find_user", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_user);
        UserRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

std::optional<User> PostgresStore::find_user_by_email(const std::string& email) {
    return guarded("find_user_by_email", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string lowered = lower_ascii(email);
        Statement statement(lease.sql(), q::find_user_by_email);
        UserRow row;
        row.into(statement);
        statement.use(lowered, "email");
        return read_one(statement, row);
    });
}

std::optional<std::string> PostgresStore::password_hash(const std::string& user_id) {
    return guarded("password_hash", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        std::string hash;
        sql << q::find_password_hash, soci::use(user_id, "id"), soci::into(hash);
        if (!sql.got_data()) return std::nullopt;
        return hash;
    });
}

void PostgresStore::update_profile(const User& user) {
    guarded("update_profile", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(user.workdays));
        lease.sql() << q::update_profile, soci::use(user.name, "name"), soci::use(locale_name, "locale"),
            soci::use(user.timezone, "timezone"), soci::use(workdays, "workdays"), soci::use(user.id, "id");
    });
}

void PostgresStore::set_password_hash(const std::string& user_id, const std::string& hash) {
    guarded("set_password_hash", [&] {
        ConnectionPool::Lease lease(*connections_);
        lease.sql() << q::set_password_hash, soci::use(hash, "password_hash"), soci::use(user_id, "id");
    });
}

void PostgresStore::delete_user(const std::string& user_id) {
    guarded("delete_user", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql);
        sql << q::remove_comments_by, soci::use(user_id, "id");
        // Nothing stays shared between them and their peer. The pair's row goes with them
        // (ON DELETE CASCADE), so when it ended is never read.
        end_pair_in(sql, user_id, Timestamp{});
        sql << q::orphan_events_of, soci::use(user_id, "id");
        // Their invitations, answers, sign-ups, openings, reminders and calendar secret go
        // with them through ON DELETE CASCADE.
        sql << q::delete_user, soci::use(user_id, "id");
        transaction.commit();
    });
}

std::vector<User> PostgresStore::list_users() {
    return guarded("list_users", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_users);
        UserRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

// --- sessions and access tokens -----------------------------------------------------------

void PostgresStore::create_session(const Session& session) {
    guarded("create_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long created_at = seconds(session.created_at);
        const long long expires_at = seconds(session.expires_at);
        lease.sql() << q::insert_session, soci::use(session.token_hash, "token_hash"),
            soci::use(session.user_id, "user_id"), soci::use(session.csrf_token, "csrf_token"),
            soci::use(created_at, "created_at"), soci::use(expires_at, "expires_at");
    });
}

std::optional<Session> PostgresStore::find_session(const std::string& token_hash) {
    return guarded("find_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_session);
        SessionRow row;
        row.into(statement);
        statement.use(token_hash, "token_hash");
        return read_one(statement, row);
    });
}

std::vector<Session> PostgresStore::list_sessions() {
    return guarded("list_sessions", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_sessions);
        SessionRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

void PostgresStore::delete_session(const std::string& token_hash) {
    guarded("delete_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        lease.sql() << q::delete_session, soci::use(token_hash, "token_hash");
    });
}

void PostgresStore::delete_expired_sessions(Timestamp now) {
    guarded("delete_expired_sessions", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long at = seconds(now);
        lease.sql() << q::delete_expired_sessions, soci::use(at, "now");
    });
}

void PostgresStore::create_access_token(const AccessToken& token) {
    guarded("create_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long created_at = seconds(token.created_at);
        lease.sql() << q::insert_access_token, soci::use(token.id, "id"), soci::use(token.user_id, "user_id"),
            soci::use(token.name, "name"), soci::use(token.token_hash, "token_hash"),
            soci::use(created_at, "created_at");
    });
}

std::optional<AccessToken> PostgresStore::find_access_token(const std::string& token_hash) {
    return guarded("find_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_access_token);
        AccessTokenRow row;
        row.into(statement);
        statement.use(token_hash, "token_hash");
        return read_one(statement, row);
    });
}

std::vector<AccessToken> PostgresStore::list_access_tokens(const std::string& user_id) {
    return guarded("list_access_tokens", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_access_tokens);
        AccessTokenRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

bool PostgresStore::delete_access_token(const std::string& user_id, const std::string& token_id) {
    return guarded("delete_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::delete_access_token);
        statement.use(user_id, "user_id").use(token_id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

// --- login throttling ---------------------------------------------------------------------

void PostgresStore::record_login_failure(const std::string& key, Timestamp at) {
    guarded("record_login_failure", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long when = seconds(at);
        lease.sql() << q::insert_login_failure, soci::use(key, "key"), soci::use(when, "at");
    });
}

std::vector<Timestamp> PostgresStore::login_failures_since(const std::string& key, Timestamp since) {
    return guarded("login_failures_since", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long from = seconds(since);
        long long at = 0;
        Statement statement(lease.sql(), q::login_failures_since);
        statement.into(at).use(key, "key").use(from, "since");
        std::vector<Timestamp> failures;
        if (!statement.run()) return failures;
        do {
            failures.push_back(instant(at));
        } while (statement.next());
        return failures;
    });
}

void PostgresStore::clear_login_failures(const std::string& key) {
    guarded("clear_login_failures", [&] {
        ConnectionPool::Lease lease(*connections_);
        lease.sql() << q::clear_login_failures, soci::use(key, "key");
    });
}

// --- competencies ---------------------------------------------------------------------------

std::vector<Competency> PostgresStore::list_competencies() {
    return guarded("list_competencies", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_competencies);
        CompetencyRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

std::optional<Competency> PostgresStore::find_competency(const std::string& id) {
    return guarded("find_competency", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_competency);
        CompetencyRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

Result<Competency> PostgresStore::create_competency(const Competency& competency) {
    return guarded("create_competency", [&]() -> Result<Competency> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql);
        sql << q::lock_competencies;  // the name check still holds when the insert runs
        int taken = 0;
        const std::string no_id;
        sql << q::count_other_competencies_named, soci::use(competency.name, "name"), soci::use(no_id, "id"),
            soci::into(taken);
        if (taken > 0) return competency_name_conflict();
        const int archived = flag(competency.archived);
        sql << q::insert_competency, soci::use(competency.id, "id"), soci::use(competency.name, "name"),
            soci::use(competency.description, "description"), soci::use(archived, "archived");
        transaction.commit();
        return competency;
    });
}

Result<Competency> PostgresStore::update_competency(const Competency& competency) {
    return guarded("update_competency", [&]() -> Result<Competency> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql);
        sql << q::lock_competencies;
        int known = 0;
        sql << q::count_competencies_with_id, soci::use(competency.id, "id"), soci::into(known);
        if (known == 0) return Error{ErrorCode::not_found, "no such competency"};
        int taken = 0;
        sql << q::count_other_competencies_named, soci::use(competency.name, "name"), soci::use(competency.id, "id"),
            soci::into(taken);
        if (taken > 0) return competency_name_conflict();
        const int archived = flag(competency.archived);
        sql << q::update_competency, soci::use(competency.name, "name"),
            soci::use(competency.description, "description"), soci::use(archived, "archived"),
            soci::use(competency.id, "id");
        transaction.commit();
        return competency;
    });
}

// --- daily ----------------------------------------------------------------------------------

std::optional<DiaryEntry> PostgresStore::find_diary_entry(const std::string& user_id, Day day) {
    return guarded("find_diary_entry", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string day_text_value = format_day(day);
        Statement statement(lease.sql(), q::find_diary_entry);
        DiaryRow row;
        row.into(statement);
        statement.use(user_id, "user_id").use(day_text_value, "day");
        return read_one(statement, row);
    });
}

Store::PutDiaryResult PostgresStore::put_diary_entry(const DiaryEntry& entry) {
    return guarded("put_diary_entry", [&] {
        ConnectionPool::Lease lease(*connections_);
        DiaryWrite written = write_entry(lease.sql(), q::put_diary_entry, entry);
        PutDiaryResult result{entry, written.created};
        result.entry.created_at = instant(written.created_at);
        return result;
    });
}

bool PostgresStore::delete_diary_entry(const std::string& user_id, Day day) {
    return guarded("delete_diary_entry", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string day_text_value = format_day(day);
        Statement statement(lease.sql(), q::delete_diary_entry);
        statement.use(user_id, "user_id").use(day_text_value, "day");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

void PostgresStore::import_diary_entries(const std::vector<DiaryEntry>& entries) {
    guarded("import_diary_entries", [&] {
        if (entries.empty()) return;
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql);
        for (const DiaryEntry& entry : entries) (void)write_entry(sql, q::import_diary_entry, entry);
        transaction.commit();
    });
}

DiaryPage PostgresStore::list_diary_entries(const DiaryQuery& query) {
    return guarded("list_diary_entries", [&] {
        const int page_size = std::clamp(query.limit, 1, 200);
        const int limit = page_size + 1;  // one more tells whether another page follows
        const std::string from = query.from ? format_day(*query.from) : earliest_day;
        const std::string to = query.to ? format_day(*query.to) : after_every_day;
        const std::string before = query.before ? format_day(*query.before) : after_every_day;
        const int shared_only = flag(query.shared_only);
        // Text without a single word in it searches for nothing in particular.
        const std::string words = joined_words(search_words(query.text));

        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_diary_entries);
        DiaryRow row;
        row.into(statement);
        statement.use(query.user_id, "user_id").use(from, "from").use(to, "to").use(before, "before");
        statement.use(shared_only, "shared_only").use(query.competency_id, "competency_id");
        statement.use(query.tag, "tag").use(words, "words").use(limit, "limit");
        DiaryPage page;
        page.entries = read_all(statement, row);
        if (page.entries.size() > static_cast<std::size_t>(page_size)) {
            page.entries.resize(static_cast<std::size_t>(page_size));
            page.next_before = page.entries.back().day;
        }
        return page;
    });
}

std::vector<Day> PostgresStore::diary_days(const std::string& user_id, Day from, Day to) {
    return guarded("diary_days", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string first = format_day(from);
        const std::string last = format_day(to);
        std::string joined;
        Statement statement(lease.sql(), q::diary_days);
        statement.into(joined).use(user_id, "user_id").use(first, "from").use(last, "to");
        statement.run();
        return days_of_list(joined);
    });
}

// --- weekly ---------------------------------------------------------------------------------

std::optional<WeeklyReview> PostgresStore::find_weekly_review(const std::string& user_id, IsoWeek week) {
    return guarded("find_weekly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string week_text = format_week(week);
        Statement statement(lease.sql(), q::find_weekly_review);
        WeeklyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(week_text, "week");
        return read_one(statement, row);
    });
}

WeeklyReview PostgresStore::put_weekly_review(const WeeklyReview& review) {
    return guarded("put_weekly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string week = format_week(review.week);
        const int held = flag(review.peer_meeting.held);
        const std::string meeting_day = day_text(review.peer_meeting.day).value_or("");
        soci::indicator meeting_day_indicator = review.peer_meeting.day ? soci::i_ok : soci::i_null;
        const std::string deadline = day_text(review.plan.deadline).value_or("");
        soci::indicator deadline_indicator = review.plan.deadline ? soci::i_ok : soci::i_null;
        const int shared = flag(review.shared_with_peer);
        const long long given_created_at = seconds(review.created_at);
        const long long updated_at = seconds(review.updated_at);
        long long created_at = given_created_at;
        Statement put(lease.sql(), q::put_weekly_review);
        put.use(review.user_id, "user_id").use(week, "week").use(held, "peer_meeting_held");
        put.use(meeting_day, meeting_day_indicator, "peer_meeting_day");
        put.use(review.peer_meeting.notes, "peer_meeting_notes").use(review.plan.competency_id, "plan_competency_id");
        put.use(review.plan.situation, "plan_situation").use(review.plan.approach, "plan_approach");
        put.use(review.plan.measure, "plan_measure").use(deadline, deadline_indicator, "plan_deadline");
        put.use(review.act, "act").use(shared, "shared_with_peer").use(given_created_at, "created_at");
        put.use(updated_at, "updated_at").into(created_at);
        put.run();
        WeeklyReview stored_review = review;
        stored_review.created_at = instant(created_at);
        return stored_review;
    });
}

std::vector<WeeklyReview> PostgresStore::list_weekly_reviews(const std::string& user_id) {
    return guarded("list_weekly_reviews", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_weekly_reviews);
        WeeklyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- monthly --------------------------------------------------------------------------------

std::optional<MonthlyReflection> PostgresStore::find_monthly_reflection(const std::string& user_id, Month month) {
    return guarded("find_monthly_reflection", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string month_text = format_month(month);
        Statement statement(lease.sql(), q::find_monthly_reflection);
        MonthlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(month_text, "month");
        return read_one(statement, row);
    });
}

MonthlyReflection PostgresStore::put_monthly_reflection(const MonthlyReflection& reflection) {
    return guarded("put_monthly_reflection", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string month = format_month(reflection.month);
        const std::string focus = ids_json(reflection.focus_competency_ids);
        const std::string progress = goal_progress_json(reflection.goal_progress);
        const int attended = flag(reflection.sol_meeting_attended);
        const long long given_created_at = seconds(reflection.created_at);
        const long long updated_at = seconds(reflection.updated_at);
        long long created_at = given_created_at;
        Statement put(lease.sql(), q::put_monthly_reflection);
        put.use(reflection.user_id, "user_id").use(month, "month").use(focus, "focus_competency_ids");
        put.use(reflection.went_well, "went_well").use(reflection.could_be_better, "could_be_better");
        put.use(reflection.approach, "approach").use(progress, "goal_progress");
        put.use(attended, "sol_meeting_attended").use(given_created_at, "created_at").use(updated_at, "updated_at");
        put.into(created_at);
        put.run();
        MonthlyReflection stored_reflection = reflection;
        stored_reflection.created_at = instant(created_at);
        return stored_reflection;
    });
}

std::vector<MonthlyReflection> PostgresStore::list_monthly_reflections(const std::string& user_id) {
    return guarded("list_monthly_reflections", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_monthly_reflections);
        MonthlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- quarterly ------------------------------------------------------------------------------

std::optional<LearningContract> PostgresStore::find_learning_contract(const std::string& user_id, Quarter quarter) {
    return guarded("find_learning_contract", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(lease.sql(), q::find_current_contract);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(quarter_text, "quarter");
        return read_one(statement, row);
    });
}

LearningContract PostgresStore::put_learning_contract(const LearningContract& contract) {
    return guarded("put_learning_contract", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string quarter = format_quarter(contract.quarter);
        const std::string competency_ids = ids_json(contract.competency_ids);
        const std::string goals = goals_json(contract.goals);
        const std::string status(to_string(contract.status));
        const std::string discussion = discussion_json(contract.discussion);
        const int shared = flag(contract.shared_with_peer);
        const long long given_created_at = seconds(contract.created_at);
        const long long updated_at = seconds(contract.updated_at);
        long long created_at = given_created_at;
        Statement put(lease.sql(), q::put_contract_revision);
        put.use(contract.user_id, "user_id").use(quarter, "quarter").use(contract.revision, "revision");
        put.use(contract.where_from, "where_from").use(contract.where_now, "where_now").use(contract.aims, "aims");
        put.use(contract.approach, "approach").use(contract.evidence, "evidence");
        put.use(competency_ids, "competency_ids").use(goals, "goals").use(status, "status");
        put.use(shared, "shared_with_peer").use(discussion, "discussion").use(given_created_at, "created_at");
        put.use(updated_at, "updated_at");
        put.into(created_at);
        put.run();
        LearningContract stored_contract = contract;
        stored_contract.created_at = instant(created_at);
        return stored_contract;
    });
}

std::vector<LearningContract> PostgresStore::list_contract_revisions(const std::string& user_id, Quarter quarter) {
    return guarded("list_contract_revisions", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(lease.sql(), q::list_contract_revisions);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(quarter_text, "quarter");
        return read_all(statement, row);
    });
}

std::vector<LearningContract> PostgresStore::list_learning_contracts(const std::string& user_id) {
    return guarded("list_learning_contracts", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_current_contracts);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- yearly ---------------------------------------------------------------------------------

std::optional<YearlyReview> PostgresStore::find_yearly_review(const std::string& user_id, Year year) {
    return guarded("find_yearly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_yearly_review);
        YearlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(year.number, "year");
        return read_one(statement, row);
    });
}

YearlyReview PostgresStore::put_yearly_review(const YearlyReview& review) {
    return guarded("put_yearly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        auto score = [](const std::optional<int>& value) { return value.value_or(0); };
        auto presence = [](bool present) { return present ? soci::i_ok : soci::i_null; };
        const int challenging = score(review.challenging), inspiring = score(review.inspiring),
                  rewarding = score(review.rewarding);
        soci::indicator challenging_indicator = presence(review.challenging.has_value()),
                        inspiring_indicator = presence(review.inspiring.has_value()),
                        rewarding_indicator = presence(review.rewarding.has_value()),
                        next_step_indicator = presence(review.next_step.has_value());
        const std::string next_step = review.next_step ? std::string(to_string(*review.next_step)) : std::string();
        const long long given_created_at = seconds(review.created_at);
        const long long updated_at = seconds(review.updated_at);
        long long created_at = given_created_at;
        Statement put(lease.sql(), q::put_yearly_review);
        put.use(review.user_id, "user_id").use(review.year.number, "year");
        put.use(challenging, challenging_indicator, "challenging").use(inspiring, inspiring_indicator, "inspiring");
        put.use(rewarding, rewarding_indicator, "rewarding").use(next_step, next_step_indicator, "next_step");
        put.use(review.notes, "notes").use(given_created_at, "created_at").use(updated_at, "updated_at");
        put.into(created_at);
        put.run();
        YearlyReview stored_review = review;
        stored_review.created_at = instant(created_at);
        return stored_review;
    });
}

std::vector<YearlyReview> PostgresStore::list_yearly_reviews(const std::string& user_id) {
    return guarded("list_yearly_reviews", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_yearly_reviews);
        YearlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- the fixed colleague (peer) ---------------------------------------------------------------

Result<PeerInvitation> PostgresStore::create_peer_invitation(const PeerInvitation& invitation) {
    return guarded("create_peer_invitation", [&]() -> Result<PeerInvitation> {
        if (invitation.from_user_id == invitation.to_user_id) {
            return validation_error("email", "one cannot be one's own fixed colleague");
        }
        ConnectionPool::Lease lease(*connections_);
        soci::session& connection = lease.sql();
        Transaction transaction(connection);  // the people locked: the checks hold until the insert
        if (lock_people(connection, invitation.from_user_id, invitation.to_user_id) < 2) {
            return Error{ErrorCode::not_found, "no such person"};
        }
        if (!peer_in(connection, invitation.from_user_id).empty() ||
            !peer_in(connection, invitation.to_user_id).empty()) {
            return Error{ErrorCode::conflict, "one of the two already has a fixed colleague"};
        }
        int pending = 0;
        {
            Statement between(connection, q::count_invitations_between);
            between.into(pending).use(invitation.from_user_id, "a").use(invitation.to_user_id, "b");
            between.run();
        }
        if (pending > 0) return Error{ErrorCode::conflict, "an invitation between the two is pending already"};
        const long long created_at = seconds(invitation.created_at);
        Statement insert(connection, q::insert_peer_invitation);
        insert.use(invitation.id, "id").use(invitation.from_user_id, "from_user_id");
        insert.use(invitation.to_user_id, "to_user_id").use(created_at, "created_at");
        insert.run();
        transaction.commit();
        return invitation;
    });
}

std::optional<PeerInvitation> PostgresStore::find_peer_invitation(const std::string& id) {
    return guarded("find_peer_invitation", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_peer_invitation);
        InvitationRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

std::vector<PeerInvitation> PostgresStore::list_peer_invitations(const std::string& user_id) {
    return guarded("list_peer_invitations", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_peer_invitations);
        InvitationRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

bool PostgresStore::delete_peer_invitation(const std::string& id) {
    return guarded("delete_peer_invitation", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::delete_peer_invitation);
        statement.use(id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

Status PostgresStore::accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) {
    return guarded("accept_peer_invitation", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        soci::session& connection = lease.sql();
        Transaction transaction(lease.sql());
        std::optional<PeerInvitation> invitation;
        {
            Statement find(connection, q::find_peer_invitation);
            InvitationRow row;
            row.into(find);
            find.use(id, "id");
            invitation = read_one(find, row);
        }
        if (!invitation || invitation->to_user_id != user_id) {
            return Error{ErrorCode::not_found, "no such invitation"};
        }
        const std::string from = invitation->from_user_id;
        lock_people(connection, from, user_id);
        {
            // Under the lock: an accept of another invitation of either may have removed it.
            Statement again(connection, q::find_peer_invitation);
            InvitationRow row;
            row.into(again);
            again.use(id, "id");
            if (!again.run()) return Error{ErrorCode::not_found, "no such invitation"};
        }
        if (!peer_in(connection, from).empty() || !peer_in(connection, user_id).empty()) {
            return Error{ErrorCode::conflict, "one of the two has a fixed colleague meanwhile"};
        }
        for (const auto& [person, peer] : {std::pair{&from, &user_id}, std::pair{&user_id, &from}}) {
            Statement set(connection, q::set_peer);
            set.use(*peer, "peer_id").use(*person, "id");
            set.run();
        }
        const std::string& user_a = std::min(from, user_id);
        const std::string& user_b = std::max(from, user_id);
        const long long started_at = seconds(at);
        {
            Statement pair(connection, q::insert_peer_pair);
            pair.use(id, "id").use(user_a, "user_a").use(user_b, "user_b").use(started_at, "started_at");
            pair.run();
        }
        Statement others(connection, q::delete_invitations_of_pair);
        others.use(from, "a").use(user_id, "b");
        others.run();
        transaction.commit();
        return ok_status();
    });
}

bool PostgresStore::end_pair(const std::string& user_id, Timestamp at) {
    return guarded("end_pair", [&] {
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease.sql());
        const bool ended = end_pair_in(lease.sql(), user_id, at);
        transaction.commit();
        return ended;
    });
}

std::optional<PeerMeetingSlot> PostgresStore::peer_meeting_slot(const std::string& user_id) {
    return guarded("peer_meeting_slot", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_meeting_slot);
        MeetingSlotRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_one(statement, row);
    });
}

bool PostgresStore::set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) {
    return guarded("set_peer_meeting_slot", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::set_meeting_slot);
        statement.use(slot.weekday, "weekday").use(slot.minute_of_day, "minute_of_day");
        statement.use(slot.duration_minutes, "duration_minutes").use(slot.timezone, "timezone");
        statement.use(user_id, "user_id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

void PostgresStore::record_peer_opening(const PeerOpening& opening) {
    guarded("record_peer_opening", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string kind(to_string(opening.kind));
        const long long last = seconds(opening.last_opened_at);
        // A caller that gives one instant means it for both.
        const long long first = opening.first_opened_at == Timestamp{} ? last : seconds(opening.first_opened_at);
        Statement statement(lease.sql(), q::record_peer_opening);
        statement.use(opening.owner_id, "owner_id").use(kind, "kind").use(opening.period, "period");
        statement.use(opening.viewer_id, "viewer_id").use(first, "first_opened_at").use(last, "last_opened_at");
        statement.run();
    });
}

std::vector<PeerOpening> PostgresStore::list_peer_openings(const std::string& owner_id) {
    return guarded("list_peer_openings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_peer_openings);
        OpeningRow row;
        row.into(statement);
        statement.use(owner_id, "owner_id");
        return read_all(statement, row);
    });
}

// --- events -------------------------------------------------------------------------------------

namespace {

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

std::optional<std::optional<int>> capacity_in(soci::session& connection, const char* query, const std::string& id) {
    int capacity = 0;
    soci::indicator indicator = soci::i_null;
    Statement statement(connection, query);
    statement.into(capacity, indicator).use(id, "id");
    if (!statement.run()) return std::nullopt;  // no such row
    return optional_of(capacity, indicator);
}

}  // namespace

void PostgresStore::create_events(const std::vector<Event>& events) {
    guarded("create_events", [&] {
        if (events.empty()) return;
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease.sql());
        for (const Event& event : events) {
            EventBinds binds(event);
            Statement insert(lease.sql(), q::insert_event);
            insert.use(event.id, "id").use(binds.kind, "kind").use(event.title, "title");
            insert.use(binds.starts_at, "starts_at").use(binds.ends_at, "ends_at").use(event.location, "location");
            insert.use(event.description, "description").use(binds.capacity, binds.capacity_indicator, "capacity");
            insert.use(event.organiser_id, "organiser_id").use(event.series_id, "series_id");
            insert.use(binds.created_at, "created_at");
            insert.run();
        }
        transaction.commit();
    });
}

std::optional<Event> PostgresStore::find_event(const std::string& id) {
    return guarded("find_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_event);
        EventRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

void PostgresStore::update_event(const Event& event) {
    guarded("update_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        EventBinds binds(event);
        Statement update(lease.sql(), q::update_event);
        update.use(event.title, "title").use(binds.starts_at, "starts_at").use(binds.ends_at, "ends_at");
        update.use(event.location, "location").use(event.description, "description");
        update.use(binds.capacity, binds.capacity_indicator, "capacity").use(event.id, "id");
        update.run();
    });
}

bool PostgresStore::delete_event(const std::string& id) {
    return guarded("delete_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::delete_event);  // RSVPs and programme cascade
        statement.use(id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

std::vector<Event> PostgresStore::list_events(Timestamp from, Timestamp to) {
    return guarded("list_events", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long first = seconds(from), last = seconds(to);
        Statement statement(lease.sql(), q::list_events);
        EventRow row;
        row.into(statement);
        statement.use(first, "from").use(last, "to");
        return read_all(statement, row);
    });
}

std::vector<Event> PostgresStore::events_going(const std::string& user_id, Timestamp from, Timestamp to) {
    return guarded("events_going", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long first = seconds(from), last = seconds(to);
        Statement statement(lease.sql(), q::events_going);
        EventRow row;
        row.into(statement);
        statement.use(user_id, "user_id").use(first, "from").use(last, "to");
        return read_all(statement, row);
    });
}

Status PostgresStore::set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status,
                             Timestamp at) {
    return guarded("set_rsvp", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        soci::session& connection = lease.sql();
        // The event's row is locked: the count still holds at the insert.
        Transaction transaction(lease.sql());
        std::optional<std::optional<int>> capacity = capacity_in(connection, q::event_capacity, event_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such event"};
        if (status == RsvpStatus::going && *capacity) {
            std::string current;
            Statement mine(connection, q::rsvp_of);
            mine.into(current).use(event_id, "event_id").use(user_id, "user_id");
            const bool already_going = mine.run() && current == "going";
            if (!already_going) {
                int going = 0;
                Statement count(connection, q::count_going);
                count.into(going).use(event_id, "event_id");
                count.run();
                if (going >= **capacity) return Error{ErrorCode::conflict, "the event is full"};
            }
        }
        const std::string status_name(to_string(status));
        const long long when = seconds(at);
        Statement put(connection, q::put_rsvp);
        put.use(event_id, "event_id").use(user_id, "user_id").use(status_name, "status").use(when, "at");
        put.run();
        transaction.commit();
        return ok_status();
    });
}

EventAttendance PostgresStore::event_attendance(const std::string& event_id, const std::string& user_id) {
    return guarded("event_attendance", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& connection = lease.sql();
        Transaction transaction(connection);  // count and answer together
        EventAttendance attendance;
        {
            Statement count(connection, q::count_going);
            count.into(attendance.going_count).use(event_id, "event_id");
            count.run();
        }
        std::string status;
        Statement mine(connection, q::rsvp_of);
        mine.into(status).use(event_id, "event_id").use(user_id, "user_id");
        if (mine.run()) attendance.mine = stored(parse_rsvp_status(status), "RSVP");
        transaction.commit();
        return attendance;
    });
}

void PostgresStore::create_event_session(const EventSession& session) {
    guarded("create_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long starts_at = seconds(session.starts_at), ends_at = seconds(session.ends_at);
        const int capacity = session.capacity.value_or(0);
        soci::indicator capacity_indicator = session.capacity ? soci::i_ok : soci::i_null;
        Statement insert(lease.sql(), q::insert_event_session);
        insert.use(session.id, "id").use(session.event_id, "event_id").use(session.title, "title");
        insert.use(session.host, "host").use(session.description, "description");
        insert.use(starts_at, "starts_at").use(ends_at, "ends_at").use(capacity, capacity_indicator, "capacity");
        insert.run();
    });
}

std::optional<EventSession> PostgresStore::find_event_session(const std::string& id) {
    return guarded("find_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::find_event_session);
        EventSessionRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

bool PostgresStore::delete_event_session(const std::string& event_id, const std::string& session_id) {
    return guarded("delete_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::delete_event_session);  // its sign-ups cascade
        statement.use(session_id, "id").use(event_id, "event_id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

std::vector<ProgrammeSession> PostgresStore::event_programme(const std::string& event_id, const std::string& user_id) {
    return guarded("event_programme", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::event_programme);
        ProgrammeRow row;
        row.into(statement);
        statement.use(user_id, "user_id").use(event_id, "event_id");
        return read_all(statement, row);
    });
}

Status PostgresStore::set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                                       Timestamp at) {
    return guarded("set_session_signup", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        soci::session& connection = lease.sql();
        Transaction transaction(lease.sql());
        std::optional<std::optional<int>> capacity = capacity_in(connection, q::session_capacity, session_id);
        if (!capacity) return Error{ErrorCode::not_found, "no such session"};
        if (!going) {
            Statement remove(connection, q::delete_signup);
            remove.use(session_id, "session_id").use(user_id, "user_id");
            remove.run();
            transaction.commit();
            return ok_status();
        }
        int mine = 0;
        {
            Statement signed_up(connection, q::count_signup_of);
            signed_up.into(mine).use(session_id, "session_id").use(user_id, "user_id");
            signed_up.run();
        }
        if (mine > 0) return ok_status();  // already signed up: nothing changes
        if (*capacity) {
            int taken = 0;
            Statement count(connection, q::count_signups);
            count.into(taken).use(session_id, "session_id");
            count.run();
            if (taken >= **capacity) return Error{ErrorCode::conflict, "the session is full"};
        }
        const long long when = seconds(at);
        Statement insert(connection, q::insert_signup);
        insert.use(session_id, "session_id").use(user_id, "user_id").use(when, "at");
        insert.run();
        transaction.commit();
        return ok_status();
    });
}

// --- reminders --------------------------------------------------------------------------------------

ReminderSettings PostgresStore::reminder_settings(const std::string& user_id) {
    return guarded("reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::reminder_levels_of);
        ReminderLevelRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        std::vector<ReminderSettings> found = read_reminder_settings(statement, row);
        return found.empty() ? ReminderSettings{user_id} : found.front();
    });
}

void PostgresStore::put_reminder_settings(const ReminderSettings& settings) {
    guarded("put_reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease.sql());
        std::string level;
        int enabled = 0, minute_of_day = 0, weekday = 0;
        Statement put(lease.sql(), q::put_reminder_level);
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
        transaction.commit();
    });
}

std::vector<ReminderSettings> PostgresStore::list_active_reminder_settings() {
    return guarded("list_active_reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::active_reminder_levels);
        ReminderLevelRow row;
        row.into(statement);
        return read_reminder_settings(statement, row);
    });
}

bool PostgresStore::enqueue_reminder(const ReminderJob& job) {
    return guarded("enqueue_reminder", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string level(to_string(job.level));
        const long long due_at = seconds(job.due_at);
        Statement insert(lease.sql(), q::enqueue_reminder);
        insert.use(job.id, "id").use(job.user_id, "user_id").use(level, "level").use(job.period, "period");
        insert.use(due_at, "due_at");
        insert.run();
        return insert.affected_rows() > 0;
    });
}

std::vector<ReminderJob> PostgresStore::claim_reminders(const std::string& worker, Timestamp now, Timestamp lease_until,
                                                      int limit) {
    return guarded("claim_reminders", [&] {
        std::vector<ReminderJob> claimed;
        if (limit <= 0) return claimed;
        ConnectionPool::Lease lease(*connections_);
        const long long at = seconds(now), until = seconds(lease_until);
        // The chosen jobs stay locked to the commit; other claims pass them over.
        Transaction transaction(lease.sql());
        {
            Statement claim(lease.sql(), q::claim_reminders);
            ReminderJobRow row;
            row.into(claim);
            claim.use(worker, "worker").use(until, "lease_until").use(at, "now").use(limit, "limit");
            claimed = read_all(claim, row);
        }
        transaction.commit();
        std::sort(claimed.begin(), claimed.end(), [](const ReminderJob& a, const ReminderJob& b) {
            return std::tie(a.due_at, a.id) < std::tie(b.due_at, b.id);
        });
        return claimed;
    });
}

void PostgresStore::mark_reminder_sent(const std::string& job_id, Timestamp at) {
    guarded("mark_reminder_sent", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long when = seconds(at);
        Statement statement(lease.sql(), q::mark_reminder_sent);
        statement.use(when, "at").use(job_id, "id");
        statement.run();
    });
}

void PostgresStore::release_reminder(const std::string& job_id, Timestamp retry_at) {
    guarded("release_reminder", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long when = seconds(retry_at);
        Statement statement(lease.sql(), q::release_reminder);
        statement.use(when, "retry_at").use(job_id, "id");
        statement.run();
    });
}

std::vector<ReminderJob> PostgresStore::list_reminder_jobs(const std::string& user_id) {
    return guarded("list_reminder_jobs", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::list_reminder_jobs);
        ReminderJobRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- the calendar feed ----------------------------------------------------------------------------

std::optional<std::string> PostgresStore::calendar_token(const std::string& user_id) {
    return guarded("calendar_token", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        std::string token;
        Statement statement(lease.sql(), q::calendar_token_of);
        statement.into(token).use(user_id, "user_id");
        if (!statement.run()) return std::nullopt;
        return token;
    });
}

void PostgresStore::set_calendar_token(const std::string& user_id, const std::string& token) {
    guarded("set_calendar_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.sql(), q::put_calendar_token);
        statement.use(user_id, "user_id").use(token, "token");
        statement.run();
    });
}

std::optional<std::string> PostgresStore::user_of_calendar_token(const std::string& token) {
    return guarded("user_of_calendar_token", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        std::string user_id;
        Statement statement(lease.sql(), q::user_of_calendar_token);
        statement.into(user_id).use(token, "token");
        if (!statement.run()) return std::nullopt;
        return user_id;
    });
}

// --- organisation counts ----------------------------------------------------------------------

ParticipationCounts PostgresStore::participation(Day from, Day to) {
    return guarded("participation", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string first_day = format_day(from), last_day = format_day(to);
        const std::string first_week = format_week(week_of(from)), last_week = format_week(week_of(to));
        const std::string first_month = format_month(month_of(from)), last_month = format_month(month_of(to));
        const std::string first_quarter = format_quarter(quarter_of(from)),
                          last_quarter = format_quarter(quarter_of(to));
        ParticipationCounts counts;
        Statement statement(lease.sql(), q::participation);
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

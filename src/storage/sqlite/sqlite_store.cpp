// The SQLite store (see sqlite_store.hpp). Every public method takes a connection from the
// pool for its own duration; several statements that belong together run in one
// transaction. Statements are the named constants of sqlite_queries.hpp.
#include "storage/sqlite/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "storage/row_mapping.hpp"
#include "storage/sqlite/search_expression.hpp"
#include "storage/sqlite/search_index.hpp"
#include "storage/sqlite/sqlite_connection.hpp"
#include "storage/sqlite/sqlite_library.hpp"
#include "storage/sqlite/sqlite_queries.hpp"

namespace ritme::storage {

namespace q = queries;
using nlohmann::json;
using sqlite::Connection;
using sqlite::ConnectionPool;
using sqlite::fail_corrupt;
using sqlite::guarded;
using sqlite::IndexedEntry;
using sqlite::Statement;
using sqlite::Transaction;

namespace {

using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

// --- values between the domain and the columns ---------------------------------------

// Open-ended ranges are bound as these, so the (user_id, day) key still bounds the scan.
const std::string earliest_day = "0000-00-00";
const std::string after_every_day = "9999-99-99";

json comment_json(const ContractComment& comment) {
    return {{"by", comment.by}, {"comment", comment.comment}, {"agree", comment.agree}, {"at", seconds(comment.at)}};
}

std::string discussion_json(const std::vector<ContractComment>& discussion) {
    json list = json::array();
    for (const ContractComment& comment : discussion) list.push_back(comment_json(comment));
    return dump(list);
}

// What a comment by `user_id` looks like inside discussion JSON, to find the contracts a
// person commented on without reading every contract.
std::string comment_by_needle(const std::string& user_id) {
    return "\"by\":" + dump(json(user_id));
}

// --- reading rows -------------------------------------------------------------------------

// A diary entry as stored: the entry, its day as text, and its row in diary_search.
struct StoredEntry {
    DiaryEntry entry;
    std::string day;
    long long search_id = 0;
};

struct DiaryRow {
    std::string user_id;  // set by the reader: every query is about one person
    std::string day, learning_moments, handling, key_learning;
    int shared_with_peer = 0, minutes = 0;
    long long search_id = 0, created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(day).into(learning_moments).into(handling).into(key_learning).into(shared_with_peer);
        statement.into(minutes).into(search_id).into(created_at).into(updated_at);
    }
    StoredEntry value() const {
        StoredEntry stored_entry;
        DiaryEntry& entry = stored_entry.entry;
        entry.user_id = user_id;
        entry.day = stored(parse_day(day), "day");
        entry.learning_moments = learning_moments;
        entry.handling = handling;
        entry.key_learning = key_learning;
        entry.shared_with_peer = shared_with_peer != 0;
        entry.minutes = minutes;
        entry.created_at = instant(created_at);
        entry.updated_at = instant(updated_at);
        stored_entry.day = day;
        stored_entry.search_id = search_id;
        return stored_entry;
    }
};

// --- the diary ------------------------------------------------------------------------------

// Fills in the competencies and tags of one person's `entries` with a single query over
// the days they span (rows of days in between that are not in `entries` are skipped).
void load_children(Connection& connection, const std::string& user_id, std::vector<StoredEntry>& entries) {
    if (entries.empty()) return;
    auto [earliest, latest] = std::minmax_element(
        entries.begin(), entries.end(), [](const StoredEntry& a, const StoredEntry& b) { return a.day < b.day; });
    const std::string& first = earliest->day;  // `entries` keeps its shape from here on
    const std::string& last = latest->day;
    std::unordered_map<std::string_view, DiaryEntry*> by_day;
    by_day.reserve(entries.size());
    for (StoredEntry& stored_entry : entries) by_day.emplace(stored_entry.day, &stored_entry.entry);

    std::string day, value;
    int kind = 0, position = 0;
    Statement children(connection, q::diary_entry_children);
    children.into(day).into(kind).into(position).into(value);
    children.use(user_id, "user_id").use(first, "first").use(last, "last");
    if (!children.run()) return;
    do {
        auto found = by_day.find(day);
        if (found == by_day.end()) continue;
        // The next row assigns `value` afresh, so its text may move.
        (kind == 0 ? found->second->competency_ids : found->second->tags).push_back(std::move(value));
    } while (children.next());
}

std::optional<StoredEntry> read_entry(Connection& connection, const std::string& user_id, const std::string& day) {
    Statement statement(connection, q::find_diary_entry);
    DiaryRow row;
    row.user_id = user_id;
    row.into(statement);
    statement.use(user_id, "user_id").use(day, "day");
    std::optional<StoredEntry> found = read_one(statement, row);
    if (!found) return std::nullopt;
    std::vector<StoredEntry> one{std::move(*found)};
    load_children(connection, user_id, one);
    return std::move(one.front());
}

// The statements that write diary entries, prepared once and run for as many entries as
// one transaction holds (one for put, thousands for an import).
class DiaryWriter {
public:
    explicit DiaryWriter(Connection& connection)
        : find_(connection, q::find_diary_entry),
          old_tags_(connection, q::tags_of_diary_entry),
          unindex_(connection, q::unindex_diary_entry),
          index_new_(connection, q::index_new_diary_entry),
          last_rowid_(connection, q::last_insert_rowid),
          index_(connection, q::index_diary_entry),
          insert_(connection, q::insert_diary_entry),
          replace_(connection, q::replace_diary_entry),
          delete_(connection, q::delete_diary_entry),
          delete_competencies_(connection, q::delete_diary_entry_competencies),
          delete_tags_(connection, q::delete_diary_entry_tags),
          insert_competency_(connection, q::insert_diary_entry_competency),
          insert_tag_(connection, q::insert_diary_entry_tag) {
        old_.into(find_);
        find_.use(user_id_, "user_id").use(day_, "day");
        old_tags_.into(child_).use(user_id_, "user_id").use(day_, "day");
        unindex_.use(old_.search_id, "search_id");
        old_indexed_.use(unindex_);
        indexed_.use(index_new_);
        last_rowid_.into(indexed_.search_id);
        index_.use(indexed_.search_id, "search_id");
        indexed_.use(index_);
        for (Statement* write : {&insert_, &replace_}) {
            write->use(user_id_, "user_id").use(day_, "day").use(entry_.learning_moments, "learning_moments");
            write->use(entry_.handling, "handling").use(entry_.key_learning, "key_learning");
            write->use(shared_with_peer_, "shared_with_peer").use(entry_.minutes, "minutes");
            write->use(indexed_.search_id, "search_id").use(created_at_, "created_at").use(updated_at_, "updated_at");
        }
        for (Statement* remove : {&delete_, &delete_competencies_, &delete_tags_}) {
            remove->use(user_id_, "user_id").use(day_, "day");
        }
        insert_competency_.use(user_id_, "user_id").use(day_, "day").use(position_, "position");
        insert_competency_.use(child_, "competency_id");
        insert_tag_.use(user_id_, "user_id").use(day_, "day").use(position_, "position").use(child_, "tag");
    }

    // Writes `entry`, replacing the entry of that day if there is one (and then keeping its
    // created_at when `keep_created_at`).
    Store::PutDiaryResult write(const DiaryEntry& entry, bool keep_created_at) {
        const bool replacing = look_up(entry.user_id, entry.day);
        entry_ = entry;
        created_at_ = replacing && keep_created_at ? old_.created_at : seconds(entry.created_at);
        updated_at_ = seconds(entry.updated_at);
        shared_with_peer_ = flag(entry.shared_with_peer);
        indexed_.set(mark_, entry.learning_moments, entry.handling, entry.key_learning, entry.tags);
        if (replacing) {
            unindex_.run();
            indexed_.search_id = old_.search_id;  // the entry keeps its row in the index
            index_.run();
            replace_.run();
            delete_competencies_.run();
            delete_tags_.run();
        } else {
            index_new_.run();
            last_rowid_.run();
            insert_.run();
        }
        write_children(insert_competency_, entry.competency_ids);
        write_children(insert_tag_, entry.tags);

        Store::PutDiaryResult result{entry, !replacing};
        result.entry.created_at = instant(created_at_);
        return result;
    }

    // Removes the entry of that day, if any, from the diary and the search index.
    bool erase(const std::string& user_id, Day day) {
        if (!look_up(user_id, day)) return false;
        unindex_.run();
        delete_.run();  // its competencies and tags go with it (ON DELETE CASCADE)
        return true;
    }

private:
    // Reads the entry of that day as stored (into old_), and what its search row holds.
    bool look_up(const std::string& user_id, Day day) {
        user_id_ = user_id;
        mark_ = search_mark(user_id);
        day_ = format_day(day);
        if (!find_.run()) return false;
        std::vector<std::string> tags;
        if (old_tags_.run()) {
            do {
                tags.push_back(child_);
            } while (old_tags_.next());
        }
        old_indexed_.set(mark_, old_.learning_moments, old_.handling, old_.key_learning, tags);
        return true;
    }

    void write_children(Statement& insert, const std::vector<std::string>& values) {
        for (std::size_t i = 0; i < values.size(); ++i) {
            position_ = static_cast<int>(i);
            child_ = values[i];
            insert.run();
        }
    }

    // Bound variables first: the statements below refer to them.
    std::string user_id_, mark_, day_, child_;
    DiaryEntry entry_;
    int shared_with_peer_ = 0, position_ = 0;
    long long created_at_ = 0, updated_at_ = 0;
    DiaryRow old_;
    IndexedEntry old_indexed_, indexed_;

    Statement find_, old_tags_, unindex_, index_new_, last_rowid_, index_, insert_, replace_, delete_,
        delete_competencies_, delete_tags_, insert_competency_, insert_tag_;
};

// Takes a person's comments out of the discussions of other people's contracts.
void remove_comments_by(Connection& connection, const std::string& user_id) {
    struct Discussed {
        std::string user_id, quarter, discussion;
        int revision = 0;
    };
    std::vector<Discussed> discussed;
    {
        const std::string needle = comment_by_needle(user_id);
        Discussed row;
        Statement contracts(connection, q::contracts_discussed_by);
        contracts.into(row.user_id).into(row.quarter).into(row.revision).into(row.discussion).use(needle, "needle");
        if (contracts.run()) {
            do {
                discussed.push_back(row);
            } while (contracts.next());
        }
    }
    Discussed current;
    Statement update(connection, q::set_contract_discussion);
    update.use(current.discussion, "discussion").use(current.user_id, "user_id").use(current.quarter, "quarter");
    update.use(current.revision, "revision");
    for (Discussed& contract : discussed) {
        std::vector<ContractComment> discussion = discussion_of(contract.discussion);
        auto by_person = [&](const ContractComment& comment) { return comment.by == user_id; };
        if (std::none_of(discussion.begin(), discussion.end(), by_person)) continue;  // mentioned in a comment only
        std::erase_if(discussion, by_person);
        current = std::move(contract);
        current.discussion = discussion_json(discussion);
        update.run();
    }
}

// The person's peer as users.peer_id has it ("" when none).
std::string peer_in(Connection& connection, const std::string& user_id) {
    std::string peer;
    soci::indicator indicator = soci::i_null;
    Statement statement(connection, q::peer_of);
    statement.into(peer, indicator).use(user_id, "id");
    if (!statement.run() || indicator != soci::i_ok) return {};
    return peer;
}

bool user_exists(Connection& connection, const std::string& user_id) {
    int count = 0;
    Statement statement(connection, q::count_users_with_id);
    statement.into(count).use(user_id, "id");
    statement.run();
    return count > 0;
}

// Ends the person's pair inside the caller's write transaction (see Store::end_pair).
bool end_pair_in(Connection& connection, const std::string& user_id, Timestamp at) {
    const std::string peer = peer_in(connection, user_id);
    if (peer.empty()) return false;
    const long long ended_at = seconds(at);
    for (const char* query : {q::unshare_diary_entries, q::unshare_weekly_reviews, q::unshare_contracts,
                              q::delete_openings_of_pair, q::clear_peers}) {
        Statement statement(connection, query);
        statement.use(user_id, "a").use(peer, "b");
        statement.run();
    }
    Statement end(connection, q::end_peer_pairs);
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

}  // namespace

// --- opening ------------------------------------------------------------------------------

namespace {

void prepare_directory(const std::string& path) {
    if (path.empty() || path == ":memory:") {
        throw StoreFailure("sqlite store: needs a database file path (an in-memory database can't be shared)");
    }
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ignored;  // if this fails, opening the file says why
    std::filesystem::create_directories(parent, ignored);
}

}  // namespace

void migrate_sqlite(const std::string& path) {
    sqlite::configure_library();
    prepare_directory(path);
    soci::session sql;
    sqlite::open_connection(sql, path);
    sqlite::apply_migrations(sql);
}

std::unique_ptr<SqliteStore> SqliteStore::open(const std::string& path, std::size_t connections) {
    sqlite::configure_library();
    prepare_directory(path);
    auto pool = std::make_unique<ConnectionPool>(std::max<std::size_t>(connections, 1));
    sqlite::open_connection(pool->session(0), path);
    sqlite::apply_migrations(pool->session(0));
    for (std::size_t i = 1; i < pool->size(); ++i) sqlite::open_connection(pool->session(i), path);
    sqlite::open_connection(pool->batch_writer_session(), path);
    return std::unique_ptr<SqliteStore>(new SqliteStore(std::move(pool)));
}

SqliteStore::SqliteStore(std::unique_ptr<ConnectionPool> connections) : connections_(std::move(connections)) {}
SqliteStore::~SqliteStore() = default;

int SqliteStore::schema_version() {
    return guarded("schema_version", [&] {
        ConnectionPool::Lease lease(*connections_);
        return sqlite::schema_version(lease.sql());
    });
}

std::vector<SqliteConnectionSettings> SqliteStore::connection_settings() {
    return guarded("connection_settings", [&] {
        // Holding every connection at once makes sure each one is asked.
        std::vector<std::unique_ptr<ConnectionPool::Lease>> leases;
        std::vector<SqliteConnectionSettings> settings;
        for (std::size_t i = 0; i < connections_->size(); ++i) {
            soci::session& sql = leases.emplace_back(std::make_unique<ConnectionPool::Lease>(*connections_))->sql();
            SqliteConnectionSettings connection;
            sql << q::journal_mode, soci::into(connection.journal_mode);
            sql << q::synchronous, soci::into(connection.synchronous);
            sql << q::busy_timeout, soci::into(connection.busy_timeout);
            sql << q::foreign_keys, soci::into(connection.foreign_keys);
            settings.push_back(connection);
        }
        return settings;
    });
}

bool SqliteStore::ping() {
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

std::optional<std::string> SqliteStore::setting(const std::string& key) {
    return guarded("setting", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        std::string value;
        sql << q::find_setting, soci::use(key, "key"), soci::into(value);
        if (!sql.got_data()) return std::nullopt;
        return value;
    });
}

void SqliteStore::set_setting(const std::string& key, const std::string& value) {
    guarded("set_setting", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        sql << q::put_setting, soci::use(key, "key"), soci::use(value, "value");
    });
}

void SqliteStore::delete_setting(const std::string& key) {
    guarded("delete_setting", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        sql << q::delete_setting, soci::use(key, "key");
    });
}

std::vector<std::pair<std::string, std::string>> SqliteStore::list_settings() {
    return guarded("list_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        std::pair<std::string, std::string> row;
        Statement statement(lease.connection(), q::list_settings);
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

int SqliteStore::count_users() {
    return guarded("count_users", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        int count = 0;
        sql << q::count_users, soci::into(count);
        return count;
    });
}

int SqliteStore::count_admins() {
    return guarded("count_admins", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        int count = 0;
        sql << q::count_admins, soci::into(count);
        return count;
    });
}

Result<User> SqliteStore::create_user(const NewUser& user) {
    return insert_user(user, user.role, false);
}

Result<User> SqliteStore::create_first_admin(const NewUser& user) {
    return insert_user(user, Role::admin, true);
}

Result<User> SqliteStore::insert_user(const NewUser& user, Role role, bool only_while_no_admin) {
    return guarded("create_user", [&]() -> Result<User> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        // One writer at a time: the checks below still hold when the insert runs.
        Transaction transaction(lease, Transaction::Kind::write);
        if (only_while_no_admin) {
            int admins = 0;
            sql << q::count_admins, soci::into(admins);
            if (admins > 0) return Error{ErrorCode::conflict, "an administrator already exists"};
        }
        const std::string email = lower_ascii(user.email);
        int taken = 0;
        sql << q::count_users_with_email, soci::use(email, "email"), soci::into(taken);
        if (taken > 0) return Error{ErrorCode::conflict, "this e-mail address is already in use", "email"};

        User created = user_of(user, email, role);
        const std::string role_name(to_string(role));
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(created.workdays));
        const long long created_at = seconds(user.created_at);
        sql << q::insert_user, soci::use(user.id, "id"), soci::use(email, "email"), soci::use(user.name, "name"),
            soci::use(role_name, "role"), soci::use(locale_name, "locale"), soci::use(user.timezone, "timezone"),
            soci::use(workdays, "workdays"), soci::use(user.password_hash, "password_hash"),
            soci::use(created_at, "created_at");
        transaction.commit();
        return created;
    });
}

std::optional<User> SqliteStore::find_user(const std::string& id) {
    return guarded("find_user", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_user);
        UserRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

std::optional<User> SqliteStore::find_user_by_email(const std::string& email) {
    return guarded("find_user_by_email", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string lowered = lower_ascii(email);
        Statement statement(lease.connection(), q::find_user_by_email);
        UserRow row;
        row.into(statement);
        statement.use(lowered, "email");
        return read_one(statement, row);
    });
}

std::optional<std::string> SqliteStore::password_hash(const std::string& user_id) {
    return guarded("password_hash", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        std::string hash;
        sql << q::find_password_hash, soci::use(user_id, "id"), soci::into(hash);
        if (!sql.got_data()) return std::nullopt;
        return hash;
    });
}

void SqliteStore::update_profile(const User& user) {
    guarded("update_profile", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const std::string locale_name(to_string(user.locale));
        const std::string workdays = dump(json(user.workdays));
        sql << q::update_profile, soci::use(user.name, "name"), soci::use(locale_name, "locale"),
            soci::use(user.timezone, "timezone"), soci::use(workdays, "workdays"), soci::use(user.id, "id");
    });
}

void SqliteStore::set_password_hash(const std::string& user_id, const std::string& hash) {
    guarded("set_password_hash", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        sql << q::set_password_hash, soci::use(hash, "password_hash"), soci::use(user_id, "id");
    });
}

void SqliteStore::delete_user(const std::string& user_id) {
    guarded("delete_user", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(lease, Transaction::Kind::write);
        sqlite::unindex_entries_of(lease.connection(), user_id);
        remove_comments_by(lease.connection(), user_id);
        // Nothing stays shared between them and their peer. The pair's row goes with them
        // (ON DELETE CASCADE), so when it ended is never read.
        end_pair_in(lease.connection(), user_id, Timestamp{});
        sql << q::end_pairings_with, soci::use(user_id, "id");
        sql << q::orphan_events_of, soci::use(user_id, "id");
        // Their invitations, answers, sign-ups, openings, reminders and calendar secret go
        // with them through ON DELETE CASCADE.
        sql << q::delete_user, soci::use(user_id, "id");
        transaction.commit();
    });
}

std::vector<User> SqliteStore::list_users() {
    return guarded("list_users", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_users);
        UserRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

// --- sessions and access tokens -----------------------------------------------------------

void SqliteStore::create_session(const Session& session) {
    guarded("create_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const long long created_at = seconds(session.created_at);
        const long long expires_at = seconds(session.expires_at);
        sql << q::insert_session, soci::use(session.token_hash, "token_hash"), soci::use(session.user_id, "user_id"),
            soci::use(session.csrf_token, "csrf_token"), soci::use(created_at, "created_at"),
            soci::use(expires_at, "expires_at");
    });
}

std::optional<Session> SqliteStore::find_session(const std::string& token_hash) {
    return guarded("find_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_session);
        SessionRow row;
        row.into(statement);
        statement.use(token_hash, "token_hash");
        return read_one(statement, row);
    });
}

std::vector<Session> SqliteStore::list_sessions() {
    return guarded("list_sessions", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_sessions);
        SessionRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

void SqliteStore::delete_session(const std::string& token_hash) {
    guarded("delete_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        sql << q::delete_session, soci::use(token_hash, "token_hash");
    });
}

void SqliteStore::delete_expired_sessions(Timestamp now) {
    guarded("delete_expired_sessions", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const long long at = seconds(now);
        sql << q::delete_expired_sessions, soci::use(at, "now");
    });
}

void SqliteStore::create_access_token(const AccessToken& token) {
    guarded("create_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const long long created_at = seconds(token.created_at);
        sql << q::insert_access_token, soci::use(token.id, "id"), soci::use(token.user_id, "user_id"),
            soci::use(token.name, "name"), soci::use(token.token_hash, "token_hash"),
            soci::use(created_at, "created_at");
    });
}

std::optional<AccessToken> SqliteStore::find_access_token(const std::string& token_hash) {
    return guarded("find_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_access_token);
        AccessTokenRow row;
        row.into(statement);
        statement.use(token_hash, "token_hash");
        return read_one(statement, row);
    });
}

std::vector<AccessToken> SqliteStore::list_access_tokens(const std::string& user_id) {
    return guarded("list_access_tokens", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_access_tokens);
        AccessTokenRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

bool SqliteStore::delete_access_token(const std::string& user_id, const std::string& token_id) {
    return guarded("delete_access_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::delete_access_token);
        statement.use(user_id, "user_id").use(token_id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

// --- login throttling ---------------------------------------------------------------------

void SqliteStore::record_login_failure(const std::string& key, Timestamp at) {
    guarded("record_login_failure", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const long long when = seconds(at);
        sql << q::insert_login_failure, soci::use(key, "key"), soci::use(when, "at");
    });
}

std::vector<Timestamp> SqliteStore::login_failures_since(const std::string& key, Timestamp since) {
    return guarded("login_failures_since", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long from = seconds(since);
        long long at = 0;
        Statement statement(lease.connection(), q::login_failures_since);
        statement.into(at).use(key, "key").use(from, "since");
        std::vector<Timestamp> failures;
        if (!statement.run()) return failures;
        do {
            failures.push_back(instant(at));
        } while (statement.next());
        return failures;
    });
}

void SqliteStore::clear_login_failures(const std::string& key) {
    guarded("clear_login_failures", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        sql << q::clear_login_failures, soci::use(key, "key");
    });
}

// --- competencies ---------------------------------------------------------------------------

std::vector<Competency> SqliteStore::list_competencies() {
    return guarded("list_competencies", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_competencies);
        CompetencyRow row;
        row.into(statement);
        return read_all(statement, row);
    });
}

std::optional<Competency> SqliteStore::find_competency(const std::string& id) {
    return guarded("find_competency", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_competency);
        CompetencyRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

namespace {

bool competency_name_taken(soci::session& sql, const std::string& name) {
    int taken = 0;
    sql << q::count_competencies_named, soci::use(name, "name"), soci::into(taken);
    return taken > 0;
}

bool name_taken_by_another(soci::session& sql, const Competency& competency) {
    int taken = 0;
    sql << q::count_other_competencies_named, soci::use(competency.name, "name"), soci::use(competency.id, "id"),
        soci::into(taken);
    return taken > 0;
}

Error competency_name_conflict() {
    return Error{ErrorCode::conflict, "a competency with this name already exists", "name"};
}

}  // namespace

Result<Competency> SqliteStore::create_competency(const Competency& competency) {
    return guarded("create_competency", [&]() -> Result<Competency> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(lease, Transaction::Kind::write);
        if (competency_name_taken(sql, competency.name)) return competency_name_conflict();
        const int archived = flag(competency.archived);
        sql << q::insert_competency, soci::use(competency.id, "id"), soci::use(competency.name, "name"),
            soci::use(competency.description, "description"), soci::use(archived, "archived");
        transaction.commit();
        return competency;
    });
}

Result<Competency> SqliteStore::update_competency(const Competency& competency) {
    return guarded("update_competency", [&]() -> Result<Competency> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(lease, Transaction::Kind::write);
        int known = 0;
        sql << q::count_competencies_with_id, soci::use(competency.id, "id"), soci::into(known);
        if (known == 0) return Error{ErrorCode::not_found, "no such competency"};
        if (name_taken_by_another(sql, competency)) return competency_name_conflict();
        const int archived = flag(competency.archived);
        sql << q::update_competency, soci::use(competency.name, "name"),
            soci::use(competency.description, "description"), soci::use(archived, "archived"),
            soci::use(competency.id, "id");
        transaction.commit();
        return competency;
    });
}

// --- daily ----------------------------------------------------------------------------------

std::optional<DiaryEntry> SqliteStore::find_diary_entry(const std::string& user_id, Day day) {
    return guarded("find_diary_entry", [&]() -> std::optional<DiaryEntry> {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql, Transaction::Kind::read);  // the entry and its lists together
        std::optional<StoredEntry> found = read_entry(lease.connection(), user_id, format_day(day));
        transaction.commit();
        if (!found) return std::nullopt;
        return std::move(found->entry);
    });
}

Store::PutDiaryResult SqliteStore::put_diary_entry(const DiaryEntry& entry) {
    return guarded("put_diary_entry", [&] {
        PutDiaryResult result;
        connections_->write_together([&](Connection& connection) {
            DiaryWriter writer(connection);
            result = writer.write(entry, true);
        });
        return result;
    });
}

bool SqliteStore::delete_diary_entry(const std::string& user_id, Day day) {
    return guarded("delete_diary_entry", [&] {
        bool deleted = false;
        connections_->write_together([&](Connection& connection) {
            DiaryWriter writer(connection);
            deleted = writer.erase(user_id, day);
        });
        return deleted;
    });
}

bool SqliteStore::maintain() {
    return guarded("maintain", [&] {
        bool more = false;
        connections_->write_together([&](Connection& connection) {
            soci::session& sql = connection.sql();
            long long before = 0;
            long long after = 0;
            sql << q::total_changes, soci::into(before);
            sql << q::merge_diary_search;
            sql << q::total_changes, soci::into(after);
            more = after - before >= 2;  // FTS5's sign that a merge step found work
        });
        return more;
    });
}

void SqliteStore::import_diary_entries(const std::vector<DiaryEntry>& entries) {
    guarded("import_diary_entries", [&] {
        if (entries.empty()) return;
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease, Transaction::Kind::write);
        {
            DiaryWriter writer(lease.connection());
            for (const DiaryEntry& entry : entries) (void)writer.write(entry, false);
        }
        transaction.commit();
    });
}

DiaryPage SqliteStore::list_diary_entries(const DiaryQuery& query) {
    return guarded("list_diary_entries", [&] {
        const int page_size = std::clamp(query.limit, 1, 200);
        const int limit = page_size + 1;  // one more tells whether another page follows
        const std::string from = query.from ? format_day(*query.from) : earliest_day;
        const std::string to = query.to ? format_day(*query.to) : after_every_day;
        const std::string before = query.before ? format_day(*query.before) : after_every_day;
        const int shared_only = flag(query.shared_only);
        // Text without a single word in it searches for nothing in particular.
        const std::string match = diary_search_expression(query.user_id, query.text);

        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        Transaction transaction(sql, Transaction::Kind::read);  // entries and their lists together
        std::vector<StoredEntry> entries;
        {
            Statement statement(lease.connection(), match.empty() ? q::list_diary_entries : q::search_diary_entries);
            DiaryRow row;
            row.user_id = query.user_id;
            row.into(statement);
            statement.use(query.user_id, "user_id").use(from, "from").use(to, "to").use(before, "before");
            statement.use(shared_only, "shared_only").use(query.competency_id, "competency_id");
            statement.use(query.tag, "tag").use(limit, "limit");
            if (!match.empty()) statement.use(match, "match");
            entries.reserve(static_cast<std::size_t>(limit));
            if (statement.run()) {
                do {
                    entries.push_back(row.value());
                } while (statement.next());
            }
        }
        DiaryPage page;
        if (entries.size() > static_cast<std::size_t>(page_size)) {
            entries.resize(static_cast<std::size_t>(page_size));
            page.next_before = entries.back().entry.day;
        }
        load_children(lease.connection(), query.user_id, entries);
        transaction.commit();

        page.entries.reserve(entries.size());
        for (StoredEntry& stored_entry : entries) page.entries.push_back(std::move(stored_entry.entry));
        return page;
    });
}

std::vector<Day> SqliteStore::diary_days(const std::string& user_id, Day from, Day to) {
    return guarded("diary_days", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string first = format_day(from);
        const std::string last = format_day(to);
        std::string joined;
        Statement statement(lease.connection(), q::diary_days);
        statement.into(joined).use(user_id, "user_id").use(first, "from").use(last, "to");
        statement.run();
        return days_of_list(joined);
    });
}

// --- weekly ---------------------------------------------------------------------------------

std::optional<WeeklyReview> SqliteStore::find_weekly_review(const std::string& user_id, IsoWeek week) {
    return guarded("find_weekly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string week_text = format_week(week);
        Statement statement(lease.connection(), q::find_weekly_review);
        WeeklyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(week_text, "week");
        return read_one(statement, row);
    });
}

WeeklyReview SqliteStore::put_weekly_review(const WeeklyReview& review) {
    return guarded("put_weekly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const std::string week = format_week(review.week);
        const int held = flag(review.peer_meeting.held);
        const std::string meeting_day = day_text(review.peer_meeting.day).value_or("");
        soci::indicator meeting_day_indicator = review.peer_meeting.day ? soci::i_ok : soci::i_null;
        const std::string deadline = day_text(review.plan.deadline).value_or("");
        soci::indicator deadline_indicator = review.plan.deadline ? soci::i_ok : soci::i_null;
        const int shared = flag(review.shared_with_peer);
        const long long updated_at = seconds(review.updated_at);

        Transaction transaction(lease, Transaction::Kind::write);
        long long created_at = seconds(review.created_at);
        sql << q::weekly_review_created_at, soci::use(review.user_id, "user_id"), soci::use(week, "week"),
            soci::into(created_at);  // left as it is when there is no such row
        Statement put(lease.connection(), q::put_weekly_review);
        put.use(review.user_id, "user_id").use(week, "week").use(held, "peer_meeting_held");
        put.use(meeting_day, meeting_day_indicator, "peer_meeting_day");
        put.use(review.peer_meeting.notes, "peer_meeting_notes").use(review.plan.competency_id, "plan_competency_id");
        put.use(review.plan.situation, "plan_situation").use(review.plan.approach, "plan_approach");
        put.use(review.plan.measure, "plan_measure").use(deadline, deadline_indicator, "plan_deadline");
        put.use(review.act, "act").use(shared, "shared_with_peer").use(created_at, "created_at");
        put.use(updated_at, "updated_at");
        put.run();
        transaction.commit();

        WeeklyReview stored_review = review;
        stored_review.created_at = instant(created_at);
        return stored_review;
    });
}

std::vector<WeeklyReview> SqliteStore::list_weekly_reviews(const std::string& user_id) {
    return guarded("list_weekly_reviews", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_weekly_reviews);
        WeeklyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- monthly --------------------------------------------------------------------------------

std::optional<MonthlyReflection> SqliteStore::find_monthly_reflection(const std::string& user_id, Month month) {
    return guarded("find_monthly_reflection", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string month_text = format_month(month);
        Statement statement(lease.connection(), q::find_monthly_reflection);
        MonthlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(month_text, "month");
        return read_one(statement, row);
    });
}

MonthlyReflection SqliteStore::put_monthly_reflection(const MonthlyReflection& reflection) {
    return guarded("put_monthly_reflection", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const std::string month = format_month(reflection.month);
        const std::string focus = ids_json(reflection.focus_competency_ids);
        const std::string progress = goal_progress_json(reflection.goal_progress);
        const int attended = flag(reflection.sol_meeting_attended);
        const long long updated_at = seconds(reflection.updated_at);

        Transaction transaction(lease, Transaction::Kind::write);
        long long created_at = seconds(reflection.created_at);
        sql << q::monthly_reflection_created_at, soci::use(reflection.user_id, "user_id"), soci::use(month, "month"),
            soci::into(created_at);
        Statement put(lease.connection(), q::put_monthly_reflection);
        put.use(reflection.user_id, "user_id").use(month, "month").use(focus, "focus_competency_ids");
        put.use(reflection.went_well, "went_well").use(reflection.could_be_better, "could_be_better");
        put.use(reflection.approach, "approach").use(progress, "goal_progress");
        put.use(attended, "sol_meeting_attended").use(created_at, "created_at").use(updated_at, "updated_at");
        put.run();
        transaction.commit();

        MonthlyReflection stored_reflection = reflection;
        stored_reflection.created_at = instant(created_at);
        return stored_reflection;
    });
}

std::vector<MonthlyReflection> SqliteStore::list_monthly_reflections(const std::string& user_id) {
    return guarded("list_monthly_reflections", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_monthly_reflections);
        MonthlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- quarterly ------------------------------------------------------------------------------

std::optional<LearningContract> SqliteStore::find_learning_contract(const std::string& user_id, Quarter quarter) {
    return guarded("find_learning_contract", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(lease.connection(), q::find_current_contract);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(quarter_text, "quarter");
        return read_one(statement, row);
    });
}

LearningContract SqliteStore::put_learning_contract(const LearningContract& contract) {
    return guarded("put_learning_contract", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
        const std::string quarter = format_quarter(contract.quarter);
        const std::string competency_ids = ids_json(contract.competency_ids);
        const std::string goals = goals_json(contract.goals);
        const std::string status(to_string(contract.status));
        const std::string discussion = discussion_json(contract.discussion);
        const int shared = flag(contract.shared_with_peer);
        const long long updated_at = seconds(contract.updated_at);

        Transaction transaction(lease, Transaction::Kind::write);
        long long created_at = seconds(contract.created_at);
        sql << q::contract_revision_created_at, soci::use(contract.user_id, "user_id"), soci::use(quarter, "quarter"),
            soci::use(contract.revision, "revision"), soci::into(created_at);
        Statement put(lease.connection(), q::put_contract_revision);
        put.use(contract.user_id, "user_id").use(quarter, "quarter").use(contract.revision, "revision");
        put.use(contract.where_from, "where_from").use(contract.where_now, "where_now").use(contract.aims, "aims");
        put.use(contract.approach, "approach").use(contract.evidence, "evidence");
        put.use(competency_ids, "competency_ids").use(goals, "goals").use(status, "status");
        put.use(shared, "shared_with_peer").use(discussion, "discussion").use(created_at, "created_at");
        put.use(updated_at, "updated_at");
        put.run();
        transaction.commit();

        LearningContract stored_contract = contract;
        stored_contract.created_at = instant(created_at);
        return stored_contract;
    });
}

std::vector<LearningContract> SqliteStore::list_contract_revisions(const std::string& user_id, Quarter quarter) {
    return guarded("list_contract_revisions", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string quarter_text = format_quarter(quarter);
        Statement statement(lease.connection(), q::list_contract_revisions);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(quarter_text, "quarter");
        return read_all(statement, row);
    });
}

std::vector<LearningContract> SqliteStore::list_learning_contracts(const std::string& user_id) {
    return guarded("list_learning_contracts", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_current_contracts);
        ContractRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- yearly ---------------------------------------------------------------------------------

std::optional<YearlyReview> SqliteStore::find_yearly_review(const std::string& user_id, Year year) {
    return guarded("find_yearly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_yearly_review);
        YearlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id").use(year.number, "year");
        return read_one(statement, row);
    });
}

YearlyReview SqliteStore::put_yearly_review(const YearlyReview& review) {
    return guarded("put_yearly_review", [&] {
        ConnectionPool::Lease lease(*connections_);
        soci::session& sql = lease.sql();
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

        Transaction transaction(lease, Transaction::Kind::write);
        long long created_at = seconds(review.created_at);
        sql << q::yearly_review_created_at, soci::use(review.user_id, "user_id"), soci::use(review.year.number, "year"),
            soci::into(created_at);
        Statement put(lease.connection(), q::put_yearly_review);
        put.use(review.user_id, "user_id").use(review.year.number, "year");
        put.use(challenging, challenging_indicator, "challenging").use(inspiring, inspiring_indicator, "inspiring");
        put.use(rewarding, rewarding_indicator, "rewarding").use(next_step, next_step_indicator, "next_step");
        put.use(review.notes, "notes").use(created_at, "created_at").use(updated_at, "updated_at");
        put.run();
        transaction.commit();

        YearlyReview stored_review = review;
        stored_review.created_at = instant(created_at);
        return stored_review;
    });
}

std::vector<YearlyReview> SqliteStore::list_yearly_reviews(const std::string& user_id) {
    return guarded("list_yearly_reviews", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_yearly_reviews);
        YearlyRow row;
        row.user_id = user_id;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- the fixed colleague (peer) ---------------------------------------------------------------

Result<PeerInvitation> SqliteStore::create_peer_invitation(const PeerInvitation& invitation) {
    return guarded("create_peer_invitation", [&]() -> Result<PeerInvitation> {
        if (invitation.from_user_id == invitation.to_user_id) {
            return validation_error("email", "one cannot be one's own fixed colleague");
        }
        ConnectionPool::Lease lease(*connections_);
        Connection& connection = lease.connection();
        Transaction transaction(lease, Transaction::Kind::write);  // the checks hold until the insert
        if (!user_exists(connection, invitation.from_user_id) || !user_exists(connection, invitation.to_user_id)) {
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

std::optional<PeerInvitation> SqliteStore::find_peer_invitation(const std::string& id) {
    return guarded("find_peer_invitation", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_peer_invitation);
        InvitationRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

std::vector<PeerInvitation> SqliteStore::list_peer_invitations(const std::string& user_id) {
    return guarded("list_peer_invitations", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_peer_invitations);
        InvitationRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

bool SqliteStore::delete_peer_invitation(const std::string& id) {
    return guarded("delete_peer_invitation", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::delete_peer_invitation);
        statement.use(id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

Status SqliteStore::accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) {
    return guarded("accept_peer_invitation", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        Connection& connection = lease.connection();
        Transaction transaction(lease, Transaction::Kind::write);
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
        const std::string& from = invitation->from_user_id;
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

bool SqliteStore::end_pair(const std::string& user_id, Timestamp at) {
    return guarded("end_pair", [&] {
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease, Transaction::Kind::write);
        const bool ended = end_pair_in(lease.connection(), user_id, at);
        transaction.commit();
        return ended;
    });
}

std::optional<PeerMeetingSlot> SqliteStore::peer_meeting_slot(const std::string& user_id) {
    return guarded("peer_meeting_slot", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_meeting_slot);
        MeetingSlotRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_one(statement, row);
    });
}

bool SqliteStore::set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) {
    return guarded("set_peer_meeting_slot", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::set_meeting_slot);
        statement.use(slot.weekday, "weekday").use(slot.minute_of_day, "minute_of_day");
        statement.use(slot.duration_minutes, "duration_minutes").use(slot.timezone, "timezone");
        statement.use(user_id, "user_id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

void SqliteStore::record_peer_opening(const PeerOpening& opening) {
    guarded("record_peer_opening", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string kind(to_string(opening.kind));
        const long long last = seconds(opening.last_opened_at);
        // A caller that gives one instant means it for both.
        const long long first = opening.first_opened_at == Timestamp{} ? last : seconds(opening.first_opened_at);
        Statement statement(lease.connection(), q::record_peer_opening);
        statement.use(opening.owner_id, "owner_id").use(kind, "kind").use(opening.period, "period");
        statement.use(opening.viewer_id, "viewer_id").use(first, "first_opened_at").use(last, "last_opened_at");
        statement.run();
    });
}

std::vector<PeerOpening> SqliteStore::list_peer_openings(const std::string& owner_id) {
    return guarded("list_peer_openings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_peer_openings);
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

std::optional<std::optional<int>> capacity_in(Connection& connection, const char* query, const std::string& id) {
    int capacity = 0;
    soci::indicator indicator = soci::i_null;
    Statement statement(connection, query);
    statement.into(capacity, indicator).use(id, "id");
    if (!statement.run()) return std::nullopt;  // no such row
    return optional_of(capacity, indicator);
}

}  // namespace

void SqliteStore::create_events(const std::vector<Event>& events) {
    guarded("create_events", [&] {
        if (events.empty()) return;
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease, Transaction::Kind::write);
        for (const Event& event : events) {
            EventBinds binds(event);
            Statement insert(lease.connection(), q::insert_event);
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

std::optional<Event> SqliteStore::find_event(const std::string& id) {
    return guarded("find_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_event);
        EventRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

void SqliteStore::update_event(const Event& event) {
    guarded("update_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        EventBinds binds(event);
        Statement update(lease.connection(), q::update_event);
        update.use(event.title, "title").use(binds.starts_at, "starts_at").use(binds.ends_at, "ends_at");
        update.use(event.location, "location").use(event.description, "description");
        update.use(binds.capacity, binds.capacity_indicator, "capacity").use(event.id, "id");
        update.run();
    });
}

bool SqliteStore::delete_event(const std::string& id) {
    return guarded("delete_event", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::delete_event);  // RSVPs and programme cascade
        statement.use(id, "id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

std::vector<Event> SqliteStore::list_events(Timestamp from, Timestamp to) {
    return guarded("list_events", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long first = seconds(from), last = seconds(to);
        Statement statement(lease.connection(), q::list_events);
        EventRow row;
        row.into(statement);
        statement.use(first, "from").use(last, "to");
        return read_all(statement, row);
    });
}

std::vector<Event> SqliteStore::events_going(const std::string& user_id, Timestamp from, Timestamp to) {
    return guarded("events_going", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long first = seconds(from), last = seconds(to);
        Statement statement(lease.connection(), q::events_going);
        EventRow row;
        row.into(statement);
        statement.use(user_id, "user_id").use(first, "from").use(last, "to");
        return read_all(statement, row);
    });
}

Status SqliteStore::set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status,
                             Timestamp at) {
    return guarded("set_rsvp", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        Connection& connection = lease.connection();
        // One writer at a time, in every process: the count still holds at the insert.
        Transaction transaction(lease, Transaction::Kind::write);
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

EventAttendance SqliteStore::event_attendance(const std::string& event_id, const std::string& user_id) {
    return guarded("event_attendance", [&] {
        ConnectionPool::Lease lease(*connections_);
        Connection& connection = lease.connection();
        Transaction transaction(connection.sql(), Transaction::Kind::read);  // count and answer together
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

void SqliteStore::create_event_session(const EventSession& session) {
    guarded("create_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long starts_at = seconds(session.starts_at), ends_at = seconds(session.ends_at);
        const int capacity = session.capacity.value_or(0);
        soci::indicator capacity_indicator = session.capacity ? soci::i_ok : soci::i_null;
        Statement insert(lease.connection(), q::insert_event_session);
        insert.use(session.id, "id").use(session.event_id, "event_id").use(session.title, "title");
        insert.use(session.host, "host").use(session.description, "description");
        insert.use(starts_at, "starts_at").use(ends_at, "ends_at").use(capacity, capacity_indicator, "capacity");
        insert.run();
    });
}

std::optional<EventSession> SqliteStore::find_event_session(const std::string& id) {
    return guarded("find_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::find_event_session);
        EventSessionRow row;
        row.into(statement);
        statement.use(id, "id");
        return read_one(statement, row);
    });
}

bool SqliteStore::delete_event_session(const std::string& event_id, const std::string& session_id) {
    return guarded("delete_event_session", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::delete_event_session);  // its sign-ups cascade
        statement.use(session_id, "id").use(event_id, "event_id");
        statement.run();
        return statement.affected_rows() > 0;
    });
}

std::vector<ProgrammeSession> SqliteStore::event_programme(const std::string& event_id, const std::string& user_id) {
    return guarded("event_programme", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::event_programme);
        ProgrammeRow row;
        row.into(statement);
        statement.use(user_id, "user_id").use(event_id, "event_id");
        return read_all(statement, row);
    });
}

Status SqliteStore::set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                                       Timestamp at) {
    return guarded("set_session_signup", [&]() -> Status {
        ConnectionPool::Lease lease(*connections_);
        Connection& connection = lease.connection();
        Transaction transaction(lease, Transaction::Kind::write);
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

ReminderSettings SqliteStore::reminder_settings(const std::string& user_id) {
    return guarded("reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::reminder_levels_of);
        ReminderLevelRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        std::vector<ReminderSettings> found = read_reminder_settings(statement, row);
        return found.empty() ? ReminderSettings{user_id} : found.front();
    });
}

void SqliteStore::put_reminder_settings(const ReminderSettings& settings) {
    guarded("put_reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Transaction transaction(lease, Transaction::Kind::write);
        std::string level;
        int enabled = 0, minute_of_day = 0, weekday = 0;
        Statement put(lease.connection(), q::put_reminder_level);
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

std::vector<ReminderSettings> SqliteStore::list_active_reminder_settings() {
    return guarded("list_active_reminder_settings", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::active_reminder_levels);
        ReminderLevelRow row;
        row.into(statement);
        return read_reminder_settings(statement, row);
    });
}

bool SqliteStore::enqueue_reminder(const ReminderJob& job) {
    return guarded("enqueue_reminder", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string level(to_string(job.level));
        const long long due_at = seconds(job.due_at);
        Statement insert(lease.connection(), q::enqueue_reminder);
        insert.use(job.id, "id").use(job.user_id, "user_id").use(level, "level").use(job.period, "period");
        insert.use(due_at, "due_at");
        insert.run();
        return insert.affected_rows() > 0;
    });
}

std::vector<ReminderJob> SqliteStore::claim_reminders(const std::string& worker, Timestamp now, Timestamp lease_until,
                                                      int limit) {
    return guarded("claim_reminders", [&] {
        std::vector<ReminderJob> claimed;
        if (limit <= 0) return claimed;
        ConnectionPool::Lease lease(*connections_);
        const long long at = seconds(now), until = seconds(lease_until);
        // IMMEDIATE: the write lock is held from the choice of jobs to the commit, so a
        // claim in another process waits and then sees them taken.
        Transaction transaction(lease, Transaction::Kind::write);
        {
            Statement claim(lease.connection(), q::claim_reminders);
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

void SqliteStore::mark_reminder_sent(const std::string& job_id, Timestamp at) {
    guarded("mark_reminder_sent", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long when = seconds(at);
        Statement statement(lease.connection(), q::mark_reminder_sent);
        statement.use(when, "at").use(job_id, "id");
        statement.run();
    });
}

void SqliteStore::release_reminder(const std::string& job_id, Timestamp retry_at) {
    guarded("release_reminder", [&] {
        ConnectionPool::Lease lease(*connections_);
        const long long when = seconds(retry_at);
        Statement statement(lease.connection(), q::release_reminder);
        statement.use(when, "retry_at").use(job_id, "id");
        statement.run();
    });
}

std::vector<ReminderJob> SqliteStore::list_reminder_jobs(const std::string& user_id) {
    return guarded("list_reminder_jobs", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::list_reminder_jobs);
        ReminderJobRow row;
        row.into(statement);
        statement.use(user_id, "user_id");
        return read_all(statement, row);
    });
}

// --- the calendar feed ----------------------------------------------------------------------------

std::optional<std::string> SqliteStore::calendar_token(const std::string& user_id) {
    return guarded("calendar_token", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        std::string token;
        Statement statement(lease.connection(), q::calendar_token_of);
        statement.into(token).use(user_id, "user_id");
        if (!statement.run()) return std::nullopt;
        return token;
    });
}

void SqliteStore::set_calendar_token(const std::string& user_id, const std::string& token) {
    guarded("set_calendar_token", [&] {
        ConnectionPool::Lease lease(*connections_);
        Statement statement(lease.connection(), q::put_calendar_token);
        statement.use(user_id, "user_id").use(token, "token");
        statement.run();
    });
}

std::optional<std::string> SqliteStore::user_of_calendar_token(const std::string& token) {
    return guarded("user_of_calendar_token", [&]() -> std::optional<std::string> {
        ConnectionPool::Lease lease(*connections_);
        std::string user_id;
        Statement statement(lease.connection(), q::user_of_calendar_token);
        statement.into(user_id).use(token, "token");
        if (!statement.run()) return std::nullopt;
        return user_id;
    });
}

// --- organisation counts ----------------------------------------------------------------------

ParticipationCounts SqliteStore::participation(Day from, Day to) {
    return guarded("participation", [&] {
        ConnectionPool::Lease lease(*connections_);
        const std::string first_day = format_day(from), last_day = format_day(to);
        const std::string first_week = format_week(week_of(from)), last_week = format_week(week_of(to));
        const std::string first_month = format_month(month_of(from)), last_month = format_month(month_of(to));
        const std::string first_quarter = format_quarter(quarter_of(from)),
                          last_quarter = format_quarter(quarter_of(to));
        ParticipationCounts counts;
        Statement statement(lease.connection(), q::participation);
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

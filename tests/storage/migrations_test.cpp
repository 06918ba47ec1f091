// One list of migrations for both databases (storage/migrations.hpp): the schema it makes
// is, on each database, exactly the one the two lists made before it, and a database made
// by that code migrates forward unchanged. The fixtures in tests/storage/fixtures were made
// by that code (make_fixtures.sh). The PostgreSQL half needs RITME_TEST_PG_URL, as in
// postgres_store_test.cpp (ctest runs it as pg.storage).
#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <gmock/gmock.h>

#include "storage/migrations.hpp"
#include "storage/postgres/conninfo.hpp"
#include "storage/soci.hpp"
#include "storage/sql_store.hpp"
#include "store_contract.hpp"

namespace ritme::storage {
void PrintTo(Backend backend, std::ostream* out) {
    *out << (backend == Backend::sqlite ? "sqlite" : "postgres");
}
}  // namespace ritme::storage

namespace ritme::contract {
namespace {

namespace fs = std::filesystem;
using storage::Backend;
using ::testing::ElementsAre;

std::string fixture(const std::string& name) {
    std::ifstream in(fs::path(RITME_STORAGE_FIXTURES) / name, std::ios::binary);
    if (!in) throw std::runtime_error("missing fixture " + name);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A query's rows of one text column, each ended by a line feed, as sqlite3 and psql -At
// print them.
std::string lines(soci::session& sql, const std::string& query) {
    soci::rowset<std::string> rows = (sql.prepare << query);
    std::string text;
    for (const std::string& row : rows) text += row + "\n";
    return text;
}

std::string pg_server_url() {
    const char* url = std::getenv("RITME_TEST_PG_URL");
    return url != nullptr ? url : "";
}

// A database of one kind, empty until migrated or filled with the fixture, gone with it.
class Database {
public:
    virtual ~Database() = default;
    virtual Backend backend() const = 0;
    virtual soci::session connect() = 0;              // the test's own connection
    virtual std::unique_ptr<Store> open_store() = 0;  // migrates, as a server starting does
    virtual void fill_with_fixture() = 0;             // as the code before one list made it

    // The last migration of the two lists the fixtures were made by.
    int fixture_version() const { return backend() == Backend::sqlite ? 4 : 2; }
    std::string fixture_schema() const {
        return fixture(backend() == Backend::sqlite ? "sqlite_v4_schema.txt" : "postgres_v2_schema.txt");
    }
    std::string schema() {
        soci::session sql = connect();
        return lines(sql, fixture(backend() == Backend::sqlite ? "sqlite_schema.sql" : "postgres_schema.sql"));
    }
    std::string migrations_applied() {
        soci::session sql = connect();
        return lines(sql, "SELECT version || ' at ' || applied_at FROM schema_migrations ORDER BY version");
    }
};

class SqliteFile final : public Database {
public:
    SqliteFile() {
        std::string pattern = (fs::temp_directory_path() / "ritme-migrations-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary directory");
        directory_ = pattern;
    }
    ~SqliteFile() override {
        std::error_code ignored;
        fs::remove_all(directory_, ignored);
    }
    Backend backend() const override { return Backend::sqlite; }
    soci::session connect() override {
        return soci::session(*soci::factory_sqlite3(), "db=\"" + path().string() + "\"");
    }
    std::unique_ptr<Store> open_store() override { return storage::SqlStore::open_sqlite(path().string()); }
    void fill_with_fixture() override { fs::copy_file(fs::path(RITME_STORAGE_FIXTURES) / "sqlite_v4.db", path()); }

private:
    fs::path path() const { return directory_ / "ritme.db"; }
    fs::path directory_;
};

class PostgresDatabase final : public Database {
public:
    PostgresDatabase() : name_("ritme_migrations_" + std::to_string(::getpid()) + "_" + std::to_string(++made)) {
        server() << "CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8'";
    }
    ~PostgresDatabase() override {
        try {
            server() << "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
        } catch (const std::exception&) {
            // The test cluster goes anyway.
        }
    }
    Backend backend() const override { return Backend::postgres; }
    soci::session connect() override {
        return soci::session(*soci::factory_postgresql(), storage::postgres::conninfo_from_url(url()));
    }
    std::unique_ptr<Store> open_store() override { return storage::SqlStore::open_postgres(url()); }
    // The dump as psql would load it, without its psql commands (\restrict ...).
    void fill_with_fixture() override {
        std::istringstream dump(fixture("postgres_v2.sql"));
        std::string statements, line;
        while (std::getline(dump, line)) {
            if (!line.starts_with('\\')) statements += line + "\n";
        }
        soci::session sql = connect();
        sql << statements;
    }

private:
    static soci::session server() {
        return soci::session(*soci::factory_postgresql(), storage::postgres::conninfo_from_url(pg_server_url()));
    }
    // The server's URL with this database's name in place of the one it names.
    std::string url() const {
        const std::string server_url = pg_server_url();
        const std::size_t query = server_url.find('?');
        const std::size_t slash = server_url.rfind('/', query == std::string::npos ? server_url.size() : query);
        return server_url.substr(0, slash + 1) + name_ + (query == std::string::npos ? "" : server_url.substr(query));
    }

    static inline std::atomic<int> made = 0;
    std::string name_;
};

class Migrations : public ::testing::TestWithParam<Backend> {
protected:
    void SetUp() override { database_ = another_database(); }
    Database& database() { return *database_; }
    std::unique_ptr<Database> another_database() const {
        if (GetParam() == Backend::sqlite) return std::make_unique<SqliteFile>();
        return std::make_unique<PostgresDatabase>();
    }

private:
    std::unique_ptr<Database> database_;
};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(Migrations);

std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return ::testing::PrintToString(info.param);
}

std::vector<Backend> postgres_when_there_is_a_server() {
    if (pg_server_url().empty()) return {};
    return {Backend::postgres};
}

INSTANTIATE_TEST_SUITE_P(Sqlite, Migrations, ::testing::Values(Backend::sqlite), backend_name);
INSTANTIATE_TEST_SUITE_P(Postgres, Migrations, ::testing::ValuesIn(postgres_when_there_is_a_server()), backend_name);

TEST_P(Migrations, MakeTheSchemaTheTwoListsMadeUpToTheirLastStep) {
    {
        soci::session sql = database().connect();
        storage::apply_migrations(sql, GetParam(), database().fixture_version());
    }
    EXPECT_EQ(database().schema(), database().fixture_schema());
}

TEST_P(Migrations, TakeADatabaseOfTheTwoListsForwardToWhatANewOneIs) {
    database().fill_with_fixture();
    const std::string applied_before = database().migrations_applied();
    ASSERT_EQ(database().schema(), database().fixture_schema());
    std::unique_ptr<Database> fresh = another_database();
    fresh->open_store();

    database().open_store();
    const std::string applied = database().migrations_applied();
    EXPECT_TRUE(applied.starts_with(applied_before)) << applied;  // the steps it had, as they were
    EXPECT_EQ(database().schema(), fresh->schema());
    {
        soci::session sql = database().connect();
        EXPECT_EQ(storage::schema_version(sql), storage::latest_version(GetParam()));
    }
    database().open_store();  // and again: nothing changes
    EXPECT_EQ(database().schema(), fresh->schema());
    EXPECT_EQ(database().migrations_applied(), applied);
}

TEST_P(Migrations, KeepTheRowsOfADatabaseOfTheTwoLists) {
    database().fill_with_fixture();
    std::unique_ptr<Store> store = database().open_store();
    EXPECT_EQ(store->count_users(), 2);
    std::optional<User> anna = store->find_user_by_email("anna@example.nl");
    std::optional<User> bram = store->find_user_by_email("bram@example.nl");
    ASSERT_TRUE(anna && bram);
    EXPECT_EQ(anna->name, "Anna");
    EXPECT_EQ(anna->role, Role::admin);
    EXPECT_EQ(bram->locale, Locale::en);
    EXPECT_EQ(anna->peer_id, bram->id);
    EXPECT_EQ(bram->peer_id, anna->id);
    std::optional<PeerMeetingSlot> slot = store->peer_meeting_slot(anna->id);
    ASSERT_TRUE(slot);
    EXPECT_EQ(slot->weekday, 2);
    EXPECT_EQ(slot->minute_of_day, 10 * 60 + 30);
    EXPECT_EQ(slot->duration_minutes, 45);

    std::vector<Competency> competencies = store->list_competencies();
    ASSERT_EQ(competencies.size(), 2u);
    EXPECT_EQ(competencies[0].name, "Feedback geven");
    EXPECT_EQ(competencies[1].name, "Plannen");

    std::optional<DiaryEntry> entry = store->find_diary_entry(anna->id, day("2026-11-26"));
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->learning_moments, "Feedback gekregen op mijn presentatie; één leermoment");
    EXPECT_EQ(entry->handling, "Met mijn collega");
    EXPECT_EQ(entry->key_learning, "Vraag door");
    EXPECT_EQ(entry->minutes, 20);
    EXPECT_TRUE(entry->shared_with_peer);
    EXPECT_THAT(entry->tags, ElementsAre("overleg", "feedback"));
    EXPECT_THAT(entry->competency_ids, ElementsAre(competencies[0].id, competencies[1].id));
    DiaryQuery query;
    query.user_id = anna->id;
    for (const char* text : {"een leermoment", "presentatie", "overleg"}) {
        query.text = text;
        EXPECT_THAT(days_of(store->list_diary_entries(query).entries), ElementsAre(day("2026-11-26"))) << text;
    }
    query.text = "";
    query.tag = "feedback";
    EXPECT_THAT(days_of(store->list_diary_entries(query).entries), ElementsAre(day("2026-11-26")));

    std::optional<WeeklyReview> week = store->find_weekly_review(anna->id, *parse_week("2026-W48"));
    ASSERT_TRUE(week);
    EXPECT_TRUE(week->peer_meeting.held);
    EXPECT_EQ(week->peer_meeting.day, day("2026-11-24"));
    EXPECT_EQ(week->plan.competency_id, competencies[0].id);
    EXPECT_EQ(week->plan.situation, "Het teamoverleg");
    EXPECT_EQ(week->plan.deadline, day("2026-12-18"));
    EXPECT_TRUE(week->shared_with_peer);

    std::optional<LearningContract> contract = store->find_learning_contract(anna->id, *parse_quarter("2026-Q4"));
    ASSERT_TRUE(contract);
    EXPECT_EQ(contract->status, ContractStatus::agreed);
    EXPECT_TRUE(contract->shared_with_peer);
    EXPECT_EQ(contract->aims, "Feedback geven zonder omwegen");
    ASSERT_EQ(contract->goals.size(), 1u);
    EXPECT_EQ(contract->goals[0].deadline, day("2026-12-31"));
    ASSERT_EQ(contract->discussion.size(), 1u);
    EXPECT_EQ(contract->discussion[0].by, bram->id);
    EXPECT_EQ(contract->discussion[0].comment, "Helder, eens");
    EXPECT_TRUE(contract->discussion[0].agree);
    EXPECT_GE(contract->discussion[0].at, contract->created_at);

    std::optional<MonthlyReflection> month = store->find_monthly_reflection(anna->id, *parse_month("2026-11"));
    ASSERT_TRUE(month);
    EXPECT_THAT(month->focus_competency_ids, ElementsAre(competencies[0].id));
    ASSERT_EQ(month->goal_progress.size(), 1u);
    EXPECT_EQ(month->goal_progress[0].goal_id, contract->goals[0].id);
    EXPECT_EQ(month->goal_progress[0].status, GoalStatus::on_track);
    EXPECT_TRUE(month->sol_meeting_attended);

    std::optional<YearlyReview> year = store->find_yearly_review(anna->id, *parse_year("2026"));
    ASSERT_TRUE(year);
    EXPECT_EQ(year->challenging, 4);
    EXPECT_EQ(year->next_step, NextStep::grow_in_role);

    // And it takes new writes, its search index included.
    store->put_diary_entry(diary_entry(anna->id, day("2026-11-27"), "Nog een leermoment"));
    query.tag = "";
    query.text = "leermoment";
    EXPECT_THAT(days_of(store->list_diary_entries(query).entries), ElementsAre(day("2026-11-27"), day("2026-11-26")));
}

// The first migration's database, with two people who are each other's peer and a shared
// contract: the social rhythm's migration records their pair and keeps the contract in
// view, on each database in its own words.
TEST_P(Migrations, TakeADatabaseOfTheFirstMigrationForward) {
    {
        soci::session sql = database().connect();
        storage::apply_migrations(sql, GetParam(), 1);
        sql << "INSERT INTO users (id, email, name, role, locale, timezone, workdays, peer_id, password_hash, "
               "created_at) VALUES "
               "('bram', 'bram@example.nl', 'Bram', 'member', 'nl', 'Europe/Amsterdam', '[1,2,3,4,5]', NULL, 'h', "
               "300), "
               "('anna', 'anna@example.nl', 'Anna', 'member', 'nl', 'Europe/Amsterdam', '[1,2,3,4,5]', 'bram', 'h', "
               "200)";
        sql << "UPDATE users SET peer_id = 'anna' WHERE id = 'bram'";
        sql << "INSERT INTO learning_contracts (user_id, quarter, revision, where_from, where_now, aims, approach, "
               "evidence, competency_ids, goals, status, discussion, created_at, updated_at) VALUES "
               "('anna', '2026-Q4', 1, '', '', 'Doel', '', '', '[]', '[]', 'shared', '[]', 200, 200), "
               "('bram', '2026-Q4', 1, '', '', 'Doel', '', '', '[]', '[]', 'draft', '[]', 300, 300)";
        EXPECT_EQ(storage::schema_version(sql), 1);
    }
    std::unique_ptr<Store> store = database().open_store();
    std::unique_ptr<Database> fresh = another_database();
    fresh->open_store();
    EXPECT_EQ(database().schema(), fresh->schema());
    soci::session sql = database().connect();
    EXPECT_EQ(storage::schema_version(sql), storage::latest_version(GetParam()));
    EXPECT_EQ(lines(sql, "SELECT id || ' ' || user_a || ' ' || user_b || ' ' || started_at FROM peer_pairs"),
              "anna+bram anna bram 300\n");
    EXPECT_TRUE(store->find_learning_contract("anna", *parse_quarter("2026-Q4"))->shared_with_peer);
    EXPECT_FALSE(store->find_learning_contract("bram", *parse_quarter("2026-Q4"))->shared_with_peer);
    EXPECT_EQ(store->find_user("bram")->peer_id, "anna");
}

// --- the list itself --------------------------------------------------------------------

TEST(MigrationList, NumbersTheStepsOfEachDatabaseOneByOne) {
    for (Backend backend : {Backend::sqlite, Backend::postgres}) {
        int previous = 0;
        for (const storage::Migration& migration : storage::migrations()) {
            const int version = migration.version.on(backend);
            int statements = 0;
            for (const storage::SchemaStatement& statement : migration.statements) {
                const std::string_view text = statement.on(backend);
                if (text.empty()) continue;
                ++statements;
                const std::string sql = storage::sql_for(text, backend);  // throws for an unknown placeholder
                EXPECT_THAT(sql, ::testing::Not(::testing::ContainsRegex("\\{[a-z_]+\\}"))) << migration.name;
            }
            if (version == 0) {
                EXPECT_EQ(statements, 0) << migration.name;
                continue;
            }
            EXPECT_EQ(version, previous + 1) << migration.name;
            EXPECT_TRUE(statements > 0 || migration.then != nullptr) << migration.name;
            previous = version;
        }
        EXPECT_EQ(previous, storage::latest_version(backend));
    }
    EXPECT_EQ(storage::latest_version(Backend::sqlite), 10);
    EXPECT_EQ(storage::latest_version(Backend::postgres), 7);
}

TEST(MigrationList, SaysWhatDiffersInEachDatabasesWords) {
    const std::string_view text = "a {instant} b{without_rowid} -- [{goal_id, status}] {x y} {";
    EXPECT_EQ(storage::sql_for(text, Backend::sqlite), "a INTEGER b WITHOUT ROWID -- [{goal_id, status}] {x y} {");
    EXPECT_EQ(storage::sql_for(text, Backend::postgres), "a BIGINT b -- [{goal_id, status}] {x y} {");
    EXPECT_EQ(storage::sql_for("CHECK (a{bytewise} < b{bytewise})", Backend::postgres),
              "CHECK (a COLLATE \"C\" < b COLLATE \"C\")");
    EXPECT_THROW(storage::sql_for("{no_such_words}", Backend::sqlite), std::logic_error);
}

}  // namespace
}  // namespace ritme::contract

// The SQLite store: the contract suite on a fresh file per test, and what only SQLite has.
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <gmock/gmock.h>

#include "storage/migrations.hpp"
#include "storage/sqlite/search_expression.hpp"
#include "storage/soci.hpp"
#include "storage/sqlite/diary_queries.hpp"
#include "storage/sql_store.hpp"
#include "store_contract.hpp"

namespace ritme::contract {
namespace {

namespace fs = std::filesystem;
using storage::SqlStore;
using ::testing::HasSubstr;
using ::testing::Not;

// One directory per test process under the system's temporary directory, removed when
// the tests are done; every store gets a file of its own in it.
class TemporaryFiles : public ::testing::Environment {
public:
    static fs::path new_path(const std::string& name) {
        std::lock_guard lock(guard);
        if (root_directory.empty()) {
            std::string pattern = (fs::temp_directory_path() / "ritme-storage-XXXXXX").string();
            if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot make a temporary directory");
            root_directory = pattern;
        }
        return root_directory / (name + "-" + std::to_string(++files_made) + ".db");
    }

    void TearDown() override {
        std::lock_guard lock(guard);
        if (root_directory.empty()) return;
        std::error_code ignored;
        fs::remove_all(root_directory, ignored);
        root_directory.clear();
    }

private:
    static inline std::mutex guard;
    static inline fs::path root_directory;
    static inline int files_made = 0;
};

[[maybe_unused]] ::testing::Environment* const temporary_files =
    ::testing::AddGlobalTestEnvironment(new TemporaryFiles);

std::unique_ptr<Store> fresh_sqlite_store() {
    return SqlStore::open_sqlite(TemporaryFiles::new_path("store").string());
}

INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract, ::testing::Values(StoreImplementation{"sqlite", fresh_sqlite_store}),
                         store_implementation_name);

// A connection of the test's own to the file, to look behind the store.
soci::session look_inside(const fs::path& path) {
    return soci::session(*soci::factory_sqlite3(), "db=\"" + path.string() + "\"");
}

int count(soci::session& sql, const std::string& query) {
    int value = -1;
    sql << query, soci::into(value);
    return value;
}

// --- connections and schema -----------------------------------------------------------------

TEST(SqliteStore, RunsEveryConnectionWithWalFullSyncBusyTimeoutAndForeignKeys) {
    auto store = SqlStore::open_sqlite(TemporaryFiles::new_path("pragmas").string(), 4);
    std::vector<storage::SqliteConnectionSettings> settings = store->connection_settings();
    ASSERT_EQ(settings.size(), 4u);
    for (const storage::SqliteConnectionSettings& connection : settings) {
        EXPECT_EQ(connection.journal_mode, "wal");
        EXPECT_EQ(connection.synchronous, 2);
        EXPECT_EQ(connection.busy_timeout, 5000);
        EXPECT_EQ(connection.foreign_keys, 1);
    }
}

TEST(SqliteStore, RecordsTheSchemaVersion) {
    const fs::path path = TemporaryFiles::new_path("version");
    auto store = SqlStore::open_sqlite(path.string());
    const int latest = storage::latest_version(storage::Backend::sqlite);
    EXPECT_EQ(store->schema_version(), latest);
    soci::session sql = look_inside(path);
    EXPECT_EQ(count(sql, "SELECT count(*) FROM schema_migrations"), latest);
    EXPECT_EQ(count(sql, "SELECT max(version) FROM schema_migrations"), latest);
}

TEST(SqliteStore, MigratingAgainChangesNothing) {
    const fs::path path = TemporaryFiles::new_path("reopen");
    {
        auto store = SqlStore::open_sqlite(path.string());
        ASSERT_TRUE(store->create_user(new_user("u1", "u1@example.nl")));
        store->put_diary_entry(diary_entry("u1", day("2026-11-26"), "Blijft bewaard"));
    }
    storage::migrate_sqlite(path.string());
    storage::migrate_sqlite(path.string());
    auto reopened = SqlStore::open_sqlite(path.string());
    EXPECT_EQ(reopened->schema_version(), storage::latest_version(storage::Backend::sqlite));
    EXPECT_EQ(reopened->count_users(), 1);
    DiaryQuery query;
    query.user_id = "u1";
    query.text = "bewaard";
    EXPECT_EQ(reopened->list_diary_entries(query).entries.size(), 1u);
    soci::session sql = look_inside(path);
    EXPECT_EQ(count(sql, "SELECT count(*) FROM schema_migrations"), storage::latest_version(storage::Backend::sqlite));
}

TEST(SqliteStore, MigrationTwoIndexesWhatVersionOneWrote) {
    const fs::path path = TemporaryFiles::new_path("version-one");
    {
        // A database as version 1 of the schema left it: a person, two entries, and their
        // rows in the old search index under one owner token each.
        soci::session sql = look_inside(path);
        storage::apply_migrations(sql, storage::Backend::sqlite, 1);
        sql << "INSERT INTO users (id, email, name, role, locale, timezone, workdays, peer_id, password_hash, "
               "created_at) VALUES ('anna', 'anna@example.nl', 'Anna', 'member', 'nl', 'Europe/Amsterdam', "
               "'[1,2,3,4,5]', NULL, 'hash', 0)";
        sql << "INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, "
               "shared_with_peer, minutes, search_id, created_at, updated_at) VALUES "
               "('anna', '2026-11-25', 'Één leermoment', '', '', 0, 10, 1, 100, 100), "
               "('anna', '2026-11-26', 'Feedback gekregen', 'Met mijn collega', 'Vraag door', 1, 20, 2, 200, 200)";
        sql << "INSERT INTO diary_entry_tags (user_id, day, position, tag) VALUES ('anna', '2026-11-26', 0, 'overleg')";
        sql << "INSERT INTO diary_search (rowid, owner, learning_moments, handling, key_learning, tags) VALUES "
               "(1, 'u616e6e61', 'Één leermoment', '', '', ''), "
               "(2, 'u616e6e61', 'Feedback gekregen', 'Met mijn collega', 'Vraag door', 'overleg')";
    }
    auto store = SqlStore::open_sqlite(path.string());
    EXPECT_EQ(store->schema_version(), storage::latest_version(storage::Backend::sqlite));
    DiaryQuery query;
    query.user_id = "anna";
    auto found = [&](const std::string& text) {
        query.text = text;
        return days_of(store->list_diary_entries(query).entries);
    };
    EXPECT_THAT(found("een leermoment"), ::testing::ElementsAre(day("2026-11-25")));
    EXPECT_THAT(found("collega"), ::testing::ElementsAre(day("2026-11-26")));
    EXPECT_THAT(found("overleg"), ::testing::ElementsAre(day("2026-11-26")));
    EXPECT_THAT(found("vraag feedback"), ::testing::ElementsAre(day("2026-11-26")));

    // The rebuilt rows hold exactly what the store would have written: they go again.
    store->put_diary_entry(diary_entry("anna", day("2026-11-26"), "Nieuwe tekst"));
    EXPECT_TRUE(store->delete_diary_entry("anna", day("2026-11-25")));
    EXPECT_THAT(found("feedback"), ::testing::IsEmpty());
    EXPECT_THAT(found("leermoment"), ::testing::IsEmpty());
    EXPECT_THAT(found("nieuwe"), ::testing::ElementsAre(day("2026-11-26")));
    soci::session sql = look_inside(path);
    EXPECT_EQ(count(sql, "SELECT count(*) FROM diary_search"), 1);
    EXPECT_NO_THROW(sql << "INSERT INTO diary_search (diary_search) VALUES ('integrity-check')");
}

TEST(SqliteStore, MigrateCreatesTheFileAndItsDirectories) {
    const fs::path path = TemporaryFiles::new_path("nested").parent_path() / "a" / "b" / "ritme.db";
    storage::migrate_sqlite(path.string());
    EXPECT_TRUE(fs::exists(path));
    EXPECT_EQ(SqlStore::open_sqlite(path.string())->schema_version(), storage::latest_version(storage::Backend::sqlite));
}

TEST(SqliteStore, OpensAPathWithSpacesAndEqualsSigns) {
    const fs::path path = TemporaryFiles::new_path("odd name=x").parent_path() / "with space = sign.db";
    auto store = SqlStore::open_sqlite(path.string());
    EXPECT_TRUE(store->ping());
    EXPECT_TRUE(fs::exists(path));
}

TEST(SqliteStore, RefusesWhatCannotBeADatabaseFile) {
    EXPECT_THROW(SqlStore::open_sqlite(":memory:"), StoreFailure);
    EXPECT_THROW(SqlStore::open_sqlite(""), StoreFailure);
    EXPECT_THROW(SqlStore::open_sqlite("quote\".db"), StoreFailure);

    const fs::path directory = TemporaryFiles::new_path("directory");
    fs::create_directories(directory);
    EXPECT_THROW(SqlStore::open_sqlite(directory.string()), StoreFailure);

    const fs::path garbage = TemporaryFiles::new_path("garbage");
    std::ofstream(garbage) << std::string(8192, 'x');
    EXPECT_THROW(SqlStore::open_sqlite(garbage.string()), StoreFailure);
}

TEST(SqliteStore, TwoStoresOnOneFileSeeEachOthersWrites) {
    // The server and a command such as `ritme user add` at the same time.
    const fs::path path = TemporaryFiles::new_path("shared");
    auto server = SqlStore::open_sqlite(path.string());
    auto command = SqlStore::open_sqlite(path.string());
    ASSERT_TRUE(command->create_user(new_user("u1", "u1@example.nl")));
    EXPECT_TRUE(server->find_user("u1"));
    server->put_diary_entry(diary_entry("u1", day("2026-11-26"), "Van de server"));
    EXPECT_TRUE(command->find_diary_entry("u1", day("2026-11-26")));

    // Statements stay prepared between calls; none may keep an old snapshot of the file.
    for (int round = 0; round < 20; ++round) {
        User user = *server->find_user("u1");
        user.name = "Name " + std::to_string(round);
        command->update_profile(user);
        EXPECT_EQ(server->find_user("u1")->name, user.name);
        EXPECT_EQ(server->find_user_by_email("u1@example.nl")->name, user.name);
        command->put_diary_entry(diary_entry("u1", add_days(day("2026-01-01"), round), "Ronde"));
        DiaryQuery query;
        query.user_id = "u1";
        query.text = "ronde";
        EXPECT_EQ(server->list_diary_entries(query).entries.size(), static_cast<std::size_t>(round + 1));
    }
}

// --- group commit ---------------------------------------------------------------------------

TEST(SqliteStore, WritesThatCommitTogetherKeepEachOthersOutcome) {
    // Sixteen writers at once end up in shared transactions; the ones that break a foreign
    // key (a person who does not exist) fail alone, and every other write is stored.
    auto store = SqlStore::open_sqlite(TemporaryFiles::new_path("group").string(), 8);
    ASSERT_TRUE(store->create_user(new_user("u1", "u1@example.nl")));
    constexpr int writers = 16;
    constexpr int writes_each = 40;
    std::atomic<int> refused{0};
    std::vector<std::thread> threads;
    for (int writer = 0; writer < writers; ++writer) {
        threads.emplace_back([&, writer] {
            for (int write = 0; write < writes_each; ++write) {
                Day on = add_days(day("2020-01-01"), writer * writes_each + write);
                std::string owner = write % 10 == 3 ? "nobody" : "u1";
                try {
                    store->put_diary_entry(diary_entry(owner, on, "Schrijver " + std::to_string(writer)));
                } catch (const StoreFailure&) {
                    ++refused;
                }
            }
        });
    }
    for (std::thread& thread : threads) thread.join();

    const int refused_expected = writers * (writes_each / 10);
    EXPECT_EQ(refused.load(), refused_expected);
    std::vector<Day> stored = store->diary_days("u1", day("2020-01-01"), day("2030-01-01"));
    EXPECT_EQ(static_cast<int>(stored.size()), writers * writes_each - refused_expected);
    for (int writer = 0; writer < writers; ++writer) {
        for (int write = 0; write < writes_each; ++write) {
            Day on = add_days(day("2020-01-01"), writer * writes_each + write);
            EXPECT_EQ(store->find_diary_entry("u1", on).has_value(), write % 10 != 3) << format_day(on);
        }
    }
    DiaryQuery query;
    query.user_id = "u1";
    query.text = "schrijver";
    query.limit = 200;
    EXPECT_EQ(store->list_diary_entries(query).entries.size(), 200u);  // the search index kept up
}

TEST(SqliteStore, UpkeepMergesTheSearchIndexThatWritesLeftUnmerged) {
    const fs::path path = TemporaryFiles::new_path("upkeep");
    auto store = SqlStore::open_sqlite(path.string());
    ASSERT_TRUE(store->create_user(new_user("u1", "u1@example.nl")));
    for (int write = 0; write < 60; ++write) {  // one transaction, so one index segment, each
        store->put_diary_entry(diary_entry("u1", add_days(day("2026-01-01"), write), "Leermoment nummer"));
    }
    auto segments = [&] {
        soci::session sql = look_inside(path);
        return count(sql, "SELECT count(DISTINCT segid) FROM diary_search_idx");
    };
    const int before = segments();
    EXPECT_GE(before, 60);  // no write merged: automerge is off, and crisismerge as high as FTS5 takes

    int steps = 0;
    while (store->maintain() && steps < 1000) ++steps;
    EXPECT_LT(segments(), before / 4);
    EXPECT_FALSE(store->maintain());  // nothing left to do

    DiaryQuery query;
    query.user_id = "u1";
    query.text = "leermom";
    query.limit = 200;
    EXPECT_EQ(store->list_diary_entries(query).entries.size(), 60u);
}

TEST(SqliteStore, TheWriteAheadLogIsEmptiedOnceAReaderThatHeldItBackLetsGo) {
    const fs::path path = TemporaryFiles::new_path("wal");
    const fs::path wal = path.string() + "-wal";
    auto store = SqlStore::open_sqlite(path.string());
    ASSERT_TRUE(store->create_user(new_user("u1", "u1@example.nl")));
    {
        soci::session reader = look_inside(path);  // like a backup: one snapshot, held
        reader << "BEGIN";
        EXPECT_EQ(count(reader, "SELECT count(*) FROM diary_entries"), 0);
        for (int write = 0; write < 150; ++write) {
            store->put_diary_entry(diary_entry("u1", add_days(day("2026-01-01"), write), "Leermoment"));
        }
        EXPECT_GT(fs::file_size(wal), 150u * 4096);  // nothing could be copied past the reader
        reader << "COMMIT";
    }
    int steps = 0;
    while (store->maintain() && steps < 1000) ++steps;
    EXPECT_EQ(fs::file_size(wal), 0u);  // all of it in the database, the file cut back
    EXPECT_EQ(store->diary_days("u1", day("2026-01-01"), day("2026-12-31")).size(), 150u);
}

// --- failures -------------------------------------------------------------------------------

TEST(SqliteStore, DatabaseErrorsBecomeStoreFailuresWithoutWhatWasWritten) {
    auto store = SqlStore::open_sqlite(TemporaryFiles::new_path("failure").string());
    // A session of nobody breaks a foreign key: the database refuses it.
    try {
        store->create_session({"hash", "nobody", "secret-csrf-value", at(1), at(2)});
        FAIL() << "no StoreFailure";
    } catch (const StoreFailure& failure) {
        EXPECT_THAT(failure.what(), HasSubstr("create_session"));
        EXPECT_THAT(failure.what(), Not(HasSubstr("secret-csrf-value")));
    }
}

// --- behind the store -----------------------------------------------------------------------

TEST(SqliteStore, AcceptingWhenOneGotAPeerMeanwhileIsAConflict) {
    // Another process paired bram between the invitation and its acceptance.
    const fs::path path = TemporaryFiles::new_path("accept");
    auto store = SqlStore::open_sqlite(path.string());
    for (const char* id : {"anna", "bram", "cas"}) {
        ASSERT_TRUE(store->create_user(new_user(id, std::string(id) + "@example.nl")));
    }
    ASSERT_TRUE(store->create_peer_invitation({"i1", "anna", "bram", at(1000)}));
    {
        soci::session sql = look_inside(path);
        sql << "UPDATE users SET peer_id = 'cas' WHERE id = 'bram'";
        sql << "UPDATE users SET peer_id = 'bram' WHERE id = 'cas'";
    }
    Status accepted = store->accept_peer_invitation("i1", "bram", at(2000));
    ASSERT_FALSE(accepted);
    EXPECT_EQ(accepted.error().code, ErrorCode::conflict);
    EXPECT_EQ(store->find_user("anna")->peer_id, std::nullopt);
    EXPECT_EQ(store->find_user("bram")->peer_id, "cas");
    EXPECT_TRUE(store->find_peer_invitation("i1"));  // a refusal changes nothing
    // A pair made behind the store still ends through it, for both.
    EXPECT_TRUE(store->end_pair("cas", at(3000)));
    EXPECT_EQ(store->find_user("bram")->peer_id, std::nullopt);
}

TEST(SqliteStore, TwoStoresOnOneFileClaimEachReminderOnce) {
    // As two processes would: each store has its own pool, so only SQLite's write lock
    // keeps their claims apart.
    const fs::path path = TemporaryFiles::new_path("claims");
    auto one = SqlStore::open_sqlite(path.string(), 2);
    auto two = SqlStore::open_sqlite(path.string(), 2);
    ASSERT_TRUE(one->create_user(new_user("anna", "anna@example.nl")));
    constexpr int jobs = 80;
    for (int i = 0; i < jobs; ++i) {
        ReminderJob job;
        job.id = "j" + std::to_string(i);
        job.user_id = "anna";
        job.level = Level::daily;
        job.period = "day-" + std::to_string(i);
        job.due_at = at(1000 + i);
        ASSERT_TRUE((i % 2 == 0 ? one : two)->enqueue_reminder(job));
    }
    std::mutex mutex;
    std::vector<std::string> claimed;
    std::atomic<int> failed{0};
    auto claim_all = [&](Store& store, const std::string& worker) {
        try {
            for (;;) {
                std::vector<ReminderJob> got = store.claim_reminders(worker, at(5000), at(5300), 3);
                if (got.empty()) return;
                std::lock_guard lock(mutex);
                for (const ReminderJob& job : got) {
                    if (job.claimed_by != worker) failed++;
                    claimed.push_back(job.id);
                }
            }
        } catch (...) {
            failed++;
        }
    };
    std::thread first([&] { claim_all(*one, "one"); });
    std::thread second([&] { claim_all(*two, "two"); });
    first.join();
    second.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(claimed.size(), static_cast<std::size_t>(jobs));
    EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), static_cast<std::size_t>(jobs));
    for (const ReminderJob& job : one->list_reminder_jobs("anna")) {
        EXPECT_EQ(job.state, ReminderJobState::claimed);
    }
}

TEST(SqliteStore, ErasingThePeerEndsThePairing) {
    // Pairing is written by the peer feature, not through this interface yet; set it here.
    const fs::path path = TemporaryFiles::new_path("peer");
    auto store = SqlStore::open_sqlite(path.string());
    ASSERT_TRUE(store->create_user(new_user("anna", "anna@example.nl")));
    ASSERT_TRUE(store->create_user(new_user("bram", "bram@example.nl")));
    {
        soci::session sql = look_inside(path);
        sql << "UPDATE users SET peer_id = 'bram' WHERE id = 'anna'";
        sql << "UPDATE users SET peer_id = 'anna' WHERE id = 'bram'";
    }
    EXPECT_EQ(store->find_user("anna")->peer_id, "bram");
    store->delete_user("bram");
    EXPECT_EQ(store->find_user("anna")->peer_id, std::nullopt);
}

TEST(SqliteStore, TheSearchIndexForgetsErasedEntriesAndPeople) {
    const fs::path path = TemporaryFiles::new_path("index");
    auto store = SqlStore::open_sqlite(path.string());
    ASSERT_TRUE(store->create_user(new_user("anna", "anna@example.nl")));
    ASSERT_TRUE(store->create_user(new_user("bram", "bram@example.nl")));
    for (int i = 0; i < 20; ++i) {
        for (const std::string id : {"anna", "bram"}) {
            DiaryEntry entry = diary_entry(id, add_days(day("2026-01-01"), i), "Tekst nummer " + std::to_string(i));
            entry.tags = {"label", "nog één"};
            store->put_diary_entry(entry);
            entry.learning_moments = "Vervangen tekst";  // replace half of them
            if (i % 2 == 0) store->put_diary_entry(entry);
        }
    }
    store->delete_diary_entry("anna", day("2026-01-01"));
    store->delete_user("bram");

    soci::session sql = look_inside(path);
    // One row in the index per entry, and the index agrees with itself.
    EXPECT_EQ(count(sql, "SELECT count(*) FROM diary_search"), 19);
    EXPECT_EQ(count(sql, "SELECT count(*) FROM diary_entries"), 19);
    EXPECT_NO_THROW(sql << "INSERT INTO diary_search (diary_search) VALUES ('integrity-check')");
    auto indexed = [&](const std::string& match) {
        int rows = -1;
        sql << "SELECT count(*) FROM diary_search WHERE diary_search MATCH :match", soci::use(match, "match"),
            soci::into(rows);
        return rows;
    };
    const std::string bram = storage::search_mark("bram"), anna = storage::search_mark("anna");
    EXPECT_EQ(indexed("\"" + bram + "label\""), 0);
    EXPECT_EQ(indexed("\"" + bram + "\" *"), 0);
    EXPECT_EQ(indexed("\"" + anna + "label\""), 19);
    EXPECT_EQ(indexed("\"" + anna + "een\""), 19);  // "één", folded
    const int found = indexed("\"" + anna + "nummer\"");
    EXPECT_EQ(found, 10);  // the odd days kept their first text
}

TEST(SqliteStore, ListingWalksThePersonsOwnKey) {
    // The query plans the list and search statements get: no scan of every entry.
    const fs::path path = TemporaryFiles::new_path("plan");
    auto store = SqlStore::open_sqlite(path.string());
    soci::session sql = look_inside(path);
    using namespace storage::sqlite;  // NOLINT(google-build-using-namespace): the SQLite dialect's statements
    for (const char* query : {queries::list_diary_entries.sqlite, queries::search_diary_entries.sqlite}) {
        std::string plan;
        soci::rowset<soci::row> rows = (sql.prepare << "EXPLAIN QUERY PLAN " + std::string(query));
        for (const soci::row& row : rows) plan += row.get<std::string>(3) + "\n";
        EXPECT_THAT(plan,
                    HasSubstr("SEARCH e USING INDEX sqlite_autoindex_diary_entries_1 (user_id=? AND day>? AND day<?)"))
            << plan;
        EXPECT_THAT(plan, Not(HasSubstr("SCAN e"))) << plan;
        EXPECT_THAT(plan, Not(HasSubstr("TEMP B-TREE"))) << plan;  // the key gives the order
    }
}

}  // namespace
}  // namespace ritme::contract

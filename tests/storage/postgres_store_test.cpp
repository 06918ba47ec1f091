// The PostgreSQL store: the contract suite on a fresh database per test, and what only
// PostgreSQL has. The server comes from RITME_TEST_PG_URL (tests/pg/with_postgres.sh
// starts one; ctest runs these as pg.storage). Without it there are no PostgreSQL tests.
#include <atomic>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

#include <gmock/gmock.h>

#include "storage/migrations.hpp"
#include "storage/postgres/conninfo.hpp"
#include "storage/sql_store.hpp"
#include "storage/soci.hpp"
#include "store_contract.hpp"

namespace ritme::contract {
namespace {

using storage::SqlStore;
using ::testing::HasSubstr;
using ::testing::Not;

std::string server_url() {
    const char* url = std::getenv("RITME_TEST_PG_URL");
    return url != nullptr ? url : "";
}

// The URL with another database name in place of the one it names.
std::string with_database(const std::string& url, const std::string& database) {
    const std::size_t query = url.find('?');
    const std::size_t slash = url.rfind('/', query == std::string::npos ? url.size() : query);
    if (slash == std::string::npos || slash < url.find("//") + 2) return url + "/" + database;
    return url.substr(0, slash + 1) + database + (query == std::string::npos ? "" : url.substr(query));
}

// Every test gets a database of its own, made from template0; all are dropped when the
// tests are done.
class TemporaryDatabases : public ::testing::Environment {
public:
    static std::string new_database_url() {
        std::lock_guard lock(guard);
        const std::string name = "ritme_test_" + std::to_string(::getpid()) + "_" + std::to_string(++made);
        soci::session sql(*soci::factory_postgresql(), storage::postgres::conninfo_from_url(server_url()));
        sql << "CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'";
        names.push_back(name);
        return with_database(server_url(), name);
    }

    void TearDown() override {
        std::lock_guard lock(guard);
        if (names.empty()) return;
        try {
            soci::session sql(*soci::factory_postgresql(), storage::postgres::conninfo_from_url(server_url()));
            for (const std::string& name : names) sql << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
        } catch (const std::exception&) {
            // The test cluster goes anyway; a shared server keeps a few empty databases.
        }
        names.clear();
    }

private:
    static inline std::mutex guard;
    static inline std::vector<std::string> names;
    static inline int made = 0;
};

[[maybe_unused]] ::testing::Environment* const temporary_databases =
    ::testing::AddGlobalTestEnvironment(new TemporaryDatabases);

std::unique_ptr<Store> fresh_postgres_store() {
    return SqlStore::open_postgres(TemporaryDatabases::new_database_url());
}

// No server, no instantiation: the suite's SQLite tests still run.
std::vector<StoreImplementation> postgres_implementations() {
    if (server_url().empty()) return {};
    return {StoreImplementation{"postgres", fresh_postgres_store}};
}

INSTANTIATE_TEST_SUITE_P(Postgres, StoreContract, ::testing::ValuesIn(postgres_implementations()),
                         store_implementation_name);

// --- what only the PostgreSQL store has -------------------------------------------------

class PostgresStoreTest : public ::testing::TestWithParam<std::string> {};
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(PostgresStoreTest);

std::vector<std::string> servers() {
    if (server_url().empty()) return {};
    return {"server"};
}
INSTANTIATE_TEST_SUITE_P(Postgres, PostgresStoreTest, ::testing::ValuesIn(servers()));

TEST_P(PostgresStoreTest, MigratesOnceAndOpensAgain) {
    const std::string url = TemporaryDatabases::new_database_url();
    {
        auto store = SqlStore::open_postgres(url, 2);
        EXPECT_EQ(store->schema_version(), storage::latest_version(storage::Backend::postgres));
        ASSERT_TRUE(store->create_user(new_user("u1", "anna@example.nl")));
    }
    auto again = SqlStore::open_postgres(url, 2);
    EXPECT_EQ(again->schema_version(), storage::latest_version(storage::Backend::postgres));
    EXPECT_EQ(again->count_users(), 1);
}

TEST_P(PostgresStoreTest, SeveralNodesMayOpenAnEmptyDatabaseAtOnce) {
    const std::string url = TemporaryDatabases::new_database_url();
    std::vector<std::future<int>> opened;
    for (int node = 0; node < 4; ++node) {
        opened.push_back(std::async(std::launch::async, [&] { return SqlStore::open_postgres(url, 1)->schema_version(); }));
    }
    for (auto& version : opened) EXPECT_EQ(version.get(), storage::latest_version(storage::Backend::postgres));
}

TEST_P(PostgresStoreTest, TwoNodesSeeEachOthersWritesAtOnce) {
    const std::string url = TemporaryDatabases::new_database_url();
    auto one = SqlStore::open_postgres(url, 2);
    auto two = SqlStore::open_postgres(url, 2);
    ASSERT_TRUE(one->create_user(new_user("u1", "anna@example.nl")));
    two->create_session({"hash", "u1", "csrf", at(1'780'000'000), at(1'780'086'400)});
    std::optional<Session> session = one->find_session("hash");
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->user_id, "u1");
}

TEST(PostgresUrl, BecomesLibpqKeywordsAndValues) {
    using storage::postgres::conninfo_from_url;
    EXPECT_EQ(conninfo_from_url("postgresql://ritme@127.0.0.1:5433/ritme"),
              "user='ritme' host='127.0.0.1' port='5433' dbname='ritme'");
    EXPECT_EQ(conninfo_from_url("postgres://a%40b:p%27w%5Cd@[::1]:6000/db%20x?sslmode=require&connect_timeout=5"),
              "user='a@b' password='p\\'w\\\\d' host='::1' port='6000' dbname='db x' sslmode='require' "
              "connect_timeout='5'");
    EXPECT_EQ(conninfo_from_url("postgresql:///ritme"), "dbname='ritme'");
    EXPECT_EQ(conninfo_from_url("postgresql://db.example.org"), "host='db.example.org'");
    EXPECT_THROW(conninfo_from_url("mysql://x"), StoreFailure);
}

TEST_P(PostgresStoreTest, AnUnreachableServerIsAStoreFailureWithoutThePassword) {
    try {
        SqlStore::open_postgres("postgresql://ritme:geheim-wachtwoord@127.0.0.1:1/ritme?connect_timeout=2", 1);
        FAIL() << "opened a store on port 1";
    } catch (const StoreFailure& failure) {
        EXPECT_THAT(failure.what(), HasSubstr("postgresql store"));
        EXPECT_THAT(failure.what(), Not(HasSubstr("geheim")));
    }
}

}  // namespace
}  // namespace ritme::contract

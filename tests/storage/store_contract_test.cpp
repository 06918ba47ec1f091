// The Store contract: what every implementation does, whatever database is behind it.
#include <algorithm>
#include <array>
#include <atomic>
#include <latch>
#include <stdexcept>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include "storage/copy_store.hpp"
#include "store_contract.hpp"

namespace ritme::contract {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAre;

// A person with an account, for tests about what they write.
User person(Store& store, const std::string& id, Role role = Role::member) {
    Result<User> created = store.create_user(new_user(id, id + "@example.nl", role));
    if (!created) throw std::runtime_error("could not create " + id + ": " + created.error().message);
    return created.value();
}

Competency competency(Store& store, const std::string& id, const std::string& name) {
    Result<Competency> created = store.create_competency({id, name, "About " + name, false});
    if (!created) throw std::runtime_error("could not create competency " + name);
    return created.value();
}

DiaryPage search(Store& store, const std::string& user_id, const std::string& text) {
    DiaryQuery query;
    query.user_id = user_id;
    query.text = text;
    query.limit = 200;
    return store.list_diary_entries(query);
}

std::vector<Day> found(Store& store, const std::string& text) {
    return days_of(search(store, "u1", text).entries);
}

// --- health and settings -----------------------------------------------------------------

TEST_P(StoreContract, AnswersPing) {
    EXPECT_TRUE(store().ping());
}

TEST_P(StoreContract, KeepsReplacesAndDeletesSettings) {
    EXPECT_EQ(store().setting("setup_token_hash"), std::nullopt);
    store().set_setting("setup_token_hash", "abc");
    EXPECT_EQ(store().setting("setup_token_hash"), "abc");
    store().set_setting("setup_token_hash", "def");
    EXPECT_EQ(store().setting("setup_token_hash"), "def");
    store().delete_setting("setup_token_hash");
    EXPECT_EQ(store().setting("setup_token_hash"), std::nullopt);
    store().delete_setting("never_set");  // no error
}

// --- people -----------------------------------------------------------------------------

TEST_P(StoreContract, CreatesAndFindsAPerson) {
    NewUser input = new_user("u1", "anna@example.nl");
    input.name = "Anna de Vries";
    input.locale = Locale::en;
    input.timezone = "Europe/London";
    Result<User> created = store().create_user(input);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->id, "u1");
    EXPECT_EQ(created->email, "anna@example.nl");
    EXPECT_EQ(created->name, "Anna de Vries");
    EXPECT_EQ(created->role, Role::member);
    EXPECT_EQ(created->locale, Locale::en);
    EXPECT_EQ(created->timezone, "Europe/London");
    EXPECT_THAT(created->workdays, ElementsAre(1, 2, 3, 4, 5));
    EXPECT_EQ(created->peer_id, std::nullopt);
    EXPECT_EQ(created->created_at, input.created_at);

    std::optional<User> found = store().find_user("u1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->email, "anna@example.nl");
    EXPECT_EQ(found->name, "Anna de Vries");
    EXPECT_EQ(found->locale, Locale::en);
    EXPECT_EQ(found->timezone, "Europe/London");
    EXPECT_THAT(found->workdays, ElementsAre(1, 2, 3, 4, 5));
    EXPECT_EQ(found->peer_id, std::nullopt);
    EXPECT_EQ(found->created_at, input.created_at);
    EXPECT_EQ(store().password_hash("u1"), "hash-of-u1");
    EXPECT_EQ(store().find_user("nobody"), std::nullopt);
    EXPECT_EQ(store().password_hash("nobody"), std::nullopt);
}

TEST_P(StoreContract, StoresEmailLowerCasedAndFindsItInAnyCase) {
    ASSERT_TRUE(store().create_user(new_user("u1", "Anna.De.Vries@Example.NL")));
    EXPECT_EQ(store().find_user("u1")->email, "anna.de.vries@example.nl");
    std::optional<User> found = store().find_user_by_email("ANNA.de.vries@example.nl");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, "u1");
    EXPECT_EQ(store().find_user_by_email("someone.else@example.nl"), std::nullopt);
}

TEST_P(StoreContract, RefusesAnEmailThatIsTakenInAnyCase) {
    ASSERT_TRUE(store().create_user(new_user("u1", "anna@example.nl")));
    Result<User> again = store().create_user(new_user("u2", "ANNA@example.nl"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().find_user("u2"), std::nullopt);
    EXPECT_EQ(store().count_users(), 1);
}

TEST_P(StoreContract, CountsPeopleAndAdmins) {
    EXPECT_EQ(store().count_users(), 0);
    EXPECT_EQ(store().count_admins(), 0);
    person(store(), "u1");
    person(store(), "u2", Role::admin);
    person(store(), "u3");
    EXPECT_EQ(store().count_users(), 3);
    EXPECT_EQ(store().count_admins(), 1);
}

TEST_P(StoreContract, CreatesTheFirstAdminOnlyWhileThereIsNone) {
    person(store(), "member");
    Result<User> first = store().create_first_admin(new_user("a1", "admin@example.nl", Role::member));
    ASSERT_TRUE(first);
    EXPECT_EQ(first->role, Role::admin);
    EXPECT_EQ(store().find_user("a1")->role, Role::admin);

    Result<User> second = store().create_first_admin(new_user("a2", "other@example.nl", Role::admin));
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().find_user("a2"), std::nullopt);
    EXPECT_EQ(store().count_admins(), 1);
}

TEST_P(StoreContract, FirstAdminRefusesATakenEmail) {
    person(store(), "u1");
    Result<User> admin = store().create_first_admin(new_user("a1", "U1@example.nl"));
    ASSERT_FALSE(admin);
    EXPECT_EQ(admin.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().count_admins(), 0);
}

TEST_P(StoreContract, TwoFirstAdminsAtOnceMakeOneAdmin) {
    for (int round = 0; round < 10; ++round) {
        std::unique_ptr<Store> racing = fresh_store();
        std::latch start(2);
        std::atomic<int> won{0}, refused{0}, failed{0};
        auto contend = [&](const std::string& id) {
            start.arrive_and_wait();
            try {
                Result<User> result = racing->create_first_admin(new_user(id, id + "@example.nl"));
                (result ? won : refused)++;
                if (!result && result.error().code != ErrorCode::conflict) failed++;
            } catch (...) {
                failed++;
            }
        };
        std::thread first(contend, "a1");
        std::thread second(contend, "a2");
        first.join();
        second.join();
        EXPECT_EQ(won, 1) << "round " << round;
        EXPECT_EQ(refused, 1) << "round " << round;
        EXPECT_EQ(failed, 0) << "round " << round;
        EXPECT_EQ(racing->count_admins(), 1) << "round " << round;
    }
}

TEST_P(StoreContract, UpdatesTheProfileOnly) {
    person(store(), "u1");
    User changed = *store().find_user("u1");
    changed.name = "Anna Jansen";
    changed.locale = Locale::en;
    changed.timezone = "America/New_York";
    changed.workdays = {1, 3, 5, 7};
    changed.email = "ignored@example.nl";
    changed.role = Role::admin;
    store().update_profile(changed);

    User found = *store().find_user("u1");
    EXPECT_EQ(found.name, "Anna Jansen");
    EXPECT_EQ(found.locale, Locale::en);
    EXPECT_EQ(found.timezone, "America/New_York");
    EXPECT_THAT(found.workdays, ElementsAre(1, 3, 5, 7));
    EXPECT_EQ(found.email, "u1@example.nl");
    EXPECT_EQ(found.role, Role::member);
}

TEST_P(StoreContract, SetsThePasswordHash) {
    person(store(), "u1");
    store().set_password_hash("u1", "new-hash");
    EXPECT_EQ(store().password_hash("u1"), "new-hash");
}

TEST_P(StoreContract, ListsEveryone) {
    EXPECT_THAT(store().list_users(), IsEmpty());
    person(store(), "u2");
    person(store(), "u1", Role::admin);
    person(store(), "u3");
    std::vector<std::string> ids;
    for (const User& user : store().list_users()) ids.push_back(user.id);
    EXPECT_THAT(ids, UnorderedElementsAre("u1", "u2", "u3"));
}

// --- sessions and access tokens -----------------------------------------------------------

TEST_P(StoreContract, KeepsFindsAndEndsSessions) {
    person(store(), "u1");
    store().create_session({"hash-1", "u1", "csrf-1", at(1000), at(5000)});
    std::optional<Session> found = store().find_session("hash-1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, "u1");
    EXPECT_EQ(found->csrf_token, "csrf-1");
    EXPECT_EQ(found->created_at, at(1000));
    EXPECT_EQ(found->expires_at, at(5000));
    EXPECT_EQ(store().find_session("hash-2"), std::nullopt);
    store().delete_session("hash-1");
    EXPECT_EQ(store().find_session("hash-1"), std::nullopt);
    store().delete_session("hash-1");  // no error
}

TEST_P(StoreContract, ListsEndsAndTouchesAPersonsSessionsById) {
    person(store(), "u1");
    person(store(), "u2");
    store().create_session({"hash-a", "u1", "c", at(1000), at(9000), "id-a", at(1000), "Firefox"});
    store().create_session({"hash-b", "u1", "c", at(1100), at(9000), "id-b", at(1100), "Safari"});
    store().create_session({"hash-c", "u1", "c", at(1200), at(9000), "id-c", at(1200), ""});
    store().create_session({"hash-x", "u2", "c", at(1000), at(9000), "id-x", at(1000), "curl"});
    store().touch_session("hash-a", at(2000));

    std::vector<Session> mine = store().list_sessions_of("u1");
    ASSERT_THAT(mine, SizeIs(3));
    EXPECT_EQ(mine[0].id, "id-a");  // the last used first
    EXPECT_EQ(mine[0].last_used_at, at(2000));
    EXPECT_EQ(mine[0].user_agent, "Firefox");
    EXPECT_EQ(mine[0].created_at, at(1000));
    EXPECT_EQ(mine[1].id, "id-c");
    EXPECT_EQ(mine[2].id, "id-b");

    // Another person's id ends nothing.
    EXPECT_FALSE(store().delete_session_of("u1", "id-x"));
    EXPECT_TRUE(store().find_session("hash-x"));
    EXPECT_FALSE(store().delete_session_of("u1", ""));
    EXPECT_TRUE(store().delete_session_of("u1", "id-b"));
    EXPECT_FALSE(store().delete_session_of("u1", "id-b"));
    EXPECT_EQ(store().find_session("hash-b"), std::nullopt);

    // All but the one kept; the other person's stay.
    EXPECT_EQ(store().delete_sessions_of("u1", "hash-a"), 1);
    EXPECT_TRUE(store().find_session("hash-a"));
    EXPECT_EQ(store().find_session("hash-c"), std::nullopt);
    EXPECT_EQ(store().delete_sessions_of("u1", ""), 1);
    EXPECT_THAT(store().list_sessions_of("u1"), IsEmpty());
    EXPECT_TRUE(store().find_session("hash-x"));
}

TEST_P(StoreContract, DeletesIdleSessionsOnly) {
    person(store(), "u1");
    store().create_session({"idle", "u1", "c", at(1000), at(90000), "i1", at(1000), ""});
    store().create_session({"used", "u1", "c", at(1000), at(90000), "i2", at(1000), ""});
    store().touch_session("used", at(5000));
    store().delete_idle_sessions(at(5000));
    EXPECT_EQ(store().find_session("idle"), std::nullopt);
    EXPECT_TRUE(store().find_session("used"));
}

TEST_P(StoreContract, EndsEveryTokenOfAPersonButOne) {
    person(store(), "u1");
    person(store(), "u2");
    store().create_access_token({"t1", "u1", "laptop", "th1", at(1000)});
    store().create_access_token({"t2", "u1", "phone", "th2", at(1000)});
    store().create_access_token({"t3", "u2", "laptop", "th3", at(1000)});
    store().delete_access_tokens_of("u1", "t2");
    EXPECT_EQ(store().find_access_token("th1"), std::nullopt);
    EXPECT_TRUE(store().find_access_token("th2"));
    store().delete_access_tokens_of("u1", "");
    EXPECT_THAT(store().list_access_tokens("u1"), IsEmpty());
    EXPECT_TRUE(store().find_access_token("th3"));
}

TEST_P(StoreContract, KeepsPasswordResetLinksForOneUse) {
    person(store(), "u1");
    person(store(), "u2");
    store().create_password_reset({"reset-1", "u1", at(1000), at(4600)});
    store().create_password_reset({"reset-2", "u1", at(1100), at(4700)});
    store().create_password_reset({"reset-3", "u2", at(1100), at(2000)});
    std::optional<PasswordReset> found = store().find_password_reset("reset-1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, "u1");
    EXPECT_EQ(found->created_at, at(1000));
    EXPECT_EQ(found->expires_at, at(4600));
    EXPECT_EQ(store().find_password_reset("reset-9"), std::nullopt);

    EXPECT_TRUE(store().take_password_reset("reset-1"));
    EXPECT_FALSE(store().take_password_reset("reset-1"));  // once only
    EXPECT_EQ(store().find_password_reset("reset-1"), std::nullopt);

    store().delete_expired_password_resets(at(2000));
    EXPECT_EQ(store().find_password_reset("reset-3"), std::nullopt);
    EXPECT_TRUE(store().find_password_reset("reset-2"));
    store().delete_password_resets_of("u1");
    EXPECT_EQ(store().find_password_reset("reset-2"), std::nullopt);

    // Erasing a person takes their links with them.
    store().create_password_reset({"reset-4", "u2", at(3000), at(9000)});
    store().delete_user("u2");
    EXPECT_EQ(store().find_password_reset("reset-4"), std::nullopt);
}

TEST_P(StoreContract, DeletesExpiredSessionsOnly) {
    person(store(), "u1");
    store().create_session({"old", "u1", "c", at(1000), at(2000)});
    store().create_session({"edge", "u1", "c", at(1000), at(3000)});
    store().create_session({"fresh", "u1", "c", at(1000), at(4000)});
    store().delete_expired_sessions(at(3000));
    EXPECT_EQ(store().find_session("old"), std::nullopt);
    EXPECT_EQ(store().find_session("edge"), std::nullopt);
    EXPECT_TRUE(store().find_session("fresh"));
}

TEST_P(StoreContract, KeepsListsFindsAndDeletesAccessTokens) {
    person(store(), "u1");
    person(store(), "u2");
    store().create_access_token({"t1", "u1", "laptop", "token-hash-1", at(1000)});
    store().create_access_token({"t2", "u1", "phone", "token-hash-2", at(2000)});
    store().create_access_token({"t3", "u2", "script", "token-hash-3", at(1500)});

    std::optional<AccessToken> found = store().find_access_token("token-hash-2");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, "t2");
    EXPECT_EQ(found->user_id, "u1");
    EXPECT_EQ(found->name, "phone");
    EXPECT_EQ(found->created_at, at(2000));
    EXPECT_EQ(store().find_access_token("unknown"), std::nullopt);

    std::vector<std::string> listed;
    for (const AccessToken& token : store().list_access_tokens("u1")) listed.push_back(token.id);
    EXPECT_THAT(listed, ElementsAre("t1", "t2"));

    EXPECT_FALSE(store().delete_access_token("u2", "t1"));  // not theirs
    EXPECT_TRUE(store().find_access_token("token-hash-1"));
    EXPECT_TRUE(store().delete_access_token("u1", "t1"));
    EXPECT_FALSE(store().delete_access_token("u1", "t1"));
    EXPECT_EQ(store().find_access_token("token-hash-1"), std::nullopt);
    EXPECT_EQ(store().list_access_tokens("u1").size(), 1u);
}

// --- login throttling -------------------------------------------------------------------

TEST_P(StoreContract, ReservesLoginAttemptsPerKeyUpToTheirLimits) {
    const std::vector<Store::AttemptLimit> anna{{"login:anna@example.nl 10.0.0.1", 3}, {"address:10.0.0.1", 4}};
    EXPECT_TRUE(store().reserve_login_attempt(anna, "a1", at(300), at(0)));
    EXPECT_TRUE(store().reserve_login_attempt(anna, "a2", at(100), at(0)));
    EXPECT_TRUE(store().reserve_login_attempt(anna, "a3", at(200), at(0)));
    EXPECT_FALSE(store().reserve_login_attempt(anna, "a4", at(310), at(0)));  // the account at this address: full
    EXPECT_THAT(store().login_failures_since(anna[0].key, at(200)), ElementsAre(at(200), at(300)));
    EXPECT_THAT(store().login_failures_since(anna[0].key, at(0)), ElementsAre(at(100), at(200), at(300)));
    EXPECT_THAT(store().login_failures_since(anna[1].key, at(0)), ElementsAre(at(100), at(200), at(300)));

    const std::vector<Store::AttemptLimit> bram{{"login:bram@example.nl 10.0.0.1", 3}, {"address:10.0.0.1", 4}};
    EXPECT_TRUE(store().reserve_login_attempt(bram, "b1", at(320), at(0)));
    EXPECT_FALSE(store().reserve_login_attempt(bram, "b2", at(330), at(0)));  // the address: full
    EXPECT_THAT(store().login_failures_since(bram[0].key, at(0)), ElementsAre(at(320)));

    // Taken back from every key.
    store().release_login_attempt("a2");
    EXPECT_THAT(store().login_failures_since(anna[0].key, at(0)), ElementsAre(at(200), at(300)));
    EXPECT_THAT(store().login_failures_since(anna[1].key, at(0)), ElementsAre(at(200), at(300), at(320)));
    store().clear_login_failures(anna[0].key);
    EXPECT_THAT(store().login_failures_since(anna[0].key, at(0)), IsEmpty());
    EXPECT_THAT(store().login_failures_since(anna[1].key, at(0)), ElementsAre(at(200), at(300), at(320)));
    EXPECT_THAT(store().login_failures_since("address:10.0.0.2", at(0)), IsEmpty());

    // Attempts before the window no longer count, and are forgotten.
    EXPECT_TRUE(store().reserve_login_attempt(bram, "b3", at(400), at(250)));
    EXPECT_THAT(store().login_failures_since(anna[1].key, at(0)), ElementsAre(at(300), at(320), at(400)));
}

TEST_P(StoreContract, SixtyLoginAttemptsAtOnceReserveNoMoreThanTheLimit) {
    for (int round = 0; round < 3; ++round) {
        std::unique_ptr<Store> racing = fresh_store();
        constexpr int tries = 60;
        // One account from one address, and six accounts from another.
        const std::vector<Store::AttemptLimit> one{{"login:anna@example.nl 10.0.0.1", 10}, {"address:10.0.0.1", 30}};
        std::latch start(2 * tries);
        std::atomic<int> reserved_one{0}, failed{0};
        std::array<std::atomic<int>, 6> reserved_many{};
        std::vector<std::thread> threads;
        for (int i = 0; i < tries; ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                try {
                    if (racing->reserve_login_attempt(one, "one-" + std::to_string(i), at(100), at(0))) reserved_one++;
                } catch (...) {
                    failed++;
                }
            });
            threads.emplace_back([&, i] {
                const std::vector<Store::AttemptLimit> many{
                    {"login:p" + std::to_string(i % 6) + "@example.nl 10.0.0.2", 10}, {"address:10.0.0.2", 30}};
                start.arrive_and_wait();
                try {
                    if (racing->reserve_login_attempt(many, "many-" + std::to_string(i), at(100), at(0))) {
                        reserved_many[static_cast<std::size_t>(i % 6)]++;
                    }
                } catch (...) {
                    failed++;
                }
            });
        }
        for (std::thread& thread : threads) thread.join();
        EXPECT_EQ(failed, 0) << "round " << round;
        EXPECT_EQ(reserved_one, 10) << "round " << round;
        int many = 0;
        for (const auto& count : reserved_many) {
            EXPECT_LE(count, 10) << "round " << round;
            many += count;
        }
        EXPECT_EQ(many, 30) << "round " << round;
        EXPECT_EQ(racing->login_failures_since("address:10.0.0.2", at(0)).size(), 30u) << "round " << round;
        // The same account from another address is not held up.
        EXPECT_TRUE(racing->reserve_login_attempt({{"login:anna@example.nl 10.0.0.3", 10}, {"address:10.0.0.3", 30}},
                                                  "owner", at(100), at(0)));
    }
}

// --- competencies -----------------------------------------------------------------------

TEST_P(StoreContract, ListsCompetenciesByName) {
    competency(store(), "c1", "Samenwerken");
    competency(store(), "c2", "Feedback geven");
    competency(store(), "c3", "Plannen");
    std::vector<std::string> names;
    for (const Competency& found : store().list_competencies()) names.push_back(found.name);
    EXPECT_THAT(names, ElementsAre("Feedback geven", "Plannen", "Samenwerken"));

    std::optional<Competency> found = store().find_competency("c2");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->name, "Feedback geven");
    EXPECT_EQ(found->description, "About Feedback geven");
    EXPECT_FALSE(found->archived);
    EXPECT_EQ(store().find_competency("c9"), std::nullopt);
}

TEST_P(StoreContract, RefusesADuplicateCompetencyNameInAnyCase) {
    competency(store(), "c1", "Feedback geven");
    Result<Competency> again = store().create_competency({"c2", "FEEDBACK GEVEN", "", false});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().find_competency("c2"), std::nullopt);
}

TEST_P(StoreContract, UpdatesACompetency) {
    competency(store(), "c1", "Feedback geven");
    competency(store(), "c2", "Plannen");

    Result<Competency> renamed = store().update_competency({"c1", "Feedback Geven", "Nieuw", true});
    ASSERT_TRUE(renamed);  // its own name in another case is no conflict
    Competency found = *store().find_competency("c1");
    EXPECT_EQ(found.name, "Feedback Geven");
    EXPECT_EQ(found.description, "Nieuw");
    EXPECT_TRUE(found.archived);

    Result<Competency> clash = store().update_competency({"c1", "plannen", "", false});
    ASSERT_FALSE(clash);
    EXPECT_EQ(clash.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().find_competency("c1")->name, "Feedback Geven");

    Result<Competency> unknown = store().update_competency({"c9", "Nieuw", "", false});
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);
}

// --- daily: the diary -------------------------------------------------------------------

TEST_P(StoreContract, StoresADiaryEntryWithEveryField) {
    person(store(), "u1");
    competency(store(), "c1", "Feedback geven");
    competency(store(), "c2", "Plannen");
    DiaryEntry entry = diary_entry("u1", day("2026-11-26"), "Één leermoment 🙂 met \"aanhalingstekens\"");
    entry.handling = "Besproken\nmet mijn collega";
    entry.key_learning = "Vraag eerst door";
    entry.competency_ids = {"c2", "c1"};
    entry.tags = {"overleg", "Klant"};
    entry.shared_with_peer = true;
    entry.minutes = 45;
    entry.created_at = at(1'790'000'000);
    entry.updated_at = at(1'790'000'100);

    Store::PutDiaryResult put = store().put_diary_entry(entry);
    EXPECT_TRUE(put.created);
    EXPECT_EQ(put.entry.created_at, at(1'790'000'000));

    std::optional<DiaryEntry> found = store().find_diary_entry("u1", day("2026-11-26"));
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user_id, "u1");
    EXPECT_EQ(found->day, day("2026-11-26"));
    EXPECT_EQ(found->learning_moments, entry.learning_moments);
    EXPECT_EQ(found->handling, entry.handling);
    EXPECT_EQ(found->key_learning, entry.key_learning);
    EXPECT_THAT(found->competency_ids, ElementsAre("c2", "c1"));
    EXPECT_THAT(found->tags, ElementsAre("overleg", "Klant"));
    EXPECT_TRUE(found->shared_with_peer);
    EXPECT_EQ(found->minutes, 45);
    EXPECT_EQ(found->created_at, at(1'790'000'000));
    EXPECT_EQ(found->updated_at, at(1'790'000'100));

    EXPECT_EQ(store().find_diary_entry("u1", day("2026-11-25")), std::nullopt);
    EXPECT_EQ(store().find_diary_entry("u2", day("2026-11-26")), std::nullopt);
}

TEST_P(StoreContract, ReplacingAnEntryKeepsItsCreationTime) {
    person(store(), "u1");
    DiaryEntry entry = diary_entry("u1", day("2026-11-26"), "Eerste versie");
    entry.created_at = at(1000);
    entry.updated_at = at(1000);
    ASSERT_TRUE(store().put_diary_entry(entry).created);

    entry.learning_moments = "Tweede versie";
    entry.minutes = 30;
    entry.created_at = at(2000);  // a replacing write does not move the creation time
    entry.updated_at = at(2000);
    Store::PutDiaryResult replaced = store().put_diary_entry(entry);
    EXPECT_FALSE(replaced.created);
    EXPECT_EQ(replaced.entry.created_at, at(1000));
    EXPECT_EQ(replaced.entry.updated_at, at(2000));
    EXPECT_EQ(replaced.entry.learning_moments, "Tweede versie");

    DiaryEntry found = *store().find_diary_entry("u1", day("2026-11-26"));
    EXPECT_EQ(found.learning_moments, "Tweede versie");
    EXPECT_EQ(found.minutes, 30);
    EXPECT_EQ(found.created_at, at(1000));
    EXPECT_EQ(found.updated_at, at(2000));
}

TEST_P(StoreContract, ReplacingAnEntryReplacesItsCompetenciesAndTags) {
    person(store(), "u1");
    competency(store(), "c1", "Feedback geven");
    competency(store(), "c2", "Plannen");
    competency(store(), "c3", "Samenwerken");
    DiaryEntry entry = diary_entry("u1", day("2026-11-26"), "Tekst");
    entry.competency_ids = {"c1", "c2"};
    entry.tags = {"overleg", "klant", "planning"};
    store().put_diary_entry(entry);

    entry.competency_ids = {"c3"};
    entry.tags = {"feedback"};
    store().put_diary_entry(entry);
    DiaryEntry found = *store().find_diary_entry("u1", day("2026-11-26"));
    EXPECT_THAT(found.competency_ids, ElementsAre("c3"));
    EXPECT_THAT(found.tags, ElementsAre("feedback"));

    DiaryQuery by_old_tag;
    by_old_tag.user_id = "u1";
    by_old_tag.tag = "klant";
    EXPECT_THAT(store().list_diary_entries(by_old_tag).entries, IsEmpty());
    DiaryQuery by_old_competency;
    by_old_competency.user_id = "u1";
    by_old_competency.competency_id = "c1";
    EXPECT_THAT(store().list_diary_entries(by_old_competency).entries, IsEmpty());

    entry.competency_ids = {};
    entry.tags = {};
    store().put_diary_entry(entry);
    found = *store().find_diary_entry("u1", day("2026-11-26"));
    EXPECT_THAT(found.competency_ids, IsEmpty());
    EXPECT_THAT(found.tags, IsEmpty());
}

TEST_P(StoreContract, DeletesAnEntry) {
    person(store(), "u1");
    DiaryEntry entry = diary_entry("u1", day("2026-11-26"), "Weg ermee");
    entry.tags = {"tijdelijk"};
    store().put_diary_entry(entry);
    store().put_diary_entry(diary_entry("u1", day("2026-11-25"), "Blijft"));

    EXPECT_TRUE(store().delete_diary_entry("u1", day("2026-11-26")));
    EXPECT_FALSE(store().delete_diary_entry("u1", day("2026-11-26")));
    EXPECT_FALSE(store().delete_diary_entry("u2", day("2026-11-25")));
    EXPECT_EQ(store().find_diary_entry("u1", day("2026-11-26")), std::nullopt);
    EXPECT_THAT(search(store(), "u1", "weg").entries, IsEmpty());
    EXPECT_THAT(search(store(), "u1", "tijdelijk").entries, IsEmpty());

    // The day can be written again, as a new entry.
    Store::PutDiaryResult again = store().put_diary_entry(diary_entry("u1", day("2026-11-26"), "Opnieuw"));
    EXPECT_TRUE(again.created);
    EXPECT_EQ(search(store(), "u1", "opnieuw").entries.size(), 1u);
}

TEST_P(StoreContract, ListsEntriesNewestFirstWithinFromAndTo) {
    person(store(), "u1");
    person(store(), "u2");
    for (const char* text : {"2026-11-20", "2026-11-22", "2026-11-24", "2026-11-26"}) {
        store().put_diary_entry(diary_entry("u1", day(text), "Entry"));
    }
    store().put_diary_entry(diary_entry("u2", day("2026-11-23"), "Someone else's"));

    DiaryQuery all;
    all.user_id = "u1";
    DiaryPage page = store().list_diary_entries(all);
    EXPECT_THAT(days_of(page.entries),
                ElementsAre(day("2026-11-26"), day("2026-11-24"), day("2026-11-22"), day("2026-11-20")));
    EXPECT_EQ(page.next_before, std::nullopt);

    DiaryQuery range = all;
    range.from = day("2026-11-22");
    range.to = day("2026-11-24");
    EXPECT_THAT(days_of(store().list_diary_entries(range).entries), ElementsAre(day("2026-11-24"), day("2026-11-22")));

    DiaryQuery from_only = all;
    from_only.from = day("2026-11-23");
    EXPECT_THAT(days_of(store().list_diary_entries(from_only).entries),
                ElementsAre(day("2026-11-26"), day("2026-11-24")));

    DiaryQuery to_only = all;
    to_only.to = day("2026-11-21");
    EXPECT_THAT(days_of(store().list_diary_entries(to_only).entries), ElementsAre(day("2026-11-20")));

    DiaryQuery nobody;
    nobody.user_id = "u3";
    EXPECT_THAT(store().list_diary_entries(nobody).entries, IsEmpty());
}

TEST_P(StoreContract, FiltersEntriesByCompetencyTagAndSharing) {
    person(store(), "u1");
    competency(store(), "c1", "Feedback geven");
    competency(store(), "c2", "Plannen");
    DiaryEntry a = diary_entry("u1", day("2026-11-23"), "A");
    a.competency_ids = {"c1"};
    a.tags = {"overleg"};
    a.shared_with_peer = true;
    DiaryEntry b = diary_entry("u1", day("2026-11-24"), "B");
    b.competency_ids = {"c1", "c2"};
    b.tags = {"Klant", "overleg"};
    DiaryEntry c = diary_entry("u1", day("2026-11-25"), "C");
    c.competency_ids = {"c2"};
    c.shared_with_peer = true;
    for (const DiaryEntry& entry : {a, b, c}) store().put_diary_entry(entry);

    DiaryQuery query;
    query.user_id = "u1";
    query.competency_id = "c1";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-24"), day("2026-11-23")));
    query.competency_id = "c2";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-25"), day("2026-11-24")));

    query = {};
    query.user_id = "u1";
    query.tag = "overleg";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-24"), day("2026-11-23")));
    query.tag = "klant";  // tags match regardless of case
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-24")));
    query.tag = "over";  // but as whole tags
    EXPECT_THAT(store().list_diary_entries(query).entries, IsEmpty());

    query = {};
    query.user_id = "u1";
    query.shared_only = true;
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-25"), day("2026-11-23")));

    query.competency_id = "c1";
    query.tag = "overleg";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-23")));

    // Every entry of a page comes with its own lists.
    query = {};
    query.user_id = "u1";
    DiaryPage page = store().list_diary_entries(query);
    ASSERT_EQ(page.entries.size(), 3u);
    EXPECT_THAT(page.entries[0].competency_ids, ElementsAre("c2"));
    EXPECT_THAT(page.entries[0].tags, IsEmpty());
    EXPECT_THAT(page.entries[1].competency_ids, ElementsAre("c1", "c2"));
    EXPECT_THAT(page.entries[1].tags, ElementsAre("Klant", "overleg"));
    EXPECT_THAT(page.entries[2].competency_ids, ElementsAre("c1"));
    EXPECT_THAT(page.entries[2].tags, ElementsAre("overleg"));
}

TEST_P(StoreContract, PagesThroughManyEntriesWithTheCursor) {
    person(store(), "u1");
    person(store(), "u2");
    competency(store(), "c1", "Feedback geven");
    std::vector<Day> written;
    const Day first = day("2026-01-01");
    for (int i = 0; i < 120; ++i) {
        DiaryEntry entry = diary_entry("u1", add_days(first, i), "Leermoment nummer " + std::to_string(i));
        entry.tags = {i % 2 == 0 ? "even" : "oneven"};
        entry.competency_ids = {"c1"};
        store().put_diary_entry(entry);
        written.push_back(entry.day);
        store().put_diary_entry(diary_entry("u2", add_days(first, i), "Niet van u1"));
    }
    std::reverse(written.begin(), written.end());

    DiaryQuery query;
    query.user_id = "u1";
    query.limit = 50;
    std::vector<Day> seen;
    std::vector<std::size_t> page_sizes;
    for (int guard = 0; guard < 10; ++guard) {
        DiaryPage page = store().list_diary_entries(query);
        page_sizes.push_back(page.entries.size());
        for (const DiaryEntry& entry : page.entries) {
            EXPECT_EQ(entry.user_id, "u1");
            EXPECT_THAT(entry.competency_ids, ElementsAre("c1"));
            EXPECT_EQ(entry.tags.size(), 1u);
            seen.push_back(entry.day);
        }
        if (!page.next_before) break;
        EXPECT_EQ(*page.next_before, page.entries.back().day);
        query.before = page.next_before;
    }
    EXPECT_THAT(page_sizes, ElementsAre(50u, 50u, 20u));
    EXPECT_EQ(seen, written);

    // Exactly one full page: no cursor, as nothing follows.
    DiaryQuery exact;
    exact.user_id = "u1";
    exact.limit = 20;
    exact.before = add_days(first, 20);
    DiaryPage last_page = store().list_diary_entries(exact);
    EXPECT_EQ(last_page.entries.size(), 20u);
    EXPECT_EQ(last_page.next_before, std::nullopt);

    // Filters and the cursor together.
    DiaryQuery even;
    even.user_id = "u1";
    even.tag = "even";
    even.limit = 25;
    std::vector<Day> even_days;
    for (int guard = 0; guard < 10; ++guard) {
        DiaryPage page = store().list_diary_entries(even);
        for (const DiaryEntry& entry : page.entries) even_days.push_back(entry.day);
        if (!page.next_before) break;
        even.before = page.next_before;
    }
    EXPECT_EQ(even_days.size(), 60u);
    EXPECT_TRUE(std::is_sorted(even_days.rbegin(), even_days.rend()));
    EXPECT_EQ(std::set<Day>(even_days.begin(), even_days.end()).size(), 60u);

    DiaryQuery largest;
    largest.user_id = "u1";
    largest.limit = 200;
    EXPECT_EQ(store().list_diary_entries(largest).entries.size(), 120u);
}

TEST_P(StoreContract, AnswersTheDaysWithAnEntryInOrder) {
    person(store(), "u1");
    person(store(), "u2");
    for (const char* text : {"2026-11-26", "2026-11-20", "2026-11-23", "2026-12-01"}) {
        store().put_diary_entry(diary_entry("u1", day(text), "Entry"));
    }
    store().put_diary_entry(diary_entry("u2", day("2026-11-24"), "Other"));
    EXPECT_THAT(store().diary_days("u1", day("2026-11-20"), day("2026-11-26")),
                ElementsAre(day("2026-11-20"), day("2026-11-23"), day("2026-11-26")));
    EXPECT_THAT(store().diary_days("u1", day("2026-11-21"), day("2026-11-22")), IsEmpty());
}

TEST_P(StoreContract, AnswersTheKeyLearningsOfAStretchOfDaysWithTheirCompetencies) {
    person(store(), "u1");
    person(store(), "u2");
    competency(store(), "c1", "Feedback geven");
    competency(store(), "c2", "Plannen");
    DiaryEntry both = diary_entry("u1", day("2026-11-24"), "Entry");
    both.key_learning = "Eerst vragen, dan zeggen";
    both.competency_ids = {"c2", "c1"};
    store().put_diary_entry(both);
    DiaryEntry none = diary_entry("u1", day("2026-11-20"), "Entry");
    none.key_learning = "Pauzes helpen";
    store().put_diary_entry(none);
    store().put_diary_entry(diary_entry("u1", day("2026-11-23"), "No key learning"));
    DiaryEntry outside = diary_entry("u1", day("2026-11-27"), "Entry");
    outside.key_learning = "Na de periode";
    store().put_diary_entry(outside);
    DiaryEntry other = diary_entry("u2", day("2026-11-24"), "Other");
    other.key_learning = "Van iemand anders";
    store().put_diary_entry(other);

    std::vector<KeyLearning> learnings = store().key_learnings("u1", day("2026-11-20"), day("2026-11-26"));
    ASSERT_EQ(learnings.size(), 2u);
    EXPECT_EQ(learnings[0].day, day("2026-11-20"));
    EXPECT_EQ(learnings[0].text, "Pauzes helpen");
    EXPECT_THAT(learnings[0].competency_ids, IsEmpty());
    EXPECT_EQ(learnings[1].day, day("2026-11-24"));
    EXPECT_EQ(learnings[1].text, "Eerst vragen, dan zeggen");
    EXPECT_THAT(learnings[1].competency_ids, ElementsAre("c2", "c1"));
    EXPECT_THAT(store().key_learnings("u1", day("2026-11-21"), day("2026-11-23")), IsEmpty());
}

TEST_P(StoreContract, ImportsEntriesAsGiven) {
    person(store(), "u1");
    person(store(), "u2");
    competency(store(), "c1", "Feedback geven");
    std::vector<DiaryEntry> entries;
    for (int i = 0; i < 30; ++i) {
        DiaryEntry entry =
            diary_entry(i % 2 == 0 ? "u1" : "u2", add_days(day("2026-03-01"), i), "Geïmporteerd verslag");
        entry.tags = {"import"};
        entry.competency_ids = {"c1"};
        entry.created_at = at(1000 + i);
        entry.updated_at = at(2000 + i);
        entries.push_back(entry);
    }
    store().import_diary_entries(entries);
    store().import_diary_entries({});

    DiaryEntry found = *store().find_diary_entry("u2", day("2026-03-02"));
    EXPECT_EQ(found.created_at, at(1001));
    EXPECT_EQ(found.updated_at, at(2001));
    EXPECT_THAT(found.tags, ElementsAre("import"));
    EXPECT_THAT(found.competency_ids, ElementsAre("c1"));
    EXPECT_EQ(search(store(), "u1", "geimporteerd").entries.size(), 15u);
    EXPECT_EQ(search(store(), "u2", "import").entries.size(), 15u);
}

// --- daily: full-text search ----------------------------------------------------------------

void write_for_search(Store& store, const char* on, const std::string& moments, const std::string& handling = "",
                      const std::string& key_learning = "", std::vector<std::string> tags = {}) {
    DiaryEntry entry = diary_entry("u1", day(on), moments);
    entry.handling = handling;
    entry.key_learning = key_learning;
    entry.tags = std::move(tags);
    store.put_diary_entry(entry);
}

// Five entries of u1 to search in, and one of u2 with many of the same words.
void write_search_corpus(Store& store) {
    person(store, "u1");
    person(store, "u2");
    write_for_search(store, "2026-11-20", "Vandaag drie leermomenten gehad in het overleg");
    write_for_search(store, "2026-11-21", "Één gesprek met de klant", "Ik gaf Feedback aan mijn collega");
    write_for_search(store, "2026-11-22", "Niets bijzonders", "", "Café-overleg werkt beter dan mail");
    write_for_search(store, "2026-11-23", "Planning gemaakt", "", "", {"presentatie"});
    write_for_search(store, "2026-11-24", "een kort moment, met (haakjes) en \"quotes\"");
    store.put_diary_entry(diary_entry("u2", day("2026-11-21"), "Ook leermomenten en feedback en één café"));
}

TEST_P(StoreContract, SearchMatchesWordPrefixes) {
    write_search_corpus(store());
    EXPECT_THAT(found(store(), "leermoment"), ElementsAre(day("2026-11-20")));
    EXPECT_THAT(found(store(), "leermomenten"), ElementsAre(day("2026-11-20")));
    EXPECT_THAT(found(store(), "moment"), ElementsAre(day("2026-11-24")));  // words, not the middle of words
    EXPECT_THAT(found(store(), "plan"), ElementsAre(day("2026-11-23")));
}

TEST_P(StoreContract, SearchIgnoresCaseAndDiacritics) {
    write_search_corpus(store());
    EXPECT_THAT(found(store(), "een"), ElementsAre(day("2026-11-24"), day("2026-11-21")));
    EXPECT_THAT(found(store(), "één"), ElementsAre(day("2026-11-24"), day("2026-11-21")));
    EXPECT_THAT(found(store(), "EEN"), ElementsAre(day("2026-11-24"), day("2026-11-21")));
    EXPECT_THAT(found(store(), "Feedback"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "feedback"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "cafe"), ElementsAre(day("2026-11-22")));
    EXPECT_THAT(found(store(), "CAFÉ"), ElementsAre(day("2026-11-22")));
}

TEST_P(StoreContract, SearchCoversEveryTextFieldAndTheTags) {
    write_search_corpus(store());
    EXPECT_THAT(found(store(), "collega"), ElementsAre(day("2026-11-21")));      // handling
    EXPECT_THAT(found(store(), "mail"), ElementsAre(day("2026-11-22")));         // key learning
    EXPECT_THAT(found(store(), "presentatie"), ElementsAre(day("2026-11-23")));  // a tag
    EXPECT_THAT(found(store(), "overleg"), ElementsAre(day("2026-11-22"), day("2026-11-20")));
}

TEST_P(StoreContract, SearchRequiresEveryWord) {
    write_search_corpus(store());
    EXPECT_THAT(found(store(), "gesprek klant"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "klant   gesprek"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "gesprek planning"), IsEmpty());
    EXPECT_THAT(found(store(), "onbekendwoord"), IsEmpty());
}

TEST_P(StoreContract, SearchFindsOnlyThePersonsOwnEntries) {
    write_search_corpus(store());
    EXPECT_THAT(days_of(search(store(), "u2", "leermoment").entries), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(days_of(search(store(), "u2", "planning").entries), IsEmpty());
    EXPECT_THAT(days_of(search(store(), "u3", "leermoment").entries), IsEmpty());
}

TEST_P(StoreContract, SearchTreatsQuerySyntaxAsPlainWords) {
    write_search_corpus(store());
    // Quotes, operators and brackets around a word don't change what it finds.
    EXPECT_THAT(found(store(), "\"klant\""), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "(haakjes)"), ElementsAre(day("2026-11-24")));
    EXPECT_THAT(found(store(), "quotes\""), ElementsAre(day("2026-11-24")));
    EXPECT_THAT(found(store(), "klant*"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "-klant"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "^klant"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "learning_moments:klant"), IsEmpty());  // "learning", "moments" and "klant"
    EXPECT_THAT(found(store(), "café-overleg"), ElementsAre(day("2026-11-22")));
    // The operators themselves are words too: nothing here says "and", "or" or "near".
    EXPECT_THAT(found(store(), "klant AND gesprek"), IsEmpty());
    EXPECT_THAT(found(store(), "klant OR planning"), IsEmpty());
    EXPECT_THAT(found(store(), "NEAR(klant gesprek)"), IsEmpty());
    EXPECT_THAT(found(store(), "NOT klant"), IsEmpty());

    for (const char* odd :
         {"\"",   "\"\"",       "'",        "*",        "(",          ")", "()",      "\"unclosed",
          "a\"b", "NEAR(",      "AND",      "OR",       "NOT",        "{", "}",       ":",
          "^",    "-",          "+",        "\\",       "%",          "_", ";",       "'; DROP TABLE users; --",
          "a:b",  "klant\"*\"", "\x01\x02", "\xff\xfe", "emoji 🙂", "…", "«klant»", "日本語"}) {
        EXPECT_NO_THROW(search(store(), "u1", odd)) << odd;
    }
    EXPECT_THAT(found(store(), "«klant»"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "klant…"), ElementsAre(day("2026-11-21")));
}

TEST_P(StoreContract, SearchTextWithoutAWordSearchesForNothingInParticular) {
    write_search_corpus(store());
    EXPECT_EQ(found(store(), "").size(), 5u);
    EXPECT_EQ(found(store(), "   ").size(), 5u);
    EXPECT_EQ(found(store(), "\"*()").size(), 5u);
}

TEST_P(StoreContract, SearchCombinesWithFiltersAndTheCursor) {
    write_search_corpus(store());
    DiaryEntry shared = diary_entry("u1", day("2026-11-25"), "Nog meer overleg gehad");
    shared.shared_with_peer = true;
    shared.tags = {"team"};
    store().put_diary_entry(shared);

    DiaryQuery query;
    query.user_id = "u1";
    query.text = "overleg";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries),
                ElementsAre(day("2026-11-25"), day("2026-11-22"), day("2026-11-20")));
    query.shared_only = true;
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-25")));
    query.shared_only = false;
    query.tag = "team";
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-25")));
    query.tag = "";
    query.from = day("2026-11-21");
    query.to = day("2026-11-24");
    EXPECT_THAT(days_of(store().list_diary_entries(query).entries), ElementsAre(day("2026-11-22")));

    query.from.reset();
    query.to.reset();
    query.limit = 1;
    DiaryPage first = store().list_diary_entries(query);
    EXPECT_THAT(days_of(first.entries), ElementsAre(day("2026-11-25")));
    ASSERT_EQ(first.next_before, day("2026-11-25"));
    query.before = first.next_before;
    DiaryPage second = store().list_diary_entries(query);
    EXPECT_THAT(days_of(second.entries), ElementsAre(day("2026-11-22")));
    ASSERT_EQ(second.next_before, day("2026-11-22"));
    query.before = second.next_before;
    DiaryPage third = store().list_diary_entries(query);
    EXPECT_THAT(days_of(third.entries), ElementsAre(day("2026-11-20")));
    EXPECT_EQ(third.next_before, std::nullopt);
}

TEST_P(StoreContract, SearchForgetsTextThatWasReplaced) {
    write_search_corpus(store());
    write_for_search(store(), "2026-11-21", "Een volledig nieuwe tekst", "", "", {"vervangen"});
    EXPECT_THAT(found(store(), "gesprek"), IsEmpty());
    EXPECT_THAT(found(store(), "feedback"), IsEmpty());
    EXPECT_THAT(found(store(), "volledig"), ElementsAre(day("2026-11-21")));
    EXPECT_THAT(found(store(), "vervangen"), ElementsAre(day("2026-11-21")));
    write_for_search(store(), "2026-11-23", "Planning gemaakt");
    EXPECT_THAT(found(store(), "presentatie"), IsEmpty());
    // The other person's entry with the same words is untouched.
    EXPECT_THAT(days_of(search(store(), "u2", "feedback").entries), ElementsAre(day("2026-11-21")));
}

TEST_P(StoreContract, SearchStaysWithinOnePersonAmongMany) {
    write_search_corpus(store());
    // Many people writing the same words: a search stays within one person's entries.
    for (int i = 3; i < 13; ++i) {
        std::string id = "p" + std::to_string(i);
        person(store(), id);
        for (int d = 0; d < 5; ++d) {
            store().put_diary_entry(diary_entry(id, add_days(day("2026-10-01"), d), "Gedeelde woorden leermoment"));
        }
    }
    EXPECT_EQ(days_of(search(store(), "p7", "gedeelde leer").entries).size(), 5u);
    EXPECT_THAT(found(store(), "gedeelde"), IsEmpty());
}

// --- weekly ---------------------------------------------------------------------------------

WeeklyReview weekly_review(const std::string& user_id, IsoWeek week) {
    WeeklyReview review;
    review.user_id = user_id;
    review.week = week;
    review.peer_meeting = {true, day("2026-11-24"), "Goed gesprek"};
    review.plan = {"c1", "Situatie", "Aanpak", "Meetbaar", day("2026-12-04")};
    review.act = "Bijsturen";
    review.shared_with_peer = true;
    review.created_at = at(1000);
    review.updated_at = at(1000);
    return review;
}

TEST_P(StoreContract, StoresWeeklyReviews) {
    person(store(), "u1");
    const IsoWeek week48{2026, 48};
    EXPECT_EQ(store().find_weekly_review("u1", week48), std::nullopt);

    WeeklyReview review = weekly_review("u1", week48);
    WeeklyReview put = store().put_weekly_review(review);
    EXPECT_EQ(put.created_at, at(1000));
    WeeklyReview found = *store().find_weekly_review("u1", week48);
    EXPECT_EQ(found.user_id, "u1");
    EXPECT_EQ(found.week, week48);
    EXPECT_TRUE(found.peer_meeting.held);
    EXPECT_EQ(found.peer_meeting.day, day("2026-11-24"));
    EXPECT_EQ(found.peer_meeting.notes, "Goed gesprek");
    EXPECT_EQ(found.plan.competency_id, "c1");
    EXPECT_EQ(found.plan.situation, "Situatie");
    EXPECT_EQ(found.plan.approach, "Aanpak");
    EXPECT_EQ(found.plan.measure, "Meetbaar");
    EXPECT_EQ(found.plan.deadline, day("2026-12-04"));
    EXPECT_EQ(found.act, "Bijsturen");
    EXPECT_TRUE(found.shared_with_peer);
    EXPECT_EQ(found.updated_at, at(1000));

    // Replaced, with the empty values of an unfinished plan; created_at stays.
    WeeklyReview unfinished;
    unfinished.user_id = "u1";
    unfinished.week = week48;
    unfinished.created_at = at(2000);
    unfinished.updated_at = at(2000);
    WeeklyReview replaced = store().put_weekly_review(unfinished);
    EXPECT_EQ(replaced.created_at, at(1000));
    found = *store().find_weekly_review("u1", week48);
    EXPECT_FALSE(found.peer_meeting.held);
    EXPECT_EQ(found.peer_meeting.day, std::nullopt);
    EXPECT_EQ(found.plan.deadline, std::nullopt);
    EXPECT_EQ(found.plan.competency_id, "");
    EXPECT_EQ(found.act, "");
    EXPECT_FALSE(found.shared_with_peer);
    EXPECT_EQ(found.created_at, at(1000));
    EXPECT_EQ(found.updated_at, at(2000));

    store().put_weekly_review(weekly_review("u1", {2026, 2}));
    store().put_weekly_review(weekly_review("u1", {2025, 52}));
    std::vector<IsoWeek> weeks;
    for (const WeeklyReview& listed : store().list_weekly_reviews("u1")) weeks.push_back(listed.week);
    EXPECT_THAT(weeks, ElementsAre(IsoWeek{2025, 52}, IsoWeek{2026, 2}, IsoWeek{2026, 48}));
    EXPECT_THAT(store().list_weekly_reviews("u2"), IsEmpty());
}

// --- monthly --------------------------------------------------------------------------------

TEST_P(StoreContract, StoresMonthlyReflections) {
    person(store(), "u1");
    const Month november{2026, 11};
    EXPECT_EQ(store().find_monthly_reflection("u1", november), std::nullopt);
    MonthlyReflection reflection;
    reflection.user_id = "u1";
    reflection.month = november;
    reflection.focus_competency_ids = {"c1", "c2"};
    reflection.went_well = "Goed";
    reflection.could_be_better = "Beter";
    reflection.approach = "Aanpak";
    reflection.goal_progress = {{"g1", GoalStatus::on_track, "Loopt"}, {"g2", GoalStatus::achieved, ""}};
    reflection.sol_meeting_attended = true;
    reflection.created_at = at(1000);
    reflection.updated_at = at(1000);
    EXPECT_EQ(store().put_monthly_reflection(reflection).created_at, at(1000));

    MonthlyReflection found = *store().find_monthly_reflection("u1", november);
    EXPECT_EQ(found.user_id, "u1");
    EXPECT_EQ(found.month, november);
    EXPECT_THAT(found.focus_competency_ids, ElementsAre("c1", "c2"));
    EXPECT_EQ(found.went_well, "Goed");
    EXPECT_EQ(found.could_be_better, "Beter");
    EXPECT_EQ(found.approach, "Aanpak");
    ASSERT_EQ(found.goal_progress.size(), 2u);
    EXPECT_EQ(found.goal_progress[0].goal_id, "g1");
    EXPECT_EQ(found.goal_progress[0].status, GoalStatus::on_track);
    EXPECT_EQ(found.goal_progress[0].note, "Loopt");
    EXPECT_EQ(found.goal_progress[1].status, GoalStatus::achieved);
    EXPECT_TRUE(found.sol_meeting_attended);

    reflection.focus_competency_ids = {"c3"};
    reflection.goal_progress = {};
    reflection.created_at = at(2000);
    reflection.updated_at = at(2000);
    EXPECT_EQ(store().put_monthly_reflection(reflection).created_at, at(1000));
    found = *store().find_monthly_reflection("u1", november);
    EXPECT_THAT(found.focus_competency_ids, ElementsAre("c3"));
    EXPECT_THAT(found.goal_progress, IsEmpty());
    EXPECT_EQ(found.created_at, at(1000));
    EXPECT_EQ(found.updated_at, at(2000));

    reflection.month = {2026, 9};
    store().put_monthly_reflection(reflection);
    std::vector<Month> months;
    for (const MonthlyReflection& listed : store().list_monthly_reflections("u1")) months.push_back(listed.month);
    EXPECT_THAT(months, ElementsAre(Month{2026, 9}, Month{2026, 11}));
}

// --- quarterly ------------------------------------------------------------------------------

LearningContract contract(const std::string& user_id, Quarter quarter, int revision, ContractStatus status) {
    LearningContract contract;
    contract.user_id = user_id;
    contract.quarter = quarter;
    contract.revision = revision;
    contract.where_from = "Van";
    contract.where_now = "Nu";
    contract.aims = "Doelen r" + std::to_string(revision);
    contract.approach = "Hoe";
    contract.evidence = "Bewijs";
    contract.competency_ids = {"c1"};
    contract.goals = {{"g1", "Doel een", "Meetbaar", day("2026-12-15")}, {"g2", "Doel twee", "", std::nullopt}};
    contract.status = status;
    contract.created_at = at(1000LL * revision);
    contract.updated_at = at(1000LL * revision);
    return contract;
}

TEST_P(StoreContract, KeepsEveryRevisionOfAContract) {
    person(store(), "u1");
    person(store(), "u2");
    const Quarter q4{2026, 4};
    EXPECT_EQ(store().find_learning_contract("u1", q4), std::nullopt);

    LearningContract first = contract("u1", q4, 1, ContractStatus::shared);
    first.discussion = {{"u2", "Mooi plan", true, at(1500)}};
    store().put_learning_contract(first);
    LearningContract found = *store().find_learning_contract("u1", q4);
    EXPECT_EQ(found.revision, 1);
    EXPECT_EQ(found.user_id, "u1");
    EXPECT_EQ(found.quarter, q4);
    EXPECT_EQ(found.where_from, "Van");
    EXPECT_EQ(found.where_now, "Nu");
    EXPECT_EQ(found.aims, "Doelen r1");
    EXPECT_EQ(found.approach, "Hoe");
    EXPECT_EQ(found.evidence, "Bewijs");
    EXPECT_THAT(found.competency_ids, ElementsAre("c1"));
    ASSERT_EQ(found.goals.size(), 2u);
    EXPECT_EQ(found.goals[0].id, "g1");
    EXPECT_EQ(found.goals[0].text, "Doel een");
    EXPECT_EQ(found.goals[0].measure, "Meetbaar");
    EXPECT_EQ(found.goals[0].deadline, day("2026-12-15"));
    EXPECT_EQ(found.goals[1].deadline, std::nullopt);
    EXPECT_EQ(found.status, ContractStatus::shared);
    ASSERT_EQ(found.discussion.size(), 1u);
    EXPECT_EQ(found.discussion[0].by, "u2");
    EXPECT_EQ(found.discussion[0].comment, "Mooi plan");
    EXPECT_TRUE(found.discussion[0].agree);
    EXPECT_EQ(found.discussion[0].at, at(1500));

    // Replacing the same revision keeps its creation time.
    LearningContract agreed = first;
    agreed.status = ContractStatus::agreed;
    agreed.created_at = at(9999);
    agreed.updated_at = at(1600);
    EXPECT_EQ(store().put_learning_contract(agreed).created_at, at(1000));
    EXPECT_EQ(store().find_learning_contract("u1", q4)->status, ContractStatus::agreed);

    // A new revision becomes the current one; the earlier stays readable.
    store().put_learning_contract(contract("u1", q4, 2, ContractStatus::draft));
    found = *store().find_learning_contract("u1", q4);
    EXPECT_EQ(found.revision, 2);
    EXPECT_EQ(found.status, ContractStatus::draft);
    EXPECT_THAT(found.discussion, IsEmpty());
    std::vector<LearningContract> revisions = store().list_contract_revisions("u1", q4);
    ASSERT_EQ(revisions.size(), 2u);
    EXPECT_EQ(revisions[0].revision, 1);
    EXPECT_EQ(revisions[0].status, ContractStatus::agreed);
    EXPECT_EQ(revisions[0].created_at, at(1000));
    EXPECT_EQ(revisions[1].revision, 2);

    // The current contract of every quarter, in order.
    store().put_learning_contract(contract("u1", {2026, 1}, 1, ContractStatus::agreed));
    store().put_learning_contract(contract("u1", {2026, 1}, 2, ContractStatus::shared));
    store().put_learning_contract(contract("u1", {2026, 1}, 3, ContractStatus::agreed));
    store().put_learning_contract(contract("u2", {2026, 2}, 1, ContractStatus::agreed));
    std::vector<LearningContract> current = store().list_learning_contracts("u1");
    ASSERT_EQ(current.size(), 2u);
    EXPECT_EQ(current[0].quarter, (Quarter{2026, 1}));
    EXPECT_EQ(current[0].revision, 3);
    EXPECT_EQ(current[1].quarter, q4);
    EXPECT_EQ(current[1].revision, 2);
    EXPECT_THAT(store().list_contract_revisions("u1", {2025, 4}), IsEmpty());
}

// --- yearly ---------------------------------------------------------------------------------

// Each item keeps the version its save gives it (the operations count them).
TEST_P(StoreContract, KeepsTheVersionOfEachLevelsItem) {
    person(store(), "u1");
    DiaryEntry entry = diary_entry("u1", day("2026-11-24"), "Leermoment");
    entry.version = 3;
    EXPECT_EQ(store().put_diary_entry(entry).entry.version, 3);
    EXPECT_EQ(store().find_diary_entry("u1", entry.day)->version, 3);
    entry.version = 4;
    store().put_diary_entry(entry);
    EXPECT_EQ(store().find_diary_entry("u1", entry.day)->version, 4);
    DiaryQuery query;
    query.user_id = "u1";
    EXPECT_EQ(store().list_diary_entries(query).entries.at(0).version, 4);

    WeeklyReview review = weekly_review("u1", IsoWeek{2026, 48});
    review.version = 2;
    store().put_weekly_review(review);
    review.version = 5;
    store().put_weekly_review(review);
    EXPECT_EQ(store().find_weekly_review("u1", review.week)->version, 5);

    MonthlyReflection reflection;
    reflection.user_id = "u1";
    reflection.month = Month{2026, 11};
    reflection.version = 7;
    store().put_monthly_reflection(reflection);
    EXPECT_EQ(store().find_monthly_reflection("u1", reflection.month)->version, 7);

    LearningContract first = contract("u1", Quarter{2026, 4}, 1, ContractStatus::shared);
    first.version = 2;
    store().put_learning_contract(first);
    LearningContract second = contract("u1", Quarter{2026, 4}, 2, ContractStatus::draft);
    second.version = 3;
    store().put_learning_contract(second);
    EXPECT_EQ(store().find_learning_contract("u1", Quarter{2026, 4})->version, 3);
    EXPECT_EQ(store().list_contract_revisions("u1", Quarter{2026, 4}).at(0).version, 2);

    YearlyReview year;
    year.user_id = "u1";
    year.year = Year{2026};
    year.version = 9;
    store().put_yearly_review(year);
    EXPECT_EQ(store().find_yearly_review("u1", Year{2026})->version, 9);
}

TEST_P(StoreContract, StoresYearlyReviews) {
    person(store(), "u1");
    const Year year{2026};
    EXPECT_EQ(store().find_yearly_review("u1", year), std::nullopt);
    YearlyReview review;
    review.user_id = "u1";
    review.year = year;
    review.challenging = 4;
    review.inspiring = 5;
    review.rewarding = 1;
    review.next_step = NextStep::grow_in_role;
    review.notes = "Notities";
    review.created_at = at(1000);
    review.updated_at = at(1000);
    store().put_yearly_review(review);
    YearlyReview found = *store().find_yearly_review("u1", year);
    EXPECT_EQ(found.user_id, "u1");
    EXPECT_EQ(found.year, year);
    EXPECT_EQ(found.challenging, 4);
    EXPECT_EQ(found.inspiring, 5);
    EXPECT_EQ(found.rewarding, 1);
    EXPECT_EQ(found.next_step, NextStep::grow_in_role);
    EXPECT_EQ(found.notes, "Notities");

    YearlyReview blank;
    blank.user_id = "u1";
    blank.year = year;
    blank.created_at = at(2000);
    blank.updated_at = at(2000);
    EXPECT_EQ(store().put_yearly_review(blank).created_at, at(1000));
    found = *store().find_yearly_review("u1", year);
    EXPECT_EQ(found.challenging, std::nullopt);
    EXPECT_EQ(found.inspiring, std::nullopt);
    EXPECT_EQ(found.rewarding, std::nullopt);
    EXPECT_EQ(found.next_step, std::nullopt);
    EXPECT_EQ(found.notes, "");
    EXPECT_EQ(found.created_at, at(1000));
    EXPECT_EQ(found.updated_at, at(2000));

    blank.year = Year{2024};
    store().put_yearly_review(blank);
    std::vector<Year> years;
    for (const YearlyReview& listed : store().list_yearly_reviews("u1")) years.push_back(listed.year);
    EXPECT_THAT(years, ElementsAre(Year{2024}, Year{2026}));
}

// --- organisation counts --------------------------------------------------------------------

TEST_P(StoreContract, CountsParticipationInAPeriod) {
    for (const char* id : {"m1", "m2", "m3", "m4"}) person(store(), id);
    person(store(), "a1", Role::admin);
    // November 2026: weeks 2026-W44 (from Mon 26 Oct) to 2026-W49 (to Sun 6 Dec), Q4.
    const Day from = day("2026-11-01"), to = day("2026-11-30");
    EXPECT_EQ(store().participation(from, to, "nobody").members, 5);

    // Diary: m1 twice in the period, m2 inside, m3 only outside.
    store().put_diary_entry(diary_entry("m1", day("2026-11-01"), "x"));
    store().put_diary_entry(diary_entry("m1", day("2026-11-30"), "x"));
    store().put_diary_entry(diary_entry("m2", day("2026-11-15"), "x"));
    store().put_diary_entry(diary_entry("m3", day("2026-10-31"), "x"));
    store().put_diary_entry(diary_entry("m3", day("2026-12-01"), "x"));

    // Peer meetings: held in W44 (touches 1 Nov) and W49 (touches 30 Nov) count; W43 doesn't,
    // nor a week in the period without a held meeting.
    WeeklyReview held = weekly_review("m1", {2026, 44});
    store().put_weekly_review(held);
    held.user_id = "a1";
    held.week = {2026, 49};
    store().put_weekly_review(held);
    held.user_id = "m2";
    held.week = {2026, 43};
    store().put_weekly_review(held);
    WeeklyReview not_held = weekly_review("m3", {2026, 46});
    not_held.peer_meeting.held = false;
    store().put_weekly_review(not_held);

    // Reflections: November counts, October and December don't.
    MonthlyReflection reflection;
    reflection.user_id = "m4";
    reflection.month = {2026, 11};
    store().put_monthly_reflection(reflection);
    reflection.user_id = "m1";
    reflection.month = {2026, 10};
    store().put_monthly_reflection(reflection);
    reflection.month = {2026, 12};
    store().put_monthly_reflection(reflection);

    // Contracts: the current revision decides.
    store().put_learning_contract(contract("m1", {2026, 4}, 1, ContractStatus::agreed));
    store().put_learning_contract(contract("m2", {2026, 4}, 1, ContractStatus::agreed));
    store().put_learning_contract(contract("m2", {2026, 4}, 2, ContractStatus::draft));  // not agreed anymore
    store().put_learning_contract(contract("m3", {2026, 4}, 1, ContractStatus::shared));
    store().put_learning_contract(contract("m3", {2026, 4}, 2, ContractStatus::agreed));
    store().put_learning_contract(contract("m4", {2026, 3}, 1, ContractStatus::agreed));  // another quarter

    ParticipationCounts counts = store().participation(from, to, "nobody");
    EXPECT_EQ(counts.members, 5);
    EXPECT_EQ(counts.wrote_diary, 2);
    EXPECT_EQ(counts.held_peer_meeting, 2);
    EXPECT_EQ(counts.wrote_reflection, 1);
    EXPECT_EQ(counts.agreed_contract, 2);

    // A period across a quarter's edge reaches the weeks, months and quarters on both sides.
    ParticipationCounts quarter_edge = store().participation(day("2026-09-30"), day("2026-10-01"), "nobody");
    EXPECT_EQ(quarter_edge.wrote_reflection, 1);  // m1's October
    EXPECT_EQ(quarter_edge.agreed_contract, 3);   // m1, m3 in Q4 and m4 in Q3

    // The admin who asks is left out of every count (a1 held a meeting in W49).
    ParticipationCounts without_a1 = store().participation(from, to, "a1");
    EXPECT_EQ(without_a1.members, 4);
    EXPECT_EQ(without_a1.held_peer_meeting, 1);
    EXPECT_EQ(without_a1.wrote_diary, 2);
    EXPECT_EQ(store().participation(from, to, "m1").wrote_diary, 1);
}

// --- erasing a person -----------------------------------------------------------------------

TEST_P(StoreContract, ErasingAPersonErasesEverythingTheyWrote) {
    person(store(), "gone");
    person(store(), "stays");
    competency(store(), "c1", "Feedback geven");
    for (const std::string id : {"gone", "stays"}) {
        DiaryEntry entry = diary_entry(id, day("2026-11-26"), "Gedeeld woord leermoment");
        entry.tags = {"overleg"};
        entry.competency_ids = {"c1"};
        store().put_diary_entry(entry);
        store().put_weekly_review(weekly_review(id, {2026, 48}));
        MonthlyReflection reflection;
        reflection.user_id = id;
        reflection.month = {2026, 11};
        store().put_monthly_reflection(reflection);
        store().put_learning_contract(contract(id, {2026, 4}, 1, ContractStatus::agreed));
        YearlyReview review;
        review.user_id = id;
        review.year = Year{2026};
        store().put_yearly_review(review);
        store().create_session({"session-" + id, id, "csrf", at(1000), at(9000)});
        store().create_access_token({"token-" + id, id, "laptop", "token-hash-" + id, at(1000)});
    }
    // "gone" commented on the contract of "stays", beside a comment of someone else.
    LearningContract discussed = contract("stays", {2026, 4}, 1, ContractStatus::agreed);
    discussed.discussion = {{"gone", "Akkoord", true, at(1100)}, {"stays", "Dank je", false, at(1200)}};
    store().put_learning_contract(discussed);

    store().delete_user("gone");

    EXPECT_EQ(store().find_user("gone"), std::nullopt);
    EXPECT_EQ(store().find_user_by_email("gone@example.nl"), std::nullopt);
    EXPECT_EQ(store().password_hash("gone"), std::nullopt);
    EXPECT_EQ(store().find_session("session-gone"), std::nullopt);
    EXPECT_EQ(store().find_access_token("token-hash-gone"), std::nullopt);
    EXPECT_THAT(store().list_access_tokens("gone"), IsEmpty());
    EXPECT_EQ(store().find_diary_entry("gone", day("2026-11-26")), std::nullopt);
    DiaryQuery all_of_gone;
    all_of_gone.user_id = "gone";
    EXPECT_THAT(store().list_diary_entries(all_of_gone).entries, IsEmpty());
    EXPECT_THAT(search(store(), "gone", "leermoment").entries, IsEmpty());
    EXPECT_THAT(store().diary_days("gone", day("2026-01-01"), day("2026-12-31")), IsEmpty());
    EXPECT_THAT(store().list_weekly_reviews("gone"), IsEmpty());
    EXPECT_THAT(store().list_monthly_reflections("gone"), IsEmpty());
    EXPECT_THAT(store().list_learning_contracts("gone"), IsEmpty());
    EXPECT_THAT(store().list_yearly_reviews("gone"), IsEmpty());
    EXPECT_EQ(store().count_users(), 1);

    // The other person keeps all of theirs, minus the erased person's comment.
    EXPECT_TRUE(store().find_session("session-stays"));
    EXPECT_TRUE(store().find_access_token("token-hash-stays"));
    EXPECT_TRUE(store().find_diary_entry("stays", day("2026-11-26")));
    EXPECT_EQ(search(store(), "stays", "leermoment").entries.size(), 1u);
    EXPECT_EQ(store().list_weekly_reviews("stays").size(), 1u);
    EXPECT_EQ(store().list_monthly_reflections("stays").size(), 1u);
    EXPECT_EQ(store().list_yearly_reviews("stays").size(), 1u);
    LearningContract kept = *store().find_learning_contract("stays", {2026, 4});
    ASSERT_EQ(kept.discussion.size(), 1u);
    EXPECT_EQ(kept.discussion[0].by, "stays");
    EXPECT_EQ(kept.discussion[0].comment, "Dank je");

    ParticipationCounts counts = store().participation(day("2026-11-01"), day("2026-11-30"), "nobody");
    EXPECT_EQ(counts.members, 1);
    EXPECT_EQ(counts.wrote_diary, 1);

    // The address is free again, and the days too.
    ASSERT_TRUE(store().create_user(new_user("again", "gone@example.nl")));
    EXPECT_TRUE(store().put_diary_entry(diary_entry("again", day("2026-11-26"), "Nieuw begin")).created);
    EXPECT_THAT(search(store(), "again", "leermoment").entries, IsEmpty());

    store().delete_user("nobody");  // no error
}

// --- the fixed colleague (peer) -------------------------------------------------------------

PeerInvitation invitation(const std::string& id, const std::string& from, const std::string& to, long long when) {
    return {id, from, to, at(when)};
}

// Makes `a` and `b` each other's peer through an invitation, as people do.
void pair(Store& store, const std::string& a, const std::string& b) {
    const std::string id = "pair-" + a + "-" + b;
    Result<PeerInvitation> invited = store.create_peer_invitation(invitation(id, a, b, 1000));
    if (!invited) throw std::runtime_error("could not invite: " + invited.error().message);
    Status accepted = store.accept_peer_invitation(id, b, at(1100));
    if (!accepted) throw std::runtime_error("could not accept: " + accepted.error().message);
}

std::vector<std::string> invitation_ids(const std::vector<PeerInvitation>& invitations) {
    std::vector<std::string> ids;
    for (const PeerInvitation& each : invitations) ids.push_back(each.id);
    return ids;
}

TEST_P(StoreContract, KeepsListsAndWithdrawsPeerInvitations) {
    person(store(), "anna");
    person(store(), "bram");
    person(store(), "cas");
    Result<PeerInvitation> created = store().create_peer_invitation(invitation("i1", "anna", "bram", 1000));
    ASSERT_TRUE(created) << created.error().message;
    ASSERT_TRUE(store().create_peer_invitation(invitation("i2", "cas", "anna", 1200)));

    std::optional<PeerInvitation> found = store().find_peer_invitation("i1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->from_user_id, "anna");
    EXPECT_EQ(found->to_user_id, "bram");
    EXPECT_EQ(found->created_at, at(1000));
    EXPECT_THAT(invitation_ids(store().list_peer_invitations("anna")), ElementsAre("i1", "i2"));  // oldest first
    EXPECT_THAT(invitation_ids(store().list_peer_invitations("bram")), ElementsAre("i1"));
    EXPECT_EQ(store().find_peer_invitation("nothing"), std::nullopt);

    EXPECT_TRUE(store().delete_peer_invitation("i1"));
    EXPECT_FALSE(store().delete_peer_invitation("i1"));
    EXPECT_EQ(store().find_peer_invitation("i1"), std::nullopt);
    EXPECT_THAT(invitation_ids(store().list_peer_invitations("bram")), IsEmpty());
    // Withdrawn, it may be made again.
    EXPECT_TRUE(store().create_peer_invitation(invitation("i3", "bram", "anna", 1300)));
}

TEST_P(StoreContract, RefusesInvitationsThatCannotLeadToAPair) {
    person(store(), "anna");
    person(store(), "bram");
    person(store(), "cas");
    person(store(), "dirk");

    Result<PeerInvitation> self = store().create_peer_invitation(invitation("i0", "anna", "anna", 1000));
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, ErrorCode::validation_failed);

    Result<PeerInvitation> unknown = store().create_peer_invitation(invitation("i0", "anna", "nobody", 1000));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    ASSERT_TRUE(store().create_peer_invitation(invitation("i1", "anna", "bram", 1000)));
    for (const auto& [from, to] : {std::pair{"anna", "bram"}, std::pair{"bram", "anna"}}) {
        Result<PeerInvitation> again = store().create_peer_invitation(invitation("i2", from, to, 1100));
        ASSERT_FALSE(again);
        EXPECT_EQ(again.error().code, ErrorCode::conflict);  // one pending between the two, either way
    }

    pair(store(), "cas", "dirk");
    for (const auto& [from, to] : {std::pair{"anna", "cas"}, std::pair{"dirk", "bram"}}) {
        Result<PeerInvitation> taken = store().create_peer_invitation(invitation("i3", from, to, 1200));
        ASSERT_FALSE(taken);
        EXPECT_EQ(taken.error().code, ErrorCode::conflict);  // either side has a peer
    }
    EXPECT_EQ(store().find_peer_invitation("i2"), std::nullopt);
    EXPECT_EQ(store().find_peer_invitation("i3"), std::nullopt);
}

TEST_P(StoreContract, AcceptingMakesAPairAndClearsEveryPendingInvitationOfBoth) {
    for (const char* id : {"anna", "bram", "cas", "dirk", "eva"}) person(store(), id);
    ASSERT_TRUE(store().create_peer_invitation(invitation("i1", "anna", "bram", 1000)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i2", "cas", "anna", 1100)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i3", "bram", "dirk", 1200)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i4", "cas", "eva", 1300)));

    // Only the one it was sent to accepts it.
    Status by_sender = store().accept_peer_invitation("i1", "anna", at(2000));
    ASSERT_FALSE(by_sender);
    EXPECT_EQ(by_sender.error().code, ErrorCode::not_found);
    Status unknown = store().accept_peer_invitation("nothing", "bram", at(2000));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    Status accepted = store().accept_peer_invitation("i1", "bram", at(2000));
    ASSERT_TRUE(accepted) << accepted.error().message;
    EXPECT_EQ(store().find_user("anna")->peer_id, "bram");
    EXPECT_EQ(store().find_user("bram")->peer_id, "anna");
    EXPECT_EQ(store().find_user("cas")->peer_id, std::nullopt);
    for (const char* gone : {"i1", "i2", "i3"}) EXPECT_EQ(store().find_peer_invitation(gone), std::nullopt) << gone;
    EXPECT_TRUE(store().find_peer_invitation("i4"));  // between two others
    EXPECT_THAT(store().list_peer_invitations("anna"), IsEmpty());
    EXPECT_THAT(store().list_peer_invitations("dirk"), IsEmpty());

    // An invitation taken away by the accept can't be accepted any more.
    Status late = store().accept_peer_invitation("i2", "anna", at(2100));
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::not_found);
    EXPECT_EQ(store().find_user("cas")->peer_id, std::nullopt);
}

TEST_P(StoreContract, TwoAcceptsAtOnceMakeOnePair) {
    for (const char* id : {"anna", "bram", "cas"}) person(store(), id);
    ASSERT_TRUE(store().create_peer_invitation(invitation("i1", "bram", "anna", 1000)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i2", "cas", "anna", 1100)));
    std::latch start(2);
    std::atomic<int> accepted{0}, refused{0};
    std::vector<std::thread> threads;
    for (const char* id : {"i1", "i2"}) {
        threads.emplace_back([&, id] {
            start.arrive_and_wait();
            Status result = store().accept_peer_invitation(id, "anna", at(2000));
            (result ? accepted : refused)++;
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(accepted, 1);
    EXPECT_EQ(refused, 1);
    const std::string peer = store().find_user("anna")->peer_id.value_or("");
    ASSERT_TRUE(peer == "bram" || peer == "cas") << peer;
    EXPECT_EQ(store().find_user(peer)->peer_id, "anna");
    EXPECT_EQ(store().find_user(peer == "bram" ? "cas" : "bram")->peer_id, std::nullopt);
}

TEST_P(StoreContract, EndingThePairUnsharesEverythingOfBoth) {
    for (const char* id : {"anna", "bram", "cas"}) person(store(), id);
    pair(store(), "anna", "bram");
    for (const char* id : {"anna", "bram", "cas"}) {
        DiaryEntry entry = diary_entry(id, day("2026-11-26"), "Gedeeld");
        entry.shared_with_peer = true;
        store().put_diary_entry(entry);
        DiaryEntry own = diary_entry(id, day("2026-11-25"), "Eigen");
        store().put_diary_entry(own);
        store().put_weekly_review(weekly_review(id, {2026, 48}));  // shared
        LearningContract shared = contract(id, {2026, 4}, 1, ContractStatus::shared);
        shared.shared_with_peer = true;
        store().put_learning_contract(shared);
        LearningContract agreed = contract(id, {2026, 3}, 1, ContractStatus::agreed);
        agreed.shared_with_peer = true;
        store().put_learning_contract(agreed);
    }
    store().record_peer_opening({"anna", SharedKind::diary_entry, "2026-11-26", "bram", at(3000), at(3000)});
    store().record_peer_opening({"bram", SharedKind::weekly_review, "2026-W48", "anna", at(3100), at(3100)});
    ASSERT_TRUE(store().set_peer_meeting_slot("anna", {2, 10 * 60, 45, "Europe/Amsterdam"}));

    EXPECT_TRUE(store().end_pair("bram", at(4000)));

    EXPECT_EQ(store().find_user("anna")->peer_id, std::nullopt);
    EXPECT_EQ(store().find_user("bram")->peer_id, std::nullopt);
    for (const char* id : {"anna", "bram"}) {
        EXPECT_FALSE(store().find_diary_entry(id, day("2026-11-26"))->shared_with_peer) << id;
        EXPECT_EQ(store().find_diary_entry(id, day("2026-11-26"))->learning_moments, "Gedeeld") << id;
        EXPECT_FALSE(store().find_weekly_review(id, {2026, 48})->shared_with_peer) << id;
        LearningContract was_shared = *store().find_learning_contract(id, {2026, 4});
        EXPECT_FALSE(was_shared.shared_with_peer) << id;
        EXPECT_EQ(was_shared.status, ContractStatus::draft) << id;
        LearningContract was_agreed = *store().find_learning_contract(id, {2026, 3});
        EXPECT_FALSE(was_agreed.shared_with_peer) << id;
        EXPECT_EQ(was_agreed.status, ContractStatus::agreed) << id;  // agreed stays agreed, unseen
        EXPECT_THAT(store().list_peer_openings(id), IsEmpty()) << id;
        EXPECT_EQ(store().peer_meeting_slot(id), std::nullopt) << id;
        DiaryQuery shared_only;
        shared_only.user_id = id;
        shared_only.shared_only = true;
        EXPECT_THAT(store().list_diary_entries(shared_only).entries, IsEmpty()) << id;
    }
    // Someone outside the pair keeps what they share.
    EXPECT_TRUE(store().find_diary_entry("cas", day("2026-11-26"))->shared_with_peer);
    EXPECT_TRUE(store().find_weekly_review("cas", {2026, 48})->shared_with_peer);
    EXPECT_EQ(store().find_learning_contract("cas", {2026, 4})->status, ContractStatus::shared);
    EXPECT_TRUE(store().find_learning_contract("cas", {2026, 4})->shared_with_peer);

    EXPECT_FALSE(store().end_pair("anna", at(4100)));  // no peer any more
    EXPECT_FALSE(store().set_peer_meeting_slot("anna", {2, 600, 30, "Europe/Amsterdam"}));
    // Both may pair again, with each other or anyone.
    pair(store(), "bram", "anna");
    EXPECT_EQ(store().find_user("anna")->peer_id, "bram");
    EXPECT_EQ(store().peer_meeting_slot("anna"), std::nullopt);  // a new pair chooses anew
}

TEST_P(StoreContract, KeepsTheContractsSharingApartFromItsStatus) {
    person(store(), "anna");
    LearningContract agreed = contract("anna", {2026, 4}, 1, ContractStatus::agreed);
    agreed.shared_with_peer = false;
    store().put_learning_contract(agreed);
    EXPECT_FALSE(store().find_learning_contract("anna", {2026, 4})->shared_with_peer);
    agreed.shared_with_peer = true;
    store().put_learning_contract(agreed);
    EXPECT_TRUE(store().find_learning_contract("anna", {2026, 4})->shared_with_peer);
    EXPECT_TRUE(store().list_learning_contracts("anna").front().shared_with_peer);
    EXPECT_TRUE(store().list_contract_revisions("anna", {2026, 4}).front().shared_with_peer);
    LearningContract revised = contract("anna", {2026, 4}, 2, ContractStatus::draft);
    store().put_learning_contract(revised);
    EXPECT_FALSE(store().find_learning_contract("anna", {2026, 4})->shared_with_peer);
    EXPECT_TRUE(store().list_contract_revisions("anna", {2026, 4}).front().shared_with_peer);
}

TEST_P(StoreContract, ThePairSharesOneMeetingSlot) {
    for (const char* id : {"anna", "bram", "cas"}) person(store(), id);
    EXPECT_FALSE(store().set_peer_meeting_slot("anna", {1, 540, 30, "Europe/Amsterdam"}));  // no peer yet
    pair(store(), "anna", "bram");
    EXPECT_EQ(store().peer_meeting_slot("anna"), std::nullopt);  // not chosen yet
    ASSERT_TRUE(store().set_peer_meeting_slot("bram", {4, 14 * 60 + 30, 60, "America/New_York"}));
    for (const char* id : {"anna", "bram"}) {
        std::optional<PeerMeetingSlot> slot = store().peer_meeting_slot(id);
        ASSERT_TRUE(slot) << id;
        EXPECT_EQ(slot->weekday, 4);
        EXPECT_EQ(slot->minute_of_day, 14 * 60 + 30);
        EXPECT_EQ(slot->duration_minutes, 60);
        EXPECT_EQ(slot->timezone, "America/New_York");
    }
    ASSERT_TRUE(store().set_peer_meeting_slot("anna", {1, 9 * 60, 30, "Europe/Amsterdam"}));
    EXPECT_EQ(store().peer_meeting_slot("bram")->weekday, 1);
    EXPECT_EQ(store().peer_meeting_slot("cas"), std::nullopt);
}

TEST_P(StoreContract, AnOpeningKeepsTheFirstTimeAndUpdatesTheLast) {
    person(store(), "anna");
    person(store(), "bram");
    pair(store(), "anna", "bram");
    store().record_peer_opening({"anna", SharedKind::diary_entry, "2026-11-26", "bram", at(1000), at(1000)});
    store().record_peer_opening({"anna", SharedKind::diary_entry, "2026-11-26", "bram", at(2000), at(2000)});
    store().record_peer_opening({"anna", SharedKind::learning_contract, "2026-Q4", "bram", at(1500), at(1500)});
    store().record_peer_opening({"anna", SharedKind::weekly_review, "2026-W48", "bram", at(1700), at(1700)});
    std::vector<PeerOpening> openings = store().list_peer_openings("anna");
    ASSERT_EQ(openings.size(), 3u);
    auto find = [&](SharedKind kind) {
        return *std::find_if(openings.begin(), openings.end(), [&](const PeerOpening& o) { return o.kind == kind; });
    };
    PeerOpening diary = find(SharedKind::diary_entry);
    EXPECT_EQ(diary.period, "2026-11-26");
    EXPECT_EQ(diary.viewer_id, "bram");
    EXPECT_EQ(diary.first_opened_at, at(1000));
    EXPECT_EQ(diary.last_opened_at, at(2000));
    EXPECT_EQ(find(SharedKind::learning_contract).period, "2026-Q4");
    EXPECT_EQ(find(SharedKind::weekly_review).first_opened_at, at(1700));
    EXPECT_THAT(store().list_peer_openings("bram"), IsEmpty());
}

// --- events ---------------------------------------------------------------------------------

Event event(const std::string& id, long long starts, long long ends, std::optional<int> capacity = std::nullopt) {
    Event made;
    made.id = id;
    made.kind = EventKind::learning_day;
    made.title = "Lerende organisatie dag " + id;
    made.starts_at = at(starts);
    made.ends_at = at(ends);
    made.location = "Zaal 1";
    made.description = "Programma";
    made.capacity = capacity;
    made.organiser_id = "org";
    made.created_at = at(500);
    return made;
}

std::vector<std::string> event_ids(const std::vector<Event>& events) {
    std::vector<std::string> ids;
    for (const Event& each : events) ids.push_back(each.id);
    return ids;
}

TEST_P(StoreContract, StoresFindsUpdatesAndDeletesEvents) {
    person(store(), "org");
    Event sol = event("e1", 10'000, 13'600, 12);
    sol.kind = EventKind::sol_meeting;
    sol.series_id = "s1";
    Event second = event("e2", 20'000, 23'600);
    second.series_id = "s1";
    store().create_events({sol, second});

    std::optional<Event> found = store().find_event("e1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->kind, EventKind::sol_meeting);
    EXPECT_EQ(found->title, sol.title);
    EXPECT_EQ(found->starts_at, at(10'000));
    EXPECT_EQ(found->ends_at, at(13'600));
    EXPECT_EQ(found->location, "Zaal 1");
    EXPECT_EQ(found->description, "Programma");
    EXPECT_EQ(found->capacity, 12);
    EXPECT_EQ(found->organiser_id, "org");
    EXPECT_EQ(found->series_id, "s1");
    EXPECT_EQ(found->created_at, at(500));
    EXPECT_EQ(store().find_event("e2")->capacity, std::nullopt);
    EXPECT_EQ(store().find_event("nothing"), std::nullopt);

    Event changed = *found;
    changed.title = "Andere titel";
    changed.starts_at = at(11'000);
    changed.ends_at = at(12'000);
    changed.location = "Zaal 2";
    changed.description = "";
    changed.capacity = std::nullopt;
    store().update_event(changed);
    found = store().find_event("e1");
    EXPECT_EQ(found->title, "Andere titel");
    EXPECT_EQ(found->starts_at, at(11'000));
    EXPECT_EQ(found->ends_at, at(12'000));
    EXPECT_EQ(found->location, "Zaal 2");
    EXPECT_EQ(found->description, "");
    EXPECT_EQ(found->capacity, std::nullopt);
    EXPECT_EQ(found->series_id, "s1");

    EXPECT_TRUE(store().delete_event("e1"));
    EXPECT_FALSE(store().delete_event("e1"));
    EXPECT_EQ(store().find_event("e1"), std::nullopt);
    EXPECT_TRUE(store().find_event("e2"));
}

TEST_P(StoreContract, ListsTheEventsThatOverlapAWindowByStart) {
    store().create_events({event("late", 5000, 6000), event("early", 1000, 2000), event("long", 500, 9000),
                           event("edge", 4000, 4500)});
    EXPECT_THAT(event_ids(store().list_events(at(1500), at(4000))), ElementsAre("long", "early"));
    EXPECT_THAT(event_ids(store().list_events(at(2000), at(4001))), ElementsAre("long", "edge"));  // [from, to)
    EXPECT_THAT(event_ids(store().list_events(at(0), at(10'000))), ElementsAre("long", "early", "edge", "late"));
    EXPECT_THAT(store().list_events(at(9000), at(10'000)), IsEmpty());
}

TEST_P(StoreContract, AnswersRsvpsWithinTheCapacity) {
    for (const char* id : {"anna", "bram", "cas"}) person(store(), id);
    store().create_events({event("e1", 10'000, 13'600, 2), event("free", 20'000, 23'600)});

    EXPECT_EQ(store().event_attendance("e1", "anna").going_count, 0);
    EXPECT_EQ(store().event_attendance("e1", "anna").mine, std::nullopt);
    ASSERT_TRUE(store().set_rsvp("e1", "anna", RsvpStatus::going, at(100)));
    ASSERT_TRUE(store().set_rsvp("e1", "bram", RsvpStatus::going, at(110)));
    Status full = store().set_rsvp("e1", "cas", RsvpStatus::going, at(120));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::conflict);
    EXPECT_EQ(store().event_attendance("e1", "cas").mine, std::nullopt);  // nothing changed
    EXPECT_TRUE(store().set_rsvp("e1", "anna", RsvpStatus::going, at(130)));  // going again when full: fine
    EXPECT_TRUE(store().set_rsvp("e1", "cas", RsvpStatus::not_going, at(140)));  // not going: always
    EXPECT_EQ(store().event_attendance("e1", "anna").going_count, 2);
    EXPECT_EQ(store().event_attendance("e1", "anna").mine, RsvpStatus::going);
    EXPECT_EQ(store().event_attendance("e1", "cas").mine, RsvpStatus::not_going);

    ASSERT_TRUE(store().set_rsvp("e1", "bram", RsvpStatus::not_going, at(150)));  // a seat comes free
    EXPECT_TRUE(store().set_rsvp("e1", "cas", RsvpStatus::going, at(160)));
    EXPECT_EQ(store().event_attendance("e1", "bram").going_count, 2);

    for (int i = 0; i < 3; ++i) EXPECT_TRUE(store().set_rsvp("free", "anna", RsvpStatus::going, at(170)));
    EXPECT_TRUE(store().set_rsvp("free", "bram", RsvpStatus::going, at(170)));
    EXPECT_EQ(store().event_attendance("free", "cas").going_count, 2);

    Status unknown = store().set_rsvp("nothing", "anna", RsvpStatus::going, at(180));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    EXPECT_THAT(event_ids(store().events_going("anna", at(0), at(100'000))), ElementsAre("e1", "free"));
    EXPECT_THAT(event_ids(store().events_going("bram", at(0), at(100'000))), ElementsAre("free"));
    EXPECT_THAT(event_ids(store().events_going("anna", at(15'000), at(100'000))), ElementsAre("free"));

    EXPECT_TRUE(store().delete_event("e1"));  // its answers go with it
    EXPECT_EQ(store().event_attendance("e1", "anna").going_count, 0);
    EXPECT_EQ(store().event_attendance("e1", "anna").mine, std::nullopt);
}

TEST_P(StoreContract, ManyAskingForTheLastSeatAtOnceGetItOnce) {
    constexpr int people = 6;
    for (int i = 0; i < people; ++i) person(store(), "p" + std::to_string(i));
    person(store(), "first");
    store().create_events({event("e1", 10'000, 13'600, 2)});
    ASSERT_TRUE(store().set_rsvp("e1", "first", RsvpStatus::going, at(100)));
    std::latch start(people);
    std::atomic<int> going{0}, refused{0}, failed{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < people; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                Status answer = store().set_rsvp("e1", "p" + std::to_string(i), RsvpStatus::going, at(200));
                if (answer) {
                    going++;
                } else if (answer.error().code == ErrorCode::conflict) {
                    refused++;
                }
            } catch (...) {
                failed++;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(going, 1);
    EXPECT_EQ(refused, people - 1);
    EXPECT_EQ(store().event_attendance("e1", "first").going_count, 2);
}

EventSession event_session(const std::string& id, const std::string& event_id, long long starts,
                           std::optional<int> capacity) {
    return {id, event_id, "Sessie " + id, "Anna", "Over " + id, at(starts), at(starts + 1800), capacity};
}

TEST_P(StoreContract, KeepsTheProgrammeWithSignUpsWithinCapacity) {
    for (const char* id : {"anna", "bram", "cas"}) person(store(), id);
    store().create_events({event("day", 10'000, 40'000)});
    store().create_event_session(event_session("late", "day", 20'000, 1));
    store().create_event_session(event_session("early", "day", 12'000, std::nullopt));

    std::optional<EventSession> found = store().find_event_session("late");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->event_id, "day");
    EXPECT_EQ(found->title, "Sessie late");
    EXPECT_EQ(found->host, "Anna");
    EXPECT_EQ(found->description, "Over late");
    EXPECT_EQ(found->starts_at, at(20'000));
    EXPECT_EQ(found->ends_at, at(21'800));
    EXPECT_EQ(found->capacity, 1);
    EXPECT_EQ(store().find_event_session("early")->capacity, std::nullopt);
    EXPECT_EQ(store().find_event_session("nothing"), std::nullopt);

    ASSERT_TRUE(store().set_session_signup("late", "anna", true, at(100)));
    EXPECT_TRUE(store().set_session_signup("late", "anna", true, at(110)));  // again: fine
    Status full = store().set_session_signup("late", "bram", true, at(120));
    ASSERT_FALSE(full);
    EXPECT_EQ(full.error().code, ErrorCode::conflict);
    for (const char* id : {"anna", "bram", "cas"}) ASSERT_TRUE(store().set_session_signup("early", id, true, at(130)));
    ASSERT_TRUE(store().set_session_signup("early", "cas", false, at(140)));
    EXPECT_TRUE(store().set_session_signup("early", "cas", false, at(150)));  // not signed up: fine
    Status unknown = store().set_session_signup("nothing", "anna", true, at(160));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::not_found);

    std::vector<ProgrammeSession> programme = store().event_programme("day", "bram");
    ASSERT_EQ(programme.size(), 2u);
    EXPECT_EQ(programme[0].session.id, "early");  // by start
    EXPECT_EQ(programme[0].going_count, 2);
    EXPECT_TRUE(programme[0].mine);
    EXPECT_EQ(programme[1].session.id, "late");
    EXPECT_EQ(programme[1].going_count, 1);
    EXPECT_FALSE(programme[1].mine);
    EXPECT_TRUE(store().event_programme("day", "anna")[1].mine);

    ASSERT_TRUE(store().set_session_signup("late", "anna", false, at(170)));  // a place comes free
    EXPECT_TRUE(store().set_session_signup("late", "bram", true, at(180)));

    EXPECT_TRUE(store().delete_event("day"));  // the programme goes with it
    EXPECT_EQ(store().find_event_session("late"), std::nullopt);
    EXPECT_THAT(store().event_programme("day", "anna"), IsEmpty());
}

TEST_P(StoreContract, RemovesOneSessionOfTheProgrammeWithItsSignUps) {
    for (const char* id : {"anna", "bram"}) person(store(), id);
    store().create_events({event("day", 10'000, 40'000), event("other", 50'000, 80'000)});
    store().create_event_session(event_session("gone", "day", 12'000, std::nullopt));
    store().create_event_session(event_session("kept", "day", 20'000, std::nullopt));
    store().create_event_session(event_session("elsewhere", "other", 52'000, std::nullopt));
    for (const char* id : {"anna", "bram"}) {
        ASSERT_TRUE(store().set_session_signup("gone", id, true, at(100)));
        ASSERT_TRUE(store().set_session_signup("kept", id, true, at(100)));
        ASSERT_TRUE(store().set_session_signup("elsewhere", id, true, at(100)));
    }

    EXPECT_FALSE(store().delete_event_session("other", "gone"));  // not a session of that event
    EXPECT_FALSE(store().delete_event_session("day", "nothing"));
    EXPECT_FALSE(store().delete_event_session("nothing", "gone"));
    EXPECT_TRUE(store().find_event_session("gone"));

    EXPECT_TRUE(store().delete_event_session("day", "gone"));
    EXPECT_FALSE(store().delete_event_session("day", "gone"));
    EXPECT_EQ(store().find_event_session("gone"), std::nullopt);
    std::vector<ProgrammeSession> programme = store().event_programme("day", "anna");
    ASSERT_EQ(programme.size(), 1u);
    EXPECT_EQ(programme[0].session.id, "kept");
    EXPECT_EQ(programme[0].going_count, 2);
    EXPECT_TRUE(programme[0].mine);
    programme = store().event_programme("other", "bram");
    ASSERT_EQ(programme.size(), 1u);
    EXPECT_EQ(programme[0].going_count, 2);
    EXPECT_TRUE(store().find_event("day"));

    // The sign-ups went with it: a new session under the same id starts empty.
    store().create_event_session(event_session("gone", "day", 12'000, std::nullopt));
    programme = store().event_programme("day", "anna");
    ASSERT_EQ(programme.size(), 2u);
    EXPECT_EQ(programme[0].session.id, "gone");
    EXPECT_EQ(programme[0].going_count, 0);
    EXPECT_FALSE(programme[0].mine);
}

// --- reminders -------------------------------------------------------------------------------

TEST_P(StoreContract, ReminderSettingsAreOffUntilSet) {
    person(store(), "anna");
    person(store(), "bram");
    ReminderSettings none = store().reminder_settings("anna");
    EXPECT_EQ(none.user_id, "anna");
    for (Level level : all_levels) {
        EXPECT_FALSE(none.at(level).enabled);
        EXPECT_EQ(none.at(level).minute_of_day, 17 * 60);
        EXPECT_EQ(none.at(level).weekday, 5);
    }
    EXPECT_THAT(store().list_active_reminder_settings(), IsEmpty());

    ReminderSettings settings{"anna"};
    settings.at(Level::weekly) = {true, 16 * 60 + 30, 4};
    settings.at(Level::yearly) = {false, 9 * 60, 5};
    store().put_reminder_settings(settings);
    ReminderSettings stored = store().reminder_settings("anna");
    EXPECT_TRUE(stored.at(Level::weekly).enabled);
    EXPECT_EQ(stored.at(Level::weekly).minute_of_day, 16 * 60 + 30);
    EXPECT_EQ(stored.at(Level::weekly).weekday, 4);
    EXPECT_FALSE(stored.at(Level::yearly).enabled);
    EXPECT_EQ(stored.at(Level::yearly).minute_of_day, 9 * 60);
    EXPECT_FALSE(stored.at(Level::daily).enabled);

    ReminderSettings off{"bram"};
    store().put_reminder_settings(off);  // stored, all off: not active
    std::vector<ReminderSettings> active = store().list_active_reminder_settings();
    ASSERT_EQ(active.size(), 1u);
    EXPECT_EQ(active[0].user_id, "anna");
    EXPECT_TRUE(active[0].at(Level::weekly).enabled);
    EXPECT_EQ(active[0].at(Level::yearly).minute_of_day, 9 * 60);

    settings.at(Level::weekly).enabled = false;
    store().put_reminder_settings(settings);
    EXPECT_THAT(store().list_active_reminder_settings(), IsEmpty());
}

ReminderJob reminder(const std::string& id, const std::string& user_id, Level level, const std::string& period,
                     long long due) {
    ReminderJob job;
    job.id = id;
    job.user_id = user_id;
    job.level = level;
    job.period = period;
    job.due_at = at(due);
    return job;
}

std::vector<std::string> job_ids(const std::vector<ReminderJob>& jobs) {
    std::vector<std::string> ids;
    for (const ReminderJob& each : jobs) ids.push_back(each.id);
    return ids;
}

TEST_P(StoreContract, EnqueuesAReminderOncePerPersonLevelAndPeriod) {
    person(store(), "anna");
    person(store(), "bram");
    EXPECT_TRUE(store().enqueue_reminder(reminder("j1", "anna", Level::daily, "2026-11-26", 1000)));
    EXPECT_FALSE(store().enqueue_reminder(reminder("j2", "anna", Level::daily, "2026-11-26", 1100)));
    EXPECT_TRUE(store().enqueue_reminder(reminder("j3", "anna", Level::daily, "2026-11-27", 2000)));
    EXPECT_TRUE(store().enqueue_reminder(reminder("j4", "anna", Level::weekly, "2026-W48", 1500)));
    EXPECT_TRUE(store().enqueue_reminder(reminder("j5", "bram", Level::daily, "2026-11-26", 1000)));
    std::vector<ReminderJob> jobs = store().list_reminder_jobs("anna");
    EXPECT_THAT(job_ids(jobs), ElementsAre("j1", "j4", "j3"));  // by due time
    EXPECT_EQ(jobs[0].user_id, "anna");
    EXPECT_EQ(jobs[0].level, Level::daily);
    EXPECT_EQ(jobs[0].period, "2026-11-26");
    EXPECT_EQ(jobs[0].due_at, at(1000));
    EXPECT_EQ(jobs[0].state, ReminderJobState::pending);
    EXPECT_EQ(jobs[0].attempts, 0);
    EXPECT_EQ(jobs[0].sent_at, std::nullopt);
}

TEST_P(StoreContract, ClaimsDueRemindersLeasesReleasesAndSends) {
    person(store(), "anna");
    ASSERT_TRUE(store().enqueue_reminder(reminder("j1", "anna", Level::daily, "2026-11-26", 1000)));
    ASSERT_TRUE(store().enqueue_reminder(reminder("j2", "anna", Level::weekly, "2026-W48", 1200)));
    ASSERT_TRUE(store().enqueue_reminder(reminder("j3", "anna", Level::monthly, "2026-11", 5000)));  // not due

    std::vector<ReminderJob> claimed = store().claim_reminders("w1", at(2000), at(2300), 10);
    EXPECT_THAT(job_ids(claimed), ElementsAre("j1", "j2"));
    EXPECT_EQ(claimed[0].state, ReminderJobState::claimed);
    EXPECT_EQ(claimed[0].claimed_by, "w1");
    EXPECT_EQ(claimed[0].lease_until, at(2300));
    EXPECT_THAT(store().claim_reminders("w2", at(2100), at(2400), 10), IsEmpty());  // leased

    store().mark_reminder_sent("j1", at(2050));
    store().release_reminder("j2", at(3000));  // sending failed
    std::vector<ReminderJob> jobs = store().list_reminder_jobs("anna");
    ASSERT_EQ(jobs.size(), 3u);
    EXPECT_EQ(jobs[0].id, "j1");
    EXPECT_EQ(jobs[0].state, ReminderJobState::sent);
    EXPECT_EQ(jobs[0].sent_at, at(2050));
    EXPECT_EQ(jobs[1].id, "j2");
    EXPECT_EQ(jobs[1].state, ReminderJobState::pending);
    EXPECT_EQ(jobs[1].due_at, at(3000));
    EXPECT_EQ(jobs[1].attempts, 1);

    EXPECT_THAT(store().claim_reminders("w2", at(2900), at(3200), 10), IsEmpty());  // retry not due yet
    EXPECT_THAT(job_ids(store().claim_reminders("w2", at(3000), at(3300), 10)), ElementsAre("j2"));
    // The lease runs out without a word from w2: another worker takes it over.
    EXPECT_THAT(store().claim_reminders("w3", at(3299), at(3600), 10), IsEmpty());
    std::vector<ReminderJob> taken_over = store().claim_reminders("w3", at(3300), at(3600), 10);
    EXPECT_THAT(job_ids(taken_over), ElementsAre("j2"));
    EXPECT_EQ(taken_over[0].claimed_by, "w3");
    store().release_reminder("j2", at(3700));
    EXPECT_EQ(store().list_reminder_jobs("anna")[1].attempts, 2);

    // Sent is final: never claimed again, however late it is.
    std::vector<ReminderJob> later = store().claim_reminders("w4", at(100'000), at(100'300), 10);
    EXPECT_THAT(job_ids(later), ElementsAre("j2", "j3"));
    store().mark_reminder_sent("j2", at(100'010));
    store().mark_reminder_sent("j3", at(100'020));
    store().release_reminder("j3", at(100'030));  // too late: a sent one stays sent
    EXPECT_THAT(store().claim_reminders("w5", at(1'000'000), at(1'000'300), 10), IsEmpty());
    EXPECT_EQ(store().list_reminder_jobs("anna").back().state, ReminderJobState::sent);
    // At most `limit` at a time.
    ASSERT_TRUE(store().enqueue_reminder(reminder("j4", "anna", Level::daily, "2026-11-27", 6000)));
    ASSERT_TRUE(store().enqueue_reminder(reminder("j5", "anna", Level::daily, "2026-11-28", 7000)));
    EXPECT_THAT(job_ids(store().claim_reminders("w6", at(8000), at(8300), 1)), ElementsAre("j4"));
}

TEST_P(StoreContract, WorkersClaimingAtOnceGetEachJobOnce) {
    constexpr int jobs = 60, workers = 4;
    person(store(), "anna");
    for (int i = 0; i < jobs; ++i) {
        ASSERT_TRUE(store().enqueue_reminder(
            reminder("j" + std::to_string(i), "anna", Level::daily, "2026-" + std::to_string(1000 + i), 1000 + i)));
    }
    std::latch start(workers);
    std::mutex mutex;
    std::vector<std::string> claimed;
    std::atomic<int> failed{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            start.arrive_and_wait();
            try {
                for (;;) {
                    std::vector<ReminderJob> got =
                        store().claim_reminders("w" + std::to_string(w), at(5000), at(5300), 3);
                    if (got.empty()) break;
                    std::lock_guard lock(mutex);
                    for (const ReminderJob& job : got) claimed.push_back(job.id);
                }
            } catch (...) {
                failed++;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(claimed.size(), static_cast<std::size_t>(jobs));
    EXPECT_EQ(std::set<std::string>(claimed.begin(), claimed.end()).size(), static_cast<std::size_t>(jobs));
}

// --- the calendar feed -------------------------------------------------------------------------

TEST_P(StoreContract, RotatingTheCalendarSecretRetiresTheOldOne) {
    person(store(), "anna");
    person(store(), "bram");
    EXPECT_EQ(store().calendar_token("anna"), std::nullopt);
    store().set_calendar_token("anna", "geheim-1");
    store().set_calendar_token("bram", "geheim-b");
    EXPECT_EQ(store().calendar_token("anna"), "geheim-1");
    EXPECT_EQ(store().user_of_calendar_token("geheim-1"), "anna");
    store().set_calendar_token("anna", "geheim-2");
    EXPECT_EQ(store().calendar_token("anna"), "geheim-2");
    EXPECT_EQ(store().user_of_calendar_token("geheim-1"), std::nullopt);
    EXPECT_EQ(store().user_of_calendar_token("geheim-2"), "anna");
    EXPECT_EQ(store().user_of_calendar_token("geheim-b"), "bram");
    EXPECT_EQ(store().user_of_calendar_token("unknown"), std::nullopt);
}

// --- erasing a person's social rhythm ------------------------------------------------------------

TEST_P(StoreContract, ErasingAPersonErasesTheirSocialRhythmAndEndsTheirPair) {
    for (const char* id : {"gone", "peer", "other"}) person(store(), id);
    pair(store(), "gone", "peer");
    DiaryEntry shared = diary_entry("peer", day("2026-11-26"), "Gedeeld met gone");
    shared.shared_with_peer = true;
    store().put_diary_entry(shared);
    LearningContract peer_contract = contract("peer", {2026, 4}, 1, ContractStatus::shared);
    peer_contract.shared_with_peer = true;
    store().put_learning_contract(peer_contract);
    store().record_peer_opening({"peer", SharedKind::diary_entry, "2026-11-26", "gone", at(1000), at(1000)});
    store().record_peer_opening({"gone", SharedKind::diary_entry, "2026-11-26", "peer", at(1000), at(1000)});
    ASSERT_TRUE(store().set_peer_meeting_slot("peer", {3, 600, 30, "Europe/Amsterdam"}));
    Event organised = event("mine", 10'000, 13'600, 5);
    organised.organiser_id = "gone";
    store().create_events({organised, event("theirs", 20'000, 23'600)});
    ASSERT_TRUE(store().set_rsvp("mine", "gone", RsvpStatus::going, at(100)));
    ASSERT_TRUE(store().set_rsvp("theirs", "gone", RsvpStatus::going, at(100)));
    ASSERT_TRUE(store().set_rsvp("mine", "other", RsvpStatus::going, at(100)));
    store().create_event_session(event_session("s1", "theirs", 20'000, 1));
    ASSERT_TRUE(store().set_session_signup("s1", "gone", true, at(100)));
    ReminderSettings settings{"gone"};
    settings.at(Level::daily).enabled = true;
    store().put_reminder_settings(settings);
    ASSERT_TRUE(store().enqueue_reminder(reminder("j1", "gone", Level::daily, "2026-11-26", 1000)));
    store().set_calendar_token("gone", "geheim");

    store().delete_user("gone");

    EXPECT_EQ(store().find_user("peer")->peer_id, std::nullopt);
    EXPECT_FALSE(store().find_diary_entry("peer", day("2026-11-26"))->shared_with_peer);
    EXPECT_FALSE(store().find_learning_contract("peer", {2026, 4})->shared_with_peer);
    EXPECT_EQ(store().find_learning_contract("peer", {2026, 4})->status, ContractStatus::draft);
    EXPECT_THAT(store().list_peer_openings("peer"), IsEmpty());
    EXPECT_EQ(store().peer_meeting_slot("peer"), std::nullopt);
    // The events they organised stay, without an organiser; their answers are gone.
    ASSERT_TRUE(store().find_event("mine"));
    EXPECT_EQ(store().find_event("mine")->organiser_id, "");
    EXPECT_EQ(store().find_event("theirs")->organiser_id, "org");
    EXPECT_EQ(store().event_attendance("mine", "other").going_count, 1);
    EXPECT_EQ(store().event_attendance("theirs", "other").going_count, 0);
    EXPECT_THAT(store().events_going("gone", at(0), at(100'000)), IsEmpty());
    EXPECT_EQ(store().event_programme("theirs", "gone")[0].going_count, 0);
    EXPECT_FALSE(store().reminder_settings("gone").at(Level::daily).enabled);
    EXPECT_THAT(store().list_active_reminder_settings(), IsEmpty());
    EXPECT_THAT(store().list_reminder_jobs("gone"), IsEmpty());
    EXPECT_THAT(store().claim_reminders("w", at(100'000), at(100'300), 10), IsEmpty());
    EXPECT_EQ(store().calendar_token("gone"), std::nullopt);
    EXPECT_EQ(store().user_of_calendar_token("geheim"), std::nullopt);

    // The peer may pair again at once.
    pair(store(), "peer", "other");
    EXPECT_EQ(store().find_user("other")->peer_id, "peer");
}

TEST_P(StoreContract, ErasingAPersonErasesTheirPendingInvitations) {
    for (const char* id : {"gone", "anna", "bram"}) person(store(), id);
    ASSERT_TRUE(store().create_peer_invitation(invitation("i1", "gone", "anna", 1000)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i2", "bram", "gone", 1100)));
    ASSERT_TRUE(store().create_peer_invitation(invitation("i3", "anna", "bram", 1200)));
    store().delete_user("gone");
    EXPECT_EQ(store().find_peer_invitation("i1"), std::nullopt);
    EXPECT_EQ(store().find_peer_invitation("i2"), std::nullopt);
    EXPECT_THAT(invitation_ids(store().list_peer_invitations("anna")), ElementsAre("i3"));
}

// --- listing everything, and moving an installation ------------------------------------------

nlohmann::json json_of(const std::string& text) {
    return nlohmann::json::parse(text);
}

Draft draft(const std::string& user_id, DraftKind kind, const std::string& period, const std::string& body,
            long long when) {
    return {user_id, kind, period, body, at(when)};
}

TEST_P(StoreContract, KeepsOneDraftPerPersonKindAndPeriod) {
    person(store(), "u1");
    person(store(), "u2");
    const std::string body = R"({"learning_moments":"Half af","tags":["overleg"]})";
    store().put_draft(draft("u1", DraftKind::diary, "2026-11-26", body, 100));
    store().put_draft(draft("u1", DraftKind::week, "2026-W48", R"({"act":"x"})", 300));
    store().put_draft(draft("u1", DraftKind::diary, "2026-11-25", R"({})", 200));
    store().put_draft(draft("u2", DraftKind::diary, "2026-11-26", R"({"van":"u2"})", 400));

    std::optional<Draft> found = store().find_draft("u1", DraftKind::diary, "2026-11-26");
    ASSERT_TRUE(found);
    EXPECT_EQ(json_of(found->body), json_of(body));  // PostgreSQL keeps JSON in its own spacing
    EXPECT_EQ(found->updated_at, at(100));
    EXPECT_FALSE(store().find_draft("u1", DraftKind::month, "2026-11-26"));

    // Typing on replaces it.
    store().put_draft(draft("u1", DraftKind::diary, "2026-11-26", R"({"learning_moments":"Heel"})", 500));
    std::vector<Draft> mine = store().list_drafts("u1");
    ASSERT_EQ(mine.size(), 3u);  // newest first, and only mine
    EXPECT_EQ(mine[0].period, "2026-11-26");
    EXPECT_EQ(json_of(mine[0].body)["learning_moments"], "Heel");
    EXPECT_EQ(mine[1].kind, DraftKind::week);
    EXPECT_EQ(mine[2].period, "2026-11-25");

    EXPECT_TRUE(store().delete_draft("u1", DraftKind::diary, "2026-11-26"));
    EXPECT_FALSE(store().delete_draft("u1", DraftKind::diary, "2026-11-26"));
    EXPECT_EQ(store().list_drafts("u1").size(), 2u);
    EXPECT_TRUE(store().find_draft("u2", DraftKind::diary, "2026-11-26"));

    store().delete_user("u2");  // erased with the account
    EXPECT_TRUE(store().list_drafts("u2").empty());
}

TEST_P(StoreContract, ListsEverySettingByKey) {
    // A new database holds one setting of its own: the key of the reminder off-links
    // (64 hex digits), made by its migrations so that every process agrees on it.
    const auto own = store().list_settings();
    ASSERT_THAT(own, ElementsAre(Pair("reminder_link_key", SizeIs(64))));
    store().set_setting("b", "2");
    store().set_setting("a", "1");
    using Setting = std::pair<std::string, std::string>;
    EXPECT_THAT(store().list_settings(), ElementsAre(Setting{"a", "1"}, Setting{"b", "2"}, own[0]));
}

TEST_P(StoreContract, ListsEverySessionOldestFirst) {
    person(store(), "u1");
    person(store(), "u2");
    store().create_session({"h2", "u2", "csrf2", at(2000), at(9000)});
    store().create_session({"h1", "u1", "csrf1", at(1000), at(8000)});
    std::vector<Session> sessions = store().list_sessions();
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_EQ(sessions[0].token_hash, "h1");
    EXPECT_EQ(sessions[0].user_id, "u1");
    EXPECT_EQ(sessions[0].csrf_token, "csrf1");
    EXPECT_EQ(sessions[0].created_at, at(1000));
    EXPECT_EQ(sessions[0].expires_at, at(8000));
    EXPECT_EQ(sessions[1].token_hash, "h2");
}

// Everything a store holds, as text, to compare two stores.
std::string everything_in(Store& store) {
    std::ostringstream out;
    auto day_or_dash = [](const std::optional<Day>& value) { return value ? format_day(*value) : std::string("-"); };
    auto when = [](Timestamp value) { return value.time_since_epoch().count(); };
    for (const auto& [key, value] : store.list_settings()) out << "setting " << key << "=" << value << "\n";
    for (const Competency& c : store.list_competencies()) {
        out << "competency " << c.id << "|" << c.name << "|" << c.description << "|" << c.archived << "\n";
    }
    for (const Session& s : store.list_sessions()) {
        out << "session " << s.token_hash << "|" << s.user_id << "|" << s.csrf_token << "|" << when(s.created_at)
            << "|" << when(s.expires_at) << "\n";
    }
    for (const User& u : store.list_users()) {
        out << "user " << u.id << "|" << u.email << "|" << u.name << "|" << to_string(u.role) << "|"
            << to_string(u.locale) << "|" << u.timezone << "|" << u.peer_id.value_or("-") << "|" << when(u.created_at)
            << "|" << store.password_hash(u.id).value_or("?") << "|";
        for (int d : u.workdays) out << d << ",";
        out << "\n";
        for (const AccessToken& t : store.list_access_tokens(u.id)) {
            out << " token " << t.id << "|" << t.name << "|" << t.token_hash << "|" << when(t.created_at) << "\n";
        }
        DiaryQuery query;
        query.user_id = u.id;
        query.limit = 200;
        for (const DiaryEntry& e : store.list_diary_entries(query).entries) {
            out << " entry " << format_day(e.day) << "|" << e.learning_moments << "|" << e.handling << "|"
                << e.key_learning << "|" << e.shared_with_peer << "|" << e.minutes << "|" << when(e.created_at) << "|"
                << when(e.updated_at) << "|";
            for (const std::string& c : e.competency_ids) out << c << ",";
            out << "|";
            for (const std::string& t : e.tags) out << t << ",";
            out << "\n";
        }
        for (const WeeklyReview& w : store.list_weekly_reviews(u.id)) {
            out << " week " << format_week(w.week) << "|" << w.peer_meeting.held << "|" << day_or_dash(w.peer_meeting.day)
                << "|" << w.peer_meeting.notes << "|" << w.plan.competency_id << "|" << w.plan.situation << "|"
                << w.plan.approach << "|" << w.plan.measure << "|" << day_or_dash(w.plan.deadline) << "|" << w.act
                << "|" << w.shared_with_peer << "|" << when(w.created_at) << "|" << when(w.updated_at) << "\n";
        }
        for (const MonthlyReflection& m : store.list_monthly_reflections(u.id)) {
            out << " month " << format_month(m.month) << "|" << m.went_well << "|" << m.could_be_better << "|"
                << m.approach << "|" << m.sol_meeting_attended << "|" << when(m.created_at) << "|" << when(m.updated_at);
            for (const std::string& c : m.focus_competency_ids) out << "|" << c;
            for (const GoalProgress& g : m.goal_progress) out << "|" << g.goal_id << ":" << to_string(g.status) << ":" << g.note;
            out << "\n";
        }
        for (const LearningContract& current : store.list_learning_contracts(u.id)) {
            for (const LearningContract& c : store.list_contract_revisions(u.id, current.quarter)) {
                out << " contract " << format_quarter(c.quarter) << "#" << c.revision << "|" << c.where_from << "|"
                    << c.where_now << "|" << c.aims << "|" << c.approach << "|" << c.evidence << "|"
                    << to_string(c.status) << "|" << when(c.created_at) << "|" << when(c.updated_at);
                for (const std::string& id : c.competency_ids) out << "|" << id;
                for (const ContractGoal& g : c.goals) out << "|goal " << g.id << ":" << g.text << ":" << g.measure << ":" << day_or_dash(g.deadline);
                for (const ContractComment& k : c.discussion) out << "|comment " << k.by << ":" << k.comment << ":" << k.agree << ":" << when(k.at);
                out << "\n";
            }
        }
        for (const PeerInvitation& i : store.list_peer_invitations(u.id)) {
            out << " invitation " << i.id << "|" << i.from_user_id << "|" << i.to_user_id << "|" << when(i.created_at)
                << "\n";
        }
        if (std::optional<PeerMeetingSlot> m = store.peer_meeting_slot(u.id)) {
            out << " meeting " << m->weekday << "|" << m->minute_of_day << "|" << m->duration_minutes << "|"
                << m->timezone << "\n";
        }
        for (const PeerOpening& o : store.list_peer_openings(u.id)) {
            out << " opening " << to_string(o.kind) << "|" << o.period << "|" << o.viewer_id << "|"
                << when(o.first_opened_at) << "|" << when(o.last_opened_at) << "\n";
        }
        ReminderSettings reminders = store.reminder_settings(u.id);
        for (Level level : all_levels) {
            const LevelReminder& r = reminders.at(level);
            out << " reminder " << to_string(level) << "|" << r.enabled << "|" << r.minute_of_day << "|" << r.weekday
                << "\n";
        }
        for (const ReminderJob& j : store.list_reminder_jobs(u.id)) {
            out << " job " << j.id << "|" << to_string(j.level) << "|" << j.period << "|" << when(j.due_at) << "|"
                << to_string(j.state) << "|" << j.attempts << "|" << (j.sent_at ? when(*j.sent_at) : -1) << "\n";
        }
        out << " calendar " << store.calendar_token(u.id).value_or("-") << "\n";
        for (const Event& e : store.list_events(at(0), at(4'000'000'000))) {
            EventAttendance a = store.event_attendance(e.id, u.id);
            out << " rsvp " << e.id << "|" << a.going_count << "|" << (a.mine ? to_string(*a.mine) : "-") << "\n";
            for (const ProgrammeSession& p : store.event_programme(e.id, u.id)) {
                out << "  session " << p.session.id << "|" << p.going_count << "|" << p.mine << "\n";
            }
        }
        for (const Draft& d : store.list_drafts(u.id)) {
            out << " draft " << to_string(d.kind) << "|" << d.period << "|" << nlohmann::json::parse(d.body).dump()
                << "|" << when(d.updated_at) << "\n";
        }
        for (const YearlyReview& y : store.list_yearly_reviews(u.id)) {
            out << " year " << y.year.number << "|" << y.challenging.value_or(-1) << "|" << y.inspiring.value_or(-1)
                << "|" << y.rewarding.value_or(-1) << "|" << (y.next_step ? to_string(*y.next_step) : "-") << "|"
                << y.notes << "|" << when(y.created_at) << "|" << when(y.updated_at) << "\n";
        }
    }
    for (const Event& e : store.list_events(at(0), at(4'000'000'000))) {
        out << "event " << e.id << "|" << to_string(e.kind) << "|" << e.title << "|" << when(e.starts_at) << "|"
            << when(e.ends_at) << "|" << e.location << "|" << e.description << "|" << e.capacity.value_or(-1) << "|"
            << e.organiser_id << "|" << e.series_id << "|" << when(e.created_at) << "\n";
        for (const Rsvp& r : store.list_rsvps(e.id)) {
            out << " answer " << r.user_id << "|" << to_string(r.status) << "|" << when(r.at) << "\n";
        }
        for (const ProgrammeSession& p : store.event_programme(e.id, "")) {
            const EventSession& s = p.session;
            out << " session " << s.id << "|" << s.title << "|" << s.host << "|" << s.description << "|"
                << when(s.starts_at) << "|" << when(s.ends_at) << "|" << s.capacity.value_or(-1) << "\n";
            for (const SessionSignup& g : store.list_session_signups(s.id)) {
                out << "  sign-up " << g.user_id << "|" << when(g.at) << "\n";
            }
        }
    }
    for (const PeerPair& p : store.list_peer_pairs()) {
        out << "pair " << p.id << "|" << p.user_a << "|" << p.user_b << "|" << when(p.started_at) << "|"
            << (p.ended_at ? when(*p.ended_at) : -1) << "|" << (p.meeting_slot ? p.meeting_slot->weekday : -1) << "\n";
    }
    return out.str();
}

// The social rhythm of an installation to copy: a pair with a slot and an opening, a
// pending invitation, events with a programme and answers, reminders and a calendar.
void fill_the_social_rhythm(Store& store) {
    person(store, "u2");
    person(store, "u3");
    ASSERT_TRUE(store.create_peer_invitation({"earlier", "u3", "u2", at(1950)}));  // a pair that ended
    ASSERT_TRUE(store.accept_peer_invitation("earlier", "u2", at(1960)));
    ASSERT_TRUE(store.end_pair("u2", at(1990)));
    ASSERT_TRUE(store.create_peer_invitation({"pi", "u2", "u1", at(2000)}));
    ASSERT_TRUE(store.accept_peer_invitation("pi", "u1", at(2100)));
    ASSERT_TRUE(store.set_peer_meeting_slot("u1", {3, 10 * 60, 45, "Europe/Amsterdam"}));
    store.record_peer_opening({"u1", SharedKind::diary_entry, "2026-01-01", "u2", at(2200), at(2300)});
    ASSERT_TRUE(store.create_peer_invitation({"pending", "u3", "a1", at(2400)}));
    Event sol = event("e1", 10'000, 13'600, 10);
    sol.kind = EventKind::sol_meeting;
    sol.organiser_id = "a1";
    sol.series_id = "s1";
    store.create_events({sol, event("e2", 20'000, 40'000)});
    store.create_event_session(event_session("s-1", "e2", 21'000, 5));
    ASSERT_TRUE(store.set_rsvp("e1", "u1", RsvpStatus::going, at(2500)));
    ASSERT_TRUE(store.set_rsvp("e1", "u2", RsvpStatus::not_going, at(2500)));
    ASSERT_TRUE(store.set_session_signup("s-1", "u3", true, at(2600)));
    ReminderSettings settings{"u1"};
    settings.at(Level::weekly) = {true, 16 * 60, 4};
    store.put_reminder_settings(settings);
    ASSERT_TRUE(store.enqueue_reminder(reminder("r1", "u1", Level::weekly, "2026-W48", 3000)));
    ASSERT_TRUE(store.enqueue_reminder(reminder("r2", "u1", Level::weekly, "2026-W49", 4000)));
    ASSERT_EQ(store.claim_reminders("w", at(5000), at(5300), 10).size(), 2u);
    store.release_reminder("r2", at(6000));
    store.mark_reminder_sent("r1", at(5100));
    store.set_calendar_token("u1", "geheim");
}

void fill_an_installation(Store& store) {
    store.set_setting("setup_token_hash", "abc");
    competency(store, "c1", "Feedback geven");
    Result<Competency> archived = store.create_competency({"c2", "Plannen", "Oud", true});
    ASSERT_TRUE(archived);
    NewUser admin = new_user("a1", "admin@example.nl", Role::admin);
    admin.locale = Locale::en;
    admin.timezone = "Europe/London";
    ASSERT_TRUE(store.create_user(admin));
    User anna = person(store, "u1");
    anna.workdays = {1, 2, 3};
    store.update_profile(anna);
    store.create_session({"session-u1", "u1", "csrf", at(1000), at(90000)});
    store.create_access_token({"t1", "u1", "laptop", "token-hash-1", at(1100)});
    for (int i = 0; i < 230; ++i) {  // more than one page
        DiaryEntry entry = diary_entry("u1", add_days(day("2026-01-01"), i), "Leermoment " + std::to_string(i));
        entry.handling = "Één aanpak";
        entry.key_learning = "Kern";
        entry.competency_ids = {"c1", "c2"};
        entry.tags = {"overleg", "klant"};
        entry.shared_with_peer = i % 2 == 0;
        entry.minutes = i % 60;
        entry.created_at = at(1'780'000'000 + i);
        entry.updated_at = at(1'780'100'000 + i);
        store.put_diary_entry(entry);
    }
    WeeklyReview week = weekly_review("u1", {2026, 48});
    week.peer_meeting.held = true;
    week.peer_meeting.day = day("2026-11-24");
    week.plan.deadline = day("2026-11-27");
    week.created_at = at(1200);
    week.updated_at = at(1300);
    store.put_weekly_review(week);
    MonthlyReflection month;
    month.user_id = "u1";
    month.month = {2026, 11};
    month.focus_competency_ids = {"c1"};
    month.went_well = "Goed";
    month.goal_progress = {{"g1", GoalStatus::on_track, "loopt"}};
    month.created_at = at(1400);
    month.updated_at = at(1500);
    store.put_monthly_reflection(month);
    for (int revision = 1; revision <= 3; ++revision) {
        LearningContract revised = contract("u1", {2026, 4}, revision,
                                            revision == 3 ? ContractStatus::agreed : ContractStatus::shared);
        revised.discussion = {{"a1", "Opmerking " + std::to_string(revision), revision == 3, at(1600 + revision)}};
        revised.created_at = at(1700 + revision);
        store.put_learning_contract(revised);
    }
    store.put_learning_contract(contract("a1", {2027, 1}, 1, ContractStatus::draft));
    YearlyReview year;
    year.user_id = "u1";
    year.year = Year{2026};
    year.challenging = 4;
    year.rewarding = 2;
    year.next_step = NextStep::stay;
    year.notes = "Notities";
    year.created_at = at(1800);
    year.updated_at = at(1900);
    store.put_yearly_review(year);
    store.put_draft({"u1", DraftKind::month, "2026-12", R"({"went_well":"Bijna af"})", at(1950)});
}

TEST_P(StoreContract, CopiesAWholeInstallationIntoAnEmptyStore) {
    fill_an_installation(store());
    fill_the_social_rhythm(store());
    std::unique_ptr<Store> target = fresh_store();
    int reported = 0;
    Result<storage::CopyCounts> copied =
        storage::copy_store(store(), *target, [&](const storage::CopyCounts&) { ++reported; });
    ASSERT_TRUE(copied) << copied.error().message;
    EXPECT_EQ(copied->users, 4);
    EXPECT_EQ(copied->peer_invitations, 1);
    EXPECT_EQ(copied->peer_pairs, 2);  // the current one and the one that ended
    EXPECT_EQ(copied->peer_openings, 1);
    EXPECT_EQ(copied->events, 2);
    EXPECT_EQ(copied->event_rsvps, 2);
    EXPECT_EQ(copied->event_sessions, 1);
    EXPECT_EQ(copied->session_signups, 1);
    EXPECT_EQ(copied->reminder_settings, 1);
    EXPECT_EQ(copied->reminder_jobs, 2);
    EXPECT_EQ(copied->calendar_tokens, 1);
    EXPECT_EQ(copied->settings, 2);  // the one set here, and the reminder off-links' key
    EXPECT_EQ(target->setting("reminder_link_key"), store().setting("reminder_link_key"))
        << "links already sent keep working after the move";
    EXPECT_EQ(copied->competencies, 2);
    EXPECT_EQ(copied->sessions, 1);
    EXPECT_EQ(copied->access_tokens, 1);
    EXPECT_EQ(copied->diary_entries, 230);
    EXPECT_EQ(copied->weekly_reviews, 1);
    EXPECT_EQ(copied->monthly_reflections, 1);
    EXPECT_EQ(copied->contract_revisions, 4);
    EXPECT_EQ(copied->yearly_reviews, 1);
    EXPECT_EQ(copied->drafts, 1);
    EXPECT_EQ(reported, 4);
    EXPECT_EQ(everything_in(*target), everything_in(store()));
    EXPECT_EQ(target->find_user("u2")->peer_id, "u1");
    EXPECT_EQ(target->user_of_calendar_token("geheim"), "u1");
    // Search works on the copy, and sessions and tokens still let people in.
    EXPECT_EQ(search(*target, "u1", "een leermoment").entries.size(), 200u);
    EXPECT_TRUE(target->find_session("session-u1"));
    EXPECT_TRUE(target->find_access_token("token-hash-1"));
}

TEST_P(StoreContract, CopyRefusesATargetThatHoldsData) {
    fill_an_installation(store());
    std::unique_ptr<Store> target = fresh_store();
    EXPECT_EQ(storage::data_in(*target), "");
    target->set_setting("x", "y");
    Result<storage::CopyCounts> copied = storage::copy_store(store(), *target);
    ASSERT_FALSE(copied);
    EXPECT_EQ(copied.error().code, ErrorCode::conflict);
    EXPECT_THAT(copied.error().message, ::testing::HasSubstr("1 settings"));
    EXPECT_EQ(target->count_users(), 0);
}

// --- many at once -----------------------------------------------------------------------

TEST_P(StoreContract, AWriteTransactionKeepsAllOfItsWritesOrNone) {
    person(store(), "u1");
    const IsoWeek week{2026, 48};
    const Day today = day("2026-11-26");
    auto write_both = [&](const std::string& text) {
        store().put_weekly_review(weekly_review("u1", week));
        store().put_diary_entry(diary_entry("u1", today, text));
        // Inside, the transaction sees its own writes.
        EXPECT_EQ(store().find_diary_entry("u1", today)->learning_moments, text);
    };
    Status refused = store().transaction(TransactionKind::write, [&]() -> Status {
        write_both("Eerst wel");
        return Error{ErrorCode::conflict, "toch niet"};
    });
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::conflict);
    EXPECT_FALSE(store().find_weekly_review("u1", week));
    EXPECT_FALSE(store().find_diary_entry("u1", today));

    EXPECT_THROW(store().transaction(TransactionKind::write,
                                     [&]() -> Status {
                                         write_both("Halverwege");
                                         throw std::runtime_error("broken off");
                                     }),
                 std::runtime_error);
    EXPECT_FALSE(store().find_weekly_review("u1", week));
    EXPECT_FALSE(store().find_diary_entry("u1", today));

    ASSERT_TRUE(store().transaction(TransactionKind::write, [&] {
        write_both("Allebei");
        return ok_status();
    }));
    EXPECT_TRUE(store().find_weekly_review("u1", week));
    EXPECT_EQ(store().find_diary_entry("u1", today)->learning_moments, "Allebei");
}

TEST_P(StoreContract, TransactionsOfManyThreadsEachCommitWhatTheyWrote) {
    constexpr int threads_count = 6, days_each = 15;
    for (int t = 0; t < threads_count; ++t) person(store(), "t" + std::to_string(t));
    std::vector<std::thread> threads;
    for (int t = 0; t < threads_count; ++t) {
        threads.emplace_back([&, t] {
            const std::string id = "t" + std::to_string(t);
            for (int i = 0; i < days_each; ++i) {
                const Day each = add_days(day("2026-01-01"), i);
                // Refuse every third: what it wrote must not stay.
                Status done = store().transaction(TransactionKind::write, [&]() -> Status {
                    if (store().find_diary_entry(id, each)) return Error{ErrorCode::conflict, "written twice"};
                    store().put_diary_entry(diary_entry(id, each, id));
                    if (i % 3 == 2) return Error{ErrorCode::bad_request, "refused"};
                    return ok_status();
                });
                EXPECT_EQ(done.ok(), i % 3 != 2) << id << " " << i;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (int t = 0; t < threads_count; ++t) {
        EXPECT_EQ(store().diary_days("t" + std::to_string(t), day("2026-01-01"), day("2026-12-31")).size(),
                  static_cast<std::size_t>(days_each - days_each / 3));
    }
}

TEST_P(StoreContract, AReadTransactionReadsWhatIsStored) {
    person(store(), "u1");
    store().put_diary_entry(diary_entry("u1", day("2026-11-26"), "Gelezen"));
    std::string seen;
    DiaryQuery query;
    query.user_id = "u1";
    ASSERT_TRUE(store().transaction(TransactionKind::read, [&] {
        seen = store().find_diary_entry("u1", day("2026-11-26"))->learning_moments;
        seen += "|" + std::to_string(store().list_diary_entries(query).entries.size());
        return ok_status();
    }));
    EXPECT_EQ(seen, "Gelezen|1");
}

TEST_P(StoreContract, FourPeopleWriteTheirDiariesAtOnce) {
    constexpr int writers = 4, entries_each = 40;
    for (int w = 0; w < writers; ++w) person(store(), "w" + std::to_string(w));
    std::latch start(writers);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    threads.reserve(writers);
    for (int w = 0; w < writers; ++w) {
        threads.emplace_back([&, w] {
            const std::string id = "w" + std::to_string(w);
            start.arrive_and_wait();
            try {
                for (int i = 0; i < entries_each; ++i) {
                    DiaryEntry entry = diary_entry(id, add_days(day("2026-01-01"), i), "Samen schrijven " + id);
                    entry.tags = {"gelijktijdig"};
                    store().put_diary_entry(entry);
                    if (i % 10 == 9) {
                        DiaryQuery query;
                        query.user_id = id;
                        query.text = "samen";
                        if (store().list_diary_entries(query).entries.size() != static_cast<std::size_t>(i) + 1) {
                            failures++;
                        }
                    }
                }
            } catch (...) {
                failures++;
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    for (int w = 0; w < writers; ++w) {
        const std::string id = "w" + std::to_string(w);
        EXPECT_EQ(store().diary_days(id, day("2026-01-01"), day("2026-12-31")).size(),
                  static_cast<std::size_t>(entries_each));
        EXPECT_EQ(search(store(), id, id).entries.size(), static_cast<std::size_t>(entries_each));
    }
}

}  // namespace
}  // namespace ritme::contract

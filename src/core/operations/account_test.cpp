#include "core/operations/account.hpp"

#include <gtest/gtest.h>

#include "core/operations/diary.hpp"
#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class AccountOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
};

TEST_F(AccountOperations, ANewAccountIsNormalisedAndChecked) {
    Result<NewAccount> checked = check_new_account({" Ann@Example.ORG ", "  Ann  ", "a long enough password"});
    ASSERT_TRUE(checked);
    EXPECT_EQ(checked->email, "ann@example.org");
    EXPECT_EQ(checked->name, "Ann");
    EXPECT_EQ(check_new_account({"ann", "Ann", "a long enough password"}).error().field, "email");
    EXPECT_EQ(check_new_account({"ann@example.org", " ", "a long enough password"}).error().field, "name");
    EXPECT_EQ(check_new_account({"ann@example.org", "Ann", "short"}).error().field, "password");
}

TEST_F(AccountOperations, OnlyTheFirstAdminSetsUp) {
    EXPECT_FALSE(*is_set_up(world.ports));
    NewUser admin;
    admin.email = "ada@example.org";
    admin.name = "Ada";
    Result<Account> created = set_up_first_admin(world.ports, admin);
    ASSERT_TRUE(created);
    EXPECT_EQ(created->user.role, Role::admin);
    EXPECT_TRUE(*is_set_up(world.ports));
    admin.email = "other@example.org";
    EXPECT_EQ(set_up_first_admin(world.ports, admin).error().code, ErrorCode::conflict);
}

TEST_F(AccountOperations, AProfileChangeKeepsWhatItLeavesOut) {
    ProfileChanges changes;
    changes.name = "  Alice B. ";
    changes.workdays = std::vector<int>{3, 1};
    Result<Account> changed = change_profile(world.ports, alice, changes);
    ASSERT_TRUE(changed);
    EXPECT_EQ(changed->user.name, "Alice B.");
    EXPECT_EQ(changed->user.workdays, (std::vector<int>{1, 3}));
    EXPECT_EQ(changed->user.locale, alice.locale);

    changes.locale = "de";
    EXPECT_EQ(change_profile(world.ports, alice, changes).error().field, "locale");
    changes.locale.reset();
    changes.timezone = "Mars/Olympus";
    EXPECT_EQ(change_profile(world.ports, alice, changes).error().field, "timezone");
}

TEST_F(AccountOperations, RemindersChangeLevelByLevelAndAnswerFaultsInTurn) {
    ReminderChanges changes;
    changes.levels[static_cast<std::size_t>(Level::daily)] = ReminderChange{true, "25:00", std::nullopt, ok_status()};
    changes.levels[static_cast<std::size_t>(Level::weekly)] =
        ReminderChange{true, std::nullopt, std::nullopt, validation_error("weekly.weekday", "must be a whole number")};
    EXPECT_EQ(change_reminders(world.ports, alice, changes).error().field, "daily.time") << "the daily level comes first";
    changes.levels[static_cast<std::size_t>(Level::daily)]->time = "08:30";
    EXPECT_EQ(change_reminders(world.ports, alice, changes).error().field, "weekly.weekday");
    changes.levels[static_cast<std::size_t>(Level::weekly)] = ReminderChange{true, std::nullopt, 2, ok_status()};
    Result<ReminderSettings> saved = change_reminders(world.ports, alice, changes);
    ASSERT_TRUE(saved);
    EXPECT_TRUE(saved->at(Level::daily).enabled);
    EXPECT_EQ(saved->at(Level::daily).minute_of_day, 8 * 60 + 30);
    EXPECT_EQ(saved->at(Level::weekly).weekday, 2);
    EXPECT_EQ(saved->at(Level::weekly).minute_of_day, 17 * 60) << "a time left out stays";

    EXPECT_TRUE(*turn_reminder_off(world.ports, alice.id, Level::daily));
    EXPECT_FALSE(*turn_reminder_off(world.ports, alice.id, Level::daily));
    EXPECT_FALSE(reminder_of_level(world.ports, alice.id, Level::daily)->enabled);
}

TEST_F(AccountOperations, TheCalendarSecretIsMadeOnceAndReplaced) {
    EXPECT_EQ(*calendar_secret(world.ports, alice, "first"), "first");
    EXPECT_EQ(*calendar_secret(world.ports, alice, "second"), "first");
    EXPECT_EQ(calendar_feed(world.ports, "first")->person.id, alice.id);
    EXPECT_EQ(*replace_calendar_secret(world.ports, alice, "third"), "third");
    EXPECT_EQ(calendar_feed(world.ports, "first").error().code, ErrorCode::not_found);
}

TEST_F(AccountOperations, ErasingAnAccountTakesItsDiary) {
    DiaryEntry entry;
    entry.day = day_of(2026, 11, 26);
    entry.learning_moments = "x";
    ASSERT_TRUE(save_diary_entry(world.ports, alice, entry));
    Result<PersonalData> held = personal_data(world.ports, alice);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->diary.size(), 1U);
    EXPECT_EQ(held->account.user.id, alice.id);
    ASSERT_TRUE(erase_account(world.ports, alice));
    EXPECT_FALSE(world.store.find_user(alice.id));
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, entry.day));
}

TEST_F(AccountOperations, AnotherPersonsTokenCannotBeRevoked) {
    AccessToken token{"t1", alice.id, "laptop", "hash", world.clock.now()};
    world.store.create_access_token(token);
    User bob = world.person("bob");
    EXPECT_EQ(revoke_access_token(world.ports, bob, "t1").error().message, "You have no token with that id.");
    EXPECT_EQ(access_tokens(world.ports, alice)->size(), 1U);
    EXPECT_TRUE(revoke_access_token(world.ports, alice, "t1"));
}

}  // namespace
}  // namespace ritme::operations

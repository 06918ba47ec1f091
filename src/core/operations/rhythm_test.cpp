#include "core/operations/rhythm.hpp"

#include <gtest/gtest.h>

#include "core/operations/diary.hpp"
#include "core/operations/levels.hpp"
#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class RhythmOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    Competency listening = world.competency("Listening");
};

TEST_F(RhythmOperations, TodaysRhythmCountsTheDiaryAndTheLevels) {
    DiaryEntry entry;
    entry.day = day_of(2026, 11, 26);
    entry.learning_moments = "x";
    ASSERT_TRUE(save_diary_entry(world.ports, alice, entry));
    Result<RhythmOfDay> today = rhythm_of_day(world.ports, alice, std::nullopt);
    ASSERT_TRUE(today);
    EXPECT_EQ(today->rhythm.day, day_of(2026, 11, 26));
    EXPECT_TRUE(today->rhythm.daily_done);
    EXPECT_EQ(today->rhythm.streak.current, 1);
    EXPECT_FALSE(today->rhythm.monthly_done);
    EXPECT_FALSE(today->peer);
}

TEST_F(RhythmOperations, ThePeersSideSaysWhatTheyShared) {
    User bob = world.person("bob");
    alice = world.pair(alice, bob);
    bob = *world.store.find_user(bob.id);
    WeeklyReview week;
    week.week = week_of(day_of(2026, 11, 26));
    week.shared_with_peer = true;
    ASSERT_TRUE(plan_week(world.ports, bob, week));
    Result<RhythmOfDay> today = rhythm_of_day(world.ports, alice, std::nullopt);
    ASSERT_TRUE(today);
    ASSERT_TRUE(today->peer);
    EXPECT_EQ(today->peer->peer.id, bob.id);
    EXPECT_TRUE(today->peer->week_shared);
    EXPECT_FALSE(today->peer->contract_shared);
}

TEST_F(RhythmOperations, TheDashboardReadsEverythingInOneTransaction) {
    LearningContract contract;
    contract.quarter = Quarter{2026, 4};
    contract.competency_ids = {listening.id};
    ContractGoal goal;
    goal.text = "Listen";
    contract.goals = {goal};
    Result<LearningContract> saved = save_contract(world.ports, alice, contract);
    ASSERT_TRUE(saved);
    MonthlyReflection october;
    october.month = Month{2026, 10};
    october.focus_competency_ids = {listening.id};
    october.goal_progress = {GoalProgress{saved->goals.front().id, GoalStatus::at_risk, "slow"}};
    MonthlyReflection november = october;
    november.month = Month{2026, 11};
    november.goal_progress.front().status = GoalStatus::on_track;
    ASSERT_TRUE(reflect_on_month(world.ports, alice, october));
    ASSERT_TRUE(reflect_on_month(world.ports, alice, november));

    int reads_before = world.store.read_transactions();
    Result<Dashboard> shown = dashboard(world.ports, alice, 92, 3);
    ASSERT_TRUE(shown);
    EXPECT_EQ(world.store.read_transactions(), reads_before + 1);
    ASSERT_EQ(shown->focus.size(), 1U);
    EXPECT_EQ(shown->focus.front().name, "Listening");
    ASSERT_EQ(shown->goals.size(), 1U);
    ASSERT_TRUE(shown->goals.front().latest);
    EXPECT_EQ(shown->goals.front().latest->status, GoalStatus::on_track) << "November's is the latest";
    EXPECT_TRUE(shown->events.empty());
}

}  // namespace
}  // namespace ritme::operations

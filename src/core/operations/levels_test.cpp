#include "core/operations/levels.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class LevelOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    IsoWeek week = week_of(day_of(2026, 11, 26));
    Quarter quarter{2026, 4};
    Competency listening = world.competency("Listening");

    LearningContract contract_with_goal(const std::string& text) {
        LearningContract written;
        written.quarter = quarter;
        written.aims = "Listen before I answer.";
        written.competency_ids = {listening.id};
        ContractGoal goal;
        goal.text = text;
        goal.measure = "three times a week";
        goal.deadline = day_of(2026, 12, 18);
        written.goals = {goal};
        return written;
    }
};

TEST_F(LevelOperations, PlanningAWeekAnswersItsCheckDays) {
    DiaryEntry entry;
    entry.user_id = alice.id;
    entry.day = day_of(2026, 11, 24);
    entry.learning_moments = "x";
    world.store.put_diary_entry(entry);
    WeeklyReview written;
    written.week = week;
    written.act = "Ask earlier.";
    Result<CheckedWeek> planned = plan_week(world.ports, alice, written);
    ASSERT_TRUE(planned) << planned.error().message;
    EXPECT_EQ(planned->review.user_id, alice.id);
    EXPECT_EQ(planned->check, std::vector<Day>{day_of(2026, 11, 24)});
    EXPECT_EQ(world.store.write_transactions(), 1);
    EXPECT_EQ(weekly_review(world.ports, alice, week)->review.act, "Ask earlier.");
    EXPECT_EQ(weekly_review(world.ports, alice, previous(week)).error().message, "No peer review for that week.");
}

TEST_F(LevelOperations, AWeeksPlanMayKeepAnArchivedCompetencyItHad) {
    WeeklyReview written;
    written.week = week;
    written.plan.competency_id = listening.id;
    ASSERT_TRUE(plan_week(world.ports, alice, written));
    listening.archived = true;
    ASSERT_TRUE(world.store.update_competency(listening));
    EXPECT_TRUE(plan_week(world.ports, alice, written));
    written.week = previous(week);
    Result<CheckedWeek> refused = plan_week(world.ports, alice, written);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "plan.competency_id");
}

TEST_F(LevelOperations, AMonthsProgressNamesGoalsOfTheQuartersContract) {
    Result<LearningContract> contract = save_contract(world.ports, alice, contract_with_goal("Listen"));
    ASSERT_TRUE(contract) << contract.error().message;
    MonthlyReflection written;
    written.month = Month{2026, 11};
    written.focus_competency_ids = {listening.id};
    written.goal_progress = {GoalProgress{contract->goals.front().id, GoalStatus::on_track, ""}};
    EXPECT_TRUE(reflect_on_month(world.ports, alice, written));
    written.goal_progress = {GoalProgress{"not-a-goal", GoalStatus::on_track, ""}};
    Result<MonthlyReflection> refused = reflect_on_month(world.ports, alice, written);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "goal_progress");
}

TEST_F(LevelOperations, ANewContractGetsGoalIdsAndIsADraft) {
    Result<LearningContract> saved = save_contract(world.ports, alice, contract_with_goal("Listen"));
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->revision, 1);
    EXPECT_EQ(saved->status, ContractStatus::draft);
    EXPECT_FALSE(saved->goals.front().id.empty());
}

TEST_F(LevelOperations, AGoalIdMustBeOneOfTheContractsGoals) {
    LearningContract written = contract_with_goal("Listen");
    written.goals.front().id = "made-up";
    Result<LearningContract> refused = save_contract(world.ports, alice, written);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "goals[0].id");
    EXPECT_FALSE(world.store.find_learning_contract(alice.id, quarter));
}

TEST_F(LevelOperations, SharingNeedsAFixedColleagueAndChangingASharedContractMakesANewRevision) {
    ASSERT_TRUE(save_contract(world.ports, alice, contract_with_goal("Listen")));
    Result<LearningContract> alone = share_contract(world.ports, alice, quarter);
    ASSERT_FALSE(alone);
    EXPECT_EQ(alone.error().code, ErrorCode::conflict);

    User bob = world.person("bob");
    alice = world.pair(alice, bob);
    Result<LearningContract> shared = share_contract(world.ports, alice, quarter);
    ASSERT_TRUE(shared);
    EXPECT_EQ(shared->status, ContractStatus::shared);
    EXPECT_TRUE(shared->shared_with_peer);

    LearningContract same = *shared;
    EXPECT_EQ(save_contract(world.ports, alice, same)->revision, 1) << "the same answers change nothing";
    LearningContract changed = *shared;
    changed.aims = "Listen, then ask.";
    Result<LearningContract> revised = save_contract(world.ports, alice, changed);
    ASSERT_TRUE(revised);
    EXPECT_EQ(revised->revision, 2);
    EXPECT_EQ(revised->status, ContractStatus::draft);
    EXPECT_EQ(contract_revisions(world.ports, alice, quarter)->size(), 2U);

    Result<LearningContract> taken = unshare_contract(world.ports, alice, quarter);
    ASSERT_TRUE(taken);
    EXPECT_FALSE(taken->shared_with_peer);
    EXPECT_EQ(unshare_contract(world.ports, alice, previous(quarter)).error().code, ErrorCode::not_found);
}

TEST_F(LevelOperations, SavingAContractGivesTheSameAnswerWhenItsWorkRunsTwice) {
    world.store.repeat_writes = true;
    Result<LearningContract> saved = save_contract(world.ports, alice, contract_with_goal("Listen"));
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->revision, 1);
    EXPECT_EQ(world.store.list_contract_revisions(alice.id, quarter).size(), 1U);
    EXPECT_EQ(world.store.find_learning_contract(alice.id, quarter)->goals.front().id, saved->goals.front().id);
}

TEST_F(LevelOperations, AYearsScoresAreOneToFive) {
    YearlyReview written;
    written.year = Year{2026};
    written.challenging = 6;
    Result<YearlyReview> refused = save_yearly_review(world.ports, alice, written);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "challenging");
    EXPECT_EQ(world.store.write_transactions(), 0) << "nothing to write when the answers are wrong";
    written.challenging = 4;
    EXPECT_TRUE(save_yearly_review(world.ports, alice, written));
    EXPECT_EQ(yearly_review(world.ports, alice, Year{2026})->challenging, 4);
}

TEST_F(LevelOperations, TheYearPageShowsEarlierYearsNewestFirst) {
    for (int number : {2024, 2025, 2026}) {
        YearlyReview written;
        written.year = Year{number};
        ASSERT_TRUE(save_yearly_review(world.ports, alice, written));
    }
    Result<YearPage> shown = year_page(world.ports, alice, Year{2026});
    ASSERT_TRUE(shown);
    ASSERT_EQ(shown->material.earlier.size(), 2U);
    EXPECT_EQ(shown->material.earlier.front().year, Year{2025});
    EXPECT_TRUE(shown->review);
}

TEST_F(LevelOperations, TheContractPageSaysWhenTheFixedColleagueLastOpenedIt) {
    User bob = world.person("bob");
    alice = world.pair(alice, bob);
    ASSERT_TRUE(save_contract(world.ports, alice, contract_with_goal("Listen")));
    ASSERT_TRUE(share_contract(world.ports, alice, quarter));
    EXPECT_FALSE(contract_page(world.ports, alice, quarter)->peer_last_opened);
    PeerOpening opening{alice.id, SharedKind::learning_contract, "2026-Q4", bob.id, world.clock.now(),
                        world.clock.now()};
    world.store.record_peer_opening(opening);
    Result<ContractPage> shown = contract_page(world.ports, alice, quarter);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->peer_last_opened, world.clock.now());
    EXPECT_EQ(shown->peer->name, "bob");
    EXPECT_EQ(world.store.read_transactions(), 2);
}

// --- versions: no save replaces what its writer has not seen -----------------------------

TEST_F(LevelOperations, EveryLevelRefusesASaveBasedOnAnOlderVersion) {
    world.store.repeat_writes = true;
    WeeklyReview week_written;
    week_written.week = week;
    week_written.act = "first";
    ASSERT_EQ(plan_week(world.ports, alice, week_written, 0)->review.version, 1);
    week_written.act = "second";
    ASSERT_EQ(plan_week(world.ports, alice, week_written, 1)->review.version, 2);
    week_written.act = "stale";
    EXPECT_EQ(plan_week(world.ports, alice, week_written, 1).error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(weekly_review(world.ports, alice, week)->review.act, "second");

    MonthlyReflection month_written;
    month_written.month = Month{2026, 11};
    month_written.focus_competency_ids = {listening.id};
    month_written.went_well = "first";
    ASSERT_EQ(reflect_on_month(world.ports, alice, month_written)->version, 1);
    month_written.went_well = "stale";
    EXPECT_EQ(reflect_on_month(world.ports, alice, month_written, 0).error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(monthly_reflection(world.ports, alice, month_written.month)->went_well, "first");

    YearlyReview year_written;
    year_written.year = Year{2026};
    year_written.notes = "first";
    ASSERT_EQ(save_yearly_review(world.ports, alice, year_written)->version, 1);
    ASSERT_EQ(save_yearly_review(world.ports, alice, year_written, 1)->version, 2);
    year_written.notes = "stale";
    EXPECT_EQ(save_yearly_review(world.ports, alice, year_written, 1).error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(yearly_review(world.ports, alice, Year{2026})->notes, "first");
}

TEST_F(LevelOperations, AContractsVersionGrowsWithEachChangeAcrossRevisions) {
    Result<LearningContract> first = save_contract(world.ports, alice, contract_with_goal("Listen"), 0);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->version, 1);
    LearningContract same = contract_with_goal("Listen");
    same.goals[0].id = first->goals[0].id;
    EXPECT_EQ(save_contract(world.ports, alice, same, 1)->version, 1);  // the same answers change nothing
    LearningContract edit = same;
    edit.aims = "Listen first, then ask.";
    EXPECT_EQ(save_contract(world.ports, alice, edit, 1)->version, 2);
    LearningContract stale = same;
    stale.aims = "Overwrite unseen.";
    EXPECT_EQ(save_contract(world.ports, alice, stale, 1).error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(learning_contract(world.ports, alice, quarter)->aims, "Listen first, then ask.");
}

}  // namespace
}  // namespace ritme::operations

#include "core/operations/trash.hpp"

#include <gtest/gtest.h>

#include "core/operations/diary.hpp"
#include "core/operations/levels.hpp"
#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class TrashOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    User bob = world.person("bob");
    Day day = day_of(2026, 11, 24);
    Competency listening = world.competency("Listening");

    DiaryEntry written(std::string moments) {
        DiaryEntry entry;
        entry.day = day;
        entry.learning_moments = std::move(moments);
        return entry;
    }
};

TEST_F(TrashOperations, ADeletedDayGoesToTheTrashAndComesBackAsItWas) {
    world.store.repeat_writes = true;
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("First.")));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("Second.")));
    ASSERT_TRUE(delete_diary_day(world.ports, alice, day));
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, day));
    std::vector<TrashedItem> mine = *trash(world.ports, alice);
    ASSERT_EQ(mine.size(), 1u);
    EXPECT_EQ(mine[0].kind, DraftKind::diary);
    EXPECT_EQ(mine[0].period, "2026-11-24");
    EXPECT_EQ(mine[0].deleted_at, world.clock.now());
    EXPECT_TRUE(trash(world.ports, bob)->empty());

    Result<TrashedItem> restored = restore_from_trash(world.ports, alice, mine[0].id);
    ASSERT_TRUE(restored) << restored.error().message;
    DiaryEntry back = *world.store.find_diary_entry(alice.id, day);
    EXPECT_EQ(back.learning_moments, "Second.");
    EXPECT_EQ(back.version, 2);
    EXPECT_TRUE(trash(world.ports, alice)->empty());
}

TEST_F(TrashOperations, NothingToDeleteIsNotFound) {
    EXPECT_EQ(delete_diary_day(world.ports, alice, day).error().code, ErrorCode::not_found);
    EXPECT_EQ(trash_yearly_review(world.ports, alice, Year{2026}).error().code, ErrorCode::not_found);
    EXPECT_TRUE(trash(world.ports, alice)->empty());
}

TEST_F(TrashOperations, RestoringOverANewItemOfThePeriodIsAConflictAndChangesNothing) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("Old.")));
    ASSERT_TRUE(delete_diary_day(world.ports, alice, day));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("New.")));
    std::string id = trash(world.ports, alice)->at(0).id;
    EXPECT_EQ(restore_from_trash(world.ports, alice, id).error().code, ErrorCode::conflict);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, day)->learning_moments, "New.");
    EXPECT_EQ(trash(world.ports, alice)->size(), 1u);
}

TEST_F(TrashOperations, OnlyTheOwnerRestoresOrErases) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("Mine.")));
    ASSERT_TRUE(delete_diary_day(world.ports, alice, day));
    std::string id = trash(world.ports, alice)->at(0).id;
    EXPECT_EQ(restore_from_trash(world.ports, bob, id).error().code, ErrorCode::not_found);
    EXPECT_EQ(erase_from_trash(world.ports, bob, id).error().code, ErrorCode::not_found);
    EXPECT_TRUE(erase_from_trash(world.ports, alice, id));
    EXPECT_TRUE(trash(world.ports, alice)->empty());
    EXPECT_EQ(restore_from_trash(world.ports, alice, id).error().code, ErrorCode::not_found);
}

TEST_F(TrashOperations, EveryLevelGoesToTheTrashAndBack) {
    IsoWeek week = week_of(day);
    WeeklyReview review;
    review.week = week;
    review.act = "Ask earlier.";
    ASSERT_TRUE(plan_week(world.ports, alice, review));
    MonthlyReflection reflection;
    reflection.month = Month{2026, 11};
    reflection.focus_competency_ids = {listening.id};
    reflection.went_well = "Listening.";
    ASSERT_TRUE(reflect_on_month(world.ports, alice, reflection));
    LearningContract contract;
    contract.quarter = Quarter{2026, 4};
    contract.aims = "Listen.";
    contract.competency_ids = {listening.id};
    ASSERT_TRUE(save_contract(world.ports, alice, contract));
    YearlyReview year;
    year.year = Year{2026};
    year.notes = "A good year.";
    ASSERT_TRUE(save_yearly_review(world.ports, alice, year));

    ASSERT_TRUE(trash_weekly_review(world.ports, alice, week));
    ASSERT_TRUE(trash_monthly_reflection(world.ports, alice, reflection.month));
    ASSERT_TRUE(trash_learning_contract(world.ports, alice, contract.quarter));
    ASSERT_TRUE(trash_yearly_review(world.ports, alice, year.year));
    EXPECT_FALSE(world.store.find_weekly_review(alice.id, week));
    EXPECT_FALSE(world.store.find_monthly_reflection(alice.id, reflection.month));
    EXPECT_FALSE(world.store.find_learning_contract(alice.id, contract.quarter));
    EXPECT_FALSE(world.store.find_yearly_review(alice.id, year.year));

    std::vector<TrashedItem> deleted = *trash(world.ports, alice);
    ASSERT_EQ(deleted.size(), 4u);
    for (const TrashedItem& item : deleted) ASSERT_TRUE(restore_from_trash(world.ports, alice, item.id));
    EXPECT_EQ(world.store.find_weekly_review(alice.id, week)->act, "Ask earlier.");
    EXPECT_EQ(world.store.find_monthly_reflection(alice.id, reflection.month)->went_well, "Listening.");
    EXPECT_EQ(world.store.find_learning_contract(alice.id, contract.quarter)->aims, "Listen.");
    EXPECT_EQ(world.store.find_yearly_review(alice.id, year.year)->notes, "A good year.");
}

TEST_F(TrashOperations, TheUpkeepErasesWhatWasDeletedThirtyDaysAgo) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("Old.")));
    ASSERT_TRUE(delete_diary_day(world.ports, alice, day));
    world.clock.at += trash_keeps_for - std::chrono::seconds{1};
    EXPECT_EQ(empty_trash(world.ports), 0);
    EXPECT_EQ(trash(world.ports, alice)->size(), 1u);
    world.clock.at += std::chrono::seconds{2};
    EXPECT_EQ(empty_trash(world.ports), 1);
    EXPECT_TRUE(trash(world.ports, alice)->empty());
}

TEST_F(TrashOperations, TheTrashGoesWithTheAccount) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written("Mine.")));
    ASSERT_TRUE(delete_diary_day(world.ports, alice, day));
    world.store.delete_user(alice.id);
    EXPECT_EQ(empty_trash(world.ports), 0);
    world.clock.at += trash_keeps_for * 2;
    EXPECT_EQ(empty_trash(world.ports), 0);  // nothing was left to erase
}

}  // namespace
}  // namespace ritme::operations

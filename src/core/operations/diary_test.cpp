#include "core/operations/diary.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class DiaryOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    Day today = day_of(2026, 11, 26);

    DiaryEntry written(Day day, std::string moments = "Asked for feedback early.") {
        DiaryEntry entry;
        entry.day = day;
        entry.learning_moments = std::move(moments);
        entry.minutes = 15;
        return entry;
    }
};

TEST_F(DiaryOperations, SavesANewEntryAsThePersonsAndSaysItIsNew) {
    Result<SavedDiaryEntry> saved = save_diary_entry(world.ports, alice, written(today));
    ASSERT_TRUE(saved) << saved.error().message;
    EXPECT_TRUE(saved->created);
    EXPECT_EQ(saved->entry.user_id, alice.id);
    EXPECT_EQ(saved->entry.created_at, world.clock.now());
    EXPECT_EQ(world.store.write_transactions(), 1);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->learning_moments, "Asked for feedback early.");
}

TEST_F(DiaryOperations, ReplacesAnEntryKeepingWhenItWasFirstWritten) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today)));
    Timestamp first = world.clock.now();
    world.clock.at += std::chrono::hours{2};
    Result<SavedDiaryEntry> saved = save_diary_entry(world.ports, alice, written(today, "Second thoughts."));
    ASSERT_TRUE(saved);
    EXPECT_FALSE(saved->created);
    EXPECT_EQ(saved->entry.created_at, first);
    EXPECT_EQ(saved->entry.updated_at, world.clock.now());
}

TEST_F(DiaryOperations, RefusesAnInvalidEntryAndWritesNothing) {
    Result<SavedDiaryEntry> saved = save_diary_entry(world.ports, alice, written(today, "   "));
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(saved.error().field, "learning_moments");
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, today));
}

TEST_F(DiaryOperations, RefusesADayAfterTodayInThePersonsZone) {
    Result<SavedDiaryEntry> saved = save_diary_entry(world.ports, alice, written(day_of(2026, 11, 27)));
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().field, "day");
}

TEST_F(DiaryOperations, AnArchivedCompetencyStaysOnAnEntryButCannotBeChosenAnew) {
    Competency listening = world.competency("Listening");
    DiaryEntry entry = written(today);
    entry.competency_ids = {listening.id};
    ASSERT_TRUE(save_diary_entry(world.ports, alice, entry));
    listening.archived = true;
    ASSERT_TRUE(world.store.update_competency(listening));

    EXPECT_TRUE(save_diary_entry(world.ports, alice, entry)) << "it was on the entry already";
    DiaryEntry yesterday = written(day_of(2026, 11, 25));
    yesterday.competency_ids = {listening.id};
    Result<SavedDiaryEntry> refused = save_diary_entry(world.ports, alice, yesterday);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "competency_ids");
}

TEST_F(DiaryOperations, GivesTheSameAnswerWhenTheStoreRunsTheWorkTwice) {
    world.store.repeat_writes = true;
    Result<SavedDiaryEntry> saved = save_diary_entry(world.ports, alice, written(today));
    ASSERT_TRUE(saved);
    EXPECT_TRUE(saved->created) << "the first run was rolled back: the second one creates it again";
    DiaryQuery all;
    all.user_id = alice.id;
    EXPECT_EQ(world.store.list_diary_entries(all).entries.size(), 1U);
}

TEST_F(DiaryOperations, ReadsAndDeletesOnlyThePersonsOwnDay) {
    User bob = world.person("bob");
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today)));

    EXPECT_TRUE(diary_entry(world.ports, alice, today));
    Result<DiaryEntry> not_bobs = diary_entry(world.ports, bob, today);
    ASSERT_FALSE(not_bobs);
    EXPECT_EQ(not_bobs.error().code, ErrorCode::not_found);
    EXPECT_EQ(not_bobs.error().message, "No diary entry for that day.");

    EXPECT_EQ(delete_diary_day(world.ports, bob, today).error().code, ErrorCode::not_found);
    EXPECT_TRUE(delete_diary_day(world.ports, alice, today));
    EXPECT_EQ(delete_diary_day(world.ports, alice, today).error().code, ErrorCode::not_found);
}

TEST_F(DiaryOperations, ListsThePersonsOwnEntriesWhateverTheQueryNames) {
    User bob = world.person("bob");
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(day_of(2026, 11, 24))));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today)));
    ASSERT_TRUE(save_diary_entry(world.ports, bob, written(today)));

    DiaryQuery query;
    query.user_id = bob.id;
    query.limit = 1;
    Result<DiaryPage> page = list_diary_entries(world.ports, alice, query);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->entries.size(), 1U);
    EXPECT_EQ(page->entries.front().user_id, alice.id);
    EXPECT_EQ(page->entries.front().day, today);
    EXPECT_EQ(page->next_before, today);
}

TEST_F(DiaryOperations, TheOverviewHoldsTheMonthsDaysAndTheCatalogue) {
    world.competency("Listening");
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(day_of(2026, 10, 30))));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today)));

    Result<DiaryOverview> overview = diary_overview(world.ports, alice, {}, Month{2026, 11});
    ASSERT_TRUE(overview);
    EXPECT_EQ(overview->page.entries.size(), 2U);
    EXPECT_EQ(overview->days_written, std::vector<Day>{today});
    EXPECT_EQ(overview->catalogue.size(), 1U);
    EXPECT_EQ(world.store.read_transactions(), 1);
}

TEST_F(DiaryOperations, ADaySuggestsTheEventsThePersonWentToThatWeek) {
    Event day_out;
    day_out.id = "lod";
    day_out.title = "Lerende organisatie dag";
    day_out.starts_at = world.clock.now() - std::chrono::days{2};
    day_out.ends_at = day_out.starts_at + std::chrono::hours{6};
    world.store.create_events({day_out});
    ASSERT_TRUE(world.store.set_rsvp("lod", alice.id, RsvpStatus::going, world.clock.now()));

    Result<DiaryDay> shown = diary_day(world.ports, alice, today);
    ASSERT_TRUE(shown);
    EXPECT_FALSE(shown->entry);
    ASSERT_EQ(shown->attended.size(), 1U);
    EXPECT_EQ(shown->attended.front().title, "Lerende organisatie dag");
    EXPECT_TRUE(diary_day(world.ports, alice, day_of(2026, 12, 20))->attended.empty());
}

TEST(OnThisDay, IsTheSameDayAYearBefore) {
    struct Case {
        Day day;
        Day year_before;
    };
    for (Case each : {Case{day_of(2026, 11, 26), day_of(2025, 11, 26)}, Case{day_of(2026, 1, 1), day_of(2025, 1, 1)},
                      Case{day_of(2028, 2, 29), day_of(2027, 2, 28)}, Case{day_of(2029, 3, 1), day_of(2028, 3, 1)},
                      Case{day_of(2028, 2, 28), day_of(2027, 2, 28)}}) {
        EXPECT_EQ(a_year_before(each.day), each.year_before) << format_day(each.day);
    }
}

TEST_F(DiaryOperations, ADaysPageShowsWhatThePersonWroteAYearBefore) {
    User bob = world.person("bob");
    DiaryEntry bobs = written(day_of(2025, 11, 26), "Bob's year-old entry");
    bobs.user_id = bob.id;
    world.store.put_diary_entry(bobs);
    EXPECT_FALSE(diary_day(world.ports, alice, today)->year_ago.has_value());  // never someone else's

    DiaryEntry old = written(day_of(2025, 11, 26), "A year ago I asked nothing.");
    old.user_id = alice.id;
    old.key_learning = "Ask first";
    world.store.put_diary_entry(old);
    Result<DiaryDay> shown = diary_day(world.ports, alice, today);
    ASSERT_TRUE(shown);
    ASSERT_TRUE(shown->year_ago.has_value());
    EXPECT_EQ(shown->year_ago->day, day_of(2025, 11, 26));
    EXPECT_EQ(shown->year_ago->key_learning, "Ask first");
    EXPECT_FALSE(diary_day(world.ports, alice, day_of(2026, 11, 25))->year_ago.has_value());
}

// --- versions: no save replaces what its writer has not seen -----------------------------

TEST_F(DiaryOperations, EachSaveOfAnEntryGrowsItsVersion) {
    world.store.repeat_writes = true;  // a retried write counts once
    EXPECT_EQ(save_diary_entry(world.ports, alice, written(today))->entry.version, 1);
    EXPECT_EQ(save_diary_entry(world.ports, alice, written(today, "Again."))->entry.version, 2);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->version, 2);
}

TEST_F(DiaryOperations, ASaveBasedOnAnOlderVersionChangesNothing) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today, "First tab.")));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today, "Second tab."), 1));
    Result<SavedDiaryEntry> late = save_diary_entry(world.ports, alice, written(today, "First tab again."), 1);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::precondition_failed);
    DiaryEntry stored = *world.store.find_diary_entry(alice.id, today);
    EXPECT_EQ(stored.learning_moments, "Second tab.");
    EXPECT_EQ(stored.version, 2);
}

TEST_F(DiaryOperations, ASaveBasedOnNoEntryIsRefusedWhenOneWasWrittenMeanwhile) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today, "Other tab."), 0));
    Result<SavedDiaryEntry> late = save_diary_entry(world.ports, alice, written(today, "This tab."), 0);
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, ErrorCode::precondition_failed);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->learning_moments, "Other tab.");
}

TEST_F(DiaryOperations, ASaveThatSaysNothingOfItsVersionReplacesAsBefore) {
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today, "First.")));
    ASSERT_TRUE(save_diary_entry(world.ports, alice, written(today, "Second.")));
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->learning_moments, "Second.");
}

}  // namespace
}  // namespace ritme::operations

#include "core/operations/imports.hpp"

#include <gtest/gtest.h>

#include "core/operations/diary.hpp"
#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class ImportOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    Day today = day_of(2026, 11, 26);
    Day monday = day_of(2026, 11, 23);

    static ImportedNote note(Day day, int minute, std::string title, std::string text,
                             std::vector<std::string> tags = {}) {
        ImportedNote note;
        note.day = day;
        note.minute = minute;
        note.title = std::move(title);
        note.text = std::move(text);
        note.tags = std::move(tags);
        return note;
    }

    ImportCommand command(std::vector<ImportedNote> notes, ImportStep step = ImportStep::import,
                          ExistingDays existing = ExistingDays::add) {
        ImportCommand command;
        command.file.notes = std::move(notes);
        command.step = step;
        command.existing = existing;
        return command;
    }
};

TEST_F(ImportOperations, JoinsTheNotesOfADayInTimeOrderUnderTheirTitlesInOneTransaction) {
    world.store.repeat_writes = true;
    Result<ImportSummary> summary = import_diary(
        world.ports, alice,
        command({note(monday, 14 * 60, "Afternoon", "Fixed the build.", {"@work"}),
                 note(monday, 9 * 60, "Morning", "Asked for feedback.", {"#Feedback", "work"}),
                 note(today, 8 * 60, "", "Read the docs.")}));
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->days_found, 2);
    EXPECT_EQ(summary->created, 2);
    EXPECT_EQ(world.store.write_transactions(), 1);
    std::optional<DiaryEntry> entry = world.store.find_diary_entry(alice.id, monday);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->learning_moments, "## Morning\n\nAsked for feedback.\n\n## Afternoon\n\nFixed the build.");
    EXPECT_EQ(entry->tags, (std::vector<std::string>{"Feedback", "work"}));
    EXPECT_FALSE(entry->shared_with_peer);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->learning_moments, "Read the docs.");
}

TEST_F(ImportOperations, APreviewSaysWhatWouldHappenAndWritesNothing) {
    ASSERT_TRUE(world.store.put_diary_entry(DiaryEntry{alice.id, monday, "Mine.", "", "", {}, {}, false, 0, {}, {}})
                    .created);
    Result<ImportSummary> summary =
        import_diary(world.ports, alice,
                     command({note(monday, 0, "", "From jrnl."), note(day_of(2026, 11, 30), 0, "", "Tomorrow-ish."),
                              note(today, 0, "", "   ")},
                             ImportStep::preview));
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->step, ImportStep::preview);
    EXPECT_EQ(summary->days_existing, 1);
    ASSERT_EQ(summary->days.size(), 3u);
    EXPECT_EQ(summary->days[0].action, ImportAction::add);
    EXPECT_EQ(summary->days[1].action, ImportAction::skip);
    EXPECT_EQ(summary->days[1].reason, "no text");
    EXPECT_EQ(summary->days[2].action, ImportAction::skip);
    EXPECT_EQ(summary->days[2].reason, "in the future");
    EXPECT_EQ(world.store.write_transactions(), 0);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, monday)->learning_moments, "Mine.");
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, today));
}

TEST_F(ImportOperations, AddsBelowAnEntryOnceAndASecondRunChangesNothing) {
    DiaryEntry mine{alice.id, monday, "Mine.", "", "", {}, {"own"}, true, 20, {}, {}};
    world.store.put_diary_entry(mine);
    ImportCommand run = command({note(monday, 0, "Title", "From jrnl.", {"jrnl"})});
    ASSERT_TRUE(import_diary(world.ports, alice, run));
    std::optional<DiaryEntry> entry = world.store.find_diary_entry(alice.id, monday);
    EXPECT_EQ(entry->learning_moments, "Mine.\n\n## Title\n\nFrom jrnl.");
    EXPECT_EQ(entry->tags, (std::vector<std::string>{"own", "jrnl"}));
    EXPECT_TRUE(entry->shared_with_peer);  // the person's own choice stays
    EXPECT_EQ(entry->minutes, 20);

    Result<ImportSummary> again = import_diary(world.ports, alice, run);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->unchanged, 1);
    EXPECT_EQ(again->added, 0);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, monday)->learning_moments, entry->learning_moments);
}

TEST_F(ImportOperations, SkipsDaysThatHaveAnEntryWhenAskedTo) {
    world.store.put_diary_entry(DiaryEntry{alice.id, monday, "Mine.", "", "", {}, {}, false, 0, {}, {}});
    Result<ImportSummary> summary = import_diary(
        world.ports, alice, command({note(monday, 0, "", "Theirs."), note(today, 0, "", "New.")}, ImportStep::import,
                                    ExistingDays::skip));
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->skipped, 1);
    EXPECT_EQ(summary->days[0].reason, "has an entry already");
    EXPECT_EQ(summary->created, 1);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, monday)->learning_moments, "Mine.");
}

TEST_F(ImportOperations, MakesTagsValidAndNamesCompetenciesFromTheCatalogue) {
    Competency feedback = world.competency("Feedback geven");
    ImportedNote written = note(monday, 0, "", "Text.");
    written.tags = {"", "  #a  ", "A", std::string(50, 'x')};
    for (int i = 0; i < 25; ++i) written.tags.push_back("t" + std::to_string(i));
    written.competencies = {"feedback GEVEN", "Unknown"};
    Result<ImportSummary> summary = import_diary(world.ports, alice, command({written}));
    ASSERT_TRUE(summary) << summary.error().message;
    std::optional<DiaryEntry> entry = world.store.find_diary_entry(alice.id, monday);
    ASSERT_TRUE(entry);
    EXPECT_EQ(entry->tags.size(), 20u);
    EXPECT_EQ(entry->tags[0], "a");
    EXPECT_EQ(entry->tags[1], std::string(40, 'x'));
    EXPECT_EQ(entry->competency_ids, std::vector<std::string>{feedback.id});
    EXPECT_EQ(summary->unknown_competencies, std::vector<std::string>{"Unknown"});
    EXPECT_GT(summary->tags_left_out, 0u);
}

TEST_F(ImportOperations, LeavesOutAnArchivedCompetencyButKeepsTheDay) {
    Competency archived = world.competency("Oud", true);
    ImportedNote written = note(monday, 0, "", "Text.");
    written.competencies = {"Oud"};
    Result<ImportSummary> summary = import_diary(world.ports, alice, command({written}));
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->created, 1);
    EXPECT_EQ(summary->unknown_competencies, std::vector<std::string>{"Oud"});
    std::optional<DiaryEntry> entry = world.store.find_diary_entry(alice.id, monday);
    ASSERT_TRUE(entry);
    EXPECT_TRUE(entry->competency_ids.empty());

    // On a day whose entry has it already, it stays.
    world.store.put_diary_entry(DiaryEntry{alice.id, today, "Mine.", "", "", {archived.id}, {}, false, 0, {}, {}});
    ImportedNote more = note(today, 0, "", "More.");
    more.competencies = {"Oud"};
    summary = import_diary(world.ports, alice, command({more}));
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->added, 1);
    EXPECT_EQ(world.store.find_diary_entry(alice.id, today)->competency_ids, std::vector<std::string>{archived.id});
}

TEST_F(ImportOperations, SkipsADayTooLongForOneEntryAndSaysWhy) {
    Result<ImportSummary> summary =
        import_diary(world.ports, alice, command({note(monday, 0, "", std::string(20001, 'a'))}));
    ASSERT_TRUE(summary);
    EXPECT_EQ(summary->skipped, 1);
    EXPECT_NE(summary->days[0].reason.find("learning_moments"), std::string::npos);
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, monday));
}

}  // namespace
}  // namespace ritme::operations

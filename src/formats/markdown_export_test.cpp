// The Markdown export: its files, and the round trip of the diary through the Markdown
// import (export, import into an empty account, the same days field by field).
#include "formats/markdown_export.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/operations/account.hpp"
#include "core/operations/diary.hpp"
#include "core/operations/imports.hpp"
#include "core/testing/world.hpp"
#include "formats/imports.hpp"

namespace ritme::formats {
namespace {

using fakes::day_of;

class MarkdownExport : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    User bob = world.person("bob");
    Competency feedback = world.competency("Feedback geven");
    Competency planning = world.competency("Plannen, \"slim\" en samen");

    DiaryEntry written(Day day, std::string moments, std::string handling, std::string key_learning,
                       std::vector<std::string> competencies, std::vector<std::string> tags, int minutes) {
        DiaryEntry entry;
        entry.day = day;
        entry.learning_moments = std::move(moments);
        entry.handling = std::move(handling);
        entry.key_learning = std::move(key_learning);
        entry.competency_ids = std::move(competencies);
        entry.tags = std::move(tags);
        entry.minutes = minutes;
        return entry;
    }

    void save(const User& person, DiaryEntry entry) {
        Result<operations::SavedDiaryEntry> saved = operations::save_diary_entry(world.ports, person, std::move(entry));
        ASSERT_TRUE(saved) << saved.error().message;
    }

    operations::PersonalData data_of(const User& person) {
        Result<operations::PersonalData> held = operations::personal_data(world.ports, person);
        EXPECT_TRUE(held);
        return *held;
    }

    static const ZipFile* file_named(const std::vector<ZipFile>& files, const std::string& name) {
        auto found = std::find_if(files.begin(), files.end(), [&](const ZipFile& file) { return file.name == name; });
        return found == files.end() ? nullptr : &*found;
    }
};

TEST_F(MarkdownExport, TheDiaryComesBackFieldByFieldThroughTheMarkdownImport) {
    save(alice, written(day_of(2026, 11, 2),
                        "---\nA line of dashes first, then # not a heading\ntags: not front matter\n\n- a list",
                        "Asked \"why\" twice.\n\n<!-- a comment of mine -->\nThen wrote it down.",
                        "Say it: \"early\" \\ often,\tand plainly", {feedback.id, planning.id},
                        {"werk", "samen, met \"anderen\"", "één"}, 45));
    save(alice, written(day_of(2026, 11, 3), "Only moments, no handling.", "", "", {}, {}, 0));
    save(alice, written(day_of(2026, 11, 26), "Today: [a link](https://example.org) and *stars*.", "Handled.",
                        "A colon: here", {planning.id}, {"Feedback"}, 600));
    operations::PersonalData exported = data_of(alice);
    ASSERT_EQ(exported.diary.size(), 3u);

    Result<operations::ImportFile> read = read_markdown_notes(markdown_export(exported));
    ASSERT_TRUE(read) << read.error().message;
    operations::ImportCommand command;
    command.file = std::move(*read);
    command.step = operations::ImportStep::import;
    Result<operations::ImportSummary> summary = operations::import_diary(world.ports, bob, std::move(command));
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->created, 3);
    EXPECT_EQ(summary->skipped, 0);
    EXPECT_TRUE(summary->unknown_competencies.empty());

    for (const DiaryEntry& original : exported.diary) {
        SCOPED_TRACE(format_day(original.day));
        std::optional<DiaryEntry> imported = world.store.find_diary_entry(bob.id, original.day);
        ASSERT_TRUE(imported);
        EXPECT_EQ(imported->learning_moments, original.learning_moments);
        EXPECT_EQ(imported->handling, original.handling);
        EXPECT_EQ(imported->key_learning, original.key_learning);
        EXPECT_EQ(imported->competency_ids, original.competency_ids);
        EXPECT_EQ(imported->tags, original.tags);
        EXPECT_EQ(imported->minutes, original.minutes);
    }
    // A second import of the same export changes nothing.
    operations::ImportCommand again;
    again.file = *read_markdown_notes(markdown_export(exported));
    again.step = operations::ImportStep::import;
    EXPECT_EQ(operations::import_diary(world.ports, bob, std::move(again))->unchanged, 3);
}

TEST_F(MarkdownExport, ADailyNoteIsFrontMatterTheMomentsAndTheHandlingBelowTheMarker) {
    DiaryEntry entry =
        written(day_of(2026, 11, 2), "Moments.", "Handling.", "Key \"one\"", {feedback.id}, {"werk", "a, b"}, 30);
    EXPECT_EQ(daily_note(entry, {feedback}),
              "---\n"
              "tags: [\"werk\", \"a, b\"]\n"
              "competencies: [\"Feedback geven\"]\n"
              "minutes: 30\n"
              "key_learning: \"Key \\\"one\\\"\"\n"
              "---\n\n"
              "Moments.\n\n"
              "<!-- ritme:handling -->\n\n"
              "Handling.\n");
}

TEST_F(MarkdownExport, WritesAFilePerDayWeekMonthContractAndYearWithTheQuestionsAsHeadings) {
    save(alice, written(day_of(2026, 11, 24), "Tuesday.", "", "", {}, {}, 0));
    WeeklyReview week;
    week.user_id = alice.id;
    week.week = week_of(day_of(2026, 11, 24));
    week.peer_meeting = {true, day_of(2026, 11, 25), "We spoke about feedback."};
    week.plan = {feedback.id, "In the stand-up", "Ask one question", "Three answers", day_of(2026, 12, 4)};
    week.act = "Ask earlier.";
    world.store.put_weekly_review(week);
    MonthlyReflection month;
    month.user_id = alice.id;
    month.month = Month{2026, 11};
    month.focus_competency_ids = {planning.id};
    month.went_well = "The planning.";
    world.store.put_monthly_reflection(month);
    LearningContract contract;
    contract.user_id = alice.id;
    contract.quarter = Quarter{2026, 4};
    contract.where_from = "First version.";
    contract.goals = {{"g1", "Lead a retrospective", "The team says it helped", day_of(2026, 12, 18)}};
    world.store.put_learning_contract(contract);
    contract.revision = 2;
    contract.where_from = "Second version.";
    contract.status = ContractStatus::agreed;
    contract.discussion = {{bob.id, "A comment of the colleague.", true, world.clock.now()}};
    world.store.put_learning_contract(contract);
    YearlyReview year;
    year.user_id = alice.id;
    year.year = Year{2026};
    year.challenging = 4;
    year.next_step = NextStep::education;
    world.store.put_yearly_review(year);

    std::vector<ZipFile> files = markdown_files(data_of(alice));
    for (const char* name : {"README.md", "diary/2026-11-24.md", "weeks/2026-W48.md", "months/2026-11.md",
                             "contracts/2026-Q4.md", "contracts/2026-Q4.revision-1.md", "years/2026.md"}) {
        EXPECT_TRUE(file_named(files, name)) << name;
    }
    EXPECT_EQ(files.size(), 7u);

    const std::string& week_text = file_named(files, "weeks/2026-W48.md")->content;  // alice writes Dutch
    EXPECT_NE(week_text.find("# week 48 van 2026"), std::string::npos) << week_text;
    EXPECT_NE(week_text.find("Gehouden op 25 november 2026."), std::string::npos) << week_text;
    EXPECT_NE(week_text.find("### Op welke competentie focus je jezelf?\n\nFeedback geven"), std::string::npos);
    EXPECT_NE(week_text.find("### Wanneer?\n\n4 december 2026"), std::string::npos) << week_text;
    EXPECT_NE(week_text.find("- [24 november 2026](../diary/2026-11-24.md)"), std::string::npos) << week_text;
    EXPECT_NE(week_text.find("## Act: hoe stel je je plannen bij?\n\nAsk earlier."), std::string::npos);

    const std::string& now = file_named(files, "contracts/2026-Q4.md")->content;
    EXPECT_NE(now.find("Second version."), std::string::npos);
    EXPECT_NE(now.find("Status: afgesproken"), std::string::npos) << now;
    EXPECT_NE(now.find("### Lead a retrospective\n\nMaat: The team says it helped"), std::string::npos) << now;
    EXPECT_EQ(now.find("A comment of the colleague."), std::string::npos);  // the discussion is not only hers
    EXPECT_NE(file_named(files, "contracts/2026-Q4.revision-1.md")->content.find("First version."), std::string::npos);
    EXPECT_NE(file_named(files, "months/2026-11.md")->content.find("## Focus\n\n- Plannen, \"slim\" en samen"),
              std::string::npos);
    const std::string& year_text = file_named(files, "years/2026.md")->content;
    EXPECT_NE(year_text.find("## Hoe uitdagend is je job? (1 tot 5)\n\n4"), std::string::npos) << year_text;
    EXPECT_NE(year_text.find("Een opleiding"), std::string::npos);
    EXPECT_EQ(year_text.find("Hoe inspirerend?"), std::string::npos);  // not answered

    alice.locale = Locale::en;
    world.store.update_profile(alice);
    std::vector<ZipFile> english = markdown_files(data_of(alice));
    EXPECT_NE(file_named(english, "weeks/2026-W48.md")->content.find("## Act: how do you adjust your plans?"),
              std::string::npos);
}

TEST_F(MarkdownExport, HoldsOnlyThePersonsOwnDays) {
    save(alice, written(day_of(2026, 11, 2), "Alice's day.", "", "", {}, {}, 0));
    DiaryEntry shared = written(day_of(2026, 11, 3), "Bob's shared day.", "", "", {}, {}, 0);
    shared.shared_with_peer = true;
    world.pair(alice, bob);
    save(bob, shared);
    std::vector<ZipFile> files = markdown_files(data_of(alice));
    EXPECT_TRUE(file_named(files, "diary/2026-11-02.md"));
    EXPECT_FALSE(file_named(files, "diary/2026-11-03.md"));
    for (const ZipFile& file : files) EXPECT_EQ(file.content.find("Bob's"), std::string::npos) << file.name;
}

TEST(MarkdownExportName, IsDated) {
    EXPECT_EQ(markdown_export_file_name(day_of(2026, 11, 26)), "ritme-export-2026-11-26.zip");
}

}  // namespace
}  // namespace ritme::formats

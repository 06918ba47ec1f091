// The import readers on files as jrnl, Day One and Obsidian write them (tests/imports,
// whose README says where each format comes from), and on files that are not.
#include "formats/imports.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/system_ports.hpp"
#include "formats/zip.hpp"

namespace ritme::formats {
namespace {

namespace fs = std::filesystem;
const fs::path fixtures = RITME_IMPORT_FIXTURES;

std::string contents(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// The folder as the program's zip has it (paths relative to the folder).
std::string zip_of(const fs::path& folder) {
    std::vector<ZipFile> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        files.push_back({fs::relative(entry.path(), folder).generic_string(), contents(entry.path())});
    }
    return write_zip(files);
}

Day day(int y, unsigned m, unsigned d) {
    return Day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
}

app::TzdataCalendar calendar;

TEST(JrnlImport, ReadsJrnlsJsonExportEntryByEntry) {
    Result<operations::ImportFile> file = read_jrnl(contents(fixtures / "jrnl/journal.json"));
    ASSERT_TRUE(file) << file.error().message;
    ASSERT_EQ(file->notes.size(), 4u);
    const operations::ImportedNote& first = file->notes[0];
    EXPECT_EQ(first.day, day(2020, 8, 29));
    EXPECT_EQ(first.minute, 11 * 60 + 11);
    EXPECT_EQ(first.title, "Entry the first.");
    EXPECT_EQ(first.tags, (std::vector<std::string>{"@ipsum", "@tagone", "@tagtwo"}));
    EXPECT_NE(file->notes[3].text.find("emojis. \xF0\x9F\x92\xAF"), std::string::npos);  // \ud83d\udcaf read as U+1F4AF
}

TEST(JrnlImport, NamesTheEntryOrLineAtFault) {
    Result<operations::ImportFile> bad_date =
        read_jrnl(R"({"entries": [{"date": "2020-08-29", "title": "a"}, {"date": "2020-02-30", "title": "b"}]})");
    ASSERT_FALSE(bad_date);
    EXPECT_EQ(bad_date.error().code, ErrorCode::validation_failed);
    EXPECT_NE(bad_date.error().message.find("entry 2"), std::string::npos) << bad_date.error().message;
    EXPECT_NE(bad_date.error().message.find("2020-02-30"), std::string::npos);

    Result<operations::ImportFile> not_json = read_jrnl("{\n  \"entries\": [\n    {\"date\": }\n]}");
    ASSERT_FALSE(not_json);
    EXPECT_EQ(not_json.error().code, ErrorCode::bad_request);
    EXPECT_NE(not_json.error().message.find("line 3"), std::string::npos) << not_json.error().message;

    Result<operations::ImportFile> not_utf8 = read_jrnl("{\"entries\": [\n{\"date\": \"2020-08-29\", \"body\": \"\xC3\x28\"}]}");
    ASSERT_FALSE(not_utf8);
    EXPECT_NE(not_utf8.error().message.find("UTF-8 (line 2)"), std::string::npos) << not_utf8.error().message;

    Result<operations::ImportFile> dayone = read_jrnl(contents(fixtures / "dayone/Journal.json"));
    ASSERT_FALSE(dayone);
    EXPECT_NE(dayone.error().message.find("Day One"), std::string::npos) << dayone.error().message;

    EXPECT_FALSE(read_jrnl(R"({"tags": {}})"));
    EXPECT_FALSE(read_jrnl(R"([1, 2])"));
}

TEST(DayOneImport, ReadsTheZipOnThePersonsDaysAndCountsThePhotosLeftOut) {
    Result<operations::ImportFile> file = read_dayone(zip_of(fixtures / "dayone"), calendar, "Europe/Amsterdam");
    ASSERT_TRUE(file) << file.error().message;
    ASSERT_EQ(file->notes.size(), 3u);
    EXPECT_EQ(file->photos_left_out, 1);
    EXPECT_EQ(file->notes[0].day, day(2020, 8, 29));
    EXPECT_EQ(file->notes[0].minute, 11 * 60 + 11);  // 09:11 UTC is 11:11 in Amsterdam in summer
    EXPECT_EQ(file->notes[0].text.find("dayone-moment"), std::string::npos);
    EXPECT_EQ(file->notes[0].tags, (std::vector<std::string>{"feedback", "Werk"}));
    EXPECT_EQ(file->notes[1].day, day(2020, 8, 30));  // 22:30 UTC is past midnight there
    Result<operations::ImportFile> in_utc = read_dayone(zip_of(fixtures / "dayone"), calendar, "UTC");
    ASSERT_TRUE(in_utc);
    EXPECT_EQ(in_utc->notes[1].day, day(2020, 8, 29));
}

TEST(DayOneImport, RefusesAZipWithoutAJournalAndAZipBomb) {
    Result<operations::ImportFile> markdown = read_dayone(zip_of(fixtures / "markdown"), calendar, "UTC");
    ASSERT_FALSE(markdown);
    EXPECT_NE(markdown.error().message.find("Journal.json"), std::string::npos);

    // 3 MiB of spaces packs into a few kilobytes; unpacking stops at the limit (200 MiB by
    // default, 1 MiB here), counted while unpacking.
    std::string bomb = write_zip({{"Journal.json", std::string(3u * 1024u * 1024u, ' ')}});
    EXPECT_LT(bomb.size(), 64u * 1024u);
    Result<std::vector<ZipFile>> unpacked =
        read_zip(bomb, [](std::string_view) { return true; }, ZipLimits{10, 1024u * 1024u});
    ASSERT_FALSE(unpacked);
    EXPECT_EQ(unpacked.error().code, ErrorCode::payload_too_large);
    EXPECT_TRUE(read_zip(bomb, [](std::string_view) { return true; }, ZipLimits{10, 4u * 1024u * 1024u}));

    std::vector<ZipFile> many;
    for (int i = 0; i < 20001; ++i) many.push_back({"photos/" + std::to_string(i) + ".jpeg", ""});
    Result<operations::ImportFile> crowded = read_dayone(write_zip(many), calendar, "UTC");
    ASSERT_FALSE(crowded);
    EXPECT_EQ(crowded.error().code, ErrorCode::payload_too_large);

    EXPECT_EQ(read_dayone("PK\3\4 not really", calendar, "UTC").error().code, ErrorCode::bad_request);
    EXPECT_EQ(read_import(ImportKind::jrnl, std::string(max_import_bytes + 1, ' '), calendar, "UTC").error().code,
              ErrorCode::payload_too_large);
}

TEST(MarkdownImport, ReadsDailyNotesWithTheirFrontMatterAndLeavesOtherFilesAlone) {
    Result<operations::ImportFile> file = read_markdown_notes(zip_of(fixtures / "markdown"));
    ASSERT_TRUE(file) << file.error().message;
    ASSERT_EQ(file->notes.size(), 3u);
    std::map<Day, operations::ImportedNote> by_day;
    for (const operations::ImportedNote& note : file->notes) by_day[note.day] = note;
    EXPECT_EQ(by_day[day(2020, 8, 29)].tags, (std::vector<std::string>{"work", "#feedback"}));
    EXPECT_EQ(by_day[day(2020, 8, 29)].text, "# Saturday\n\nAsked for feedback early; it saved a week.");
    EXPECT_EQ(by_day[day(2020, 8, 31)].tags, (std::vector<std::string>{"retro", "work"}));
    EXPECT_EQ(by_day[day(2020, 9, 24)].text, "Pair programming with Noor: \xC3\xA9\xC3\xA9n scherm, twee hoofden.");
}

TEST(MarkdownImport, NamesTheFileAndLineAtFault) {
    Result<operations::ImportFile> not_a_day = read_markdown_notes(write_zip({{"2026-02-30.md", "text"}}));
    ASSERT_FALSE(not_a_day);
    EXPECT_NE(not_a_day.error().message.find("2026-02-30.md"), std::string::npos);

    Result<operations::ImportFile> bad_utf8 = read_markdown_notes(write_zip({{"n/2026-02-03.md", "ok\nok\n\xFF"}}));
    ASSERT_FALSE(bad_utf8);
    EXPECT_NE(bad_utf8.error().message.find("n/2026-02-03.md is not valid UTF-8 (line 3)"), std::string::npos)
        << bad_utf8.error().message;

    Result<operations::ImportFile> open_matter = read_markdown_notes(write_zip({{"2026-02-03.md", "---\ntags: [a]\n"}}));
    ASSERT_FALSE(open_matter);
    EXPECT_NE(open_matter.error().message.find("not closed"), std::string::npos);

    Result<operations::ImportFile> minutes =
        read_markdown_notes(write_zip({{"2026-02-03.md", "---\ntags: [a]\nminutes: lots\n---\ntext"}}));
    ASSERT_FALSE(minutes);
    EXPECT_NE(minutes.error().message.find("line 3"), std::string::npos) << minutes.error().message;

    EXPECT_FALSE(read_markdown_notes(write_zip({{"notes.md", "text"}})));
    EXPECT_FALSE(read_markdown_notes("2026-02-03.md"));
}

}  // namespace
}  // namespace ritme::formats

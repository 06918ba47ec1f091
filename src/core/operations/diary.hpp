#pragma once
// Daily: the learning diary, one entry per day per person.
#include <optional>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"
#include "core/social.hpp"

namespace ritme::operations {

using SavedDiaryEntry = Store::PutDiaryResult;  // the entry as stored, and whether it is new

// Writes or replaces the person's entry of `written.day` with what `written` holds (the
// day and the written fields; whose it is and when are set here). The catalogue check
// sees the competencies the entry had (an archived one may stay) in the same transaction.
// `based_on`: the version the writer read (precondition_failed when another is stored).
Result<SavedDiaryEntry> save_diary_entry(const Ports& ports, const User& person, DiaryEntry written,
                                         BasedOn based_on = std::nullopt);

// not_found when the person wrote nothing that day.
Result<DiaryEntry> diary_entry(const Ports& ports, const User& person, Day day);
// Moves the day's entry to the trash (operations/trash.hpp); not_found when there is none.
Status delete_diary_day(const Ports& ports, const User& person, Day day);

// The person's own entries (`query.user_id` is set here), newest first.
Result<DiaryPage> list_diary_entries(const Ports& ports, const User& person, DiaryQuery query);

// What the diary's own page shows: a page of entries, the days of `month` that have one,
// and the catalogue (to name the entries' competencies and to filter by one).
struct DiaryOverview {
    DiaryPage page;
    std::vector<Day> days_written;  // in `month`, ascending
    std::vector<Competency> catalogue;
};
Result<DiaryOverview> diary_overview(const Ports& ports, const User& person, DiaryQuery query, Month month);

// What a day's page shows: the entry (if any), the catalogue, the events the person
// went to in the week up to that day (to suggest writing down what was learned there),
// and "op deze dag": what they wrote on the same day a year before, when they did.
struct DiaryDay {
    std::optional<DiaryEntry> entry;
    std::vector<Competency> catalogue;
    std::vector<Event> attended;
    std::optional<DiaryEntry> year_ago;
};
// The same day a year before; 29 February's is 28 February.
Day a_year_before(Day day);
Result<DiaryDay> diary_day(const Ports& ports, const User& person, Day day);

}  // namespace ritme::operations

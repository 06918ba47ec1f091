#pragma once
// Reminders per level of the rhythm: which are due for a person at a moment, and the
// e-mail each one is. Pure: the caller turns the instant into the person's local date and
// time and looks up the facts of their rhythm.
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/social.hpp"

namespace ritme {

// What the person has written for the periods around the local day.
struct ReminderFacts {
    // Each level as done means it (core/rhythm.hpp): its substance is there.
    bool day_done = false;      // the local day's diary entry
    bool month_done = false;    // the day's month's reflection
    bool quarter_done = false;  // the day's quarter's Learning Contract (shared or agreed)
    bool year_done = false;     // the day's year's review
};

struct DueReminder {
    Level level = Level::daily;
    std::string period;  // "2026-11-26", "2026-W48", "2026-11", "2026-Q4", "2026"
    auto operator<=>(const DueReminder&) const = default;
};

// The reminders due on `day` at local `minute_of_day` (0..1439), in the order of
// all_levels. A level is due once its time of day has come:
// - daily: on the person's workdays, while the day has no diary entry (period: the day);
// - weekly: on its weekday (period: the ISO week);
// - monthly: in the last 7 days of the month, while it has no reflection (the month);
// - quarterly: in the first 14 days of a quarter, while it has no contract (the quarter);
// - yearly: in December, while the year has no review (the year).
// Sending each at most once per period is the job table's part, not this function's.
std::vector<DueReminder> due_reminders(const User& person, const ReminderSettings& settings, const ReminderFacts& facts,
                                       Day day, int minute_of_day);

// Whether a reminder for `level` and `period` still makes sense with these facts (the
// person may have written in between): the daily one while its day has no entry, and so on.
bool still_wanted(Level level, const ReminderFacts& facts);

// The page a reminder links to, below the public URL: "/diary/2026-11-26", "/weeks/2026-W48",
// "/months/2026-11", "/contracts/2026-Q4", "/years/2026".
std::string reminder_page_path(Level level, const std::string& period);

// The period as people say it: "26 november 2026", "week 48 van 2026", "november 2026",
// "Q4 2026", "2026"; the period as it is when it does not parse.
std::string spoken_period(Locale locale, Level level, const std::string& period);

struct ReminderMail {
    std::string subject;  // one line, UTF-8
    std::string body;     // plain text, UTF-8, lines joined with "\n"
};

// The e-mail in the person's language: what to do, the link to the page and the link that
// turns this level's reminders off. `page_url` and `off_url` are absolute.
ReminderMail reminder_mail(const User& person, Level level, const std::string& period, const std::string& page_url,
                           const std::string& off_url);

}  // namespace ritme

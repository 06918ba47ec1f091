#pragma once
// The rhythm of one person on one day: what is due, what is done, and the streak.
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace ritme {

struct Streak {
    int current = 0;
    int longest = 0;
};

// `entry_days`: the days with a diary entry (any order, up to and past `day`).
// Counts consecutive workdays with an entry up to and including `day`; a workday without
// an entry breaks it, a non-workday neither counts nor breaks it, and `day` itself with no
// entry yet does not break it. `longest` is the longest such run up to and including `day`.
Streak compute_streak(const std::vector<Day>& entry_days, const std::vector<int>& workdays, Day day);

bool is_workday(Day day, const std::vector<int>& workdays);

// "Done" on each level: the level's substance is there, not merely a record (an empty
// save is not done). The dashboard, the rhythm, the streak and the reminders all ask these.
bool diary_day_done(const DiaryEntry& entry);          // learning moments written
bool plan_complete(const WeeklyPlan& plan);            // competency, situation, approach, measure, deadline
bool week_done(const WeeklyReview& review);            // the peer review held, or a complete plan
bool month_done(const MonthlyReflection& reflection);  // a focus and an answer
bool contract_done(const LearningContract& contract);  // agreed, or at least shared
bool year_done(const YearlyReview& review);            // the questions answered

struct RhythmFacts {
    Day day{};
    std::vector<int> workdays;
    bool diary_done = false;
    std::optional<WeeklyReview> week;
    std::optional<MonthlyReflection> month;
    std::optional<LearningContract> contract;
    std::optional<YearlyReview> year;
    std::vector<Day> entry_days;
};

struct Rhythm {
    Day day{};
    bool daily_due = false;
    bool daily_done = false;
    IsoWeek week{};
    bool weekly_done = false;
    bool peer_meeting_held = false;
    Month month{};
    bool monthly_done = false;
    Quarter quarter{};
    bool quarterly_done = false;
    std::optional<ContractStatus> contract_status;
    Year year{};
    bool yearly_done = false;
    Streak streak;
    std::vector<std::string> focus_competency_ids;
};

Rhythm rhythm_of(const RhythmFacts& facts);

}  // namespace ritme

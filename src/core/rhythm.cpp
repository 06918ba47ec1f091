#include "core/rhythm.hpp"

#include <algorithm>
#include <array>

#include "core/text.hpp"

namespace ritme {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// Which ISO weekdays (index 1..7) are workdays; numbers outside 1..7 are ignored.
using WorkWeek = std::array<bool, 8>;

WorkWeek work_week_of(const std::vector<int>& workdays) {
    WorkWeek week{};
    for (int weekday : workdays) {
        if (weekday >= 1 && weekday <= 7) week[static_cast<std::size_t>(weekday)] = true;
    }
    return week;
}

bool works_on(const WorkWeek& week, sys_days date) {
    return week[std::chrono::weekday{date}.iso_encoding()];
}

// The first workday after `date`; the work week has at least one workday, so it is
// at most seven days ahead.
sys_days next_workday_after(const WorkWeek& week, sys_days date) {
    sys_days next = date + days{1};
    while (!works_on(week, next)) next += days{1};
    return next;
}

}  // namespace

bool diary_day_done(const DiaryEntry& entry) {
    return !is_blank(entry.learning_moments);
}

bool plan_complete(const WeeklyPlan& plan) {
    return !is_blank(plan.competency_id) && !is_blank(plan.situation) && !is_blank(plan.approach) &&
           !is_blank(plan.measure) && plan.deadline.has_value();
}

bool week_done(const WeeklyReview& review) {
    return review.peer_meeting.held || plan_complete(review.plan);
}

bool month_done(const MonthlyReflection& reflection) {
    bool answered =
        !is_blank(reflection.went_well) || !is_blank(reflection.could_be_better) || !is_blank(reflection.approach);
    return !reflection.focus_competency_ids.empty() && answered;
}

bool contract_done(const LearningContract& contract) {
    return contract.status == ContractStatus::shared || contract.status == ContractStatus::agreed;
}

bool year_done(const YearlyReview& review) {
    return review.challenging.has_value() && review.inspiring.has_value() && review.rewarding.has_value() &&
           review.next_step.has_value();
}

bool is_workday(Day day, const std::vector<int>& workdays) {
    auto weekday = static_cast<int>(iso_weekday(day));
    return std::find(workdays.begin(), workdays.end(), weekday) != workdays.end();
}

Streak compute_streak(const std::vector<Day>& entry_days, const std::vector<int>& workdays, Day day) {
    WorkWeek week = work_week_of(workdays);
    bool has_workday = std::find(week.begin(), week.end(), true) != week.end();
    if (!has_workday || !day.ok()) return Streak{};

    // Only entries on workdays up to `day` take part: an entry on a non-workday neither
    // counts nor breaks, and entries after `day` are not history yet.
    std::vector<sys_days> counted;
    counted.reserve(entry_days.size());
    for (const Day& entry_day : entry_days) {
        if (!entry_day.ok() || entry_day > day) continue;
        sys_days date{entry_day};
        if (works_on(week, date)) counted.push_back(date);
    }
    if (!std::is_sorted(counted.begin(), counted.end())) std::sort(counted.begin(), counted.end());
    counted.erase(std::unique(counted.begin(), counted.end()), counted.end());
    if (counted.empty()) return Streak{};

    // Two entries are in one run when no workday lies between them, so each entry is
    // compared with its predecessor instead of walking every calendar day.
    Streak streak;
    int run = 0;
    for (std::size_t index = 0; index < counted.size(); ++index) {
        if (index > 0 && next_workday_after(week, counted[index - 1]) != counted[index]) run = 0;
        ++run;
        streak.longest = std::max(streak.longest, run);
    }
    // The last run is still going when no workday without an entry lies between its last
    // entry and `day`; `day` itself may still get its entry, so it does not break.
    bool run_reaches_day = next_workday_after(week, counted.back()) >= sys_days{day};
    streak.current = run_reaches_day ? run : 0;
    return streak;
}

Rhythm rhythm_of(const RhythmFacts& facts) {
    Rhythm rhythm;
    rhythm.day = facts.day;
    rhythm.week = week_of(facts.day);
    rhythm.month = month_of(facts.day);
    rhythm.quarter = quarter_of(facts.day);
    rhythm.year = year_of(facts.day);

    rhythm.daily_due = is_workday(facts.day, facts.workdays);
    rhythm.daily_done = facts.diary_done;

    if (facts.week) {
        rhythm.peer_meeting_held = facts.week->peer_meeting.held;
        rhythm.weekly_done = week_done(*facts.week);
    }
    if (facts.month) {
        rhythm.monthly_done = month_done(*facts.month);
        rhythm.focus_competency_ids = facts.month->focus_competency_ids;
    }
    if (facts.contract) {
        rhythm.contract_status = facts.contract->status;
        rhythm.quarterly_done = contract_done(*facts.contract);
    }
    rhythm.yearly_done = facts.year && year_done(*facts.year);

    // The day's own entry counts even when the caller listed only earlier days.
    std::vector<Day> entry_days = facts.entry_days;
    if (facts.diary_done) entry_days.push_back(facts.day);
    rhythm.streak = compute_streak(entry_days, facts.workdays, facts.day);
    return rhythm;
}

}  // namespace ritme

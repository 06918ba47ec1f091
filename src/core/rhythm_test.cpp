#include "core/rhythm.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <set>
#include <vector>

namespace ritme {
namespace {

Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

const std::vector<int> office_week{1, 2, 3, 4, 5};

// Monday 23 November 2026 .. Sunday 29 November 2026.
const Day monday = day_of(2026, 11, 23);
const Day tuesday = add_days(monday, 1);
const Day wednesday = add_days(monday, 2);
const Day thursday = add_days(monday, 3);
const Day friday = add_days(monday, 4);
const Day saturday = add_days(monday, 5);
const Day sunday = add_days(monday, 6);
const Day next_monday = add_days(monday, 7);

void expect_streak(const Streak& streak, int current, int longest) {
    EXPECT_EQ(streak.current, current);
    EXPECT_EQ(streak.longest, longest);
}

// The contract's sentence, spelled out the slow way: walk every calendar day from long
// before the first entry up to `day`.
Streak reference_streak(const std::vector<Day>& entry_days, const std::vector<int>& workdays, Day day) {
    std::set<Day> entries(entry_days.begin(), entry_days.end());
    if (entries.empty() || workdays.empty()) return Streak{};
    Streak streak;
    int run = 0;
    for (Day current = *entries.begin(); current <= day; current = add_days(current, 1)) {
        if (!is_workday(current, workdays)) continue;
        if (entries.count(current) > 0) {
            ++run;
            streak.longest = std::max(streak.longest, run);
        } else if (current != day) {
            run = 0;
        }
    }
    streak.current = run;
    return streak;
}

// --- is_workday --------------------------------------------------------------------------

TEST(Workday, FollowsTheIsoWeekdays) {
    EXPECT_TRUE(is_workday(monday, office_week));
    EXPECT_TRUE(is_workday(friday, office_week));
    EXPECT_FALSE(is_workday(saturday, office_week));
    EXPECT_FALSE(is_workday(sunday, office_week));
    EXPECT_TRUE(is_workday(sunday, {6, 7}));
    EXPECT_FALSE(is_workday(monday, {}));
}

// --- compute_streak ----------------------------------------------------------------------

TEST(Streak, NothingWithoutWorkdaysOrEntries) {
    expect_streak(compute_streak({monday, tuesday}, {}, tuesday), 0, 0);
    expect_streak(compute_streak({monday, tuesday}, {0, 8, -1}, tuesday), 0, 0);  // no real weekday
    expect_streak(compute_streak({}, office_week, tuesday), 0, 0);
}

TEST(Streak, CountsConsecutiveWorkdays) {
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, friday), 5, 5);
}

TEST(Streak, TheGivenDayWithoutAnEntryDoesNotBreakIt) {
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday}, office_week, friday), 4, 4);
}

TEST(Streak, AMissedWorkdayBreaksIt) {
    expect_streak(compute_streak({monday, wednesday}, office_week, wednesday), 1, 1);
    // Wednesday passed without an entry; Thursday is today and has none yet.
    expect_streak(compute_streak({monday, tuesday}, office_week, thursday), 0, 2);
}

TEST(Streak, AWeekendNeitherCountsNorBreaks) {
    expect_streak(compute_streak({thursday, friday, next_monday}, office_week, next_monday), 3, 3);
    // Seen on Saturday or Sunday, Friday's run is still the current one.
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, saturday), 5, 5);
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, sunday), 5, 5);
    // And on the next Monday, without an entry yet.
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, next_monday), 5, 5);
    // On the next Tuesday Monday has been missed.
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, add_days(next_monday, 1)),
                  0, 5);
}

TEST(Streak, AnEntryOnANonWorkdayDoesNotCount) {
    expect_streak(compute_streak({friday, saturday, sunday, next_monday}, office_week, next_monday), 2, 2);
    expect_streak(compute_streak({saturday, sunday}, office_week, sunday), 0, 0);
    expect_streak(compute_streak({saturday, sunday}, office_week, next_monday), 0, 0);
}

TEST(Streak, IgnoresEntriesAfterTheDay) {
    expect_streak(compute_streak({monday, tuesday, wednesday, thursday, friday}, office_week, tuesday), 2, 2);
    expect_streak(compute_streak({wednesday, thursday, friday}, office_week, tuesday), 0, 0);
}

TEST(Streak, UnsortedAndRepeatedDays) {
    expect_streak(compute_streak({wednesday, monday, tuesday, monday, wednesday}, office_week, wednesday), 3, 3);
}

TEST(Streak, LongestIsTheLongestRunUpToTheDay) {
    std::vector<Day> entries;
    entries.reserve(17);
    // Two full weeks (10 workdays), a gap on the third Monday, then three days.
    for (int offset = 0; offset < 14; ++offset) entries.push_back(add_days(monday, offset));
    Day third_monday = add_days(monday, 14);
    for (int offset = 1; offset <= 3; ++offset) entries.push_back(add_days(third_monday, offset));
    expect_streak(compute_streak(entries, office_week, add_days(third_monday, 3)), 3, 10);
    // Seen from inside the first run, the longest is the run so far.
    expect_streak(compute_streak(entries, office_week, wednesday), 3, 3);
}

TEST(Streak, CustomWorkdays) {
    const std::vector<int> three_days{1, 2, 3};
    // Mon, Tue, Wed, then Mon, Tue again: Thursday to Sunday are not workdays.
    std::vector<Day> entries{monday, tuesday, wednesday, next_monday, add_days(next_monday, 1)};
    expect_streak(compute_streak(entries, three_days, add_days(next_monday, 1)), 5, 5);
    // A Thursday entry neither adds nor breaks.
    entries.push_back(thursday);
    expect_streak(compute_streak(entries, three_days, add_days(next_monday, 1)), 5, 5);
    // Missing Wednesday breaks, even though Thursday has an entry.
    std::vector<Day> missed{monday, tuesday, thursday, next_monday};
    expect_streak(compute_streak(missed, three_days, next_monday), 1, 2);
}

TEST(Streak, WeekendWorkers) {
    const std::vector<int> weekend{6, 7};
    Day next_saturday = add_days(saturday, 7);
    Day next_sunday = add_days(sunday, 7);
    std::vector<Day> entries{saturday, sunday, next_saturday};
    expect_streak(compute_streak(entries, weekend, next_saturday), 3, 3);
    expect_streak(compute_streak(entries, weekend, next_sunday), 3, 3);               // today, no entry yet
    expect_streak(compute_streak(entries, weekend, add_days(next_sunday, 3)), 0, 3);  // that Sunday was missed
    entries.push_back(next_sunday);
    expect_streak(compute_streak(entries, weekend, add_days(next_sunday, 3)), 4, 4);  // midweek: nothing missed
    expect_streak(compute_streak(entries, weekend, add_days(next_sunday, 6)), 4, 4);  // Saturday, no entry yet
    expect_streak(compute_streak(entries, weekend, add_days(next_sunday, 7)), 0, 4);  // Saturday was missed
    // Weekday entries mean nothing to a weekend worker.
    expect_streak(compute_streak({monday, tuesday, wednesday}, weekend, wednesday), 0, 0);
}

TEST(Streak, AcrossTheYearBoundary) {
    // Monday 28 December 2026 (week 2026-W53) to Tuesday 5 January 2027 (week 2027-W01).
    std::vector<Day> entries;
    for (Day day = day_of(2026, 12, 28); day <= day_of(2027, 1, 5); day = add_days(day, 1)) entries.push_back(day);
    expect_streak(compute_streak(entries, office_week, day_of(2027, 1, 5)), 7, 7);
    expect_streak(compute_streak(entries, office_week, day_of(2027, 1, 6)), 7, 7);
    expect_streak(compute_streak(entries, office_week, day_of(2027, 1, 7)), 0, 7);
}

TEST(Streak, WalksThreeMonthsDayByDay) {
    // A person writing on most workdays from September to November 2026: skips every
    // 11th day, writes on some Saturdays too. Each day's streak is checked against a
    // running count kept beside the walk.
    std::vector<Day> entries;
    Day first = day_of(2026, 9, 1);
    Day last = day_of(2026, 11, 30);
    int index = 0;
    for (Day day = first; day <= last; day = add_days(day, 1), ++index) {
        bool weekend = iso_weekday(day) >= 6;
        bool skipped = index % 11 == 10;
        bool saturday_entry = iso_weekday(day) == 6 && index % 3 == 0;
        if ((!weekend && !skipped) || saturday_entry) entries.push_back(day);
    }

    int run = 0;      // run up to and including yesterday
    int longest = 0;  // longest up to and including yesterday
    index = 0;
    for (Day day = first; day <= last; day = add_days(day, 1), ++index) {
        bool written = std::find(entries.begin(), entries.end(), day) != entries.end();
        bool workday = is_workday(day, office_week);
        int expected_current = run;
        if (workday && written) expected_current = run + 1;
        int expected_longest = std::max(longest, expected_current);
        Streak streak = compute_streak(entries, office_week, day);
        ASSERT_EQ(streak.current, expected_current) << format_day(day);
        ASSERT_EQ(streak.longest, expected_longest) << format_day(day);
        // Tomorrow's "yesterday": a workday without an entry breaks the run.
        if (workday) run = written ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    // The walk saw real runs and real breaks.
    EXPECT_GE(longest, 7);
    EXPECT_LT(longest, 20);
}

TEST(Streak, AgreesWithTheDayByDayReading) {
    // Deterministic pseudo-random histories, compared with the slow reference.
    std::uint32_t state = 12345;
    auto next = [&state]() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    const std::vector<std::vector<int>> work_weeks{{1, 2, 3, 4, 5},       {1, 2, 3}, {6, 7}, {1, 3, 5},
                                                   {1, 2, 3, 4, 5, 6, 7}, {4}};
    for (int trial = 0; trial < 300; ++trial) {
        const std::vector<int>& workdays = work_weeks[static_cast<std::size_t>(trial) % work_weeks.size()];
        Day start = add_days(day_of(2025, 12, 1), static_cast<int>(next() % 60));
        std::vector<Day> entries;
        int length = static_cast<int>(next() % 90);
        int skip_chance = static_cast<int>(next() % 6) + 2;  // skip one day in 2..7
        for (int offset = 0; offset < length; ++offset) {
            if (static_cast<int>(next() % static_cast<std::uint32_t>(skip_chance)) != 0) {
                entries.push_back(add_days(start, offset));
            }
        }
        Day day = add_days(start, static_cast<int>(next() % 100));
        Streak fast = compute_streak(entries, workdays, day);
        Streak slow = reference_streak(entries, workdays, day);
        ASSERT_EQ(fast.current, slow.current) << "trial " << trial << " day " << format_day(day);
        ASSERT_EQ(fast.longest, slow.longest) << "trial " << trial << " day " << format_day(day);
    }
}

TEST(Streak, ManyYearsOfEntries) {
    // Ten years of daily entries, given newest first: must stay quick and exact.
    std::vector<Day> entries;
    Day first = day_of(2016, 1, 1);
    for (int offset = 3652; offset >= 0; --offset) entries.push_back(add_days(first, offset));
    Day day = add_days(first, 3652);
    Streak streak = compute_streak(entries, office_week, day);
    int workdays = 0;
    for (Day current = first; current <= day; current = add_days(current, 1)) {
        workdays += is_workday(current, office_week) ? 1 : 0;
    }
    expect_streak(streak, workdays, workdays);
}

// --- rhythm_of ---------------------------------------------------------------------------

RhythmFacts facts_on(Day day) {
    RhythmFacts facts;
    facts.day = day;
    facts.workdays = office_week;
    return facts;
}

TEST(Rhythm, PeriodsOfTheDay) {
    Rhythm rhythm = rhythm_of(facts_on(day_of(2024, 12, 30)));
    EXPECT_EQ(rhythm.day, day_of(2024, 12, 30));
    EXPECT_EQ(rhythm.week, (IsoWeek{2025, 1}));
    EXPECT_EQ(rhythm.month, (Month{2024, 12}));
    EXPECT_EQ(rhythm.quarter, (Quarter{2024, 4}));
    EXPECT_EQ(rhythm.year, (Year{2024}));
}

TEST(Rhythm, NothingDoneYet) {
    Rhythm rhythm = rhythm_of(facts_on(thursday));
    EXPECT_TRUE(rhythm.daily_due);
    EXPECT_FALSE(rhythm.daily_done);
    EXPECT_FALSE(rhythm.weekly_done);
    EXPECT_FALSE(rhythm.peer_meeting_held);
    EXPECT_FALSE(rhythm.monthly_done);
    EXPECT_FALSE(rhythm.quarterly_done);
    EXPECT_FALSE(rhythm.contract_status.has_value());
    EXPECT_FALSE(rhythm.yearly_done);
    EXPECT_TRUE(rhythm.focus_competency_ids.empty());
    expect_streak(rhythm.streak, 0, 0);
}

TEST(Rhythm, DailyDueOnlyOnWorkdays) {
    EXPECT_FALSE(rhythm_of(facts_on(saturday)).daily_due);
    RhythmFacts facts = facts_on(saturday);
    facts.workdays = {6, 7};
    EXPECT_TRUE(rhythm_of(facts).daily_due);
    facts.workdays = {};
    EXPECT_FALSE(rhythm_of(facts).daily_due);
}

TEST(Rhythm, DailyDoneAndStreak) {
    RhythmFacts facts = facts_on(thursday);
    facts.entry_days = {monday, tuesday, wednesday};
    expect_streak(rhythm_of(facts).streak, 3, 3);
    facts.diary_done = true;  // today's entry counts even when not listed
    Rhythm rhythm = rhythm_of(facts);
    EXPECT_TRUE(rhythm.daily_done);
    expect_streak(rhythm.streak, 4, 4);
    facts.entry_days.push_back(thursday);  // listed as well: still counted once
    expect_streak(rhythm_of(facts).streak, 4, 4);
}

// "Done" means the level's substance is there; an empty save never is.
template <class Record>
struct DoneCase {
    const char* what;
    std::function<void(Record&)> write;
    bool done;
};

WeeklyPlan complete_plan() {
    WeeklyPlan plan;
    plan.competency_id = "c1";
    plan.situation = "In het teamoverleg";
    plan.approach = "Eerst doorvragen";
    plan.measure = "twee keer";
    plan.deadline = day_of(2026, 12, 2);
    return plan;
}

TEST(Done, ADiaryDayWithLearningMoments) {
    const std::vector<DoneCase<DiaryEntry>> cases{
        {"empty", [](DiaryEntry&) {}, false},
        {"white space only", [](DiaryEntry& entry) { entry.learning_moments = " \n\t"; }, false},
        {"only a key learning", [](DiaryEntry& entry) { entry.key_learning = "Eerst vragen"; }, false},
        {"learning moments", [](DiaryEntry& entry) { entry.learning_moments = "In het overleg"; }, true},
    };
    for (const auto& each : cases) {
        DiaryEntry entry;
        each.write(entry);
        EXPECT_EQ(diary_day_done(entry), each.done) << each.what;
    }
}

TEST(Done, AWeekWithThePeerReviewHeldOrACompletePlan) {
    auto without = [](auto field) {
        return [field](WeeklyReview& review) {
            review.plan = complete_plan();
            field(review.plan);
        };
    };
    const std::vector<DoneCase<WeeklyReview>> cases{
        {"empty save", [](WeeklyReview&) {}, false},
        {"Act alone", [](WeeklyReview& review) { review.act = "Volgende week anders"; }, false},
        {"notes of a meeting not held", [](WeeklyReview& review) { review.peer_meeting.notes = "Besproken"; }, false},
        {"one field of the plan", [](WeeklyReview& review) { review.plan.situation = "In het teamoverleg"; }, false},
        {"plan without competency", without([](WeeklyPlan& plan) { plan.competency_id = ""; }), false},
        {"plan with a blank situation", without([](WeeklyPlan& plan) { plan.situation = "  \n"; }), false},
        {"plan without approach", without([](WeeklyPlan& plan) { plan.approach = ""; }), false},
        {"plan without measure", without([](WeeklyPlan& plan) { plan.measure = ""; }), false},
        {"plan without deadline", without([](WeeklyPlan& plan) { plan.deadline.reset(); }), false},
        {"complete plan", without([](WeeklyPlan&) {}), true},
        {"peer review held", [](WeeklyReview& review) { review.peer_meeting.held = true; }, true},
    };
    for (const auto& each : cases) {
        WeeklyReview review;
        review.week = week_of(thursday);
        each.write(review);
        EXPECT_EQ(week_done(review), each.done) << each.what;
        RhythmFacts facts = facts_on(thursday);
        facts.week = review;
        EXPECT_EQ(rhythm_of(facts).weekly_done, each.done) << each.what << " (rhythm)";
    }
}

TEST(Done, AMonthWithAFocusAndAnAnswer) {
    const std::vector<DoneCase<MonthlyReflection>> cases{
        {"empty save", [](MonthlyReflection&) {}, false},
        {"focus only", [](MonthlyReflection& month) { month.focus_competency_ids = {"c1"}; }, false},
        {"an answer only", [](MonthlyReflection& month) { month.went_well = "Doorvragen"; }, false},
        {"focus and a blank answer",
         [](MonthlyReflection& month) {
             month.focus_competency_ids = {"c1"};
             month.approach = "   ";
         },
         false},
        {"focus and what went well",
         [](MonthlyReflection& month) {
             month.focus_competency_ids = {"c1"};
             month.went_well = "Doorvragen";
         },
         true},
        {"focus and what could be better",
         [](MonthlyReflection& month) {
             month.focus_competency_ids = {"c1", "c2"};
             month.could_be_better = "Samenvatten";
         },
         true},
        {"focus and the approach",
         [](MonthlyReflection& month) {
             month.focus_competency_ids = {"c1"};
             month.approach = "Na elk overleg een zin";
         },
         true},
    };
    for (const auto& each : cases) {
        MonthlyReflection reflection;
        reflection.month = month_of(thursday);
        each.write(reflection);
        EXPECT_EQ(month_done(reflection), each.done) << each.what;
        RhythmFacts facts = facts_on(thursday);
        facts.month = reflection;
        Rhythm rhythm = rhythm_of(facts);
        EXPECT_EQ(rhythm.monthly_done, each.done) << each.what << " (rhythm)";
        EXPECT_EQ(rhythm.focus_competency_ids, reflection.focus_competency_ids) << each.what;
    }
}

TEST(Done, AContractAgreedOrAtLeastShared) {
    RhythmFacts facts = facts_on(thursday);
    EXPECT_FALSE(rhythm_of(facts).quarterly_done);
    EXPECT_FALSE(rhythm_of(facts).contract_status.has_value());
    const std::vector<DoneCase<LearningContract>> cases{
        {"empty draft", [](LearningContract&) {}, false},
        {"written draft",
         [](LearningContract& contract) {
             contract.aims = "Luisteren";
             contract.goals = {ContractGoal{"g1", "Doorvragen", "10 keer", day_of(2026, 12, 18)}};
         },
         false},
        {"shared", [](LearningContract& contract) { contract.status = ContractStatus::shared; }, true},
        {"agreed", [](LearningContract& contract) { contract.status = ContractStatus::agreed; }, true},
        {"agreed, taken back from the colleague",
         [](LearningContract& contract) {
             contract.status = ContractStatus::agreed;
             contract.shared_with_peer = false;
         },
         true},
    };
    for (const auto& each : cases) {
        LearningContract contract;
        contract.quarter = quarter_of(thursday);
        each.write(contract);
        EXPECT_EQ(contract_done(contract), each.done) << each.what;
        facts.contract = contract;
        Rhythm rhythm = rhythm_of(facts);
        EXPECT_EQ(rhythm.quarterly_done, each.done) << each.what << " (rhythm)";
        EXPECT_EQ(rhythm.contract_status, contract.status) << each.what;
    }
}

TEST(Done, AYearWithTheQuestionsAnswered) {
    auto answered = [](YearlyReview& review) {
        review.challenging = 4;
        review.inspiring = 3;
        review.rewarding = 5;
        review.next_step = NextStep::stay;
    };
    const std::vector<DoneCase<YearlyReview>> cases{
        {"empty save", [](YearlyReview&) {}, false},
        {"notes only", [](YearlyReview& review) { review.notes = "Een goed jaar"; }, false},
        {"without challenging",
         [&](YearlyReview& review) {
             answered(review);
             review.challenging.reset();
         },
         false},
        {"without inspiring",
         [&](YearlyReview& review) {
             answered(review);
             review.inspiring.reset();
         },
         false},
        {"without rewarding",
         [&](YearlyReview& review) {
             answered(review);
             review.rewarding.reset();
         },
         false},
        {"without a next step",
         [&](YearlyReview& review) {
             answered(review);
             review.next_step.reset();
         },
         false},
        {"all answered", answered, true},
    };
    for (const auto& each : cases) {
        YearlyReview review;
        review.year = year_of(thursday);
        each.write(review);
        EXPECT_EQ(year_done(review), each.done) << each.what;
        RhythmFacts facts = facts_on(thursday);
        facts.year = review;
        EXPECT_EQ(rhythm_of(facts).yearly_done, each.done) << each.what << " (rhythm)";
    }
}

}  // namespace
}  // namespace ritme

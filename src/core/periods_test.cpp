#include "core/periods.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ritme {
namespace {

using namespace std::chrono_literals;

Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

Timestamp at(int year, unsigned month, unsigned day, int hours, int minutes, int seconds) {
    return std::chrono::sys_days{day_of(year, month, day)} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
           std::chrono::seconds{seconds};
}

TEST(ParseDay, AcceptsValidDays) {
    EXPECT_EQ(parse_day("2026-11-26"), day_of(2026, 11, 26));
    EXPECT_EQ(parse_day("1000-01-01"), day_of(1000, 1, 1));
    EXPECT_EQ(parse_day("9999-12-31"), day_of(9999, 12, 31));
}

TEST(ParseDay, LeapDays) {
    EXPECT_EQ(parse_day("2024-02-29"), day_of(2024, 2, 29));
    EXPECT_EQ(parse_day("2000-02-29"), day_of(2000, 2, 29));
    EXPECT_FALSE(parse_day("2026-02-29"));
    EXPECT_FALSE(parse_day("1900-02-29"));  // divisible by 100, not by 400
    EXPECT_FALSE(parse_day("2100-02-29"));
}

TEST(ParseDay, RejectsMalformedInput) {
    for (const char* text :
         {"2026-02-30", "2026-04-31", "2026-13-01",           "2026-00-10",  "2026-01-00",  "2026-01-32",
          "2026-1-5",   "2026-01-5",  " 2026-01-05",          "2026-01-05 ", "+2026-01-05", "-2026-01-05",
          "2026/01/05", "20260105",   "2026-01-05T00:00:00Z", "0999-12-31",  "10000-01-01", "",
          "2026",       "2026-01",    "abcd-ef-gh",           "2026-0a-05",  "2026-+1-05",  "2026--1-05"}) {
        EXPECT_FALSE(parse_day(text)) << text;
    }
}

TEST(ParseWeek, AcceptsValidWeeks) {
    EXPECT_EQ(parse_week("2026-W48"), (IsoWeek{2026, 48}));
    EXPECT_EQ(parse_week("2026-W01"), (IsoWeek{2026, 1}));
    EXPECT_EQ(parse_week("2026-W53"), (IsoWeek{2026, 53}));  // 2026 has 53 ISO weeks
    EXPECT_EQ(parse_week("2020-W53"), (IsoWeek{2020, 53}));
    EXPECT_EQ(parse_week("2015-W53"), (IsoWeek{2015, 53}));
}

TEST(ParseWeek, RejectsWeeksThatDoNotExist) {
    EXPECT_FALSE(parse_week("2026-W54"));
    EXPECT_FALSE(parse_week("2021-W53"));
    EXPECT_FALSE(parse_week("2025-W53"));
    EXPECT_FALSE(parse_week("2027-W53"));
    EXPECT_FALSE(parse_week("2026-W00"));
}

TEST(ParseWeek, RejectsMalformedInput) {
    for (const char* text : {"2026-W1", "2026-w48", "2026W48", "2026-W048", " 2026-W48", "2026-W48 ", "+2026-W48",
                             "2026-W4a", "2026-48", "2026-W", "2026-W+1", "0999-W01", ""}) {
        EXPECT_FALSE(parse_week(text)) << text;
    }
}

TEST(ParseMonth, AcceptsAndRejects) {
    EXPECT_EQ(parse_month("2026-11"), (Month{2026, 11}));
    EXPECT_EQ(parse_month("2026-01"), (Month{2026, 1}));
    for (const char* text : {"2026-13", "2026-00", "2026-1", "2026-011", " 2026-11", "2026-11 ", "+2026-11", "202611",
                             "2026/11", "2026-1a", "2026-11-01", ""}) {
        EXPECT_FALSE(parse_month(text)) << text;
    }
}

TEST(ParseQuarter, AcceptsAndRejects) {
    EXPECT_EQ(parse_quarter("2026-Q4"), (Quarter{2026, 4}));
    EXPECT_EQ(parse_quarter("2026-Q1"), (Quarter{2026, 1}));
    for (const char* text : {"2026-Q5", "2026-Q0", "2026-q4", "2026Q4", "2026-Q04", " 2026-Q4", "2026-Q4 ", "+2026-Q4",
                             "2026-Q", "2026-4", ""}) {
        EXPECT_FALSE(parse_quarter(text)) << text;
    }
}

TEST(ParseYear, AcceptsAndRejects) {
    EXPECT_EQ(parse_year("2026"), (Year{2026}));
    EXPECT_EQ(parse_year("1000"), (Year{1000}));
    EXPECT_EQ(parse_year("9999"), (Year{9999}));
    for (const char* text : {" 2026", "2026 ", "+2026", "-2026", "0999", "999", "10000", "20a6", "2026-", ""}) {
        EXPECT_FALSE(parse_year(text)) << text;
    }
}

TEST(Format, ZeroPadsEveryPeriod) {
    EXPECT_EQ(format_day(day_of(2026, 1, 5)), "2026-01-05");
    EXPECT_EQ(format_week(IsoWeek{2026, 3}), "2026-W03");
    EXPECT_EQ(format_week(IsoWeek{2026, 53}), "2026-W53");
    EXPECT_EQ(format_month(Month{2026, 2}), "2026-02");
    EXPECT_EQ(format_quarter(Quarter{2026, 4}), "2026-Q4");
    EXPECT_EQ(format_year(Year{2026}), "2026");
}

TEST(Format, RoundTripsThroughParse) {
    for (const char* text : {"2024-02-29", "2026-12-31", "1000-01-01"}) {
        EXPECT_EQ(format_day(*parse_day(text)), text);
    }
    for (const char* text : {"2026-W01", "2026-W53", "2020-W53"}) EXPECT_EQ(format_week(*parse_week(text)), text);
    for (const char* text : {"2026-01", "2026-12"}) EXPECT_EQ(format_month(*parse_month(text)), text);
    for (const char* text : {"2026-Q1", "2026-Q4"}) EXPECT_EQ(format_quarter(*parse_quarter(text)), text);
}

TEST(IsoWeeks, WeeksInYear) {
    EXPECT_EQ(weeks_in_iso_year(2026), 53u);
    EXPECT_EQ(weeks_in_iso_year(2020), 53u);  // leap year starting on a Wednesday
    EXPECT_EQ(weeks_in_iso_year(2015), 53u);
    EXPECT_EQ(weeks_in_iso_year(2021), 52u);
    EXPECT_EQ(weeks_in_iso_year(2024), 52u);
    EXPECT_EQ(weeks_in_iso_year(2025), 52u);
    EXPECT_EQ(weeks_in_iso_year(2027), 52u);
}

TEST(IsoWeeks, WeekOfDayAcrossYearBoundaries) {
    EXPECT_EQ(week_of(day_of(2026, 11, 26)), (IsoWeek{2026, 48}));
    EXPECT_EQ(week_of(day_of(2024, 12, 30)), (IsoWeek{2025, 1}));
    EXPECT_EQ(week_of(day_of(2024, 12, 29)), (IsoWeek{2024, 52}));
    EXPECT_EQ(week_of(day_of(2027, 1, 3)), (IsoWeek{2026, 53}));
    EXPECT_EQ(week_of(day_of(2027, 1, 4)), (IsoWeek{2027, 1}));
    EXPECT_EQ(week_of(day_of(2026, 12, 31)), (IsoWeek{2026, 53}));
    EXPECT_EQ(week_of(day_of(2021, 1, 1)), (IsoWeek{2020, 53}));
    EXPECT_EQ(week_of(day_of(2021, 1, 4)), (IsoWeek{2021, 1}));
    EXPECT_EQ(week_of(day_of(2026, 1, 1)), (IsoWeek{2026, 1}));   // a Thursday
    EXPECT_EQ(week_of(day_of(2023, 1, 1)), (IsoWeek{2022, 52}));  // a Sunday
}

TEST(IsoWeeks, FirstAndLastDay) {
    EXPECT_EQ(first_day(IsoWeek{2027, 1}), day_of(2027, 1, 4));
    EXPECT_EQ(last_day(IsoWeek{2027, 1}), day_of(2027, 1, 10));
    EXPECT_EQ(first_day(IsoWeek{2025, 1}), day_of(2024, 12, 30));
    EXPECT_EQ(first_day(IsoWeek{2026, 1}), day_of(2025, 12, 29));
    EXPECT_EQ(first_day(IsoWeek{2026, 53}), day_of(2026, 12, 28));
    EXPECT_EQ(last_day(IsoWeek{2026, 53}), day_of(2027, 1, 3));
    EXPECT_EQ(first_day(IsoWeek{2026, 48}), day_of(2026, 11, 23));
    EXPECT_EQ(last_day(IsoWeek{2026, 48}), day_of(2026, 11, 29));
}

TEST(IsoWeeks, EveryDayOfTenYearsLiesInItsOwnWeek) {
    // The week of a day, taken back to its first and last day, must hold that day and
    // start on a Monday; consecutive weeks must follow each other.
    Day day = day_of(2019, 12, 1);
    IsoWeek last_week = week_of(day);
    for (int step = 0; step < 3700; ++step) {
        IsoWeek week = week_of(day);
        ASSERT_LE(first_day(week), day) << format_day(day);
        ASSERT_GE(last_day(week), day) << format_day(day);
        ASSERT_EQ(iso_weekday(first_day(week)), 1u);
        ASSERT_LE(week.number, weeks_in_iso_year(week.year));
        if (week != last_week) {
            ASSERT_EQ(previous(week), last_week) << format_week(week);
            last_week = week;
        }
        day = add_days(day, 1);
    }
}

TEST(IsoWeeks, Previous) {
    EXPECT_EQ(previous(IsoWeek{2027, 1}), (IsoWeek{2026, 53}));
    EXPECT_EQ(previous(IsoWeek{2026, 1}), (IsoWeek{2025, 52}));
    EXPECT_EQ(previous(IsoWeek{2026, 48}), (IsoWeek{2026, 47}));
}

TEST(Weekday, IsoNumbering) {
    EXPECT_EQ(iso_weekday(day_of(2026, 11, 23)), 1u);  // Monday
    EXPECT_EQ(iso_weekday(day_of(2026, 11, 26)), 4u);
    EXPECT_EQ(iso_weekday(day_of(2026, 11, 29)), 7u);  // Sunday
}

TEST(DayArithmetic, AddAndCount) {
    EXPECT_EQ(add_days(day_of(2024, 2, 28), 1), day_of(2024, 2, 29));
    EXPECT_EQ(add_days(day_of(2026, 2, 28), 1), day_of(2026, 3, 1));
    EXPECT_EQ(add_days(day_of(2026, 12, 31), 1), day_of(2027, 1, 1));
    EXPECT_EQ(add_days(day_of(2027, 1, 1), -1), day_of(2026, 12, 31));
    EXPECT_EQ(days_between(day_of(2026, 1, 1), day_of(2027, 1, 1)), 365);
    EXPECT_EQ(days_between(day_of(2024, 1, 1), day_of(2025, 1, 1)), 366);
    EXPECT_EQ(days_between(day_of(2026, 1, 10), day_of(2026, 1, 1)), -9);
}

TEST(Periods, MonthQuarterYearOfDay) {
    EXPECT_EQ(month_of(day_of(2026, 11, 26)), (Month{2026, 11}));
    EXPECT_EQ(quarter_of(day_of(2026, 11, 26)), (Quarter{2026, 4}));
    EXPECT_EQ(quarter_of(day_of(2026, 1, 1)), (Quarter{2026, 1}));
    EXPECT_EQ(quarter_of(day_of(2026, 3, 31)), (Quarter{2026, 1}));
    EXPECT_EQ(quarter_of(day_of(2026, 4, 1)), (Quarter{2026, 2}));
    EXPECT_EQ(quarter_of(day_of(2026, 9, 30)), (Quarter{2026, 3}));
    EXPECT_EQ(year_of(day_of(2026, 11, 26)), (Year{2026}));
    // The ISO week year and the calendar year differ around New Year.
    EXPECT_EQ(year_of(day_of(2024, 12, 30)), (Year{2024}));
}

TEST(Periods, FirstAndLastDays) {
    EXPECT_EQ(first_day(Month{2026, 2}), day_of(2026, 2, 1));
    EXPECT_EQ(last_day(Month{2026, 2}), day_of(2026, 2, 28));
    EXPECT_EQ(last_day(Month{2024, 2}), day_of(2024, 2, 29));
    EXPECT_EQ(last_day(Month{2026, 4}), day_of(2026, 4, 30));
    EXPECT_EQ(last_day(Month{2026, 12}), day_of(2026, 12, 31));
    EXPECT_EQ(first_day(Quarter{2026, 1}), day_of(2026, 1, 1));
    EXPECT_EQ(last_day(Quarter{2026, 1}), day_of(2026, 3, 31));
    EXPECT_EQ(first_day(Quarter{2026, 2}), day_of(2026, 4, 1));
    EXPECT_EQ(last_day(Quarter{2026, 2}), day_of(2026, 6, 30));
    EXPECT_EQ(first_day(Quarter{2026, 4}), day_of(2026, 10, 1));
    EXPECT_EQ(last_day(Quarter{2026, 4}), day_of(2026, 12, 31));
    EXPECT_EQ(first_day(Year{2026}), day_of(2026, 1, 1));
    EXPECT_EQ(last_day(Year{2026}), day_of(2026, 12, 31));
}

TEST(Periods, PreviousQuarter) {
    EXPECT_EQ(previous(Quarter{2026, 1}), (Quarter{2025, 4}));
    EXPECT_EQ(previous(Quarter{2026, 3}), (Quarter{2026, 2}));
}

TEST(Timestamp, FormatsUtcWithZ) {
    EXPECT_EQ(format_timestamp(at(2026, 11, 26, 9, 15, 0)), "2026-11-26T09:15:00Z");
    EXPECT_EQ(format_timestamp(at(2024, 2, 29, 23, 59, 59)), "2024-02-29T23:59:59Z");
    EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_timestamp(Timestamp{} - 1s), "1969-12-31T23:59:59Z");
}

TEST(Timestamp, ParsesZuluAndOffsets) {
    EXPECT_EQ(parse_timestamp("2026-11-26T09:15:00Z"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26t09:15:00z"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26T10:15:00+01:00"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26T04:45:00-04:30"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26T09:15:00+00:00"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26T09:15:00-00:00"), at(2026, 11, 26, 9, 15, 0));
    // The offset can move the instant to another UTC day, month and year.
    EXPECT_EQ(parse_timestamp("2027-01-01T00:30:00+01:00"), at(2026, 12, 31, 23, 30, 0));
    EXPECT_EQ(parse_timestamp("2024-02-28T23:00:00-02:00"), at(2024, 2, 29, 1, 0, 0));
}

TEST(Timestamp, DropsFractionalSeconds) {
    EXPECT_EQ(parse_timestamp("2026-11-26T09:15:00.5Z"), at(2026, 11, 26, 9, 15, 0));
    EXPECT_EQ(parse_timestamp("2026-11-26T09:15:07.999999999Z"), at(2026, 11, 26, 9, 15, 7));
    EXPECT_EQ(parse_timestamp("2026-11-26T10:15:00.123+01:00"), at(2026, 11, 26, 9, 15, 0));
}

TEST(Timestamp, RoundTrips) {
    Timestamp moment = at(2026, 3, 29, 1, 2, 3);
    EXPECT_EQ(parse_timestamp(format_timestamp(moment)), moment);
}

TEST(Timestamp, RejectsMalformedInput) {
    for (const char* text : {"2026-11-26T09:15:00",
                             "2026-11-26 09:15:00Z",
                             "2026-11-26T9:15:00Z",
                             "2026-11-26T09:15Z",
                             "2026-11-26T24:00:00Z",
                             "2026-11-26T09:60:00Z",
                             "2026-11-26T09:15:60Z",
                             "2026-02-30T09:15:00Z",
                             "2026-11-26T09:15:00.Z",
                             "2026-11-26T09:15:00+0100",
                             "2026-11-26T09:15:00+01",
                             "2026-11-26T09:15:00+24:00",
                             "2026-11-26T09:15:00+01:60",
                             "2026-11-26T09:15:00Z ",
                             " 2026-11-26T09:15:00Z",
                             "2026-11-26T09:15:00ZZ",
                             "2026-11-26T09:15:00+01:00Z",
                             "+2026-11-26T09:15:00Z",
                             "2026-11-26",
                             "",
                             "2026-11-26T09:15:00UTC"}) {
        EXPECT_FALSE(parse_timestamp(text)) << text;
    }
}

}  // namespace
}  // namespace ritme

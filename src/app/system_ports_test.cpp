#include "app/system_ports.hpp"

#include <set>

#include <gtest/gtest.h>

namespace ritme::app {
namespace {

using namespace std::chrono;

Timestamp utc(int y, unsigned m, unsigned d, int hour, int minute) {
    return sys_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute};
}

TEST(TzdataCalendar, LocalDayFollowsTheZoneAcrossMidnight) {
    TzdataCalendar calendar;
    // 23:30 UTC on 26 November is already 27 November in Amsterdam (UTC+1 in winter).
    EXPECT_EQ(calendar.local_day(utc(2026, 11, 26, 23, 30), "Europe/Amsterdam"), year{2026} / 11 / 27);
    EXPECT_EQ(calendar.local_day(utc(2026, 11, 26, 23, 30), "UTC"), year{2026} / 11 / 26);
    // New York is behind: still the 26th at 03:00 UTC on the 27th.
    EXPECT_EQ(calendar.local_day(utc(2026, 11, 27, 3, 0), "America/New_York"), year{2026} / 11 / 26);
}

TEST(TzdataCalendar, DaylightSavingDaysKeepTheirDate) {
    TzdataCalendar calendar;
    // Summer time ends 25 October 2026 at 01:00 UTC; 22:30 UTC is 23:30 local (UTC+1) then.
    EXPECT_EQ(calendar.local_day(utc(2026, 10, 25, 22, 30), "Europe/Amsterdam"), year{2026} / 10 / 25);
    // Summer time starts 29 March 2026; 22:30 UTC is 00:30 on the 30th (UTC+2).
    EXPECT_EQ(calendar.local_day(utc(2026, 3, 29, 22, 30), "Europe/Amsterdam"), year{2026} / 3 / 30);
}

TEST(TzdataCalendar, KnowsRealZonesOnly) {
    TzdataCalendar calendar;
    EXPECT_TRUE(calendar.is_known_zone("Europe/Amsterdam"));
    EXPECT_TRUE(calendar.is_known_zone("Asia/Kolkata"));
    EXPECT_FALSE(calendar.is_known_zone("Europe/Atlantis"));
    EXPECT_FALSE(calendar.is_known_zone(""));
    // An unknown zone falls back to Amsterdam rather than failing a request.
    EXPECT_EQ(calendar.local_day(utc(2026, 11, 26, 23, 30), "Nowhere/Else"), year{2026} / 11 / 27);
}

TEST(TzdataCalendar, LocalClockTimeFollowsSummerTime) {
    TzdataCalendar calendar;
    EXPECT_EQ(calendar.local_minute_of_day(utc(2026, 11, 26, 8, 15), "Europe/Amsterdam"), 9 * 60 + 15);
    EXPECT_EQ(calendar.local_minute_of_day(utc(2026, 6, 26, 8, 15), "Europe/Amsterdam"), 10 * 60 + 15);
    EXPECT_EQ(calendar.local_minute_of_day(utc(2026, 11, 26, 23, 30), "Europe/Amsterdam"), 30);
    EXPECT_EQ(calendar.local_minute_of_day(utc(2026, 11, 26, 8, 15), "UTC"), 8 * 60 + 15);
}

TEST(TzdataCalendar, LocalTimeBecomesTheInstantOfThatDay) {
    TzdataCalendar calendar;
    // 19:30 in Amsterdam is 18:30 UTC in winter and 17:30 UTC in summer.
    EXPECT_EQ(calendar.instant_at(year{2026} / 1 / 15, 19 * 60 + 30, "Europe/Amsterdam"), utc(2026, 1, 15, 18, 30));
    EXPECT_EQ(calendar.instant_at(year{2026} / 7 / 15, 19 * 60 + 30, "Europe/Amsterdam"), utc(2026, 7, 15, 17, 30));
    EXPECT_EQ(calendar.instant_at(year{2026} / 1 / 15, 19 * 60 + 30, "America/New_York"), utc(2026, 1, 16, 0, 30));
    EXPECT_EQ(calendar.instant_at(year{2026} / 1 / 15, 19 * 60 + 30, "Nowhere/Else"), utc(2026, 1, 15, 18, 30));
}

TEST(TzdataCalendar, SkippedAndDoubledTimesHaveOneInstant) {
    TzdataCalendar calendar;
    // 29 March 2026: 02:00 jumps to 03:00; 02:30 is taken as 03:30 summer time (01:30 UTC).
    EXPECT_EQ(calendar.instant_at(year{2026} / 3 / 29, 2 * 60 + 30, "Europe/Amsterdam"), utc(2026, 3, 29, 1, 30));
    // 25 October 2026: 02:30 happens twice; the first is still summer time (00:30 UTC).
    EXPECT_EQ(calendar.instant_at(year{2026} / 10 / 25, 2 * 60 + 30, "Europe/Amsterdam"), utc(2026, 10, 25, 0, 30));
}

TEST(RandomIdSource, GivesDistinctUrlSafeIds) {
    RandomIdSource ids;
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        std::string id = ids.new_id();
        ASSERT_EQ(id.size(), 22U);
        EXPECT_EQ(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos);
        seen.insert(id);
    }
    EXPECT_EQ(seen.size(), 1000U);
}

}  // namespace
}  // namespace ritme::app

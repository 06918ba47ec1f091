#include "core/clock_time.hpp"

#include <gtest/gtest.h>

namespace ritme {
namespace {

TEST(ClockTime, ReadsOnlyHoursAndMinutes) {
    EXPECT_EQ(parse_clock_time("09:30"), 570);
    EXPECT_EQ(parse_clock_time("00:00"), 0);
    EXPECT_EQ(parse_clock_time("23:59"), 23 * 60 + 59);
    EXPECT_FALSE(parse_clock_time("24:00"));
    EXPECT_FALSE(parse_clock_time("12:60"));
    EXPECT_FALSE(parse_clock_time("9:30"));
    EXPECT_FALSE(parse_clock_time("09:30:00"));
    EXPECT_FALSE(parse_clock_time("ab:cd"));
    EXPECT_FALSE(parse_clock_time(""));
}

TEST(ClockTime, WritesTwoDigitsEach) {
    EXPECT_EQ(format_clock_time(570), "09:30");
    EXPECT_EQ(format_clock_time(0), "00:00");
    EXPECT_EQ(format_clock_time(23 * 60 + 59), "23:59");
    for (int minute = 0; minute < 24 * 60; minute += 7) EXPECT_EQ(parse_clock_time(format_clock_time(minute)), minute);
}

}  // namespace
}  // namespace ritme

#pragma once
// Calendar periods of the rhythm: day, ISO week, month, quarter, year. Dates are civil
// dates in the person's own time zone; turning an instant into such a date happens at
// the edge (see ZoneCalendar in ports.hpp).
#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ritme {

using Day = std::chrono::year_month_day;
using Timestamp = std::chrono::sys_seconds;

struct IsoWeek {
    int year = 0;
    unsigned number = 0;  // 1..52 or 53
    auto operator<=>(const IsoWeek&) const = default;
};

struct Month {
    int year = 0;
    unsigned number = 0;  // 1..12
    auto operator<=>(const Month&) const = default;
};

struct Quarter {
    int year = 0;
    unsigned number = 0;  // 1..4
    auto operator<=>(const Quarter&) const = default;
};

struct Year {
    int number = 0;
    auto operator<=>(const Year&) const = default;
};

// Strict ISO 8601 parsing: "2026-11-26", "2026-W48", "2026-11", "2026-Q4", "2026".
// Anything else (2026-W54 in a 52-week year, 2026-13, 2026-Q5, 2026-02-30, extra
// characters, signs, spaces) gives nullopt. Years 1000..9999.
std::optional<Day> parse_day(std::string_view text);
std::optional<IsoWeek> parse_week(std::string_view text);
std::optional<Month> parse_month(std::string_view text);
std::optional<Quarter> parse_quarter(std::string_view text);
std::optional<Year> parse_year(std::string_view text);

std::string format_day(Day day);
std::string format_week(IsoWeek week);
std::string format_month(Month month);
std::string format_quarter(Quarter quarter);
std::string format_year(Year year);

IsoWeek week_of(Day day);
Month month_of(Day day);
Quarter quarter_of(Day day);
Year year_of(Day day);

unsigned weeks_in_iso_year(int year);  // 52 or 53
unsigned iso_weekday(Day day);          // 1 = Monday .. 7 = Sunday
Day add_days(Day day, int days);
int days_between(Day from, Day to);  // to - from

Day first_day(IsoWeek week);
Day last_day(IsoWeek week);
Day first_day(Month month);
Day last_day(Month month);
Day first_day(Quarter quarter);
Day last_day(Quarter quarter);
Day first_day(Year year);
Day last_day(Year year);

Quarter previous(Quarter quarter);
IsoWeek previous(IsoWeek week);

// RFC 3339 in UTC with a Z: "2026-11-26T09:15:00Z".
std::string format_timestamp(Timestamp at);
std::optional<Timestamp> parse_timestamp(std::string_view text);  // accepts Z or +hh:mm offsets

}  // namespace ritme

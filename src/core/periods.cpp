#include "core/periods.hpp"

#include <algorithm>
#include <cstddef>

namespace ritme {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

constexpr int min_year = 1000;
constexpr int max_year = 9999;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Reads exactly `count` ASCII digits at `position`; no signs, no spaces, so "+2026" and
// " 2026" can never slip through the way they would with from_chars or stoi.
std::optional<int> read_digits(std::string_view text, std::size_t position, std::size_t count) {
    if (position + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t index = position; index < position + count; ++index) {
        if (!is_digit(text[index])) return std::nullopt;
        value = value * 10 + (text[index] - '0');
    }
    return value;
}

std::optional<int> read_year(std::string_view text) {
    auto year = read_digits(text, 0, 4);
    if (!year || *year < min_year || *year > max_year) return std::nullopt;
    return year;
}

// Zero-padded decimal; negative years keep their sign in front of the padding.
std::string padded(long long value, std::size_t width) {
    bool negative = value < 0;
    unsigned long long magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
    char digits[24];
    char* end = digits + sizeof digits;
    char* start = end;
    do {
        *--start = static_cast<char>('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude > 0);
    std::size_t count = static_cast<std::size_t>(end - start);
    std::string text;
    text.reserve(std::max(count, width) + 1);
    if (negative) text += '-';
    if (count < width) text.append(width - count, '0');
    text.append(start, count);
    return text;
}

Day make_day(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

// Parses "YYYY-MM-DD" at the start of `text` without checking what follows.
std::optional<Day> read_day_prefix(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto year = read_year(text);
    auto month = read_digits(text, 5, 2);
    auto day_number = read_digits(text, 8, 2);
    if (!year || !month || !day_number) return std::nullopt;
    Day day = make_day(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day_number));
    if (!day.ok()) return std::nullopt;
    return day;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
    if (text.size() != 10) return std::nullopt;
    return read_day_prefix(text);
}

std::optional<IsoWeek> parse_week(std::string_view text) {
    if (text.size() != 8 || text[4] != '-' || text[5] != 'W') return std::nullopt;
    auto year = read_year(text);
    auto number = read_digits(text, 6, 2);
    if (!year || !number || *number < 1) return std::nullopt;
    if (static_cast<unsigned>(*number) > weeks_in_iso_year(*year)) return std::nullopt;
    return IsoWeek{*year, static_cast<unsigned>(*number)};
}

std::optional<Month> parse_month(std::string_view text) {
    if (text.size() != 7 || text[4] != '-') return std::nullopt;
    auto year = read_year(text);
    auto number = read_digits(text, 5, 2);
    if (!year || !number || *number < 1 || *number > 12) return std::nullopt;
    return Month{*year, static_cast<unsigned>(*number)};
}

std::optional<Quarter> parse_quarter(std::string_view text) {
    if (text.size() != 7 || text[4] != '-' || text[5] != 'Q') return std::nullopt;
    auto year = read_year(text);
    auto number = read_digits(text, 6, 1);
    if (!year || !number || *number < 1 || *number > 4) return std::nullopt;
    return Quarter{*year, static_cast<unsigned>(*number)};
}

std::optional<Year> parse_year(std::string_view text) {
    if (text.size() != 4) return std::nullopt;
    auto year = read_year(text);
    if (!year) return std::nullopt;
    return Year{*year};
}

std::string format_day(Day day) {
    std::string text = padded(static_cast<int>(day.year()), 4);
    text.reserve(text.size() + 6);
    auto two_digits = [&text](unsigned value) {
        text += '-';
        text += static_cast<char>('0' + value / 10);
        text += static_cast<char>('0' + value % 10);
    };
    two_digits(static_cast<unsigned>(day.month()));
    two_digits(static_cast<unsigned>(day.day()));
    return text;
}

std::string format_week(IsoWeek week) {
    return padded(week.year, 4) + "-W" + padded(week.number, 2);
}

std::string format_month(Month month) {
    return padded(month.year, 4) + '-' + padded(month.number, 2);
}

std::string format_quarter(Quarter quarter) {
    return padded(quarter.year, 4) + "-Q" + padded(quarter.number, 1);
}

std::string format_year(Year year) {
    return padded(year.number, 4);
}

unsigned iso_weekday(Day day) {
    return std::chrono::weekday{sys_days{day}}.iso_encoding();
}

Day add_days(Day day, int count) {
    return Day{sys_days{day} + days{count}};
}

int days_between(Day from, Day to) {
    return static_cast<int>((sys_days{to} - sys_days{from}).count());
}

IsoWeek week_of(Day day) {
    // An ISO week belongs to the year that holds its Thursday.
    Day thursday = add_days(day, 4 - static_cast<int>(iso_weekday(day)));
    int year = static_cast<int>(thursday.year());
    int day_of_year = days_between(make_day(year, 1, 1), thursday);
    return IsoWeek{year, static_cast<unsigned>(day_of_year / 7 + 1)};
}

Month month_of(Day day) {
    return Month{static_cast<int>(day.year()), static_cast<unsigned>(day.month())};
}

Quarter quarter_of(Day day) {
    return Quarter{static_cast<int>(day.year()), (static_cast<unsigned>(day.month()) - 1) / 3 + 1};
}

Year year_of(Day day) {
    return Year{static_cast<int>(day.year())};
}

unsigned weeks_in_iso_year(int year) {
    // 28 December always lies in the last ISO week of its year.
    return week_of(make_day(year, 12, 28)).number;
}

Day first_day(IsoWeek week) {
    // 4 January always lies in week 1.
    Day fourth_of_january = make_day(week.year, 1, 4);
    Day monday_of_week_one = add_days(fourth_of_january, 1 - static_cast<int>(iso_weekday(fourth_of_january)));
    return add_days(monday_of_week_one, 7 * (static_cast<int>(week.number) - 1));
}

Day last_day(IsoWeek week) {
    return add_days(first_day(week), 6);
}

Day first_day(Month month) {
    return make_day(month.year, month.number, 1);
}

Day last_day(Month month) {
    std::chrono::year_month_day_last last{std::chrono::year{month.year},
                                          std::chrono::month_day_last{std::chrono::month{month.number}}};
    return Day{last};
}

Day first_day(Quarter quarter) {
    return make_day(quarter.year, (quarter.number - 1) * 3 + 1, 1);
}

Day last_day(Quarter quarter) {
    return last_day(Month{quarter.year, quarter.number * 3});
}

Day first_day(Year year) {
    return make_day(year.number, 1, 1);
}

Day last_day(Year year) {
    return make_day(year.number, 12, 31);
}

Quarter previous(Quarter quarter) {
    if (quarter.number <= 1) return Quarter{quarter.year - 1, 4};
    return Quarter{quarter.year, quarter.number - 1};
}

IsoWeek previous(IsoWeek week) {
    return week_of(add_days(first_day(week), -7));
}

std::string format_timestamp(Timestamp at) {
    sys_days date = std::chrono::floor<days>(at);
    std::chrono::hh_mm_ss<std::chrono::seconds> time{at - date};
    return format_day(Day{date}) + 'T' + padded(time.hours().count(), 2) + ':' + padded(time.minutes().count(), 2) +
           ':' + padded(time.seconds().count(), 2) + 'Z';
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
    // RFC 3339 section 5.6: date "T" time [fraction] ("Z" / offset). RFC 3339 allows a
    // lower-case t and z as well.
    auto date = read_day_prefix(text);
    if (!date || text.size() < 20) return std::nullopt;
    if (text[10] != 'T' && text[10] != 't') return std::nullopt;
    if (text[13] != ':' || text[16] != ':') return std::nullopt;
    auto hours = read_digits(text, 11, 2);
    auto minutes = read_digits(text, 14, 2);
    auto seconds = read_digits(text, 17, 2);
    // A leap second (:60) cannot be told apart in sys_seconds; refusing it is clearer
    // than silently moving it.
    if (!hours || !minutes || !seconds || *hours > 23 || *minutes > 59 || *seconds > 59) return std::nullopt;

    std::size_t position = 19;
    if (text[position] == '.') {
        // Fractional seconds are accepted and dropped: timestamps are kept in whole seconds.
        ++position;
        std::size_t digits_start = position;
        while (position < text.size() && is_digit(text[position])) ++position;
        if (position == digits_start) return std::nullopt;
    }
    if (position >= text.size()) return std::nullopt;

    int offset_minutes = 0;
    char zone = text[position];
    if (zone == 'Z' || zone == 'z') {
        if (position + 1 != text.size()) return std::nullopt;
    } else if (zone == '+' || zone == '-') {
        if (position + 6 != text.size() || text[position + 3] != ':') return std::nullopt;
        auto offset_hours = read_digits(text, position + 1, 2);
        auto offset_rest = read_digits(text, position + 4, 2);
        if (!offset_hours || !offset_rest || *offset_hours > 23 || *offset_rest > 59) return std::nullopt;
        offset_minutes = *offset_hours * 60 + *offset_rest;
        if (zone == '-') offset_minutes = -offset_minutes;
    } else {
        return std::nullopt;
    }

    // The local wall time minus its offset is the instant in UTC.
    Timestamp local =
        sys_days{*date} + std::chrono::hours{*hours} + std::chrono::minutes{*minutes} + std::chrono::seconds{*seconds};
    return local - std::chrono::minutes{offset_minutes};
}

}  // namespace ritme

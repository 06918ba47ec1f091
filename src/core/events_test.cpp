#include "core/events.hpp"

#include <gtest/gtest.h>

namespace ritme {
namespace {

using namespace std::chrono;

Timestamp utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
    return sys_days{year{y} / month{m} / day{d}} + hours{hour} + minutes{minute};
}

// A zone with summer time from April to September: UTC+2 then, UTC+1 otherwise (whole
// months keep the arithmetic of the test plain; the real rules are tzdata's).
class SummerZone final : public ZoneCalendar {
public:
    bool is_known_zone(std::string_view) const override { return true; }
    Day local_day(Timestamp at, std::string_view zone) const override {
        return Day{floor<days>(at + offset_at(at, zone))};
    }
    int local_minute_of_day(Timestamp at, std::string_view zone) const override {
        Timestamp local = at + offset_at(at, zone);
        return static_cast<int>(duration_cast<minutes>(local - floor<days>(local)).count());
    }
    Timestamp instant_at(Day day, int minute_of_day, std::string_view zone) const override {
        return Timestamp{sys_days{day}} + minutes{minute_of_day} - offset_on(day, zone);
    }

private:
    static hours offset_on(Day day, std::string_view zone) {
        if (zone == "UTC") return hours{0};
        unsigned m = static_cast<unsigned>(day.month());
        return hours{m >= 4 && m <= 9 ? 2 : 1};
    }
    static hours offset_at(Timestamp at, std::string_view zone) { return offset_on(Day{floor<days>(at)}, zone); }
};

Event an_event() {
    Event event;
    event.kind = EventKind::sol_meeting;
    event.title = "SOL-bijeenkomst";
    event.starts_at = utc(2026, 1, 15, 18, 30);
    event.ends_at = utc(2026, 1, 15, 20, 0);
    return event;
}

TEST(ValidateEvent, AcceptsAPlainEvent) {
    EXPECT_TRUE(validate_event(an_event()).ok());
}

TEST(ValidateEvent, NamesTheFieldAtFault) {
    auto field_of = [](const Event& event) { return validate_event(event).error().field; };
    Event event = an_event();
    event.title = "  ";
    EXPECT_EQ(field_of(event), "title");
    event.title = std::string(201, 'a');
    EXPECT_EQ(field_of(event), "title");
    event = an_event();
    event.location = std::string(201, 'a');
    EXPECT_EQ(field_of(event), "location");
    event = an_event();
    event.description = std::string(20001, 'a');
    EXPECT_EQ(field_of(event), "description");
    event = an_event();
    event.ends_at = event.starts_at;
    EXPECT_EQ(field_of(event), "ends_at");
    event.ends_at = event.starts_at + hours{7 * 24} + seconds{1};
    EXPECT_EQ(field_of(event), "ends_at");
    event.ends_at = event.starts_at + hours{7 * 24};
    EXPECT_TRUE(validate_event(event).ok());
    for (int capacity : {0, -1, 100001}) {
        event = an_event();
        event.capacity = capacity;
        EXPECT_EQ(field_of(event), "capacity") << capacity;
    }
    event.capacity = 100000;
    EXPECT_TRUE(validate_event(event).ok());
}

TEST(ValidateEventSession, OnlyInsideALearningDay) {
    Event learning_day = an_event();
    learning_day.kind = EventKind::learning_day;
    learning_day.starts_at = utc(2026, 6, 12, 7);
    learning_day.ends_at = utc(2026, 6, 12, 15);
    EventSession session;
    session.title = "Feedback geven in de praktijk";
    session.starts_at = utc(2026, 6, 12, 8);
    session.ends_at = utc(2026, 6, 12, 9);
    EXPECT_TRUE(validate_event_session(session, learning_day).ok());

    session.starts_at = utc(2026, 6, 12, 6);
    EXPECT_EQ(validate_event_session(session, learning_day).error().field, "starts_at");
    session.starts_at = utc(2026, 6, 12, 14);
    session.ends_at = utc(2026, 6, 12, 16);
    EXPECT_EQ(validate_event_session(session, learning_day).error().field, "ends_at");
    session.ends_at = utc(2026, 6, 12, 14);
    EXPECT_EQ(validate_event_session(session, learning_day).error().field, "ends_at");
    session.ends_at = utc(2026, 6, 12, 15);
    EXPECT_TRUE(validate_event_session(session, learning_day).ok());
    session.capacity = 0;
    EXPECT_EQ(validate_event_session(session, learning_day).error().field, "capacity");

    Event meeting = an_event();
    EXPECT_FALSE(validate_event_session(session, meeting).ok());
}

TEST(Series, CountFromTwoToTwelve) {
    EXPECT_FALSE(validate_repeat({RepeatEvery::month, 1}).ok());
    EXPECT_TRUE(validate_repeat({RepeatEvery::month, 2}).ok());
    EXPECT_TRUE(validate_repeat({RepeatEvery::quarter, 12}).ok());
    EXPECT_EQ(validate_repeat({RepeatEvery::quarter, 13}).error().field, "repeat.count");
}

TEST(Series, MonthlyKeepsTheClockTimeAcrossSummerTime) {
    SummerZone zone;
    // 19:30 local on 15 January (UTC+1): 18:30 UTC.
    std::vector<Occurrence> series =
        series_occurrences({utc(2026, 1, 15, 18, 30), utc(2026, 1, 15, 20, 0)}, {RepeatEvery::month, 5}, "Local", zone);
    ASSERT_EQ(series.size(), 5u);
    EXPECT_EQ(series[0].starts_at, utc(2026, 1, 15, 18, 30));
    EXPECT_EQ(series[1].starts_at, utc(2026, 2, 15, 18, 30));
    EXPECT_EQ(series[2].starts_at, utc(2026, 3, 15, 18, 30));
    EXPECT_EQ(series[3].starts_at, utc(2026, 4, 15, 17, 30));  // summer time: still 19:30 local
    EXPECT_EQ(series[4].starts_at, utc(2026, 5, 15, 17, 30));
    for (const Occurrence& occurrence : series) EXPECT_EQ(occurrence.ends_at - occurrence.starts_at, minutes{90});
}

TEST(Series, QuarterlyOnTheSameDayOrTheMonthsLast) {
    SummerZone zone;
    std::vector<Occurrence> series =
        series_occurrences({utc(2026, 1, 31, 9), utc(2026, 1, 31, 10)}, {RepeatEvery::quarter, 4}, "UTC", zone);
    ASSERT_EQ(series.size(), 4u);
    EXPECT_EQ(series[1].starts_at, utc(2026, 4, 30, 9));  // April has 30 days
    EXPECT_EQ(series[2].starts_at, utc(2026, 7, 31, 9));
    EXPECT_EQ(series[3].starts_at, utc(2026, 10, 31, 9));
    std::vector<Occurrence> monthly =
        series_occurrences({utc(2027, 12, 31, 9), utc(2027, 12, 31, 10)}, {RepeatEvery::month, 3}, "UTC", zone);
    EXPECT_EQ(monthly[1].starts_at, utc(2028, 1, 31, 9));
    EXPECT_EQ(monthly[2].starts_at, utc(2028, 2, 29, 9));  // a leap year
}

TEST(Attended, TheWeekUpToTheEndOfTheDayInThePersonsZone) {
    SummerZone zone;
    Occurrence window = attended_window(year{2026} / 11 / 26, "Local", zone);
    EXPECT_EQ(window.ends_at, utc(2026, 11, 26, 23));     // midnight local (UTC+1)
    EXPECT_EQ(window.starts_at, utc(2026, 11, 19, 23));  // seven days earlier
    Event event = an_event();
    EXPECT_TRUE(has_ended(event, event.ends_at));
    EXPECT_FALSE(has_ended(event, event.ends_at - seconds{1}));
}

}  // namespace
}  // namespace ritme

#include "core/events.hpp"

#include <string>

#include "core/rules.hpp"
#include "core/text.hpp"

namespace ritme {
namespace {

Status check_title(const std::string& title) {
    if (is_blank(title)) return validation_error("title", "must not be empty");
    if (text_length(title) > max_event_title) return validation_error("title", "must be at most 200 characters");
    return ok_status();
}

Status check_length(const std::string& text, std::size_t most, const char* field) {
    if (text_length(text) > most) {
        return validation_error(field, "must be at most " + std::to_string(most) + " characters");
    }
    return ok_status();
}

Status check_capacity(const std::optional<int>& capacity) {
    if (capacity && (*capacity < 1 || *capacity > max_event_capacity)) {
        return validation_error("capacity", "must be empty (no limit) or a number from 1 to 100000");
    }
    return ok_status();
}

// The same day of the month `months` later, or that month's last day when it is shorter.
Day months_later(Day day, int months) {
    std::chrono::year_month shifted = day.year() / day.month() + std::chrono::months{months};
    Day last = shifted / std::chrono::last;
    return day.day() > last.day() ? last : Day{shifted / day.day()};
}

}  // namespace

Status validate_event(const Event& event) {
    if (Status status = check_title(event.title); !status) return status;
    if (Status status = check_length(event.location, max_event_location, "location"); !status) return status;
    if (Status status = check_length(event.description, max_event_description, "description"); !status) {
        return status;
    }
    if (event.ends_at <= event.starts_at) return validation_error("ends_at", "must be after starts_at");
    if (event.ends_at - event.starts_at > max_event_length) {
        return validation_error("ends_at", "must be at most 7 days after starts_at");
    }
    return check_capacity(event.capacity);
}

Status validate_event_session(const EventSession& session, const Event& event) {
    if (event.kind != EventKind::learning_day) {
        return validation_error("kind", "only a lerende organisatie dag has a programme of sessions");
    }
    if (Status status = check_title(session.title); !status) return status;
    if (Status status = check_length(session.host, max_session_host, "host"); !status) return status;
    if (Status status = check_length(session.description, max_event_description, "description"); !status) {
        return status;
    }
    if (session.starts_at < event.starts_at || session.starts_at >= event.ends_at) {
        return validation_error("starts_at", "must lie within the event's time");
    }
    if (session.ends_at <= session.starts_at) return validation_error("ends_at", "must be after starts_at");
    if (session.ends_at > event.ends_at) return validation_error("ends_at", "must lie within the event's time");
    return check_capacity(session.capacity);
}

Status validate_repeat(const EventRepeat& repeat) {
    if (repeat.count < min_series_count || repeat.count > max_series_count) {
        return validation_error("repeat.count", "must be a number from 2 to 12");
    }
    return ok_status();
}

std::vector<Occurrence> series_occurrences(const Occurrence& first, const EventRepeat& repeat,
                                           std::string_view zone, const ZoneCalendar& calendar) {
    const Day first_day = calendar.local_day(first.starts_at, zone);
    const int minute = calendar.local_minute_of_day(first.starts_at, zone);
    const auto length = first.ends_at - first.starts_at;
    const int step = repeat.every == RepeatEvery::month ? 1 : 3;
    std::vector<Occurrence> occurrences{first};
    for (int index = 1; index < repeat.count; ++index) {
        Timestamp starts = calendar.instant_at(months_later(first_day, index * step), minute, zone);
        occurrences.push_back({starts, starts + length});
    }
    return occurrences;
}

bool has_ended(const Event& event, Timestamp now) {
    return event.ends_at <= now;
}

Occurrence attended_window(Day day, std::string_view zone, const ZoneCalendar& calendar) {
    Timestamp end_of_day = calendar.instant_at(add_days(day, 1), 0, zone);
    Timestamp week_before = calendar.instant_at(add_days(day, 1 - attended_window_days), 0, zone);
    return {week_before, end_of_day};
}

}  // namespace ritme

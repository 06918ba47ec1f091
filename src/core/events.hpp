#pragma once
// The rules of the organisation's events: what a SOL meeting or a lerende organisatie dag
// and a session of its programme must hold, a series of meetings, and which events count
// as "attended" for the diary's suggestion.
#include <string_view>
#include <vector>

#include "core/ports.hpp"
#include "core/result.hpp"
#include "core/social.hpp"

namespace ritme {

inline constexpr std::size_t max_event_title = 200;
inline constexpr std::size_t max_event_location = 200;
inline constexpr std::size_t max_event_description = 20000;
inline constexpr std::size_t max_session_host = 200;
inline constexpr int max_event_capacity = 100000;
inline constexpr auto max_event_length = std::chrono::hours{7 * 24};
inline constexpr int min_series_count = 2;
inline constexpr int max_series_count = 12;
inline constexpr int attended_window_days = 7;

// title 1..200, location 0..200, description 0..20000 characters; ends after it starts and
// at most 7 days later; capacity none or 1..100000.
Status validate_event(const Event& event);
// title 1..200, host 0..200, description 0..20000 characters; inside the event's time;
// capacity none or 1..100000. The event must be a lerende organisatie dag.
Status validate_event_session(const EventSession& session, const Event& event);

enum class RepeatEvery { month, quarter };
struct EventRepeat {
    RepeatEvery every = RepeatEvery::month;
    int count = min_series_count;  // occurrences, the first included: 2..12
};
Status validate_repeat(const EventRepeat& repeat);

struct Occurrence {
    Timestamp starts_at{};
    Timestamp ends_at{};
};

// The occurrences of a series that starts with `first`: every month or quarter on the same
// day of the month (the month's last day when it is shorter), at the same clock time in the
// organiser's zone, each as long as the first. So a meeting at 19:30 stays at 19:30 across
// a change to or from summer time.
std::vector<Occurrence> series_occurrences(const Occurrence& first, const EventRepeat& repeat,
                                           std::string_view zone, const ZoneCalendar& calendar);

bool has_ended(const Event& event, Timestamp now);

// The window of "attended" events for `day`: those that ended in the 7 days before the end
// of that day in the person's zone, as [from, to).
Occurrence attended_window(Day day, std::string_view zone, const ZoneCalendar& calendar);

}  // namespace ritme

#pragma once
// Times of day as the pages show and read them: an instant in the person's own time zone
// ("do 10 dec 2026, 14:00"), and the "HH:MM" of a form's time field.
#include <optional>
#include <string>
#include <string_view>

#include "core/periods.hpp"
#include "core/ports.hpp"

namespace ritme::http::pages {

struct Page;

struct LocalTime {
    Day day{};
    int minute_of_day = 0;
};

// `zone` an IANA name; an unknown one counts as Europe/Amsterdam (as ZoneCalendar does).
// The way back, a day and a time typed in a form, is ZoneCalendar::instant_at.
LocalTime local_time(const ZoneCalendar& calendar, Timestamp at, std::string_view zone);

// "do 10 dec 2026, 14:00–16:00" (or "… – za 12 dec 2026, 17:00" across days) in the
// person's language and time zone.
std::string when_text(const Page& page, Timestamp starts, Timestamp ends);
// "do 10 dec 2026, 14:00".
std::string moment_text(const Page& page, Timestamp at);
// The same for an RFC 3339 text from the Api; "" when it is not one.
std::string moment_text(const Page& page, const std::string& rfc3339);
// "do 10 dec 2026" in the person's language.
std::string day_text(const Page& page, Day day);

}  // namespace ritme::http::pages

#include "http/pages/when.hpp"

#include "core/clock_time.hpp"

#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

constexpr const char* weekday_abbreviations[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"),
                                                 N_("Fr"), N_("Sa"), N_("Su")};
constexpr const char* month_abbreviations[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                               N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

}  // namespace

std::string day_text(const Page& page, Day day) {
    return page.t(weekday_abbreviations[iso_weekday(day) - 1]) + " " +
           std::to_string(static_cast<unsigned>(day.day())) + " " +
           page.t(month_abbreviations[static_cast<unsigned>(day.month()) - 1]) + " " +
           std::to_string(static_cast<int>(day.year()));
}

namespace {
std::string zone_of(const Page& page) {
    return page.signed_in() ? page.user().timezone : std::string("Europe/Amsterdam");
}
}  // namespace

std::string moment_text(const Page& page, Timestamp at) {
    LocalTime local = local_time(page.services.calendar, at, zone_of(page));
    return day_text(page, local.day) + ", " + format_clock_time(local.minute_of_day);
}

std::string moment_text(const Page& page, const std::string& rfc3339) {
    std::optional<Timestamp> at = parse_timestamp(rfc3339);
    return at ? moment_text(page, *at) : std::string();
}

std::string when_text(const Page& page, Timestamp starts, Timestamp ends) {
    std::string zone = zone_of(page);
    LocalTime from = local_time(page.services.calendar, starts, zone);
    LocalTime to = local_time(page.services.calendar, ends, zone);
    std::string text = day_text(page, from.day) + ", " + format_clock_time(from.minute_of_day);
    if (to.day == from.day) return text + "–" + format_clock_time(to.minute_of_day);
    return text + " – " + day_text(page, to.day) + ", " + format_clock_time(to.minute_of_day);
}

LocalTime local_time(const ZoneCalendar& calendar, Timestamp at, std::string_view zone) {
    return LocalTime{calendar.local_day(at, zone), calendar.local_minute_of_day(at, zone)};
}

}  // namespace ritme::http::pages

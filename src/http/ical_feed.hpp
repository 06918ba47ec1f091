#pragma once
// An iCalendar (RFC 5545) document, built with libical: events at local times with a TZID
// and the zone's VTIMEZONE, so that a weekly meeting at 09:00 stays at 09:00 across the
// change to and from summer time.
#include <string>
#include <vector>

#include "core/periods.hpp"

namespace ritme::http {

struct FeedEvent {
    std::string uid;  // stable: the same item keeps its UID from one fetch to the next
    std::string summary;
    std::string description;
    std::string location;
    std::string url;
    std::string timezone;  // IANA, e.g. "Europe/Amsterdam"
    Day day{};             // the (first) occurrence's local date
    int minute_of_day = 0;
    int duration_minutes = 30;
    std::string rrule;      // "FREQ=WEEKLY;BYDAY=MO", or "" for a single event
    Timestamp starts_at{};  // the same moment in UTC, used when libical does not know the zone
};

// Where a calendar program finds the feed: "{public_url}/calendar/{secret}.ics".
inline constexpr const char* feed_suffix = ".ics";
std::string feed_address(const std::string& public_url, const std::string& secret);

// The VCALENDAR text (CRLF lines). `now` is the DTSTAMP and bounds the zones' history.
std::string ical_feed(const std::vector<FeedEvent>& events, Timestamp now, const std::string& calendar_name);

}  // namespace ritme::http

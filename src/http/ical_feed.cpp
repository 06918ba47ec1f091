#include "http/ical_feed.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

#include <libical/ical.h>

namespace ritme::http {
namespace {

// libical keeps global state (its zone cache, error state): one feed at a time.
std::mutex libical_mutex;

icaltimetype utc_time(Timestamp at) {
    return icaltime_from_timet_with_zone(static_cast<time_t>(at.time_since_epoch().count()), 0,
                                         icaltimezone_get_utc_timezone());
}

// A floating local time; the TZID parameter says where it is.
icaltimetype local_time(Day day, int minute_of_day) {
    icaltimetype time = icaltime_null_time();
    time.year = static_cast<int>(day.year());
    time.month = static_cast<int>(static_cast<unsigned>(day.month()));
    time.day = static_cast<int>(static_cast<unsigned>(day.day()));
    time.hour = minute_of_day / 60;
    time.minute = minute_of_day % 60;
    time.second = 0;
    time.is_date = 0;
    return time;
}

// The zone's VTIMEZONE, cut to the years the feed needs (whole history back to 1835 is
// more than calendar programs accept), under its plain IANA name. Null: libical does not
// know the zone.
icalcomponent* vtimezone_for(const std::string& name, Timestamp from) {
    icaltimezone* zone = icaltimezone_get_builtin_timezone(name.c_str());
    if (zone == nullptr) return nullptr;
    icalcomponent* source = icaltimezone_get_component(zone);
    if (source == nullptr) return nullptr;
    icalcomponent* vtz = icalcomponent_new_clone(source);
    icaltimezone_truncate_vtimezone(vtz, utc_time(from), icaltime_null_time(), 0);
    for (icalproperty* tzid = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY); tzid != nullptr;
         tzid = icalcomponent_get_next_property(vtz, ICAL_TZID_PROPERTY)) {
        icalproperty_set_tzid(tzid, name.c_str());
    }
    return vtz;
}

icalproperty* with_tzid(icalproperty* property, const std::string& zone) {
    icalproperty_add_parameter(property, icalparameter_new_tzid(zone.c_str()));
    return property;
}

icaldurationtype minutes(int count) {
    icaldurationtype duration = icaldurationtype_null_duration();
    duration.hours = static_cast<unsigned>(count / 60);
    duration.minutes = static_cast<unsigned>(count % 60);
    return duration;
}

}  // namespace

std::string ical_feed(const std::vector<FeedEvent>& events, Timestamp now, const std::string& calendar_name) {
    std::lock_guard lock(libical_mutex);
    std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)> calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT),
                                                                           &icalcomponent_free);
    icalcomponent* root = calendar.get();
    icalcomponent_add_property(root, icalproperty_new_version("2.0"));
    icalcomponent_add_property(root, icalproperty_new_prodid("-//Ritme//Ritme//NL"));
    icalcomponent_add_property(root, icalproperty_new_calscale("GREGORIAN"));
    icalcomponent_add_property(root, icalproperty_new_method(ICAL_METHOD_PUBLISH));
    icalproperty* name = icalproperty_new_x(calendar_name.c_str());
    icalproperty_set_x_name(name, "X-WR-CALNAME");
    icalcomponent_add_property(root, name);

    // One VTIMEZONE per zone in use, from a year before the oldest item.
    Timestamp oldest = now;
    for (const FeedEvent& event : events) {
        Timestamp start{std::chrono::sys_days{event.day}};
        if (start < oldest) oldest = start;
    }
    Timestamp history_from = oldest - std::chrono::days{366};
    std::map<std::string, bool> zone_known;
    for (const FeedEvent& event : events) {
        if (zone_known.count(event.timezone) > 0) continue;
        icalcomponent* vtz = vtimezone_for(event.timezone, history_from);
        zone_known[event.timezone] = vtz != nullptr;
        if (vtz != nullptr) icalcomponent_add_component(root, vtz);
    }

    icaltimetype stamp = utc_time(now);
    for (const FeedEvent& event : events) {
        icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
        icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
        icalcomponent_add_property(vevent, icalproperty_new_dtstamp(stamp));
        if (zone_known[event.timezone]) {
            icalcomponent_add_property(
                vevent,
                with_tzid(icalproperty_new_dtstart(local_time(event.day, event.minute_of_day)), event.timezone));
        } else {
            icalcomponent_add_property(vevent, icalproperty_new_dtstart(utc_time(event.starts_at)));
        }
        icalcomponent_add_property(vevent, icalproperty_new_duration(minutes(event.duration_minutes)));
        if (!event.rrule.empty()) {
            icalrecurrencetype rule = icalrecurrencetype_from_string(event.rrule.c_str());
            icalcomponent_add_property(vevent, icalproperty_new_rrule(rule));
        }
        icalcomponent_add_property(vevent, icalproperty_new_summary(event.summary.c_str()));
        if (!event.description.empty()) {
            icalcomponent_add_property(vevent, icalproperty_new_description(event.description.c_str()));
        }
        if (!event.location.empty()) {
            icalcomponent_add_property(vevent, icalproperty_new_location(event.location.c_str()));
        }
        if (!event.url.empty()) icalcomponent_add_property(vevent, icalproperty_new_url(event.url.c_str()));
        icalcomponent_add_property(vevent, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
        icalcomponent_add_component(root, vevent);
    }

    char* text = icalcomponent_as_ical_string_r(root);
    std::string feed = text != nullptr ? std::string(text) : std::string();
    icalmemory_free_buffer(text);
    return feed;
}

std::string feed_address(const std::string& public_url, const std::string& secret) {
    return public_url + "/calendar/" + secret + feed_suffix;
}

}  // namespace ritme::http

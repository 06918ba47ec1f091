// The calendar feed: its secret address (GET /me/calendar), rotating it, and the
// iCalendar text itself at /calendar/{secret}.ics, which needs no session: whoever has
// the address (a calendar program) may read it, until it is rotated.
#include <string>
#include <vector>

#include "core/operations/account.hpp"
#include "core/rhythm.hpp"
#include "http/api/routes.hpp"
#include "http/auth.hpp"
#include "http/ical_feed.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

constexpr const char* api = "/api/v1";
constexpr int peer_meeting_default_minutes = 30;
// The rhythm's own sessions, as long as the seed says: a monthly hour, a quarterly
// afternoon (4 hours), and a yearly review of two hours.
constexpr int monthly_minute = 15 * 60;
constexpr int monthly_minutes = 60;
constexpr int quarterly_minute = 13 * 60;
constexpr int quarterly_minutes = 4 * 60;
constexpr int yearly_minute = 14 * 60;
constexpr int yearly_minutes = 2 * 60;

std::string path(const char* rest) {
    return std::string(api) + rest;
}

// GET /me/calendar
Response get_calendar(Call& call) {
    Result<std::string> secret = operations::calendar_secret(ports(call.services), call.caller->user, random_token());
    if (!secret) return error_response(secret.error());
    return json_response(200, Json{{"url", feed_address(call.services.public_url, *secret)}});
}

// POST /me/calendar/rotate
Response rotate_calendar(Call& call) {
    Result<std::string> secret =
        operations::replace_calendar_secret(ports(call.services), call.caller->user, random_token());
    if (!secret) return error_response(secret.error());
    log_info("calendar_rotated", {{"user_id", call.caller->user.id}});
    return json_response(200, Json{{"url", feed_address(call.services.public_url, *secret)}});
}

constexpr const char* ical_weekdays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// "MO,TU,WE,TH,FR" for the person's workdays (Monday to Friday when none are set).
std::string byday_of(const std::vector<int>& workdays) {
    std::string list;
    for (int weekday : workdays) {
        if (weekday < 1 || weekday > 7) continue;
        if (!list.empty()) list += ",";
        list += ical_weekdays[weekday - 1];
    }
    return list.empty() ? "MO,TU,WE,TH,FR" : list;
}

std::vector<int> workdays_or_office_week(const std::vector<int>& workdays) {
    return workdays.empty() ? std::vector<int>{1, 2, 3, 4, 5} : workdays;
}

Day first_workday_of(Month month, const std::vector<int>& workdays) {
    Day day = first_day(month);
    while (!is_workday(day, workdays) && day < last_day(month)) day = add_days(day, 1);
    return day;
}

Day last_workday_of(Month month, const std::vector<int>& workdays) {
    Day day = last_day(month);
    while (!is_workday(day, workdays) && day > first_day(month)) day = add_days(day, -1);
    return day;
}

struct Words {
    std::string peer_meeting;  // + the peer's name
    std::string peer_meeting_text;
    std::string monthly;
    std::string monthly_text;
    std::string quarterly;
    std::string quarterly_text;
    std::string yearly;
    std::string yearly_text;
};

Words words_for(Locale locale) {
    if (locale == Locale::nl) {
        return {"Peer-review met ",
                "Het wekelijkse gesprek met je vaste collega: een half uur over de resultaten van jullie learning on "
                "the job. Leg daarna je plan voor komende week vast.",
                "Maandreflectie",
                "Een uur zelfreflectie: hoe vorder je in de leerdoelstellingen uit je Learning Contract? Kies één of "
                "twee competenties voor de komende maand.",
                "Learning Contract",
                "Vier uur voor je Learning Contract van dit kwartaal: kies je competenties, maak je leerdoelen SMART "
                "en bespreek het met je vaste collega (en vice versa).",
                "Jaarreview",
                "Je basiskeuzes als professional: is je werk nog voldoende uitdagend, inspirerend en belonend? "
                "Denk ook aan een lerende organisatie dag met je collega's."};
    }
    return {"Peer review with ",
            "The weekly talk with your fixed colleague: half an hour about the results of your learning on the job. "
            "Then record your plan for the coming week.",
            "Monthly reflection",
            "An hour of self-reflection: how are you progressing on the learning objectives of your Learning "
            "Contract? Choose one or two competencies for the coming month.",
            "Learning Contract",
            "Four hours for this quarter's Learning Contract: choose your competencies, make your learning objectives "
            "SMART and discuss it with your fixed colleague (and vice versa).",
            "Yearly review",
            "Your basic choices as a professional: is your job still challenging, inspiring and rewarding enough? "
            "Think of a learning organisation day with your colleagues too."};
}

std::vector<FeedEvent> feed_events(Services& services, const operations::CalendarFeed& feed) {
    const User& person = feed.person;
    Timestamp now = feed.at;
    ZoneCalendar& calendar = services.calendar;
    Words words = words_for(person.locale);
    std::vector<int> workdays = workdays_or_office_week(person.workdays);
    std::string byday = byday_of(workdays);
    Day today = calendar.local_day(now, person.timezone);
    // Recurring items start with the current year, so every client shows the same series.
    int year = static_cast<int>(today.year());
    Month january{year, 1};
    const std::string uid_end = "@ritme";
    std::vector<FeedEvent> events;

    auto recurring = [&](std::string kind, std::string summary, std::string description, std::string url,
                         std::string zone, Day first, int minute, int duration, std::string rrule) {
        FeedEvent event;
        event.uid = kind + "-" + person.id + uid_end;
        event.summary = std::move(summary);
        event.description = std::move(description);
        event.url = std::move(url);
        event.day = first;
        event.minute_of_day = minute;
        event.duration_minutes = duration;
        event.rrule = std::move(rrule);
        event.starts_at = calendar.instant_at(first, minute, zone);
        event.timezone = std::move(zone);
        events.push_back(std::move(event));
    };

    // The weekly peer meeting, at the slot the pair chose, in the zone of whoever chose it.
    if (const std::optional<PeerMeetingSlot>& slot = feed.meeting) {
        const std::optional<User>& peer = feed.peer;
        Day first = first_day(january);
        while (static_cast<int>(iso_weekday(first)) != slot->weekday) first = add_days(first, 1);
        int duration = slot->duration_minutes > 0 ? slot->duration_minutes : peer_meeting_default_minutes;
        std::string zone = slot->timezone.empty() ? person.timezone : slot->timezone;
        recurring("peer-meeting", words.peer_meeting + (peer ? peer->name : std::string("?")),
                  words.peer_meeting_text, services.public_url + "/peer", zone, first, slot->minute_of_day, duration,
                  std::string("FREQ=WEEKLY;BYDAY=") + ical_weekdays[(slot->weekday + 6) % 7]);
    }
    // The monthly reflection on the month's last workday.
    recurring("monthly-reflection", words.monthly, words.monthly_text, services.public_url + "/", person.timezone,
              last_workday_of(january, workdays), monthly_minute, monthly_minutes,
              "FREQ=MONTHLY;BYDAY=" + byday + ";BYSETPOS=-1");
    // The quarterly contract session on the first workday of each quarter.
    recurring("learning-contract", words.quarterly, words.quarterly_text, services.public_url + "/", person.timezone,
              first_workday_of(january, workdays), quarterly_minute, quarterly_minutes,
              "FREQ=MONTHLY;INTERVAL=3;BYDAY=" + byday + ";BYSETPOS=1");
    // The yearly review on the first workday of December.
    recurring("yearly-review", words.yearly, words.yearly_text, services.public_url + "/", person.timezone,
              first_workday_of(Month{year, 12}, workdays), yearly_minute, yearly_minutes,
              "FREQ=YEARLY;BYMONTH=12;BYDAY=" + byday + ";BYSETPOS=1");

    // The events the person is going to, from three months back to a year ahead.
    for (const Event& item : feed.going) {
        FeedEvent event;
        event.uid = "event-" + item.id + uid_end;
        event.summary = item.title;
        event.description = item.description;
        event.location = item.location;
        event.url = services.public_url + "/events/" + item.id;
        event.timezone = person.timezone;
        event.day = calendar.local_day(item.starts_at, person.timezone);
        event.minute_of_day = calendar.local_minute_of_day(item.starts_at, person.timezone);
        auto length = std::chrono::duration_cast<std::chrono::minutes>(item.ends_at - item.starts_at).count();
        event.duration_minutes = static_cast<int>(length > 0 ? length : 0);
        event.starts_at = item.starts_at;
        events.push_back(std::move(event));
    }
    return events;
}

// GET /calendar/{secret}.ics: anonymous; an unknown (or rotated) secret is 404.
Response get_feed(Call& call) {
    const std::string& name = call.params.at("feed");
    std::string_view suffix = feed_suffix;
    if (name.size() <= suffix.size() || !name.ends_with(suffix)) {
        return error_response(Error{ErrorCode::not_found, "There is nothing at this address."});
    }
    std::string token = name.substr(0, name.size() - suffix.size());
    Result<operations::CalendarFeed> found = operations::calendar_feed(ports(call.services), token);
    if (!found) return error_response(found.error());
    std::string feed = ical_feed(feed_events(call.services, *found), found->at, "Ritme · " + found->person.name);
    Response response = text_response(200, std::move(feed), "text/calendar; charset=utf-8");
    // The address is the secret: keep it out of shared caches.
    response.set_header("Cache-Control", "private, max-age=300");
    response.set_header("Content-Disposition", "inline; filename=\"ritme.ics\"");
    return response;
}

}  // namespace

void add_calendar_routes(Router& router) {
    router.add({"GET", path("/me/calendar"), Access::member, get_calendar,
                "The secret address of your iCalendar feed: {url} (made on first use)"});
    router.add({"POST", path("/me/calendar/rotate"), Access::member, rotate_calendar,
                "A new secret feed address: {url}; the old one answers 404 from now on"});
    router.add({"GET", "/calendar/{feed}", Access::anonymous, get_feed,
                "The iCalendar feed (text/calendar) at {secret}.ics: your rhythm and the events you go to"});
}

}  // namespace ritme::http

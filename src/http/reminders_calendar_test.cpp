// Reminder settings and the calendar feed's address through the whole dispatcher, on
// fakes; the signed off links; the iCalendar text libical makes.
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "http/api.hpp"
#include "http/api/routes.hpp"
#include "http/auth.hpp"
#include "http/ical_feed.hpp"
#include "http/reminder_links.hpp"
#include "http/test_fakes.hpp"

namespace ritme::http {
namespace {

using namespace std::chrono;

class RemindersAndCalendar : public ::testing::Test {
protected:
    RemindersAndCalendar()
        : api_(world_.services, ApiOptions{}, [](Router& router) {
              add_reminder_routes(router);
              add_calendar_routes(router);
          }) {
        NewUser user;
        user.id = world_.ids.new_id();
        user.email = "anna@example.nl";
        user.name = "Anna de Vries";
        user.password_hash = "x";
        EXPECT_TRUE(world_.store.create_user(user).ok());
        anna_ = user.id;
        token_ = issue_access_token(world_.services, anna_, "test").secret;
    }

    Response call(const std::string& method, const std::string& path, const Json& body = nullptr,
                  bool signed_in = true) {
        Request request;
        request.method = method;
        request.path = path;
        request.remote_address = "127.0.0.1";
        if (!body.is_null()) {
            request.body = body.dump();
            request.headers["content-type"] = "application/json";
        }
        if (signed_in) request.headers["authorization"] = "Bearer " + token_;
        return api_.handle(request);
    }
    static Json json(const Response& response) { return Json::parse(response.body); }

    fakes::FakeWorld world_;
    Api api_;
    std::string anna_;
    std::string token_;
};

TEST_F(RemindersAndCalendar, EveryLevelIsOffForANewAccount) {
    Response response = call("GET", "/api/v1/me/reminders");
    ASSERT_EQ(response.status, 200);
    Json body = json(response);
    for (const char* level : {"daily", "weekly", "monthly", "quarterly", "yearly"}) {
        EXPECT_EQ(body[level]["enabled"], false) << level;
        EXPECT_EQ(body[level]["time"], "17:00") << level;
    }
    EXPECT_EQ(body["weekly"]["weekday"], 5);
    EXPECT_FALSE(body["daily"].contains("weekday"));
}

TEST_F(RemindersAndCalendar, PutReplacesTheLevelsGivenOnly) {
    Response response =
        call("PUT", "/api/v1/me/reminders",
             {{"daily", {{"enabled", true}, {"time", "08:45"}}}, {"weekly", {{"enabled", true}, {"weekday", 1}}}});
    ASSERT_EQ(response.status, 200) << response.body;
    Json body = json(response);
    EXPECT_EQ(body["daily"], Json({{"enabled", true}, {"time", "08:45"}}));
    EXPECT_EQ(body["weekly"], Json({{"enabled", true}, {"time", "17:00"}, {"weekday", 1}}));
    EXPECT_EQ(body["monthly"]["enabled"], false);
    // Turning one off keeps its time.
    body = json(call("PUT", "/api/v1/me/reminders", {{"daily", {{"enabled", false}}}}));
    EXPECT_EQ(body["daily"], Json({{"enabled", false}, {"time", "08:45"}}));
    EXPECT_EQ(world_.store.reminder_settings(anna_).at(Level::weekly).weekday, 1);
}

struct BadBody {
    const char* body;
    const char* field;
};

class BadReminderBodies : public RemindersAndCalendar, public ::testing::WithParamInterface<BadBody> {};

TEST_P(BadReminderBodies, Are422AndChangeNothing) {
    Json before = json(call("GET", "/api/v1/me/reminders"));
    Response response = call("PUT", "/api/v1/me/reminders", Json::parse(GetParam().body));
    EXPECT_EQ(response.status, 422) << GetParam().body;
    EXPECT_EQ(json(response)["error"].value("field", ""), GetParam().field) << response.body;
    EXPECT_EQ(json(call("GET", "/api/v1/me/reminders")), before);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BadReminderBodies,
    ::testing::Values(BadBody{R"({"hourly": {"enabled": true}})", "hourly"},
                      BadBody{R"({"daily": {"time": "09:00"}})", "daily.enabled"},
                      BadBody{R"({"daily": {"enabled": "yes"}})", "daily.enabled"},
                      BadBody{R"({"daily": {"enabled": true, "time": "24:00"}})", "daily.time"},
                      BadBody{R"({"daily": {"enabled": true, "time": "9:00"}})", "daily.time"},
                      BadBody{R"({"daily": {"enabled": true, "weekday": 3}})", "daily.weekday"},
                      BadBody{R"({"weekly": {"enabled": true, "weekday": 8}})", "weekly.weekday"},
                      BadBody{R"({"weekly": {"enabled": true, "weekday": 0}})", "weekly.weekday"},
                      BadBody{R"({"daily": {"enabled": true}, "monthly": {"enabled": true, "time": "x"}})",
                              "monthly.time"},
                      BadBody{R"({"daily": 3})", "daily"}));

TEST_F(RemindersAndCalendar, RemindersNeedASession) {
    EXPECT_EQ(call("GET", "/api/v1/me/reminders", nullptr, false).status, 401);
    EXPECT_EQ(call("PUT", "/api/v1/me/reminders", {{"daily", {{"enabled", true}}}}, false).status, 401);
    EXPECT_EQ(call("GET", "/api/v1/me/calendar", nullptr, false).status, 401);
}

TEST_F(RemindersAndCalendar, OffSignaturesAreForOnePersonAndLevel) {
    std::string key = reminder_link_key(world_.store);
    EXPECT_EQ(reminder_link_key(world_.store), key) << "made once, then kept";
    std::string signature = reminder_off_signature(key, anna_, Level::daily);
    EXPECT_TRUE(reminder_off_signature_valid(key, anna_, Level::daily, signature));
    EXPECT_FALSE(reminder_off_signature_valid(key, anna_, Level::weekly, signature));
    EXPECT_FALSE(reminder_off_signature_valid(key, "someone-else", Level::daily, signature));
    EXPECT_FALSE(reminder_off_signature_valid(key, anna_, Level::daily, signature.substr(1)));
    EXPECT_FALSE(reminder_off_signature_valid(key, anna_, Level::daily, ""));
    std::string url = reminder_off_url("https://ritme.example.nl/", key, anna_, Level::daily);
    EXPECT_EQ(url, "https://ritme.example.nl/reminders/off?user=" + anna_ + "&level=daily&signature=" + signature);
}

TEST_F(RemindersAndCalendar, TheFeedAddressIsKeptUntilRotated) {
    Response first = call("GET", "/api/v1/me/calendar");
    ASSERT_EQ(first.status, 200);
    std::string url = json(first)["url"];
    ASSERT_EQ(url.rfind("http://ritme.test/calendar/", 0), 0U) << url;
    EXPECT_EQ(json(call("GET", "/api/v1/me/calendar"))["url"], url);
    std::string path = url.substr(std::string("http://ritme.test").size());
    Response feed = call("GET", path, nullptr, false);
    ASSERT_EQ(feed.status, 200);
    EXPECT_EQ(feed.header("Content-Type"), "text/calendar; charset=utf-8");
    EXPECT_NE(feed.body.find("BEGIN:VCALENDAR"), std::string::npos);

    std::string rotated = json(call("POST", "/api/v1/me/calendar/rotate"))["url"];
    EXPECT_NE(rotated, url);
    EXPECT_EQ(call("GET", path, nullptr, false).status, 404);
    EXPECT_EQ(call("GET", rotated.substr(std::string("http://ritme.test").size()), nullptr, false).status, 200);
    EXPECT_EQ(call("GET", "/calendar/unknown.ics", nullptr, false).status, 404);
    EXPECT_EQ(call("GET", "/calendar/" + rotated.substr(rotated.rfind('/') + 1, 10), nullptr, false).status, 404);
}

TEST(IcalFeed, LocalTimesWithTheZoneTheyAreIn) {
    FeedEvent meeting;
    meeting.uid = "peer-meeting-u1@ritme";
    meeting.summary = "Peer-review met Bob; daarna, plannen";
    meeting.timezone = "Europe/Amsterdam";
    meeting.day = year{2026} / 1 / 6;
    meeting.minute_of_day = 9 * 60 + 30;
    meeting.duration_minutes = 45;
    meeting.rrule = "FREQ=WEEKLY;BYDAY=TU";
    FeedEvent event;
    event.uid = "event-e1@ritme";
    event.summary = "SOL meeting";
    event.timezone = "Nowhere/Atlantis";
    event.starts_at = sys_days{year{2026} / 12 / 10} + hours{13};
    event.day = year{2026} / 12 / 10;
    event.duration_minutes = 90;
    std::string text = ical_feed({meeting, event}, sys_days{year{2026} / 12 / 1}, "Ritme");
    EXPECT_NE(text.find("BEGIN:VTIMEZONE"), std::string::npos);
    EXPECT_NE(text.find("TZID:Europe/Amsterdam"), std::string::npos);
    EXPECT_EQ(text.find("freeassociation"), std::string::npos) << "no libical prefix in TZIDs";
    EXPECT_NE(text.find("DTSTART;TZID=Europe/Amsterdam:20260106T093000"), std::string::npos) << text;
    EXPECT_NE(text.find("RRULE:FREQ=WEEKLY;BYDAY=TU"), std::string::npos);
    EXPECT_NE(text.find("DURATION:PT45M"), std::string::npos);
    EXPECT_NE(text.find("SUMMARY:Peer-review met Bob\\; daarna\\, plannen"), std::string::npos) << "escaped";
    // A zone libical does not know: the event is given in UTC instead.
    EXPECT_NE(text.find("DTSTART:20261210T130000Z"), std::string::npos) << text;
    EXPECT_NE(text.find("\r\n"), std::string::npos);
    // The zone's history is cut short: nothing from the 19th century.
    EXPECT_EQ(text.find("DTSTART:18"), std::string::npos);
}

}  // namespace
}  // namespace ritme::http

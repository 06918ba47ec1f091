// Reminders: the settings per level (GET and PUT /me/reminders). Turning one off from the
// e-mail is a web page (pages/reminder_pages.cpp).
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock_time.hpp"
#include "http/api/routes.hpp"
#include "http/json_body.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

constexpr const char* api = "/api/v1";

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response fault(const Status& status) {
    return error_response(status.error());
}

Json settings_json(const ReminderSettings& settings) {
    Json body = Json::object();
    for (Level level : all_levels) {
        const LevelReminder& reminder = settings.at(level);
        Json item{{"enabled", reminder.enabled}, {"time", format_clock_time(reminder.minute_of_day)}};
        if (level == Level::weekly) item["weekday"] = reminder.weekday;
        body[std::string(to_string(level))] = item;
    }
    return body;
}

// GET /me/reminders
Response get_reminders(Call& call) {
    return json_response(200, settings_json(call.services.store.reminder_settings(call.caller->user.id)));
}

// PUT /me/reminders: any of the five levels; a level given replaces that level's settings
// (`enabled` required; `time` and, for weekly, `weekday` keep their value when left out).
Response put_reminders(Call& call) {
    Store& store = call.services.store;
    const std::string& user_id = call.caller->user.id;
    if (call.body != nullptr && !call.body->is_object()) {
        return fault(Error{ErrorCode::validation_failed, "The body must be an object of levels."});
    }
    ReminderSettings settings = store.reminder_settings(user_id);
    settings.user_id = user_id;
    BodyReader reader(call.body);
    reader.allow_only({"daily", "weekly", "monthly", "quarterly", "yearly"});
    for (Level level : all_levels) {
        std::string name(to_string(level));
        if (!reader.has(name)) continue;
        BodyReader item = reader.object(name);
        if (level == Level::weekly) {
            item.allow_only({"enabled", "time", "weekday"});
        } else {
            item.allow_only({"enabled", "time"});
        }
        LevelReminder& reminder = settings.at(level);
        bool enabled = reminder.enabled;
        std::string time = format_clock_time(reminder.minute_of_day);
        int weekday = reminder.weekday;
        item.require("enabled");
        item.boolean("enabled", enabled);
        item.text("time", time);
        if (level == Level::weekly) item.integer("weekday", weekday);
        if (Status status = reader.status(); !status) return fault(status);
        std::optional<int> minute = parse_clock_time(time);
        if (!minute) return fault(validation_error(name + ".time", "must be a time of day written as HH:MM (17:00)"));
        if (weekday < 1 || weekday > 7) {
            return fault(validation_error(name + ".weekday", "must be 1 (Monday) to 7 (Sunday)"));
        }
        reminder = LevelReminder{enabled, *minute, weekday};
    }
    if (Status status = reader.status(); !status) return fault(status);
    store.put_reminder_settings(settings);
    log_info("reminders_set", {{"user_id", user_id}});
    return json_response(200, settings_json(store.reminder_settings(user_id)));
}

}  // namespace

void add_reminder_routes(Router& router) {
    router.add({"GET", path("/me/reminders"), Access::member, get_reminders,
                "Your reminder e-mails per level: {daily, weekly, monthly, quarterly, yearly}, each {enabled, time}"});
    router.add({"PUT", path("/me/reminders"), Access::member, put_reminders,
                "Set any of the levels' reminders: {enabled, time \"HH:MM\"} (weekly also weekday 1..7)"});
}

}  // namespace ritme::http

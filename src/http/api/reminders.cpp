// Reminders: the settings per level (GET and PUT /me/reminders). Turning one off from the
// e-mail is a web page (pages/reminder_pages.cpp).
#include <string>

#include "core/operations/account.hpp"
#include "http/api/level_json.hpp"
#include "http/api/routes.hpp"
#include "http/json_body.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

constexpr const char* api = "/api/v1";

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response settings_answer(const Result<ReminderSettings>& settings) {
    if (!settings) return error_response(settings.error());
    return json_response(200, reminder_settings_json(*settings));
}

// GET /me/reminders
Response get_reminders(Call& call) {
    return settings_answer(operations::reminders(ports(call.services), call.caller->user));
}

// PUT /me/reminders: any of the five levels; a level given replaces that level's settings
// (`enabled` required; `time` and, for weekly, `weekday` keep their value when left out).
Response put_reminders(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"daily", "weekly", "monthly", "quarterly", "yearly"});
    operations::ReminderChanges changes;
    for (Level level : all_levels) {
        std::string name(to_string(level));
        if (!reader.has(name)) continue;
        BodyReader item = reader.object(name);
        if (level == Level::weekly) {
            item.allow_only({"enabled", "time", "weekday"});
        } else {
            item.allow_only({"enabled", "time"});
        }
        operations::ReminderChange change;
        item.require("enabled");
        item.boolean("enabled", change.enabled);
        const Json* fields = call.body->contains(name) && (*call.body)[name].is_object() ? &(*call.body)[name] : nullptr;
        std::string time;
        item.text("time", time);
        if (fields != nullptr && fields->contains("time")) change.time = time;
        if (level == Level::weekly) {
            int weekday = 0;
            item.integer("weekday", weekday);
            if (fields != nullptr && fields->contains("weekday")) change.weekday = weekday;
        }
        change.reading = reader.status();  // the first fault so far, this level's included
        changes.levels[static_cast<std::size_t>(level)] = std::move(change);
    }
    // A fault of the body that no level given carries (an unknown level, say) is answered
    // here; the operation answers each level's in turn, after the levels before it.
    if (Status status = reader.status(); !status) {
        bool carried = false;
        for (const auto& change : changes.levels) carried = carried || (change && !change->reading);
        if (!carried) return error_response(status.error());
    }
    Result<ReminderSettings> saved = operations::change_reminders(ports(call.services), call.caller->user, changes);
    if (!saved) return error_response(saved.error());
    log_info("reminders_set", {{"user_id", call.caller->user.id}});
    return json_response(200, reminder_settings_json(*saved));
}

}  // namespace

void add_reminder_routes(Router& router) {
    router.add({"GET", path("/me/reminders"), Access::member, get_reminders,
                "Your reminder e-mails per level: {daily, weekly, monthly, quarterly, yearly}, each {enabled, time}"});
    router.add({"PUT", path("/me/reminders"), Access::member, put_reminders,
                "Set any of the levels' reminders: {enabled, time \"HH:MM\"} (weekly also weekday 1..7)"});
}

}  // namespace ritme::http

// Setting up, signing in and out, and the profile: language, time zone, workdays, access
// tokens, export, deleting the account. Each form calls the JSON Api's own handler.
#include <algorithm>
#include <string>

#include "core/rules.hpp"
#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

// Only a path on this site: never "//elsewhere" or "https://...".
std::string safe_next(const std::string& next) {
    if (next.size() > 1 && next.front() == '/' && next[1] != '/' && next[1] != '\\') return next;
    return "/";
}

void pass_cookies(const Response& from, Response& to) {
    for (const auto& [name, value] : from.headers) {
        if (ascii_lower(name) == "set-cookie") to.headers.emplace_back(name, value);
    }
}

Response show_setup(Page& page, mstch::map data = {}) {
    data["title"] = page.t("Set up Ritme");
    int status = data.count("has_errors") ? 422 : 200;
    return page.render("setup", std::move(data), status);
}

Response get_setup(Page& page) {
    if (page.services.store.count_admins() > 0) return redirect("/login");
    return show_setup(page);
}

Response post_setup(Page& page) {
    if (page.services.store.count_admins() > 0) return redirect("/login");
    Json body{{"token", trim(page.form.get("token"))},
              {"email", page.form.get("email")},
              {"name", page.form.get("name")},
              {"password", page.form.get("password")}};
    Response created = page.api("POST", "/api/v1/setup", &body);
    if (created.status == 201) {
        Json login{{"email", body["email"]}, {"password", body["password"]}};
        Response session = page.api("POST", "/api/v1/auth/login", &login);
        Response response = redirect("/admin");
        pass_cookies(session, response);
        return response;
    }
    if (created.status == 409) return redirect("/login");
    FieldError error = api_error(created);
    if (created.status == 403) error = {"token", N_("That is not the set-up token this server logged.")};
    mstch::map data{{"email", page.form.get("email")}, {"name", page.form.get("name")}, {"token", page.form.get("token")}};
    put_errors(page, data, {error});
    return show_setup(page, std::move(data));
}

Response show_login(Page& page, mstch::map data, int status) {
    data["title"] = page.t("Sign in");
    data["next"] = safe_next(page.request.query_value("next").value_or(page.form.get("next")));
    return page.render("login", std::move(data), status);
}

Response get_login(Page& page) {
    if (page.signed_in()) return redirect("/");
    if (page.services.store.count_users() == 0) return redirect("/setup");
    return show_login(page, {}, 200);
}

Response post_login(Page& page) {
    Json body{{"email", page.form.get("email")}, {"password", page.form.get("password")}};
    Response session = page.api("POST", "/api/v1/auth/login", &body);
    if (session.status == 200) {
        Response response = redirect(safe_next(page.form.get("next")));
        pass_cookies(session, response);
        return response;
    }
    mstch::map data{{"email", page.form.get("email")}};
    if (session.status == 429) {
        put_errors(page, data, {{"", N_("Too many failed attempts; try again later.")}});
    } else {
        put_errors(page, data, {{"", N_("Wrong e-mail address or password.")}});
    }
    return show_login(page, std::move(data), session.status == 429 ? 429 : 401);
}

Response post_logout(Page& page) {
    Response ended = page.api("POST", "/api/v1/auth/logout");
    Response response = redirect("/login");
    pass_cookies(ended, response);
    return response;
}

// --- profile ----------------------------------------------------------------------------

struct Weekday {
    int number;
    const char* name;
};
constexpr Weekday weekdays[] = {{1, N_("Monday")}, {2, N_("Tuesday")},  {3, N_("Wednesday")}, {4, N_("Thursday")},
                                {5, N_("Friday")}, {6, N_("Saturday")}, {7, N_("Sunday")}};

struct ReminderLevel {
    const char* key;
    const char* name;
};
constexpr ReminderLevel reminder_levels[] = {{"daily", N_("Learning diary")},
                                             {"weekly", N_("Peer review and PDCA plan")},
                                             {"monthly", N_("Self-reflection")},
                                             {"quarterly", N_("Learning Contract")},
                                             {"yearly", N_("Basic choices")}};

// The reminders per level: as saved, or (after a refused change) as typed, with the
// error beside the level's field it is about.
mstch::array reminder_rows(const Page& page, bool typed, const FieldError& error) {
    Json saved = parse_json(page.api("GET", "/api/v1/me/reminders"));
    mstch::array rows;
    for (const ReminderLevel& level : reminder_levels) {
        std::string prefix = std::string("reminder_") + level.key + "_";
        Json current = saved.value(level.key, Json::object());
        bool enabled = typed ? page.form.has(prefix + "enabled") : current.value("enabled", false);
        std::string time = typed ? page.form.get(prefix + "time") : current.value("time", std::string("17:00"));
        int weekday = current.value("weekday", 5);
        if (typed && page.form.get(prefix + "weekday").size() == 1) weekday = page.form.get(prefix + "weekday")[0] - '0';
        mstch::map row{{"key", std::string(level.key)},
                       {"name", page.t(level.name)},
                       {"enabled", enabled},
                       {"time", time},
                       {"weekly", std::string(level.key) == "weekly"}};
        mstch::array days;
        for (const Weekday& day : weekdays) {
            days.push_back(mstch::map{{"number", day.number}, {"name", page.t(day.name)}, {"selected", day.number == weekday}});
        }
        row["weekdays"] = days;
        if (error.field.starts_with(std::string(level.key) + ".")) {
            std::string part = error.field.substr(std::string(level.key).size() + 1);
            row[part == "weekday" ? "error_weekday" : "error_time"] = page.t(error.message);
        }
        rows.push_back(row);
    }
    return rows;
}

Response show_profile(Page& page, mstch::map data, int status = 200) {
    const User& user = page.user();
    data["title"] = page.t("Profile");
    if (!data.count("name")) data["name"] = user.name;
    if (!data.count("timezone")) data["timezone"] = user.timezone;
    data["email"] = user.email;
    std::string locale = page.form.has("locale") ? page.form.get("locale") : std::string(to_string(user.locale));
    data["locale_nl"] = locale == "nl";
    data["locale_en"] = locale == "en";
    mstch::array days;
    for (const Weekday& day : weekdays) {
        bool chosen = std::find(user.workdays.begin(), user.workdays.end(), day.number) != user.workdays.end();
        days.push_back(mstch::map{{"number", day.number}, {"name", page.t(day.name)}, {"checked", chosen}});
    }
    data["workdays"] = days;
    mstch::array tokens;
    for (const AccessToken& token : page.services.store.list_access_tokens(user.id)) {
        tokens.push_back(mstch::map{{"id", token.id},
                                    {"name", token.name},
                                    {"created", format_day(page.services.calendar.local_day(token.created_at, user.timezone))}});
    }
    data["tokens"] = tokens;
    data["has_tokens"] = !tokens.empty();
    if (!data.count("reminders")) data["reminders"] = reminder_rows(page, false, {});
    data["calendar_url"] = parse_json(page.api("GET", "/api/v1/me/calendar")).value("url", std::string());
    if (page.request.query_value("saved")) data["saved"] = true;
    if (page.request.query_value("reminders_saved")) data["reminders_saved"] = true;
    if (page.request.query_value("rotated")) data["rotated"] = true;
    return page.render("profile", std::move(data), status);
}

Response get_profile(Page& page) {
    return show_profile(page, {});
}

Response post_profile(Page& page) {
    Json workdays = Json::array();
    for (const std::string& day : page.form.all("workdays")) {
        if (day.size() == 1 && day[0] >= '1' && day[0] <= '7') workdays.push_back(day[0] - '0');
    }
    Json body{{"name", page.form.get("name")},
              {"locale", page.form.get("locale")},
              {"timezone", trim(page.form.get("timezone"))},
              {"workdays", workdays}};
    Response changed = page.api("PATCH", "/api/v1/me", &body);
    if (changed.status == 200) return redirect("/profile?saved=1");
    mstch::map data{{"name", page.form.get("name")}, {"timezone", page.form.get("timezone")}};
    put_errors(page, data, {api_error(changed)});
    return show_profile(page, std::move(data), 422);
}

Response post_token(Page& page) {
    Json body{{"name", page.form.get("token_name")}};
    Response created = page.api("POST", "/api/v1/tokens", &body);
    mstch::map data;
    if (created.status == 201) {
        data["new_token"] = parse_json(created).value("token", "");
        return show_profile(page, std::move(data));
    }
    FieldError error = api_error(created);
    error.field = "token_name";
    put_errors(page, data, {error});
    return show_profile(page, std::move(data), 422);
}

Response post_token_delete(Page& page) {
    (void)page.api("DELETE", "/api/v1/tokens/" + page.params.at("id"));
    return redirect("/profile");
}

Response post_reminders(Page& page) {
    const Form& form = page.form;
    Json body = Json::object();
    for (const ReminderLevel& level : reminder_levels) {
        std::string prefix = std::string("reminder_") + level.key + "_";
        Json item{{"enabled", form.has(prefix + "enabled")}, {"time", trim(form.get(prefix + "time"))}};
        if (std::string(level.key) == "weekly") {
            std::string weekday = form.get(prefix + "weekday");
            item["weekday"] = weekday.size() == 1 && weekday[0] >= '1' && weekday[0] <= '7' ? Json(weekday[0] - '0')
                                                                                          : Json(weekday);
        }
        body[level.key] = item;
    }
    Response saved = page.api("PUT", "/api/v1/me/reminders", &body);
    if (saved.status == 200) return redirect("/profile?reminders_saved=1#reminders");
    FieldError error = api_error(saved);
    mstch::map data{{"reminders", reminder_rows(page, true, error)}};
    if (error.field.empty() || error.field.find('.') == std::string::npos) {
        put_errors(page, data, {{"", error.message.empty() ? N_("The reminders could not be saved.") : error.message}});
    } else {
        data["reminders_error"] = true;
    }
    return show_profile(page, std::move(data), 422);
}

Response post_calendar_rotate(Page& page) {
    (void)page.api("POST", "/api/v1/me/calendar/rotate");
    return redirect("/profile?rotated=1#calendar");
}

Response get_export(Page& page) {
    Response exported = page.api("GET", "/api/v1/me/export");
    exported.set_header("Content-Disposition", "attachment; filename=\"ritme-export.json\"");
    return exported;
}

Response post_delete_account(Page& page) {
    Json body{{"password", page.form.get("password")}};
    Response deleted = page.api("DELETE", "/api/v1/me", &body);
    if (deleted.status == 204) {
        Response response = redirect("/login");
        pass_cookies(deleted, response);
        return response;
    }
    mstch::map data;
    FieldError error = api_error(deleted);
    error.field = "delete_password";
    put_errors(page, data, {error});
    return show_profile(page, std::move(data), deleted.status == 429 ? 429 : 403);
}

}  // namespace

void add_account_pages(PageRoutes& routes) {
    routes.add({"GET", "/setup", Access::anonymous, get_setup});
    routes.add({"POST", "/setup", Access::anonymous, post_setup});
    routes.add({"GET", "/login", Access::anonymous, get_login});
    routes.add({"POST", "/login", Access::anonymous, post_login});
    routes.add({"POST", "/logout", Access::member, post_logout});
    routes.add({"GET", "/profile", Access::member, get_profile});
    routes.add({"POST", "/profile", Access::member, post_profile});
    routes.add({"POST", "/profile/tokens", Access::member, post_token});
    routes.add({"POST", "/profile/tokens/{id}/delete", Access::member, post_token_delete});
    routes.add({"POST", "/profile/reminders", Access::member, post_reminders});
    routes.add({"POST", "/profile/calendar/rotate", Access::member, post_calendar_rotate});
    routes.add({"GET", "/profile/export", Access::member, get_export});
    routes.add({"POST", "/profile/delete", Access::member, post_delete_account});
}

}  // namespace ritme::http::pages

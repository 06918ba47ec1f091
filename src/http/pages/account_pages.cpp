// Setting up, signing in and out, and the profile: language, time zone, workdays, access
// tokens, export, deleting the account. The steps about credentials are credentials.hpp's
// (the JSON API takes them too); the rest are operations (core/operations/account.hpp).
#include <algorithm>
#include <string>

#include "core/clock_time.hpp"
#include "core/operations/account.hpp"
#include "formats/markdown_export.hpp"
#include "http/api/level_json.hpp"
#include "http/credentials.hpp"
#include "http/ical_feed.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

// Only a path on this site: never "//elsewhere" or "https://...".
std::string safe_next(const std::string& next) {
    if (next.size() > 1 && next.front() == '/' && next[1] != '/' && next[1] != '\\') return next;
    return "/";
}

std::string user_agent(const Page& page) {
    return page.request.header("user-agent").value_or("");
}

Response show_setup(Page& page, mstch::map data = {}) {
    data["title"] = page.t("Set up Ritme");
    int status = data.count("has_errors") ? 422 : 200;
    return page.render("setup", std::move(data), status);
}

bool set_up_already(const Page& page) {
    Result<bool> set_up = operations::is_set_up(page.ports());
    return !set_up || *set_up;
}

Response get_setup(Page& page) {
    if (set_up_already(page)) return redirect("/login");
    return show_setup(page);
}

Response post_setup(Page& page) {
    if (set_up_already(page)) return redirect("/login");
    SetUp typed{trim(page.form.get("token")), page.form.get("email"), page.form.get("name"), page.form.get("password")};
    Result<operations::Account> created = set_up(page.services, typed);
    if (created) {
        Response response = redirect("/admin");
        SignInAttempt session =
            sign_in(page.services, typed.email, typed.password, page.request.remote_address, user_agent(page));
        if (session.outcome) response.headers.emplace_back("Set-Cookie", session_cookie(session.outcome->started.cookie_value));
        return response;
    }
    if (created.error().code == ErrorCode::conflict) return redirect("/login");
    FieldError error = field_error(created.error());
    if (created.error().code == ErrorCode::forbidden) error = {"token", N_("That is not the set-up token this server logged.")};
    mstch::map data{{"email", page.form.get("email")}, {"name", page.form.get("name")}, {"token", page.form.get("token")}};
    put_errors(page, data, {error});
    return show_setup(page, std::move(data));
}

// A writing form's fields carried through the sign-in page, each as "carried:<name>".
constexpr std::string_view carried_prefix = "carried:";

// The sign-in page's data for carrying `fields` (named "carried:<name>") back to the
// writing form at `resume`.
void carry(mstch::map& data, const std::string& resume,
           const std::vector<std::pair<std::string, std::string>>& fields) {
    mstch::array carried;
    for (const auto& [name, value] : fields) carried.push_back(mstch::map{{"name", name}, {"value", value}});
    data["resume"] = resume;
    data["carried"] = std::move(carried);
    data["session_ended"] = true;
    data["next"] = safe_next(resume);
}

Response show_login(Page& page, mstch::map data, int status) {
    data["title"] = page.t("Sign in");
    if (!data.count("next")) data["next"] = safe_next(page.request.query_value("next").value_or(page.form.get("next")));
    if (page.request.query_value("reset")) data["reset_done"] = true;
    return page.render("login", std::move(data), status);
}

Response get_login(Page& page) {
    if (page.signed_in()) return redirect("/");
    Result<bool> anyone = operations::has_accounts(page.ports());
    if (anyone && !*anyone) return redirect("/setup");
    return show_login(page, {}, 200);
}

Response post_login(Page& page) {
    SignInAttempt attempt =
        sign_in(page.services, page.form.get("email"), page.form.get("password"),
                page.request.remote_address, user_agent(page));
    std::string resume = page.form.get("resume");
    std::vector<std::pair<std::string, std::string>> carried;
    Form posted_again;
    for (const auto& [name, value] : page.form.fields()) {
        if (!name.starts_with(carried_prefix)) continue;
        carried.emplace_back(name, value);
        posted_again.add(name.substr(carried_prefix.size()), value);
    }
    if (attempt.outcome) {
        Response response = resume.empty() ? redirect(safe_next(page.form.get("next")))
                                           : page.site.post_again(page.request, resume, std::move(posted_again),
                                                                  attempt.outcome->started);
        response.headers.emplace_back("Set-Cookie", session_cookie(attempt.outcome->started.cookie_value));
        return response;
    }
    mstch::map data{{"email", page.form.get("email")}};
    if (!resume.empty()) {
        carry(data, resume, carried);
    }
    bool throttled = attempt.outcome.error().code == ErrorCode::rate_limited;
    if (throttled) {
        put_errors(page, data, {{"", N_("Too many failed attempts; try again later.")}});
    } else {
        put_errors(page, data, {{"", N_("Wrong e-mail address or password.")}});
    }
    return show_login(page, std::move(data), throttled ? 429 : 401);
}

}  // namespace

Response sign_in_again(Page& page) {
    std::vector<std::pair<std::string, std::string>> carried;
    for (const auto& [name, value] : page.form.fields()) {
        if (name != "_csrf") carried.emplace_back(std::string(carried_prefix) + name, value);
    }
    mstch::map data;
    carry(data, page.request.path, carried);
    return show_login(page, std::move(data), 401);
}

Response form_expired(Page& page) {
    mstch::array carried;
    for (const auto& [name, value] : page.form.fields()) {
        if (name != "_csrf") carried.push_back(mstch::map{{"name", name}, {"value", value}});
    }
    mstch::map data{{"title", page.t("This form had expired")}, {"action", page.request.path}, {"carried", carried}};
    return page.render("form_expired", std::move(data), 403);
}

namespace {

Response post_logout(Page& page) {
    Response response = redirect("/login");
    if (std::optional<std::string> cookie = sign_out(page.services, *page.caller())) {
        response.headers.emplace_back("Set-Cookie", *cookie);
    }
    return response;
}

// --- forgotten passwords ----------------------------------------------------------------------

Response show_password_reset(Page& page, mstch::map data, int status = 200) {
    data["title"] = page.t("Forgot your password?");
    return page.render("password_reset", std::move(data), status);
}

Response get_password_reset(Page& page) {
    return show_password_reset(page, {});
}

Response post_password_reset(Page& page) {
    mstch::map data{{"email", page.form.get("email")}};
    if (trim(page.form.get("email")).empty()) {
        put_errors(page, data, {{"", N_("Give the e-mail address of your account.")}});
        return show_password_reset(page, std::move(data), 422);
    }
    if (request_password_reset(page.services, page.form.get("email"), page.request.remote_address)) {
        put_errors(page, data, {{"", N_("Too many requests; try again later.")}});
        return show_password_reset(page, std::move(data), 429);
    }
    data["sent"] = true;
    return show_password_reset(page, std::move(data));
}

// The page of the e-mailed link; a used, expired or unknown link gets a page that says so.
Response show_new_password(Page& page, mstch::map data, int status = 200) {
    const std::string& token = page.params.at("token");
    Result<User> holder = password_reset_holder(page.services, token);
    if (!holder) {
        data = {{"gone", true}};
        data["title"] = page.t("This link no longer works");
        return page.render("password_new", std::move(data), 200);
    }
    data["title"] = page.t("Choose a new password");
    data["email"] = holder->email;
    data["token"] = token;
    return page.render("password_new", std::move(data), status);
}

Response get_new_password(Page& page) {
    return show_new_password(page, {});
}

Response post_new_password(Page& page) {
    mstch::map data;
    const std::string password = page.form.get("password");
    if (password != page.form.get("password_repeat")) {
        put_errors(page, data, {{"password_repeat", N_("The two passwords differ.")}});
        return show_new_password(page, std::move(data), 422);
    }
    Status reset = reset_password(page.services, page.params.at("token"), password);
    if (reset) return redirect("/login?reset=1");
    if (reset.error().code != ErrorCode::not_found) put_errors(page, data, {field_error(reset.error())});
    return show_new_password(page, std::move(data), 422);
}

// --- profile ----------------------------------------------------------------------------

struct Weekday {
    int number;
    const char* name;
};
constexpr Weekday weekdays[] = {{1, N_("Monday")}, {2, N_("Tuesday")},  {3, N_("Wednesday")}, {4, N_("Thursday")},
                                {5, N_("Friday")}, {6, N_("Saturday")}, {7, N_("Sunday")}};

struct ReminderLevel {
    Level level;
    const char* name;
};
constexpr ReminderLevel reminder_levels[] = {{Level::daily, N_("Learning diary")},
                                             {Level::weekly, N_("Peer review and PDCA plan")},
                                             {Level::monthly, N_("Self-reflection")},
                                             {Level::quarterly, N_("Learning Contract")},
                                             {Level::yearly, N_("Basic choices")}};

// The reminders per level: as saved, or (after a refused change) as typed, with the
// error beside the level's field it is about.
mstch::array reminder_rows(const Page& page, bool typed, const FieldError& error) {
    Result<ReminderSettings> saved = operations::reminders(page.ports(), page.user());
    ReminderSettings settings = saved ? *saved : ReminderSettings{page.user().id};
    mstch::array rows;
    for (const ReminderLevel& level : reminder_levels) {
        std::string key(to_string(level.level));
        std::string prefix = "reminder_" + key + "_";
        const LevelReminder& current = settings.at(level.level);
        bool weekly = level.level == Level::weekly;
        bool enabled = typed ? page.form.has(prefix + "enabled") : current.enabled;
        std::string time = typed ? page.form.get(prefix + "time") : format_clock_time(current.minute_of_day);
        int weekday = weekly ? current.weekday : 5;
        if (typed && page.form.get(prefix + "weekday").size() == 1) weekday = page.form.get(prefix + "weekday")[0] - '0';
        mstch::map row{{"key", key},
                       {"name", page.t(level.name)},
                       {"enabled", enabled},
                       {"time", time},
                       {"weekly", weekly}};
        mstch::array days;
        for (const Weekday& day : weekdays) {
            days.push_back(mstch::map{{"number", day.number}, {"name", page.t(day.name)}, {"selected", day.number == weekday}});
        }
        row["weekdays"] = days;
        if (error.field.starts_with(key + ".")) {
            std::string part = error.field.substr(key.size() + 1);
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
    if (Result<std::vector<AccessToken>> made = operations::access_tokens(page.ports(), user)) {
        for (const AccessToken& token : *made) {
            tokens.push_back(mstch::map{{"id", token.id},
                                        {"name", token.name},
                                        {"created", format_day(page.services.calendar.local_day(token.created_at, user.timezone))}});
        }
    }
    data["tokens"] = tokens;
    data["has_tokens"] = !tokens.empty();
    mstch::array sessions;
    bool others = false;
    for (const SessionView& view : sessions_of(page.services, *page.caller())) {
        others = others || !view.current;
        sessions.push_back(mstch::map{{"id", view.session.id},
                                      {"device", view.device.empty() ? page.t("Unknown device") : view.device},
                                      {"current", view.current},
                                      {"created", moment_text(page, view.session.created_at)},
                                      {"last_used", moment_text(page, view.session.last_used_at)}});
    }
    data["sessions"] = sessions;
    data["has_other_sessions"] = others;
    if (page.request.query_value("password_changed")) data["password_changed"] = true;
    if (page.request.query_value("others_ended")) data["others_ended"] = true;
    if (page.request.query_value("session_ended")) data["session_ended"] = true;
    if (!data.count("reminders")) data["reminders"] = reminder_rows(page, false, {});
    Result<std::string> secret = operations::calendar_secret(page.ports(), user, random_token());
    data["calendar_url"] = secret ? feed_address(page.services.public_url, *secret) : std::string();
    if (page.request.query_value("saved")) data["saved"] = true;
    if (page.request.query_value("reminders_saved")) data["reminders_saved"] = true;
    if (page.request.query_value("rotated")) data["rotated"] = true;
    return page.render("profile", std::move(data), status);
}

Response get_profile(Page& page) {
    return show_profile(page, {});
}

Response post_profile(Page& page) {
    operations::ProfileChanges changes;
    changes.name = page.form.get("name");
    changes.locale = page.form.get("locale");
    changes.timezone = trim(page.form.get("timezone"));
    changes.workdays.emplace();
    for (const std::string& day : page.form.all("workdays")) {
        if (day.size() == 1 && day[0] >= '1' && day[0] <= '7') changes.workdays->push_back(day[0] - '0');
    }
    Result<operations::Account> changed = operations::change_profile(page.ports(), page.user(), changes);
    if (changed) return redirect("/profile?saved=1");
    mstch::map data{{"name", page.form.get("name")}, {"timezone", page.form.get("timezone")}};
    put_errors(page, data, {field_error(changed.error())});
    return show_profile(page, std::move(data), 422);
}

Response post_token(Page& page) {
    Result<IssuedAccessToken> issued = make_access_token(page.services, page.user(), page.form.get("token_name"));
    mstch::map data;
    if (issued) {
        data["new_token"] = issued->secret;
        return show_profile(page, std::move(data));
    }
    FieldError error = field_error(issued.error());
    error.field = "token_name";
    put_errors(page, data, {error});
    return show_profile(page, std::move(data), 422);
}

Response post_token_delete(Page& page) {
    (void)operations::revoke_access_token(page.ports(), page.user(), page.params.at("id"));
    return redirect("/profile");
}

Response post_password(Page& page) {
    mstch::map data;
    const std::string fresh = page.form.get("new_password");
    if (fresh != page.form.get("new_password_repeat")) {
        put_errors(page, data, {{"new_password_repeat", N_("The two passwords differ.")}});
        return show_profile(page, std::move(data), 422);
    }
    PasswordChange change = change_password(page.services, *page.caller(), page.form.get("current_password"), fresh,
                                            page.request.remote_address);
    if (change.outcome) return redirect("/profile?password_changed=1#password");
    FieldError error = field_error(change.outcome.error());
    if (change.outcome.error().code != ErrorCode::validation_failed) error.field = "current_password";
    put_errors(page, data, {error});
    int status = change.retry_after ? 429 : change.outcome.error().code == ErrorCode::forbidden ? 403 : 422;
    return show_profile(page, std::move(data), status);
}

Response post_session_end(Page& page) {
    Result<std::optional<std::string>> ended = end_session(page.services, *page.caller(), page.params.at("id"));
    if (ended && *ended) {
        Response response = redirect("/login");
        response.headers.emplace_back("Set-Cookie", **ended);
        return response;
    }
    return redirect("/profile?session_ended=1#sessions");
}

Response post_sessions_end_others(Page& page) {
    (void)end_other_sessions(page.services, *page.caller());
    return redirect("/profile?others_ended=1#sessions");
}

Response post_reminders(Page& page) {
    const Form& form = page.form;
    operations::ReminderChanges changes;
    for (const ReminderLevel& level : reminder_levels) {
        std::string key(to_string(level.level));
        std::string prefix = "reminder_" + key + "_";
        operations::ReminderChange change;
        change.enabled = form.has(prefix + "enabled");
        change.time = trim(form.get(prefix + "time"));
        if (level.level == Level::weekly) {
            std::string weekday = form.get(prefix + "weekday");
            if (weekday.size() == 1 && weekday[0] >= '1' && weekday[0] <= '7') {
                change.weekday = weekday[0] - '0';
            } else {
                change.reading = validation_error(key + ".weekday", "must be a whole number");
            }
        }
        changes.levels[static_cast<std::size_t>(level.level)] = std::move(change);
    }
    Result<ReminderSettings> saved = operations::change_reminders(page.ports(), page.user(), changes);
    if (saved) return redirect("/profile?reminders_saved=1#reminders");
    FieldError error = field_error(saved.error());
    mstch::map data{{"reminders", reminder_rows(page, true, error)}};
    if (error.field.empty() || error.field.find('.') == std::string::npos) {
        put_errors(page, data, {{"", error.message.empty() ? N_("The reminders could not be saved.") : error.message}});
    } else {
        data["reminders_error"] = true;
    }
    return show_profile(page, std::move(data), 422);
}

Response post_calendar_rotate(Page& page) {
    (void)operations::replace_calendar_secret(page.ports(), page.user(), random_token());
    return redirect("/profile?rotated=1#calendar");
}

Response get_export(Page& page) {
    std::string format = page.request.query_value("format").value_or("json");
    if (format != "json" && format != "markdown") {
        return page.error_page(Error{ErrorCode::bad_request, "format must be json or markdown."});
    }
    Result<operations::PersonalData> held = operations::personal_data(page.ports(), page.user());
    if (!held) return page.error_page(held.error());
    Timestamp now = page.services.clock.now();
    if (format == "markdown") {
        Day today = page.services.calendar.local_day(now, page.user().timezone);
        return attachment_response(formats::markdown_export(*held), "application/zip",
                                   formats::markdown_export_file_name(today));
    }
    Response exported = json_response(200, personal_data_json(*held, now));
    exported.set_header("Content-Disposition", "attachment; filename=\"ritme-export.json\"");
    return exported;
}

Response post_delete_account(Page& page) {
    ErasureAttempt attempt =
        erase_own_account(page.services, *page.caller(), page.form.get("password"), page.request.remote_address);
    if (attempt.outcome) {
        Response response = redirect("/login");
        if (attempt.cookie) response.headers.emplace_back("Set-Cookie", *attempt.cookie);
        return response;
    }
    mstch::map data;
    FieldError error = field_error(attempt.outcome.error());
    error.field = "delete_password";
    put_errors(page, data, {error});
    return show_profile(page, std::move(data), attempt.retry_after ? 429 : 403);
}

}  // namespace

void add_account_pages(PageRoutes& routes) {
    routes.add({"GET", "/setup", Access::anonymous, get_setup});
    routes.add({"POST", "/setup", Access::anonymous, post_setup});
    routes.add({"GET", "/login", Access::anonymous, get_login});
    routes.add({"POST", "/login", Access::anonymous, post_login});
    routes.add({"POST", "/logout", Access::member, post_logout});
    routes.add({"GET", "/password-reset", Access::anonymous, get_password_reset});
    routes.add({"POST", "/password-reset", Access::anonymous, post_password_reset});
    routes.add({"GET", "/password-reset/{token}", Access::anonymous, get_new_password});
    routes.add({"POST", "/password-reset/{token}", Access::anonymous, post_new_password});
    routes.add({"GET", "/profile", Access::member, get_profile});
    routes.add({"POST", "/profile", Access::member, post_profile});
    routes.add({"POST", "/profile/password", Access::member, post_password});
    routes.add({"POST", "/profile/sessions/{id}/end", Access::member, post_session_end});
    routes.add({"POST", "/profile/sessions/end-others", Access::member, post_sessions_end_others});
    routes.add({"POST", "/profile/tokens", Access::member, post_token});
    routes.add({"POST", "/profile/tokens/{id}/delete", Access::member, post_token_delete});
    routes.add({"POST", "/profile/reminders", Access::member, post_reminders});
    routes.add({"POST", "/profile/calendar/rotate", Access::member, post_calendar_rotate});
    routes.add({"GET", "/profile/export", Access::member, get_export});
    routes.add({"POST", "/profile/delete", Access::member, post_delete_account});
}

}  // namespace ritme::http::pages

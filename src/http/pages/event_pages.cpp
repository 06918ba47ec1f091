// The organisation's events: SOL meetings (admins plan them, monthly or quarterly) and the
// lerende organisatie dag (anyone organises one, with a programme of sessions people sign
// up for). RSVP with a capacity: a full event or session says so and refuses one more.
// Times are shown and typed in the person's own time zone; every change goes through the
// JSON Api's own handlers.
#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <string>
#include <utility>

#include "core/clock_time.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

std::string text_of(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return {};
    return object[key].get<std::string>();
}

std::optional<int> number_of(std::string_view text) {
    int value = 0;
    auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (fault != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string when_of(const Page& page, const Json& item) {
    std::optional<Timestamp> starts = parse_timestamp(text_of(item, "starts_at"));
    std::optional<Timestamp> ends = parse_timestamp(text_of(item, "ends_at"));
    if (!starts || !ends) return {};
    return when_text(page, *starts, *ends);
}

// An instant of the Api's answer in the person's time zone; nullopt when `key` holds none.
std::optional<LocalTime> local_of(const Page& page, const Json& item, const char* key) {
    std::optional<Timestamp> at = parse_timestamp(text_of(item, key));
    if (!at) return std::nullopt;
    return local_time(page.services.calendar, *at, page.user().timezone);
}

// The fields of the create and the edit form of an event.
constexpr std::array<const char*, 8> event_form_fields{"title",     "starts_day", "starts_time", "ends_day",
                                                       "ends_time", "location",   "description", "capacity"};

// What the person typed into `fields`, as the form shows it again: "new_<field>".
void put_typed(const Form& form, std::span<const char* const> fields, mstch::map& data) {
    for (const char* field : fields) data[std::string("new_") + field] = form.get(field);
}

// What an event or a session shows of its places: "going: 3 · 2 places left", and whether
// one more would pass the capacity.
void put_places(const Page& page, const Json& item, int going, bool mine, mstch::map& out) {
    out["going_count"] = going;
    if (item.contains("capacity") && item["capacity"].is_number_integer()) {
        int capacity = item["capacity"].get<int>();
        out["has_capacity"] = true;
        out["capacity"] = capacity;
        out["places_left"] = std::max(capacity - going, 0);
        out["full"] = going >= capacity && !mine;
    }
    out["going_text"] = page.t("going:") + " " + std::to_string(going);
}

mstch::map event_item(const Page& page, const Json& event) {
    std::string kind = text_of(event, "kind");
    std::string rsvp = text_of(event, "my_rsvp");
    mstch::map item{{"id", text_of(event, "id")},
                    {"title", text_of(event, "title")},
                    {"is_sol", kind == "sol_meeting"},
                    {"is_learning_day", kind == "learning_day"},
                    {"kind_text", kind == "sol_meeting" ? page.t("SOL meeting") : page.t("learning organisation day")},
                    {"when", when_of(page, event)},
                    {"location", text_of(event, "location")},
                    {"description", text_of(event, "description")},
                    {"organiser", text_of(event.value("organiser", Json::object()), "name")},
                    {"in_series", event.contains("series_id") && event["series_id"].is_string()},
                    {"i_go", rsvp == "going"},
                    {"i_do_not_go", rsvp == "not_going"},
                    {"can_edit", event.value("can_edit", false)}};
    put_places(page, event, event.value("going_count", 0), rsvp == "going", item);
    return item;
}

const char* refusal_message(const std::string& refused) {
    if (refused == "full") return N_("This event is full: no places are left.");
    if (refused == "session_full") return N_("This session is full: no places are left.");
    if (refused == "ended") return N_("This event has ended.");
    return nullptr;
}

// --- /events ----------------------------------------------------------------------------

Response show_events(Page& page, mstch::map data, int status) {
    data["title"] = page.t("Events");
    Json listed = parse_json(page.api("GET", "/api/v1/events"));
    mstch::array events;
    for (const Json& event : listed.value("events", Json::array())) events.push_back(event_item(page, event));
    data["events"] = events;
    data["has_events"] = !events.empty();
    data["is_admin"] = page.user().role == Role::admin;
    data["back"] = std::string("list");  // the answers' forms return here
    const Form& form = page.form;
    bool typed = data.count("typed") > 0;
    std::string kind = typed ? form.get("kind") : "learning_day";
    data["kind_sol"] = kind == "sol_meeting";
    data["kind_day"] = kind != "sol_meeting";
    std::string every = typed ? form.get("repeat_every") : "";
    data["repeat_none"] = every.empty();
    data["repeat_month"] = every == "month";
    data["repeat_quarter"] = every == "quarter";
    put_typed(form, event_form_fields, data);
    data["new_repeat_count"] = form.get("repeat_count");
    if (!typed) {
        data["new_starts_time"] = std::string("13:00");
        data["new_ends_time"] = std::string("17:00");
        data["new_repeat_count"] = std::string("6");
    }
    if (page.request.query_value("deleted")) data["deleted"] = true;
    if (const char* message = refusal_message(page.request.query_value("refused").value_or(""))) {
        data["form_error"] = page.t(message);
    }
    return page.render("events", std::move(data), status);
}

Response get_events(Page& page) {
    return show_events(page, {}, 200);
}

// A day and a time typed in the person's zone, as the instant the Api takes.
std::optional<std::string> instant_field(const Page& page, const std::string& day_text_in, const std::string& time_text,
                                         const std::string& field, std::vector<FieldError>& errors) {
    std::optional<Day> day = parse_day(trim(day_text_in));
    std::optional<int> minute = parse_clock_time(trim(time_text));
    if (!day) {
        errors.push_back({field, N_("must be a valid day")});
        return std::nullopt;
    }
    if (!minute) {
        errors.push_back({field, N_("must be a time such as 09:30")});
        return std::nullopt;
    }
    return format_timestamp(page.services.calendar.instant_at(*day, *minute, page.user().timezone));
}

// Capacity: empty for no limit, else a whole number (the Api checks the range).
Json capacity_field(const std::string& text, const std::string& field, std::vector<FieldError>& errors) {
    std::string typed = trim(text);
    if (typed.empty()) return nullptr;
    std::optional<int> number = number_of(typed);
    if (!number) {
        errors.push_back({field, N_("must be a whole number, or empty for no limit")});
        return nullptr;
    }
    return *number;
}

// The fields the create and the edit form share (event_form_fields) as the Api's body: a
// day and a time in the person's zone become an instant, an empty end day is the start's.
// What the Api cannot be given (a bad day, time or number) goes into `errors`.
Json event_body(const Page& page, std::vector<FieldError>& errors) {
    const Form& form = page.form;
    std::string ends_day = trim(form.get("ends_day")).empty() ? form.get("starts_day") : form.get("ends_day");
    std::optional<std::string> starts = instant_field(page, form.get("starts_day"), form.get("starts_time"), "starts_at", errors);
    std::optional<std::string> ends = instant_field(page, ends_day, form.get("ends_time"), "ends_at", errors);
    Json capacity = capacity_field(form.get("capacity"), "capacity", errors);
    Json body{{"title", form.get("title")},
              {"location", form.get("location")},
              {"description", form.get("description")},
              {"capacity", capacity}};
    if (starts) body["starts_at"] = *starts;
    if (ends) body["ends_at"] = *ends;
    return body;
}

Response post_event(Page& page) {
    const Form& form = page.form;
    std::vector<FieldError> errors;
    bool admin = page.user().role == Role::admin;
    std::string kind = admin && form.get("kind") == "sol_meeting" ? "sol_meeting" : "learning_day";
    Json body = event_body(page, errors);
    body["kind"] = kind;
    if (kind == "sol_meeting" && !form.get("repeat_every").empty()) {
        std::optional<int> count = number_of(trim(form.get("repeat_count")));
        if (!count) errors.push_back({"repeat_count", N_("must be a number from 2 to 12")});
        body["repeat"] = {{"every", form.get("repeat_every")}, {"count", count.value_or(0)}};
    }
    int status = 422;
    if (errors.empty()) {
        Response created = page.api("POST", "/api/v1/events", &body);
        if (created.status == 201) {
            return redirect("/events/" + text_of(parse_json(created), "id") + "?created=1");
        }
        FieldError error = api_error(created);
        if (created.status == 403) error = {"", N_("Only an admin may plan a SOL meeting.")};
        status = created.status == 403 ? 403 : 422;
        errors.push_back(error);
    }
    mstch::map data{{"typed", true}, {"form_open", true}};
    put_errors(page, data, errors);
    return show_events(page, std::move(data), status);
}

// Where an answer returns to: the list or the event's own page, nothing else.
std::string back_to(const Page& page, const std::string& id) {
    return page.form.get("back") == "list" ? std::string("/events") : "/events/" + id;
}

std::string with_query(const std::string& path, const std::string& query) {
    return path + (path.find('?') == std::string::npos ? "?" : "&") + query;
}

Response post_rsvp(Page& page) {
    const std::string& id = page.params.at("id");
    Json body{{"status", page.form.get("status") == "going" ? "going" : "not_going"}};
    Response answered = page.api("POST", "/api/v1/events/" + id + "/rsvp", &body);
    std::string back = back_to(page, id);
    if (answered.status == 200) return redirect(back);
    if (answered.status == 409) return redirect(with_query(back, "refused=full"));
    if (answered.status == 422) return redirect(with_query(back, "refused=ended"));
    return page.error_page(404, page.t("There is no such event."));
}

// --- /events/{id} -----------------------------------------------------------------------

// The event of the path as the Api answers it, with what the templates show of it put into
// `data`; nullopt when there is no such event.
std::optional<Json> put_event(const Page& page, const std::string& id, mstch::map& data) {
    Response found = page.api("GET", "/api/v1/events/" + id);
    if (found.status != 200) return std::nullopt;
    Json event = parse_json(found);
    mstch::map item = event_item(page, event);
    for (auto& [key, value] : item) data[key] = value;
    return event;
}

Response show_event(Page& page, const std::string& id, mstch::map data, int status) {
    std::optional<Json> found = put_event(page, id, data);
    if (!found) return page.error_page(404, page.t("There is no such event."));
    const Json& event = *found;
    data["title"] = text_of(event, "title");
    mstch::array sessions;
    for (const Json& session : event.value("sessions", Json::array())) {
        bool mine = session.value("mine", false);
        mstch::map row{{"session_id", text_of(session, "id")},
                       {"session_title", text_of(session, "title")},
                       {"host", text_of(session, "host")},
                       {"session_description", text_of(session, "description")},
                       {"session_when", when_of(page, session)},
                       {"mine", mine}};
        mstch::map places;
        put_places(page, session, session.value("going_count", 0), mine, places);
        for (auto& [key, value] : places) row["session_" + key] = value;
        sessions.push_back(row);
    }
    data["sessions"] = sessions;
    data["has_sessions"] = !sessions.empty();
    data["may_add_sessions"] = event.value("can_edit", false) && text_of(event, "kind") == "learning_day";
    if (!data.count("typed")) {
        if (std::optional<LocalTime> starts = local_of(page, event, "starts_at")) {
            data["new_session_day"] = format_day(starts->day);
            data["new_session_starts"] = format_clock_time(starts->minute_of_day);
            data["new_session_ends"] = format_clock_time(std::min(starts->minute_of_day + 60, 23 * 60 + 59));
        }
    }
    for (const char* notice : {"created", "changed", "session_added", "session_removed"}) {
        if (page.request.query_value(notice)) data[notice] = true;
    }
    if (const char* message = refusal_message(page.request.query_value("refused").value_or(""))) {
        data["form_error"] = page.t(message);
    }
    return page.render("event", std::move(data), status);
}

Response get_event(Page& page) {
    return show_event(page, page.params.at("id"), {}, 200);
}

Response post_session(Page& page) {
    const std::string& id = page.params.at("id");
    const Form& form = page.form;
    std::vector<FieldError> errors;
    std::optional<std::string> starts =
        instant_field(page, form.get("session_day"), form.get("session_starts"), "session_starts_at", errors);
    std::optional<std::string> ends =
        instant_field(page, form.get("session_day"), form.get("session_ends"), "session_ends_at", errors);
    Json capacity = capacity_field(form.get("session_capacity"), "session_capacity", errors);
    int status = 422;
    if (errors.empty()) {
        Json body{{"title", form.get("session_title")},
                  {"host", form.get("session_host")},
                  {"description", form.get("session_description")},
                  {"starts_at", *starts},
                  {"ends_at", *ends},
                  {"capacity", capacity}};
        Response created = page.api("POST", "/api/v1/events/" + id + "/sessions", &body);
        if (created.status == 201) return redirect("/events/" + id + "?session_added=1");
        if (created.status == 404) return page.error_page(404, page.t("There is no such event."));
        FieldError error = api_error(created);
        if (created.status == 403) error = {"", N_("Only the organiser or an admin may change the programme.")};
        if (!error.field.empty()) error.field = "session_" + error.field;
        status = created.status == 403 ? 403 : 422;
        errors.push_back(error);
    }
    constexpr std::array session_form_fields{"session_title",  "session_host", "session_description", "session_day",
                                             "session_starts", "session_ends", "session_capacity"};
    mstch::map data{{"typed", true}};
    put_typed(form, session_form_fields, data);
    put_errors(page, data, errors);
    return show_event(page, id, std::move(data), status);
}

Response post_signup(Page& page) {
    const std::string& id = page.params.at("id");
    Json body{{"going", page.form.get("going") == "1"}};
    Response answered =
        page.api("POST", "/api/v1/events/" + id + "/sessions/" + page.params.at("session_id") + "/signup", &body);
    if (answered.status == 200) return redirect("/events/" + id);
    if (answered.status == 409) return redirect("/events/" + id + "?refused=session_full");
    if (answered.status == 422) return redirect("/events/" + id + "?refused=ended");
    return page.error_page(404, page.t("There is no such event."));
}

Response post_session_delete(Page& page) {
    const std::string& id = page.params.at("id");
    Response removed = page.api("DELETE", "/api/v1/events/" + id + "/sessions/" + page.params.at("session_id"));
    if (removed.status == 204) return redirect("/events/" + id + "?session_removed=1");
    if (removed.status == 403) {
        return page.error_page(403, page.t("Only the organiser or an admin may change the programme."));
    }
    return page.error_page(404, page.t("There is no such session."));
}

// --- /events/{id}/edit ------------------------------------------------------------------

// The form with the event's values, or with what the person typed (`typed` in `data`).
// Someone who may not change the event gets 403, as the Api answers.
Response show_event_edit(Page& page, const std::string& id, mstch::map data, int status) {
    std::optional<Json> found = put_event(page, id, data);
    if (!found) return page.error_page(404, page.t("There is no such event."));
    const Json& event = *found;
    if (!event.value("can_edit", false)) {
        return page.error_page(403, page.t("Only the organiser or an admin may change this event."));
    }
    data["event_title"] = text_of(event, "title");
    data["title"] = page.t("Edit the event");
    if (!data.count("typed")) {
        data["new_title"] = text_of(event, "title");
        data["new_location"] = text_of(event, "location");
        data["new_description"] = text_of(event, "description");
        data["new_capacity"] = event.contains("capacity") && event["capacity"].is_number_integer()
                                   ? std::to_string(event["capacity"].get<int>())
                                   : std::string();
        for (auto [key, field] : {std::pair{"starts_at", "new_starts"}, std::pair{"ends_at", "new_ends"}}) {
            if (std::optional<LocalTime> local = local_of(page, event, key)) {
                data[std::string(field) + "_day"] = format_day(local->day);
                data[std::string(field) + "_time"] = format_clock_time(local->minute_of_day);
            }
        }
    }
    return page.render("event_edit", std::move(data), status);
}

Response get_event_edit(Page& page) {
    return show_event_edit(page, page.params.at("id"), {}, 200);
}

Response post_event_edit(Page& page) {
    const std::string& id = page.params.at("id");
    std::vector<FieldError> errors;
    Json body = event_body(page, errors);
    if (errors.empty()) {
        Response changed = page.api("PATCH", "/api/v1/events/" + id, &body);
        if (changed.status == 200) return redirect("/events/" + id + "?changed=1");
        if (changed.status == 404) return page.error_page(404, page.t("There is no such event."));
        if (changed.status == 403) {
            return page.error_page(403, page.t("Only the organiser or an admin may change this event."));
        }
        errors.push_back(api_error(changed));
    }
    mstch::map data{{"typed", true}};
    put_typed(page.form, event_form_fields, data);
    put_errors(page, data, errors);
    return show_event_edit(page, id, std::move(data), 422);
}

Response post_event_delete(Page& page) {
    const std::string& id = page.params.at("id");
    if (!page.form.has("confirm")) {
        mstch::map data{{"delete_open", true}};
        put_errors(page, data, {{"confirm", N_("Tick the box to confirm that you want to delete this event.")}});
        return show_event(page, id, std::move(data), 422);
    }
    Response deleted = page.api("DELETE", "/api/v1/events/" + id);
    if (deleted.status == 204) return redirect("/events?deleted=1");
    if (deleted.status == 403) return page.error_page(403, page.t("Only the organiser or an admin may delete this event."));
    return page.error_page(404, page.t("There is no such event."));
}

}  // namespace

mstch::array events_i_go_to(const Page& page, std::size_t at_most) {
    // The coming three months are enough for "next"; it keeps the dashboard quick.
    Json listed = parse_json(page.api("GET", "/api/v1/events", nullptr, {{"to", format_day(add_days(page.today(), 92))}}));
    mstch::array events;
    for (const Json& event : listed.value("events", Json::array())) {
        if (text_of(event, "my_rsvp") != "going") continue;
        events.push_back(event_item(page, event));
        if (events.size() == at_most) break;
    }
    return events;
}

void add_event_pages(PageRoutes& routes) {
    routes.add({"GET", "/events", Access::member, get_events});
    routes.add({"POST", "/events", Access::member, post_event});
    routes.add({"GET", "/events/{id}", Access::member, get_event});
    routes.add({"POST", "/events/{id}/rsvp", Access::member, post_rsvp});
    routes.add({"POST", "/events/{id}/sessions", Access::member, post_session});
    routes.add({"POST", "/events/{id}/sessions/{session_id}/signup", Access::member, post_signup});
    routes.add({"POST", "/events/{id}/sessions/{session_id}/delete", Access::member, post_session_delete});
    routes.add({"GET", "/events/{id}/edit", Access::member, get_event_edit});
    routes.add({"POST", "/events/{id}/edit", Access::member, post_event_edit});
    routes.add({"POST", "/events/{id}/delete", Access::member, post_event_delete});
}

}  // namespace ritme::http::pages

// The organisation's events: SOL meetings (admins plan them, monthly or quarterly) and the
// lerende organisatie dag (anyone organises one, with a programme of sessions people sign
// up for). RSVP with a capacity: a full event or session says so and refuses one more.
// Times are shown and typed in the person's own time zone; every read and change is an
// operation of core/operations/events.hpp.
#include <algorithm>
#include <array>
#include <charconv>
#include <span>
#include <string>
#include <utility>

#include "core/clock_time.hpp"
#include "core/operations/events.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

std::optional<int> number_of(std::string_view text) {
    int value = 0;
    auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (fault != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
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
void put_places(const Page& page, const std::optional<int>& capacity, int going, bool mine, mstch::map& out) {
    out["going_count"] = going;
    if (capacity) {
        out["has_capacity"] = true;
        out["capacity"] = *capacity;
        out["places_left"] = std::max(*capacity - going, 0);
        out["full"] = going >= *capacity && !mine;
    }
    out["going_text"] = page.t("going:") + " " + std::to_string(going);
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
    Result<std::vector<operations::EventView>> listed = operations::list_events(page.ports(), page.user(), {});
    mstch::array events;
    if (listed) {
        for (const operations::EventView& view : *listed) events.push_back(event_item(page, view));
    }
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

// A day and a time typed in the person's zone, as an instant.
std::optional<Timestamp> instant_field(const Page& page, const std::string& day_text_in, const std::string& time_text,
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
    return page.services.calendar.instant_at(*day, *minute, page.user().timezone);
}

// Capacity: empty for no limit, else a whole number (the operation checks the range).
std::optional<int> capacity_field(const std::string& text, const std::string& field, std::vector<FieldError>& errors) {
    std::string typed = trim(text);
    if (typed.empty()) return std::nullopt;
    std::optional<int> number = number_of(typed);
    if (!number) errors.push_back({field, N_("must be a whole number, or empty for no limit")});
    return number;
}

// The fields the create and the edit form share (event_form_fields) onto `event`: a day
// and a time in the person's zone become an instant, an empty end day is the start's.
// What cannot be read (a bad day, time or number) goes into `errors`.
void read_event_form(const Page& page, Event& event, std::vector<FieldError>& errors) {
    const Form& form = page.form;
    std::string ends_day = trim(form.get("ends_day")).empty() ? form.get("starts_day") : form.get("ends_day");
    std::optional<Timestamp> starts =
        instant_field(page, form.get("starts_day"), form.get("starts_time"), "starts_at", errors);
    std::optional<Timestamp> ends = instant_field(page, ends_day, form.get("ends_time"), "ends_at", errors);
    event.capacity = capacity_field(form.get("capacity"), "capacity", errors);
    event.title = form.get("title");
    event.location = form.get("location");
    event.description = form.get("description");
    if (starts) event.starts_at = *starts;
    if (ends) event.ends_at = *ends;
}

Response post_event(Page& page) {
    const Form& form = page.form;
    std::vector<FieldError> errors;
    bool admin = page.user().role == Role::admin;
    operations::PlanEvent plan;
    plan.event.kind = admin && form.get("kind") == "sol_meeting" ? EventKind::sol_meeting : EventKind::learning_day;
    read_event_form(page, plan.event, errors);
    if (plan.event.kind == EventKind::sol_meeting && !form.get("repeat_every").empty()) {
        std::optional<int> count = number_of(trim(form.get("repeat_count")));
        if (!count) errors.push_back({"repeat_count", N_("must be a number from 2 to 12")});
        EventRepeat repeat;
        repeat.count = count.value_or(0);
        std::string every = form.get("repeat_every");
        if (every == "month") {
            repeat.every = RepeatEvery::month;
        } else if (every == "quarter") {
            repeat.every = RepeatEvery::quarter;
        } else {
            plan.reading = validation_error("repeat.every", "must be month or quarter");
        }
        plan.repeat = repeat;
    }
    int status = 422;
    if (errors.empty()) {
        Result<operations::PlannedEvent> created = operations::plan_event(page.ports(), page.user(), std::move(plan));
        if (created) return redirect("/events/" + created->first.event.id + "?created=1");
        bool forbidden = created.error().code == ErrorCode::forbidden;
        errors.push_back(forbidden ? FieldError{"", N_("Only an admin may plan a SOL meeting.")}
                                   : field_error(created.error()));
        status = forbidden ? 403 : 422;
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
    operations::AnswerRsvp answer{id, page.form.get("status") == "going" ? RsvpStatus::going : RsvpStatus::not_going};
    Result<operations::EventView> answered = operations::answer_rsvp(page.ports(), page.user(), answer);
    std::string back = back_to(page, id);
    if (answered) return redirect(back);
    if (answered.error().code == ErrorCode::conflict) return redirect(with_query(back, "refused=full"));
    if (answered.error().code == ErrorCode::validation_failed) return redirect(with_query(back, "refused=ended"));
    return page.error_page(404, page.t("There is no such event."));
}

// --- /events/{id} -----------------------------------------------------------------------

// The event of the path with its programme, with what the templates show of it put into
// `data`; nullopt when there is no such event.
std::optional<operations::EventWithProgramme> put_event(const Page& page, const std::string& id, mstch::map& data) {
    Result<operations::EventWithProgramme> found = operations::event_with_programme(page.ports(), page.user(), id);
    if (!found) return std::nullopt;
    mstch::map item = event_item(page, found->view);
    for (auto& [key, value] : item) data[key] = value;
    return std::move(*found);
}

Response show_event(Page& page, const std::string& id, mstch::map data, int status) {
    std::optional<operations::EventWithProgramme> found = put_event(page, id, data);
    if (!found) return page.error_page(404, page.t("There is no such event."));
    const Event& event = found->view.event;
    data["title"] = event.title;
    mstch::array sessions;
    for (const ProgrammeSession& item : found->programme) {
        const EventSession& session = item.session;
        mstch::map row{{"session_id", session.id},
                       {"session_title", session.title},
                       {"host", session.host},
                       {"session_description", session.description},
                       {"session_description_html", markdown_html(session.description)},
                       {"session_when", when_text(page, session.starts_at, session.ends_at)},
                       {"mine", item.mine},
                       {"confirming", page.params.count("session_id") > 0 && page.params.at("session_id") == session.id}};
        mstch::map places;
        put_places(page, session.capacity, item.going_count, item.mine, places);
        for (auto& [key, value] : places) row["session_" + key] = value;
        sessions.push_back(row);
    }
    data["sessions"] = sessions;
    data["has_sessions"] = !sessions.empty();
    data["may_add_sessions"] = found->view.may_change && event.kind == EventKind::learning_day;
    if (!data.count("typed")) {
        LocalTime starts = local_time(page.services.calendar, event.starts_at, page.user().timezone);
        data["new_session_day"] = format_day(starts.day);
        data["new_session_starts"] = format_clock_time(starts.minute_of_day);
        data["new_session_ends"] = format_clock_time(std::min(starts.minute_of_day + 60, 23 * 60 + 59));
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
    operations::AddSession add;
    add.event_id = id;
    std::optional<Timestamp> starts =
        instant_field(page, form.get("session_day"), form.get("session_starts"), "session_starts_at", errors);
    std::optional<Timestamp> ends =
        instant_field(page, form.get("session_day"), form.get("session_ends"), "session_ends_at", errors);
    add.session.capacity = capacity_field(form.get("session_capacity"), "session_capacity", errors);
    int status = 422;
    if (errors.empty()) {
        add.session.title = form.get("session_title");
        add.session.host = form.get("session_host");
        add.session.description = form.get("session_description");
        add.session.starts_at = *starts;
        add.session.ends_at = *ends;
        Result<ProgrammeSession> created = operations::add_session(page.ports(), page.user(), std::move(add));
        if (created) return redirect("/events/" + id + "?session_added=1");
        ErrorCode code = created.error().code;
        if (code == ErrorCode::not_found) return page.error_page(404, page.t("There is no such event."));
        FieldError error = field_error(created.error());
        if (code == ErrorCode::forbidden) error = {"", N_("Only the organiser or an admin may change the programme.")};
        if (!error.field.empty()) error.field = "session_" + error.field;
        status = code == ErrorCode::forbidden ? 403 : 422;
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
    operations::SignUp signup{id, page.params.at("session_id"), page.form.get("going") == "1"};
    Result<ProgrammeSession> answered = operations::sign_up(page.ports(), page.user(), signup);
    if (answered) return redirect("/events/" + id);
    if (answered.error().code == ErrorCode::conflict) return redirect("/events/" + id + "?refused=session_full");
    if (answered.error().code == ErrorCode::validation_failed) return redirect("/events/" + id + "?refused=ended");
    return page.error_page(404, page.t("There is no such event."));
}

// Asks first: a post without `confirm` shows the event with that session's confirmation.
Response post_session_delete(Page& page) {
    const std::string& id = page.params.at("id");
    if (!page.form.has("confirm")) {
        Result<operations::EventWithProgramme> found = operations::event_with_programme(page.ports(), page.user(), id);
        if (!found) return page.error_page(404, page.t("There is no such event."));
        if (!found->view.may_change) {
            return page.error_page(403, page.t("Only the organiser or an admin may change the programme."));
        }
        const std::string& session_id = page.params.at("session_id");
        if (std::none_of(found->programme.begin(), found->programme.end(),
                         [&](const ProgrammeSession& item) { return item.session.id == session_id; })) {
            return page.error_page(404, page.t("There is no such session."));
        }
        return show_event(page, id, {}, 200);
    }
    Status removed = operations::remove_session(page.ports(), page.user(), id, page.params.at("session_id"));
    if (removed) return redirect("/events/" + id + "?session_removed=1");
    if (removed.error().code == ErrorCode::forbidden) {
        return page.error_page(403, page.t("Only the organiser or an admin may change the programme."));
    }
    return page.error_page(404, page.t("There is no such session."));
}

// --- /events/{id}/edit ------------------------------------------------------------------

// The form with the event's values, or with what the person typed (`typed` in `data`).
// Someone who may not change the event gets 403, as the operation answers.
Response show_event_edit(Page& page, const std::string& id, mstch::map data, int status) {
    std::optional<operations::EventWithProgramme> found = put_event(page, id, data);
    if (!found) return page.error_page(404, page.t("There is no such event."));
    const Event& event = found->view.event;
    if (!found->view.may_change) {
        return page.error_page(403, page.t("Only the organiser or an admin may change this event."));
    }
    data["event_title"] = event.title;
    data["title"] = page.t("Edit the event");
    if (!data.count("typed")) {
        data["new_title"] = event.title;
        data["new_location"] = event.location;
        data["new_description"] = event.description;
        data["new_capacity"] = event.capacity ? std::to_string(*event.capacity) : std::string();
        for (auto [at, field] : {std::pair{event.starts_at, "new_starts"}, std::pair{event.ends_at, "new_ends"}}) {
            LocalTime local = local_time(page.services.calendar, at, page.user().timezone);
            data[std::string(field) + "_day"] = format_day(local.day);
            data[std::string(field) + "_time"] = format_clock_time(local.minute_of_day);
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
    Event typed;
    read_event_form(page, typed, errors);
    if (errors.empty()) {
        operations::ChangeEvent change;
        change.event_id = id;
        change.changes.title = typed.title;
        change.changes.location = typed.location;
        change.changes.description = typed.description;
        change.changes.capacity = typed.capacity;
        change.changes.starts_at = typed.starts_at;
        change.changes.ends_at = typed.ends_at;
        Result<operations::EventView> changed = operations::change_event(page.ports(), page.user(), change);
        if (changed) return redirect("/events/" + id + "?changed=1");
        ErrorCode code = changed.error().code;
        if (code == ErrorCode::not_found) return page.error_page(404, page.t("There is no such event."));
        if (code == ErrorCode::forbidden) {
            return page.error_page(403, page.t("Only the organiser or an admin may change this event."));
        }
        errors.push_back(field_error(changed.error()));
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
    Status deleted = operations::delete_event(page.ports(), page.user(), id);
    if (deleted) return redirect("/events?deleted=1");
    if (deleted.error().code == ErrorCode::forbidden) {
        return page.error_page(403, page.t("Only the organiser or an admin may delete this event."));
    }
    return page.error_page(404, page.t("There is no such event."));
}

}  // namespace

mstch::map event_item(const Page& page, const operations::EventView& view) {
    const Event& event = view.event;
    bool sol = event.kind == EventKind::sol_meeting;
    std::optional<RsvpStatus> rsvp = view.attendance.mine;
    mstch::map item{{"id", event.id},
                    {"title", event.title},
                    {"is_sol", sol},
                    {"is_learning_day", !sol},
                    {"kind_text", sol ? page.t("SOL meeting") : page.t("learning organisation day")},
                    {"when", when_text(page, event.starts_at, event.ends_at)},
                    {"location", event.location},
                    {"description", event.description},
                    {"description_html", markdown_html(event.description)},
                    {"organiser", view.organiser ? view.organiser->name : std::string()},
                    {"in_series", !event.series_id.empty()},
                    {"i_go", rsvp == RsvpStatus::going},
                    {"i_do_not_go", rsvp == RsvpStatus::not_going},
                    {"can_edit", view.may_change}};
    put_places(page, event.capacity, view.attendance.going_count, rsvp == RsvpStatus::going, item);
    return item;
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

// Events: SOL meetings (admins create them, often as a monthly or quarterly series) and
// the lerende organisatie dag (any member organises one, with a programme of sessions),
// RSVPs with capacity, sign-ups for sessions, and the events one attended lately (for the
// diary page's suggestion to write down what was learned there). Each handler reads the
// request, calls its operation (core/operations/events.hpp) and writes the answer.
#include <string>
#include <vector>

#include "core/operations/events.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/routes.hpp"
#include "http/json_body.hpp"

namespace ritme::http {
namespace {

using levels::api;
using levels::me;

std::string path(const char* rest) {
    return std::string(api) + rest;
}

// An RFC 3339 field of the body into `out`; a malformed one fails the status.
Status read_instant(BodyReader& in, const char* field, Timestamp& out) {
    std::string text;
    in.text(field, text);
    if (Status read = in.status(); !read) return read;
    if (!in.has(field)) return ok_status();
    std::optional<Timestamp> at = parse_timestamp(text);
    if (!at) return validation_error(field, "must be a time written as RFC 3339 (2026-11-26T09:15:00Z)");
    out = *at;
    return ok_status();
}

// The same for a field that may be left out (then `out` stays empty).
Status read_instant(BodyReader& in, const char* field, std::optional<Timestamp>& out) {
    Timestamp at{};
    RITME_TRY(read_instant(in, field, at));
    if (in.has(field)) out = at;
    return ok_status();
}

// `from` or `to` of a query: a day in the caller's zone (its start) or an RFC 3339 instant.
Result<std::optional<Timestamp>> instant_query(const Call& call, const char* name, bool end_of_day) {
    std::optional<std::string> text = call.request.query_value(name);
    if (!text || text->empty()) return std::optional<Timestamp>{};
    if (std::optional<Day> day = parse_day(*text)) {
        Day start = end_of_day ? add_days(*day, 1) : *day;
        return std::optional<Timestamp>{call.services.calendar.instant_at(start, 0, me(call).timezone)};
    }
    if (std::optional<Timestamp> at = parse_timestamp(*text)) return std::optional<Timestamp>{*at};
    return Error{ErrorCode::bad_request,
                 std::string("The ") + name + " must be a day (2026-11-26) or a time (2026-11-26T09:15:00Z).", name};
}

Response events_answer(const Result<std::vector<operations::EventView>>& views) {
    if (!views) return error_response(views.error());
    Json events = Json::array();
    for (const operations::EventView& view : *views) events.push_back(event_json(view));
    return json_response(200, {{"events", std::move(events)}});
}

Response list_events(Call& call) {
    Result<std::optional<Timestamp>> from = instant_query(call, "from", false);
    if (!from) return error_response(from.error());
    Result<std::optional<Timestamp>> to = instant_query(call, "to", true);  // a day counts whole
    if (!to) return error_response(to.error());
    return events_answer(operations::list_events(ports(call.services), me(call), {*from, *to}));
}

// The body's fields besides `kind`, in the order the contract reads them; the first fault
// goes into `plan.reading`.
void read_plan(BodyReader& in, operations::PlanEvent& plan) {
    Event& event = plan.event;
    in.text("title", event.title);
    in.text("location", event.location);
    in.text("description", event.description);
    in.optional_integer("capacity", event.capacity);
    plan.reading = read_instant(in, "starts_at", event.starts_at);
    if (!plan.reading) return;
    plan.reading = read_instant(in, "ends_at", event.ends_at);
    if (!plan.reading || !in.has("repeat")) return;
    BodyReader every = in.object("repeat");
    every.allow_only({"every", "count"});
    every.require("every");
    every.require("count");
    std::string unit;
    EventRepeat repeat;
    every.text("every", unit);
    every.integer("count", repeat.count);
    plan.reading = in.status();
    if (!plan.reading) return;
    if (unit == "month") {
        repeat.every = RepeatEvery::month;
    } else if (unit == "quarter") {
        repeat.every = RepeatEvery::quarter;
    } else {
        plan.reading = validation_error("repeat.every", "must be month or quarter");
        return;
    }
    plan.repeat = repeat;
}

Response create_event(Call& call) {
    BodyReader in(call.body);
    in.allow_only({"kind", "title", "starts_at", "ends_at", "location", "description", "capacity", "repeat"});
    for (const char* field : {"kind", "title", "starts_at", "ends_at"}) in.require(field);
    std::string kind_name;
    in.text("kind", kind_name);
    if (Status read = in.status(); !read) return error_response(read.error());
    std::optional<EventKind> kind = parse_event_kind(kind_name);
    if (!kind) return error_response(validation_error("kind", "must be sol_meeting or learning_day"));

    operations::PlanEvent plan;
    plan.event.kind = *kind;
    read_plan(in, plan);
    bool series = plan.repeat.has_value();
    Result<operations::PlannedEvent> planned = operations::plan_event(ports(call.services), me(call), std::move(plan));
    if (!planned) return error_response(planned.error());
    Json answer = event_json(planned->first);
    if (series) answer["series"] = planned->series;
    return json_response(201, std::move(answer));
}

Response get_event(Call& call) {
    Result<operations::EventWithProgramme> found =
        operations::event_with_programme(ports(call.services), me(call), call.params.at("id"));
    if (!found) return error_response(found.error());
    Json answer = event_json(found->view);
    Json sessions = Json::array();
    for (const ProgrammeSession& item : found->programme) sessions.push_back(programme_session_json(item));
    answer["sessions"] = std::move(sessions);
    return json_response(200, std::move(answer));
}

Response patch_event(Call& call) {
    operations::ChangeEvent change;
    change.event_id = call.params.at("id");
    operations::EventChanges& changes = change.changes;
    BodyReader in(call.body);
    in.allow_only({"title", "starts_at", "ends_at", "location", "description", "capacity"});
    // A field that is present (null included) replaces the event's; one left out stays.
    auto present = [&](const char* field) {
        return call.body != nullptr && call.body->is_object() && call.body->contains(field);
    };
    for (auto [field, out] : {std::pair{"title", &changes.title}, std::pair{"location", &changes.location},
                              std::pair{"description", &changes.description}}) {
        std::string value;
        in.text(field, value);
        if (present(field)) *out = value;
    }
    std::optional<int> capacity;
    in.optional_integer("capacity", capacity);
    if (present("capacity")) changes.capacity = capacity;
    change.reading = read_instant(in, "starts_at", changes.starts_at);
    if (change.reading) change.reading = read_instant(in, "ends_at", changes.ends_at);
    if (change.reading) change.reading = in.status();
    Result<operations::EventView> changed = operations::change_event(ports(call.services), me(call), change);
    if (!changed) return error_response(changed.error());
    return json_response(200, event_json(*changed));
}

Response delete_event(Call& call) {
    if (Status deleted = operations::delete_event(ports(call.services), me(call), call.params.at("id")); !deleted) {
        return error_response(deleted.error());
    }
    return no_content();
}

Response rsvp(Call& call) {
    operations::AnswerRsvp answer;
    answer.event_id = call.params.at("id");
    BodyReader in(call.body);
    in.allow_only({"status"});
    in.require("status");
    std::string name;
    in.text("status", name);
    answer.reading = in.status();
    if (answer.reading) {
        if (std::optional<RsvpStatus> status = parse_rsvp_status(name)) {
            answer.status = *status;
        } else {
            answer.reading = validation_error("status", "must be going or not_going");
        }
    }
    Result<operations::EventView> answered = operations::answer_rsvp(ports(call.services), me(call), answer);
    if (!answered) return error_response(answered.error());
    return json_response(200, event_json(*answered));
}

Response add_session(Call& call) {
    operations::AddSession add;
    add.event_id = call.params.at("id");
    EventSession& session = add.session;
    BodyReader in(call.body);
    in.allow_only({"title", "host", "description", "starts_at", "ends_at", "capacity"});
    for (const char* field : {"title", "starts_at", "ends_at"}) in.require(field);
    in.text("title", session.title);
    in.text("host", session.host);
    in.text("description", session.description);
    in.optional_integer("capacity", session.capacity);
    add.reading = read_instant(in, "starts_at", session.starts_at);
    if (add.reading) add.reading = read_instant(in, "ends_at", session.ends_at);
    if (add.reading) add.reading = in.status();
    Result<ProgrammeSession> added = operations::add_session(ports(call.services), me(call), std::move(add));
    if (!added) return error_response(added.error());
    return json_response(201, programme_session_json(*added));
}

Response signup(Call& call) {
    operations::SignUp signup;
    signup.event_id = call.params.at("id");
    signup.session_id = call.params.at("session_id");
    BodyReader in(call.body);
    in.allow_only({"going"});
    in.require("going");
    signup.going = false;
    in.boolean("going", signup.going);
    signup.reading = in.status();
    Result<ProgrammeSession> answered = operations::sign_up(ports(call.services), me(call), signup);
    if (!answered) return error_response(answered.error());
    return json_response(200, programme_session_json(*answered));
}

Response delete_session(Call& call) {
    Status removed =
        operations::remove_session(ports(call.services), me(call), call.params.at("id"), call.params.at("session_id"));
    if (!removed) return error_response(removed.error());
    return no_content();
}

// The events the caller went to that ended in the week up to the end of `day`.
Response attended(Call& call) {
    Result<std::optional<Day>> day = levels::period_query<Day>(call, "day");
    if (!day) return error_response(day.error());
    return events_answer(operations::attended_events(ports(call.services), me(call), *day));
}

}  // namespace

void add_event_routes(Router& router) {
    router.add({"GET", path("/events"), Access::member, list_events,
                "Events (SOL meetings, lerende organisatie dagen) that overlap from .. to, by start"});
    router.add({"POST", path("/events"), Access::member, create_event,
                "Plan an event, or a monthly or quarterly series (SOL meetings: admins only)"});
    router.add({"GET", path("/events/attended"), Access::member, attended,
                "Events you went to that ended in the 7 days up to a day (default today)"});
    router.add({"GET", path("/events/{id}"), Access::member, get_event,
                "One event, with your RSVP, the number going and its programme of sessions"});
    router.add({"PATCH", path("/events/{id}"), Access::member, patch_event,
                "Change an event (its organiser or an admin)"});
    router.add({"DELETE", path("/events/{id}"), Access::member, delete_event,
                "Delete an event with its RSVPs and programme (its organiser or an admin)"});
    router.add({"POST", path("/events/{id}/rsvp"), Access::member, rsvp,
                "Answer whether you are going to an event (going past its capacity: 409)"});
    router.add({"POST", path("/events/{id}/sessions"), Access::member, add_session,
                "Add a session to a lerende organisatie dag's programme (its organiser or an admin)"});
    router.add({"POST", path("/events/{id}/sessions/{session_id}/signup"), Access::member, signup,
                "Sign up for a session of the programme, or sign off (past its capacity: 409)"});
    router.add({"DELETE", path("/events/{id}/sessions/{session_id}"), Access::member, delete_session,
                "Remove a session from the programme, with its sign-ups (its organiser or an admin)"});
}

}  // namespace ritme::http

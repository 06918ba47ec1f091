// Events: SOL meetings (admins create them, often as a monthly or quarterly series) and
// the lerende organisatie dag (any member organises one, with a programme of sessions),
// RSVPs with capacity, sign-ups for sessions, and the events one attended lately (for the
// diary page's suggestion to write down what was learned there).
#include <map>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/visibility.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/routes.hpp"
#include "http/json_body.hpp"

namespace ritme::http {
namespace {

using levels::api;
using levels::me;
using levels::not_found;
using levels::now;

constexpr auto default_window = std::chrono::days{366};

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response fault(const Status& status) {
    return error_response(status.error());
}

Response no_event() {
    return not_found("No such event.");
}

Response no_session() {
    return not_found("No such session in this event's programme.");
}

Response programme_forbidden() {
    return error_response(
        Error{ErrorCode::forbidden, "Only the organiser or an admin may change this event's programme."});
}

// Organisers by id, looked up once per answer.
class Organisers {
public:
    explicit Organisers(Store& store) : store_(store) {}
    Json operator()(const std::string& id) {
        if (id.empty()) return nullptr;
        auto found = known_.find(id);
        if (found == known_.end()) {
            std::optional<User> person = store_.find_user(id);
            Json ref = person ? Json{{"id", person->id}, {"name", person->name}} : Json(nullptr);
            found = known_.emplace(id, std::move(ref)).first;
        }
        return found->second;
    }

private:
    Store& store_;
    std::map<std::string, Json> known_;
};

Json event_json(Call& call, const Event& event, Organisers& organisers) {
    EventAttendance attendance = call.services.store.event_attendance(event.id, me(call).id);
    Json answer = event_fields_json(event);
    answer["organiser"] = organisers(event.organiser_id);
    answer["going_count"] = attendance.going_count;
    answer["my_rsvp"] = attendance.mine ? Json(to_string(*attendance.mine)) : Json(nullptr);
    answer["can_edit"] = may_change_event(me(call), event);
    return answer;
}

Json event_json(Call& call, const Event& event) {
    Organisers organisers(call.services.store);
    return event_json(call, event, organisers);
}

Json session_json(const ProgrammeSession& item) {
    const EventSession& session = item.session;
    return {{"id", session.id},
            {"title", session.title},
            {"host", session.host},
            {"description", session.description},
            {"starts_at", timestamp_json(session.starts_at)},
            {"ends_at", timestamp_json(session.ends_at)},
            {"capacity", optional_int_json(session.capacity)},
            {"going_count", item.going_count},
            {"mine", item.mine}};
}

Json programme_json(Call& call, const Event& event) {
    Json sessions = Json::array();
    for (const ProgrammeSession& item : call.services.store.event_programme(event.id, me(call).id)) {
        sessions.push_back(session_json(item));
    }
    return sessions;
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

Response list_events(Call& call) {
    Result<std::optional<Timestamp>> from = instant_query(call, "from", false);
    if (!from) return error_response(from.error());
    Result<std::optional<Timestamp>> to = instant_query(call, "to", true);  // a day counts whole
    if (!to) return error_response(to.error());
    Timestamp start = from->value_or(now(call));
    Timestamp end = to->value_or(start + default_window);
    if (end <= start) return error_response(Error{ErrorCode::bad_request, "The to must be after the from.", "to"});

    Organisers organisers(call.services.store);
    Json events = Json::array();
    for (const Event& event : call.services.store.list_events(start, end)) {
        events.push_back(event_json(call, event, organisers));
    }
    return json_response(200, {{"events", std::move(events)}});
}

Response create_event(Call& call) {
    const User& user = me(call);
    BodyReader in(call.body);
    in.allow_only({"kind", "title", "starts_at", "ends_at", "location", "description", "capacity", "repeat"});
    for (const char* field : {"kind", "title", "starts_at", "ends_at"}) in.require(field);
    std::string kind_name;
    in.text("kind", kind_name);
    if (Status read = in.status(); !read) return fault(read);
    std::optional<EventKind> kind = parse_event_kind(kind_name);
    if (!kind) return fault(validation_error("kind", "must be sol_meeting or learning_day"));
    if (!may_create_event(user, *kind)) {
        return error_response(Error{ErrorCode::forbidden, "Only an admin may plan a SOL meeting."});
    }

    Event event;
    event.kind = *kind;
    in.text("title", event.title);
    in.text("location", event.location);
    in.text("description", event.description);
    in.optional_integer("capacity", event.capacity);
    if (Status read = read_instant(in, "starts_at", event.starts_at); !read) return fault(read);
    if (Status read = read_instant(in, "ends_at", event.ends_at); !read) return fault(read);
    std::optional<EventRepeat> repeat;
    if (in.has("repeat")) {
        BodyReader every = in.object("repeat");
        every.allow_only({"every", "count"});
        every.require("every");
        every.require("count");
        std::string unit;
        EventRepeat wanted;
        every.text("every", unit);
        every.integer("count", wanted.count);
        if (Status read = in.status(); !read) return fault(read);
        if (unit == "month") {
            wanted.every = RepeatEvery::month;
        } else if (unit == "quarter") {
            wanted.every = RepeatEvery::quarter;
        } else {
            return fault(validation_error("repeat.every", "must be month or quarter"));
        }
        if (Status valid = validate_repeat(wanted); !valid) return fault(valid);
        repeat = wanted;
    }
    if (Status read = in.status(); !read) return fault(read);
    if (Status valid = validate_event(event); !valid) return fault(valid);

    event.organiser_id = user.id;
    event.created_at = now(call);
    std::vector<Event> events;
    if (repeat) {
        event.series_id = call.services.ids.new_id();
        for (const Occurrence& occurrence : series_occurrences({event.starts_at, event.ends_at}, *repeat,
                                                               user.timezone, call.services.calendar)) {
            Event next = event;
            next.id = call.services.ids.new_id();
            next.starts_at = occurrence.starts_at;
            next.ends_at = occurrence.ends_at;
            events.push_back(std::move(next));
        }
    } else {
        event.id = call.services.ids.new_id();
        events.push_back(event);
    }
    call.services.store.create_events(events);

    Json answer = event_json(call, events.front());
    if (repeat) {
        Json series = Json::array();
        for (const Event& each : events) series.push_back(each.id);
        answer["series"] = std::move(series);
    }
    return json_response(201, std::move(answer));
}

Response get_event(Call& call) {
    std::optional<Event> event = call.services.store.find_event(call.params.at("id"));
    if (!event) return no_event();
    Json answer = event_json(call, *event);
    answer["sessions"] = programme_json(call, *event);
    return json_response(200, std::move(answer));
}

Response patch_event(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    if (!may_change_event(me(call), *event)) {
        return error_response(Error{ErrorCode::forbidden, "Only the organiser or an admin may change this event."});
    }
    BodyReader in(call.body);
    in.allow_only({"title", "starts_at", "ends_at", "location", "description", "capacity"});
    in.text("title", event->title);
    in.text("location", event->location);
    in.text("description", event->description);
    in.optional_integer("capacity", event->capacity);
    if (Status read = read_instant(in, "starts_at", event->starts_at); !read) return fault(read);
    if (Status read = read_instant(in, "ends_at", event->ends_at); !read) return fault(read);
    if (Status read = in.status(); !read) return fault(read);
    if (Status valid = validate_event(*event); !valid) return fault(valid);
    // The programme must still fit the day.
    for (const ProgrammeSession& item : store.event_programme(event->id, me(call).id)) {
        if (item.session.starts_at < event->starts_at || item.session.ends_at > event->ends_at) {
            return fault(validation_error(item.session.starts_at < event->starts_at ? "starts_at" : "ends_at",
                                          "must leave room for every session of the programme"));
        }
    }
    store.update_event(*event);
    return json_response(200, event_json(call, *event));
}

Response delete_event(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    if (!may_change_event(me(call), *event)) {
        return error_response(Error{ErrorCode::forbidden, "Only the organiser or an admin may delete this event."});
    }
    if (!store.delete_event(event->id)) return no_event();
    return no_content();
}

Response rsvp(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    BodyReader in(call.body);
    in.allow_only({"status"});
    in.require("status");
    std::string name;
    in.text("status", name);
    if (Status read = in.status(); !read) return fault(read);
    std::optional<RsvpStatus> status = parse_rsvp_status(name);
    if (!status) return fault(validation_error("status", "must be going or not_going"));
    if (has_ended(*event, now(call))) return fault(validation_error("status", "this event has ended"));
    if (Status answered = store.set_rsvp(event->id, me(call).id, *status, now(call)); !answered) {
        Error error = answered.error();
        if (error.code == ErrorCode::conflict) error.message = "This event is full.";
        return error_response(error);
    }
    return json_response(200, event_json(call, *event));
}

Response add_session(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    if (!may_change_event(me(call), *event)) return programme_forbidden();
    BodyReader in(call.body);
    in.allow_only({"title", "host", "description", "starts_at", "ends_at", "capacity"});
    for (const char* field : {"title", "starts_at", "ends_at"}) in.require(field);
    EventSession session;
    session.event_id = event->id;
    in.text("title", session.title);
    in.text("host", session.host);
    in.text("description", session.description);
    in.optional_integer("capacity", session.capacity);
    if (Status read = read_instant(in, "starts_at", session.starts_at); !read) return fault(read);
    if (Status read = read_instant(in, "ends_at", session.ends_at); !read) return fault(read);
    if (Status read = in.status(); !read) return fault(read);
    if (Status valid = validate_event_session(session, *event); !valid) return fault(valid);
    session.id = call.services.ids.new_id();
    store.create_event_session(session);
    return json_response(201, session_json({session, 0, false}));
}

Response signup(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    std::optional<EventSession> session = store.find_event_session(call.params.at("session_id"));
    if (!session || session->event_id != event->id) return no_session();
    BodyReader in(call.body);
    in.allow_only({"going"});
    in.require("going");
    bool going = false;
    in.boolean("going", going);
    if (Status read = in.status(); !read) return fault(read);
    if (has_ended(*event, now(call))) return fault(validation_error("going", "this event has ended"));
    if (Status answered = store.set_session_signup(session->id, me(call).id, going, now(call)); !answered) {
        Error error = answered.error();
        if (error.code == ErrorCode::conflict) error.message = "This session is full.";
        return error_response(error);
    }
    for (const ProgrammeSession& item : store.event_programme(event->id, me(call).id)) {
        if (item.session.id == session->id) return json_response(200, session_json(item));
    }
    return no_session();
}

Response delete_session(Call& call) {
    Store& store = call.services.store;
    std::optional<Event> event = store.find_event(call.params.at("id"));
    if (!event) return no_event();
    if (!may_change_event(me(call), *event)) return programme_forbidden();
    if (!store.delete_event_session(event->id, call.params.at("session_id"))) return no_session();
    return no_content();
}

// The events the caller went to that ended in the week up to the end of `day`.
Response attended(Call& call) {
    Result<std::optional<Day>> day = levels::period_query<Day>(call, "day");
    if (!day) return error_response(day.error());
    const User& user = me(call);
    Occurrence window = attended_window(day->value_or(levels::today(call)), user.timezone, call.services.calendar);
    Timestamp at = now(call);
    Organisers organisers(call.services.store);
    Json events = Json::array();
    for (const Event& event : call.services.store.events_going(user.id, window.starts_at, window.ends_at)) {
        if (event.ends_at > window.starts_at && event.ends_at <= window.ends_at && has_ended(event, at)) {
            events.push_back(event_json(call, event, organisers));
        }
    }
    return json_response(200, {{"events", std::move(events)}});
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

#pragma once
// Events: SOL meetings (admins plan them, often as a monthly or quarterly series) and the
// lerende organisatie dag (any member organises one, with a programme of sessions), the
// answers (RSVP) with a capacity, sign-ups for sessions, and the events one went to lately.
//
// A command read from a request carries the first fault found reading it in `reading`;
// the operation answers it where the API contract puts it: after "no such event" and
// after the permission check.
#include <optional>
#include <string>
#include <vector>

#include "core/events.hpp"
#include "core/operations/operation.hpp"

namespace ritme::operations {

// An event as one person sees it.
struct EventView {
    Event event;
    std::optional<User> organiser;  // none once erased
    EventAttendance attendance;     // the number going, and the person's own answer
    bool may_change = false;        // the person may change it and its programme
};

struct EventWithProgramme {
    EventView view;
    std::vector<ProgrammeSession> programme;  // by start, with the person's sign-ups
};

// The events that overlap [from, to), by start: `from` defaults to now, `to` to a year
// after `from`. bad_request when `to` is not after `from`.
struct EventWindow {
    std::optional<Timestamp> from;
    std::optional<Timestamp> to;
};
Result<std::vector<EventView>> list_events(const Ports& ports, const User& person, EventWindow window);

// The next events (at most `at_most`) the person answered "going" to, starting from now
// and overlapping the coming `days` days of their calendar.
Result<std::vector<EventView>> events_i_go_to(const Ports& ports, const User& person, int days, std::size_t at_most);

// The events the person went to that ended in the 7 days up to the end of `day` (default:
// today in their zone).
Result<std::vector<EventView>> attended_events(const Ports& ports, const User& person, std::optional<Day> day);

struct PlanEvent {
    Event event;  // kind, title, starts_at, ends_at, location, description, capacity
    std::optional<EventRepeat> repeat;
    Status reading = ok_status();
};
struct PlannedEvent {
    EventView first;
    std::vector<std::string> series;  // the ids of every occurrence; empty for a single event
};
Result<PlannedEvent> plan_event(const Ports& ports, const User& organiser, PlanEvent command);

Result<EventWithProgramme> event_with_programme(const Ports& ports, const User& person, const std::string& event_id);

// What a change gives; a field left empty stays as it is.
struct EventChanges {
    std::optional<std::string> title;
    std::optional<std::string> location;
    std::optional<std::string> description;
    std::optional<std::optional<int>> capacity;  // an empty inner one: no limit
    std::optional<Timestamp> starts_at;
    std::optional<Timestamp> ends_at;
};
struct ChangeEvent {
    std::string event_id;
    EventChanges changes;
    Status reading = ok_status();
};
Result<EventView> change_event(const Ports& ports, const User& person, const ChangeEvent& command);

Status delete_event(const Ports& ports, const User& person, const std::string& event_id);

struct AnswerRsvp {
    std::string event_id;
    RsvpStatus status = RsvpStatus::going;
    Status reading = ok_status();
};
Result<EventView> answer_rsvp(const Ports& ports, const User& person, const AnswerRsvp& command);

struct AddSession {
    std::string event_id;
    EventSession session;  // title, host, description, starts_at, ends_at, capacity
    Status reading = ok_status();
};
Result<ProgrammeSession> add_session(const Ports& ports, const User& person, AddSession command);

struct SignUp {
    std::string event_id;
    std::string session_id;
    bool going = true;
    Status reading = ok_status();
};
Result<ProgrammeSession> sign_up(const Ports& ports, const User& person, const SignUp& command);

Status remove_session(const Ports& ports, const User& person, const std::string& event_id,
                      const std::string& session_id);

// --- inside the caller's transaction ------------------------------------------------------

// The first `at_most` events the person goes to from `now` through the coming `days` days.
std::vector<EventView> next_events_going(Transaction& transaction, const ZoneCalendar& calendar, const User& person,
                                         Timestamp now, int days, std::size_t at_most);
// The events the person went to that ended in the 7 days up to the end of `day`.
std::vector<Event> events_attended(Transaction& transaction, const ZoneCalendar& calendar, const User& person, Day day,
                                   Timestamp now);

}  // namespace ritme::operations

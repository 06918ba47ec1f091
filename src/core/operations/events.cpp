#include "core/operations/events.hpp"

#include "core/operations/people.hpp"
#include "core/visibility.hpp"

namespace ritme::operations {
namespace {

constexpr auto default_window = std::chrono::days{366};

Error no_event() {
    return Error{ErrorCode::not_found, "No such event."};
}

Error no_session() {
    return Error{ErrorCode::not_found, "No such session in this event's programme."};
}

Error programme_forbidden() {
    return Error{ErrorCode::forbidden, "Only the organiser or an admin may change this event's programme."};
}

EventView view_of(Transaction& transaction, const User& person, Event event, PeopleById& people) {
    EventView view;
    view.attendance = transaction.store.event_attendance(event.id, person.id);
    view.organiser = people(event.organiser_id);
    view.may_change = may_change_event(person, event);
    view.event = std::move(event);
    return view;
}

EventView view_of(Transaction& transaction, const User& person, Event event) {
    PeopleById people(transaction);
    return view_of(transaction, person, std::move(event), people);
}

std::vector<EventView> views_of(Transaction& transaction, const User& person, std::vector<Event> events) {
    PeopleById people(transaction);
    std::vector<EventView> views;
    views.reserve(events.size());
    for (Event& event : events) views.push_back(view_of(transaction, person, std::move(event), people));
    return views;
}

}  // namespace

std::vector<Event> events_attended(Transaction& transaction, const ZoneCalendar& calendar, const User& person, Day day,
                                   Timestamp now) {
    Occurrence window = attended_window(day, person.timezone, calendar);
    std::vector<Event> attended;
    for (Event& event : transaction.store.events_going(person.id, window.starts_at, window.ends_at)) {
        if (event.ends_at > window.starts_at && event.ends_at <= window.ends_at && has_ended(event, now)) {
            attended.push_back(std::move(event));
        }
    }
    return attended;
}

Result<std::vector<EventView>> list_events(const Ports& ports, const User& person, EventWindow window) {
    Timestamp start = window.from.value_or(ports.clock.now());
    Timestamp end = window.to.value_or(start + default_window);
    if (end <= start) return Error{ErrorCode::bad_request, "The to must be after the from.", "to"};
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<EventView>> {
        return views_of(transaction, person, transaction.store.list_events(start, end));
    });
}

std::vector<EventView> next_events_going(Transaction& transaction, const ZoneCalendar& calendar, const User& person,
                                         Timestamp now, int days, std::size_t at_most) {
    Day today = calendar.local_day(now, person.timezone);
    Timestamp end = calendar.instant_at(add_days(today, days + 1), 0, person.timezone);
    std::vector<Event> going = transaction.store.events_going(person.id, now, end);
    if (going.size() > at_most) going.resize(at_most);
    return views_of(transaction, person, std::move(going));
}

Result<std::vector<EventView>> events_i_go_to(const Ports& ports, const User& person, int days, std::size_t at_most) {
    Timestamp now = ports.clock.now();
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<EventView>> {
        return next_events_going(transaction, ports.calendar, person, now, days, at_most);
    });
}

Result<std::vector<EventView>> attended_events(const Ports& ports, const User& person, std::optional<Day> day) {
    Timestamp now = ports.clock.now();
    Day chosen = day.value_or(ports.calendar.local_day(now, person.timezone));
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<EventView>> {
        return views_of(transaction, person, events_attended(transaction, ports.calendar, person, chosen, now));
    });
}

Result<PlannedEvent> plan_event(const Ports& ports, const User& organiser, PlanEvent command) {
    if (!may_create_event(organiser, command.event.kind)) {
        return Error{ErrorCode::forbidden, "Only an admin may plan a SOL meeting."};
    }
    RITME_TRY(command.reading);
    if (command.repeat) RITME_TRY(validate_repeat(*command.repeat));
    RITME_TRY(validate_event(command.event));

    Event event = std::move(command.event);
    event.organiser_id = organiser.id;
    event.created_at = ports.clock.now();
    std::vector<Event> events;
    if (command.repeat) {
        event.series_id = ports.ids.new_id();
        for (const Occurrence& occurrence : series_occurrences({event.starts_at, event.ends_at}, *command.repeat,
                                                               organiser.timezone, ports.calendar)) {
            Event next = event;
            next.id = ports.ids.new_id();
            next.starts_at = occurrence.starts_at;
            next.ends_at = occurrence.ends_at;
            events.push_back(std::move(next));
        }
    } else {
        event.id = ports.ids.new_id();
        events.push_back(event);
    }
    return writing(ports.store, [&](Transaction& transaction) -> Result<PlannedEvent> {
        transaction.store.create_events(events);
        PlannedEvent planned;
        planned.first = view_of(transaction, organiser, events.front());
        if (command.repeat) {
            for (const Event& each : events) planned.series.push_back(each.id);
        }
        return planned;
    });
}

Result<EventWithProgramme> event_with_programme(const Ports& ports, const User& person, const std::string& event_id) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<EventWithProgramme> {
        std::optional<Event> event = transaction.store.find_event(event_id);
        if (!event) return no_event();
        EventWithProgramme shown;
        shown.view = view_of(transaction, person, std::move(*event));
        shown.programme = transaction.store.event_programme(event_id, person.id);
        return shown;
    });
}

Result<EventView> change_event(const Ports& ports, const User& person, const ChangeEvent& command) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<EventView> {
        std::optional<Event> event = transaction.store.find_event(command.event_id);
        if (!event) return no_event();
        if (!may_change_event(person, *event)) {
            return Error{ErrorCode::forbidden, "Only the organiser or an admin may change this event."};
        }
        RITME_TRY(command.reading);
        const EventChanges& changes = command.changes;
        if (changes.title) event->title = *changes.title;
        if (changes.location) event->location = *changes.location;
        if (changes.description) event->description = *changes.description;
        if (changes.capacity) event->capacity = *changes.capacity;
        if (changes.starts_at) event->starts_at = *changes.starts_at;
        if (changes.ends_at) event->ends_at = *changes.ends_at;
        RITME_TRY(validate_event(*event));
        // The programme must still fit the day.
        for (const ProgrammeSession& item : transaction.store.event_programme(event->id, person.id)) {
            if (item.session.starts_at < event->starts_at || item.session.ends_at > event->ends_at) {
                return validation_error(item.session.starts_at < event->starts_at ? "starts_at" : "ends_at",
                                        "must leave room for every session of the programme");
            }
        }
        transaction.store.update_event(*event);
        return view_of(transaction, person, std::move(*event));
    });
}

Status delete_event(const Ports& ports, const User& person, const std::string& event_id) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        std::optional<Event> event = transaction.store.find_event(event_id);
        if (!event) return no_event();
        if (!may_change_event(person, *event)) {
            return Error{ErrorCode::forbidden, "Only the organiser or an admin may delete this event."};
        }
        if (!transaction.store.delete_event(event->id)) return no_event();
        return ok_status();
    });
}

Result<EventView> answer_rsvp(const Ports& ports, const User& person, const AnswerRsvp& command) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<EventView> {
        std::optional<Event> event = transaction.store.find_event(command.event_id);
        if (!event) return no_event();
        RITME_TRY(command.reading);
        if (has_ended(*event, now)) return validation_error("status", "this event has ended");
        if (Status answered = transaction.store.set_rsvp(event->id, person.id, command.status, now); !answered) {
            Error error = answered.error();
            if (error.code == ErrorCode::conflict) error.message = "This event is full.";
            return error;
        }
        return view_of(transaction, person, std::move(*event));
    });
}

Result<ProgrammeSession> add_session(const Ports& ports, const User& person, AddSession command) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<ProgrammeSession> {
        std::optional<Event> event = transaction.store.find_event(command.event_id);
        if (!event) return no_event();
        if (!may_change_event(person, *event)) return programme_forbidden();
        RITME_TRY(command.reading);
        EventSession session = command.session;
        session.event_id = event->id;
        RITME_TRY(validate_event_session(session, *event));
        session.id = ports.ids.new_id();
        transaction.store.create_event_session(session);
        return ProgrammeSession{session, 0, false};
    });
}

Result<ProgrammeSession> sign_up(const Ports& ports, const User& person, const SignUp& command) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<ProgrammeSession> {
        std::optional<Event> event = transaction.store.find_event(command.event_id);
        if (!event) return no_event();
        std::optional<EventSession> session = transaction.store.find_event_session(command.session_id);
        if (!session || session->event_id != event->id) return no_session();
        RITME_TRY(command.reading);
        if (has_ended(*event, now)) return validation_error("going", "this event has ended");
        if (Status answered = transaction.store.set_session_signup(session->id, person.id, command.going, now);
            !answered) {
            Error error = answered.error();
            if (error.code == ErrorCode::conflict) error.message = "This session is full.";
            return error;
        }
        for (ProgrammeSession& item : transaction.store.event_programme(event->id, person.id)) {
            if (item.session.id == session->id) return std::move(item);
        }
        return no_session();
    });
}

Status remove_session(const Ports& ports, const User& person, const std::string& event_id,
                      const std::string& session_id) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        std::optional<Event> event = transaction.store.find_event(event_id);
        if (!event) return no_event();
        if (!may_change_event(person, *event)) return programme_forbidden();
        if (!transaction.store.delete_event_session(event->id, session_id)) return no_session();
        return ok_status();
    });
}

}  // namespace ritme::operations

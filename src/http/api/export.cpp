// GET /me/export: everything the server holds about the caller, as one JSON document.
// Secrets (the password hash, token and session hashes) are not data about the person and
// stay out.
#include <algorithm>
#include <string>
#include <utility>

#include "core/clock_time.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/user_json.hpp"

namespace ritme::http::levels {
namespace {

constexpr int page_size = 200;

// Every diary entry of the person, oldest first.
std::vector<DiaryEntry> all_entries(Store& store, const std::string& user_id) {
    std::vector<DiaryEntry> entries;
    DiaryQuery query;
    query.user_id = user_id;
    query.limit = page_size;
    while (true) {
        DiaryPage page = store.list_diary_entries(query);
        entries.insert(entries.end(), page.entries.begin(), page.entries.end());
        if (!page.next_before || (query.before && *page.next_before >= *query.before)) break;
        query.before = page.next_before;
    }
    std::reverse(entries.begin(), entries.end());
    return entries;
}

Json diary_json(const std::vector<DiaryEntry>& entries) {
    Json list = Json::array();
    for (const DiaryEntry& entry : entries) list.push_back(diary_entry_json(entry));
    return list;
}

Json weeks_json(Store& store, const User& user, const std::vector<DiaryEntry>& entries) {
    Json list = Json::array();
    for (const WeeklyReview& review : store.list_weekly_reviews(user.id)) {
        std::vector<Day> check;
        for (const DiaryEntry& entry : entries) {
            if (entry.day >= first_day(review.week) && entry.day <= last_day(review.week)) check.push_back(entry.day);
        }
        list.push_back(weekly_review_json(review, check, user.locale));
    }
    return list;
}

Json months_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const MonthlyReflection& reflection : store.list_monthly_reflections(user.id)) {
        list.push_back(monthly_reflection_json(reflection));
    }
    return list;
}

// Every revision of every contract, by quarter and revision.
Json contracts_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const LearningContract& current : store.list_learning_contracts(user.id)) {
        for (const LearningContract& revision : store.list_contract_revisions(user.id, current.quarter)) {
            list.push_back(learning_contract_json(revision, user.locale));
        }
    }
    return list;
}

Json years_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const YearlyReview& review : store.list_yearly_reviews(user.id)) list.push_back(yearly_review_json(review));
    return list;
}

Json tokens_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const AccessToken& token : store.list_access_tokens(user.id)) {
        list.push_back({{"id", token.id}, {"name", token.name}, {"created_at", timestamp_json(token.created_at)}});
    }
    return list;
}

// --- the social rhythm: only what is the person's own (no one else's text) ------------------

Json invitations_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const PeerInvitation& invitation : store.list_peer_invitations(user.id)) {
        list.push_back({{"id", invitation.id},
                        {"from_user_id", invitation.from_user_id},
                        {"to_user_id", invitation.to_user_id},
                        {"created_at", timestamp_json(invitation.created_at)}});
    }
    return list;
}

Json peer_meeting_json(Store& store, const User& user) {
    std::optional<PeerMeetingSlot> slot = store.peer_meeting_slot(user.id);
    if (!slot) return nullptr;
    return {{"weekday", slot->weekday},
            {"time", format_clock_time(slot->minute_of_day)},
            {"duration_minutes", slot->duration_minutes},
            {"timezone", slot->timezone}};
}

// When the fixed colleague opened what the person shared.
Json openings_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const PeerOpening& opening : store.list_peer_openings(user.id)) {
        list.push_back({{"kind", to_string(opening.kind)},
                        {"period", opening.period},
                        {"viewer_id", opening.viewer_id},
                        {"first_opened_at", timestamp_json(opening.first_opened_at)},
                        {"last_opened_at", timestamp_json(opening.last_opened_at)}});
    }
    return list;
}

Json reminders_json(Store& store, const User& user) {
    ReminderSettings settings = store.reminder_settings(user.id);
    Json levels = Json::object();
    for (Level level : all_levels) {
        const LevelReminder& reminder = settings.at(level);
        Json one = {{"enabled", reminder.enabled}, {"time", format_clock_time(reminder.minute_of_day)}};
        if (level == Level::weekly) one["weekday"] = reminder.weekday;
        levels[std::string(to_string(level))] = std::move(one);
    }
    return levels;
}

// The events the person organised (their own text), and their answers and sign-ups for
// any event (by id and time only: the others' events are the others' words).
struct EventsExport {
    Json organised = Json::array();
    Json rsvps = Json::array();
    Json signups = Json::array();
};

EventsExport events_json(Store& store, const User& user) {
    EventsExport out;
    Timestamp from{std::chrono::sys_days{std::chrono::year{1000} / 1 / 1}};
    Timestamp to{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31}};
    for (const Event& event : store.list_events(from, to)) {
        if (event.organiser_id == user.id) {
            Json organised = event_fields_json(event);
            organised["created_at"] = timestamp_json(event.created_at);
            out.organised.push_back(std::move(organised));
        }
        EventAttendance attendance = store.event_attendance(event.id, user.id);
        if (attendance.mine) {
            out.rsvps.push_back({{"event_id", event.id},
                                 {"starts_at", timestamp_json(event.starts_at)},
                                 {"status", to_string(*attendance.mine)}});
        }
        for (const ProgrammeSession& item : store.event_programme(event.id, user.id)) {
            if (item.mine) {
                out.signups.push_back({{"event_id", event.id},
                                       {"session_id", item.session.id},
                                       {"starts_at", timestamp_json(item.session.starts_at)}});
            }
        }
    }
    return out;
}

// The catalogue, so that the competency ids in the records can be read without the server.
Json catalogue_json(Store& store) {
    Json list = Json::array();
    for (const Competency& competency : store.list_competencies()) list.push_back(competency_json(competency));
    return list;
}

Response export_data(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    std::vector<DiaryEntry> entries = all_entries(store, user.id);
    Json person = user_json(user, store);
    person["created_at"] = timestamp_json(user.created_at);
    EventsExport events = events_json(store, user);
    return json_response(200, {{"exported_at", timestamp_json(now(call))},
                               {"user", std::move(person)},
                               {"diary", diary_json(entries)},
                               {"weeks", weeks_json(store, user, entries)},
                               {"months", months_json(store, user)},
                               {"contracts", contracts_json(store, user)},
                               {"years", years_json(store, user)},
                               {"access_tokens", tokens_json(store, user)},
                               {"peer_invitations", invitations_json(store, user)},
                               {"peer_meeting", peer_meeting_json(store, user)},
                               {"peer_openings", openings_json(store, user)},
                               {"events_organised", std::move(events.organised)},
                               {"event_rsvps", std::move(events.rsvps)},
                               {"session_signups", std::move(events.signups)},
                               {"reminders", reminders_json(store, user)},
                               {"competencies", catalogue_json(store)}});
}

}  // namespace

void add_export_routes(Router& router) {
    router.add({"GET", std::string(api) + "/me/export", Access::member, export_data,
                "Everything the server holds about the caller, as one JSON document"});
}

}  // namespace ritme::http::levels

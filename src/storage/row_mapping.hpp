#pragma once
// Rows as the store reads them, and the values between the domain and the columns: the
// same for SQLite and PostgreSQL, since both keep periods as ISO text, instants as unix
// seconds and nested lists as JSON text.
#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain.hpp"
#include "core/store.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"

namespace ritme::storage::rows {

using json = nlohmann::json;

inline long long seconds(Timestamp at) {
    return at.time_since_epoch().count();
}

inline Timestamp instant(long long unix_seconds) {
    return Timestamp{std::chrono::seconds{unix_seconds}};
}

inline int flag(bool value) {
    return value ? 1 : 0;
}

template <class T>
T stored(std::optional<T> value, std::string_view what) {
    if (!value) throw StoreFailure("stored " + std::string(what) + " cannot be read");
    return *value;
}

// JSON text of lists that no query looks into. Text that is not valid UTF-8 is stored with
// U+FFFD in its place rather than refused: the store keeps what it is given.
inline std::string dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

inline std::optional<std::string> day_text(const std::optional<Day>& day) {
    if (!day) return std::nullopt;
    return format_day(*day);
}

inline std::optional<Day> day_of(const json& value) {
    if (value.is_null()) return std::nullopt;
    return stored(parse_day(value.get<std::string>()), "day");
}

// "2026-11-30,2026-12-01": days as the diary_days queries give them, in order.
inline std::vector<Day> days_of_list(std::string_view joined) {
    std::vector<Day> days;
    days.reserve(joined.size() / 11 + 1);
    while (!joined.empty()) {
        std::size_t comma = joined.find(',');
        days.push_back(stored(parse_day(joined.substr(0, comma)), "day"));
        joined.remove_prefix(comma == std::string_view::npos ? joined.size() : comma + 1);
    }
    if (!std::is_sorted(days.begin(), days.end())) std::sort(days.begin(), days.end());  // they come sorted
    return days;
}

inline json day_json(const std::optional<Day>& day) {
    return day ? json(format_day(*day)) : json(nullptr);
}

inline std::string goals_json(const std::vector<ContractGoal>& goals) {
    json list = json::array();
    for (const ContractGoal& goal : goals) {
        list.push_back(
            {{"id", goal.id}, {"text", goal.text}, {"measure", goal.measure}, {"deadline", day_json(goal.deadline)}});
    }
    return dump(list);
}

inline std::vector<ContractGoal> goals_of(const std::string& text) {
    std::vector<ContractGoal> goals;
    for (const json& item : json::parse(text)) {
        goals.push_back({item.at("id").get<std::string>(), item.at("text").get<std::string>(),
                         item.at("measure").get<std::string>(), day_of(item.at("deadline"))});
    }
    return goals;
}

inline std::vector<ContractComment> discussion_of(const std::string& text) {
    std::vector<ContractComment> discussion;
    for (const json& item : json::parse(text)) {
        discussion.push_back({item.at("by").get<std::string>(), item.at("comment").get<std::string>(),
                              item.at("agree").get<bool>(), instant(item.at("at").get<long long>())});
    }
    return discussion;
}

inline std::string goal_progress_json(const std::vector<GoalProgress>& progress) {
    json list = json::array();
    for (const GoalProgress& item : progress) {
        list.push_back(
            {{"goal_id", item.goal_id}, {"status", std::string(to_string(item.status))}, {"note", item.note}});
    }
    return dump(list);
}

inline std::vector<GoalProgress> goal_progress_of(const std::string& text) {
    std::vector<GoalProgress> progress;
    for (const json& item : json::parse(text)) {
        progress.push_back({item.at("goal_id").get<std::string>(),
                            stored(parse_goal_status(item.at("status").get<std::string>()), "goal status"),
                            item.at("note").get<std::string>()});
    }
    return progress;
}

inline std::string ids_json(const std::vector<std::string>& ids) {
    return dump(json(ids));
}

inline std::vector<std::string> ids_of(const std::string& text) {
    return json::parse(text).get<std::vector<std::string>>();
}

// Rows of one or two columns.
struct SettingRow {
    std::string key, text;

    void into(Statement& statement) { statement.into(key).into(text); }
    std::pair<std::string, std::string> value() const { return {key, text}; }
};

struct UserIdRow {
    std::string id;

    void into(Statement& statement) { statement.into(id); }
    std::string value() const { return id; }
};

struct InstantRow {
    long long at = 0;

    void into(Statement& statement) { statement.into(at); }
    Timestamp value() const { return instant(at); }
};

// A contract revision's discussion, as JSON text.
struct DiscussionRow {
    std::string user_id, quarter, discussion;
    int revision = 0;

    void into(Statement& statement) { statement.into(user_id).into(quarter).into(revision).into(discussion); }
    DiscussionRow value() const { return *this; }
};

// A key learning: its day, its sentence, its competencies joined by commas.
struct KeyLearningRow {
    std::string day, text, competencies;

    void into(Statement& statement) { statement.into(day).into(text).into(competencies); }
    KeyLearning value() const {
        KeyLearning learning{stored(parse_day(day), "day"), text, {}};
        std::string_view joined = competencies;
        while (!joined.empty()) {
            std::size_t comma = joined.find(',');
            learning.competency_ids.emplace_back(joined.substr(0, comma));
            joined.remove_prefix(comma == std::string_view::npos ? joined.size() : comma + 1);
        }
        return learning;
    }
};

struct UserRow {
    std::string id, email, name, role, locale, timezone, workdays, peer_id;
    soci::indicator peer_indicator = soci::i_ok;
    long long created_at = 0;

    void into(Statement& statement) {
        statement.into(id).into(email).into(name).into(role).into(locale).into(timezone).into(workdays);
        statement.into(peer_id, peer_indicator).into(created_at);
    }
    User value() const {
        User user;
        user.id = id;
        user.email = email;
        user.name = name;
        user.role = stored(parse_role(role), "role");
        user.locale = stored(parse_locale(locale), "locale");
        user.timezone = timezone;
        user.workdays = json::parse(workdays).get<std::vector<int>>();
        if (peer_indicator == soci::i_ok) user.peer_id = peer_id;
        user.created_at = instant(created_at);
        return user;
    }
};

struct SessionRow {
    std::string token_hash, user_id, csrf_token, id, user_agent;
    long long created_at = 0, expires_at = 0, last_used_at = 0;

    void into(Statement& statement) {
        statement.into(token_hash).into(user_id).into(csrf_token).into(created_at).into(expires_at);
        statement.into(id).into(last_used_at).into(user_agent);
    }
    Session value() const {
        return {token_hash,           user_id, csrf_token, instant(created_at), instant(expires_at), id,
                instant(last_used_at), user_agent};
    }
};

struct PasswordResetRow {
    std::string token_hash, user_id;
    long long created_at = 0, expires_at = 0;

    void into(Statement& statement) { statement.into(token_hash).into(user_id).into(created_at).into(expires_at); }
    PasswordReset value() const { return {token_hash, user_id, instant(created_at), instant(expires_at)}; }
};

struct AccessTokenRow {
    std::string id, user_id, name, token_hash;
    long long created_at = 0;

    void into(Statement& statement) { statement.into(id).into(user_id).into(name).into(token_hash).into(created_at); }
    AccessToken value() const { return {id, user_id, name, token_hash, instant(created_at)}; }
};

struct CompetencyRow {
    std::string id, name, description;
    int archived = 0;

    void into(Statement& statement) { statement.into(id).into(name).into(description).into(archived); }
    Competency value() const { return {id, name, description, archived != 0}; }
};

struct WeeklyRow {
    std::string user_id;
    std::string week, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation, plan_approach,
        plan_measure, plan_deadline, act;
    soci::indicator peer_meeting_day_indicator = soci::i_ok, plan_deadline_indicator = soci::i_ok;
    int peer_meeting_held = 0, shared_with_peer = 0;
    int version = 1;
    long long created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(week).into(peer_meeting_held).into(peer_meeting_day, peer_meeting_day_indicator);
        statement.into(peer_meeting_notes).into(plan_competency_id).into(plan_situation).into(plan_approach);
        statement.into(plan_measure).into(plan_deadline, plan_deadline_indicator).into(act).into(shared_with_peer);
        statement.into(created_at).into(updated_at).into(version);
    }
    WeeklyReview value() const {
        WeeklyReview review;
        review.user_id = user_id;
        review.week = stored(parse_week(week), "week");
        review.peer_meeting.held = peer_meeting_held != 0;
        if (peer_meeting_day_indicator == soci::i_ok)
            review.peer_meeting.day = stored(parse_day(peer_meeting_day), "day");
        review.peer_meeting.notes = peer_meeting_notes;
        review.plan.competency_id = plan_competency_id;
        review.plan.situation = plan_situation;
        review.plan.approach = plan_approach;
        review.plan.measure = plan_measure;
        if (plan_deadline_indicator == soci::i_ok) review.plan.deadline = stored(parse_day(plan_deadline), "day");
        review.act = act;
        review.shared_with_peer = shared_with_peer != 0;
        review.created_at = instant(created_at);
        review.updated_at = instant(updated_at);
        review.version = version;
        return review;
    }
};

struct MonthlyRow {
    std::string user_id;
    std::string month, focus_competency_ids, went_well, could_be_better, approach, goal_progress;
    int sol_meeting_attended = 0;
    int version = 1;
    long long created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(month).into(focus_competency_ids).into(went_well).into(could_be_better).into(approach);
        statement.into(goal_progress).into(sol_meeting_attended).into(created_at).into(updated_at).into(version);
    }
    MonthlyReflection value() const {
        MonthlyReflection reflection;
        reflection.user_id = user_id;
        reflection.month = stored(parse_month(month), "month");
        reflection.focus_competency_ids = ids_of(focus_competency_ids);
        reflection.went_well = went_well;
        reflection.could_be_better = could_be_better;
        reflection.approach = approach;
        reflection.goal_progress = goal_progress_of(goal_progress);
        reflection.sol_meeting_attended = sol_meeting_attended != 0;
        reflection.created_at = instant(created_at);
        reflection.updated_at = instant(updated_at);
        reflection.version = version;
        return reflection;
    }
};

struct ContractRow {
    std::string user_id;
    std::string quarter, where_from, where_now, aims, approach, evidence, competency_ids, goals, status, discussion;
    int revision = 0, shared_with_peer = 0;
    int version = 1;
    long long created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(quarter).into(revision).into(where_from).into(where_now).into(aims).into(approach);
        statement.into(evidence).into(competency_ids).into(goals).into(status).into(shared_with_peer);
        statement.into(discussion).into(created_at).into(updated_at).into(version);
    }
    LearningContract value() const {
        LearningContract contract;
        contract.user_id = user_id;
        contract.quarter = stored(parse_quarter(quarter), "quarter");
        contract.revision = revision;
        contract.where_from = where_from;
        contract.where_now = where_now;
        contract.aims = aims;
        contract.approach = approach;
        contract.evidence = evidence;
        contract.competency_ids = ids_of(competency_ids);
        contract.goals = goals_of(goals);
        contract.status = stored(parse_contract_status(status), "contract status");
        contract.shared_with_peer = shared_with_peer != 0;
        contract.discussion = discussion_of(discussion);
        contract.created_at = instant(created_at);
        contract.updated_at = instant(updated_at);
        contract.version = version;
        return contract;
    }
};

struct YearlyRow {
    std::string user_id;
    int year = 0, challenging = 0, inspiring = 0, rewarding = 0;
    soci::indicator challenging_indicator = soci::i_ok, inspiring_indicator = soci::i_ok,
                    rewarding_indicator = soci::i_ok, next_step_indicator = soci::i_ok;
    std::string next_step, notes;
    int version = 1;
    long long created_at = 0, updated_at = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(year).into(challenging, challenging_indicator).into(inspiring, inspiring_indicator);
        statement.into(rewarding, rewarding_indicator).into(next_step, next_step_indicator).into(notes);
        statement.into(created_at).into(updated_at).into(version);
    }
    YearlyReview value() const {
        YearlyReview review;
        review.user_id = user_id;
        review.year = Year{year};
        if (challenging_indicator == soci::i_ok) review.challenging = challenging;
        if (inspiring_indicator == soci::i_ok) review.inspiring = inspiring;
        if (rewarding_indicator == soci::i_ok) review.rewarding = rewarding;
        if (next_step_indicator == soci::i_ok) review.next_step = stored(parse_next_step(next_step), "next step");
        review.notes = notes;
        review.created_at = instant(created_at);
        review.updated_at = instant(updated_at);
        review.version = version;
        return review;
    }
};

struct DraftRow {
    std::string user_id, kind, period, body;
    long long updated_at = 0;

    void into(Statement& statement) { statement.into(user_id).into(kind).into(period).into(body).into(updated_at); }
    Draft value() const { return {user_id, stored(parse_draft_kind(kind), "draft kind"), period, body, instant(updated_at)}; }
};

// What the trash keeps: the record is read by trash_json (TrashRow::value there).
struct TrashRow {
    std::string id, user_id, kind, period, record;
    long long deleted_at = 0;

    void into(Statement& statement) {
        statement.into(id).into(user_id).into(kind).into(period).into(record).into(deleted_at);
    }
    TrashedItem value() const;
};

// --- the social rhythm -------------------------------------------------------------------

inline std::optional<int> optional_of(int value, soci::indicator indicator) {
    if (indicator != soci::i_ok) return std::nullopt;
    return value;
}

struct InvitationRow {
    std::string id, from_user_id, to_user_id;
    long long created_at = 0;

    void into(Statement& statement) { statement.into(id).into(from_user_id).into(to_user_id).into(created_at); }
    PeerInvitation value() const { return {id, from_user_id, to_user_id, instant(created_at)}; }
};

struct MeetingSlotRow {
    int weekday = 0, minute_of_day = 0, duration_minutes = 0;
    std::string timezone;

    void into(Statement& statement) {
        statement.into(weekday).into(minute_of_day).into(duration_minutes).into(timezone);
    }
    PeerMeetingSlot value() const { return {weekday, minute_of_day, duration_minutes, timezone}; }
};

struct PairRow {
    std::string id, user_a, user_b;
    long long started_at = 0, ended_at = 0;
    soci::indicator ended_indicator = soci::i_ok;
    MeetingSlotRow slot;
    soci::indicator slot_indicator = soci::i_ok;

    void into(Statement& statement) {
        statement.into(id).into(user_a).into(user_b).into(started_at).into(ended_at, ended_indicator);
        statement.into(slot.weekday, slot_indicator).into(slot.minute_of_day).into(slot.duration_minutes);
        statement.into(slot.timezone);
    }
    PeerPair value() const {
        PeerPair pair{id, user_a, user_b, instant(started_at), std::nullopt, std::nullopt};
        if (ended_indicator == soci::i_ok) pair.ended_at = instant(ended_at);
        if (slot_indicator == soci::i_ok) pair.meeting_slot = slot.value();
        return pair;
    }
};

struct OpeningRow {
    std::string owner_id, kind, period, viewer_id;
    long long first_opened_at = 0, last_opened_at = 0;

    void into(Statement& statement) {
        statement.into(owner_id).into(kind).into(period).into(viewer_id).into(first_opened_at).into(last_opened_at);
    }
    PeerOpening value() const {
        return {owner_id, stored(parse_shared_kind(kind), "shared kind"), period, viewer_id, instant(first_opened_at),
                instant(last_opened_at)};
    }
};

struct EventRow {
    std::string id, kind, title, location, description, organiser_id, series_id;
    long long starts_at = 0, ends_at = 0, created_at = 0;
    int capacity = 0;
    soci::indicator capacity_indicator = soci::i_ok;

    void into(Statement& statement) {
        statement.into(id).into(kind).into(title).into(starts_at).into(ends_at).into(location).into(description);
        statement.into(capacity, capacity_indicator).into(organiser_id).into(series_id).into(created_at);
    }
    Event value() const {
        Event event;
        event.id = id;
        event.kind = stored(parse_event_kind(kind), "event kind");
        event.title = title;
        event.starts_at = instant(starts_at);
        event.ends_at = instant(ends_at);
        event.location = location;
        event.description = description;
        event.capacity = optional_of(capacity, capacity_indicator);
        event.organiser_id = organiser_id;
        event.series_id = series_id;
        event.created_at = instant(created_at);
        return event;
    }
};

struct EventSessionRow {
    std::string id, event_id, title, host, description;
    long long starts_at = 0, ends_at = 0;
    int capacity = 0;
    soci::indicator capacity_indicator = soci::i_ok;

    void into(Statement& statement) {
        statement.into(id).into(event_id).into(title).into(host).into(description).into(starts_at).into(ends_at);
        statement.into(capacity, capacity_indicator);
    }
    EventSession value() const {
        return {id,           event_id,          title, host, description, instant(starts_at), instant(ends_at),
                optional_of(capacity, capacity_indicator)};
    }
};

// A session of the programme with its count and whether the asking person signed up.
struct ProgrammeRow {
    EventSessionRow session;
    int going_count = 0, mine = 0;

    void into(Statement& statement) {
        session.into(statement);
        statement.into(going_count).into(mine);
    }
    ProgrammeSession value() const { return {session.value(), going_count, mine != 0}; }
};

struct RsvpRow {
    std::string event_id, user_id, status;
    long long at = 0;

    void into(Statement& statement) { statement.into(event_id).into(user_id).into(status).into(at); }
    Rsvp value() const { return {event_id, user_id, stored(parse_rsvp_status(status), "RSVP"), instant(at)}; }
};

struct SignupRow {
    std::string session_id, user_id;
    long long at = 0;

    void into(Statement& statement) { statement.into(session_id).into(user_id).into(at); }
    SessionSignup value() const { return {session_id, user_id, instant(at)}; }
};

// One level of one person's reminder settings.
struct ReminderLevelRow {
    std::string user_id, level;
    int enabled = 0, minute_of_day = 0, weekday = 0;

    void into(Statement& statement) {
        statement.into(user_id).into(level).into(enabled).into(minute_of_day).into(weekday);
    }
    // Puts this level into `settings` (of the same person).
    void apply_to(ReminderSettings& settings) const {
        settings.at(stored(parse_level(level), "level")) = {enabled != 0, minute_of_day, weekday};
    }
};

// Rows of ReminderLevelRow ordered by person: their settings, one per person.
inline std::vector<ReminderSettings> read_reminder_settings(Statement& statement, ReminderLevelRow& row) {
    std::vector<ReminderSettings> people;
    if (!statement.run()) return people;
    do {
        if (people.empty() || people.back().user_id != row.user_id) people.push_back(ReminderSettings{row.user_id});
        row.apply_to(people.back());
    } while (statement.next());
    return people;
}

struct ReminderJobRow {
    std::string id, user_id, level, period, state, claimed_by;
    long long due_at = 0, lease_until = 0, sent_at = 0;
    int attempts = 0;
    soci::indicator sent_at_indicator = soci::i_ok;

    void into(Statement& statement) {
        statement.into(id).into(user_id).into(level).into(period).into(due_at).into(state).into(attempts);
        statement.into(claimed_by).into(lease_until).into(sent_at, sent_at_indicator);
    }
    ReminderJob value() const {
        ReminderJob job;
        job.id = id;
        job.user_id = user_id;
        job.level = stored(parse_level(level), "level");
        job.period = period;
        job.due_at = instant(due_at);
        job.state = stored(parse_reminder_job_state(state), "reminder state");
        job.attempts = attempts;
        job.claimed_by = claimed_by;
        job.lease_until = instant(lease_until);
        if (sent_at_indicator == soci::i_ok) job.sent_at = instant(sent_at);
        return job;
    }
};

}  // namespace ritme::storage::rows

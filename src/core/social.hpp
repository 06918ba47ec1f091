#pragma once
// The social rhythm, in the domain's words: the fixed colleague (vaste collega) and what
// is shared with them, the organisation's events (SOL meetings and the lerende organisatie
// dag with its programme), reminders per level of the rhythm, and the calendar feed.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "core/periods.hpp"

namespace ritme {

// An invitation to become each other's fixed colleague. Pending until accepted (then the
// pair exists and every pending invitation of either person is gone) or withdrawn.
struct PeerInvitation {
    std::string id;
    std::string from_user_id;
    std::string to_user_id;
    Timestamp created_at{};
};

// The slot the pair chose for the weekly peer meeting (the calendar feed's RRULE).
struct PeerMeetingSlot {
    int weekday = 1;             // ISO 1 = Monday .. 7 = Sunday
    int minute_of_day = 9 * 60;  // local time in `timezone`
    int duration_minutes = 30;
    std::string timezone = "Europe/Amsterdam";  // of the one who chose it
};

// Two people who are, or were, each other's fixed colleague.
struct PeerPair {
    std::string id;
    std::string user_a;  // the lesser id of the two
    std::string user_b;
    Timestamp started_at{};
    std::optional<Timestamp> ended_at;  // none while the pair lasts
    std::optional<PeerMeetingSlot> meeting_slot;
};

// What a person can share with the fixed colleague, one item at a time.
enum class SharedKind { diary_entry, weekly_review, learning_contract };

// When the peer opened one shared item (the owner sees it).
struct PeerOpening {
    std::string owner_id;
    SharedKind kind = SharedKind::diary_entry;
    std::string period;  // "2026-11-26", "2026-W48", "2026-Q4"
    std::string viewer_id;
    Timestamp first_opened_at{};
    Timestamp last_opened_at{};
};

enum class EventKind { sol_meeting, learning_day };

struct Event {
    std::string id;
    EventKind kind = EventKind::learning_day;
    std::string title;
    Timestamp starts_at{};
    Timestamp ends_at{};
    std::string location;
    std::string description;
    std::optional<int> capacity;  // none: no limit
    std::string organiser_id;     // who created it ("" once that person is erased)
    std::string series_id;        // the monthly or quarterly series it belongs to, or ""
    Timestamp created_at{};
};

// One session of a lerende organisatie dag's programme.
struct EventSession {
    std::string id;
    std::string event_id;
    std::string title;
    std::string host;  // free text: who leads it
    std::string description;
    Timestamp starts_at{};
    Timestamp ends_at{};
    std::optional<int> capacity;
};

enum class RsvpStatus { going, not_going };

// One person's answer to an event, and when it was given.
struct Rsvp {
    std::string event_id;
    std::string user_id;
    RsvpStatus status = RsvpStatus::going;
    Timestamp at{};
};

// One person signed up for a session of an event's programme.
struct SessionSignup {
    std::string session_id;
    std::string user_id;
    Timestamp at{};
};

struct EventAttendance {
    int going_count = 0;
    std::optional<RsvpStatus> mine;  // the asking person's answer, if any
};

struct ProgrammeSession {
    EventSession session;
    int going_count = 0;
    bool mine = false;  // the asking person signed up
};

// The levels of the rhythm, as reminders and the calendar name them.
enum class Level { daily, weekly, monthly, quarterly, yearly };
inline constexpr std::array<Level, 5> all_levels{Level::daily, Level::weekly, Level::monthly, Level::quarterly,
                                                 Level::yearly};

struct LevelReminder {
    bool enabled = false;        // off until the person turns it on
    int minute_of_day = 17 * 60; // local "HH:MM"
    int weekday = 5;             // weekly only: ISO weekday
};

struct ReminderSettings {
    std::string user_id;
    std::array<LevelReminder, 5> levels{};  // indexed by Level
    LevelReminder& at(Level level) { return levels[static_cast<std::size_t>(level)]; }
    const LevelReminder& at(Level level) const { return levels[static_cast<std::size_t>(level)]; }
};

// One reminder to send: at most one per person, level and period ever exists, so a
// reminder goes out once however many passes or processes look at it.
enum class ReminderJobState { pending, claimed, sent };

struct ReminderJob {
    std::string id;
    std::string user_id;
    Level level = Level::daily;
    std::string period;  // the period it reminds of: "2026-11-26", "2026-W48", "2026-11", "2026-Q4", "2026"
    Timestamp due_at{};
    ReminderJobState state = ReminderJobState::pending;
    int attempts = 0;
    std::string claimed_by;     // the worker holding it while claimed
    Timestamp lease_until{};    // a claim past this may be taken over
    std::optional<Timestamp> sent_at;
};

std::string_view to_string(SharedKind kind);
std::string_view to_string(EventKind kind);
std::string_view to_string(RsvpStatus status);
std::string_view to_string(Level level);
std::string_view to_string(ReminderJobState state);
std::optional<SharedKind> parse_shared_kind(std::string_view text);
std::optional<EventKind> parse_event_kind(std::string_view text);
std::optional<RsvpStatus> parse_rsvp_status(std::string_view text);
std::optional<Level> parse_level(std::string_view text);
std::optional<ReminderJobState> parse_reminder_job_state(std::string_view text);

}  // namespace ritme

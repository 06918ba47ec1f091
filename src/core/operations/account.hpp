#pragma once
// A person's own account: who they are (with their fixed colleague), their profile, the
// access tokens they made, their reminders, the secret address of their calendar feed,
// everything held about them, and erasing it all. Secrets themselves (passwords, session
// and token values) are the HTTP seam's (http/auth): these operations take what it made.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/operations/operation.hpp"
#include "core/operations/people.hpp"
#include "core/social.hpp"

namespace ritme::operations {

Result<Account> account(const Ports& ports, const User& person);

// --- creating accounts ----------------------------------------------------------------------

// Whether the installation has an admin (set up) and whether it has anyone at all.
Result<bool> is_set_up(const Ports& ports);
Result<bool> has_accounts(const Ports& ports);

// What a person types for a new account, normalised (the address lower-cased, the name
// trimmed) and checked, before the password is hashed.
struct NewAccount {
    std::string email;
    std::string name;
    std::string password;
};
Result<NewAccount> check_new_account(NewAccount typed);

// The first admin of an empty installation; conflict once an admin exists.
Result<Account> set_up_first_admin(const Ports& ports, NewUser admin);
// Anyone else (from the command line); conflict when the address is taken.
Result<User> create_account(const Ports& ports, NewUser user);

// --- passwords ------------------------------------------------------------------------------

// What a new password leaves alive: the session or the token it was set through.
struct KeptCredential {
    std::string session_token_hash;
    std::string access_token_id;
};
// `hash` (made by the HTTP seam) becomes the person's password; every other session and
// token of theirs ends, and every link to reset it.
Status replace_password(const Ports& ports, const User& person, const std::string& hash, const KeptCredential& kept);

// The person a reset link (by its secret's hash) is for, while it may still be used;
// not_found for a used, expired or unknown link.
Result<User> password_reset_holder(const Ports& ports, const std::string& token_hash);
// Uses the link up: `hash` becomes the password, and every session, token and reset link
// of the person ends. not_found for a used, expired or unknown link.
Result<User> reset_password(const Ports& ports, const std::string& token_hash, const std::string& hash);

// --- the profile ------------------------------------------------------------------------------

// What a change gives; a field left empty stays as it is.
struct ProfileChanges {
    std::optional<std::string> name;
    std::optional<std::string> locale;    // "nl" or "en"
    std::optional<std::string> timezone;  // an IANA name
    std::optional<std::vector<int>> workdays;
};
Result<Account> change_profile(const Ports& ports, const User& person, const ProfileChanges& changes);

// --- access tokens ------------------------------------------------------------------------

Result<std::vector<AccessToken>> access_tokens(const Ports& ports, const User& person);
Status revoke_access_token(const Ports& ports, const User& person, const std::string& token_id);

// --- reminders ----------------------------------------------------------------------------

Result<ReminderSettings> reminders(const Ports& ports, const User& person);

// One level's settings as given; what is left out keeps its value.
struct ReminderChange {
    bool enabled = false;
    std::optional<std::string> time;  // "HH:MM"
    std::optional<int> weekday;       // weekly only
    Status reading = ok_status();     // the first fault found reading this level (answered in turn)
};
struct ReminderChanges {
    std::array<std::optional<ReminderChange>, all_levels.size()> levels;  // by Level
};
// Each level given replaces that level's settings; answers every level as stored.
Result<ReminderSettings> change_reminders(const Ports& ports, const User& person, const ReminderChanges& changes);

// The reminder of one level as a signed link names it (no session): the person, and
// whether that level is on.
struct ReminderOfLevel {
    User person;
    bool enabled = false;
};
Result<ReminderOfLevel> reminder_of_level(const Ports& ports, const std::string& user_id, Level level);
// Answers whether it was on (and is off now).
Result<bool> turn_reminder_off(const Ports& ports, const std::string& user_id, Level level);

// --- the calendar feed ----------------------------------------------------------------------

// The secret of the person's feed address; on first use `fresh` becomes it.
Result<std::string> calendar_secret(const Ports& ports, const User& person, const std::string& fresh);
// `fresh` replaces the secret: the old address is gone.
Result<std::string> replace_calendar_secret(const Ports& ports, const User& person, const std::string& fresh);

// What the feed at a secret address holds: the person, their pair's weekly meeting, and
// the events they go to from three months back to a year ahead of `now`.
struct CalendarFeed {
    Timestamp at{};  // the `now` it was read at
    User person;
    std::optional<PeerMeetingSlot> meeting;
    std::optional<User> peer;
    std::vector<Event> going;
};
Result<CalendarFeed> calendar_feed(const Ports& ports, const std::string& secret);  // not_found

// --- everything held about the person ---------------------------------------------------------

struct RsvpGiven {
    Event event;
    RsvpStatus status = RsvpStatus::going;
};
struct SignedUpSession {  // a session of an event's programme the person signed up for
    std::string event_id;
    EventSession session;
};
struct PersonalData {
    Account account;
    std::vector<DiaryEntry> diary;           // oldest first
    std::vector<WeeklyReview> weeks;         // each with its Check below
    std::vector<std::vector<Day>> checks;    // by week, as `weeks`
    Day today{};                             // the person's today, which SMART verdicts are judged on
    std::vector<MonthlyReflection> months;
    std::vector<LearningContract> contracts;  // every revision of every quarter
    std::vector<YearlyReview> years;
    std::vector<Draft> drafts;  // newest first
    std::vector<TrashedItem> trash;  // deleted items not yet erased, newest first
    std::vector<AccessToken> tokens;
    std::vector<PeerInvitation> invitations;  // pending ones, sent or received
    std::optional<PeerMeetingSlot> meeting;
    std::vector<PeerOpening> openings;  // when the peer opened what the person shared
    std::vector<Event> organised;
    std::vector<RsvpGiven> rsvps;
    std::vector<SignedUpSession> signups;
    ReminderSettings reminders;
    std::vector<Competency> catalogue;  // so that the ids above can be read
};
Result<PersonalData> personal_data(const Ports& ports, const User& person);

// Erases the person and everything they wrote; a pair with them ends.
Status erase_account(const Ports& ports, const User& person);

}  // namespace ritme::operations

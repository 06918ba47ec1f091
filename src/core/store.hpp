#pragma once
// The store: everything Ritme keeps, in the domain's words. Implementations live in
// src/storage (SQLite, PostgreSQL) and pass the same contract suite (tests/storage).
// Every method is atomic on its own and safe to call from several threads at once.
// A "not found" is an empty optional or `false`; a broken database throws StoreFailure.
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/domain.hpp"
#include "core/result.hpp"
#include "core/social.hpp"

namespace ritme {

class StoreFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct NewUser {
    std::string id;
    std::string email;
    std::string name;
    Role role = Role::member;
    Locale locale = Locale::nl;
    std::string timezone = "Europe/Amsterdam";
    std::string password_hash;
    Timestamp created_at{};
};

struct Session {
    std::string token_hash;  // hash of the cookie value; the value itself is never stored
    std::string user_id;
    std::string csrf_token;
    Timestamp created_at{};
    Timestamp expires_at{};    // the absolute end
    std::string id{};          // what the person sees of it: neither the secret nor its hash
    Timestamp last_used_at{};  // the last request it carried (to the minute or so)
    std::string user_agent{};  // of the request that started it
};

// A link to set a new password: single use, short-lived; only its secret's hash is kept.
struct PasswordReset {
    std::string token_hash;
    std::string user_id;
    Timestamp created_at{};
    Timestamp expires_at{};
};

struct AccessToken {
    std::string id;
    std::string user_id;
    std::string name;
    std::string token_hash;
    Timestamp created_at{};
};

struct DiaryQuery {
    std::string user_id;
    std::optional<Day> from;  // inclusive
    std::optional<Day> to;    // inclusive
    std::string text;         // full-text: case and diacritics folded, word prefixes
    std::string competency_id;
    std::string tag;
    bool shared_only = false;
    int limit = 50;               // 1..200
    std::optional<Day> before;    // cursor: only days strictly before this one
};

struct DiaryPage {
    std::vector<DiaryEntry> entries;  // newest first
    std::optional<Day> next_before;   // set when more entries follow
};

// A diary day's "one learning a day" sentence and the competencies the day was tied to.
struct KeyLearning {
    Day day{};
    std::string text;
    std::vector<std::string> competency_ids;  // as the entry lists them
};

struct ParticipationCounts {
    int members = 0;              // members (role member or admin) who exist
    int wrote_diary = 0;          // wrote at least one diary entry in the period
    int held_peer_meeting = 0;    // recorded a held peer meeting in a week touching the period
    int wrote_reflection = 0;     // wrote the monthly reflection of a month in the period
    int agreed_contract = 0;      // have an agreed contract for a quarter touching the period
};

enum class TransactionKind { read, write };

class Store {
public:
    virtual ~Store() = default;

    // Runs `work` as one transaction: every store call it makes on this thread reads one
    // snapshot (read) or is committed together (write) when `work` answers ok, and not at
    // all when it answers an error or throws. `work` may run more than once (a write is
    // retried on its own when another write of its group commit failed), so it only reads
    // and writes through this store and sets its results afresh each time. Transactions
    // do not nest. This default gives no isolation; the stores of src/storage do.
    virtual Status transaction(TransactionKind kind, const std::function<Status()>& work) {
        (void)kind;
        return work();
    }

    virtual bool ping() = 0;

    // Settings (e.g. the hash of the one-time set-up token).
    virtual std::optional<std::string> setting(const std::string& key) = 0;
    virtual void set_setting(const std::string& key, const std::string& value) = 0;
    virtual void delete_setting(const std::string& key) = 0;
    // Every setting, by key (moving an installation). A store that can't list throws.
    virtual std::vector<std::pair<std::string, std::string>> list_settings() {
        throw StoreFailure("this store cannot list its settings");
    }

    // People.
    virtual int count_users() = 0;
    virtual int count_admins() = 0;
    virtual Result<User> create_user(const NewUser& user) = 0;  // conflict: email taken
    // Creates the first admin only while no admin exists (atomically); else conflict.
    virtual Result<User> create_first_admin(const NewUser& user) = 0;
    virtual std::optional<User> find_user(const std::string& id) = 0;
    virtual std::optional<User> find_user_by_email(const std::string& email) = 0;
    virtual std::optional<std::string> password_hash(const std::string& user_id) = 0;
    virtual void update_profile(const User& user) = 0;  // name, locale, timezone, workdays
    virtual void set_password_hash(const std::string& user_id, const std::string& hash) = 0;
    // Erases the person and everything they wrote; a peer pairing with them ends.
    virtual void delete_user(const std::string& user_id) = 0;
    virtual std::vector<User> list_users() = 0;

    // Sessions and personal access tokens.
    virtual void create_session(const Session& session) = 0;
    virtual std::optional<Session> find_session(const std::string& token_hash) = 0;
    // Every session of everyone, oldest first (moving an installation). A store that
    // can't list throws.
    virtual std::vector<Session> list_sessions() { throw StoreFailure("this store cannot list its sessions"); }
    virtual void delete_session(const std::string& token_hash) = 0;
    virtual void delete_expired_sessions(Timestamp now) = 0;
    // Sessions not used since `last_used_before` (the idle timeout) are gone.
    virtual void delete_idle_sessions(Timestamp last_used_before) = 0;
    // The person's sessions, the last used first.
    virtual std::vector<Session> list_sessions_of(const std::string& user_id) = 0;
    // false when the person has no session with that id.
    virtual bool delete_session_of(const std::string& user_id, const std::string& session_id) = 0;
    // Every session of the person but the one with `keep_token_hash` ("": none kept);
    // answers how many ended.
    virtual int delete_sessions_of(const std::string& user_id, const std::string& keep_token_hash) = 0;
    // The session was used at `at`.
    virtual void touch_session(const std::string& token_hash, Timestamp at) = 0;
    virtual void create_access_token(const AccessToken& token) = 0;
    virtual std::optional<AccessToken> find_access_token(const std::string& token_hash) = 0;
    virtual std::vector<AccessToken> list_access_tokens(const std::string& user_id) = 0;
    virtual bool delete_access_token(const std::string& user_id, const std::string& token_id) = 0;
    // Every token of the person but the one with id `keep_id` ("": none kept).
    virtual void delete_access_tokens_of(const std::string& user_id, const std::string& keep_id) = 0;

    // Password reset links.
    virtual void create_password_reset(const PasswordReset& reset) = 0;
    virtual std::optional<PasswordReset> find_password_reset(const std::string& token_hash) = 0;
    // Uses the link up: true for the one caller that removed it.
    virtual bool take_password_reset(const std::string& token_hash) = 0;
    virtual void delete_password_resets_of(const std::string& user_id) = 0;
    virtual void delete_expired_password_resets(Timestamp now) = 0;

    // Login throttling: attempts by key ("login:<email> <ip>", "address:<ip>"), each key
    // with its limit in a window.
    struct AttemptLimit {
        std::string key;
        int limit = 0;
    };
    // Reserves the attempt `attempt` (an id) at `at` under every key at once when each key
    // has fewer than its limit of attempts at or after `since`; answers whether it did, and
    // records nothing when it did not. Atomic: however many reserve at once, no key gets
    // more than its limit. Forgets attempts older than `since`.
    virtual bool reserve_login_attempt(const std::vector<AttemptLimit>& limits, const std::string& attempt,
                                       Timestamp at, Timestamp since) = 0;
    // Takes the attempt back from every key (its password was right).
    virtual void release_login_attempt(const std::string& attempt) = 0;
    // Attempts at or after `since`, oldest first.
    virtual std::vector<Timestamp> login_failures_since(const std::string& key, Timestamp since) = 0;
    virtual void clear_login_failures(const std::string& key) = 0;

    // The competency catalogue.
    virtual std::vector<Competency> list_competencies() = 0;  // by name
    virtual std::optional<Competency> find_competency(const std::string& id) = 0;
    virtual Result<Competency> create_competency(const Competency& competency) = 0;  // conflict: name taken
    virtual Result<Competency> update_competency(const Competency& competency) = 0;  // conflict, not_found

    // Daily.
    virtual std::optional<DiaryEntry> find_diary_entry(const std::string& user_id, Day day) = 0;
    // Inserts or replaces; keeps created_at of a replaced entry. Answers the stored entry
    // and whether it was created.
    struct PutDiaryResult {
        DiaryEntry entry;
        bool created = false;
    };
    virtual PutDiaryResult put_diary_entry(const DiaryEntry& entry) = 0;
    virtual bool delete_diary_entry(const std::string& user_id, Day day) = 0;
    // Stores many new entries, of any people, at once (seeding, moving an installation);
    // entries are inserted as given, timestamps included. An implementation should do it
    // in one transaction; this default stores them one by one.
    virtual void import_diary_entries(const std::vector<DiaryEntry>& entries) {
        for (const DiaryEntry& entry : entries) put_diary_entry(entry);
    }
    virtual DiaryPage list_diary_entries(const DiaryQuery& query) = 0;
    virtual std::vector<Day> diary_days(const std::string& user_id, Day from, Day to) = 0;
    // The person's key learnings from `from` to `to` (both inclusive), by day: the entries
    // whose key_learning is not empty, without the rest of their text.
    virtual std::vector<KeyLearning> key_learnings(const std::string& user_id, Day from, Day to) = 0;

    // Weekly.
    virtual std::optional<WeeklyReview> find_weekly_review(const std::string& user_id, IsoWeek week) = 0;
    virtual WeeklyReview put_weekly_review(const WeeklyReview& review) = 0;  // keeps created_at
    virtual std::vector<WeeklyReview> list_weekly_reviews(const std::string& user_id) = 0;

    // Monthly.
    virtual std::optional<MonthlyReflection> find_monthly_reflection(const std::string& user_id, Month month) = 0;
    virtual MonthlyReflection put_monthly_reflection(const MonthlyReflection& reflection) = 0;
    virtual std::vector<MonthlyReflection> list_monthly_reflections(const std::string& user_id) = 0;

    // Quarterly: each revision of a contract is kept; the current one is the highest.
    virtual std::optional<LearningContract> find_learning_contract(const std::string& user_id, Quarter quarter) = 0;
    // Stores `contract` as its revision (insert, or replace that same revision).
    virtual LearningContract put_learning_contract(const LearningContract& contract) = 0;
    virtual std::vector<LearningContract> list_contract_revisions(const std::string& user_id, Quarter quarter) = 0;
    virtual std::vector<LearningContract> list_learning_contracts(const std::string& user_id) = 0;  // current ones

    // Yearly.
    virtual std::optional<YearlyReview> find_yearly_review(const std::string& user_id, Year year) = 0;
    virtual YearlyReview put_yearly_review(const YearlyReview& review) = 0;
    virtual std::vector<YearlyReview> list_yearly_reviews(const std::string& user_id) = 0;

    // Drafts: one per person, kind and period. put answers the draft as stored.
    virtual Draft put_draft(const Draft& draft) = 0;
    virtual std::optional<Draft> find_draft(const std::string& user_id, DraftKind kind, const std::string& period) = 0;
    virtual std::vector<Draft> list_drafts(const std::string& user_id) = 0;  // newest first
    virtual bool delete_draft(const std::string& user_id, DraftKind kind, const std::string& period) = 0;

    // Removing a level's item (the operations keep it in the trash first); false when
    // there was none. A contract goes with every revision.
    virtual bool delete_weekly_review(const std::string& user_id, IsoWeek week) = 0;
    virtual bool delete_monthly_reflection(const std::string& user_id, Month month) = 0;
    virtual bool delete_learning_contract(const std::string& user_id, Quarter quarter) = 0;
    virtual bool delete_yearly_review(const std::string& user_id, Year year) = 0;

    // The trash: deleted items, whole, by id; erased with their owner.
    virtual void put_trashed_item(const TrashedItem& item) = 0;
    virtual std::optional<TrashedItem> find_trashed_item(const std::string& user_id, const std::string& id) = 0;
    virtual std::vector<TrashedItem> list_trashed_items(const std::string& user_id) = 0;  // newest first
    virtual bool delete_trashed_item(const std::string& user_id, const std::string& id) = 0;
    // Erases everyone's items deleted before `before`; answers how many.
    virtual int erase_trashed_before(Timestamp before) = 0;

    // --- The fixed colleague (peer) ---------------------------------------------------

    // A new pending invitation. conflict: either person already has a peer, or an
    // invitation between the two is pending already; validation_failed: oneself.
    virtual Result<PeerInvitation> create_peer_invitation(const PeerInvitation& invitation) = 0;
    virtual std::optional<PeerInvitation> find_peer_invitation(const std::string& id) = 0;
    // The pending invitations the person sent or received, oldest first.
    virtual std::vector<PeerInvitation> list_peer_invitations(const std::string& user_id) = 0;
    virtual bool delete_peer_invitation(const std::string& id) = 0;
    // Atomically: the invitation (addressed to `user_id`) makes the two each other's peer,
    // and every pending invitation of either is gone. not_found: no such invitation to
    // this person; conflict: one of the two has a peer meanwhile.
    virtual Status accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) = 0;
    // Atomically ends the person's pair for both: neither has a peer, and nothing either
    // shared stays shared (diary entries, weeks and contracts are unshared, the openings
    // and the meeting slot are gone). false when the person had no peer.
    virtual bool end_pair(const std::string& user_id, Timestamp at) = 0;
    // The weekly meeting slot of the person's current pair (the same for both).
    virtual std::optional<PeerMeetingSlot> peer_meeting_slot(const std::string& user_id) = 0;
    // false when the person has no peer.
    virtual bool set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) = 0;
    // Every pair there is or was, by start (moving an installation), and one stored as it
    // was: a current one makes the two each other's peer again. A store that can't list
    // throws.
    virtual std::vector<PeerPair> list_peer_pairs() { throw StoreFailure("this store cannot list its pairs"); }
    virtual void import_peer_pair(const PeerPair& pair) {
        (void)pair;
        throw StoreFailure("this store cannot import pairs");
    }
    // The peer opened a shared item: keeps the first time, updates the last.
    virtual void record_peer_opening(const PeerOpening& opening) = 0;
    virtual std::vector<PeerOpening> list_peer_openings(const std::string& owner_id) = 0;

    // --- Events: SOL meetings and the lerende organisatie dag ---------------------------

    // Stores new events (one, or every occurrence of a series) in one transaction.
    virtual void create_events(const std::vector<Event>& events) = 0;
    virtual std::optional<Event> find_event(const std::string& id) = 0;
    virtual void update_event(const Event& event) = 0;
    virtual bool delete_event(const std::string& id) = 0;  // with its RSVPs and programme
    // Events that overlap [from, to), by start.
    virtual std::vector<Event> list_events(Timestamp from, Timestamp to) = 0;
    // The events of that window the person answered `going` to, by start.
    virtual std::vector<Event> events_going(const std::string& user_id, Timestamp from, Timestamp to) = 0;
    // Atomically; conflict when `going` would pass the capacity (answering going again
    // when already going is fine).
    virtual Status set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status,
                            Timestamp at) = 0;
    virtual EventAttendance event_attendance(const std::string& event_id, const std::string& user_id) = 0;
    // Every answer to the event, and every sign-up for a session, with when it was given
    // (moving an installation). A store that can't list throws.
    virtual std::vector<Rsvp> list_rsvps(const std::string& event_id) {
        (void)event_id;
        throw StoreFailure("this store cannot list answers");
    }
    virtual std::vector<SessionSignup> list_session_signups(const std::string& session_id) {
        (void)session_id;
        throw StoreFailure("this store cannot list sign-ups");
    }
    virtual void create_event_session(const EventSession& session) = 0;
    virtual std::optional<EventSession> find_event_session(const std::string& id) = 0;
    // Removes a session of that event with its sign-ups; false when the event has no such
    // session.
    virtual bool delete_event_session(const std::string& event_id, const std::string& session_id) = 0;
    // The programme by start, with counts and the asking person's sign-ups.
    virtual std::vector<ProgrammeSession> event_programme(const std::string& event_id,
                                                          const std::string& user_id) = 0;
    // Atomically; conflict when signing up would pass the session's capacity.
    virtual Status set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                                      Timestamp at) = 0;

    // --- Reminders ----------------------------------------------------------------------

    // The person's settings; all levels off when never set.
    virtual ReminderSettings reminder_settings(const std::string& user_id) = 0;
    virtual void put_reminder_settings(const ReminderSettings& settings) = 0;
    // Everyone with at least one level on.
    virtual std::vector<ReminderSettings> list_active_reminder_settings() = 0;
    // Adds the job unless one for the same person, level and period exists; answers
    // whether it was added.
    virtual bool enqueue_reminder(const ReminderJob& job) = 0;
    // Claims up to `limit` jobs due at `now` that are pending, or claimed with a lease
    // that ran out, for `worker` until `lease_until`. No two callers, in any process, get
    // the same job.
    virtual std::vector<ReminderJob> claim_reminders(const std::string& worker, Timestamp now,
                                                     Timestamp lease_until, int limit) = 0;
    virtual void mark_reminder_sent(const std::string& job_id, Timestamp at) = 0;
    // Sending failed: pending again from `retry_at`, one attempt more.
    virtual void release_reminder(const std::string& job_id, Timestamp retry_at) = 0;
    virtual std::vector<ReminderJob> list_reminder_jobs(const std::string& user_id) = 0;

    // --- The calendar feed ----------------------------------------------------------------

    // The secret of the person's feed address, if one was made.
    virtual std::optional<std::string> calendar_token(const std::string& user_id) = 0;
    // Replaces the person's secret: the old address answers 404 from now on.
    virtual void set_calendar_token(const std::string& user_id, const std::string& token) = 0;
    virtual std::optional<std::string> user_of_calendar_token(const std::string& token) = 0;

    // Upkeep that no request should wait for (e.g. merging a search index), done in small
    // steps; the server calls it every few seconds. Answers whether work is left.
    virtual bool maintain() { return false; }

    // Organisation counts (never text): the period is [from, to]; the person `leaving_out`
    // (the admin who asks) is not counted.
    virtual ParticipationCounts participation(Day from, Day to, const std::string& leaving_out) = 0;
};

// Runs `work` (answering Result<T>) as store.transaction does and answers what it answered.
template <class Work>
auto in_transaction(Store& store, TransactionKind kind, Work&& work) -> decltype(work()) {
    std::optional<decltype(work())> result;
    Status status = store.transaction(kind, [&]() -> Status {
        result.emplace(work());
        if (!result->ok()) return result->error();
        return ok_status();
    });
    if (!result) return status.error();  // only when the store failed before running it
    return std::move(*result);
}

}  // namespace ritme

#pragma once
// The store, one implementation for SQLite and PostgreSQL through SOCI. What differs
// between the two sits in a Dialect (dialect.hpp); the rest is written once here.
//
// SQLite: one file serves one server process and the commands run beside it; WAL lets
// readers go on while one writer writes. PostgreSQL: several server processes on one
// database, each with no state of its own.
//
// Thread-safe: a call leases one connection of a pool (default 8) for its duration; calls
// beyond that wait for a connection. Inside Store::transaction every call of that thread
// uses the transaction's connection.
#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/store.hpp"

namespace ritme::storage {

class ConnectionPool;
class Dialect;

// What one SQLite connection runs with (for checks and diagnostics).
struct SqliteConnectionSettings {
    std::string journal_mode;  // "wal"
    int synchronous = 0;       // 2 = FULL
    int busy_timeout = 0;      // milliseconds
    int foreign_keys = 0;      // 1 = on
};

class SqlStore final : public Store {
public:
    static constexpr std::size_t default_connections = 8;

    // Opens (creating the file when missing) and migrates the database; throws StoreFailure
    // when that is not possible. SQLite: a file path, not ":memory:" (every connection of
    // the pool would see a database of its own). PostgreSQL: a postgresql:// URL; several
    // processes may open one database at once.
    static std::unique_ptr<SqlStore> open_sqlite(const std::string& path,
                                                 std::size_t connections = default_connections);
    static std::unique_ptr<SqlStore> open_postgres(const std::string& url,
                                                   std::size_t connections = default_connections);
    ~SqlStore() override;
    SqlStore(const SqlStore&) = delete;
    SqlStore& operator=(const SqlStore&) = delete;

    int schema_version();
    std::vector<SqliteConnectionSettings> connection_settings();  // SQLite: one per connection

    Status transaction(TransactionKind kind, const std::function<Status()>& work) override;
    bool ping() override;
    bool maintain() override;

    std::optional<std::string> setting(const std::string& key) override;
    void set_setting(const std::string& key, const std::string& value) override;
    void delete_setting(const std::string& key) override;
    std::vector<std::pair<std::string, std::string>> list_settings() override;

    int count_users() override;
    int count_admins() override;
    Result<User> create_user(const NewUser& user) override;
    Result<User> create_first_admin(const NewUser& user) override;
    std::optional<User> find_user(const std::string& id) override;
    std::optional<User> find_user_by_email(const std::string& email) override;
    std::optional<std::string> password_hash(const std::string& user_id) override;
    void update_profile(const User& user) override;
    void set_password_hash(const std::string& user_id, const std::string& hash) override;
    void delete_user(const std::string& user_id) override;
    std::vector<User> list_users() override;

    void create_session(const Session& session) override;
    std::optional<Session> find_session(const std::string& token_hash) override;
    std::vector<Session> list_sessions() override;
    void delete_session(const std::string& token_hash) override;
    void delete_expired_sessions(Timestamp now) override;
    void delete_idle_sessions(Timestamp last_used_before) override;
    std::vector<Session> list_sessions_of(const std::string& user_id) override;
    bool delete_session_of(const std::string& user_id, const std::string& session_id) override;
    int delete_sessions_of(const std::string& user_id, const std::string& keep_token_hash) override;
    void touch_session(const std::string& token_hash, Timestamp at) override;
    void create_access_token(const AccessToken& token) override;
    std::optional<AccessToken> find_access_token(const std::string& token_hash) override;
    std::vector<AccessToken> list_access_tokens(const std::string& user_id) override;
    bool delete_access_token(const std::string& user_id, const std::string& token_id) override;
    void delete_access_tokens_of(const std::string& user_id, const std::string& keep_id) override;
    void create_password_reset(const PasswordReset& reset) override;
    std::optional<PasswordReset> find_password_reset(const std::string& token_hash) override;
    bool take_password_reset(const std::string& token_hash) override;
    void delete_password_resets_of(const std::string& user_id) override;
    void delete_expired_password_resets(Timestamp now) override;

    bool reserve_login_attempt(const std::vector<AttemptLimit>& limits, const std::string& attempt, Timestamp at,
                               Timestamp since) override;
    void release_login_attempt(const std::string& attempt) override;
    std::vector<Timestamp> login_failures_since(const std::string& key, Timestamp since) override;
    void clear_login_failures(const std::string& key) override;

    std::vector<Competency> list_competencies() override;
    std::optional<Competency> find_competency(const std::string& id) override;
    Result<Competency> create_competency(const Competency& competency) override;
    Result<Competency> update_competency(const Competency& competency) override;

    std::optional<DiaryEntry> find_diary_entry(const std::string& user_id, Day day) override;
    PutDiaryResult put_diary_entry(const DiaryEntry& entry) override;
    bool delete_diary_entry(const std::string& user_id, Day day) override;
    void import_diary_entries(const std::vector<DiaryEntry>& entries) override;
    DiaryPage list_diary_entries(const DiaryQuery& query) override;
    std::vector<Day> diary_days(const std::string& user_id, Day from, Day to) override;
    std::vector<KeyLearning> key_learnings(const std::string& user_id, Day from, Day to) override;

    std::optional<WeeklyReview> find_weekly_review(const std::string& user_id, IsoWeek week) override;
    WeeklyReview put_weekly_review(const WeeklyReview& review) override;
    std::vector<WeeklyReview> list_weekly_reviews(const std::string& user_id) override;

    std::optional<MonthlyReflection> find_monthly_reflection(const std::string& user_id, Month month) override;
    MonthlyReflection put_monthly_reflection(const MonthlyReflection& reflection) override;
    std::vector<MonthlyReflection> list_monthly_reflections(const std::string& user_id) override;

    std::optional<LearningContract> find_learning_contract(const std::string& user_id, Quarter quarter) override;
    LearningContract put_learning_contract(const LearningContract& contract) override;
    std::vector<LearningContract> list_contract_revisions(const std::string& user_id, Quarter quarter) override;
    std::vector<LearningContract> list_learning_contracts(const std::string& user_id) override;

    std::optional<YearlyReview> find_yearly_review(const std::string& user_id, Year year) override;
    YearlyReview put_yearly_review(const YearlyReview& review) override;
    std::vector<YearlyReview> list_yearly_reviews(const std::string& user_id) override;

    Draft put_draft(const Draft& draft) override;
    std::optional<Draft> find_draft(const std::string& user_id, DraftKind kind, const std::string& period) override;
    std::vector<Draft> list_drafts(const std::string& user_id) override;
    bool delete_draft(const std::string& user_id, DraftKind kind, const std::string& period) override;

    bool delete_weekly_review(const std::string& user_id, IsoWeek week) override;
    bool delete_monthly_reflection(const std::string& user_id, Month month) override;
    bool delete_learning_contract(const std::string& user_id, Quarter quarter) override;
    bool delete_yearly_review(const std::string& user_id, Year year) override;
    void put_trashed_item(const TrashedItem& item) override;
    std::optional<TrashedItem> find_trashed_item(const std::string& user_id, const std::string& id) override;
    std::vector<TrashedItem> list_trashed_items(const std::string& user_id) override;
    bool delete_trashed_item(const std::string& user_id, const std::string& id) override;
    int erase_trashed_before(Timestamp before) override;

    Result<PeerInvitation> create_peer_invitation(const PeerInvitation& invitation) override;
    std::optional<PeerInvitation> find_peer_invitation(const std::string& id) override;
    std::vector<PeerInvitation> list_peer_invitations(const std::string& user_id) override;
    bool delete_peer_invitation(const std::string& id) override;
    Status accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp at) override;
    bool end_pair(const std::string& user_id, Timestamp at) override;
    std::optional<PeerMeetingSlot> peer_meeting_slot(const std::string& user_id) override;
    bool set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) override;
    std::vector<PeerPair> list_peer_pairs() override;
    void import_peer_pair(const PeerPair& pair) override;
    void record_peer_opening(const PeerOpening& opening) override;
    std::vector<PeerOpening> list_peer_openings(const std::string& owner_id) override;

    void create_events(const std::vector<Event>& events) override;
    std::optional<Event> find_event(const std::string& id) override;
    void update_event(const Event& event) override;
    bool delete_event(const std::string& id) override;
    std::vector<Event> list_events(Timestamp from, Timestamp to) override;
    std::vector<Event> events_going(const std::string& user_id, Timestamp from, Timestamp to) override;
    Status set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status,
                    Timestamp at) override;
    EventAttendance event_attendance(const std::string& event_id, const std::string& user_id) override;
    std::vector<Rsvp> list_rsvps(const std::string& event_id) override;
    std::vector<SessionSignup> list_session_signups(const std::string& session_id) override;
    void create_event_session(const EventSession& session) override;
    std::optional<EventSession> find_event_session(const std::string& id) override;
    bool delete_event_session(const std::string& event_id, const std::string& session_id) override;
    std::vector<ProgrammeSession> event_programme(const std::string& event_id, const std::string& user_id) override;
    Status set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                              Timestamp at) override;

    ReminderSettings reminder_settings(const std::string& user_id) override;
    void put_reminder_settings(const ReminderSettings& settings) override;
    std::vector<ReminderSettings> list_active_reminder_settings() override;
    bool enqueue_reminder(const ReminderJob& job) override;
    std::vector<ReminderJob> claim_reminders(const std::string& worker, Timestamp now, Timestamp lease_until,
                                             int limit) override;
    void mark_reminder_sent(const std::string& job_id, Timestamp at) override;
    void release_reminder(const std::string& job_id, Timestamp retry_at) override;
    std::vector<ReminderJob> list_reminder_jobs(const std::string& user_id) override;

    std::optional<std::string> calendar_token(const std::string& user_id) override;
    void set_calendar_token(const std::string& user_id, const std::string& token) override;
    std::optional<std::string> user_of_calendar_token(const std::string& token) override;

    ParticipationCounts participation(Day from, Day to, const std::string& leaving_out) override;

private:
    SqlStore(std::unique_ptr<Dialect> dialect, std::size_t connections);
    Result<User> insert_user(const NewUser& user, Role role, bool only_while_no_admin);

    std::unique_ptr<Dialect> dialect_;  // SOCI stays out of this header
    std::unique_ptr<ConnectionPool> pool_;
};

// Creates the SQLite file when it is missing and brings its schema up to date. Safe to
// run while the server has the file open.
void migrate_sqlite(const std::string& path);

}  // namespace ritme::storage

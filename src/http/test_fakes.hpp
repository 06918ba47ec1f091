#pragma once
// Small in-memory fakes for the HTTP layer's unit tests: a Store that keeps people,
// sessions, tokens, settings, login failures, and simply the peer, events, reminder
// settings and calendar secrets (everything else throws), a fixed clock,
// counting ids, a calendar that knows a few zones and a fast, fake password hasher.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/store.hpp"
#include "http/http.hpp"

namespace ritme::http::fakes {

class FakeStore : public Store {
public:
    bool healthy = true;

    bool ping() override { return healthy; }

    std::optional<std::string> setting(const std::string& key) override {
        std::lock_guard lock(mutex_);
        auto found = settings_.find(key);
        if (found == settings_.end()) return std::nullopt;
        return found->second;
    }
    void set_setting(const std::string& key, const std::string& value) override {
        std::lock_guard lock(mutex_);
        settings_[key] = value;
    }
    void delete_setting(const std::string& key) override {
        std::lock_guard lock(mutex_);
        settings_.erase(key);
    }

    int count_users() override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(users_.size());
    }
    int count_admins() override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(std::count_if(users_.begin(), users_.end(),
                                              [](const auto& entry) { return entry.second.role == Role::admin; }));
    }
    Result<User> create_user(const NewUser& user) override {
        std::lock_guard lock(mutex_);
        return insert(user);
    }
    Result<User> create_first_admin(const NewUser& user) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, existing] : users_) {
            if (existing.role == Role::admin) return Error{ErrorCode::conflict, "an admin exists"};
        }
        return insert(user);
    }
    std::optional<User> find_user(const std::string& id) override {
        std::lock_guard lock(mutex_);
        auto found = users_.find(id);
        if (found == users_.end()) return std::nullopt;
        return found->second;
    }
    std::optional<User> find_user_by_email(const std::string& email) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, user] : users_) {
            if (user.email == email) return user;
        }
        return std::nullopt;
    }
    std::optional<std::string> password_hash(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        auto found = hashes_.find(user_id);
        if (found == hashes_.end()) return std::nullopt;
        return found->second;
    }
    void update_profile(const User& user) override {
        std::lock_guard lock(mutex_);
        User& stored = users_.at(user.id);
        stored.name = user.name;
        stored.locale = user.locale;
        stored.timezone = user.timezone;
        stored.workdays = user.workdays;
    }
    void set_password_hash(const std::string& user_id, const std::string& hash) override {
        std::lock_guard lock(mutex_);
        hashes_[user_id] = hash;
    }
    void delete_user(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        end_pair_of(user_id);
        std::erase_if(invitations_, [&](const auto& entry) {
            return entry.second.from_user_id == user_id || entry.second.to_user_id == user_id;
        });
        std::erase_if(rsvps_, [&](const auto& entry) { return entry.first.second == user_id; });
        for (auto& [id, event] : events_) {
            if (event.organiser_id == user_id) event.organiser_id.clear();
        }
        reminders_.erase(user_id);
        calendar_tokens_.erase(user_id);
        users_.erase(user_id);
        hashes_.erase(user_id);
        for (auto& [id, user] : users_) {
            if (user.peer_id == user_id) user.peer_id.reset();
        }
        std::erase_if(sessions_, [&](const auto& entry) { return entry.second.user_id == user_id; });
        std::erase_if(tokens_, [&](const auto& entry) { return entry.second.user_id == user_id; });
    }
    std::vector<User> list_users() override {
        std::lock_guard lock(mutex_);
        std::vector<User> users;
        for (const auto& [id, user] : users_) users.push_back(user);
        return users;
    }

    void create_session(const Session& session) override {
        std::lock_guard lock(mutex_);
        sessions_[session.token_hash] = session;
    }
    std::optional<Session> find_session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        auto found = sessions_.find(token_hash);
        if (found == sessions_.end()) return std::nullopt;
        return found->second;
    }
    void delete_session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        sessions_.erase(token_hash);
    }
    void delete_expired_sessions(Timestamp now) override {
        std::lock_guard lock(mutex_);
        std::erase_if(sessions_, [&](const auto& entry) { return entry.second.expires_at <= now; });
    }
    void create_access_token(const AccessToken& token) override {
        std::lock_guard lock(mutex_);
        tokens_[token.id] = token;
    }
    std::optional<AccessToken> find_access_token(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, token] : tokens_) {
            if (token.token_hash == token_hash) return token;
        }
        return std::nullopt;
    }
    std::vector<AccessToken> list_access_tokens(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<AccessToken> tokens;
        for (const auto& [id, token] : tokens_) {
            if (token.user_id == user_id) tokens.push_back(token);
        }
        return tokens;
    }
    bool delete_access_token(const std::string& user_id, const std::string& token_id) override {
        std::lock_guard lock(mutex_);
        auto found = tokens_.find(token_id);
        if (found == tokens_.end() || found->second.user_id != user_id) return false;
        tokens_.erase(found);
        return true;
    }

    void record_login_failure(const std::string& key, Timestamp at) override {
        std::lock_guard lock(mutex_);
        failures_[key].push_back(at);
    }
    std::vector<Timestamp> login_failures_since(const std::string& key, Timestamp since) override {
        std::lock_guard lock(mutex_);
        std::vector<Timestamp> found;
        for (Timestamp at : failures_[key]) {
            if (at >= since) found.push_back(at);
        }
        std::sort(found.begin(), found.end());
        return found;
    }
    void clear_login_failures(const std::string& key) override {
        std::lock_guard lock(mutex_);
        failures_.erase(key);
    }

    // The social rhythm, kept simply (one lock makes every method atomic).
    Result<PeerInvitation> create_peer_invitation(const PeerInvitation& invitation) override {
        std::lock_guard lock(mutex_);
        if (invitation.from_user_id == invitation.to_user_id) return validation_error("email", "oneself");
        auto from = users_.find(invitation.from_user_id), to = users_.find(invitation.to_user_id);
        if (from == users_.end() || to == users_.end()) return Error{ErrorCode::not_found, "no such person"};
        if (from->second.peer_id || to->second.peer_id) return Error{ErrorCode::conflict, "has a peer"};
        for (const auto& [id, pending] : invitations_) {
            if ((pending.from_user_id == invitation.from_user_id && pending.to_user_id == invitation.to_user_id) ||
                (pending.from_user_id == invitation.to_user_id && pending.to_user_id == invitation.from_user_id)) {
                return Error{ErrorCode::conflict, "pending"};
            }
        }
        invitations_[invitation.id] = invitation;
        return invitation;
    }
    std::optional<PeerInvitation> find_peer_invitation(const std::string& id) override {
        std::lock_guard lock(mutex_);
        auto found = invitations_.find(id);
        if (found == invitations_.end()) return std::nullopt;
        return found->second;
    }
    std::vector<PeerInvitation> list_peer_invitations(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<PeerInvitation> found;
        for (const auto& [id, invitation] : invitations_) {
            if (invitation.from_user_id == user_id || invitation.to_user_id == user_id) found.push_back(invitation);
        }
        std::sort(found.begin(), found.end(),
                  [](const auto& a, const auto& b) { return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id); });
        return found;
    }
    bool delete_peer_invitation(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return invitations_.erase(id) > 0;
    }
    Status accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp) override {
        std::lock_guard lock(mutex_);
        auto found = invitations_.find(id);
        if (found == invitations_.end() || found->second.to_user_id != user_id) {
            return Error{ErrorCode::not_found, "no such invitation"};
        }
        const std::string from = found->second.from_user_id;
        if (users_.at(from).peer_id || users_.at(user_id).peer_id) return Error{ErrorCode::conflict, "has a peer"};
        users_.at(from).peer_id = user_id;
        users_.at(user_id).peer_id = from;
        std::erase_if(invitations_, [&](const auto& entry) {
            for (const std::string* person : {&from, &user_id}) {
                if (entry.second.from_user_id == *person || entry.second.to_user_id == *person) return true;
            }
            return false;
        });
        return ok_status();
    }
    bool end_pair(const std::string& user_id, Timestamp) override {
        std::lock_guard lock(mutex_);
        return end_pair_of(user_id);
    }
    std::optional<PeerMeetingSlot> peer_meeting_slot(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        auto found = slots_.find(pair_key(user_id));
        if (found == slots_.end()) return std::nullopt;
        return found->second;
    }
    bool set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) override {
        std::lock_guard lock(mutex_);
        const std::string key = pair_key(user_id);
        if (key.empty()) return false;
        slots_[key] = slot;
        return true;
    }
    void record_peer_opening(const PeerOpening& opening) override {
        std::lock_guard lock(mutex_);
        for (PeerOpening& known : openings_) {
            if (known.owner_id == opening.owner_id && known.kind == opening.kind && known.period == opening.period &&
                known.viewer_id == opening.viewer_id) {
                known.last_opened_at = std::max(known.last_opened_at, opening.last_opened_at);
                return;
            }
        }
        openings_.push_back(opening);
    }
    std::vector<PeerOpening> list_peer_openings(const std::string& owner_id) override {
        std::lock_guard lock(mutex_);
        std::vector<PeerOpening> found;
        for (const PeerOpening& opening : openings_) {
            if (opening.owner_id == owner_id) found.push_back(opening);
        }
        return found;
    }

    Draft put_draft(const Draft& draft) override {
        std::lock_guard lock(mutex_);
        std::erase_if(drafts_, [&](const Draft& known) { return same_draft(known, draft.user_id, draft.kind, draft.period); });
        drafts_.push_back(draft);
        return draft;
    }
    std::optional<Draft> find_draft(const std::string& user_id, DraftKind kind, const std::string& period) override {
        std::lock_guard lock(mutex_);
        for (const Draft& draft : drafts_) {
            if (same_draft(draft, user_id, kind, period)) return draft;
        }
        return std::nullopt;
    }
    std::vector<Draft> list_drafts(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<Draft> found;
        for (const Draft& draft : drafts_) {
            if (draft.user_id == user_id) found.push_back(draft);
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const Draft& a, const Draft& b) { return a.updated_at > b.updated_at; });
        return found;
    }
    bool delete_draft(const std::string& user_id, DraftKind kind, const std::string& period) override {
        std::lock_guard lock(mutex_);
        return std::erase_if(drafts_, [&](const Draft& known) { return same_draft(known, user_id, kind, period); }) > 0;
    }

    void create_events(const std::vector<Event>& events) override {
        std::lock_guard lock(mutex_);
        for (const Event& event : events) events_[event.id] = event;
    }
    std::optional<Event> find_event(const std::string& id) override {
        std::lock_guard lock(mutex_);
        auto found = events_.find(id);
        if (found == events_.end()) return std::nullopt;
        return found->second;
    }
    void update_event(const Event& event) override {
        std::lock_guard lock(mutex_);
        events_[event.id] = event;
    }
    bool delete_event(const std::string& id) override {
        std::lock_guard lock(mutex_);
        std::erase_if(rsvps_, [&](const auto& entry) { return entry.first.first == id; });
        return events_.erase(id) > 0;
    }
    std::vector<Event> list_events(Timestamp from, Timestamp to) override {
        std::lock_guard lock(mutex_);
        return events_in(from, to, "");
    }
    std::vector<Event> events_going(const std::string& user_id, Timestamp from, Timestamp to) override {
        std::lock_guard lock(mutex_);
        return events_in(from, to, user_id);
    }
    Status set_rsvp(const std::string& event_id, const std::string& user_id, RsvpStatus status, Timestamp) override {
        std::lock_guard lock(mutex_);
        auto event = events_.find(event_id);
        if (event == events_.end()) return Error{ErrorCode::not_found, "no such event"};
        auto mine = rsvps_.find({event_id, user_id});
        const bool going_already = mine != rsvps_.end() && mine->second == RsvpStatus::going;
        if (status == RsvpStatus::going && !going_already && event->second.capacity &&
            going_count(event_id) >= *event->second.capacity) {
            return Error{ErrorCode::conflict, "full"};
        }
        rsvps_[{event_id, user_id}] = status;
        return ok_status();
    }
    EventAttendance event_attendance(const std::string& event_id, const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        EventAttendance attendance{going_count(event_id), std::nullopt};
        auto mine = rsvps_.find({event_id, user_id});
        if (mine != rsvps_.end()) attendance.mine = mine->second;
        return attendance;
    }
    void create_event_session(const EventSession&) override { absent(); }
    std::optional<EventSession> find_event_session(const std::string&) override { absent(); }
    bool delete_event_session(const std::string&, const std::string&) override { absent(); }
    std::vector<ProgrammeSession> event_programme(const std::string&, const std::string&) override { return {}; }
    Status set_session_signup(const std::string&, const std::string&, bool, Timestamp) override { absent(); }

    ReminderSettings reminder_settings(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        auto found = reminders_.find(user_id);
        if (found == reminders_.end()) return ReminderSettings{user_id};
        return found->second;
    }
    void put_reminder_settings(const ReminderSettings& settings) override {
        std::lock_guard lock(mutex_);
        reminders_[settings.user_id] = settings;
    }
    std::vector<ReminderSettings> list_active_reminder_settings() override {
        std::lock_guard lock(mutex_);
        std::vector<ReminderSettings> active;
        for (const auto& [id, settings] : reminders_) {
            if (std::any_of(settings.levels.begin(), settings.levels.end(), [](const auto& l) { return l.enabled; }))
                active.push_back(settings);
        }
        return active;
    }
    bool enqueue_reminder(const ReminderJob&) override { absent(); }
    std::vector<ReminderJob> claim_reminders(const std::string&, Timestamp, Timestamp, int) override { absent(); }
    void mark_reminder_sent(const std::string&, Timestamp) override { absent(); }
    void release_reminder(const std::string&, Timestamp) override { absent(); }
    std::vector<ReminderJob> list_reminder_jobs(const std::string&) override { absent(); }

    std::optional<std::string> calendar_token(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        auto found = calendar_tokens_.find(user_id);
        if (found == calendar_tokens_.end()) return std::nullopt;
        return found->second;
    }
    void set_calendar_token(const std::string& user_id, const std::string& token) override {
        std::lock_guard lock(mutex_);
        calendar_tokens_[user_id] = token;
    }
    std::optional<std::string> user_of_calendar_token(const std::string& token) override {
        std::lock_guard lock(mutex_);
        for (const auto& [user_id, known] : calendar_tokens_) {
            if (known == token) return user_id;
        }
        return std::nullopt;
    }

    // Test helpers.
    std::size_t session_count() {
        std::lock_guard lock(mutex_);
        return sessions_.size();
    }
    void set_peer(const std::string& user_id, const std::string& peer_id) {
        std::lock_guard lock(mutex_);
        users_.at(user_id).peer_id = peer_id;
        users_.at(peer_id).peer_id = user_id;
    }

    // Not part of what the HTTP layer's own endpoints use.
    [[noreturn]] static void absent() { throw std::logic_error("not in the fake store"); }
    std::vector<Competency> list_competencies() override { absent(); }
    std::optional<Competency> find_competency(const std::string&) override { absent(); }
    Result<Competency> create_competency(const Competency&) override { absent(); }
    Result<Competency> update_competency(const Competency&) override { absent(); }
    std::optional<DiaryEntry> find_diary_entry(const std::string&, Day) override { absent(); }
    PutDiaryResult put_diary_entry(const DiaryEntry&) override { absent(); }
    bool delete_diary_entry(const std::string&, Day) override { absent(); }
    DiaryPage list_diary_entries(const DiaryQuery&) override { absent(); }
    std::vector<Day> diary_days(const std::string&, Day, Day) override { absent(); }
    std::optional<WeeklyReview> find_weekly_review(const std::string&, IsoWeek) override { absent(); }
    WeeklyReview put_weekly_review(const WeeklyReview&) override { absent(); }
    std::vector<WeeklyReview> list_weekly_reviews(const std::string&) override { absent(); }
    std::optional<MonthlyReflection> find_monthly_reflection(const std::string&, Month) override { absent(); }
    MonthlyReflection put_monthly_reflection(const MonthlyReflection&) override { absent(); }
    std::vector<MonthlyReflection> list_monthly_reflections(const std::string&) override { absent(); }
    std::optional<LearningContract> find_learning_contract(const std::string&, Quarter) override { absent(); }
    LearningContract put_learning_contract(const LearningContract&) override { absent(); }
    std::vector<LearningContract> list_contract_revisions(const std::string&, Quarter) override { absent(); }
    std::vector<LearningContract> list_learning_contracts(const std::string&) override { absent(); }
    std::optional<YearlyReview> find_yearly_review(const std::string&, Year) override { absent(); }
    YearlyReview put_yearly_review(const YearlyReview&) override { absent(); }
    std::vector<YearlyReview> list_yearly_reviews(const std::string&) override { absent(); }
    ParticipationCounts participation(Day, Day) override { absent(); }

private:
    // Both members' ids, sorted and joined: the key of the person's current pair ("" if none).
    std::string pair_key(const std::string& user_id) const {
        auto found = users_.find(user_id);
        if (found == users_.end() || !found->second.peer_id) return {};
        return std::min(user_id, *found->second.peer_id) + "+" + std::max(user_id, *found->second.peer_id);
    }
    bool end_pair_of(const std::string& user_id) {
        auto found = users_.find(user_id);
        if (found == users_.end() || !found->second.peer_id) return false;
        const std::string peer = *found->second.peer_id;
        slots_.erase(pair_key(user_id));
        std::erase_if(openings_, [&](const PeerOpening& opening) {
            return opening.owner_id == user_id || opening.owner_id == peer;
        });
        found->second.peer_id.reset();
        auto other = users_.find(peer);
        if (other != users_.end()) other->second.peer_id.reset();
        return true;
    }
    int going_count(const std::string& event_id) const {
        return static_cast<int>(std::count_if(rsvps_.begin(), rsvps_.end(), [&](const auto& entry) {
            return entry.first.first == event_id && entry.second == RsvpStatus::going;
        }));
    }
    // Events overlapping [from, to), by start; only those `going_user` goes to, if given.
    std::vector<Event> events_in(Timestamp from, Timestamp to, const std::string& going_user) const {
        std::vector<Event> found;
        for (const auto& [id, event] : events_) {
            if (!(event.starts_at < to && event.ends_at > from)) continue;
            if (!going_user.empty()) {
                auto answer = rsvps_.find({id, going_user});
                if (answer == rsvps_.end() || answer->second != RsvpStatus::going) continue;
            }
            found.push_back(event);
        }
        std::sort(found.begin(), found.end(),
                  [](const Event& a, const Event& b) { return std::tie(a.starts_at, a.id) < std::tie(b.starts_at, b.id); });
        return found;
    }

    Result<User> insert(const NewUser& user) {
        for (const auto& [id, existing] : users_) {
            if (existing.email == user.email) return Error{ErrorCode::conflict, "email taken"};
        }
        User created;
        created.id = user.id;
        created.email = user.email;
        created.name = user.name;
        created.role = user.role;
        created.locale = user.locale;
        created.timezone = user.timezone;
        created.created_at = user.created_at;
        users_[user.id] = created;
        hashes_[user.id] = user.password_hash;
        return created;
    }

    std::mutex mutex_;
    static bool same_draft(const Draft& draft, const std::string& user_id, DraftKind kind, const std::string& period) {
        return draft.user_id == user_id && draft.kind == kind && draft.period == period;
    }
    std::vector<Draft> drafts_;
    std::map<std::string, std::string> settings_;
    std::map<std::string, User> users_;
    std::map<std::string, std::string> hashes_;
    std::map<std::string, Session> sessions_;
    std::map<std::string, AccessToken> tokens_;
    std::map<std::string, std::vector<Timestamp>> failures_;
    std::map<std::string, PeerInvitation> invitations_;
    std::map<std::string, PeerMeetingSlot> slots_;  // by pair_key()
    std::vector<PeerOpening> openings_;
    std::map<std::string, Event> events_;
    std::map<std::pair<std::string, std::string>, RsvpStatus> rsvps_;  // by (event, person)
    std::map<std::string, ReminderSettings> reminders_;
    std::map<std::string, std::string> calendar_tokens_;  // by person
};

class FixedClock : public Clock {
public:
    Timestamp at = std::chrono::sys_days{std::chrono::year{2026} / 11 / 26} + std::chrono::hours{9};
    Timestamp now() const override { return at; }
};

class CountingIds : public IdSource {
public:
    std::string new_id() override {
        std::lock_guard lock(mutex_);
        return "id" + std::to_string(++count_);
    }

private:
    std::mutex mutex_;
    int count_ = 0;
};

class FewZones : public ZoneCalendar {
public:
    bool is_known_zone(std::string_view name) const override {
        return name == "Europe/Amsterdam" || name == "UTC" || name == "America/New_York";
    }
    Day local_day(Timestamp at, std::string_view) const override {
        return Day{std::chrono::floor<std::chrono::days>(at)};
    }
    // Every zone is UTC here.
    int local_minute_of_day(Timestamp at, std::string_view) const override {
        return static_cast<int>(
            std::chrono::duration_cast<std::chrono::minutes>(at - std::chrono::floor<std::chrono::days>(at)).count());
    }
    Timestamp instant_at(Day day, int minute_of_day, std::string_view) const override {
        return Timestamp{std::chrono::sys_days{day}} + std::chrono::minutes{minute_of_day};
    }
};

// "plain:" + password: fast, and enough to tell right from wrong.
class PlainHasher : public PasswordHasher {
public:
    std::string hash(const std::string& password) override { return "plain:" + password; }
    bool verify(const std::string& hash, const std::string& password) override { return hash == "plain:" + password; }
};

struct FakeWorld {
    FakeStore store;
    FixedClock clock;
    CountingIds ids;
    FewZones calendar;
    PlainHasher passwords;
    Services services{store, clock, ids, calendar, passwords, "http://ritme.test"};
};

}  // namespace ritme::http::fakes

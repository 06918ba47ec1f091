#pragma once
// Small in-memory fakes for the HTTP layer's unit tests: a Store that keeps people,
// sessions, tokens, settings and login failures (everything else throws), a fixed clock,
// counting ids, a calendar that knows a few zones and a fast, fake password hasher.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
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
    std::map<std::string, std::string> settings_;
    std::map<std::string, User> users_;
    std::map<std::string, std::string> hashes_;
    std::map<std::string, Session> sessions_;
    std::map<std::string, AccessToken> tokens_;
    std::map<std::string, std::vector<Timestamp>> failures_;
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
    Services services{store, clock, ids, calendar, passwords};
};

}  // namespace ritme::http::fakes

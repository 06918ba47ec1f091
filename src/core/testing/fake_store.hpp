#pragma once
// In-memory fakes of core's ports for unit tests of every layer: a Store that keeps all of
// it in maps (every method atomic under one lock; the diary search is a plain word-prefix
// match), a fixed clock, counting ids and a calendar in which every zone is UTC.
//
// Its transactions are real enough to test operations with: one at a time, rolled back
// when the work answers an error or throws, refused when nested, counted by kind, and,
// with `repeat_writes`, each write's work is run twice (the first run rolled back), as a
// store may do when a group commit fails.
#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/store.hpp"
#include "core/text.hpp"

namespace ritme::fakes {

class FakeStore : public Store {
public:
    bool healthy = true;
    bool repeat_writes = false;

    // --- transactions -------------------------------------------------------------------

    Status transaction(TransactionKind kind, const std::function<Status()>& work) override {
        if (open_on_this_thread()) throw std::logic_error("transactions do not nest");
        std::lock_guard serial(transaction_mutex_);
        open_on_this_thread() = true;
        struct Close {
            ~Close() { open_on_this_thread() = false; }
        } close;
        {
            std::lock_guard lock(mutex_);
            ++(kind == TransactionKind::read ? reads_ : writes_);
        }
        const int runs = kind == TransactionKind::write && repeat_writes ? 2 : 1;
        for (int run = 1; run <= runs; ++run) {
            State before = snapshot();
            Status status = ok_status();
            try {
                status = work();
            } catch (...) {
                restore(std::move(before));
                throw;
            }
            if (!status) {
                restore(std::move(before));
                return status;
            }
            if (run < runs) restore(std::move(before));
        }
        return ok_status();
    }
    int read_transactions() {
        std::lock_guard lock(mutex_);
        return reads_;
    }
    int write_transactions() {
        std::lock_guard lock(mutex_);
        return writes_;
    }

    bool ping() override { return healthy; }

    // --- settings -----------------------------------------------------------------------

    std::optional<std::string> setting(const std::string& key) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.settings, key);
    }
    void set_setting(const std::string& key, const std::string& value) override {
        std::lock_guard lock(mutex_);
        s_.settings[key] = value;
    }
    void delete_setting(const std::string& key) override {
        std::lock_guard lock(mutex_);
        s_.settings.erase(key);
    }

    // --- people -------------------------------------------------------------------------

    int count_users() override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(s_.users.size());
    }
    int count_admins() override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(std::count_if(s_.users.begin(), s_.users.end(),
                                              [](const auto& entry) { return entry.second.role == Role::admin; }));
    }
    Result<User> create_user(const NewUser& user) override {
        std::lock_guard lock(mutex_);
        return insert(user);
    }
    Result<User> create_first_admin(const NewUser& user) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, existing] : s_.users) {
            if (existing.role == Role::admin) return Error{ErrorCode::conflict, "an admin exists"};
        }
        return insert(user);
    }
    std::optional<User> find_user(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.users, id);
    }
    std::optional<User> find_user_by_email(const std::string& email) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, user] : s_.users) {
            if (user.email == email) return user;
        }
        return std::nullopt;
    }
    std::optional<std::string> password_hash(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.hashes, user_id);
    }
    void update_profile(const User& user) override {
        std::lock_guard lock(mutex_);
        User& stored = s_.users.at(user.id);
        stored.name = user.name;
        stored.locale = user.locale;
        stored.timezone = user.timezone;
        stored.workdays = user.workdays;
    }
    void set_password_hash(const std::string& user_id, const std::string& hash) override {
        std::lock_guard lock(mutex_);
        s_.hashes[user_id] = hash;
    }
    void delete_user(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        end_pair_of(user_id);
        std::erase_if(s_.invitations, [&](const auto& entry) {
            return entry.second.from_user_id == user_id || entry.second.to_user_id == user_id;
        });
        std::erase_if(s_.rsvps, [&](const auto& entry) { return entry.first.second == user_id; });
        std::erase_if(s_.signups, [&](const auto& entry) { return entry.second == user_id; });
        for (auto& [id, event] : s_.events) {
            if (event.organiser_id == user_id) event.organiser_id.clear();
        }
        auto of_person = [&](const auto& entry) { return std::get<0>(entry.first) == user_id; };
        std::erase_if(s_.diary, of_person);
        std::erase_if(s_.drafts, of_person);
        std::erase_if(s_.weeks, of_person);
        std::erase_if(s_.months, of_person);
        std::erase_if(s_.contracts, of_person);
        std::erase_if(s_.years, of_person);
        std::erase_if(s_.trash, [&](const auto& entry) { return entry.second.user_id == user_id; });
        s_.reminders.erase(user_id);
        s_.calendar_tokens.erase(user_id);
        s_.users.erase(user_id);
        s_.hashes.erase(user_id);
        for (auto& [id, user] : s_.users) {
            if (user.peer_id == user_id) user.peer_id.reset();
        }
        std::erase_if(s_.sessions, [&](const auto& entry) { return entry.second.user_id == user_id; });
        std::erase_if(s_.tokens, [&](const auto& entry) { return entry.second.user_id == user_id; });
        std::erase_if(s_.resets, [&](const auto& entry) { return entry.second.user_id == user_id; });
    }
    std::vector<User> list_users() override {
        std::lock_guard lock(mutex_);
        std::vector<User> users;
        for (const auto& [id, user] : s_.users) users.push_back(user);
        return users;
    }

    // --- sessions and tokens ------------------------------------------------------------

    void create_session(const Session& session) override {
        std::lock_guard lock(mutex_);
        s_.sessions[session.token_hash] = session;
    }
    std::optional<Session> find_session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.sessions, token_hash);
    }
    void delete_session(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        s_.sessions.erase(token_hash);
    }
    void delete_expired_sessions(Timestamp now) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.sessions, [&](const auto& entry) { return entry.second.expires_at <= now; });
    }
    void delete_idle_sessions(Timestamp last_used_before) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.sessions, [&](const auto& entry) { return entry.second.last_used_at < last_used_before; });
    }
    std::vector<Session> list_sessions_of(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<Session> found;
        for (const auto& [hash, session] : s_.sessions) {
            if (session.user_id == user_id) found.push_back(session);
        }
        std::sort(found.begin(), found.end(), [](const Session& a, const Session& b) {
            return std::tie(b.last_used_at, a.id) < std::tie(a.last_used_at, b.id);
        });
        return found;
    }
    bool delete_session_of(const std::string& user_id, const std::string& session_id) override {
        std::lock_guard lock(mutex_);
        if (session_id.empty()) return false;
        return std::erase_if(s_.sessions, [&](const auto& entry) {
                   return entry.second.user_id == user_id && entry.second.id == session_id;
               }) > 0;
    }
    int delete_sessions_of(const std::string& user_id, const std::string& keep_token_hash) override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(std::erase_if(s_.sessions, [&](const auto& entry) {
            return entry.second.user_id == user_id && entry.first != keep_token_hash;
        }));
    }
    void touch_session(const std::string& token_hash, Timestamp at) override {
        std::lock_guard lock(mutex_);
        if (auto found = s_.sessions.find(token_hash); found != s_.sessions.end()) found->second.last_used_at = at;
    }
    void create_access_token(const AccessToken& token) override {
        std::lock_guard lock(mutex_);
        s_.tokens[token.id] = token;
    }
    std::optional<AccessToken> find_access_token(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        for (const auto& [id, token] : s_.tokens) {
            if (token.token_hash == token_hash) return token;
        }
        return std::nullopt;
    }
    std::vector<AccessToken> list_access_tokens(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<AccessToken> tokens;
        for (const auto& [id, token] : s_.tokens) {
            if (token.user_id == user_id) tokens.push_back(token);
        }
        return tokens;
    }
    bool delete_access_token(const std::string& user_id, const std::string& token_id) override {
        std::lock_guard lock(mutex_);
        auto found = s_.tokens.find(token_id);
        if (found == s_.tokens.end() || found->second.user_id != user_id) return false;
        s_.tokens.erase(found);
        return true;
    }
    void delete_access_tokens_of(const std::string& user_id, const std::string& keep_id) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.tokens,
                      [&](const auto& entry) { return entry.second.user_id == user_id && entry.first != keep_id; });
    }

    void create_password_reset(const PasswordReset& reset) override {
        std::lock_guard lock(mutex_);
        s_.resets[reset.token_hash] = reset;
    }
    std::optional<PasswordReset> find_password_reset(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.resets, token_hash);
    }
    bool take_password_reset(const std::string& token_hash) override {
        std::lock_guard lock(mutex_);
        return s_.resets.erase(token_hash) > 0;
    }
    void delete_password_resets_of(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.resets, [&](const auto& entry) { return entry.second.user_id == user_id; });
    }
    void delete_expired_password_resets(Timestamp now) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.resets, [&](const auto& entry) { return entry.second.expires_at <= now; });
    }

    bool reserve_login_attempt(const std::vector<AttemptLimit>& limits, const std::string& attempt, Timestamp at,
                               Timestamp since) override {
        std::lock_guard lock(mutex_);
        for (auto& [key, attempts] : s_.failures) {
            std::erase_if(attempts, [&](const auto& kept) { return kept.first < since; });
        }
        for (const AttemptLimit& limit : limits) {
            if (static_cast<int>(s_.failures[limit.key].size()) >= limit.limit) return false;
        }
        for (const AttemptLimit& limit : limits) s_.failures[limit.key].emplace_back(at, attempt);
        return true;
    }
    void release_login_attempt(const std::string& attempt) override {
        std::lock_guard lock(mutex_);
        for (auto& [key, attempts] : s_.failures) {
            std::erase_if(attempts, [&](const auto& kept) { return kept.second == attempt; });
        }
    }
    std::vector<Timestamp> login_failures_since(const std::string& key, Timestamp since) override {
        std::lock_guard lock(mutex_);
        std::vector<Timestamp> found;
        for (const auto& [at, attempt] : s_.failures[key]) {
            if (at >= since) found.push_back(at);
        }
        std::sort(found.begin(), found.end());
        return found;
    }
    void clear_login_failures(const std::string& key) override {
        std::lock_guard lock(mutex_);
        s_.failures.erase(key);
    }

    // --- the competency catalogue -------------------------------------------------------

    std::vector<Competency> list_competencies() override {
        std::lock_guard lock(mutex_);
        std::vector<Competency> found;
        for (const auto& [id, competency] : s_.competencies) found.push_back(competency);
        std::sort(found.begin(), found.end(),
                  [](const Competency& a, const Competency& b) { return std::tie(a.name, a.id) < std::tie(b.name, b.id); });
        return found;
    }
    std::optional<Competency> find_competency(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.competencies, id);
    }
    Result<Competency> create_competency(const Competency& competency) override {
        std::lock_guard lock(mutex_);
        if (name_taken(competency)) return Error{ErrorCode::conflict, "A competency with that name exists."};
        s_.competencies[competency.id] = competency;
        return competency;
    }
    Result<Competency> update_competency(const Competency& competency) override {
        std::lock_guard lock(mutex_);
        if (s_.competencies.count(competency.id) == 0) return Error{ErrorCode::not_found, "No such competency."};
        if (name_taken(competency)) return Error{ErrorCode::conflict, "A competency with that name exists."};
        s_.competencies[competency.id] = competency;
        return competency;
    }

    // --- daily --------------------------------------------------------------------------

    std::optional<DiaryEntry> find_diary_entry(const std::string& user_id, Day day) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.diary, std::pair{user_id, day});
    }
    PutDiaryResult put_diary_entry(const DiaryEntry& entry) override {
        std::lock_guard lock(mutex_);
        auto key = std::pair{entry.user_id, entry.day};
        auto found = s_.diary.find(key);
        DiaryEntry stored = entry;
        if (found != s_.diary.end()) stored.created_at = found->second.created_at;
        bool created = found == s_.diary.end();
        s_.diary[key] = stored;
        return {stored, created};
    }
    bool delete_diary_entry(const std::string& user_id, Day day) override {
        std::lock_guard lock(mutex_);
        return s_.diary.erase(std::pair{user_id, day}) > 0;
    }
    DiaryPage list_diary_entries(const DiaryQuery& query) override {
        std::lock_guard lock(mutex_);
        std::vector<std::string> words = words_of(query.text);
        DiaryPage page;
        for (auto item = s_.diary.rbegin(); item != s_.diary.rend(); ++item) {
            const DiaryEntry& entry = item->second;
            if (entry.user_id != query.user_id) continue;
            if ((query.from && entry.day < *query.from) || (query.to && entry.day > *query.to)) continue;
            if (query.before && !(entry.day < *query.before)) continue;
            if (query.shared_only && !entry.shared_with_peer) continue;
            if (!query.competency_id.empty() && !contains(entry.competency_ids, query.competency_id)) continue;
            if (!query.tag.empty() && !contains(entry.tags, query.tag)) continue;
            if (!matches(entry, words)) continue;
            if (page.entries.size() == static_cast<std::size_t>(query.limit)) {
                page.next_before = page.entries.back().day;
                break;
            }
            page.entries.push_back(entry);
        }
        return page;
    }
    std::vector<Day> diary_days(const std::string& user_id, Day from, Day to) override {
        std::lock_guard lock(mutex_);
        std::vector<Day> days;
        for (const auto& [key, entry] : s_.diary) {
            if (key.first == user_id && !(key.second < from) && !(to < key.second)) days.push_back(key.second);
        }
        return days;
    }
    std::vector<KeyLearning> key_learnings(const std::string& user_id, Day from, Day to) override {
        std::lock_guard lock(mutex_);
        std::vector<KeyLearning> learnings;
        for (const auto& [key, entry] : s_.diary) {
            if (key.first != user_id || key.second < from || to < key.second || entry.key_learning.empty()) continue;
            learnings.push_back(KeyLearning{entry.day, entry.key_learning, entry.competency_ids});
        }
        return learnings;
    }

    // --- weekly, monthly, quarterly, yearly ---------------------------------------------

    std::optional<WeeklyReview> find_weekly_review(const std::string& user_id, IsoWeek week) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.weeks, std::pair{user_id, week});
    }
    WeeklyReview put_weekly_review(const WeeklyReview& review) override {
        std::lock_guard lock(mutex_);
        return put_keeping_created(s_.weeks, std::pair{review.user_id, review.week}, review);
    }
    std::vector<WeeklyReview> list_weekly_reviews(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        return all_of(s_.weeks, user_id);
    }
    std::optional<MonthlyReflection> find_monthly_reflection(const std::string& user_id, Month month) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.months, std::pair{user_id, month});
    }
    MonthlyReflection put_monthly_reflection(const MonthlyReflection& reflection) override {
        std::lock_guard lock(mutex_);
        return put_keeping_created(s_.months, std::pair{reflection.user_id, reflection.month}, reflection);
    }
    std::vector<MonthlyReflection> list_monthly_reflections(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        return all_of(s_.months, user_id);
    }
    std::optional<LearningContract> find_learning_contract(const std::string& user_id, Quarter quarter) override {
        std::lock_guard lock(mutex_);
        std::optional<LearningContract> current;
        for (const auto& [key, contract] : s_.contracts) {
            if (std::get<0>(key) == user_id && std::get<1>(key) == quarter) current = contract;
        }
        return current;
    }
    LearningContract put_learning_contract(const LearningContract& contract) override {
        std::lock_guard lock(mutex_);
        s_.contracts[std::tuple{contract.user_id, contract.quarter, contract.revision}] = contract;
        return contract;
    }
    std::vector<LearningContract> list_contract_revisions(const std::string& user_id, Quarter quarter) override {
        std::lock_guard lock(mutex_);
        std::vector<LearningContract> revisions;
        for (const auto& [key, contract] : s_.contracts) {
            if (std::get<0>(key) == user_id && std::get<1>(key) == quarter) revisions.push_back(contract);
        }
        return revisions;
    }
    std::vector<LearningContract> list_learning_contracts(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::map<Quarter, LearningContract> current;
        for (const auto& [key, contract] : s_.contracts) {
            if (std::get<0>(key) == user_id) current[std::get<1>(key)] = contract;
        }
        std::vector<LearningContract> contracts;
        for (auto& [quarter, contract] : current) contracts.push_back(std::move(contract));
        return contracts;
    }
    std::optional<YearlyReview> find_yearly_review(const std::string& user_id, Year year) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.years, std::pair{user_id, year});
    }
    YearlyReview put_yearly_review(const YearlyReview& review) override {
        std::lock_guard lock(mutex_);
        return put_keeping_created(s_.years, std::pair{review.user_id, review.year}, review);
    }
    std::vector<YearlyReview> list_yearly_reviews(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        return all_of(s_.years, user_id);
    }

    // --- the fixed colleague ------------------------------------------------------------

    Result<PeerInvitation> create_peer_invitation(const PeerInvitation& invitation) override {
        std::lock_guard lock(mutex_);
        if (invitation.from_user_id == invitation.to_user_id) return validation_error("email", "oneself");
        auto from = s_.users.find(invitation.from_user_id), to = s_.users.find(invitation.to_user_id);
        if (from == s_.users.end() || to == s_.users.end()) return Error{ErrorCode::not_found, "no such person"};
        if (from->second.peer_id || to->second.peer_id) return Error{ErrorCode::conflict, "has a peer"};
        for (const auto& [id, pending] : s_.invitations) {
            if ((pending.from_user_id == invitation.from_user_id && pending.to_user_id == invitation.to_user_id) ||
                (pending.from_user_id == invitation.to_user_id && pending.to_user_id == invitation.from_user_id)) {
                return Error{ErrorCode::conflict, "pending"};
            }
        }
        s_.invitations[invitation.id] = invitation;
        return invitation;
    }
    std::optional<PeerInvitation> find_peer_invitation(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.invitations, id);
    }
    std::vector<PeerInvitation> list_peer_invitations(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<PeerInvitation> found;
        for (const auto& [id, invitation] : s_.invitations) {
            if (invitation.from_user_id == user_id || invitation.to_user_id == user_id) found.push_back(invitation);
        }
        std::sort(found.begin(), found.end(),
                  [](const auto& a, const auto& b) { return std::tie(a.created_at, a.id) < std::tie(b.created_at, b.id); });
        return found;
    }
    bool delete_peer_invitation(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return s_.invitations.erase(id) > 0;
    }
    Status accept_peer_invitation(const std::string& id, const std::string& user_id, Timestamp) override {
        std::lock_guard lock(mutex_);
        auto found = s_.invitations.find(id);
        if (found == s_.invitations.end() || found->second.to_user_id != user_id) {
            return Error{ErrorCode::not_found, "no such invitation"};
        }
        const std::string from = found->second.from_user_id;
        if (s_.users.at(from).peer_id || s_.users.at(user_id).peer_id) return Error{ErrorCode::conflict, "has a peer"};
        s_.users.at(from).peer_id = user_id;
        s_.users.at(user_id).peer_id = from;
        std::erase_if(s_.invitations, [&](const auto& entry) {
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
        return found_in(s_.slots, pair_key(user_id));
    }
    bool set_peer_meeting_slot(const std::string& user_id, const PeerMeetingSlot& slot) override {
        std::lock_guard lock(mutex_);
        const std::string key = pair_key(user_id);
        if (key.empty()) return false;
        s_.slots[key] = slot;
        return true;
    }
    void record_peer_opening(const PeerOpening& opening) override {
        std::lock_guard lock(mutex_);
        for (PeerOpening& known : s_.openings) {
            if (known.owner_id == opening.owner_id && known.kind == opening.kind && known.period == opening.period &&
                known.viewer_id == opening.viewer_id) {
                known.last_opened_at = std::max(known.last_opened_at, opening.last_opened_at);
                return;
            }
        }
        s_.openings.push_back(opening);
    }
    std::vector<PeerOpening> list_peer_openings(const std::string& owner_id) override {
        std::lock_guard lock(mutex_);
        std::vector<PeerOpening> found;
        for (const PeerOpening& opening : s_.openings) {
            if (opening.owner_id == owner_id) found.push_back(opening);
        }
        return found;
    }

    // --- drafts -------------------------------------------------------------------------

    Draft put_draft(const Draft& draft) override {
        std::lock_guard lock(mutex_);
        return s_.drafts[{draft.user_id, draft.kind, draft.period}] = draft;
    }
    std::optional<Draft> find_draft(const std::string& user_id, DraftKind kind, const std::string& period) override {
        std::lock_guard lock(mutex_);
        auto found = s_.drafts.find({user_id, kind, period});
        if (found == s_.drafts.end()) return std::nullopt;
        return found->second;
    }
    std::vector<Draft> list_drafts(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<Draft> found;
        for (const auto& [key, draft] : s_.drafts) {
            if (draft.user_id == user_id) found.push_back(draft);
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const Draft& a, const Draft& b) { return a.updated_at > b.updated_at; });
        return found;
    }
    bool delete_draft(const std::string& user_id, DraftKind kind, const std::string& period) override {
        std::lock_guard lock(mutex_);
        return s_.drafts.erase({user_id, kind, period}) > 0;
    }

    // --- removing a level's item, and the trash --------------------------------------------

    bool delete_weekly_review(const std::string& user_id, IsoWeek week) override {
        std::lock_guard lock(mutex_);
        return s_.weeks.erase({user_id, week}) > 0;
    }
    bool delete_monthly_reflection(const std::string& user_id, Month month) override {
        std::lock_guard lock(mutex_);
        return s_.months.erase({user_id, month}) > 0;
    }
    bool delete_learning_contract(const std::string& user_id, Quarter quarter) override {
        std::lock_guard lock(mutex_);
        return std::erase_if(s_.contracts, [&](const auto& entry) {
                   return std::get<0>(entry.first) == user_id && std::get<1>(entry.first) == quarter;
               }) > 0;
    }
    bool delete_yearly_review(const std::string& user_id, Year year) override {
        std::lock_guard lock(mutex_);
        return s_.years.erase({user_id, year}) > 0;
    }
    void put_trashed_item(const TrashedItem& item) override {
        std::lock_guard lock(mutex_);
        s_.trash[item.id] = item;
    }
    std::optional<TrashedItem> find_trashed_item(const std::string& user_id, const std::string& id) override {
        std::lock_guard lock(mutex_);
        auto found = s_.trash.find(id);
        if (found == s_.trash.end() || found->second.user_id != user_id) return std::nullopt;
        return found->second;
    }
    std::vector<TrashedItem> list_trashed_items(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<TrashedItem> found;
        for (const auto& [id, item] : s_.trash) {
            if (item.user_id == user_id) found.push_back(item);
        }
        std::stable_sort(found.begin(), found.end(),
                         [](const TrashedItem& a, const TrashedItem& b) { return a.deleted_at > b.deleted_at; });
        return found;
    }
    bool delete_trashed_item(const std::string& user_id, const std::string& id) override {
        std::lock_guard lock(mutex_);
        auto found = s_.trash.find(id);
        if (found == s_.trash.end() || found->second.user_id != user_id) return false;
        s_.trash.erase(found);
        return true;
    }
    int erase_trashed_before(Timestamp before) override {
        std::lock_guard lock(mutex_);
        return static_cast<int>(std::erase_if(s_.trash, [&](const auto& entry) { return entry.second.deleted_at < before; }));
    }

    // --- events -------------------------------------------------------------------------

    void create_events(const std::vector<Event>& events) override {
        std::lock_guard lock(mutex_);
        for (const Event& event : events) s_.events[event.id] = event;
    }
    std::optional<Event> find_event(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.events, id);
    }
    void update_event(const Event& event) override {
        std::lock_guard lock(mutex_);
        s_.events[event.id] = event;
    }
    bool delete_event(const std::string& id) override {
        std::lock_guard lock(mutex_);
        std::erase_if(s_.rsvps, [&](const auto& entry) { return entry.first.first == id; });
        std::erase_if(s_.event_sessions, [&](const auto& entry) { return entry.second.event_id == id; });
        return s_.events.erase(id) > 0;
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
        auto event = s_.events.find(event_id);
        if (event == s_.events.end()) return Error{ErrorCode::not_found, "no such event"};
        auto mine = s_.rsvps.find({event_id, user_id});
        const bool going_already = mine != s_.rsvps.end() && mine->second == RsvpStatus::going;
        if (status == RsvpStatus::going && !going_already && event->second.capacity &&
            going_count(event_id) >= *event->second.capacity) {
            return Error{ErrorCode::conflict, "full"};
        }
        s_.rsvps[{event_id, user_id}] = status;
        return ok_status();
    }
    EventAttendance event_attendance(const std::string& event_id, const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        EventAttendance attendance{going_count(event_id), std::nullopt};
        auto mine = s_.rsvps.find({event_id, user_id});
        if (mine != s_.rsvps.end()) attendance.mine = mine->second;
        return attendance;
    }
    void create_event_session(const EventSession& session) override {
        std::lock_guard lock(mutex_);
        s_.event_sessions[session.id] = session;
    }
    std::optional<EventSession> find_event_session(const std::string& id) override {
        std::lock_guard lock(mutex_);
        return found_in(s_.event_sessions, id);
    }
    bool delete_event_session(const std::string& event_id, const std::string& session_id) override {
        std::lock_guard lock(mutex_);
        auto found = s_.event_sessions.find(session_id);
        if (found == s_.event_sessions.end() || found->second.event_id != event_id) return false;
        s_.event_sessions.erase(found);
        std::erase_if(s_.signups, [&](const auto& signup) { return signup.first == session_id; });
        return true;
    }
    std::vector<ProgrammeSession> event_programme(const std::string& event_id, const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        std::vector<ProgrammeSession> programme;
        for (const auto& [id, session] : s_.event_sessions) {
            if (session.event_id != event_id) continue;
            programme.push_back({session, signups_of(id), s_.signups.count({id, user_id}) > 0});
        }
        std::sort(programme.begin(), programme.end(), [](const ProgrammeSession& a, const ProgrammeSession& b) {
            return std::tie(a.session.starts_at, a.session.id) < std::tie(b.session.starts_at, b.session.id);
        });
        return programme;
    }
    Status set_session_signup(const std::string& session_id, const std::string& user_id, bool going,
                              Timestamp) override {
        std::lock_guard lock(mutex_);
        auto session = s_.event_sessions.find(session_id);
        if (session == s_.event_sessions.end()) return Error{ErrorCode::not_found, "no such session"};
        if (!going) {
            s_.signups.erase({session_id, user_id});
            return ok_status();
        }
        if (s_.signups.count({session_id, user_id}) > 0) return ok_status();
        if (session->second.capacity && signups_of(session_id) >= *session->second.capacity) {
            return Error{ErrorCode::conflict, "full"};
        }
        s_.signups.insert({session_id, user_id});
        return ok_status();
    }

    // --- reminders and the calendar feed ------------------------------------------------

    ReminderSettings reminder_settings(const std::string& user_id) override {
        std::lock_guard lock(mutex_);
        auto found = s_.reminders.find(user_id);
        if (found == s_.reminders.end()) return ReminderSettings{user_id};
        return found->second;
    }
    void put_reminder_settings(const ReminderSettings& settings) override {
        std::lock_guard lock(mutex_);
        s_.reminders[settings.user_id] = settings;
    }
    std::vector<ReminderSettings> list_active_reminder_settings() override {
        std::lock_guard lock(mutex_);
        std::vector<ReminderSettings> active;
        for (const auto& [id, settings] : s_.reminders) {
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
        return found_in(s_.calendar_tokens, user_id);
    }
    void set_calendar_token(const std::string& user_id, const std::string& token) override {
        std::lock_guard lock(mutex_);
        s_.calendar_tokens[user_id] = token;
    }
    std::optional<std::string> user_of_calendar_token(const std::string& token) override {
        std::lock_guard lock(mutex_);
        for (const auto& [user_id, known] : s_.calendar_tokens) {
            if (known == token) return user_id;
        }
        return std::nullopt;
    }

    ParticipationCounts participation(Day, Day, const std::string&) override { absent(); }

    // --- test helpers -------------------------------------------------------------------

    std::size_t session_count() {
        std::lock_guard lock(mutex_);
        return s_.sessions.size();
    }
    void set_peer(const std::string& user_id, const std::string& peer_id) {
        std::lock_guard lock(mutex_);
        s_.users.at(user_id).peer_id = peer_id;
        s_.users.at(peer_id).peer_id = user_id;
    }

    // What this fake does not keep.
    [[noreturn]] static void absent() { throw std::logic_error("not in the fake store"); }

private:
    struct State {
        std::map<std::string, std::string> settings;
        std::map<std::string, User> users;
        std::map<std::string, std::string> hashes;
        std::map<std::string, Session> sessions;
        std::map<std::string, AccessToken> tokens;
        std::map<std::string, PasswordReset> resets;  // by token hash
        std::map<std::string, std::vector<std::pair<Timestamp, std::string>>> failures;  // when, which attempt
        std::map<std::string, Competency> competencies;
        std::map<std::pair<std::string, Day>, DiaryEntry> diary;
        std::map<std::pair<std::string, IsoWeek>, WeeklyReview> weeks;
        std::map<std::pair<std::string, Month>, MonthlyReflection> months;
        std::map<std::tuple<std::string, Quarter, int>, LearningContract> contracts;
        std::map<std::pair<std::string, Year>, YearlyReview> years;
        std::map<std::string, PeerInvitation> invitations;
        std::map<std::string, PeerMeetingSlot> slots;  // by pair_key()
        std::vector<PeerOpening> openings;
        std::map<std::string, Event> events;
        std::map<std::pair<std::string, std::string>, RsvpStatus> rsvps;  // by (event, person)
        std::map<std::string, ReminderSettings> reminders;
        std::map<std::string, std::string> calendar_tokens;  // by person
        std::map<std::string, EventSession> event_sessions;  // of events' programmes, by id
        std::set<std::pair<std::string, std::string>> signups;  // (session, person)
        std::map<std::tuple<std::string, DraftKind, std::string>, Draft> drafts;  // (person, kind, period)
        std::map<std::string, TrashedItem> trash;  // by id
    };

    static bool& open_on_this_thread() {
        static thread_local bool open = false;
        return open;
    }
    State snapshot() {
        std::lock_guard lock(mutex_);
        return s_;
    }
    void restore(State state) {
        std::lock_guard lock(mutex_);
        s_ = std::move(state);
    }

    template <class Map, class Key>
    static std::optional<typename Map::mapped_type> found_in(const Map& map, const Key& key) {
        auto found = map.find(key);
        if (found == map.end()) return std::nullopt;
        return found->second;
    }
    template <class Map, class Key, class Record>
    static Record put_keeping_created(Map& map, const Key& key, Record record) {
        if (auto found = map.find(key); found != map.end()) record.created_at = found->second.created_at;
        map[key] = record;
        return record;
    }
    template <class Map>
    static std::vector<typename Map::mapped_type> all_of(const Map& map, const std::string& user_id) {
        std::vector<typename Map::mapped_type> found;
        for (const auto& [key, record] : map) {
            if (key.first == user_id) found.push_back(record);
        }
        return found;
    }
    static bool contains(const std::vector<std::string>& list, const std::string& item) {
        return std::find(list.begin(), list.end(), item) != list.end();
    }
    static std::vector<std::string> words_of(const std::string& text) {
        std::vector<std::string> words;
        std::string word;
        for (char c : fold_text(text) + " ") {
            bool part = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
            if (part) {
                word += c;
            } else if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        }
        return words;
    }
    // Every word of the search is the start of some word of the entry.
    static bool matches(const DiaryEntry& entry, const std::vector<std::string>& search) {
        if (search.empty()) return true;
        std::string all = entry.learning_moments + " " + entry.handling + " " + entry.key_learning;
        for (const std::string& tag : entry.tags) all += " " + tag;
        std::vector<std::string> words = words_of(all);
        return std::all_of(search.begin(), search.end(), [&](const std::string& wanted) {
            return std::any_of(words.begin(), words.end(), [&](const std::string& word) { return word.starts_with(wanted); });
        });
    }
    bool name_taken(const Competency& competency) const {
        for (const auto& [id, other] : s_.competencies) {
            if (id != competency.id && fold_text(other.name) == fold_text(competency.name)) return true;
        }
        return false;
    }

    // Both members' ids, sorted and joined: the key of the person's current pair ("" if none).
    std::string pair_key(const std::string& user_id) const {
        auto found = s_.users.find(user_id);
        if (found == s_.users.end() || !found->second.peer_id) return {};
        return std::min(user_id, *found->second.peer_id) + "+" + std::max(user_id, *found->second.peer_id);
    }
    // Neither has a peer; nothing either shared stays shared.
    bool end_pair_of(const std::string& user_id) {
        auto found = s_.users.find(user_id);
        if (found == s_.users.end() || !found->second.peer_id) return false;
        const std::string peer = *found->second.peer_id;
        s_.slots.erase(pair_key(user_id));
        std::erase_if(s_.openings, [&](const PeerOpening& opening) {
            return opening.owner_id == user_id || opening.owner_id == peer || opening.viewer_id == user_id ||
                   opening.viewer_id == peer;
        });
        auto of_pair = [&](const std::string& owner) { return owner == user_id || owner == peer; };
        for (auto& [key, entry] : s_.diary) {
            if (of_pair(key.first)) entry.shared_with_peer = false;
        }
        for (auto& [key, review] : s_.weeks) {
            if (of_pair(key.first)) review.shared_with_peer = false;
        }
        for (auto& [key, contract] : s_.contracts) {
            if (!of_pair(std::get<0>(key))) continue;
            contract.shared_with_peer = false;
            if (contract.status == ContractStatus::shared) contract.status = ContractStatus::draft;
        }
        found->second.peer_id.reset();
        auto other = s_.users.find(peer);
        if (other != s_.users.end()) other->second.peer_id.reset();
        return true;
    }
    int going_count(const std::string& event_id) const {
        return static_cast<int>(std::count_if(s_.rsvps.begin(), s_.rsvps.end(), [&](const auto& entry) {
            return entry.first.first == event_id && entry.second == RsvpStatus::going;
        }));
    }
    int signups_of(const std::string& session_id) const {
        return static_cast<int>(std::count_if(s_.signups.begin(), s_.signups.end(),
                                              [&](const auto& signup) { return signup.first == session_id; }));
    }
    // Events overlapping [from, to), by start; only those `going_user` goes to, if given.
    std::vector<Event> events_in(Timestamp from, Timestamp to, const std::string& going_user) const {
        std::vector<Event> found;
        for (const auto& [id, event] : s_.events) {
            if (!(event.starts_at < to && event.ends_at > from)) continue;
            if (!going_user.empty()) {
                auto answer = s_.rsvps.find({id, going_user});
                if (answer == s_.rsvps.end() || answer->second != RsvpStatus::going) continue;
            }
            found.push_back(event);
        }
        std::sort(found.begin(), found.end(),
                  [](const Event& a, const Event& b) { return std::tie(a.starts_at, a.id) < std::tie(b.starts_at, b.id); });
        return found;
    }

    Result<User> insert(const NewUser& user) {
        for (const auto& [id, existing] : s_.users) {
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
        s_.users[user.id] = created;
        s_.hashes[user.id] = user.password_hash;
        return created;
    }

    std::mutex transaction_mutex_;  // one transaction at a time
    std::mutex mutex_;              // every method atomic
    State s_;
    int reads_ = 0;
    int writes_ = 0;
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

}  // namespace ritme::fakes

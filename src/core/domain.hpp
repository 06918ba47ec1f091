#pragma once
// The five levels of the rhythm and the people who keep it, in the domain's words.
#include <optional>
#include <string>
#include <vector>

#include "core/periods.hpp"

namespace ritme {

enum class Role { member, admin };
enum class Locale { nl, en };

struct Competency {
    std::string id;
    std::string name;
    std::string description;
    bool archived = false;
};

struct User {
    std::string id;
    std::string email;  // stored lower-cased
    std::string name;
    Role role = Role::member;
    Locale locale = Locale::nl;
    std::string timezone = "Europe/Amsterdam";
    std::vector<int> workdays{1, 2, 3, 4, 5};  // ISO weekday numbers, sorted, unique
    std::optional<std::string> peer_id;
    Timestamp created_at{};
};

// Daily: the learning diary. One entry per day per person.
struct DiaryEntry {
    std::string user_id;
    Day day{};
    std::string learning_moments;  // required, 1..20,000 characters
    std::string handling;          // 0..20,000 characters
    std::string key_learning;      // "one learning a day", 0..280 characters
    std::vector<std::string> competency_ids;
    std::vector<std::string> tags;  // at most 20, each 1..40 characters
    bool shared_with_peer = false;
    int minutes = 0;  // 0..600
    Timestamp created_at{};
    Timestamp updated_at{};
    int version = 1;  // grows by one with each save (saving says which version it replaces)
};

// Weekly: the peer review with the fixed colleague and the PDCA plan.
struct PeerMeeting {
    bool held = false;
    std::optional<Day> day;
    std::string notes;
};

struct WeeklyPlan {
    std::string competency_id;  // "" when not chosen yet
    std::string situation;
    std::string approach;
    std::string measure;
    std::optional<Day> deadline;
};

struct WeeklyReview {
    std::string user_id;
    IsoWeek week{};
    PeerMeeting peer_meeting;
    WeeklyPlan plan;  // Plan (Do happens at work)
    std::string act;  // Act: how the plans are adjusted
    bool shared_with_peer = false;
    Timestamp created_at{};
    Timestamp updated_at{};
    int version = 1;  // grows by one with each save (saving says which version it replaces)
    // Check is derived: the week's diary days (never stored here).
};

// Monthly: self-reflection with one or two focus competencies.
enum class GoalStatus { not_started, on_track, at_risk, achieved };

struct GoalProgress {
    std::string goal_id;
    GoalStatus status = GoalStatus::not_started;
    std::string note;
};

struct MonthlyReflection {
    std::string user_id;
    Month month{};
    std::vector<std::string> focus_competency_ids;  // one or two
    std::string went_well;
    std::string could_be_better;
    std::string approach;
    std::vector<GoalProgress> goal_progress;
    bool sol_meeting_attended = false;
    Timestamp created_at{};
    Timestamp updated_at{};
    int version = 1;  // grows by one with each save (saving says which version it replaces)
};

// Quarterly: the Learning Contract, discussed with the fixed colleague.
enum class ContractStatus { draft, shared, agreed };

struct ContractGoal {
    std::string id;
    std::string text;
    std::string measure;
    std::optional<Day> deadline;
};

struct ContractComment {
    std::string by;  // user id of the one who commented
    std::string comment;
    bool agree = false;
    Timestamp at{};
};

struct LearningContract {
    std::string user_id;
    Quarter quarter{};
    int revision = 1;
    std::string where_from;  // Waar kom je vandaan?
    std::string where_now;   // Waar sta je nu?
    std::string aims;        // Wat wil je bereikt hebben over 3 maanden?
    std::string approach;    // Hoe ga je dit doen?
    std::string evidence;    // Hoe weet je of je deze leerdoelstellingen hebt bereikt?
    std::vector<std::string> competency_ids;
    std::vector<ContractGoal> goals;
    ContractStatus status = ContractStatus::draft;
    bool shared_with_peer = false;  // visible to the current peer (shared, or agreed, and not taken back)
    std::vector<ContractComment> discussion;
    Timestamp created_at{};
    Timestamp updated_at{};
    int version = 1;  // grows by one with each save (saving says which version it replaces)
};

// Yearly: the basic choices of a professional.
enum class NextStep { stay, grow_in_role, new_role_inside, education, elsewhere, undecided };

struct YearlyReview {
    std::string user_id;
    Year year{};
    std::optional<int> challenging;  // 1..5
    std::optional<int> inspiring;    // 1..5
    std::optional<int> rewarding;    // 1..5
    std::optional<NextStep> next_step;
    std::string notes;
    Timestamp created_at{};
    Timestamp updated_at{};
    int version = 1;  // grows by one with each save (saving says which version it replaces)
};

// Names used on the wire and in storage for the enums above.
// What a person is writing on one level's form, kept as they type so that nothing is lost
// before they save: the form's fields as a JSON object. Private like a diary: only its
// writer ever sees it, and it is never counted.
enum class DraftKind { diary, week, month, contract, year };

struct Draft {
    std::string user_id;
    DraftKind kind = DraftKind::diary;
    std::string period;  // as the level's path has it: "2026-11-26", "2026-W48", "2026-11", "2026-Q4", "2026"
    std::string body;    // a JSON object
    Timestamp updated_at{};
};

// What was deleted from one of the five levels, kept whole for `trash_keeps_for` so that its
// owner can put it back; then the upkeep erases it. Only its owner ever sees it.
struct TrashedItem {
    std::string id;
    std::string user_id;
    DraftKind kind = DraftKind::diary;  // the level
    std::string period;                 // as the level's path has it
    Timestamp deleted_at{};
    // The item as it was, by kind: one of these.
    std::optional<DiaryEntry> diary_entry;
    std::optional<WeeklyReview> weekly_review;
    std::optional<MonthlyReflection> monthly_reflection;
    std::vector<LearningContract> contract_revisions;  // every revision, oldest first
    std::optional<YearlyReview> yearly_review;
};
inline constexpr std::chrono::hours trash_keeps_for{30 * 24};

std::string_view to_string(Role role);
std::string_view to_string(Locale locale);
std::string_view to_string(GoalStatus status);
std::string_view to_string(ContractStatus status);
std::string_view to_string(NextStep step);
std::string_view to_string(DraftKind kind);
std::optional<Role> parse_role(std::string_view text);
std::optional<Locale> parse_locale(std::string_view text);
std::optional<GoalStatus> parse_goal_status(std::string_view text);
std::optional<ContractStatus> parse_contract_status(std::string_view text);
std::optional<NextStep> parse_next_step(std::string_view text);
std::optional<DraftKind> parse_draft_kind(std::string_view text);

}  // namespace ritme

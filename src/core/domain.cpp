#include "core/domain.hpp"
#include "core/social.hpp"

#include <array>
#include <utility>

namespace ritme {
namespace {

template <class Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<Role, 2> role_names{{{Role::member, "member"}, {Role::admin, "admin"}}};
constexpr Names<Locale, 2> locale_names{{{Locale::nl, "nl"}, {Locale::en, "en"}}};
constexpr Names<GoalStatus, 4> goal_status_names{{{GoalStatus::not_started, "not_started"},
                                                  {GoalStatus::on_track, "on_track"},
                                                  {GoalStatus::at_risk, "at_risk"},
                                                  {GoalStatus::achieved, "achieved"}}};
constexpr Names<ContractStatus, 3> contract_status_names{
    {{ContractStatus::draft, "draft"}, {ContractStatus::shared, "shared"}, {ContractStatus::agreed, "agreed"}}};
constexpr Names<NextStep, 6> next_step_names{{{NextStep::stay, "stay"},
                                              {NextStep::grow_in_role, "grow_in_role"},
                                              {NextStep::new_role_inside, "new_role_inside"},
                                              {NextStep::education, "education"},
                                              {NextStep::elsewhere, "elsewhere"},
                                              {NextStep::undecided, "undecided"}}};
constexpr Names<DraftKind, 5> draft_kind_names{{{DraftKind::diary, "diary"},
                                                {DraftKind::week, "week"},
                                                {DraftKind::month, "month"},
                                                {DraftKind::contract, "contract"},
                                                {DraftKind::year, "year"}}};
constexpr Names<SharedKind, 3> shared_kind_names{{{SharedKind::diary_entry, "diary_entry"},
                                                  {SharedKind::weekly_review, "weekly_review"},
                                                  {SharedKind::learning_contract, "learning_contract"}}};
constexpr Names<EventKind, 2> event_kind_names{
    {{EventKind::sol_meeting, "sol_meeting"}, {EventKind::learning_day, "learning_day"}}};
constexpr Names<RsvpStatus, 2> rsvp_status_names{
    {{RsvpStatus::going, "going"}, {RsvpStatus::not_going, "not_going"}}};
constexpr Names<Level, 5> level_names{{{Level::daily, "daily"},
                                       {Level::weekly, "weekly"},
                                       {Level::monthly, "monthly"},
                                       {Level::quarterly, "quarterly"},
                                       {Level::yearly, "yearly"}}};
constexpr Names<ReminderJobState, 3> reminder_job_state_names{{{ReminderJobState::pending, "pending"},
                                                               {ReminderJobState::claimed, "claimed"},
                                                               {ReminderJobState::sent, "sent"}}};

template <class Enum, std::size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) return name;
    }
    return {};
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) {
    for (const auto& [candidate, name] : names) {
        if (name == text) return candidate;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Role role) { return name_of(role_names, role); }
std::string_view to_string(Locale locale) { return name_of(locale_names, locale); }
std::string_view to_string(GoalStatus status) { return name_of(goal_status_names, status); }
std::string_view to_string(ContractStatus status) { return name_of(contract_status_names, status); }
std::string_view to_string(NextStep step) { return name_of(next_step_names, step); }
std::string_view to_string(DraftKind kind) { return name_of(draft_kind_names, kind); }
std::optional<Role> parse_role(std::string_view text) { return value_of(role_names, text); }
std::optional<DraftKind> parse_draft_kind(std::string_view text) { return value_of(draft_kind_names, text); }
std::optional<Locale> parse_locale(std::string_view text) { return value_of(locale_names, text); }
std::optional<GoalStatus> parse_goal_status(std::string_view text) { return value_of(goal_status_names, text); }
std::optional<ContractStatus> parse_contract_status(std::string_view text) {
    return value_of(contract_status_names, text);
}
std::optional<NextStep> parse_next_step(std::string_view text) { return value_of(next_step_names, text); }

std::string_view to_string(SharedKind kind) { return name_of(shared_kind_names, kind); }
std::string_view to_string(EventKind kind) { return name_of(event_kind_names, kind); }
std::string_view to_string(RsvpStatus status) { return name_of(rsvp_status_names, status); }
std::string_view to_string(Level level) { return name_of(level_names, level); }
std::string_view to_string(ReminderJobState state) { return name_of(reminder_job_state_names, state); }
std::optional<SharedKind> parse_shared_kind(std::string_view text) { return value_of(shared_kind_names, text); }
std::optional<EventKind> parse_event_kind(std::string_view text) { return value_of(event_kind_names, text); }
std::optional<RsvpStatus> parse_rsvp_status(std::string_view text) { return value_of(rsvp_status_names, text); }
std::optional<Level> parse_level(std::string_view text) { return value_of(level_names, text); }
std::optional<ReminderJobState> parse_reminder_job_state(std::string_view text) {
    return value_of(reminder_job_state_names, text);
}

}  // namespace ritme

#pragma once
// Validation of what a person writes, level by level. Each function checks one whole
// record and answers the first fault found as a validation_failed Error naming the field.
#include <set>
#include <string>
#include <string_view>

#include "core/domain.hpp"
#include "core/result.hpp"

namespace ritme {

// What the catalogue allows: `choosable` holds ids of competencies that are not archived;
// `on_record` the ids the record already used before this change (an archived
// competency may stay on a record that has it, but cannot be chosen anew).
struct CatalogueView {
    std::set<std::string> choosable;
    std::set<std::string> on_record;
    bool allows(const std::string& id) const { return choosable.count(id) > 0 || on_record.count(id) > 0; }
};

inline constexpr std::size_t max_entry_text = 20000;
inline constexpr std::size_t max_key_learning = 280;
inline constexpr std::size_t max_tags = 20;
inline constexpr std::size_t max_tag_length = 40;
inline constexpr int max_minutes = 600;
inline constexpr std::size_t max_reflection_text = 20000;
inline constexpr std::size_t max_name_length = 200;
inline constexpr std::size_t max_focus_competencies = 2;
inline constexpr std::size_t min_password_length = 12;

// Length in Unicode code points of valid UTF-8 text.
std::size_t text_length(const std::string& utf8);

// Tags brought in from elsewhere made valid by the rules of check_tags: a leading '@' or
// '#' (as jrnl and Obsidian write them) and the blanks around dropped, cut to 40
// characters, each once (the first spelling kept), at most 20. `dropped` counts the ones
// left out (empty, twice, or past the twentieth).
std::vector<std::string> valid_tags(const std::vector<std::string>& wanted, std::size_t* dropped = nullptr);

Status validate_diary_entry(const DiaryEntry& entry, Day today, const CatalogueView& catalogue);
Status validate_weekly_review(const WeeklyReview& review, const CatalogueView& catalogue);
Status validate_monthly_reflection(const MonthlyReflection& reflection, const CatalogueView& catalogue,
                                   const std::set<std::string>& contract_goal_ids);
Status validate_learning_contract(const LearningContract& contract, const CatalogueView& catalogue);
Status validate_yearly_review(const YearlyReview& review);
Status validate_workdays(const std::vector<int>& workdays);
Status validate_password(const std::string& password);
// A person's or a token's name: not blank, at most 200 characters.
Status validate_name(const std::string& name, const std::string& field = "name");
// A plausible address: one @, text on both sides, a dot in the domain, no spaces, <= 254.
Status validate_email(const std::string& email);
// Email as stored and looked up: surrounding blanks dropped, ASCII letters lower-cased.
std::string normalise_email(std::string_view email);

// Changing a shared or agreed contract makes a new revision, back in draft; a draft is
// changed in place. Returns what is to be stored (`edit` carries the new answers).
LearningContract revise_contract(const LearningContract& current, LearningContract edit, Timestamp now);

}  // namespace ritme

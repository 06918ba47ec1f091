#include "core/rules.hpp"

#include <algorithm>
#include <cstddef>
#include <set>
#include <utility>

#include "core/text.hpp"

namespace ritme {
namespace {

inline constexpr std::size_t max_goals = 20;
inline constexpr std::size_t max_password_bytes = 1024;
inline constexpr std::size_t max_workdays = 7;

// "20,000" rather than "20000": the message is read by people.
std::string with_thousands(std::size_t number) {
    std::string digits = std::to_string(number);
    for (std::size_t position = digits.size(); position > 3; position -= 3) digits.insert(position - 3, ",");
    return digits;
}

Status check_text(const std::string& text, std::size_t maximum, const std::string& field) {
    if (text_length(text) > maximum) {
        return validation_error(field, "must be at most " + with_thousands(maximum) + " characters");
    }
    return ok_status();
}

Status check_required_text(const std::string& text, std::size_t maximum, const std::string& field) {
    if (is_blank(text)) return validation_error(field, "must not be empty");
    return check_text(text, maximum, field);
}

template <class Item, class Key>
bool has_duplicates(const std::vector<Item>& items, Key key_of) {
    std::set<std::string> seen;
    for (const Item& item : items) {
        if (!seen.insert(key_of(item)).second) return true;
    }
    return false;
}

bool has_duplicate_strings(const std::vector<std::string>& items) {
    return has_duplicates(items, [](const std::string& item) { return item; });
}

// Every id chosen from the catalogue, none twice. An empty list is the caller's concern:
// the diary allows it, the monthly reflection and the contract do not.
Status check_competency_ids(const std::vector<std::string>& ids, const CatalogueView& catalogue,
                            const std::string& field) {
    for (const std::string& id : ids) {
        if (!catalogue.allows(id)) {
            return validation_error(field, "must name competencies of the catalogue that are not archived");
        }
    }
    if (has_duplicate_strings(ids)) return validation_error(field, "must not name a competency twice");
    return ok_status();
}

Status check_day(const std::optional<Day>& day, const std::string& field) {
    if (day && !day->ok()) return validation_error(field, "must be a valid day");
    return ok_status();
}

Status check_tags(const std::vector<std::string>& tags) {
    if (tags.size() > max_tags) return validation_error("tags", "must be at most 20 tags");
    for (const std::string& tag : tags) {
        // A tag of spaces only would show as an empty label, so it counts as empty.
        if (is_blank(tag) || text_length(tag) > max_tag_length) {
            return validation_error("tags", "each tag must be 1 to 40 characters");
        }
    }
    if (has_duplicate_strings(tags)) return validation_error("tags", "must not name a tag twice");
    return ok_status();
}

}  // namespace

std::size_t text_length(const std::string& utf8) {
    // Every code point has exactly one byte that is not a continuation byte (10xxxxxx).
    return static_cast<std::size_t>(std::count_if(
        utf8.begin(), utf8.end(), [](char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; }));
}

std::vector<std::string> valid_tags(const std::vector<std::string>& wanted, std::size_t* dropped) {
    std::vector<std::string> tags;
    std::set<std::string> seen;
    std::size_t left_out = 0;
    for (const std::string& raw : wanted) {
        std::string tag = trimmed(raw);
        while (!tag.empty() && (tag.front() == '@' || tag.front() == '#')) tag.erase(0, 1);
        tag = trimmed(tag);
        if (text_length(tag) > max_tag_length) {
            std::vector<char32_t> points = decode_utf8(tag);
            tag.clear();
            for (std::size_t i = 0; i < max_tag_length; ++i) append_utf8(tag, points[i]);
            tag = trimmed(tag);
        }
        if (is_blank(tag) || tags.size() == max_tags || !seen.insert(fold_text(tag)).second) {
            ++left_out;
            continue;
        }
        tags.push_back(std::move(tag));
    }
    if (dropped != nullptr) *dropped = left_out;
    return tags;
}

Status validate_diary_entry(const DiaryEntry& entry, Day today, const CatalogueView& catalogue) {
    if (!entry.day.ok()) return validation_error("day", "must be a valid day");
    if (entry.day > today) return validation_error("day", "must not be in the future");
    if (Status status = check_required_text(entry.learning_moments, max_entry_text, "learning_moments"); !status) {
        return status;
    }
    if (Status status = check_text(entry.handling, max_entry_text, "handling"); !status) return status;
    if (Status status = check_text(entry.key_learning, max_key_learning, "key_learning"); !status) return status;
    if (Status status = check_competency_ids(entry.competency_ids, catalogue, "competency_ids"); !status) {
        return status;
    }
    if (Status status = check_tags(entry.tags); !status) return status;
    if (entry.minutes < 0 || entry.minutes > max_minutes) {
        return validation_error("minutes", "must be between 0 and 600");
    }
    return ok_status();
}

Status validate_weekly_review(const WeeklyReview& review, const CatalogueView& catalogue) {
    const PeerMeeting& meeting = review.peer_meeting;
    if (Status status = check_day(meeting.day, "peer_meeting.day"); !status) return status;
    if (meeting.day && (*meeting.day < first_day(review.week) || *meeting.day > last_day(review.week))) {
        return validation_error("peer_meeting.day", "must be a day of week " + format_week(review.week));
    }
    if (Status status = check_text(meeting.notes, max_reflection_text, "peer_meeting.notes"); !status) return status;

    // The plan may be unfinished: empty fields are saved and the SMART verdict names them.
    const WeeklyPlan& plan = review.plan;
    if (!plan.competency_id.empty() && !catalogue.allows(plan.competency_id)) {
        return validation_error("plan.competency_id", "must be a competency of the catalogue that is not archived");
    }
    if (Status status = check_text(plan.situation, max_reflection_text, "plan.situation"); !status) return status;
    if (Status status = check_text(plan.approach, max_reflection_text, "plan.approach"); !status) return status;
    if (Status status = check_text(plan.measure, max_reflection_text, "plan.measure"); !status) return status;
    // Any valid day will do as a deadline: one outside the week is for the SMART verdict to judge.
    if (Status status = check_day(plan.deadline, "plan.deadline"); !status) return status;
    return check_text(review.act, max_reflection_text, "act");
}

Status validate_monthly_reflection(const MonthlyReflection& reflection, const CatalogueView& catalogue,
                                   const std::set<std::string>& contract_goal_ids) {
    const auto& focus = reflection.focus_competency_ids;
    if (focus.empty() || focus.size() > max_focus_competencies) {
        return validation_error("focus_competency_ids", "must be one or two competencies");
    }
    if (Status status = check_competency_ids(focus, catalogue, "focus_competency_ids"); !status) return status;
    if (Status status = check_text(reflection.went_well, max_reflection_text, "went_well"); !status) return status;
    if (Status status = check_text(reflection.could_be_better, max_reflection_text, "could_be_better"); !status) {
        return status;
    }
    if (Status status = check_text(reflection.approach, max_reflection_text, "approach"); !status) return status;

    for (const GoalProgress& progress : reflection.goal_progress) {
        if (contract_goal_ids.count(progress.goal_id) == 0) {
            return validation_error("goal_progress", "must name goals of this quarter's learning contract");
        }
        if (text_length(progress.note) > max_reflection_text) {
            return validation_error("goal_progress", "each note must be at most 20,000 characters");
        }
    }
    if (has_duplicates(reflection.goal_progress, [](const GoalProgress& progress) { return progress.goal_id; })) {
        return validation_error("goal_progress", "must name each goal at most once");
    }
    return ok_status();
}

Status validate_learning_contract(const LearningContract& contract, const CatalogueView& catalogue) {
    const std::pair<const std::string*, const char*> answers[] = {{&contract.where_from, "where_from"},
                                                                  {&contract.where_now, "where_now"},
                                                                  {&contract.aims, "aims"},
                                                                  {&contract.approach, "approach"},
                                                                  {&contract.evidence, "evidence"}};
    for (const auto& [text, field] : answers) {
        if (Status status = check_text(*text, max_reflection_text, field); !status) return status;
    }

    if (contract.competency_ids.empty()) {
        return validation_error("competency_ids", "must be one or more competencies");
    }
    if (Status status = check_competency_ids(contract.competency_ids, catalogue, "competency_ids"); !status) {
        return status;
    }

    if (contract.goals.size() > max_goals) return validation_error("goals", "must be at most 20 goals");
    for (std::size_t index = 0; index < contract.goals.size(); ++index) {
        const ContractGoal& goal = contract.goals[index];
        std::string which = "goal " + std::to_string(index + 1);
        if (is_blank(goal.text)) return validation_error("goals", which + " needs a text");
        if (text_length(goal.text) > max_reflection_text || text_length(goal.measure) > max_reflection_text) {
            return validation_error("goals", which + " must be at most 20,000 characters per field");
        }
        if (goal.deadline && !goal.deadline->ok()) {
            return validation_error("goals", which + " needs a valid day as deadline");
        }
    }
    // Goals without an id get one from the server, so only the ids already given must differ.
    std::set<std::string> ids;
    for (const ContractGoal& goal : contract.goals) {
        if (goal.id.empty()) continue;
        if (!ids.insert(goal.id).second) return validation_error("goals", "must not use a goal id twice");
    }
    return ok_status();
}

Status validate_yearly_review(const YearlyReview& review) {
    const std::pair<const std::optional<int>*, const char*> scores[] = {
        {&review.challenging, "challenging"}, {&review.inspiring, "inspiring"}, {&review.rewarding, "rewarding"}};
    for (const auto& [score, field] : scores) {
        if (*score && (**score < 1 || **score > 5)) return validation_error(field, "must be between 1 and 5");
    }
    return check_text(review.notes, max_reflection_text, "notes");
}

Status validate_workdays(const std::vector<int>& workdays) {
    if (workdays.size() > max_workdays) return validation_error("workdays", "must be at most seven days");
    for (int weekday : workdays) {
        if (weekday < 1 || weekday > 7) {
            return validation_error("workdays", "must be weekday numbers from 1 (Monday) to 7 (Sunday)");
        }
    }
    std::set<int> distinct(workdays.begin(), workdays.end());
    if (distinct.size() != workdays.size()) return validation_error("workdays", "must not name a day twice");
    return ok_status();
}

Status validate_password(const std::string& password) {
    if (password.size() > max_password_bytes) return validation_error("password", "must be at most 1024 bytes");
    if (text_length(password) < min_password_length) {
        return validation_error("password", "must be at least 12 characters");
    }
    return ok_status();
}

Status validate_name(const std::string& name, const std::string& field) {
    if (is_blank(name)) return validation_error(field, "must not be empty");
    if (text_length(name) > max_name_length) return validation_error(field, "must be at most 200 characters");
    return ok_status();
}

LearningContract revise_contract(const LearningContract& current, LearningContract edit, Timestamp now) {
    // Who and which quarter never change through an edit.
    edit.user_id = current.user_id;
    edit.quarter = current.quarter;
    edit.updated_at = now;
    if (current.status == ContractStatus::draft) {
        // Nobody has seen a draft yet, so it is changed in place.
        edit.revision = current.revision;
        edit.created_at = current.created_at;
        edit.discussion = current.discussion;
        edit.status = ContractStatus::draft;
        edit.shared_with_peer = false;
        return edit;
    }
    // What the peer saw or agreed to stays readable as the earlier revision; the change
    // starts a fresh one that must be shared and discussed again.
    edit.revision = current.revision + 1;
    edit.created_at = now;
    edit.discussion.clear();
    edit.status = ContractStatus::draft;
    edit.shared_with_peer = false;  // nobody has seen the new revision: sharing it is a new choice
    return edit;
}

}  // namespace ritme

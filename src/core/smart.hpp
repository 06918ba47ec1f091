#pragma once
// The SMART check of a weekly plan and of a contract goal.
#include <string>
#include <vector>

#include "core/domain.hpp"

namespace ritme {

struct SmartVerdict {
    bool specific = false;    // names a situation or behaviour, not only a competency
    bool measurable = false;  // a number, count, frequency or observable result
    bool achievable = false;  // its scope fits the period
    bool relevant = false;    // tied to a chosen competency
    bool time_bound = false;  // a deadline inside the period, and not in the past
    std::vector<std::string> hints;  // one per failed criterion, in the person's language
};

// The week's plan is for the coming week: a deadline from the week's first day up to the
// end of the week after it is time-bound, unless it lies in the past. `today` is the day
// the plan is judged on (the person's today); it counts from the week's first day to its
// last, so that a plan of a week gone by keeps the verdict it had at the end of its week.
SmartVerdict check_weekly_plan(const WeeklyPlan& plan, IsoWeek week, Day today, Locale locale);
SmartVerdict check_contract_goal(const ContractGoal& goal, Quarter quarter,
                                 const std::vector<std::string>& contract_competency_ids, Locale locale);

}  // namespace ritme

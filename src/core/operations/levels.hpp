#pragma once
// The week (peer review and PDCA plan), the month (self-reflection and focus), the
// quarter (the Learning Contract) and the year (basic choices): writing each, reading it
// back, and what each level's own page shows beside it. Saving takes the record as
// written (its period and the person's answers); whose it is and when are set here.
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/material.hpp"
#include "core/operations/operation.hpp"

namespace ritme::operations {

// --- weekly -------------------------------------------------------------------------------

// A week's review with its Check: the week's diary days, ascending.
struct CheckedWeek {
    WeeklyReview review;
    std::vector<Day> check;
    Day today{};  // the asking person's today, which the plan's SMART verdict is judged on
};
// Each save takes `based_on`, the version the writer read: precondition_failed when
// another is stored, and nothing changes (see BasedOn).
Result<CheckedWeek> plan_week(const Ports& ports, const User& person, WeeklyReview written,
                              BasedOn based_on = std::nullopt);
Result<CheckedWeek> weekly_review(const Ports& ports, const User& person, IsoWeek week);  // not_found

struct WeekPage {
    std::optional<WeeklyReview> review;
    std::vector<Day> check;
    std::optional<WeeklyReview> last_week;  // its plan is what this week's Act looks back on
    std::vector<Competency> catalogue;
    std::optional<User> peer;             // the fixed colleague, while there is one
    std::vector<DiaryEntry> peer_days;    // the diary days of the week the peer shares with the person
};
Result<WeekPage> week_page(const Ports& ports, const User& person, IsoWeek week);

// --- monthly ------------------------------------------------------------------------------

Result<MonthlyReflection> reflect_on_month(const Ports& ports, const User& person, MonthlyReflection written,
                                           BasedOn based_on = std::nullopt);
Result<MonthlyReflection> monthly_reflection(const Ports& ports, const User& person, Month month);  // not_found

struct MonthPage {
    std::optional<MonthlyReflection> reflection;
    std::vector<Competency> catalogue;
    MonthMaterial material;  // what the month builds on; its contract's goals get progress
};
Result<MonthPage> month_page(const Ports& ports, const User& person, Month month);

// --- quarterly: the Learning Contract -----------------------------------------------------

// A goal named by `id` must be one of the current contract's goals (each named once); a
// goal without one is new and gets a fresh id. The same answers again change nothing;
// changing a shared or agreed contract makes a new revision, back in draft.
Result<LearningContract> save_contract(const Ports& ports, const User& person, LearningContract written,
                                       BasedOn based_on = std::nullopt);
Result<LearningContract> learning_contract(const Ports& ports, const User& person, Quarter quarter);  // not_found
// Every revision, oldest first; not_found when there is none.
Result<std::vector<LearningContract>> contract_revisions(const Ports& ports, const User& person, Quarter quarter);
// Makes the current revision visible to the fixed colleague (conflict without one).
// Sharing again changes nothing; an agreed contract stays agreed.
Result<LearningContract> share_contract(const Ports& ports, const User& person, Quarter quarter);
// Takes it back: a shared one is a draft again; an agreed one stays agreed, unseen.
Result<LearningContract> unshare_contract(const Ports& ports, const User& person, Quarter quarter);

struct ContractPage {
    std::optional<LearningContract> contract;
    std::vector<Competency> catalogue;
    ContractMaterial material;                     // the quarter before, to look back on
    std::vector<LearningContract> revisions;       // every revision, oldest first
    std::optional<User> peer;                      // the fixed colleague, while there is one
    std::optional<Timestamp> peer_last_opened;     // when they last opened it while it is shared
};
Result<ContractPage> contract_page(const Ports& ports, const User& person, Quarter quarter);

// --- yearly -------------------------------------------------------------------------------

Result<YearlyReview> save_yearly_review(const Ports& ports, const User& person, YearlyReview written,
                                        BasedOn based_on = std::nullopt);
Result<YearlyReview> yearly_review(const Ports& ports, const User& person, Year year);  // not_found

struct YearPage {
    std::optional<YearlyReview> review;
    YearMaterial material;  // the year's contracts and counts, the years before
};
Result<YearPage> year_page(const Ports& ports, const User& person, Year year);

}  // namespace ritme::operations

#pragma once
// What each level builds on (the golden thread): beside a month's reflection its diary's
// key learnings, its weeks' plans and the contract's goals so far; beside a quarter's
// Learning Contract the quarter before (its goals and how far each got, its reflections,
// the competencies its key learnings were most often tied to) and a draft of "Waar kom je
// vandaan?" written from it; beside a year's basic choices its four contracts, its counts
// and the earlier years. Always from the person's own records only.
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"
#include "core/social.hpp"

namespace ritme::operations {

// A contract goal and the latest progress a monthly reflection of its quarter gave it.
struct GoalSoFar {
    ContractGoal goal;
    std::optional<GoalProgress> latest;
    std::optional<Month> as_of;  // the month of that reflection
    bool reached() const { return latest && latest->status == GoalStatus::achieved; }
};
// The goals of `contract`, each with the latest progress the reflections of its quarter up
// to and including `up_to` gave it.
std::vector<GoalSoFar> goals_so_far(const LearningContract& contract, const std::vector<MonthlyReflection>& reflections,
                                    Month up_to);

Month month_before(Month month);
Month month_after(Month month);

// --- the month ----------------------------------------------------------------------------

// The key learnings under one heading: a focus competency, or (no competency) the rest.
struct LearningsUnder {
    std::optional<Competency> competency;
    std::vector<KeyLearning> learnings;  // by day
};

struct MonthMaterial {
    Month month{};
    std::vector<Competency> focus;             // the month's focus competencies, as chosen
    std::vector<LearningsUnder> learnings;     // each focus competency's, then the rest (when any)
    std::vector<WeeklyReview> weeks;           // the reviews of weeks that touch the month, by week
    std::optional<LearningContract> contract;  // of the month's quarter
    std::vector<GoalSoFar> goals;              // its goals, progress up to this month
    Month previous{};
    Month next{};
};
MonthMaterial month_material(Transaction& transaction, const User& person, Month month);
Result<MonthMaterial> month_material(const Ports& ports, const User& person, Month month);

// --- the quarter: where do you come from? ---------------------------------------------------

// A competency and the key learnings of a quarter tied to it.
struct CompetencyLearnings {
    Competency competency;
    int count = 0;                    // how many key learnings were tied to it
    std::vector<KeyLearning> latest;  // the latest few, newest first
};

struct ContractMaterial {
    Quarter quarter{};
    Quarter from{};                                 // the quarter before, which this looks back on
    std::optional<LearningContract> previous;       // its contract
    std::vector<GoalSoFar> goals;                   // its goals and how far each got
    std::vector<MonthlyReflection> reflections;     // its months' reflections, by month
    std::vector<CompetencyLearnings> competencies;  // most often tied first
    // "Waar kom je vandaan?" written from the above in the person's language, for them to
    // take into the field or not; empty when there is nothing to write from.
    std::string draft;
};
ContractMaterial contract_material(Transaction& transaction, const User& person, Quarter quarter);
Result<ContractMaterial> contract_material(const Ports& ports, const User& person, Quarter quarter);

// How many of the latest key learnings a competency shows.
inline constexpr std::size_t latest_learnings_shown = 3;

// --- the year -------------------------------------------------------------------------------

struct QuarterOfYear {
    Quarter quarter{};
    std::optional<LearningContract> contract;
    std::vector<Competency> competencies;  // the contract's, as the catalogue has them
    std::vector<GoalSoFar> goals;          // reached or not
};

struct YearMaterial {
    Year year{};
    std::vector<QuarterOfYear> quarters;  // Q1 .. Q4
    int diary_days = 0;                   // days with a diary entry
    int peer_reviews_held = 0;            // weeks of the year whose peer review was held
    std::vector<YearlyReview> earlier;    // the years before, newest first
    std::vector<Event> learning_days;     // learning organisation days gone to that have ended, by start
};
YearMaterial year_material(Transaction& transaction, const ZoneCalendar& calendar, const User& person, Year year,
                           Timestamp now);
Result<YearMaterial> year_material(const Ports& ports, const User& person, Year year);

}  // namespace ritme::operations

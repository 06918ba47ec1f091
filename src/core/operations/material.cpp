#include "core/operations/material.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "core/text.hpp"

namespace ritme::operations {
namespace {

std::optional<Competency> competency_in(const std::vector<Competency>& catalogue, const std::string& id) {
    auto found = std::find_if(catalogue.begin(), catalogue.end(), [&](const Competency& one) { return one.id == id; });
    if (found == catalogue.end()) return std::nullopt;
    return *found;
}

std::vector<Competency> competencies_in(const std::vector<Competency>& catalogue, const std::vector<std::string>& ids) {
    std::vector<Competency> found;
    for (const std::string& id : ids) {
        if (std::optional<Competency> competency = competency_in(catalogue, id))
            found.push_back(std::move(*competency));
    }
    return found;
}

bool tied_to(const KeyLearning& learning, const std::string& competency_id) {
    return std::find(learning.competency_ids.begin(), learning.competency_ids.end(), competency_id) !=
           learning.competency_ids.end();
}

Quarter quarter_of_month(Month month) {
    return quarter_of(first_day(month));
}

// --- the draft of "Waar kom je vandaan?" ------------------------------------------------------

struct DraftWords {
    const char* worked_on;  // followed by the quarter
    const char* went_well;
    const char* could_be_better;
    const char* most_often;  // followed by the competencies
    const char* times;       // "%d times"
    const char* for_example;
    const char* no_progress;
    const char* statuses[4];  // in GoalStatus order
    const char* months[12];
};

constexpr DraftWords dutch{
    "Vorig kwartaal (%s) werkte ik aan deze leerdoelen:",
    "Wat ging goed:",
    "Wat kan beter:",
    "Mijn leermomenten gingen het vaakst over:",
    "keer",
    "bijvoorbeeld",
    "geen voortgang genoteerd",
    {"niet begonnen", "op koers", "in gevaar", "bereikt"},
    {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
     "december"},
};

constexpr DraftWords english{
    "Last quarter (%s) I worked on these goals:",
    "What went well:",
    "What could be better:",
    "My learning moments were most often about:",
    "times",
    "for example",
    "no progress noted",
    {"not started", "on track", "at risk", "achieved"},
    {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"},
};

std::string with_period(const char* text, const std::string& period) {
    std::string written = text;
    std::size_t at = written.find("%s");
    if (at != std::string::npos) written.replace(at, 2, period);
    return written;
}

std::string draft_of(const ContractMaterial& material, Locale locale) {
    const DraftWords& words = locale == Locale::en ? english : dutch;
    std::string draft;
    auto paragraph = [&](const std::string& text) {
        if (!draft.empty()) draft += "\n\n";
        draft += text;
    };
    if (!material.goals.empty()) {
        std::string text = with_period(words.worked_on, format_quarter(material.from));
        for (const GoalSoFar& goal : material.goals) {
            text += "\n- " + trimmed(goal.goal.text) + ": ";
            if (goal.latest) {
                text += words.statuses[static_cast<int>(goal.latest->status)];
                if (!is_blank(goal.latest->note)) text += " (" + trimmed(goal.latest->note) + ")";
            } else {
                text += words.no_progress;
            }
        }
        paragraph(text);
    }
    auto answers = [&](const char* heading, std::string MonthlyReflection::*field) {
        std::string text = heading;
        bool any = false;
        for (const MonthlyReflection& reflection : material.reflections) {
            const std::string& answer = reflection.*field;
            if (is_blank(answer)) continue;
            text += "\n- " + std::string(words.months[reflection.month.number - 1]) + ": " + trimmed(answer);
            any = true;
        }
        if (any) paragraph(text);
    };
    answers(words.went_well, &MonthlyReflection::went_well);
    answers(words.could_be_better, &MonthlyReflection::could_be_better);
    if (!material.competencies.empty()) {
        std::string text = words.most_often;
        for (const CompetencyLearnings& item : material.competencies) {
            text += "\n- " + item.competency.name + " (" + std::to_string(item.count) + " " + words.times + ")";
            if (!item.latest.empty())
                text += ", " + std::string(words.for_example) + ": \"" + trimmed(item.latest.front().text) + "\"";
        }
        paragraph(text);
    }
    return draft;
}

}  // namespace

Month month_before(Month month) {
    return month_of(add_days(first_day(month), -1));
}

Month month_after(Month month) {
    return month_of(add_days(last_day(month), 1));
}

std::vector<GoalSoFar> goals_so_far(const LearningContract& contract, const std::vector<MonthlyReflection>& reflections,
                                    Month up_to) {
    std::map<std::string, std::pair<Month, GoalProgress>> latest;
    for (const MonthlyReflection& reflection : reflections) {
        if (quarter_of_month(reflection.month) != contract.quarter || up_to < reflection.month) continue;
        for (const GoalProgress& progress : reflection.goal_progress) {
            auto found = latest.find(progress.goal_id);
            if (found == latest.end() || found->second.first < reflection.month) {
                latest[progress.goal_id] = {reflection.month, progress};
            }
        }
    }
    std::vector<GoalSoFar> goals;
    for (const ContractGoal& goal : contract.goals) {
        GoalSoFar seen{goal, std::nullopt, std::nullopt};
        if (auto found = latest.find(goal.id); found != latest.end()) {
            seen.as_of = found->second.first;
            seen.latest = found->second.second;
        }
        goals.push_back(std::move(seen));
    }
    return goals;
}

// --- the month ----------------------------------------------------------------------------

MonthMaterial month_material(Transaction& transaction, const User& person, Month month) {
    Store& store = transaction.store;
    MonthMaterial material;
    material.month = month;
    material.previous = month_before(month);
    material.next = month_after(month);
    std::vector<Competency> catalogue = store.list_competencies();
    std::optional<MonthlyReflection> reflection = store.find_monthly_reflection(person.id, month);
    if (reflection) material.focus = competencies_in(catalogue, reflection->focus_competency_ids);

    std::vector<KeyLearning> learnings = store.key_learnings(person.id, first_day(month), last_day(month));
    for (const Competency& focus : material.focus) {
        LearningsUnder under{focus, {}};
        for (const KeyLearning& learning : learnings) {
            if (tied_to(learning, focus.id)) under.learnings.push_back(learning);
        }
        material.learnings.push_back(std::move(under));
    }
    LearningsUnder rest{std::nullopt, {}};
    for (const KeyLearning& learning : learnings) {
        bool under_a_focus = std::any_of(material.focus.begin(), material.focus.end(),
                                         [&](const Competency& focus) { return tied_to(learning, focus.id); });
        if (!under_a_focus) rest.learnings.push_back(learning);
    }
    if (!rest.learnings.empty()) material.learnings.push_back(std::move(rest));

    for (WeeklyReview& review : store.list_weekly_reviews(person.id)) {
        if (month_of(first_day(review.week)) != month && month_of(last_day(review.week)) != month) continue;
        material.weeks.push_back(std::move(review));
    }
    material.contract = store.find_learning_contract(person.id, quarter_of_month(month));
    if (material.contract) {
        material.goals = goals_so_far(*material.contract, store.list_monthly_reflections(person.id), month);
    }
    return material;
}

Result<MonthMaterial> month_material(const Ports& ports, const User& person, Month month) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<MonthMaterial> {
        return month_material(transaction, person, month);
    });
}

// --- the quarter ----------------------------------------------------------------------------

ContractMaterial contract_material(Transaction& transaction, const User& person, Quarter quarter) {
    Store& store = transaction.store;
    ContractMaterial material;
    material.quarter = quarter;
    material.from = previous(quarter);
    std::vector<MonthlyReflection> reflections = store.list_monthly_reflections(person.id);
    for (const MonthlyReflection& reflection : reflections) {
        if (quarter_of_month(reflection.month) == material.from) material.reflections.push_back(reflection);
    }
    material.previous = store.find_learning_contract(person.id, material.from);
    if (material.previous) {
        material.goals = goals_so_far(*material.previous, reflections, month_of(last_day(material.from)));
    }

    std::vector<Competency> catalogue = store.list_competencies();
    std::vector<KeyLearning> learnings =
        store.key_learnings(person.id, first_day(material.from), last_day(material.from));
    std::map<std::string, CompetencyLearnings> tied;
    for (auto learning = learnings.rbegin(); learning != learnings.rend(); ++learning) {  // newest first
        for (const std::string& id : learning->competency_ids) {
            auto found = tied.find(id);
            if (found == tied.end()) {
                std::optional<Competency> competency = competency_in(catalogue, id);
                if (!competency) continue;
                found = tied.emplace(id, CompetencyLearnings{std::move(*competency), 0, {}}).first;
            }
            ++found->second.count;
            if (found->second.latest.size() < latest_learnings_shown) found->second.latest.push_back(*learning);
        }
    }
    for (auto& [id, item] : tied) material.competencies.push_back(std::move(item));
    std::stable_sort(material.competencies.begin(), material.competencies.end(),
                     [](const CompetencyLearnings& a, const CompetencyLearnings& b) {
                         if (a.count != b.count) return a.count > b.count;
                         return a.competency.name < b.competency.name;
                     });
    material.draft = draft_of(material, person.locale);
    return material;
}

Result<ContractMaterial> contract_material(const Ports& ports, const User& person, Quarter quarter) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<ContractMaterial> {
        return contract_material(transaction, person, quarter);
    });
}

// --- the year -------------------------------------------------------------------------------

YearMaterial year_material(Transaction& transaction, const ZoneCalendar& calendar, const User& person, Year year,
                           Timestamp now) {
    Store& store = transaction.store;
    YearMaterial material;
    material.year = year;
    std::vector<Competency> catalogue = store.list_competencies();
    std::vector<MonthlyReflection> reflections = store.list_monthly_reflections(person.id);
    for (unsigned number = 1; number <= 4; ++number) {
        QuarterOfYear of_year;
        of_year.quarter = Quarter{year.number, number};
        of_year.contract = store.find_learning_contract(person.id, of_year.quarter);
        if (of_year.contract) {
            of_year.competencies = competencies_in(catalogue, of_year.contract->competency_ids);
            of_year.goals = goals_so_far(*of_year.contract, reflections, month_of(last_day(of_year.quarter)));
        }
        material.quarters.push_back(std::move(of_year));
    }
    material.diary_days = static_cast<int>(store.diary_days(person.id, first_day(year), last_day(year)).size());
    for (const WeeklyReview& review : store.list_weekly_reviews(person.id)) {
        if (review.week.year == year.number && review.peer_meeting.held) ++material.peer_reviews_held;
    }
    for (YearlyReview& other : store.list_yearly_reviews(person.id)) {
        if (other.year < year) material.earlier.push_back(std::move(other));
    }
    std::sort(material.earlier.begin(), material.earlier.end(),
              [](const YearlyReview& a, const YearlyReview& b) { return b.year < a.year; });
    Timestamp from = calendar.instant_at(first_day(year), 0, person.timezone);
    Timestamp to = calendar.instant_at(add_days(last_day(year), 1), 0, person.timezone);
    for (Event& event : store.events_going(person.id, from, to)) {
        if (event.kind == EventKind::learning_day && event.ends_at <= now && event.starts_at >= from) {
            material.learning_days.push_back(std::move(event));
        }
    }
    return material;
}

Result<YearMaterial> year_material(const Ports& ports, const User& person, Year year) {
    Timestamp now = ports.clock.now();
    return reading(ports.store, [&](Transaction& transaction) -> Result<YearMaterial> {
        return year_material(transaction, ports.calendar, person, year, now);
    });
}

}  // namespace ritme::operations

#include "core/operations/rhythm.hpp"

#include <algorithm>
#include <utility>

#include "core/operations/peer.hpp"
#include "core/visibility.hpp"

namespace ritme::operations {
namespace {

// Diary days can't lie before this (periods are years 1000..9999), so the streak's
// `longest` sees the whole diary.
constexpr Day first_possible_day = std::chrono::year{1000} / std::chrono::January / 1;

RhythmFacts facts_of(Transaction& transaction, const User& person, Day day) {
    Store& store = transaction.store;
    RhythmFacts facts;
    facts.day = day;
    facts.workdays = person.workdays;
    facts.entry_days = store.diary_days(person.id, first_possible_day, day);
    bool has_entry = std::find(facts.entry_days.begin(), facts.entry_days.end(), day) != facts.entry_days.end();
    std::optional<DiaryEntry> entry = has_entry ? store.find_diary_entry(person.id, day) : std::nullopt;
    facts.diary_done = entry && diary_day_done(*entry);
    facts.week = store.find_weekly_review(person.id, week_of(day));
    facts.month = store.find_monthly_reflection(person.id, month_of(day));
    facts.contract = store.find_learning_contract(person.id, quarter_of(day));
    facts.year = store.find_yearly_review(person.id, year_of(day));
    return facts;
}

std::optional<PeerToday> peer_today(Transaction& transaction, const User& person, Day day) {
    std::optional<User> peer = current_peer(transaction, person);
    if (!peer) return std::nullopt;
    std::optional<LearningContract> contract = transaction.store.find_learning_contract(peer->id, quarter_of(day));
    std::optional<WeeklyReview> week = transaction.store.find_weekly_review(peer->id, week_of(day));
    PeerToday today{std::move(*peer)};
    today.contract_shared = contract && may_read(person, *contract);
    auto mine = [&](const ContractComment& comment) { return comment.by == person.id; };
    today.contract_discussed =
        today.contract_shared && std::any_of(contract->discussion.begin(), contract->discussion.end(), mine);
    today.week_shared = week && may_read(person, *week);
    return today;
}

RhythmOfDay rhythm_in(Transaction& transaction, const User& person, Day day) {
    RhythmOfDay of_day;
    of_day.facts = facts_of(transaction, person, day);
    of_day.rhythm = rhythm_of(of_day.facts);
    of_day.peer = peer_today(transaction, person, day);
    return of_day;
}

}  // namespace

Result<RhythmOfDay> rhythm_of_day(const Ports& ports, const User& person, std::optional<Day> day) {
    Day chosen = day.value_or(ports.calendar.local_day(ports.clock.now(), person.timezone));
    return reading(ports.store,
                   [&](Transaction& transaction) -> Result<RhythmOfDay> { return rhythm_in(transaction, person, chosen); });
}

Result<Dashboard> dashboard(const Ports& ports, const User& person, int event_days, std::size_t events_at_most) {
    Timestamp now = ports.clock.now();
    Day today = ports.calendar.local_day(now, person.timezone);
    return reading(ports.store, [&](Transaction& transaction) -> Result<Dashboard> {
        Dashboard shown;
        shown.today = rhythm_in(transaction, person, today);
        std::vector<Competency> catalogue = transaction.store.list_competencies();
        for (const std::string& id : shown.today.rhythm.focus_competency_ids) {
            auto found = std::find_if(catalogue.begin(), catalogue.end(),
                                      [&](const Competency& competency) { return competency.id == id; });
            if (found != catalogue.end()) shown.focus.push_back(*found);
        }
        // The contract's goals, each with the latest progress the monthly reflections gave it.
        if (const std::optional<LearningContract>& contract = shown.today.facts.contract) {
            shown.goals =
                goals_so_far(*contract, transaction.store.list_monthly_reflections(person.id), month_of(today));
        }
        shown.events = next_events_going(transaction, ports.calendar, person, now, event_days, events_at_most);
        return shown;
    });
}

}  // namespace ritme::operations

#pragma once
// The rhythm of one person on one day (what is due, what is done, the streak, the fixed
// colleague's side), and the dashboard ("Vandaag") built around it.
#include <optional>
#include <vector>

#include "core/operations/events.hpp"
#include "core/operations/material.hpp"
#include "core/operations/operation.hpp"
#include "core/rhythm.hpp"

namespace ritme::operations {

// The fixed colleague's side of the day: whether they shared this quarter's contract and
// this week with the person, and whether the person discussed their contract.
struct PeerToday {
    User peer;
    bool contract_shared = false;
    bool contract_discussed = false;
    bool week_shared = false;
};

struct RhythmOfDay {
    Rhythm rhythm;
    RhythmFacts facts;              // what it is drawn from (the diary days among them)
    std::optional<PeerToday> peer;  // none without a peer
};
// `day` defaults to today in the person's zone.
Result<RhythmOfDay> rhythm_of_day(const Ports& ports, const User& person, std::optional<Day> day);

using GoalProgressSeen = GoalSoFar;

struct Dashboard {
    RhythmOfDay today;
    std::vector<Competency> focus;        // the month's focus competencies, as the catalogue has them
    std::vector<GoalProgressSeen> goals;  // the quarter's contract's goals
    std::vector<EventView> events;        // the next few the person goes to
};
// Everything in one read: the events are the first `events_at_most` the person goes to
// in the coming `event_days` days.
Result<Dashboard> dashboard(const Ports& ports, const User& person, int event_days, std::size_t events_at_most);

}  // namespace ritme::operations

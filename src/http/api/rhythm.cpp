// The rhythm of the caller on one day: what is due, what is done, and the streak.
#include <algorithm>
#include <string>

#include "core/rhythm.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// Diary days can't lie before this (periods are years 1000..9999), so the streak's
// `longest` sees the whole diary.
constexpr Day first_possible_day = std::chrono::year{1000} / std::chrono::January / 1;

RhythmFacts facts_of(Call& call, Day day) {
    const User& user = me(call);
    Store& store = call.services.store;
    RhythmFacts facts;
    facts.day = day;
    facts.workdays = user.workdays;
    facts.entry_days = store.diary_days(user.id, first_possible_day, day);
    facts.diary_done = std::find(facts.entry_days.begin(), facts.entry_days.end(), day) != facts.entry_days.end();
    facts.week = store.find_weekly_review(user.id, week_of(day));
    facts.month = store.find_monthly_reflection(user.id, month_of(day));
    facts.contract = store.find_learning_contract(user.id, quarter_of(day));
    facts.year = store.find_yearly_review(user.id, year_of(day));
    return facts;
}

Json rhythm_json(const Rhythm& rhythm) {
    Json status = rhythm.contract_status ? Json(to_string(*rhythm.contract_status)) : Json(nullptr);
    return {{"day", format_day(rhythm.day)},
            {"daily", {{"due", rhythm.daily_due}, {"done", rhythm.daily_done}}},
            {"weekly",
             {{"period", format_week(rhythm.week)},
              {"done", rhythm.weekly_done},
              {"peer_meeting_held", rhythm.peer_meeting_held}}},
            {"monthly", {{"period", format_month(rhythm.month)}, {"done", rhythm.monthly_done}}},
            {"quarterly",
             {{"period", format_quarter(rhythm.quarter)}, {"done", rhythm.quarterly_done}, {"status", status}}},
            {"yearly", {{"period", format_year(rhythm.year)}, {"done", rhythm.yearly_done}}},
            {"streak", {{"current", rhythm.streak.current}, {"longest", rhythm.streak.longest}}},
            {"focus_competency_ids", rhythm.focus_competency_ids}};
}

Response get_rhythm(Call& call) {
    Result<std::optional<Day>> day = period_query<Day>(call, "day");
    if (!day) return error_response(day.error());
    return json_response(200, rhythm_json(rhythm_of(facts_of(call, day->value_or(today(call))))));
}

}  // namespace

void add_rhythm_routes(Router& router) {
    router.add({"GET", std::string(api) + "/rhythm", Access::member, get_rhythm,
                "The caller's rhythm on a day (default today): due, done, streak, focus"});
}

}  // namespace ritme::http::levels

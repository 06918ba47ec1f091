// The rhythm of the caller on one day: what is due, what is done, and the streak.
#include <algorithm>
#include <string>

#include "core/rhythm.hpp"
#include "core/visibility.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// Diary days can't lie before this (periods are years 1000..9999), so the streak's
// `longest` sees the whole diary.
constexpr Day first_possible_day = std::chrono::year{1000} / std::chrono::January / 1;

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

// The fixed colleague's side of the day: whether they shared this quarter's contract and
// this week with me, and whether I discussed their contract. null without a peer.
Json peer_json(Store& store, const User& user, Day day) {
    if (!user.peer_id || user.peer_id->empty()) return nullptr;
    std::optional<User> peer = store.find_user(*user.peer_id);
    if (!peer) return nullptr;
    std::optional<LearningContract> contract = store.find_learning_contract(peer->id, quarter_of(day));
    std::optional<WeeklyReview> week = store.find_weekly_review(peer->id, week_of(day));
    bool contract_shared = contract && may_read(user, *contract);
    auto mine = [&](const ContractComment& comment) { return comment.by == user.id; };
    bool discussed = contract_shared && std::any_of(contract->discussion.begin(), contract->discussion.end(), mine);
    return {{"id", peer->id},
            {"name", peer->name},
            {"contract_shared", contract_shared},
            {"contract_discussed", discussed},
            {"week_shared", week && may_read(user, *week)}};
}

}  // namespace

RhythmFacts rhythm_facts(Store& store, const User& user, Day day) {
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

Json rhythm_answer(Store& store, const User& user, const RhythmFacts& facts) {
    Json answer = rhythm_json(rhythm_of(facts));
    answer["peer"] = peer_json(store, user, facts.day);
    return answer;
}

namespace {

Response get_rhythm(Call& call) {
    Result<std::optional<Day>> day = period_query<Day>(call, "day");
    if (!day) return error_response(day.error());
    Day chosen = day->value_or(today(call));
    Store& store = call.services.store;
    return json_response(200, rhythm_answer(store, me(call), rhythm_facts(store, me(call), chosen)));
}

}  // namespace

void add_rhythm_routes(Router& router) {
    router.add({"GET", std::string(api) + "/rhythm", Access::member, get_rhythm,
                "The caller's rhythm on a day (default today): due, done, streak, focus, the fixed colleague"});
}

}  // namespace ritme::http::levels

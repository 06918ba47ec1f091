// GET /me/export: everything the server holds about the caller, as one JSON document.
// Secrets (the password hash, token and session hashes) are not data about the person and
// stay out.
#include <algorithm>
#include <string>

#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/api/user_json.hpp"

namespace ritme::http::levels {
namespace {

constexpr int page_size = 200;

// Every diary entry of the person, oldest first.
std::vector<DiaryEntry> all_entries(Store& store, const std::string& user_id) {
    std::vector<DiaryEntry> entries;
    DiaryQuery query;
    query.user_id = user_id;
    query.limit = page_size;
    while (true) {
        DiaryPage page = store.list_diary_entries(query);
        entries.insert(entries.end(), page.entries.begin(), page.entries.end());
        if (!page.next_before || (query.before && *page.next_before >= *query.before)) break;
        query.before = page.next_before;
    }
    std::reverse(entries.begin(), entries.end());
    return entries;
}

Json diary_json(const std::vector<DiaryEntry>& entries) {
    Json list = Json::array();
    for (const DiaryEntry& entry : entries) list.push_back(diary_entry_json(entry));
    return list;
}

Json weeks_json(Store& store, const User& user, const std::vector<DiaryEntry>& entries) {
    Json list = Json::array();
    for (const WeeklyReview& review : store.list_weekly_reviews(user.id)) {
        std::vector<Day> check;
        for (const DiaryEntry& entry : entries) {
            if (entry.day >= first_day(review.week) && entry.day <= last_day(review.week)) check.push_back(entry.day);
        }
        list.push_back(weekly_review_json(review, check, user.locale));
    }
    return list;
}

Json months_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const MonthlyReflection& reflection : store.list_monthly_reflections(user.id)) {
        list.push_back(monthly_reflection_json(reflection));
    }
    return list;
}

// Every revision of every contract, by quarter and revision.
Json contracts_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const LearningContract& current : store.list_learning_contracts(user.id)) {
        for (const LearningContract& revision : store.list_contract_revisions(user.id, current.quarter)) {
            list.push_back(learning_contract_json(revision, user.locale));
        }
    }
    return list;
}

Json years_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const YearlyReview& review : store.list_yearly_reviews(user.id)) list.push_back(yearly_review_json(review));
    return list;
}

Json tokens_json(Store& store, const User& user) {
    Json list = Json::array();
    for (const AccessToken& token : store.list_access_tokens(user.id)) {
        list.push_back({{"id", token.id}, {"name", token.name}, {"created_at", timestamp_json(token.created_at)}});
    }
    return list;
}

// The catalogue, so that the competency ids in the records can be read without the server.
Json catalogue_json(Store& store) {
    Json list = Json::array();
    for (const Competency& competency : store.list_competencies()) list.push_back(competency_json(competency));
    return list;
}

Response export_data(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    std::vector<DiaryEntry> entries = all_entries(store, user.id);
    Json person = user_json(user, store);
    person["created_at"] = timestamp_json(user.created_at);
    return json_response(200, {{"exported_at", timestamp_json(now(call))},
                               {"user", std::move(person)},
                               {"diary", diary_json(entries)},
                               {"weeks", weeks_json(store, user, entries)},
                               {"months", months_json(store, user)},
                               {"contracts", contracts_json(store, user)},
                               {"years", years_json(store, user)},
                               {"access_tokens", tokens_json(store, user)},
                               {"competencies", catalogue_json(store)}});
}

}  // namespace

void add_export_routes(Router& router) {
    router.add({"GET", std::string(api) + "/me/export", Access::member, export_data,
                "Everything the server holds about the caller, as one JSON document"});
}

}  // namespace ritme::http::levels

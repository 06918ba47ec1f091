// "/": Vandaag. What is due today, this week, month, quarter and year, each done or not;
// the streak; a year of diary days as a heatmap (SVG, drawn here); the month's focus
// competencies; the contract's goals with their latest progress.
#include <algorithm>
#include <charconv>
#include <map>
#include <string>
#include <type_traits>
#include <vector>

#include "http/api/levels.hpp"
#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

constexpr int heatmap_weeks = 53;
constexpr int cell = 11;
constexpr int gap = 2;
constexpr const char* month_abbreviations[] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                               N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};

// A year of days ending at `today`, one column per ISO week (Monday on top); days with an
// entry are filled. Only numbers and dates go into it, so it needs no escaping.
std::string heatmap_svg(const Page& page, const std::vector<Day>& days, Day today) {
    Day last_monday = add_days(today, -static_cast<int>(iso_weekday(today) - 1));
    Day first = add_days(last_monday, -7 * (heatmap_weeks - 1));
    std::vector<bool> written(7 * heatmap_weeks, false);  // by days since `first`
    std::size_t count = 0;
    for (Day day : days) {
        int offset = days_between(first, day);
        if (offset < 0 || offset >= 7 * heatmap_weeks || written[static_cast<std::size_t>(offset)]) continue;
        written[static_cast<std::size_t>(offset)] = true;
        ++count;
    }
    const int label_height = 14;
    const int width = heatmap_weeks * (cell + gap);
    const int height = label_height + 7 * (cell + gap);
    std::string label = std::to_string(count) + " " + page.t("diary days in the last year");
    std::string svg;
    svg.reserve(static_cast<std::size_t>(7 * heatmap_weeks) * 96 + 2048);
    auto add = [&svg](auto... pieces) {
        auto append = [&svg](const auto& piece) {
            if constexpr (std::is_integral_v<std::decay_t<decltype(piece)>>) {
                char digits[16];
                svg.append(digits, std::to_chars(digits, digits + sizeof digits, piece).ptr);
            } else {
                svg += piece;
            }
        };
        (append(pieces), ...);
    };
    add("<svg class=\"heatmap\" viewBox=\"0 0 ", width, " ", height, "\" role=\"img\" aria-label=\"",
        html_escape(label), "\"><title>", html_escape(label), "</title>");
    unsigned previous_month = 0;
    for (int week = 0; week < heatmap_weeks; ++week) {
        Day monday = add_days(first, 7 * week);
        unsigned month = static_cast<unsigned>(monday.month());
        // A label needs three columns: the first column's month gets none when the next
        // month begins sooner.
        bool room = week > 0 || static_cast<unsigned>(add_days(monday, 21).month()) == month;
        if (month != previous_month && room) {
            add("<text class=\"heatmap-month\" x=\"", week * (cell + gap), "\" y=\"10\">",
                html_escape(page.t(month_abbreviations[month - 1])), "</text>");
        }
        previous_month = month;
        for (int weekday = 0; weekday < 7; ++weekday) {
            int offset = 7 * week + weekday;
            Day day = add_days(first, offset);
            if (day > today) break;
            add("<rect class=\"", written[static_cast<std::size_t>(offset)] ? "hm-1" : "hm-0", "\" x=\"",
                week * (cell + gap), "\" y=\"", label_height + weekday * (cell + gap), "\" width=\"", cell,
                "\" height=\"", cell, "\" rx=\"2\"><title>", format_day(day), "</title></rect>");
        }
    }
    svg += "</svg>";
    return svg;
}

std::map<std::string, std::string> competency_names(Store& store) {
    std::map<std::string, std::string> names;
    for (const Competency& competency : store.list_competencies()) names[competency.id] = competency.name;
    return names;
}

std::string status_text(const Page& page, const std::string& status) {
    if (status == "on_track") return page.t("on track");
    if (status == "at_risk") return page.t("at risk");
    if (status == "achieved") return page.t("achieved");
    return page.t("not started");
}

Response get_dashboard(Page& page) {
    const User& user = page.user();
    Store& store = page.services.store;
    Day today = page.today();
    RhythmFacts facts = levels::rhythm_facts(store, user, today);
    Json rhythm = levels::rhythm_answer(store, user, facts);

    auto level = [&](const char* key, const std::string& label, const std::string& href, bool done) {
        return mstch::map{{"key", std::string(key)}, {"label", label}, {"href", href}, {"done", done}};
    };
    mstch::array levels;
    bool daily_due = rhythm["daily"].value("due", false);
    mstch::map daily = level("daily", page.t("Learning diary"), "/diary/" + format_day(today),
                             rhythm["daily"].value("done", false));
    daily["period"] = format_day(today);
    daily["not_due"] = !daily_due;
    levels.push_back(daily);
    const std::string week = rhythm["weekly"].value("period", "");
    mstch::map weekly = level("weekly", page.t("Peer review and PDCA plan"), "/weeks/" + week,
                              rhythm["weekly"].value("done", false));
    weekly["period"] = week;
    levels.push_back(weekly);
    const std::string month = rhythm["monthly"].value("period", "");
    mstch::map monthly =
        level("monthly", page.t("Self-reflection"), "/months/" + month, rhythm["monthly"].value("done", false));
    monthly["period"] = month;
    levels.push_back(monthly);
    const std::string quarter = rhythm["quarterly"].value("period", "");
    mstch::map quarterly = level("quarterly", page.t("Learning Contract"), "/contracts/" + quarter,
                                 rhythm["quarterly"].value("done", false));
    quarterly["period"] = quarter;
    levels.push_back(quarterly);
    const std::string year = rhythm["yearly"].value("period", "");
    mstch::map yearly =
        level("yearly", page.t("Basic choices"), "/years/" + year, rhythm["yearly"].value("done", false));
    yearly["period"] = year;
    levels.push_back(yearly);

    std::map<std::string, std::string> names = competency_names(store);
    mstch::array focus;
    for (const Json& id : rhythm.value("focus_competency_ids", Json::array())) {
        auto found = names.find(id.get<std::string>());
        if (found != names.end()) focus.push_back(mstch::map{{"name", found->second}});
    }

    // The contract's goals, each with the latest progress the monthly reflections gave it.
    mstch::array goals;
    Quarter current_quarter = quarter_of(today);
    if (std::optional<LearningContract> contract = store.find_learning_contract(user.id, current_quarter)) {
        std::map<std::string, std::pair<Month, GoalProgress>> latest;
        for (const MonthlyReflection& reflection : store.list_monthly_reflections(user.id)) {
            if (quarter_of(first_day(reflection.month)) != current_quarter) continue;
            for (const GoalProgress& progress : reflection.goal_progress) {
                auto found = latest.find(progress.goal_id);
                if (found == latest.end() || found->second.first < reflection.month) {
                    latest[progress.goal_id] = {reflection.month, progress};
                }
            }
        }
        for (const ContractGoal& goal : contract->goals) {
            mstch::map item{{"text", goal.text}};
            if (auto found = latest.find(goal.id); found != latest.end()) {
                item["status"] = status_text(page, std::string(to_string(found->second.second.status)));
                item["status_key"] = std::string(to_string(found->second.second.status));
                item["note"] = found->second.second.note;
            }
            goals.push_back(item);
        }
    }

    // The fixed colleague: the contract discussed both ways, and this week's share.
    Json peer = rhythm.value("peer", Json());
    mstch::map peer_data;
    if (peer.is_object()) {
        peer_data = mstch::map{{"name", peer.value("name", std::string())},
                               {"contract_shared", peer.value("contract_shared", false)},
                               {"contract_discussed", peer.value("contract_discussed", false)},
                               {"week_shared", peer.value("week_shared", false)},
                               {"contract_href", "/peer/contracts/" + quarter},
                               {"week_href", "/peer/weeks/" + week},
                               {"quarter", quarter},
                               {"week", week}};
    }
    mstch::array events = events_i_go_to(page, 3);

    mstch::map data{{"title", page.t("Today")},
                    {"levels", levels},
                    {"streak_current", rhythm["streak"].value("current", 0)},
                    {"streak_longest", rhythm["streak"].value("longest", 0)},
                    {"heatmap", heatmap_svg(page, facts.entry_days, today)},
                    {"focus", focus},
                    {"has_focus", !focus.empty()},
                    {"goals", goals},
                    {"has_goals", !goals.empty()},
                    {"contract_href", "/contracts/" + quarter},
                    {"has_peer", peer.is_object()},
                    {"peer", peer_data},
                    {"events", events},
                    {"has_events", !events.empty()},
                    {"month_href", "/months/" + month}};
    return page.render("dashboard", std::move(data));
}

}  // namespace

void add_dashboard_pages(PageRoutes& routes) {
    routes.add({"GET", "/", Access::member, get_dashboard});
}

}  // namespace ritme::http::pages

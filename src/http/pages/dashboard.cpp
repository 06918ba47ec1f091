// "/": Vandaag. What is due today, this week, month, quarter and year, each done or not;
// the streak; a year of diary days as a heatmap (SVG, drawn here); the month's focus
// competencies; the contract's goals with their latest progress.
#include <algorithm>
#include <charconv>
#include <string>
#include <type_traits>
#include <vector>

#include "core/operations/rhythm.hpp"
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

std::string status_text(const Page& page, GoalStatus status) {
    switch (status) {
        case GoalStatus::on_track:
            return page.t("on track");
        case GoalStatus::at_risk:
            return page.t("at risk");
        case GoalStatus::achieved:
            return page.t("achieved");
        case GoalStatus::not_started:
            break;
    }
    return page.t("not started");
}

// The events shown: the next three the person goes to in the coming three months.
constexpr int event_days = 92;
constexpr std::size_t events_shown = 3;

Response get_dashboard(Page& page) {
    Day today = page.today();
    Result<operations::Dashboard> shown = operations::dashboard(page.ports(), page.user(), event_days, events_shown);
    if (!shown) return page.error_page(shown.error());
    const Rhythm& rhythm = shown->today.rhythm;

    auto level = [&](const char* key, const std::string& label, const std::string& period, bool done) {
        return mstch::map{{"key", std::string(key)}, {"label", label}, {"period", period}, {"done", done}};
    };
    const std::string week = format_week(rhythm.week);
    const std::string month = format_month(rhythm.month);
    const std::string quarter = format_quarter(rhythm.quarter);
    const std::string year = format_year(rhythm.year);
    mstch::map daily = level("daily", page.t("Learning diary"), format_day(today), rhythm.daily_done);
    daily["href"] = "/diary/" + format_day(today);
    daily["not_due"] = !rhythm.daily_due;
    mstch::map weekly = level("weekly", page.t("Peer review and PDCA plan"), week, rhythm.weekly_done);
    weekly["href"] = "/weeks/" + week;
    mstch::map monthly = level("monthly", page.t("Self-reflection"), month, rhythm.monthly_done);
    monthly["href"] = "/months/" + month;
    mstch::map quarterly = level("quarterly", page.t("Learning Contract"), quarter, rhythm.quarterly_done);
    quarterly["href"] = "/contracts/" + quarter;
    mstch::map yearly = level("yearly", page.t("Basic choices"), year, rhythm.yearly_done);
    yearly["href"] = "/years/" + year;
    mstch::array levels{daily, weekly, monthly, quarterly, yearly};

    mstch::array focus;
    for (const Competency& competency : shown->focus) focus.push_back(mstch::map{{"name", competency.name}});

    // The contract's goals, each with the latest progress the monthly reflections gave it.
    mstch::array goals;
    for (const operations::GoalProgressSeen& seen : shown->goals) {
        mstch::map item{{"text", seen.goal.text}};
        if (seen.latest) {
            item["status"] = status_text(page, seen.latest->status);
            item["status_key"] = std::string(to_string(seen.latest->status));
            item["note"] = seen.latest->note;
        }
        goals.push_back(item);
    }

    // The fixed colleague: the contract discussed both ways, and this week's share.
    mstch::map peer_data;
    if (const std::optional<operations::PeerToday>& peer = shown->today.peer) {
        peer_data = mstch::map{{"name", peer->peer.name},
                               {"contract_shared", peer->contract_shared},
                               {"contract_discussed", peer->contract_discussed},
                               {"week_shared", peer->week_shared},
                               {"contract_href", "/peer/contracts/" + quarter},
                               {"week_href", "/peer/weeks/" + week},
                               {"quarter", quarter},
                               {"week", week}};
    }
    mstch::array events;
    for (const operations::EventView& view : shown->events) events.push_back(event_item(page, view));

    mstch::map data{{"title", page.t("Today")},
                    {"levels", levels},
                    {"streak_current", rhythm.streak.current},
                    {"streak_longest", rhythm.streak.longest},
                    {"heatmap", heatmap_svg(page, shown->today.facts.entry_days, today)},
                    {"focus", focus},
                    {"has_focus", !focus.empty()},
                    {"goals", goals},
                    {"has_goals", !goals.empty()},
                    {"contract_href", "/contracts/" + quarter},
                    {"has_peer", shown->today.peer.has_value()},
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

// The learning diary (leerdagboek): the calendar of days with search and filters, and the
// day's entry with the seed's prompts, a 15-minute timer, competency and tag pickers and
// the share switch. Entry text is Markdown, shown rendered in safe mode.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string>

#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

constexpr const char* weekday_abbreviations[] = {N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su")};
constexpr const char* month_names[] = {N_("January"), N_("February"), N_("March"),     N_("April"),
                                       N_("May"),     N_("June"),     N_("July"),      N_("August"),
                                       N_("September"), N_("October"), N_("November"), N_("December")};

std::vector<std::string> split_tags(const std::string& text) {
    std::vector<std::string> tags;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(',', start);
        if (end == std::string::npos) end = text.size();
        std::string tag = trim(std::string_view(text).substr(start, end - start));
        if (!tag.empty()) tags.push_back(tag);
        start = end + 1;
    }
    return tags;
}

std::string join_tags(const Json& tags) {
    std::string text;
    for (const Json& tag : tags) text += (text.empty() ? "" : ", ") + tag.get<std::string>();
    return text;
}

// The catalogue as checkboxes: what may be chosen, plus archived ones already chosen.
mstch::array competency_choices(const Page& page, const std::vector<std::string>& chosen) {
    mstch::array choices;
    for (const Competency& competency : page.services.store.list_competencies()) {
        bool checked = std::find(chosen.begin(), chosen.end(), competency.id) != chosen.end();
        if (competency.archived && !checked) continue;
        choices.push_back(mstch::map{{"id", competency.id},
                                     {"name", competency.name},
                                     {"description", competency.description},
                                     {"checked", checked},
                                     {"archived", competency.archived}});
    }
    return choices;
}

std::string month_title(const Page& page, Month month) {
    return page.t(month_names[month.number - 1]) + " " + std::to_string(month.year);
}

// The month as weeks of days, Monday first; days with an entry link to it.
mstch::map calendar(const Page& page, Month month, Day today) {
    std::vector<Day> days = page.services.store.diary_days(page.user().id, first_day(month), last_day(month));
    std::set<std::string> written;
    for (Day day : days) written.insert(format_day(day));
    mstch::array weeks;
    Day day = add_days(first_day(month), -static_cast<int>(iso_weekday(first_day(month)) - 1));
    while (day <= last_day(month)) {
        mstch::array cells;
        for (int i = 0; i < 7; ++i, day = add_days(day, 1)) {
            bool inside = month_of(day) == month;
            std::string date = format_day(day);
            cells.push_back(mstch::map{{"inside", inside},
                                       {"day", date},
                                       {"number", static_cast<int>(static_cast<unsigned>(day.day()))},
                                       {"written", written.count(date) > 0},
                                       {"is_today", day == today},
                                       {"future", day > today}});
        }
        weeks.push_back(mstch::map{{"cells", cells}});
    }
    mstch::array heads;
    for (const char* name : weekday_abbreviations) heads.push_back(page.t(name));
    Month previous = month.number == 1 ? Month{month.year - 1, 12} : Month{month.year, month.number - 1};
    Month next = month.number == 12 ? Month{month.year + 1, 1} : Month{month.year, month.number + 1};
    return mstch::map{{"month_title", month_title(page, month)},
                      {"weeks", weeks},
                      {"heads", heads},
                      {"previous_month", format_month(previous)},
                      {"next_month", format_month(next)},
                      {"count", static_cast<int>(days.size())}};
}

Response get_diary(Page& page) {
    Day today = page.today();
    std::string month_text = page.request.query_value("month").value_or("");
    Month month = parse_month(month_text).value_or(month_of(today));
    std::string q = page.request.query_value("q").value_or("");
    std::string competency_id = page.request.query_value("competency_id").value_or("");
    std::string tag = page.request.query_value("tag").value_or("");
    std::string cursor = page.request.query_value("cursor").value_or("");

    std::vector<std::pair<std::string, std::string>> query{{"limit", "20"}};
    if (!q.empty()) query.emplace_back("q", q);
    if (!competency_id.empty()) query.emplace_back("competency_id", competency_id);
    if (!tag.empty()) query.emplace_back("tag", tag);
    if (!cursor.empty() && parse_day(cursor)) query.emplace_back("cursor", cursor);
    Json listed = parse_json(page.api("GET", "/api/v1/diary", nullptr, query));

    std::map<std::string, std::string> names;
    mstch::array filter_choices;
    for (const Competency& competency : page.services.store.list_competencies()) {
        names[competency.id] = competency.name;
        filter_choices.push_back(mstch::map{
            {"id", competency.id}, {"name", competency.name}, {"selected", competency.id == competency_id}});
    }
    mstch::array entries;
    for (const Json& entry : listed.value("entries", Json::array())) {
        mstch::array competencies;
        for (const Json& id : entry["competency_ids"]) {
            if (auto found = names.find(id.get<std::string>()); found != names.end()) {
                competencies.push_back(found->second);
            }
        }
        mstch::array tags;
        for (const Json& item : entry["tags"]) tags.push_back(item.get<std::string>());
        std::string key_learning = entry.value("key_learning", "");
        std::string moments = entry.value("learning_moments", "");
        entries.push_back(mstch::map{{"day", entry.value("day", "")},
                                     {"key_learning", key_learning},
                                     {"excerpt", moments.size() > 240 ? moments.substr(0, 240) + "…" : moments},
                                     {"competencies", competencies},
                                     {"tags", tags},
                                     {"shared", entry.value("shared_with_peer", false)}});
    }
    mstch::map data{{"title", page.t("Learning diary")},
                    {"calendar", calendar(page, month, today)},
                    {"entries", entries},
                    {"has_entries", !entries.empty()},
                    {"q", q},
                    {"tag", tag},
                    {"filter_choices", filter_choices},
                    {"filtered", !q.empty() || !competency_id.empty() || !tag.empty()},
                    {"write_today", "/diary/" + format_day(today)}};
    if (listed.contains("next_cursor") && listed["next_cursor"].is_string()) {
        std::string more = "/diary?cursor=" + listed["next_cursor"].get<std::string>();
        if (!q.empty()) more += "&q=" + url_encode(q);
        if (!competency_id.empty()) more += "&competency_id=" + url_encode(competency_id);
        if (!tag.empty()) more += "&tag=" + url_encode(tag);
        data["more_href"] = more;
    }
    return page.render("diary", std::move(data));
}

Response show_entry(Page& page, Day day, const Json& entry, mstch::map data, int status) {
    std::vector<std::string> chosen;
    for (const Json& id : entry.value("competency_ids", Json::array())) chosen.push_back(id.get<std::string>());
    data["title"] = page.t("Learning diary") + " " + format_day(day);
    data["day"] = format_day(day);
    data["learning_moments"] = entry.value("learning_moments", "");
    data["handling"] = entry.value("handling", "");
    data["key_learning"] = entry.value("key_learning", "");
    data["tags"] = entry.contains("tags_text") ? entry.value("tags_text", "") : join_tags(entry.value("tags", Json::array()));
    data["shared_with_peer"] = entry.value("shared_with_peer", false);
    data["minutes"] = entry.contains("minutes_text") ? entry.value("minutes_text", "")
                                                     : std::to_string(entry.value("minutes", 0));
    data["competencies"] = competency_choices(page, chosen);
    data["previous_day"] = format_day(add_days(day, -1));
    Day today = page.today();
    if (day < today) data["next_day"] = format_day(add_days(day, 1));
    data["is_future"] = day > today;
    // After an event one went to: a line that suggests writing down what was learned
    // there. It only suggests; it fills in nothing.
    Json attended = parse_json(page.api("GET", "/api/v1/events/attended", nullptr, {{"day", format_day(day)}}));
    mstch::array suggestions;
    for (const Json& event : attended.value("events", Json::array())) {
        if (!event.is_object() || !event.contains("title") || !event["title"].is_string()) continue;
        suggestions.push_back(mstch::map{{"event_title", event["title"].get<std::string>()},
                                         {"event_id", event.value("id", std::string())}});
    }
    data["attended"] = suggestions;
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("diary_day", std::move(data), status);
}

Response get_entry(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    Response found = page.api("GET", "/api/v1/diary/" + format_day(*day));
    mstch::map data;
    Json entry = Json::object();
    if (found.status == 200) {
        entry = parse_json(found);
        data["exists"] = true;
        data["moments_html"] = markdown_to_html(entry.value("learning_moments", ""));
        data["handling_html"] = markdown_to_html(entry.value("handling", ""));
    }
    return show_entry(page, *day, entry, std::move(data), 200);
}

Response post_entry(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    const Form& form = page.form;
    std::vector<FieldError> errors;
    int minutes = 0;
    std::string minutes_text = trim(form.get("minutes"));
    if (!minutes_text.empty()) {
        auto [end, fault] = std::from_chars(minutes_text.data(), minutes_text.data() + minutes_text.size(), minutes);
        if (fault != std::errc{} || end != minutes_text.data() + minutes_text.size()) {
            errors.push_back({"minutes", N_("must be between 0 and 600")});
        }
    }
    Json body{{"learning_moments", form.get("learning_moments")},
              {"handling", form.get("handling")},
              {"key_learning", form.get("key_learning")},
              {"competency_ids", form.all("competency_ids")},
              {"tags", split_tags(form.get("tags"))},
              {"shared_with_peer", form.has("shared_with_peer")},
              {"minutes", minutes}};
    if (errors.empty()) {
        Response saved = page.api("PUT", "/api/v1/diary/" + format_day(*day), &body);
        if (saved.status == 200 || saved.status == 201) return redirect("/diary/" + format_day(*day) + "?saved=1");
        errors.push_back(api_error(saved));
    }
    body["tags_text"] = form.get("tags");
    body["minutes_text"] = form.get("minutes");
    mstch::map data;
    put_errors(page, data, errors);
    return show_entry(page, *day, body, std::move(data), 422);
}

Response post_delete(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    (void)page.api("DELETE", "/api/v1/diary/" + format_day(*day));
    return redirect("/diary");
}

}  // namespace

void add_diary_pages(PageRoutes& routes) {
    routes.add({"GET", "/diary", Access::member, get_diary});
    routes.add({"GET", "/diary/{day}", Access::member, get_entry});
    routes.add({"POST", "/diary/{day}", Access::member, post_entry});
    routes.add({"POST", "/diary/{day}/delete", Access::member, post_delete});
}

}  // namespace ritme::http::pages

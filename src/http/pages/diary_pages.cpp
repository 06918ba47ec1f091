// The learning diary (leerdagboek): the calendar of days with search and filters, and the
// day's entry with the seed's prompts, a 15-minute timer, competency and tag pickers and
// the share switch. Entry text is Markdown, shown rendered in safe mode.
#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string>

#include "core/operations/diary.hpp"
#include "core/operations/trash.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

// How much of an entry the list shows.
constexpr std::size_t excerpt_bytes = 400;

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

std::string join_tags(const std::vector<std::string>& tags) {
    std::string text;
    for (const std::string& tag : tags) text += (text.empty() ? "" : ", ") + tag;
    return text;
}

// The catalogue as checkboxes: what may be chosen, plus archived ones already chosen.
mstch::array competency_choices(const std::vector<Competency>& catalogue, const std::vector<std::string>& chosen) {
    mstch::array choices;
    for (const Competency& competency : catalogue) {
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
mstch::map calendar(const Page& page, Month month, Day today, const std::vector<Day>& days) {
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

    DiaryQuery query;
    query.limit = 20;
    query.text = q;
    query.competency_id = competency_id;
    query.tag = tag;
    query.before = parse_day(cursor);
    Result<operations::DiaryOverview> overview =
        operations::diary_overview(page.ports(), page.user(), std::move(query), month);
    if (!overview) return page.error_page(overview.error());

    std::map<std::string, std::string> names;
    mstch::array filter_choices;
    for (const Competency& competency : overview->catalogue) {
        names[competency.id] = competency.name;
        filter_choices.push_back(mstch::map{
            {"id", competency.id}, {"name", competency.name}, {"selected", competency.id == competency_id}});
    }
    mstch::array entries;
    for (const DiaryEntry& entry : overview->page.entries) {
        mstch::array competencies;
        for (const std::string& id : entry.competency_ids) {
            if (auto found = names.find(id); found != names.end()) competencies.push_back(found->second);
        }
        mstch::array tags;
        for (const std::string& item : entry.tags) tags.push_back(item);
        entries.push_back(mstch::map{{"day", format_day(entry.day)},
                                     {"key_learning", entry.key_learning},
                                     {"excerpt_html", markdown_excerpt_html(entry.learning_moments, excerpt_bytes)},
                                     {"competencies", competencies},
                                     {"tags", tags},
                                     {"shared", entry.shared_with_peer}});
    }
    mstch::map data{{"title", page.t("Learning diary")},
                    {"calendar", calendar(page, month, today, overview->days_written)},
                    {"entries", entries},
                    {"has_entries", !entries.empty()},
                    {"q", q},
                    {"tag", tag},
                    {"filter_choices", filter_choices},
                    {"filtered", !q.empty() || !competency_id.empty() || !tag.empty()},
                    {"write_today", "/diary/" + format_day(today)}};
    put_undo(page, data);
    if (overview->page.next_before) {
        std::string more = "/diary?cursor=" + format_day(*overview->page.next_before);
        if (!q.empty()) more += "&q=" + url_encode(q);
        if (!competency_id.empty()) more += "&competency_id=" + url_encode(competency_id);
        if (!tag.empty()) more += "&tag=" + url_encode(tag);
        data["more_href"] = more;
    }
    return page.render("diary", std::move(data));
}

// The entry's form as typed (after a refused save) keeps the tags and minutes as typed.
struct TypedText {
    std::string tags;
    std::string minutes;
};

Response show_entry(Page& page, Day day, const DiaryEntry& entry, const std::optional<TypedText>& typed,
                    mstch::map data, int status) {
    Result<operations::DiaryDay> shown = operations::diary_day(page.ports(), page.user(), day);
    if (!shown) return page.error_page(shown.error());
    data["title"] = page.t("Learning diary") + " " + format_day(day);
    data["day"] = format_day(day);
    data["learning_moments"] = entry.learning_moments;
    data["handling"] = entry.handling;
    data["key_learning"] = entry.key_learning;
    data["tags"] = typed ? typed->tags : join_tags(entry.tags);
    data["shared_with_peer"] = entry.shared_with_peer;
    if (!data.count("version")) data["version"] = entry.version;
    data["minutes"] = typed ? typed->minutes : std::to_string(entry.minutes);
    data["competencies"] = competency_choices(shown->catalogue, entry.competency_ids);
    data["previous_day"] = format_day(add_days(day, -1));
    Day today = page.today();
    if (day < today) data["next_day"] = format_day(add_days(day, 1));
    data["is_future"] = day > today;
    // After an event one went to: a line that suggests writing down what was learned
    // there. It only suggests; it fills in nothing.
    mstch::array suggestions;
    for (const Event& event : shown->attended) {
        suggestions.push_back(mstch::map{{"event_title", event.title}, {"event_id", event.id}});
    }
    data["attended"] = suggestions;
    if (const std::optional<DiaryEntry>& earlier = shown->year_ago) {
        const std::string& line = earlier->key_learning.empty() ? earlier->learning_moments : earlier->key_learning;
        data["year_ago"] = mstch::map{{"day", format_day(earlier->day)},
                                      {"day_text", pages::day_text(page, earlier->day)},
                                      {"excerpt_html", markdown_excerpt_html(line, excerpt_bytes)}};
    }
    put_undo(page, data);
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("diary_day", std::move(data), status);
}

Response get_entry(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    Result<DiaryEntry> found = operations::diary_entry(page.ports(), page.user(), *day);
    mstch::map data;
    DiaryEntry entry;
    entry.version = 0;  // the form is based on no entry
    if (found) {
        entry = std::move(*found);
        data["exists"] = true;
        data["moments_html"] = markdown_to_html(entry.learning_moments);
        data["handling_html"] = markdown_to_html(entry.handling);
    }
    return show_entry(page, *day, entry, std::nullopt, std::move(data), 200);
}

Response post_entry(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    const Form& form = page.form;
    std::vector<FieldError> errors;
    DiaryEntry written;
    written.day = *day;
    std::string minutes_text = trim(form.get("minutes"));
    if (!minutes_text.empty()) {
        auto [end, fault] =
            std::from_chars(minutes_text.data(), minutes_text.data() + minutes_text.size(), written.minutes);
        if (fault != std::errc{} || end != minutes_text.data() + minutes_text.size()) {
            written.minutes = 0;
            errors.push_back({"minutes", N_("must be between 0 and 600")});
        }
    }
    written.learning_moments = form.get("learning_moments");
    written.handling = form.get("handling");
    written.key_learning = form.get("key_learning");
    written.competency_ids = form.all("competency_ids");
    written.tags = split_tags(form.get("tags"));
    written.shared_with_peer = form.has("shared_with_peer");
    mstch::map data;
    written.version = form_version(form).value_or(0);  // a refused save keeps what the form was based on
    if (errors.empty()) {
        Result<operations::SavedDiaryEntry> saved =
            operations::save_diary_entry(page.ports(), page.user(), written, form_version(form));
        if (saved) return redirect("/diary/" + format_day(*day) + "?saved=1");
        if (saved.error().code == ErrorCode::precondition_failed) {
            Result<DiaryEntry> now = operations::diary_entry(page.ports(), page.user(), *day);
            DiaryEntry current = now ? *now : DiaryEntry{};
            put_conflict(data,
                         {{page.t("Which learning moments were there today?"), written.learning_moments,
                           current.learning_moments},
                          {page.t("How did you deal with them?"), written.handling, current.handling},
                          {page.t("One learning a day"), written.key_learning, current.key_learning},
                          {page.t("Tags, separated by commas"), join_tags(written.tags), join_tags(current.tags)}},
                         now ? now->version : 0);
            return show_entry(page, *day, written, TypedText{form.get("tags"), form.get("minutes")}, std::move(data),
                              409);
        }
        errors.push_back(field_error(saved.error()));
    }
    put_errors(page, data, errors);
    return show_entry(page, *day, written, TypedText{form.get("tags"), form.get("minutes")}, std::move(data), 422);
}

Response post_delete(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return page.error_page(404, page.t("There is no such day."));
    Result<TrashedItem> trashed = operations::trash_diary_entry(page.ports(), page.user(), *day);
    if (!trashed) return redirect("/diary");  // nothing there (a second click): nothing to undo
    return redirect("/diary?deleted=" + url_encode(trashed->id));
}

}  // namespace

void add_diary_pages(PageRoutes& routes) {
    routes.add({"GET", "/diary", Access::member, get_diary});
    routes.add({"GET", "/diary/{day}", Access::member, get_entry});
    routes.add({.method = "POST", .pattern = "/diary/{day}", .handler = post_entry, .keeps_text = true});
    routes.add({"POST", "/diary/{day}/delete", Access::member, post_delete});
}

}  // namespace ritme::http::pages

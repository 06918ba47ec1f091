// The fixed colleague (vaste collega): inviting one, the pair and its weekly meeting slot,
// ending it, what I share and when the peer opened it, and reading what the peer shared
// with me: a diary day, a week, the Learning Contract with its discussion. Every change
// goes through the JSON Api's own handlers; the peer's items are read through them too, so
// that the Api records each opening and answers 404 for what is not shared.
#include <charconv>
#include <map>
#include <string>

#include "core/visibility.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

struct Weekday {
    int number;
    const char* name;
};
constexpr Weekday weekdays[] = {{1, N_("Monday")}, {2, N_("Tuesday")},  {3, N_("Wednesday")}, {4, N_("Thursday")},
                                {5, N_("Friday")}, {6, N_("Saturday")}, {7, N_("Sunday")}};

std::string text_of(const Json& object, const char* key) {
    if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return {};
    return object[key].get<std::string>();
}

std::optional<int> number_of(std::string_view text) {
    int value = 0;
    auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (fault != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

mstch::array weekday_options(const Page& page, int chosen) {
    mstch::array options;
    for (const Weekday& day : weekdays) {
        options.push_back(mstch::map{{"number", day.number}, {"name", page.t(day.name)}, {"selected", day.number == chosen}});
    }
    return options;
}

std::string weekday_name(const Page& page, int number) {
    return number >= 1 && number <= 7 ? page.t(weekdays[number - 1].name) : std::string();
}

const char* kind_name(const std::string& kind) {
    if (kind == "diary_entry") return N_("Diary day");
    if (kind == "weekly_review") return N_("Week");
    return N_("Learning Contract");
}

std::string own_href(const std::string& kind, const std::string& period) {
    if (kind == "diary_entry") return "/diary/" + period;
    if (kind == "weekly_review") return "/weeks/" + period;
    return "/contracts/" + period;
}

std::map<std::string, std::string> competency_names(Store& store) {
    std::map<std::string, std::string> names;
    for (const Competency& competency : store.list_competencies()) names[competency.id] = competency.name;
    return names;
}

std::string peer_name(const Page& page) {
    if (!page.user().peer_id) return {};
    std::optional<User> peer = page.services.store.find_user(*page.user().peer_id);
    return peer ? peer->name : std::string();
}

// --- /peer ------------------------------------------------------------------------------

Response show_peer(Page& page, mstch::map data, int status) {
    data["title"] = page.t("Fixed colleague");
    Json invitations = parse_json(page.api("GET", "/api/v1/peer/invitations"));
    auto invitation_items = [&](const char* list, const char* other) {
        mstch::array items;
        for (const Json& item : invitations.value(list, Json::array())) {
            items.push_back(mstch::map{{"id", text_of(item, "id")},
                                       {"name", text_of(item.value(other, Json::object()), "name")},
                                       {"since", moment_text(page, text_of(item, "created_at"))}});
        }
        return items;
    };
    mstch::array incoming = invitation_items("incoming", "from");
    mstch::array outgoing = invitation_items("outgoing", "to");
    data["incoming"] = incoming;
    data["has_incoming"] = !incoming.empty();
    data["outgoing"] = outgoing;
    data["has_outgoing"] = !outgoing.empty();

    Response found = page.api("GET", "/api/v1/peer");
    if (found.status != 200) return page.render("peer", std::move(data), status);
    Json pair = parse_json(found);
    Json peer = pair.value("peer", Json::object());
    data["has_peer"] = true;
    data["peer_name"] = text_of(peer, "name");
    data["peer_email"] = text_of(peer, "email");

    // The weekly meeting: as chosen, or (after a refused change) as typed.
    Json meeting = pair.value("meeting", Json());
    int weekday = 1;
    std::string time = "09:00";
    int duration = 30;
    if (meeting.is_object()) {
        weekday = meeting.value("weekday", 1);
        time = text_of(meeting, "time");
        duration = meeting.value("duration_minutes", 30);
        data["meeting_text"] = weekday_name(page, weekday) + " " + time + " (" + std::to_string(duration) + " " +
                               page.t("minutes") + ")";
    }
    if (data.count("typed_weekday")) weekday = number_of(page.form.get("weekday")).value_or(weekday);
    data["weekdays"] = weekday_options(page, weekday);
    if (!data.count("meeting_time")) data["meeting_time"] = time;
    if (!data.count("meeting_duration")) data["meeting_duration"] = std::to_string(duration);

    // What I share, and when the peer opened it.
    mstch::array mine;
    Json shared = parse_json(page.api("GET", "/api/v1/me/shared"));
    for (const Json& item : shared.value("items", Json::array())) {
        std::string kind = text_of(item, "kind");
        std::string period = text_of(item, "period");
        std::string last = text_of(item, "last_opened_at");
        mine.push_back(mstch::map{{"kind", page.t(kind_name(kind))},
                                  {"period", period},
                                  {"href", own_href(kind, period)},
                                  {"opened", !last.empty()},
                                  {"first_opened", moment_text(page, text_of(item, "first_opened_at"))},
                                  {"last_opened", moment_text(page, last)}});
    }
    data["mine"] = mine;
    data["has_mine"] = !mine.empty();

    // What the peer shares with me: diary days through the Api; weeks and contracts (the Api
    // lists neither) by the rule the Api applies to each of them (core/visibility).
    mstch::array theirs;
    Day today = page.today();
    Json diary = parse_json(page.api("GET", "/api/v1/peer/diary", nullptr,
                                     {{"from", format_day(add_days(today, -366))}, {"to", format_day(today)}, {"limit", "200"}}));
    for (const Json& entry : diary.value("entries", Json::array())) {
        std::string day = text_of(entry, "day");
        theirs.push_back(mstch::map{{"kind", page.t("Diary day")},
                                    {"period", day},
                                    {"summary", text_of(entry, "key_learning")},
                                    {"href", "/peer/diary/" + day}});
    }
    Store& store = page.services.store;
    const std::string peer_id = page.user().peer_id.value_or("");
    if (!peer_id.empty()) {
        std::vector<WeeklyReview> weeks = store.list_weekly_reviews(peer_id);
        for (auto week = weeks.rbegin(); week != weeks.rend(); ++week) {
            if (!may_read(page.user(), *week)) continue;
            theirs.push_back(mstch::map{{"kind", page.t("Week")},
                                        {"period", format_week(week->week)},
                                        {"summary", week->plan.situation},
                                        {"href", "/peer/weeks/" + format_week(week->week)}});
        }
        std::vector<LearningContract> contracts = store.list_learning_contracts(peer_id);
        for (auto contract = contracts.rbegin(); contract != contracts.rend(); ++contract) {
            if (!may_read(page.user(), *contract)) continue;
            theirs.push_back(mstch::map{{"kind", page.t("Learning Contract")},
                                        {"period", format_quarter(contract->quarter)},
                                        {"summary", contract->aims},
                                        {"href", "/peer/contracts/" + format_quarter(contract->quarter)}});
        }
    }
    data["theirs"] = theirs;
    data["has_theirs"] = !theirs.empty();
    return page.render("peer", std::move(data), status);
}

Response get_peer(Page& page) {
    mstch::map data;
    for (const char* notice : {"invited", "accepted", "declined", "withdrawn", "ended", "meeting_saved"}) {
        if (page.request.query_value(notice)) data[notice] = true;
    }
    return show_peer(page, std::move(data), 200);
}

Response post_invitation(Page& page) {
    std::string email = trim(page.form.get("email"));
    Json body{{"email", email}};
    Response sent = page.api("POST", "/api/v1/peer/invitations", &body);
    if (sent.status == 201) return redirect("/peer?invited=1");
    FieldError error = api_error(sent);
    if (sent.status == 404) {
        error = {"email", N_("No one uses Ritme here with this e-mail address.")};
    } else if (sent.status == 409) {
        error = {"email", N_("One of you has a fixed colleague already, or an invitation between you is waiting.")};
    } else {
        error.field = "email";
    }
    mstch::map data{{"invite_email", page.form.get("email")}};
    put_errors(page, data, {error});
    return show_peer(page, std::move(data), sent.status == 404 ? 404 : sent.status == 409 ? 409 : 422);
}

Response post_accept(Page& page) {
    Response accepted = page.api("POST", "/api/v1/peer/invitations/" + page.params.at("id") + "/accept");
    if (accepted.status == 200) return redirect("/peer?accepted=1");
    mstch::map data;
    if (accepted.status == 409) {
        put_errors(page, data, {{"", N_("One of you has a fixed colleague meanwhile.")}});
    } else {
        put_errors(page, data, {{"", N_("This invitation is no longer open.")}});
    }
    return show_peer(page, std::move(data), accepted.status == 409 ? 409 : 404);
}

Response post_invitation_delete(Page& page) {
    Response deleted = page.api("DELETE", "/api/v1/peer/invitations/" + page.params.at("id"));
    if (deleted.status == 204) {
        return redirect(page.form.get("side") == "incoming" ? "/peer?declined=1" : "/peer?withdrawn=1");
    }
    mstch::map data;
    put_errors(page, data, {{"", N_("This invitation is no longer open.")}});
    return show_peer(page, std::move(data), 404);
}

Response post_meeting(Page& page) {
    const Form& form = page.form;
    std::vector<FieldError> errors;
    std::optional<int> weekday = number_of(form.get("weekday"));
    std::string duration_text = trim(form.get("duration_minutes"));
    std::optional<int> duration = duration_text.empty() ? std::optional<int>(30) : number_of(duration_text);
    if (!weekday) errors.push_back({"weekday", N_("must be a day from Monday to Sunday")});
    if (!duration) errors.push_back({"duration_minutes", N_("must be a number of minutes from 15 to 240")});
    if (errors.empty()) {
        Json body{{"weekday", *weekday}, {"time", trim(form.get("time"))}, {"duration_minutes", *duration}};
        Response saved = page.api("PUT", "/api/v1/peer/meeting", &body);
        if (saved.status == 200) return redirect("/peer?meeting_saved=1");
        if (saved.status == 404) return redirect("/peer");
        errors.push_back(api_error(saved));
    }
    mstch::map data{{"typed_weekday", true},
                    {"meeting_time", form.get("time")},
                    {"meeting_duration", form.get("duration_minutes")}};
    put_errors(page, data, errors);
    return show_peer(page, std::move(data), 422);
}

Response post_end(Page& page) {
    if (!page.form.has("confirm")) {
        mstch::map data{{"end_open", true}};
        put_errors(page, data, {{"confirm", N_("Tick the box to confirm that you want to end the pair.")}});
        return show_peer(page, std::move(data), 422);
    }
    (void)page.api("DELETE", "/api/v1/peer");
    return redirect("/peer?ended=1");
}

// --- what the peer shared ---------------------------------------------------------------

Response not_shared(const Page& page) {
    return page.error_page(404, page.t("Your fixed colleague has not shared this with you."));
}

Response get_peer_diary(Page& page) {
    std::optional<Day> day = parse_day(page.params.at("day"));
    if (!day) return not_shared(page);
    Response found = page.api("GET", "/api/v1/peer/diary/" + format_day(*day));
    if (found.status != 200) return not_shared(page);
    Json entry = parse_json(found);
    std::map<std::string, std::string> names = competency_names(page.services.store);
    mstch::array competencies;
    for (const Json& id : entry.value("competency_ids", Json::array())) {
        if (auto name = names.find(id.get<std::string>()); name != names.end()) competencies.push_back(name->second);
    }
    mstch::array tags;
    for (const Json& tag : entry.value("tags", Json::array())) tags.push_back(tag.get<std::string>());
    mstch::map data{{"title", page.t("Diary day of your fixed colleague") + " " + format_day(*day)},
                    {"day", format_day(*day)},
                    {"day_text", day_text(page, *day)},
                    {"peer_name", peer_name(page)},
                    {"key_learning", text_of(entry, "key_learning")},
                    {"moments_html", markdown_to_html(text_of(entry, "learning_moments"))},
                    {"handling_html", markdown_to_html(text_of(entry, "handling"))},
                    {"has_handling", !text_of(entry, "handling").empty()},
                    {"competencies", competencies},
                    {"tags", tags},
                    {"week", format_week(week_of(*day))}};
    return page.render("peer_diary", std::move(data));
}

Response get_peer_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return not_shared(page);
    Response found = page.api("GET", "/api/v1/peer/weeks/" + format_week(*week));
    if (found.status != 200) return not_shared(page);
    mstch::map data = peer_week_data(page, parse_json(found));
    data["title"] = page.t("Week of your fixed colleague") + " " + format_week(*week);
    data["week"] = format_week(*week);
    data["peer_name"] = peer_name(page);
    return page.render("peer_week", std::move(data));
}

Response show_peer_contract(Page& page, Quarter quarter, const Json& contract, mstch::map data, int status) {
    std::map<std::string, std::string> names = competency_names(page.services.store);
    mstch::array competencies;
    for (const Json& id : contract.value("competency_ids", Json::array())) {
        if (auto name = names.find(id.get<std::string>()); name != names.end()) competencies.push_back(name->second);
    }
    mstch::array goals;
    for (const Json& goal : contract.value("goals", Json::array())) {
        goals.push_back(mstch::map{{"text", text_of(goal, "text")},
                                   {"measure", text_of(goal, "measure")},
                                   {"deadline", text_of(goal, "deadline")}});
    }
    mstch::array discussion;
    bool i_agreed = false;
    for (const Json& comment : contract.value("discussion", Json::array())) {
        std::string by = text_of(comment, "by");
        bool agree = comment.value("agree", false);
        if (by == page.user().id && agree) i_agreed = true;
        discussion.push_back(discussion_item(page, by, text_of(comment, "comment"), agree,
                                             parse_timestamp(text_of(comment, "at")).value_or(Timestamp{})));
    }
    std::string status_name = text_of(contract, "status");
    data["title"] = page.t("Learning Contract of your fixed colleague") + " " + format_quarter(quarter);
    data["quarter"] = format_quarter(quarter);
    data["peer_name"] = peer_name(page);
    data["where_from"] = text_of(contract, "where_from");
    data["where_now"] = text_of(contract, "where_now");
    data["aims"] = text_of(contract, "aims");
    data["approach"] = text_of(contract, "approach");
    data["evidence"] = text_of(contract, "evidence");
    data["competencies"] = competencies;
    data["goals"] = goals;
    data["has_goals"] = !goals.empty();
    data["discussion"] = discussion;
    data["has_discussion"] = !discussion.empty();
    data["agreed"] = status_name == "agreed";
    data["i_agreed"] = i_agreed;
    for (const char* notice : {"commented", "agreed_now"}) {
        if (page.request.query_value(notice)) data[notice] = true;
    }
    return page.render("peer_contract", std::move(data), status);
}

Response get_peer_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return not_shared(page);
    Response found = page.api("GET", "/api/v1/peer/contracts/" + format_quarter(*quarter));
    if (found.status != 200) return not_shared(page);
    return show_peer_contract(page, *quarter, parse_json(found), {}, 200);
}

Response post_discussion(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return not_shared(page);
    std::string path = "/api/v1/peer/contracts/" + format_quarter(*quarter);
    bool agree = page.form.get("action") == "agree";
    Json body{{"comment", page.form.get("comment")}, {"agree", agree}};
    Response answered = page.api("POST", path + "/discussion", &body);
    if (answered.status == 200) {
        return redirect("/peer/contracts/" + format_quarter(*quarter) + (agree ? "?agreed_now=1" : "?commented=1"));
    }
    Response found = page.api("GET", path);
    if (found.status != 200) return not_shared(page);
    FieldError error = api_error(answered);
    if (error.field.empty() || error.field == "agree") error.field = "comment";
    mstch::map data{{"comment", page.form.get("comment")}};
    put_errors(page, data, {error});
    return show_peer_contract(page, *quarter, parse_json(found), std::move(data), 422);
}

}  // namespace

mstch::map peer_week_data(const Page& page, const Json& review) {
    std::map<std::string, std::string> names = competency_names(page.services.store);
    Json meeting = review.value("peer_meeting", Json::object());
    Json plan = review.value("plan", Json::object());
    std::string competency_id = text_of(plan, "competency_id");
    mstch::array check;
    for (const Json& day : review.value("check", Json::array())) check.push_back(day.get<std::string>());
    return mstch::map{{"held", meeting.value("held", false)},
                      {"meeting_day", text_of(meeting, "day")},
                      {"meeting_notes", text_of(meeting, "notes")},
                      {"competency", names.count(competency_id) ? names[competency_id] : std::string()},
                      {"situation", text_of(plan, "situation")},
                      {"approach", text_of(plan, "approach")},
                      {"measure", text_of(plan, "measure")},
                      {"deadline", text_of(plan, "deadline")},
                      {"act", text_of(review, "act")},
                      {"check", check},
                      {"has_check", !check.empty()}};
}

std::string peer_name_of(const Page& page) {
    return peer_name(page);
}

mstch::map discussion_item(const Page& page, const std::string& by, const std::string& comment, bool agree,
                           Timestamp at) {
    std::string who = page.t("an earlier fixed colleague");
    if (by == page.user().id) {
        who = page.t("You");
    } else if (page.user().peer_id && by == *page.user().peer_id) {
        who = peer_name(page);
    }
    return mstch::map{{"who", who}, {"comment", comment}, {"agree", agree}, {"at", moment_text(page, at)}};
}

void add_peer_pages(PageRoutes& routes) {
    routes.add({"GET", "/peer", Access::member, get_peer});
    routes.add({"POST", "/peer/invitations", Access::member, post_invitation});
    routes.add({"POST", "/peer/invitations/{id}/accept", Access::member, post_accept});
    routes.add({"POST", "/peer/invitations/{id}/delete", Access::member, post_invitation_delete});
    routes.add({"POST", "/peer/meeting", Access::member, post_meeting});
    routes.add({"POST", "/peer/end", Access::member, post_end});
    routes.add({"GET", "/peer/diary/{day}", Access::member, get_peer_diary});
    routes.add({"GET", "/peer/weeks/{week}", Access::member, get_peer_week});
    routes.add({"GET", "/peer/contracts/{quarter}", Access::member, get_peer_contract});
    routes.add({"POST", "/peer/contracts/{quarter}/discussion", Access::member, post_discussion});
}

}  // namespace ritme::http::pages

// The week (peer review and PDCA), the month (self-reflection and focus), the quarter (the
// Learning Contract) and the year (basic choices). Each form posts to the page, which
// calls the JSON Api's own handler; SMART hints update as one types (htmx posts the form
// to a small endpoint that answers the hints fragment).
#include <algorithm>
#include <map>
#include <string>

#include "core/smart.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

Json day_or_null(const std::string& text) {
    std::string day = trim(text);
    return day.empty() ? Json(nullptr) : Json(day);
}

std::string day_text(const std::optional<Day>& day) {
    return day ? format_day(*day) : std::string();
}

mstch::array competency_options(const Page& page, const std::vector<std::string>& chosen, bool keep_archived = true) {
    mstch::array options;
    for (const Competency& competency : page.services.store.list_competencies()) {
        bool checked = std::find(chosen.begin(), chosen.end(), competency.id) != chosen.end();
        if (competency.archived && !(checked && keep_archived)) continue;
        options.push_back(mstch::map{{"id", competency.id},
                                     {"name", competency.name},
                                     {"description", competency.description},
                                     {"checked", checked}});
    }
    return options;
}

std::map<std::string, std::string> competency_names(Store& store) {
    std::map<std::string, std::string> names;
    for (const Competency& competency : store.list_competencies()) names[competency.id] = competency.name;
    return names;
}

// The SMART verdict as the hints fragment's data.
mstch::map smart_data(const Page& page, const SmartVerdict& verdict, const std::string& id = "smart-hints") {
    auto criterion = [&](const char* name, bool ok) { return mstch::map{{"name", page.t(name)}, {"ok", ok}}; };
    mstch::array criteria{criterion(N_("Specific"), verdict.specific), criterion(N_("Measurable"), verdict.measurable),
                          criterion(N_("Achievable"), verdict.achievable),
                          criterion(N_("Relevant"), verdict.relevant),
                          criterion(N_("Time-bound"), verdict.time_bound)};
    mstch::array hints;
    for (const std::string& hint : verdict.hints) hints.push_back(hint);
    return mstch::map{{"criteria", criteria}, {"hints", hints}, {"is_smart", verdict.hints.empty()}, {"hints_id", id}};
}

// --- week -------------------------------------------------------------------------------

WeeklyPlan plan_from_form(const Form& form) {
    WeeklyPlan plan;
    plan.competency_id = form.get("plan_competency_id");
    plan.situation = form.get("plan_situation");
    plan.approach = form.get("plan_approach");
    plan.measure = form.get("plan_measure");
    plan.deadline = parse_day(trim(form.get("plan_deadline")));
    return plan;
}

Response show_week(Page& page, IsoWeek week, const WeeklyReview& review, mstch::map data, int status) {
    const User& user = page.user();
    Store& store = page.services.store;
    std::string week_text = format_week(week);
    data["title"] = page.t("Week") + " " + week_text;
    data["week"] = week_text;
    data["first_day"] = format_day(first_day(week));
    data["last_day"] = format_day(last_day(week));
    data["held"] = review.peer_meeting.held;
    data["meeting_day"] = data.count("meeting_day") ? data["meeting_day"] : mstch::node(day_text(review.peer_meeting.day));
    data["meeting_notes"] = review.peer_meeting.notes;
    data["plan_situation"] = review.plan.situation;
    data["plan_approach"] = review.plan.approach;
    data["plan_measure"] = review.plan.measure;
    if (!data.count("plan_deadline")) data["plan_deadline"] = day_text(review.plan.deadline);
    data["act"] = review.act;
    data["shared_with_peer"] = review.shared_with_peer;
    data["competencies"] = competency_options(page, {review.plan.competency_id});
    data["smart"] = smart_data(page, check_weekly_plan(review.plan, week, user.locale));
    // Check: the week's diary days.
    mstch::array check;
    for (Day day : store.diary_days(user.id, first_day(week), last_day(week))) {
        check.push_back(mstch::map{{"day", format_day(day)}});
    }
    data["check"] = check;
    data["has_check"] = !check.empty();
    // Act: last week's plan.
    IsoWeek before = previous(week);
    if (std::optional<WeeklyReview> last = store.find_weekly_review(user.id, before)) {
        std::map<std::string, std::string> names = competency_names(store);
        mstch::map plan{{"week", format_week(before)},
                        {"situation", last->plan.situation},
                        {"approach", last->plan.approach},
                        {"measure", last->plan.measure},
                        {"competency", names.count(last->plan.competency_id) ? names[last->plan.competency_id] : ""}};
        data["last_plan"] = plan;
    }
    // The shared conversation: beside my PDCA, what my fixed colleague shared of this week.
    if (user.peer_id && !user.peer_id->empty()) {
        data["has_peer"] = true;
        data["peer_name"] = peer_name_of(page);
        Response shared = page.api("GET", "/api/v1/peer/weeks/" + week_text);
        if (shared.status == 200) data["peer_week"] = peer_week_data(page, parse_json(shared));
        Json days = parse_json(page.api("GET", "/api/v1/peer/diary", nullptr,
                                        {{"from", format_day(first_day(week))}, {"to", format_day(last_day(week))}}));
        mstch::array peer_days;
        for (const Json& entry : days.value("entries", Json::array())) {
            if (!entry.is_object() || !entry.contains("day") || !entry["day"].is_string()) continue;
            peer_days.push_back(mstch::map{{"day", entry["day"].get<std::string>()},
                                           {"key_learning", entry.value("key_learning", std::string())}});
        }
        data["peer_days"] = peer_days;
        data["has_peer_days"] = !peer_days.empty();
    }
    data["previous_week"] = format_week(before);
    data["next_week"] = format_week(week_of(add_days(last_day(week), 1)));
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("week", std::move(data), status);
}

Response get_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    WeeklyReview review;
    if (std::optional<WeeklyReview> found = page.services.store.find_weekly_review(page.user().id, *week)) {
        review = *found;
    }
    return show_week(page, *week, review, {}, 200);
}

Response post_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    const Form& form = page.form;
    Json body{{"peer_meeting",
               {{"held", form.has("held")}, {"day", day_or_null(form.get("meeting_day"))}, {"notes", form.get("meeting_notes")}}},
              {"plan",
               {{"competency_id", form.get("plan_competency_id")},
                {"situation", form.get("plan_situation")},
                {"approach", form.get("plan_approach")},
                {"measure", form.get("plan_measure")},
                {"deadline", day_or_null(form.get("plan_deadline"))}}},
              {"act", form.get("act")},
              {"shared_with_peer", form.has("shared_with_peer")}};
    Response saved = page.api("PUT", "/api/v1/weeks/" + format_week(*week), &body);
    if (saved.status == 200) return redirect("/weeks/" + format_week(*week) + "?saved=1");
    WeeklyReview review;
    review.peer_meeting.held = form.has("held");
    review.peer_meeting.notes = form.get("meeting_notes");
    review.plan = plan_from_form(form);
    review.act = form.get("act");
    review.shared_with_peer = form.has("shared_with_peer");
    mstch::map data{{"meeting_day", form.get("meeting_day")}, {"plan_deadline", form.get("plan_deadline")}};
    put_errors(page, data, {api_error(saved)});
    return show_week(page, *week, review, std::move(data), 422);
}

Response post_week_smart(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    SmartVerdict verdict = check_weekly_plan(plan_from_form(page.form), *week, page.user().locale);
    return page.render("smart_hints", mstch::map{{"smart", smart_data(page, verdict)}}, 200, true);
}

// --- month ------------------------------------------------------------------------------

constexpr const char* goal_statuses[] = {"not_started", "on_track", "at_risk", "achieved"};
constexpr const char* goal_status_names[] = {N_("not started"), N_("on track"), N_("at risk"), N_("achieved")};

Response show_month(Page& page, Month month, const MonthlyReflection& reflection, mstch::map data, int status) {
    const User& user = page.user();
    Store& store = page.services.store;
    data["title"] = page.t("Month") + " " + format_month(month);
    data["month"] = format_month(month);
    data["competencies"] = competency_options(page, reflection.focus_competency_ids);
    data["went_well"] = reflection.went_well;
    data["could_be_better"] = reflection.could_be_better;
    data["approach"] = reflection.approach;
    data["sol_meeting_attended"] = reflection.sol_meeting_attended;
    Quarter quarter = quarter_of(first_day(month));
    data["contract_href"] = "/contracts/" + format_quarter(quarter);
    mstch::array goals;
    if (std::optional<LearningContract> contract = store.find_learning_contract(user.id, quarter)) {
        for (const ContractGoal& goal : contract->goals) {
            GoalProgress progress;
            for (const GoalProgress& item : reflection.goal_progress) {
                if (item.goal_id == goal.id) progress = item;
            }
            mstch::array options;
            for (std::size_t i = 0; i < 4; ++i) {
                options.push_back(mstch::map{{"value", std::string(goal_statuses[i])},
                                             {"name", page.t(goal_status_names[i])},
                                             {"selected", to_string(progress.status) == goal_statuses[i]}});
            }
            goals.push_back(mstch::map{{"id", goal.id}, {"text", goal.text}, {"note", progress.note}, {"options", options}});
        }
    }
    data["goals"] = goals;
    data["has_goals"] = !goals.empty();
    mstch::array weeks;
    for (const WeeklyReview& review : store.list_weekly_reviews(user.id)) {
        if (month_of(first_day(review.week)) != month && month_of(last_day(review.week)) != month) continue;
        weeks.push_back(mstch::map{{"week", format_week(review.week)}, {"act", review.act}});
    }
    data["weeks"] = weeks;
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("month", std::move(data), status);
}

Response get_month(Page& page) {
    std::optional<Month> month = parse_month(page.params.at("month"));
    if (!month) return page.error_page(404, page.t("There is no such month."));
    MonthlyReflection reflection;
    if (auto found = page.services.store.find_monthly_reflection(page.user().id, *month)) reflection = *found;
    return show_month(page, *month, reflection, {}, 200);
}

Response post_month(Page& page) {
    std::optional<Month> month = parse_month(page.params.at("month"));
    if (!month) return page.error_page(404, page.t("There is no such month."));
    const Form& form = page.form;
    MonthlyReflection typed;
    typed.focus_competency_ids = form.all("focus_competency_ids");
    typed.went_well = form.get("went_well");
    typed.could_be_better = form.get("could_be_better");
    typed.approach = form.get("approach");
    typed.sol_meeting_attended = form.has("sol_meeting_attended");
    Json progress = Json::array();
    for (const std::string& goal_id : form.all("goal_ids")) {
        std::string status = form.get("goal_status_" + goal_id);
        std::string note = form.get("goal_note_" + goal_id);
        if (status.empty()) status = "not_started";
        progress.push_back({{"goal_id", goal_id}, {"status", status}, {"note", note}});
        if (std::optional<GoalStatus> parsed = parse_goal_status(status)) {
            typed.goal_progress.push_back(GoalProgress{goal_id, *parsed, note});
        }
    }
    std::vector<FieldError> errors;
    if (typed.focus_competency_ids.size() > 2) {
        errors.push_back({"focus_competency_ids",
                          N_("You chose more than two. A month has one or two focus competencies: choose at most two.")});
    } else {
        Json body{{"focus_competency_ids", typed.focus_competency_ids},
                  {"went_well", typed.went_well},
                  {"could_be_better", typed.could_be_better},
                  {"approach", typed.approach},
                  {"goal_progress", progress},
                  {"sol_meeting_attended", typed.sol_meeting_attended}};
        Response saved = page.api("PUT", "/api/v1/months/" + format_month(*month), &body);
        if (saved.status == 200) return redirect("/months/" + format_month(*month) + "?saved=1");
        errors.push_back(api_error(saved));
    }
    mstch::map data;
    put_errors(page, data, errors);
    return show_month(page, *month, typed, std::move(data), 422);
}

// --- quarter: the Learning Contract -----------------------------------------------------

constexpr int blank_goals = 2;

// The goals as typed: parallel fields goal_id, goal_text, goal_measure, goal_deadline;
// a goal left without text and measure is dropped (that is how one removes a goal).
Json goals_from_form(const Form& form) {
    std::vector<std::string> ids = form.all("goal_id");
    std::vector<std::string> texts = form.all("goal_text");
    std::vector<std::string> measures = form.all("goal_measure");
    std::vector<std::string> deadlines = form.all("goal_deadline");
    Json goals = Json::array();
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string measure = i < measures.size() ? measures[i] : "";
        if (trim(texts[i]).empty() && trim(measure).empty()) continue;
        Json goal{{"text", texts[i]},
                  {"measure", measure},
                  {"deadline", day_or_null(i < deadlines.size() ? deadlines[i] : "")}};
        if (i < ids.size() && !ids[i].empty()) goal["id"] = ids[i];
        goals.push_back(goal);
    }
    return goals;
}

mstch::array goal_rows(const Page& page, const LearningContract& contract, bool with_blanks) {
    mstch::array rows;
    int number = 1;
    for (const ContractGoal& goal : contract.goals) {
        SmartVerdict verdict = check_contract_goal(goal, contract.quarter, contract.competency_ids, page.user().locale);
        rows.push_back(mstch::map{{"number", number++},
                                  {"id", goal.id},
                                  {"text", goal.text},
                                  {"measure", goal.measure},
                                  {"deadline", day_text(goal.deadline)},
                                  {"smart", smart_data(page, verdict, "goal-" + std::to_string(number - 1) + "-hints")}});
    }
    for (int i = 0; with_blanks && i < blank_goals; ++i) {
        rows.push_back(mstch::map{{"number", number++},
                                  {"id", std::string()},
                                  {"text", std::string()},
                                  {"measure", std::string()},
                                  {"deadline", std::string()},
                                  {"blank", true}});
    }
    return rows;
}

LearningContract contract_from_form(const Form& form, Quarter quarter) {
    LearningContract contract;
    contract.quarter = quarter;
    contract.where_from = form.get("where_from");
    contract.where_now = form.get("where_now");
    contract.aims = form.get("aims");
    contract.approach = form.get("approach");
    contract.evidence = form.get("evidence");
    contract.competency_ids = form.all("competency_ids");
    for (const Json& goal : goals_from_form(form)) {
        contract.goals.push_back(ContractGoal{goal.value("id", ""), goal.value("text", ""), goal.value("measure", ""),
                                              goal["deadline"].is_string() ? parse_day(goal["deadline"].get<std::string>())
                                                                           : std::nullopt});
    }
    return contract;
}

Response show_contract(Page& page, Quarter quarter, const LearningContract& contract, mstch::map data, int status) {
    const User& user = page.user();
    Store& store = page.services.store;
    data["title"] = page.t("Learning Contract") + " " + format_quarter(quarter);
    data["quarter"] = format_quarter(quarter);
    data["where_from"] = contract.where_from;
    data["where_now"] = contract.where_now;
    data["aims"] = contract.aims;
    data["approach"] = contract.approach;
    data["evidence"] = contract.evidence;
    data["competencies"] = competency_options(page, contract.competency_ids);
    data["goals"] = goal_rows(page, contract, true);
    data["status_" + std::string(to_string(contract.status))] = true;
    data["revision"] = contract.revision;
    // Beside "where do you come from": the previous quarter's contract and the monthly
    // reflections since.
    Quarter before = previous(quarter);
    if (std::optional<LearningContract> last = store.find_learning_contract(user.id, before)) {
        mstch::array goals;
        for (const ContractGoal& goal : last->goals) goals.push_back(goal.text);
        data["previous"] = mstch::map{{"quarter", format_quarter(before)}, {"aims", last->aims}, {"goals", goals}};
    }
    mstch::array reflections;
    for (const MonthlyReflection& reflection : store.list_monthly_reflections(user.id)) {
        Day first = first_day(reflection.month);
        if (first < first_day(before) || first > last_day(quarter)) continue;
        reflections.push_back(mstch::map{{"month", format_month(reflection.month)},
                                         {"went_well", reflection.went_well},
                                         {"could_be_better", reflection.could_be_better}});
    }
    data["reflections"] = reflections;
    data["has_reflections"] = !reflections.empty();
    mstch::array revisions;
    std::vector<LearningContract> all = store.list_contract_revisions(user.id, quarter);
    for (const LearningContract& revision : all) {
        if (revision.revision == contract.revision) continue;
        revisions.push_back(mstch::map{{"revision", revision.revision},
                                       {"status", std::string(to_string(revision.status))},
                                       {"updated", format_day(page.services.calendar.local_day(revision.updated_at, user.timezone))},
                                       {"where_now", revision.where_now},
                                       {"aims", revision.aims},
                                       {"approach", revision.approach},
                                       {"evidence", revision.evidence}});
    }
    data["revisions"] = revisions;
    data["has_revisions"] = !revisions.empty();
    data["exists"] = !all.empty();
    bool has_peer = user.peer_id.has_value() && !user.peer_id->empty();
    data["has_peer"] = has_peer;
    data["peer_name"] = peer_name_of(page);
    data["shared_with_peer"] = contract.shared_with_peer;
    data["may_share"] = !all.empty() && has_peer && !contract.shared_with_peer;
    // The discussion with the fixed colleague, and whether they opened it.
    mstch::array discussion;
    for (const ContractComment& comment : contract.discussion) {
        discussion.push_back(discussion_item(page, comment.by, comment.comment, comment.agree, comment.at));
    }
    data["discussion"] = discussion;
    data["has_discussion"] = !discussion.empty();
    if (contract.shared_with_peer) {
        Json shared = parse_json(page.api("GET", "/api/v1/me/shared"));
        for (const Json& item : shared.value("items", Json::array())) {
            if (item.value("kind", std::string()) != "learning_contract" ||
                item.value("period", std::string()) != format_quarter(quarter)) {
                continue;
            }
            if (item.contains("last_opened_at") && item["last_opened_at"].is_string()) {
                data["opened"] = moment_text(page, item["last_opened_at"].get<std::string>());
            }
        }
    }
    if (page.request.query_value("saved")) data["saved"] = true;
    if (page.request.query_value("shared")) data["shared"] = true;
    if (page.request.query_value("unshared")) data["unshared"] = true;
    return page.render("contract", std::move(data), status);
}

Response get_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    LearningContract contract;
    contract.quarter = *quarter;
    if (auto found = page.services.store.find_learning_contract(page.user().id, *quarter)) contract = *found;
    return show_contract(page, *quarter, contract, {}, 200);
}

Response post_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    const Form& form = page.form;
    Json body{{"where_from", form.get("where_from")}, {"where_now", form.get("where_now")},
              {"aims", form.get("aims")},             {"approach", form.get("approach")},
              {"evidence", form.get("evidence")},     {"competency_ids", form.all("competency_ids")},
              {"goals", goals_from_form(form)}};
    Response saved = page.api("PUT", "/api/v1/contracts/" + format_quarter(*quarter), &body);
    if (saved.status == 200) return redirect("/contracts/" + format_quarter(*quarter) + "?saved=1");
    LearningContract typed = contract_from_form(form, *quarter);
    mstch::map data;
    put_errors(page, data, {api_error(saved)});
    return show_contract(page, *quarter, typed, std::move(data), 422);
}

Response post_contract_smart(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    LearningContract typed = contract_from_form(page.form, *quarter);
    return page.render("goal_hints", mstch::map{{"goals", goal_rows(page, typed, false)}}, 200, true);
}

Response post_contract_share(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    Response shared = page.api("POST", "/api/v1/contracts/" + format_quarter(*quarter) + "/share");
    if (shared.status == 200) return redirect("/contracts/" + format_quarter(*quarter) + "?shared=1");
    LearningContract contract;
    contract.quarter = *quarter;
    if (auto found = page.services.store.find_learning_contract(page.user().id, *quarter)) contract = *found;
    mstch::map data;
    put_errors(page, data, {{"", N_("There is no fixed colleague to share the contract with yet.")}});
    return show_contract(page, *quarter, contract, std::move(data), 409);
}

Response post_contract_unshare(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    Response taken = page.api("POST", "/api/v1/contracts/" + format_quarter(*quarter) + "/unshare");
    if (taken.status == 200) return redirect("/contracts/" + format_quarter(*quarter) + "?unshared=1");
    return page.error_page(404, page.t("There is no such quarter."));
}

// --- year -------------------------------------------------------------------------------

constexpr const char* next_steps[] = {"stay", "grow_in_role", "new_role_inside", "education", "elsewhere", "undecided"};
constexpr const char* next_step_names[] = {N_("Stay where I am"),
                                           N_("Grow in my current role"),
                                           N_("A new role inside the organisation"),
                                           N_("Education or training"),
                                           N_("Look for something elsewhere"),
                                           N_("Undecided")};

std::string next_step_name(const Page& page, const std::optional<NextStep>& step) {
    if (!step) return {};
    for (std::size_t i = 0; i < 6; ++i) {
        if (to_string(*step) == next_steps[i]) return page.t(next_step_names[i]);
    }
    return {};
}

mstch::array scale(const std::optional<int>& value) {
    mstch::array options;
    for (int i = 1; i <= 5; ++i) options.push_back(mstch::map{{"value", i}, {"checked", value && *value == i}});
    return options;
}

Response show_year(Page& page, Year year, const YearlyReview& review, mstch::map data, int status) {
    data["title"] = page.t("Year") + " " + format_year(year);
    data["year"] = format_year(year);
    data["challenging"] = scale(review.challenging);
    data["inspiring"] = scale(review.inspiring);
    data["rewarding"] = scale(review.rewarding);
    mstch::array steps;
    for (std::size_t i = 0; i < 6; ++i) {
        steps.push_back(mstch::map{{"value", std::string(next_steps[i])},
                                   {"name", page.t(next_step_names[i])},
                                   {"selected", review.next_step && to_string(*review.next_step) == next_steps[i]}});
    }
    data["steps"] = steps;
    data["notes"] = review.notes;
    mstch::array earlier;
    for (const YearlyReview& other : page.services.store.list_yearly_reviews(page.user().id)) {
        if (other.year >= year) continue;
        auto number = [](const std::optional<int>& value) { return value ? std::to_string(*value) : std::string("–"); };
        earlier.push_back(mstch::map{{"year", format_year(other.year)},
                                     {"challenging", number(other.challenging)},
                                     {"inspiring", number(other.inspiring)},
                                     {"rewarding", number(other.rewarding)},
                                     {"next_step", next_step_name(page, other.next_step)},
                                     {"notes", other.notes}});
    }
    std::reverse(earlier.begin(), earlier.end());
    data["earlier"] = earlier;
    data["has_earlier"] = !earlier.empty();
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("year", std::move(data), status);
}

Response get_year(Page& page) {
    std::optional<Year> year = parse_year(page.params.at("year"));
    if (!year) return page.error_page(404, page.t("There is no such year."));
    YearlyReview review;
    if (auto found = page.services.store.find_yearly_review(page.user().id, *year)) review = *found;
    return show_year(page, *year, review, {}, 200);
}

Response post_year(Page& page) {
    std::optional<Year> year = parse_year(page.params.at("year"));
    if (!year) return page.error_page(404, page.t("There is no such year."));
    const Form& form = page.form;
    auto score = [&](const char* field) -> Json {
        std::string text = form.get(field);
        if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '0';
        return nullptr;
    };
    Json body{{"challenging", score("challenging")}, {"inspiring", score("inspiring")},
              {"rewarding", score("rewarding")},     {"next_step", form.get("next_step")},
              {"notes", form.get("notes")}};
    Response saved = page.api("PUT", "/api/v1/years/" + format_year(*year), &body);
    if (saved.status == 200) return redirect("/years/" + format_year(*year) + "?saved=1");
    YearlyReview typed;
    typed.notes = form.get("notes");
    typed.next_step = parse_next_step(form.get("next_step"));
    mstch::map data;
    put_errors(page, data, {api_error(saved)});
    return show_year(page, *year, typed, std::move(data), 422);
}

}  // namespace

void add_level_pages(PageRoutes& routes) {
    routes.add({"GET", "/weeks/{week}", Access::member, get_week});
    routes.add({"POST", "/weeks/{week}", Access::member, post_week});
    routes.add({"POST", "/weeks/{week}/smart", Access::member, post_week_smart});
    routes.add({"GET", "/months/{month}", Access::member, get_month});
    routes.add({"POST", "/months/{month}", Access::member, post_month});
    routes.add({"GET", "/contracts/{quarter}", Access::member, get_contract});
    routes.add({"POST", "/contracts/{quarter}", Access::member, post_contract});
    routes.add({"POST", "/contracts/{quarter}/smart", Access::member, post_contract_smart});
    routes.add({"POST", "/contracts/{quarter}/share", Access::member, post_contract_share});
    routes.add({"POST", "/contracts/{quarter}/unshare", Access::member, post_contract_unshare});
    routes.add({"GET", "/years/{year}", Access::member, get_year});
    routes.add({"POST", "/years/{year}", Access::member, post_year});
}

}  // namespace ritme::http::pages

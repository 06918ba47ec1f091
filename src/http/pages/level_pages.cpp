// The week (peer review and PDCA), the month (self-reflection and focus), the quarter (the
// Learning Contract) and the year (basic choices). Each form posts to the page, which
// calls the level's operation (core/operations/levels.hpp); SMART hints update as one
// types (htmx posts the form to a small endpoint that answers the hints fragment).
#include <algorithm>
#include <string>

#include "core/operations/levels.hpp"
#include "core/operations/peer.hpp"
#include "core/operations/trash.hpp"
#include "core/rules.hpp"
#include "core/smart.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/page.hpp"
#include "http/pages/when.hpp"

namespace ritme::http::pages {
namespace {

std::string day_text(const std::optional<Day>& day) {
    return day ? format_day(*day) : std::string();
}

mstch::array competency_options(const std::vector<Competency>& catalogue, const std::vector<std::string>& chosen) {
    mstch::array options;
    for (const Competency& competency : catalogue) {
        bool checked = std::find(chosen.begin(), chosen.end(), competency.id) != chosen.end();
        if (competency.archived && !checked) continue;
        options.push_back(mstch::map{{"id", competency.id},
                                     {"name", competency.name},
                                     {"description", competency.description},
                                     {"checked", checked}});
    }
    return options;
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
    Result<operations::WeekPage> shown = operations::week_page(page.ports(), user, week);
    if (!shown) return page.error_page(shown.error());
    std::string week_text = format_week(week);
    data["title"] = page.t("Week") + " " + week_text;
    data["week"] = week_text;
    data["first_day"] = format_day(first_day(week));
    data["last_day"] = format_day(last_day(week));
    data["held"] = review.peer_meeting.held;
    if (!data.count("meeting_day")) data["meeting_day"] = day_text(review.peer_meeting.day);
    data["meeting_notes"] = review.peer_meeting.notes;
    data["plan_situation"] = review.plan.situation;
    data["plan_approach"] = review.plan.approach;
    data["plan_measure"] = review.plan.measure;
    if (!data.count("plan_deadline")) data["plan_deadline"] = day_text(review.plan.deadline);
    data["act"] = review.act;
    data["shared_with_peer"] = review.shared_with_peer;
    if (!data.count("version")) data["version"] = review.version;
    data["competencies"] = competency_options(shown->catalogue, {review.plan.competency_id});
    data["smart"] = smart_data(page, check_weekly_plan(review.plan, week, page.today(), user.locale));
    // Check: the week's diary days.
    mstch::array check;
    for (Day day : shown->check) check.push_back(mstch::map{{"day", format_day(day)}});
    data["check"] = check;
    data["has_check"] = !check.empty();
    // Act: last week's plan.
    IsoWeek before = previous(week);
    if (const std::optional<WeeklyReview>& last = shown->last_week) {
        mstch::map plan{{"week", format_week(before)},
                        {"situation", last->plan.situation},
                        {"approach", last->plan.approach},
                        {"measure", last->plan.measure},
                        {"competency", competency_name(shown->catalogue, last->plan.competency_id)}};
        data["last_plan"] = plan;
    }
    // The shared conversation: beside my PDCA, what my fixed colleague shared of this week
    // (opening it is recorded for them).
    if (user.peer_id && !user.peer_id->empty()) {
        data["has_peer"] = true;
        data["peer_name"] = shown->peer ? shown->peer->name : std::string();
        if (auto shared = operations::open_peer_week(page.ports(), user, week)) {
            data["peer_week"] = peer_week_data(shared->item, shown->catalogue);
        }
        mstch::array peer_days;
        for (const DiaryEntry& entry : shown->peer_days) {
            peer_days.push_back(mstch::map{{"day", format_day(entry.day)}, {"key_learning", entry.key_learning}});
        }
        data["peer_days"] = peer_days;
        data["has_peer_days"] = !peer_days.empty();
    }
    if (shown->review) data["exists"] = true;
    put_undo(page, data);
    data["previous_week"] = format_week(before);
    data["next_week"] = format_week(week_of(add_days(last_day(week), 1)));
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("week", std::move(data), status);
}

Response get_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    Result<operations::CheckedWeek> found = operations::weekly_review(page.ports(), page.user(), *week);
    return show_week(page, *week, found ? found->review : WeeklyReview{}, {{"version", found ? found->review.version : 0}},
                     200);
}

Response post_week(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    const Form& form = page.form;
    std::optional<FieldError> fault;
    WeeklyReview written;
    written.week = *week;
    written.peer_meeting.held = form.has("held");
    written.peer_meeting.day = typed_day(form.get("meeting_day"), "peer_meeting.day", fault);
    written.peer_meeting.notes = form.get("meeting_notes");
    written.plan.competency_id = form.get("plan_competency_id");
    written.plan.situation = form.get("plan_situation");
    written.plan.approach = form.get("plan_approach");
    written.plan.measure = form.get("plan_measure");
    written.plan.deadline = typed_day(form.get("plan_deadline"), "plan.deadline", fault);
    written.act = form.get("act");
    written.shared_with_peer = form.has("shared_with_peer");
    mstch::map data{{"meeting_day", form.get("meeting_day")},
                    {"plan_deadline", form.get("plan_deadline")},
                    {"version", form_version(form).value_or(0)}};
    if (!fault) {
        Result<operations::CheckedWeek> saved =
            operations::plan_week(page.ports(), page.user(), written, form_version(form));
        if (saved) return redirect("/weeks/" + format_week(*week) + "?saved=1");
        if (saved.error().code == ErrorCode::precondition_failed) {
            Result<operations::CheckedWeek> now = operations::weekly_review(page.ports(), page.user(), *week);
            WeeklyReview current = now ? now->review : WeeklyReview{};
            put_conflict(data,
                         {{page.t("What did you talk about?"), written.peer_meeting.notes, current.peer_meeting.notes},
                          {page.t("In which situation?"), written.plan.situation, current.plan.situation},
                          {page.t("How will you develop it?"), written.plan.approach, current.plan.approach},
                          {page.t("How will you know it worked?"), written.plan.measure, current.plan.measure},
                          {page.t("What do you change, given what you saw?"), written.act, current.act}},
                         now ? now->review.version : 0);
            return show_week(page, *week, written, std::move(data), 409);
        }
        fault = field_error(saved.error());
    }
    put_errors(page, data, {*fault});
    return show_week(page, *week, written, std::move(data), 422);
}

Response post_week_smart(Page& page) {
    std::optional<IsoWeek> week = parse_week(page.params.at("week"));
    if (!week) return page.error_page(404, page.t("There is no such week."));
    SmartVerdict verdict = check_weekly_plan(plan_from_form(page.form), *week, page.today(), page.user().locale);
    return page.render("smart_hints", mstch::map{{"smart", smart_data(page, verdict)}}, 200, true);
}

// --- month ------------------------------------------------------------------------------

constexpr const char* goal_statuses[] = {"not_started", "on_track", "at_risk", "achieved"};
constexpr const char* goal_status_names[] = {N_("not started"), N_("on track"), N_("at risk"), N_("achieved")};

// --- what each level builds on ----------------------------------------------------------

mstch::array key_learning_rows(const Page& page, const std::vector<KeyLearning>& learnings) {
    mstch::array rows;
    for (const KeyLearning& learning : learnings) {
        rows.push_back(mstch::map{{"day", format_day(learning.day)},
                                  {"day_text", pages::day_text(page, learning.day)},
                                  {"text", learning.text}});
    }
    return rows;
}

std::string goal_status_name(const Page& page, GoalStatus status) {
    return page.t(goal_status_names[static_cast<std::size_t>(status)]);
}

mstch::array goal_so_far_rows(const Page& page, const std::vector<operations::GoalSoFar>& goals) {
    mstch::array rows;
    for (const operations::GoalSoFar& seen : goals) {
        rows.push_back(mstch::map{{"text", seen.goal.text},
                                  {"reached", seen.reached()},
                                  {"status", seen.latest ? goal_status_name(page, seen.latest->status) : std::string()},
                                  {"note", seen.latest ? seen.latest->note : std::string()},
                                  {"as_of", seen.as_of ? format_month(*seen.as_of) : std::string()}});
    }
    return rows;
}

mstch::map month_material_data(const Page& page, const operations::MonthMaterial& material,
                               const std::vector<Competency>& catalogue) {
    mstch::array learnings;
    for (const operations::LearningsUnder& under : material.learnings) {
        learnings.push_back(mstch::map{{"competency", under.competency ? under.competency->name : std::string()},
                                       {"is_focus", under.competency.has_value()},
                                       {"entries", key_learning_rows(page, under.learnings)},
                                       {"has_entries", !under.learnings.empty()}});
    }
    mstch::array weeks;
    for (const WeeklyReview& review : material.weeks) {
        weeks.push_back(mstch::map{
            {"week", format_week(review.week)},
            {"competency", competency_name(catalogue, review.plan.competency_id)},
            {"situation", review.plan.situation},
            {"approach", review.plan.approach},
            {"measure", review.plan.measure},
            {"deadline", review.plan.deadline ? pages::day_text(page, *review.plan.deadline) : std::string()},
            {"act", review.act},
            {"held", review.peer_meeting.held}});
    }
    return mstch::map{{"learnings", learnings},
                      {"has_learnings", !learnings.empty()},
                      {"weeks", weeks},
                      {"has_weeks", !weeks.empty()},
                      {"goals", goal_so_far_rows(page, material.goals)},
                      {"has_goals", !material.goals.empty()},
                      {"previous", format_month(material.previous)},
                      {"next", format_month(material.next)}};
}

mstch::map contract_material_data(const Page& page, const operations::ContractMaterial& material) {
    mstch::array reflections;
    for (const MonthlyReflection& reflection : material.reflections) {
        reflections.push_back(mstch::map{{"month", format_month(reflection.month)},
                                         {"went_well", reflection.went_well},
                                         {"could_be_better", reflection.could_be_better}});
    }
    mstch::array competencies;
    for (const operations::CompetencyLearnings& item : material.competencies) {
        competencies.push_back(mstch::map{
            {"name", item.competency.name}, {"count", item.count}, {"entries", key_learning_rows(page, item.latest)}});
    }
    mstch::map data{{"from", format_quarter(material.from)},
                    {"has_previous", material.previous.has_value()},
                    {"goals", goal_so_far_rows(page, material.goals)},
                    {"has_goals", !material.goals.empty()},
                    {"reflections", reflections},
                    {"has_reflections", !reflections.empty()},
                    {"competencies", competencies},
                    {"has_competencies", !competencies.empty()},
                    {"draft", material.draft},
                    {"has_draft", !material.draft.empty()}};
    if (material.previous) data["aims"] = material.previous->aims;
    return data;
}

mstch::map year_material_data(const Page& page, const operations::YearMaterial& material) {
    mstch::array quarters;
    for (const operations::QuarterOfYear& of_year : material.quarters) {
        mstch::map row{{"quarter", format_quarter(of_year.quarter)}, {"has_contract", of_year.contract.has_value()}};
        if (of_year.contract) {
            std::string names;
            for (const Competency& competency : of_year.competencies) {
                names += (names.empty() ? "" : ", ") + competency.name;
            }
            int reached = 0;
            for (const operations::GoalSoFar& goal : of_year.goals) reached += goal.reached() ? 1 : 0;
            row["competencies"] = names;
            row["goals"] = goal_so_far_rows(page, of_year.goals);
            row["goal_count"] = static_cast<int>(of_year.goals.size());
            row["reached"] = reached;
        }
        quarters.push_back(std::move(row));
    }
    mstch::array days;
    for (const Event& event : material.learning_days) {
        days.push_back(mstch::map{
            {"id", event.id}, {"title", event.title}, {"when", when_text(page, event.starts_at, event.ends_at)}});
    }
    return mstch::map{{"quarters", quarters},
                      {"diary_days", material.diary_days},
                      {"peer_reviews_held", material.peer_reviews_held},
                      {"learning_days", days},
                      {"has_learning_days", !days.empty()}};
}

Response show_month(Page& page, Month month, const MonthlyReflection& reflection, mstch::map data, int status) {
    Result<operations::MonthPage> shown = operations::month_page(page.ports(), page.user(), month);
    if (!shown) return page.error_page(shown.error());
    data["title"] = page.t("Month") + " " + format_month(month);
    data["month"] = format_month(month);
    data["competencies"] = competency_options(shown->catalogue, reflection.focus_competency_ids);
    data["went_well"] = reflection.went_well;
    data["could_be_better"] = reflection.could_be_better;
    data["approach"] = reflection.approach;
    data["sol_meeting_attended"] = reflection.sol_meeting_attended;
    if (!data.count("version")) data["version"] = reflection.version;
    Quarter quarter = quarter_of(first_day(month));
    data["contract_href"] = "/contracts/" + format_quarter(quarter);
    mstch::array goals;
    if (const std::optional<LearningContract>& contract = shown->material.contract) {
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
    data["material"] = month_material_data(page, shown->material, shown->catalogue);
    if (shown->reflection) data["exists"] = true;
    put_undo(page, data);
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("month", std::move(data), status);
}

Response get_month(Page& page) {
    std::optional<Month> month = parse_month(page.params.at("month"));
    if (!month) return page.error_page(404, page.t("There is no such month."));
    Result<MonthlyReflection> found = operations::monthly_reflection(page.ports(), page.user(), *month);
    return show_month(page, *month, found ? *found : MonthlyReflection{}, {{"version", found ? found->version : 0}}, 200);
}

Response post_month(Page& page) {
    std::optional<Month> month = parse_month(page.params.at("month"));
    if (!month) return page.error_page(404, page.t("There is no such month."));
    const Form& form = page.form;
    MonthlyReflection written;
    written.month = *month;
    written.focus_competency_ids = form.all("focus_competency_ids");
    written.went_well = form.get("went_well");
    written.could_be_better = form.get("could_be_better");
    written.approach = form.get("approach");
    written.sol_meeting_attended = form.has("sol_meeting_attended");
    std::optional<FieldError> fault;
    std::vector<std::string> goal_ids = form.all("goal_ids");
    for (std::size_t index = 0; index < goal_ids.size(); ++index) {
        const std::string& goal_id = goal_ids[index];
        std::string status = form.get("goal_status_" + goal_id);
        if (status.empty()) status = "not_started";
        if (std::optional<GoalStatus> parsed = parse_goal_status(status)) {
            written.goal_progress.push_back(GoalProgress{goal_id, *parsed, form.get("goal_note_" + goal_id)});
        } else if (!fault) {
            fault = FieldError{"goal_progress",
                               "each status must be one of not_started, on_track, at_risk, achieved (goal_progress[" +
                                   std::to_string(index) + "])"};
        }
    }
    mstch::map data{{"version", form_version(form).value_or(0)}};
    if (!fault) {
        Result<MonthlyReflection> saved =
            operations::reflect_on_month(page.ports(), page.user(), written, form_version(form));
        if (saved) return redirect("/months/" + format_month(*month) + "?saved=1");
        if (saved.error().code == ErrorCode::precondition_failed) {
            Result<MonthlyReflection> now = operations::monthly_reflection(page.ports(), page.user(), *month);
            MonthlyReflection current = now ? *now : MonthlyReflection{};
            put_conflict(data,
                         {{page.t("What goes well?"), written.went_well, current.went_well},
                          {page.t("What could be better?"), written.could_be_better, current.could_be_better},
                          {page.t("How will you tackle it concretely?"), written.approach, current.approach}},
                         now ? now->version : 0);
            return show_month(page, *month, written, std::move(data), 409);
        }
        fault = field_error(saved.error());
    }
    // Refused for too many: say so in a person's words.
    if (written.focus_competency_ids.size() > max_focus_competencies) {
        fault = FieldError{"focus_competency_ids",
                           N_("You chose more than two. A month has one or two focus competencies: choose at most two.")};
    }
    put_errors(page, data, {*fault});
    return show_month(page, *month, written, std::move(data), 422);
}

// --- quarter: the Learning Contract -----------------------------------------------------

constexpr int blank_goals = 2;

// The goals as typed: parallel fields goal_id, goal_text, goal_measure, goal_deadline;
// a goal left without text and measure is dropped (that is how one removes a goal). A
// deadline that is not a day is a fault on the goal (`fault`, when given).
std::vector<ContractGoal> goals_from_form(const Form& form, std::optional<FieldError>* fault = nullptr) {
    std::vector<std::string> ids = form.all("goal_id");
    std::vector<std::string> texts = form.all("goal_text");
    std::vector<std::string> measures = form.all("goal_measure");
    std::vector<std::string> deadlines = form.all("goal_deadline");
    std::vector<ContractGoal> goals;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        std::string measure = i < measures.size() ? measures[i] : "";
        if (trim(texts[i]).empty() && trim(measure).empty()) continue;
        ContractGoal goal;
        goal.id = i < ids.size() ? ids[i] : "";
        goal.text = texts[i];
        goal.measure = measure;
        std::optional<FieldError> ignored;
        std::string field = "goals[" + std::to_string(goals.size()) + "].deadline";
        goal.deadline = typed_day(i < deadlines.size() ? deadlines[i] : "", field, fault ? *fault : ignored);
        goals.push_back(std::move(goal));
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

LearningContract contract_from_form(const Form& form, Quarter quarter, std::optional<FieldError>* fault = nullptr) {
    LearningContract contract;
    contract.quarter = quarter;
    contract.where_from = form.get("where_from");
    contract.where_now = form.get("where_now");
    contract.aims = form.get("aims");
    contract.approach = form.get("approach");
    contract.evidence = form.get("evidence");
    contract.competency_ids = form.all("competency_ids");
    contract.goals = goals_from_form(form, fault);
    return contract;
}

Response show_contract(Page& page, Quarter quarter, const LearningContract& contract, mstch::map data, int status) {
    const User& user = page.user();
    Result<operations::ContractPage> shown = operations::contract_page(page.ports(), user, quarter);
    if (!shown) return page.error_page(shown.error());
    data["title"] = page.t("Learning Contract") + " " + format_quarter(quarter);
    data["quarter"] = format_quarter(quarter);
    data["where_from"] = contract.where_from;
    data["where_now"] = contract.where_now;
    data["aims"] = contract.aims;
    data["approach"] = contract.approach;
    data["evidence"] = contract.evidence;
    data["competencies"] = competency_options(shown->catalogue, contract.competency_ids);
    data["goals"] = goal_rows(page, contract, true);
    data["status_" + std::string(to_string(contract.status))] = true;
    data["revision"] = contract.revision;
    // Beside "where do you come from": the quarter before, and a draft written from it.
    data["material"] = contract_material_data(page, shown->material);
    if (shown->contract) data["exists"] = true;
    put_undo(page, data);
    if (!data.count("version")) data["version"] = contract.version;
    mstch::array revisions;
    for (const LearningContract& revision : shown->revisions) {
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
    bool exists = !shown->revisions.empty();
    data["exists"] = exists;
    bool has_peer = user.peer_id.has_value() && !user.peer_id->empty();
    std::string peer_name = shown->peer ? shown->peer->name : std::string();
    data["has_peer"] = has_peer;
    data["peer_name"] = peer_name;
    data["shared_with_peer"] = contract.shared_with_peer;
    data["may_share"] = exists && has_peer && !contract.shared_with_peer;
    // The discussion with the fixed colleague, and whether they opened it.
    mstch::array discussion;
    for (const ContractComment& comment : contract.discussion) {
        discussion.push_back(discussion_item(page, comment, peer_name));
    }
    data["discussion"] = discussion;
    data["has_discussion"] = !discussion.empty();
    if (contract.shared_with_peer && shown->peer_last_opened) {
        data["opened"] = moment_text(page, *shown->peer_last_opened);
    }
    if (page.request.query_value("saved")) data["saved"] = true;
    if (page.request.query_value("shared")) data["shared"] = true;
    if (page.request.query_value("unshared")) data["unshared"] = true;
    return page.render("contract", std::move(data), status);
}

// The quarter's current contract, or an empty one of that quarter.
LearningContract current_contract(const Page& page, Quarter quarter) {
    Result<LearningContract> found = operations::learning_contract(page.ports(), page.user(), quarter);
    if (found) return std::move(*found);
    LearningContract contract;
    contract.quarter = quarter;
    return contract;
}

Response get_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    LearningContract contract = current_contract(page, *quarter);
    if (contract.user_id.empty()) contract.version = 0;  // none yet: the form is based on none
    return show_contract(page, *quarter, contract, {}, 200);
}

Response post_contract(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    std::optional<FieldError> fault;
    LearningContract written = contract_from_form(page.form, *quarter, &fault);
    mstch::map data{{"version", form_version(page.form).value_or(0)}};
    if (!fault) {
        Result<LearningContract> saved =
            operations::save_contract(page.ports(), page.user(), written, form_version(page.form));
        if (saved) return redirect("/contracts/" + format_quarter(*quarter) + "?saved=1");
        if (saved.error().code == ErrorCode::precondition_failed) {
            Result<LearningContract> now = operations::learning_contract(page.ports(), page.user(), *quarter);
            LearningContract current = now ? *now : LearningContract{};
            auto goals_text = [](const LearningContract& contract) {
                std::string text;
                for (const ContractGoal& goal : contract.goals) {
                    text += "• " + goal.text + (goal.measure.empty() ? "" : " (" + goal.measure + ")") + "\n";
                }
                return text;
            };
            put_conflict(data,
                         {{page.t("A short evaluation of your learning in the previous quarter."), written.where_from,
                           current.where_from},
                          {page.t("Your current work and ambitions, and the competencies they need."),
                           written.where_now, current.where_now},
                          {page.t("What you want to have achieved"), written.aims, current.aims},
                          {page.t("A concrete plan for developing these competencies."), written.approach,
                           current.approach},
                          {page.t("Make your learning objectives as SMART as you can."), written.evidence,
                           current.evidence},
                          {page.t("Goals"), goals_text(written), goals_text(current)}},
                         now ? now->version : 0);
            return show_contract(page, *quarter, written, std::move(data), 409);
        }
        fault = field_error(saved.error());
    }
    put_errors(page, data, {*fault});
    return show_contract(page, *quarter, written, std::move(data), 422);
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
    if (operations::share_contract(page.ports(), page.user(), *quarter)) {
        return redirect("/contracts/" + format_quarter(*quarter) + "?shared=1");
    }
    mstch::map data;
    put_errors(page, data, {{"", N_("There is no fixed colleague to share the contract with yet.")}});
    return show_contract(page, *quarter, current_contract(page, *quarter), std::move(data), 409);
}

Response post_contract_unshare(Page& page) {
    std::optional<Quarter> quarter = parse_quarter(page.params.at("quarter"));
    if (!quarter) return page.error_page(404, page.t("There is no such quarter."));
    if (operations::unshare_contract(page.ports(), page.user(), *quarter)) {
        return redirect("/contracts/" + format_quarter(*quarter) + "?unshared=1");
    }
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
    Result<operations::YearPage> shown = operations::year_page(page.ports(), page.user(), year);
    if (!shown) return page.error_page(shown.error());
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
    if (!data.count("version")) data["version"] = review.version;
    mstch::array earlier;
    for (const YearlyReview& other : shown->material.earlier) {
        auto number = [](const std::optional<int>& value) { return value ? std::to_string(*value) : std::string("–"); };
        earlier.push_back(mstch::map{{"year", format_year(other.year)},
                                     {"challenging", number(other.challenging)},
                                     {"inspiring", number(other.inspiring)},
                                     {"rewarding", number(other.rewarding)},
                                     {"next_step", next_step_name(page, other.next_step)},
                                     {"notes", other.notes}});
    }
    data["earlier"] = earlier;
    data["has_earlier"] = !earlier.empty();
    data["material"] = year_material_data(page, shown->material);
    if (shown->review) data["exists"] = true;
    put_undo(page, data);
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("year", std::move(data), status);
}

Response get_year(Page& page) {
    std::optional<Year> year = parse_year(page.params.at("year"));
    if (!year) return page.error_page(404, page.t("There is no such year."));
    Result<YearlyReview> found = operations::yearly_review(page.ports(), page.user(), *year);
    return show_year(page, *year, found ? *found : YearlyReview{}, {{"version", found ? found->version : 0}}, 200);
}

Response post_year(Page& page) {
    std::optional<Year> year = parse_year(page.params.at("year"));
    if (!year) return page.error_page(404, page.t("There is no such year."));
    const Form& form = page.form;
    auto score = [&](const char* field) -> std::optional<int> {
        std::string text = form.get(field);
        if (text.size() == 1 && text[0] >= '1' && text[0] <= '5') return text[0] - '0';
        return std::nullopt;
    };
    YearlyReview written;
    written.year = *year;
    written.challenging = score("challenging");
    written.inspiring = score("inspiring");
    written.rewarding = score("rewarding");
    written.notes = form.get("notes");
    std::string step = form.get("next_step");
    written.next_step = parse_next_step(step);
    std::optional<FieldError> fault;
    mstch::map data{{"version", form_version(form).value_or(0)}};
    if (!step.empty() && !written.next_step) {
        fault = FieldError{"next_step",
                           "must be one of stay, grow_in_role, new_role_inside, education, elsewhere, undecided"};
    } else {
        Result<YearlyReview> saved = operations::save_yearly_review(page.ports(), page.user(), written, form_version(form));
        if (saved) return redirect("/years/" + format_year(*year) + "?saved=1");
        if (saved.error().code == ErrorCode::precondition_failed) {
            Result<YearlyReview> now = operations::yearly_review(page.ports(), page.user(), *year);
            put_conflict(data, {{page.t("Notes"), written.notes, now ? now->notes : std::string()}},
                         now ? now->version : 0);
            return show_year(page, *year, written, std::move(data), 409);
        }
        fault = field_error(saved.error());
    }
    YearlyReview typed;  // the scores are chosen again
    typed.notes = written.notes;
    typed.next_step = written.next_step;
    put_errors(page, data, {*fault});
    return show_year(page, *year, typed, std::move(data), 422);
}

// --- deleting: into the trash, with an undo on the page -----------------------------------

// POST /<level>/{period}/delete: the item goes to the trash and the page shows "Deleted. Undo".
template <class Period>
Response delete_into_trash(Page& page, const char* name, std::optional<Period> (*parse)(std::string_view),
                           Result<TrashedItem> (*trash)(const operations::Ports&, const User&, Period),
                           const std::string& base) {
    std::optional<Period> period = parse(page.params.at(name));
    if (!period) return page.error_page(404, page.t("There is nothing to delete for that period."));
    Result<TrashedItem> trashed = trash(page.ports(), page.user(), *period);
    if (!trashed) return page.error_page(trashed.error());
    return redirect(base + trashed->period + "?deleted=" + url_encode(trashed->id));
}

}  // namespace

void add_level_pages(PageRoutes& routes) {
    routes.add({"POST", "/weeks/{week}/delete", Access::member, [](Page& page) {
                    return delete_into_trash<IsoWeek>(page, "week", parse_week, operations::trash_weekly_review,
                                                      "/weeks/");
                }});
    routes.add({"POST", "/months/{month}/delete", Access::member, [](Page& page) {
                    return delete_into_trash<Month>(page, "month", parse_month, operations::trash_monthly_reflection,
                                                    "/months/");
                }});
    routes.add({"POST", "/contracts/{quarter}/delete", Access::member, [](Page& page) {
                    return delete_into_trash<Quarter>(page, "quarter", parse_quarter,
                                                      operations::trash_learning_contract, "/contracts/");
                }});
    routes.add({"POST", "/years/{year}/delete", Access::member, [](Page& page) {
                    return delete_into_trash<Year>(page, "year", parse_year, operations::trash_yearly_review,
                                                   "/years/");
                }});
    routes.add({"GET", "/weeks/{week}", Access::member, get_week});
    routes.add({.method = "POST", .pattern = "/weeks/{week}", .handler = post_week, .keeps_text = true});
    routes.add({"POST", "/weeks/{week}/smart", Access::member, post_week_smart});
    routes.add({"GET", "/months/{month}", Access::member, get_month});
    routes.add({.method = "POST", .pattern = "/months/{month}", .handler = post_month, .keeps_text = true});
    routes.add({"GET", "/contracts/{quarter}", Access::member, get_contract});
    routes.add({.method = "POST", .pattern = "/contracts/{quarter}", .handler = post_contract, .keeps_text = true});
    routes.add({"POST", "/contracts/{quarter}/smart", Access::member, post_contract_smart});
    routes.add({"POST", "/contracts/{quarter}/share", Access::member, post_contract_share});
    routes.add({"POST", "/contracts/{quarter}/unshare", Access::member, post_contract_unshare});
    routes.add({"GET", "/years/{year}", Access::member, get_year});
    routes.add({.method = "POST", .pattern = "/years/{year}", .handler = post_year, .keeps_text = true});
}

}  // namespace ritme::http::pages

#include "http/api/level_json.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "core/clock_time.hpp"
#include "core/periods.hpp"
#include "http/json_body.hpp"

namespace ritme::http {
namespace {

Json id_or_null(const std::string& id) {
    return id.empty() ? Json(nullptr) : Json(id);
}

// Whether the body names `field` at all (null included): absent lists stay as they were.
bool present(const Json* body, const char* field) {
    return body != nullptr && body->is_object() && body->contains(field);
}

template <class Item, class Write>
Json list_json(const std::vector<Item>& items, Write write) {
    Json list = Json::array();
    for (const Item& item : items) list.push_back(write(item));
    return list;
}

Json days_json(const std::vector<Day>& days) {
    Json list = Json::array();
    for (Day day : days) list.push_back(format_day(day));
    return list;
}

}  // namespace

Json optional_int_json(const std::optional<int>& value) {
    return value ? Json(*value) : Json(nullptr);
}

Json event_fields_json(const Event& event) {
    return {{"id", event.id},
            {"kind", to_string(event.kind)},
            {"title", event.title},
            {"starts_at", timestamp_json(event.starts_at)},
            {"ends_at", timestamp_json(event.ends_at)},
            {"location", event.location},
            {"description", event.description},
            {"capacity", optional_int_json(event.capacity)},
            {"series_id", id_or_null(event.series_id)}};
}

Json day_json(const std::optional<Day>& day) {
    return day ? Json(format_day(*day)) : Json(nullptr);
}

Json timestamp_json(Timestamp at) {
    return format_timestamp(at);
}

// --- domain to JSON ---------------------------------------------------------------------

Json competency_json(const Competency& competency) {
    return {{"id", competency.id},
            {"name", competency.name},
            {"description", competency.description},
            {"archived", competency.archived}};
}

void write_diary_entry(JsonWriter& out, const DiaryEntry& entry) {
    // Members in name order, as nlohmann's objects keep them: the text is the same either way.
    out.begin_object();
    out.key("competency_ids");
    out.begin_array();
    for (const std::string& id : entry.competency_ids) out.string(id);
    out.end_array();
    out.key("created_at");
    out.string(format_timestamp(entry.created_at));
    out.key("day");
    out.string(format_day(entry.day));
    out.key("handling");
    out.string(entry.handling);
    out.key("key_learning");
    out.string(entry.key_learning);
    out.key("learning_moments");
    out.string(entry.learning_moments);
    out.key("minutes");
    out.number(entry.minutes);
    out.key("shared_with_peer");
    out.boolean(entry.shared_with_peer);
    out.key("tags");
    out.begin_array();
    for (const std::string& tag : entry.tags) out.string(tag);
    out.end_array();
    out.key("updated_at");
    out.string(format_timestamp(entry.updated_at));
    out.key("version");
    out.number(entry.version);
    out.end_object();
}

Json diary_entry_json(const DiaryEntry& entry) {
    std::string text;
    JsonWriter out(text);
    write_diary_entry(out, entry);
    return Json::parse(text);
}

Json smart_json(const SmartVerdict& verdict) {
    return {{"specific", verdict.specific}, {"measurable", verdict.measurable}, {"achievable", verdict.achievable},
            {"relevant", verdict.relevant}, {"time_bound", verdict.time_bound}, {"hints", verdict.hints}};
}

Json weekly_plan_json(const WeeklyPlan& plan) {
    return {{"competency_id", id_or_null(plan.competency_id)},
            {"situation", plan.situation},
            {"approach", plan.approach},
            {"measure", plan.measure},
            {"deadline", day_json(plan.deadline)}};
}

Json weekly_review_json(const WeeklyReview& review, const std::vector<Day>& check_days, Day today, Locale locale) {
    const PeerMeeting& meeting = review.peer_meeting;
    const WeeklyPlan& plan = review.plan;
    return {{"week", format_week(review.week)},
            {"peer_meeting", {{"held", meeting.held}, {"day", day_json(meeting.day)}, {"notes", meeting.notes}}},
            {"plan", weekly_plan_json(plan)},
            {"act", review.act},
            {"shared_with_peer", review.shared_with_peer},
            {"check", days_json(check_days)},
            {"smart", smart_json(check_weekly_plan(plan, review.week, today, locale))},
            {"created_at", timestamp_json(review.created_at)},
            {"updated_at", timestamp_json(review.updated_at)},
            {"version", review.version}};
}

Json monthly_reflection_json(const MonthlyReflection& reflection) {
    Json progress = Json::array();
    for (const GoalProgress& item : reflection.goal_progress) {
        progress.push_back({{"goal_id", item.goal_id}, {"status", to_string(item.status)}, {"note", item.note}});
    }
    return {{"month", format_month(reflection.month)},
            {"focus_competency_ids", reflection.focus_competency_ids},
            {"went_well", reflection.went_well},
            {"could_be_better", reflection.could_be_better},
            {"approach", reflection.approach},
            {"goal_progress", std::move(progress)},
            {"sol_meeting_attended", reflection.sol_meeting_attended},
            {"created_at", timestamp_json(reflection.created_at)},
            {"updated_at", timestamp_json(reflection.updated_at)},
            {"version", reflection.version}};
}

Json learning_contract_json(const LearningContract& contract, Locale locale) {
    Json goals = Json::array();
    for (const ContractGoal& goal : contract.goals) {
        SmartVerdict verdict = check_contract_goal(goal, contract.quarter, contract.competency_ids, locale);
        goals.push_back({{"id", goal.id},
                         {"text", goal.text},
                         {"measure", goal.measure},
                         {"deadline", day_json(goal.deadline)},
                         {"smart", smart_json(verdict)}});
    }
    Json discussion = Json::array();
    for (const ContractComment& comment : contract.discussion) {
        discussion.push_back({{"by", comment.by},
                              {"comment", comment.comment},
                              {"agree", comment.agree},
                              {"at", timestamp_json(comment.at)}});
    }
    return {{"quarter", format_quarter(contract.quarter)},
            {"where_from", contract.where_from},
            {"where_now", contract.where_now},
            {"aims", contract.aims},
            {"approach", contract.approach},
            {"evidence", contract.evidence},
            {"competency_ids", contract.competency_ids},
            {"goals", std::move(goals)},
            {"status", to_string(contract.status)},
            {"shared_with_peer", contract.shared_with_peer},
            {"discussion", std::move(discussion)},
            {"revision", contract.revision},
            {"created_at", timestamp_json(contract.created_at)},
            {"updated_at", timestamp_json(contract.updated_at)},
            {"version", contract.version}};
}

// --- what each level builds on ---------------------------------------------------------------

Json key_learning_json(const KeyLearning& learning) {
    return {{"day", format_day(learning.day)}, {"text", learning.text}, {"competency_ids", learning.competency_ids}};
}

Json goal_so_far_json(const operations::GoalSoFar& seen) {
    const ContractGoal& goal = seen.goal;
    return {{"goal",
             {{"id", goal.id}, {"text", goal.text}, {"measure", goal.measure}, {"deadline", day_json(goal.deadline)}}},
            {"status", seen.latest ? Json(to_string(seen.latest->status)) : Json(nullptr)},
            {"note", seen.latest ? seen.latest->note : std::string()},
            {"as_of", seen.as_of ? Json(format_month(*seen.as_of)) : Json(nullptr)},
            {"reached", seen.reached()}};
}

Json month_material_json(const operations::MonthMaterial& material) {
    Json learnings = Json::array();
    for (const operations::LearningsUnder& under : material.learnings) {
        learnings.push_back({{"competency", under.competency ? competency_json(*under.competency) : Json(nullptr)},
                             {"entries", list_json(under.learnings, key_learning_json)}});
    }
    Json weeks = Json::array();
    for (const WeeklyReview& review : material.weeks) {
        weeks.push_back({{"week", format_week(review.week)},
                         {"peer_meeting_held", review.peer_meeting.held},
                         {"plan", weekly_plan_json(review.plan)},
                         {"act", review.act}});
    }
    Json contract = nullptr;
    if (material.contract) {
        contract = Json{{"quarter", format_quarter(material.contract->quarter)},
                        {"status", to_string(material.contract->status)}};
    }
    return {{"month", format_month(material.month)}, {"previous", format_month(material.previous)},
            {"next", format_month(material.next)},   {"focus", list_json(material.focus, competency_json)},
            {"key_learnings", std::move(learnings)}, {"weeks", std::move(weeks)},
            {"contract", std::move(contract)},       {"goals", list_json(material.goals, goal_so_far_json)}};
}

Json contract_material_json(const operations::ContractMaterial& material) {
    Json previous = nullptr;
    if (material.previous) {
        previous = Json{{"quarter", format_quarter(material.previous->quarter)},
                        {"status", to_string(material.previous->status)},
                        {"aims", material.previous->aims},
                        {"competency_ids", material.previous->competency_ids}};
    }
    Json competencies = Json::array();
    for (const operations::CompetencyLearnings& item : material.competencies) {
        competencies.push_back({{"competency", competency_json(item.competency)},
                                {"count", item.count},
                                {"key_learnings", list_json(item.latest, key_learning_json)}});
    }
    return {{"quarter", format_quarter(material.quarter)},
            {"from", format_quarter(material.from)},
            {"previous", std::move(previous)},
            {"goals", list_json(material.goals, goal_so_far_json)},
            {"reflections", list_json(material.reflections,
                                      [](const MonthlyReflection& reflection) -> Json {
                                          return {{"month", format_month(reflection.month)},
                                                  {"went_well", reflection.went_well},
                                                  {"could_be_better", reflection.could_be_better}};
                                      })},
            {"competencies", std::move(competencies)},
            {"draft", material.draft}};
}

Json year_material_json(const operations::YearMaterial& material) {
    Json quarters = Json::array();
    for (const operations::QuarterOfYear& of_year : material.quarters) {
        Json contract = nullptr;
        if (of_year.contract) {
            int reached =
                static_cast<int>(std::count_if(of_year.goals.begin(), of_year.goals.end(),
                                               [](const operations::GoalSoFar& goal) { return goal.reached(); }));
            contract = Json{{"status", to_string(of_year.contract->status)},
                            {"competencies", list_json(of_year.competencies, competency_json)},
                            {"goals", list_json(of_year.goals, goal_so_far_json)},
                            {"goals_reached", reached}};
        }
        quarters.push_back({{"quarter", format_quarter(of_year.quarter)}, {"contract", std::move(contract)}});
    }
    return {{"year", format_year(material.year)},
            {"quarters", std::move(quarters)},
            {"diary_days", material.diary_days},
            {"peer_reviews_held", material.peer_reviews_held},
            {"earlier", list_json(material.earlier, yearly_review_json)},
            {"learning_days", list_json(material.learning_days, event_fields_json)}};
}

Json yearly_review_json(const YearlyReview& review) {
    return {{"year", format_year(review.year)},
            {"challenging", optional_int_json(review.challenging)},
            {"inspiring", optional_int_json(review.inspiring)},
            {"rewarding", optional_int_json(review.rewarding)},
            {"next_step", review.next_step ? Json(to_string(*review.next_step)) : Json(nullptr)},
            {"notes", review.notes},
            {"created_at", timestamp_json(review.created_at)},
            {"updated_at", timestamp_json(review.updated_at)},
            {"version", review.version}};
}

Json rhythm_json(const operations::RhythmOfDay& of_day) {
    const Rhythm& rhythm = of_day.rhythm;
    Json status = rhythm.contract_status ? Json(to_string(*rhythm.contract_status)) : Json(nullptr);
    Json peer = nullptr;
    if (of_day.peer) {
        const operations::PeerToday& today = *of_day.peer;
        peer = {{"id", today.peer.id},
                {"name", today.peer.name},
                {"contract_shared", today.contract_shared},
                {"contract_discussed", today.contract_discussed},
                {"week_shared", today.week_shared}};
    }
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
            {"focus_competency_ids", rhythm.focus_competency_ids},
            {"peer", std::move(peer)}};
}

Json import_summary_json(const operations::ImportSummary& summary) {
    Json days = Json::array();
    for (const operations::ImportedDay& day : summary.days) {
        days.push_back({{"day", format_day(day.day)},
                        {"action", operations::to_string(day.action)},
                        {"notes", day.notes},
                        {"existed", day.existed},
                        {"reason", day.reason.empty() ? Json(nullptr) : Json(day.reason)}});
    }
    return Json{{"preview", summary.step == operations::ImportStep::preview},
                {"days_found", summary.days_found},
                {"days_existing", summary.days_existing},
                {"created", summary.created},
                {"added", summary.added},
                {"unchanged", summary.unchanged},
                {"skipped", summary.skipped},
                {"photos_left_out", summary.photos_left_out},
                {"tags_left_out", summary.tags_left_out},
                {"unknown_competencies", summary.unknown_competencies},
                {"days", std::move(days)}};
}

Json participation_json(const operations::Participation& counts) {
    return {{"period", counts.period},
            {"from", format_day(counts.from)},
            {"to", format_day(counts.to)},
            {"members", optional_int_json(counts.members)},
            {"wrote_diary", optional_int_json(counts.wrote_diary)},
            {"held_peer_meeting", optional_int_json(counts.held_peer_meeting)},
            {"wrote_reflection", optional_int_json(counts.wrote_reflection)},
            {"agreed_contract", optional_int_json(counts.agreed_contract)}};
}

Json access_token_json(const AccessToken& token) {
    return {{"id", token.id}, {"name", token.name}, {"created_at", timestamp_json(token.created_at)}};
}

Json reminder_settings_json(const ReminderSettings& settings) {
    Json levels = Json::object();
    for (Level level : all_levels) {
        const LevelReminder& reminder = settings.at(level);
        Json one{{"enabled", reminder.enabled}, {"time", format_clock_time(reminder.minute_of_day)}};
        if (level == Level::weekly) one["weekday"] = reminder.weekday;
        levels[std::string(to_string(level))] = std::move(one);
    }
    return levels;
}

// --- the social rhythm --------------------------------------------------------------------

Json person_json(const std::optional<User>& person) {
    if (!person) return nullptr;
    return Json{{"id", person->id}, {"name", person->name}};
}

Json invitation_json(const operations::InvitationSeen& seen) {
    return {{"id", seen.invitation.id},
            {"from", person_json(seen.from)},
            {"to", person_json(seen.to)},
            {"created_at", timestamp_json(seen.invitation.created_at)}};
}

Json invitation_ids_json(const PeerInvitation& invitation) {
    return {{"id", invitation.id},
            {"from_user_id", invitation.from_user_id},
            {"to_user_id", invitation.to_user_id},
            {"created_at", timestamp_json(invitation.created_at)}};
}

Json opening_json(const PeerOpening& opening) {
    return {{"kind", to_string(opening.kind)},
            {"period", opening.period},
            {"viewer_id", opening.viewer_id},
            {"first_opened_at", timestamp_json(opening.first_opened_at)},
            {"last_opened_at", timestamp_json(opening.last_opened_at)}};
}

Json rsvp_given_json(const operations::RsvpGiven& rsvp) {
    return {{"event_id", rsvp.event.id},
            {"starts_at", timestamp_json(rsvp.event.starts_at)},
            {"status", to_string(rsvp.status)}};
}

Json session_signup_json(const operations::SignedUpSession& signup) {
    return {{"event_id", signup.event_id},
            {"session_id", signup.session.id},
            {"starts_at", timestamp_json(signup.session.starts_at)}};
}

Json meeting_slot_json(const std::optional<PeerMeetingSlot>& slot) {
    if (!slot) return nullptr;
    return {{"weekday", slot->weekday},
            {"time", format_clock_time(slot->minute_of_day)},
            {"duration_minutes", slot->duration_minutes},
            {"timezone", slot->timezone}};
}

Json pair_json(const operations::Pair& pair) {
    const User& peer = pair.peer;
    return {{"peer", {{"id", peer.id}, {"name", peer.name}, {"email", peer.email}}},
            {"meeting", meeting_slot_json(pair.meeting)}};
}

Json shared_item_json(const operations::SharedItem& item) {
    const std::optional<PeerOpening>& opening = item.opening;
    return {{"kind", to_string(item.kind)},
            {"period", item.period},
            {"first_opened_at", opening ? timestamp_json(opening->first_opened_at) : Json(nullptr)},
            {"last_opened_at", opening ? timestamp_json(opening->last_opened_at) : Json(nullptr)}};
}

Json event_json(const operations::EventView& view) {
    Json answer = event_fields_json(view.event);
    answer["organiser"] = person_json(view.organiser);
    answer["going_count"] = view.attendance.going_count;
    answer["my_rsvp"] = view.attendance.mine ? Json(to_string(*view.attendance.mine)) : Json(nullptr);
    answer["can_edit"] = view.may_change;
    return answer;
}

Json programme_session_json(const ProgrammeSession& item) {
    const EventSession& session = item.session;
    return {{"id", session.id},
            {"title", session.title},
            {"host", session.host},
            {"description", session.description},
            {"starts_at", timestamp_json(session.starts_at)},
            {"ends_at", timestamp_json(session.ends_at)},
            {"capacity", optional_int_json(session.capacity)},
            {"going_count", item.going_count},
            {"mine", item.mine}};
}

// --- a person, and everything held about them -----------------------------------------------

Json user_json(const operations::Account& account) {
    const User& user = account.user;
    return Json{{"id", user.id},
                {"email", user.email},
                {"name", user.name},
                {"role", std::string(to_string(user.role))},
                {"locale", std::string(to_string(user.locale))},
                {"timezone", user.timezone},
                {"workdays", user.workdays},
                {"peer", person_json(account.peer)}};
}

Json trashed_item_json(const TrashedItem& item, Locale locale) {
    Json record = nullptr;
    if (item.diary_entry) record = diary_entry_json(*item.diary_entry);
    if (item.weekly_review) {
        record = weekly_review_json(*item.weekly_review, {}, last_day(item.weekly_review->week), locale);
    }
    if (item.monthly_reflection) record = monthly_reflection_json(*item.monthly_reflection);
    if (!item.contract_revisions.empty()) {
        record = learning_contract_json(item.contract_revisions.back(), locale);
        record["revisions"] = item.contract_revisions.size();
    }
    if (item.yearly_review) record = yearly_review_json(*item.yearly_review);
    return {{"id", item.id},
            {"kind", std::string(to_string(item.kind))},
            {"period", item.period},
            {"deleted_at", timestamp_json(item.deleted_at)},
            {"restorable_until", timestamp_json(item.deleted_at + trash_keeps_for)},
            {"item", record}};
}

Json draft_json(const Draft& draft) {
    return {{"kind", std::string(to_string(draft.kind))},
            {"period", draft.period},
            {"body", Json::parse(draft.body)},
            {"updated_at", timestamp_json(draft.updated_at)}};
}

Json personal_data_json(const operations::PersonalData& data, Timestamp exported_at) {
    const User& user = data.account.user;
    Json person = user_json(data.account);
    person["created_at"] = timestamp_json(user.created_at);
    Json weeks = Json::array();
    for (std::size_t index = 0; index < data.weeks.size(); ++index) {
        weeks.push_back(weekly_review_json(data.weeks[index], data.checks[index], data.today, user.locale));
    }
    Json organised = list_json(data.organised, [](const Event& event) {
        Json item = event_fields_json(event);
        item["created_at"] = timestamp_json(event.created_at);
        return item;
    });
    auto contract_json = [&](const LearningContract& contract) { return learning_contract_json(contract, user.locale); };
    return {{"exported_at", timestamp_json(exported_at)},
            {"user", std::move(person)},
            {"diary", list_json(data.diary, diary_entry_json)},
            {"weeks", std::move(weeks)},
            {"months", list_json(data.months, monthly_reflection_json)},
            {"contracts", list_json(data.contracts, contract_json)},
            {"years", list_json(data.years, yearly_review_json)},
            {"drafts", list_json(data.drafts, draft_json)},
            {"trash", list_json(data.trash, [&](const TrashedItem& item) { return trashed_item_json(item, user.locale); })},
            {"access_tokens", list_json(data.tokens, access_token_json)},
            {"peer_invitations", list_json(data.invitations, invitation_ids_json)},
            {"peer_meeting", meeting_slot_json(data.meeting)},
            {"peer_openings", list_json(data.openings, opening_json)},
            {"events_organised", std::move(organised)},
            {"event_rsvps", list_json(data.rsvps, rsvp_given_json)},
            {"session_signups", list_json(data.signups, session_signup_json)},
            {"reminders", reminder_settings_json(data.reminders)},
            {"competencies", list_json(data.catalogue, competency_json)}};
}

// --- request body to domain -------------------------------------------------------------

Status read_competency(const Json* body, Competency& out) {
    BodyReader in(body);
    in.allow_only({"name", "description"});
    in.require("name");
    in.text("name", out.name);
    in.text("description", out.description);
    return in.status();
}

Status read_diary_entry(const Json* body, DiaryEntry& out) {
    BodyReader in(body);
    in.allow_only(
        {"learning_moments", "handling", "key_learning", "competency_ids", "tags", "shared_with_peer", "minutes"});
    in.text("learning_moments", out.learning_moments);
    in.text("handling", out.handling);
    in.text("key_learning", out.key_learning);
    in.text_list("competency_ids", out.competency_ids);
    in.text_list("tags", out.tags);
    in.boolean("shared_with_peer", out.shared_with_peer);
    in.integer("minutes", out.minutes);
    return in.status();
}

Status read_weekly_review(const Json* body, WeeklyReview& out) {
    BodyReader in(body);
    in.allow_only({"peer_meeting", "plan", "act", "shared_with_peer"});
    BodyReader meeting = in.object("peer_meeting");
    meeting.allow_only({"held", "day", "notes"});
    meeting.boolean("held", out.peer_meeting.held);
    meeting.optional_day("day", out.peer_meeting.day);
    meeting.text("notes", out.peer_meeting.notes);
    BodyReader plan = in.object("plan");
    plan.allow_only({"competency_id", "situation", "approach", "measure", "deadline"});
    plan.text("competency_id", out.plan.competency_id);
    plan.text("situation", out.plan.situation);
    plan.text("approach", out.plan.approach);
    plan.text("measure", out.plan.measure);
    plan.optional_day("deadline", out.plan.deadline);
    in.text("act", out.act);
    in.boolean("shared_with_peer", out.shared_with_peer);
    return in.status();
}

Status read_monthly_reflection(const Json* body, MonthlyReflection& out) {
    BodyReader in(body);
    in.allow_only(
        {"focus_competency_ids", "went_well", "could_be_better", "approach", "goal_progress", "sol_meeting_attended"});
    in.text_list("focus_competency_ids", out.focus_competency_ids);
    in.text("went_well", out.went_well);
    in.text("could_be_better", out.could_be_better);
    in.text("approach", out.approach);
    in.boolean("sol_meeting_attended", out.sol_meeting_attended);
    std::vector<GoalProgress> progress;
    std::vector<std::string> statuses;
    for (BodyReader& item : in.objects("goal_progress")) {
        item.allow_only({"goal_id", "status", "note"});
        GoalProgress read;
        std::string status{to_string(read.status)};
        item.text("goal_id", read.goal_id);
        item.word("status", status);
        item.text("note", read.note);
        progress.push_back(std::move(read));
        statuses.push_back(std::move(status));
    }
    if (Status read = in.status(); !read) return read;
    for (std::size_t index = 0; index < progress.size(); ++index) {
        std::optional<GoalStatus> status = parse_goal_status(statuses[index]);
        if (!status) {
            return validation_error("goal_progress",
                                    "each status must be one of not_started, on_track, at_risk, "
                                    "achieved (goal_progress[" +
                                        std::to_string(index) + "])");
        }
        progress[index].status = *status;
    }
    if (present(body, "goal_progress")) out.goal_progress = std::move(progress);
    return ok_status();
}

Status read_learning_contract(const Json* body, LearningContract& out) {
    BodyReader in(body);
    in.allow_only({"where_from", "where_now", "aims", "approach", "evidence", "competency_ids", "goals"});
    in.text("where_from", out.where_from);
    in.text("where_now", out.where_now);
    in.text("aims", out.aims);
    in.text("approach", out.approach);
    in.text("evidence", out.evidence);
    in.text_list("competency_ids", out.competency_ids);
    std::vector<ContractGoal> goals;
    for (BodyReader& item : in.objects("goals")) {
        item.allow_only({"id", "text", "measure", "deadline"});
        ContractGoal goal;
        item.text("id", goal.id);
        item.text("text", goal.text);
        item.text("measure", goal.measure);
        item.optional_day("deadline", goal.deadline);
        goals.push_back(std::move(goal));
    }
    if (Status read = in.status(); !read) return read;
    if (present(body, "goals")) out.goals = std::move(goals);
    return ok_status();
}

Status read_yearly_review(const Json* body, YearlyReview& out) {
    BodyReader in(body);
    in.allow_only({"challenging", "inspiring", "rewarding", "next_step", "notes"});
    in.optional_integer("challenging", out.challenging, BodyReader::Null::refused);
    in.optional_integer("inspiring", out.inspiring, BodyReader::Null::refused);
    in.optional_integer("rewarding", out.rewarding, BodyReader::Null::refused);
    in.text("notes", out.notes);
    std::string next_step = out.next_step ? std::string(to_string(*out.next_step)) : std::string();
    in.word("next_step", next_step);
    if (Status read = in.status(); !read) return read;
    if (next_step.empty()) {
        out.next_step.reset();
    } else if (std::optional<NextStep> step = parse_next_step(next_step)) {
        out.next_step = step;
    } else {
        return validation_error("next_step",
                                "must be one of stay, grow_in_role, new_role_inside, education, elsewhere, undecided");
    }
    return ok_status();
}

}  // namespace ritme::http

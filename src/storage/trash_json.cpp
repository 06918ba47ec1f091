#include "storage/trash_json.hpp"

#include "storage/row_mapping.hpp"

namespace ritme::storage {
namespace {

using namespace rows;  // NOLINT(google-build-using-namespace): the shared row layer

json times(Timestamp created_at, Timestamp updated_at, int version) {
    return {{"created_at", seconds(created_at)}, {"updated_at", seconds(updated_at)}, {"version", version}};
}

template <class Record>
void read_times(const json& in, Record& out) {
    out.created_at = instant(in.at("created_at").get<long long>());
    out.updated_at = instant(in.at("updated_at").get<long long>());
    out.version = in.at("version").get<int>();
}

json score_json(const std::optional<int>& score) {
    return score ? json(*score) : json(nullptr);
}

std::optional<int> score_of(const json& value) {
    if (value.is_null()) return std::nullopt;
    return value.get<int>();
}

json diary_record(const DiaryEntry& entry) {
    json out = times(entry.created_at, entry.updated_at, entry.version);
    out.update({{"day", format_day(entry.day)},
                {"learning_moments", entry.learning_moments},
                {"handling", entry.handling},
                {"key_learning", entry.key_learning},
                {"competency_ids", entry.competency_ids},
                {"tags", entry.tags},
                {"shared_with_peer", entry.shared_with_peer},
                {"minutes", entry.minutes}});
    return out;
}

DiaryEntry diary_of(const json& in, const std::string& user_id) {
    DiaryEntry entry;
    entry.user_id = user_id;
    entry.day = stored(parse_day(in.at("day").get<std::string>()), "day");
    entry.learning_moments = in.at("learning_moments").get<std::string>();
    entry.handling = in.at("handling").get<std::string>();
    entry.key_learning = in.at("key_learning").get<std::string>();
    entry.competency_ids = in.at("competency_ids").get<std::vector<std::string>>();
    entry.tags = in.at("tags").get<std::vector<std::string>>();
    entry.shared_with_peer = in.at("shared_with_peer").get<bool>();
    entry.minutes = in.at("minutes").get<int>();
    read_times(in, entry);
    return entry;
}

json week_record(const WeeklyReview& review) {
    json out = times(review.created_at, review.updated_at, review.version);
    out.update({{"week", format_week(review.week)},
                {"held", review.peer_meeting.held},
                {"meeting_day", day_json(review.peer_meeting.day)},
                {"notes", review.peer_meeting.notes},
                {"competency_id", review.plan.competency_id},
                {"situation", review.plan.situation},
                {"approach", review.plan.approach},
                {"measure", review.plan.measure},
                {"deadline", day_json(review.plan.deadline)},
                {"act", review.act},
                {"shared_with_peer", review.shared_with_peer}});
    return out;
}

WeeklyReview week_of_record(const json& in, const std::string& user_id) {
    WeeklyReview review;
    review.user_id = user_id;
    review.week = stored(parse_week(in.at("week").get<std::string>()), "week");
    review.peer_meeting.held = in.at("held").get<bool>();
    review.peer_meeting.day = day_of(in.at("meeting_day"));
    review.peer_meeting.notes = in.at("notes").get<std::string>();
    review.plan.competency_id = in.at("competency_id").get<std::string>();
    review.plan.situation = in.at("situation").get<std::string>();
    review.plan.approach = in.at("approach").get<std::string>();
    review.plan.measure = in.at("measure").get<std::string>();
    review.plan.deadline = day_of(in.at("deadline"));
    review.act = in.at("act").get<std::string>();
    review.shared_with_peer = in.at("shared_with_peer").get<bool>();
    read_times(in, review);
    return review;
}

json month_record(const MonthlyReflection& reflection) {
    json out = times(reflection.created_at, reflection.updated_at, reflection.version);
    out.update({{"month", format_month(reflection.month)},
                {"focus_competency_ids", reflection.focus_competency_ids},
                {"went_well", reflection.went_well},
                {"could_be_better", reflection.could_be_better},
                {"approach", reflection.approach},
                {"goal_progress", json::parse(goal_progress_json(reflection.goal_progress))},
                {"sol_meeting_attended", reflection.sol_meeting_attended}});
    return out;
}

MonthlyReflection month_of_record(const json& in, const std::string& user_id) {
    MonthlyReflection reflection;
    reflection.user_id = user_id;
    reflection.month = stored(parse_month(in.at("month").get<std::string>()), "month");
    reflection.focus_competency_ids = in.at("focus_competency_ids").get<std::vector<std::string>>();
    reflection.went_well = in.at("went_well").get<std::string>();
    reflection.could_be_better = in.at("could_be_better").get<std::string>();
    reflection.approach = in.at("approach").get<std::string>();
    reflection.goal_progress = goal_progress_of(in.at("goal_progress").dump());
    reflection.sol_meeting_attended = in.at("sol_meeting_attended").get<bool>();
    read_times(in, reflection);
    return reflection;
}

json contract_record(const LearningContract& contract) {
    json discussion = json::array();
    for (const ContractComment& comment : contract.discussion) {
        discussion.push_back(
            {{"by", comment.by}, {"comment", comment.comment}, {"agree", comment.agree}, {"at", seconds(comment.at)}});
    }
    json out = times(contract.created_at, contract.updated_at, contract.version);
    out.update({{"quarter", format_quarter(contract.quarter)},
                {"revision", contract.revision},
                {"where_from", contract.where_from},
                {"where_now", contract.where_now},
                {"aims", contract.aims},
                {"approach", contract.approach},
                {"evidence", contract.evidence},
                {"competency_ids", contract.competency_ids},
                {"goals", json::parse(goals_json(contract.goals))},
                {"status", std::string(to_string(contract.status))},
                {"shared_with_peer", contract.shared_with_peer},
                {"discussion", discussion}});
    return out;
}

LearningContract contract_of_record(const json& in, const std::string& user_id) {
    LearningContract contract;
    contract.user_id = user_id;
    contract.quarter = stored(parse_quarter(in.at("quarter").get<std::string>()), "quarter");
    contract.revision = in.at("revision").get<int>();
    contract.where_from = in.at("where_from").get<std::string>();
    contract.where_now = in.at("where_now").get<std::string>();
    contract.aims = in.at("aims").get<std::string>();
    contract.approach = in.at("approach").get<std::string>();
    contract.evidence = in.at("evidence").get<std::string>();
    contract.competency_ids = in.at("competency_ids").get<std::vector<std::string>>();
    contract.goals = goals_of(in.at("goals").dump());
    contract.status = stored(parse_contract_status(in.at("status").get<std::string>()), "contract status");
    contract.shared_with_peer = in.at("shared_with_peer").get<bool>();
    contract.discussion = discussion_of(in.at("discussion").dump());
    read_times(in, contract);
    return contract;
}

json year_record(const YearlyReview& review) {
    json out = times(review.created_at, review.updated_at, review.version);
    out.update({{"year", review.year.number},
                {"challenging", score_json(review.challenging)},
                {"inspiring", score_json(review.inspiring)},
                {"rewarding", score_json(review.rewarding)},
                {"next_step", review.next_step ? json(std::string(to_string(*review.next_step))) : json(nullptr)},
                {"notes", review.notes}});
    return out;
}

YearlyReview year_of_record(const json& in, const std::string& user_id) {
    YearlyReview review;
    review.user_id = user_id;
    review.year = Year{in.at("year").get<int>()};
    review.challenging = score_of(in.at("challenging"));
    review.inspiring = score_of(in.at("inspiring"));
    review.rewarding = score_of(in.at("rewarding"));
    if (!in.at("next_step").is_null()) {
        review.next_step = stored(parse_next_step(in.at("next_step").get<std::string>()), "next step");
    }
    review.notes = in.at("notes").get<std::string>();
    read_times(in, review);
    return review;
}

}  // namespace

std::string trashed_record_json(const TrashedItem& item) {
    switch (item.kind) {
        case DraftKind::diary:
            return dump(diary_record(item.diary_entry.value()));
        case DraftKind::week:
            return dump(week_record(item.weekly_review.value()));
        case DraftKind::month:
            return dump(month_record(item.monthly_reflection.value()));
        case DraftKind::contract: {
            json revisions = json::array();
            for (const LearningContract& revision : item.contract_revisions) revisions.push_back(contract_record(revision));
            return dump(revisions);
        }
        case DraftKind::year:
            return dump(year_record(item.yearly_review.value()));
    }
    return "null";
}

void read_trashed_record(const std::string& text, TrashedItem& item) {
    const json in = json::parse(text);
    switch (item.kind) {
        case DraftKind::diary:
            item.diary_entry = diary_of(in, item.user_id);
            break;
        case DraftKind::week:
            item.weekly_review = week_of_record(in, item.user_id);
            break;
        case DraftKind::month:
            item.monthly_reflection = month_of_record(in, item.user_id);
            break;
        case DraftKind::contract:
            for (const json& revision : in) item.contract_revisions.push_back(contract_of_record(revision, item.user_id));
            break;
        case DraftKind::year:
            item.yearly_review = year_of_record(in, item.user_id);
            break;
    }
}

namespace rows {

TrashedItem TrashRow::value() const {
    TrashedItem item;
    item.id = id;
    item.user_id = user_id;
    item.kind = stored(parse_draft_kind(kind), "trashed kind");
    item.period = period;
    item.deleted_at = instant(deleted_at);
    read_trashed_record(record, item);
    return item;
}

}  // namespace rows
}  // namespace ritme::storage

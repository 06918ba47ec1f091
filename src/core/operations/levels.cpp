#include "core/operations/levels.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/operations/catalogue.hpp"
#include "core/operations/peer.hpp"
#include "core/rules.hpp"
#include "core/visibility.hpp"

namespace ritme::operations {
namespace {

constexpr int peer_days_page = 50;  // more than a week has

Error no_week() {
    return Error{ErrorCode::not_found, "No peer review for that week."};
}
Error no_reflection() {
    return Error{ErrorCode::not_found, "No reflection for that month."};
}
Error no_contract() {
    return Error{ErrorCode::not_found, "No Learning Contract for that quarter."};
}
Error no_year() {
    return Error{ErrorCode::not_found, "No review for that year."};
}

std::vector<Day> check_of(Transaction& transaction, const std::string& user_id, IsoWeek week) {
    return transaction.store.diary_days(user_id, first_day(week), last_day(week));
}

// The goals of the month's quarter's current Learning Contract.
std::set<std::string> contract_goal_ids(Transaction& transaction, const std::string& user_id, Month month) {
    std::set<std::string> ids;
    if (std::optional<LearningContract> contract =
            transaction.store.find_learning_contract(user_id, quarter_of(first_day(month)))) {
        for (const ContractGoal& goal : contract->goals) ids.insert(goal.id);
    }
    return ids;
}

// A goal the person names by `id` must be one of the current contract's goals (each named
// once); a goal without one is new and gets a fresh id.
Status assign_goal_ids(std::vector<ContractGoal>& goals, const std::optional<LearningContract>& current,
                       IdSource& ids) {
    std::set<std::string> known;
    if (current) {
        for (const ContractGoal& goal : current->goals) known.insert(goal.id);
    }
    std::set<std::string> named;
    for (std::size_t index = 0; index < goals.size(); ++index) {
        ContractGoal& goal = goals[index];
        if (goal.id.empty()) {
            goal.id = ids.new_id();
        } else if (known.count(goal.id) == 0 || !named.insert(goal.id).second) {
            std::string field = "goals[" + std::to_string(index) + "].id";
            return validation_error(field,
                                    "must be the id of one of this contract's goals, given once "
                                    "(leave it out for a new goal)");
        }
    }
    return ok_status();
}

// Whether `edit` holds the same answers as `current`: saving them again changes nothing
// (no new revision of a shared or agreed contract).
bool same_answers(const LearningContract& current, const LearningContract& edit) {
    auto goal_fields = [](const ContractGoal& goal) {
        return std::tie(goal.id, goal.text, goal.measure, goal.deadline);
    };
    return current.where_from == edit.where_from && current.where_now == edit.where_now && current.aims == edit.aims &&
           current.approach == edit.approach && current.evidence == edit.evidence &&
           current.competency_ids == edit.competency_ids &&
           std::equal(current.goals.begin(), current.goals.end(), edit.goals.begin(), edit.goals.end(),
                      [&](const ContractGoal& a, const ContractGoal& b) { return goal_fields(a) == goal_fields(b); });
}

}  // namespace

// --- weekly -------------------------------------------------------------------------------

Result<CheckedWeek> plan_week(const Ports& ports, const User& person, WeeklyReview written, BasedOn based_on) {
    written.user_id = person.id;
    written.created_at = written.updated_at = ports.clock.now();  // the store keeps created_at of a replaced one
    Day today = ports.calendar.local_day(written.updated_at, person.timezone);
    return writing(ports.store, [&](Transaction& transaction) -> Result<CheckedWeek> {
        std::optional<WeeklyReview> existing = transaction.store.find_weekly_review(person.id, written.week);
        RITME_TRY(unchanged_since(based_on, stored_version(existing)));
        written.version = next_version(existing);
        std::vector<std::string> on_record;
        if (existing && !existing->plan.competency_id.empty()) on_record.push_back(existing->plan.competency_id);
        RITME_TRY(validate_weekly_review(written, catalogue_view(transaction, on_record)));
        WeeklyReview stored = transaction.store.put_weekly_review(written);
        std::vector<Day> check = check_of(transaction, person.id, stored.week);
        return CheckedWeek{std::move(stored), std::move(check), today};
    });
}

Result<CheckedWeek> weekly_review(const Ports& ports, const User& person, IsoWeek week) {
    Day today = ports.calendar.local_day(ports.clock.now(), person.timezone);
    return reading(ports.store, [&](Transaction& transaction) -> Result<CheckedWeek> {
        std::optional<WeeklyReview> review = transaction.store.find_weekly_review(person.id, week);
        if (!review) return no_week();
        return CheckedWeek{std::move(*review), check_of(transaction, person.id, week), today};
    });
}

Result<WeekPage> week_page(const Ports& ports, const User& person, IsoWeek week) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<WeekPage> {
        WeekPage shown;
        Store& store = transaction.store;
        shown.review = store.find_weekly_review(person.id, week);
        shown.catalogue = store.list_competencies();
        shown.check = check_of(transaction, person.id, week);
        shown.last_week = store.find_weekly_review(person.id, previous(week));
        shown.peer = current_peer(transaction, person);
        if (shown.peer) {
            DiaryQuery query;
            query.from = first_day(week);
            query.to = last_day(week);
            query.limit = peer_days_page;
            shown.peer_days = peer_shared_diary(transaction, person, *shown.peer, query).entries;
        }
        return shown;
    });
}

// --- monthly ------------------------------------------------------------------------------

Result<MonthlyReflection> reflect_on_month(const Ports& ports, const User& person, MonthlyReflection written,
                                           BasedOn based_on) {
    written.user_id = person.id;
    written.created_at = written.updated_at = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<MonthlyReflection> {
        std::optional<MonthlyReflection> existing = transaction.store.find_monthly_reflection(person.id, written.month);
        RITME_TRY(unchanged_since(based_on, stored_version(existing)));
        written.version = next_version(existing);
        CatalogueView catalogue =
            catalogue_view(transaction, existing ? existing->focus_competency_ids : std::vector<std::string>{});
        RITME_TRY(validate_monthly_reflection(written, catalogue,
                                              contract_goal_ids(transaction, person.id, written.month)));
        return transaction.store.put_monthly_reflection(written);
    });
}

Result<MonthlyReflection> monthly_reflection(const Ports& ports, const User& person, Month month) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<MonthlyReflection> {
        std::optional<MonthlyReflection> reflection = transaction.store.find_monthly_reflection(person.id, month);
        if (!reflection) return no_reflection();
        return std::move(*reflection);
    });
}

Result<MonthPage> month_page(const Ports& ports, const User& person, Month month) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<MonthPage> {
        MonthPage shown;
        Store& store = transaction.store;
        shown.reflection = store.find_monthly_reflection(person.id, month);
        shown.catalogue = store.list_competencies();
        shown.material = month_material(transaction, person, month);
        return shown;
    });
}

// --- quarterly ----------------------------------------------------------------------------

Result<LearningContract> save_contract(const Ports& ports, const User& person, LearningContract written,
                                       BasedOn based_on) {
    Timestamp now = ports.clock.now();
    written.user_id = person.id;
    return writing(ports.store, [&](Transaction& transaction) -> Result<LearningContract> {
        LearningContract edit = written;  // the goals get ids afresh if the work runs again
        std::optional<LearningContract> current = transaction.store.find_learning_contract(person.id, edit.quarter);
        RITME_TRY(unchanged_since(based_on, stored_version(current)));
        RITME_TRY(assign_goal_ids(edit.goals, current, ports.ids));
        if (current && same_answers(*current, edit)) return std::move(*current);

        LearningContract next;
        if (current) {
            next = revise_contract(*current, std::move(edit), now);  // a shared or agreed one: new revision, draft
        } else {
            next = std::move(edit);
            next.revision = 1;
            next.status = ContractStatus::draft;
            next.created_at = next.updated_at = now;
        }
        next.version = next_version(current);
        CatalogueView catalogue =
            catalogue_view(transaction, current ? current->competency_ids : std::vector<std::string>{});
        RITME_TRY(validate_learning_contract(next, catalogue));
        return transaction.store.put_learning_contract(next);
    });
}

Result<LearningContract> learning_contract(const Ports& ports, const User& person, Quarter quarter) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<LearningContract> {
        std::optional<LearningContract> contract = transaction.store.find_learning_contract(person.id, quarter);
        if (!contract) return no_contract();
        return std::move(*contract);
    });
}

Result<std::vector<LearningContract>> contract_revisions(const Ports& ports, const User& person, Quarter quarter) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<LearningContract>> {
        std::vector<LearningContract> revisions = transaction.store.list_contract_revisions(person.id, quarter);
        if (revisions.empty()) return no_contract();
        return revisions;
    });
}

Result<LearningContract> share_contract(const Ports& ports, const User& person, Quarter quarter) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<LearningContract> {
        std::optional<LearningContract> contract = transaction.store.find_learning_contract(person.id, quarter);
        if (!contract) return no_contract();
        if (!person.peer_id || person.peer_id->empty()) {
            return Error{ErrorCode::conflict, "There is no fixed colleague to share the contract with yet."};
        }
        if (contract->status == ContractStatus::draft || !contract->shared_with_peer) {
            if (contract->status == ContractStatus::draft) contract->status = ContractStatus::shared;
            contract->shared_with_peer = true;
            contract->updated_at = now;
            contract->version += 1;
            return transaction.store.put_learning_contract(*contract);
        }
        return std::move(*contract);
    });
}

Result<LearningContract> unshare_contract(const Ports& ports, const User& person, Quarter quarter) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<LearningContract> {
        std::optional<LearningContract> contract = transaction.store.find_learning_contract(person.id, quarter);
        if (!contract) return no_contract();
        if (contract->shared_with_peer || contract->status == ContractStatus::shared) {
            contract->shared_with_peer = false;
            if (contract->status == ContractStatus::shared) contract->status = ContractStatus::draft;
            contract->updated_at = now;
            contract->version += 1;
            return transaction.store.put_learning_contract(*contract);
        }
        return std::move(*contract);
    });
}

Result<ContractPage> contract_page(const Ports& ports, const User& person, Quarter quarter) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<ContractPage> {
        ContractPage shown;
        Store& store = transaction.store;
        shown.contract = store.find_learning_contract(person.id, quarter);
        shown.catalogue = store.list_competencies();
        shown.material = contract_material(transaction, person, quarter);
        shown.revisions = store.list_contract_revisions(person.id, quarter);
        shown.peer = current_peer(transaction, person);
        if (shown.peer && shown.contract && shared_now(*shown.contract)) {
            for (const PeerOpening& opening : store.list_peer_openings(person.id)) {
                if (opening.viewer_id == shown.peer->id && opening.kind == SharedKind::learning_contract &&
                    opening.period == format_quarter(quarter)) {
                    shown.peer_last_opened = opening.last_opened_at;
                }
            }
        }
        return shown;
    });
}

// --- yearly -------------------------------------------------------------------------------

Result<YearlyReview> save_yearly_review(const Ports& ports, const User& person, YearlyReview written,
                                        BasedOn based_on) {
    written.user_id = person.id;
    written.created_at = written.updated_at = ports.clock.now();
    RITME_TRY(validate_yearly_review(written));
    return writing(ports.store, [&](Transaction& transaction) -> Result<YearlyReview> {
        std::optional<YearlyReview> existing = transaction.store.find_yearly_review(person.id, written.year);
        RITME_TRY(unchanged_since(based_on, stored_version(existing)));
        written.version = next_version(existing);
        return transaction.store.put_yearly_review(written);
    });
}

Result<YearlyReview> yearly_review(const Ports& ports, const User& person, Year year) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<YearlyReview> {
        std::optional<YearlyReview> review = transaction.store.find_yearly_review(person.id, year);
        if (!review) return no_year();
        return std::move(*review);
    });
}

Result<YearPage> year_page(const Ports& ports, const User& person, Year year) {
    Timestamp now = ports.clock.now();
    return reading(ports.store, [&](Transaction& transaction) -> Result<YearPage> {
        YearPage shown;
        shown.review = transaction.store.find_yearly_review(person.id, year);
        shown.material = year_material(transaction, ports.calendar, person, year, now);
        return shown;
    });
}

}  // namespace ritme::operations

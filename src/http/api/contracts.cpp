// Quarterly: the Learning Contract, its revisions, and sharing it with the fixed colleague.
// (The peer's side, reading and discussing a shared contract, lives with the peer routes.)
#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/json_body.hpp"

namespace ritme::http::levels {
namespace {

// A goal the client names by `id` must be one of the current contract's goals (each named
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

Response contract_answer(const Call& call, const LearningContract& contract) {
    return json_response(200, learning_contract_json(contract, me(call).locale));
}

Response put_contract(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());

    LearningContract edit;  // the whole set of answers is replaced
    edit.user_id = user.id;
    edit.quarter = *quarter;
    if (Status read = read_learning_contract(call.body, edit); !read) return error_response(read.error());
    std::optional<LearningContract> current = store.find_learning_contract(user.id, *quarter);
    if (Status assigned = assign_goal_ids(edit.goals, current, call.services.ids); !assigned) {
        return error_response(assigned.error());
    }
    if (current && same_answers(*current, edit)) return contract_answer(call, *current);

    Timestamp at = now(call);
    LearningContract next;
    if (current) {
        next = revise_contract(*current, std::move(edit), at);  // a shared or agreed one: new revision, draft
    } else {
        next = std::move(edit);
        next.revision = 1;
        next.status = ContractStatus::draft;
        next.created_at = next.updated_at = at;
    }
    CatalogueView catalogue = catalogue_view(store, current ? current->competency_ids : std::vector<std::string>{});
    if (Status valid = validate_learning_contract(next, catalogue); !valid) return error_response(valid.error());
    return contract_answer(call, store.put_learning_contract(next));
}

Response get_contract(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    std::optional<LearningContract> contract = call.services.store.find_learning_contract(me(call).id, *quarter);
    if (!contract) return not_found("No Learning Contract for that quarter.");
    return contract_answer(call, *contract);
}

Response list_revisions(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    std::vector<LearningContract> revisions = call.services.store.list_contract_revisions(me(call).id, *quarter);
    if (revisions.empty()) return not_found("No Learning Contract for that quarter.");
    Json list = Json::array();
    for (const LearningContract& revision : revisions) {
        list.push_back(learning_contract_json(revision, me(call).locale));
    }
    return json_response(200, {{"revisions", std::move(list)}});
}

// Makes the current revision visible to the fixed colleague. Sharing again changes nothing;
// an agreed contract stays agreed (and is visible again if it was taken back).
Response share_contract(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return error_response(read.error());

    std::optional<LearningContract> contract = store.find_learning_contract(user.id, *quarter);
    if (!contract) return not_found("No Learning Contract for that quarter.");
    if (!user.peer_id || user.peer_id->empty()) {
        return error_response(
            Error{ErrorCode::conflict, "There is no fixed colleague to share the contract with yet."});
    }
    if (contract->status == ContractStatus::draft || !contract->shared_with_peer) {
        if (contract->status == ContractStatus::draft) contract->status = ContractStatus::shared;
        contract->shared_with_peer = true;
        contract->updated_at = now(call);
        contract = store.put_learning_contract(*contract);
    }
    return contract_answer(call, *contract);
}

// Takes the contract back from the fixed colleague: a shared one is a draft again; an
// agreed one stays agreed (that happened), but the peer no longer sees it.
Response unshare_contract(Call& call) {
    Store& store = call.services.store;
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return error_response(read.error());

    std::optional<LearningContract> contract = store.find_learning_contract(me(call).id, *quarter);
    if (!contract) return not_found("No Learning Contract for that quarter.");
    if (contract->shared_with_peer || contract->status == ContractStatus::shared) {
        contract->shared_with_peer = false;
        if (contract->status == ContractStatus::shared) contract->status = ContractStatus::draft;
        contract->updated_at = now(call);
        contract = store.put_learning_contract(*contract);
    }
    return contract_answer(call, *contract);
}

}  // namespace

void add_contract_routes(Router& router) {
    const std::string path = std::string(api) + "/contracts/{quarter}";
    router.add({"PUT", path, Access::member, put_contract,
                "Write the quarter's Learning Contract (a shared or agreed one gets a new revision)"});
    router.add({"GET", path, Access::member, get_contract, "The quarter's Learning Contract, current revision"});
    router.add({"GET", path + "/revisions", Access::member, list_revisions,
                "Every revision of the quarter's Learning Contract, oldest first"});
    router.add({"POST", path + "/share", Access::member, share_contract,
                "Share the quarter's Learning Contract with the fixed colleague"});
    router.add({"POST", path + "/unshare", Access::member, unshare_contract,
                "Take the quarter's Learning Contract back from the fixed colleague (shared becomes draft)"});
}

}  // namespace ritme::http::levels

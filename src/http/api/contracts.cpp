// Quarterly: the Learning Contract, its revisions, and sharing it with the fixed colleague.
// (The peer's side, reading and discussing a shared contract, lives with the peer routes.)
#include <string>

#include "core/operations/levels.hpp"
#include "core/operations/material.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/json_body.hpp"

namespace ritme::http::levels {
namespace {

Response contract_answer(const Call& call, const Result<LearningContract>& contract) {
    if (!contract) return error_response(contract.error());
    return versioned(json_response(200, learning_contract_json(*contract, me(call).locale)), contract->version);
}

Response put_contract(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    LearningContract written;  // the whole set of answers is replaced
    written.quarter = *quarter;
    if (Status read = read_learning_contract(call.body, written); !read) return error_response(read.error());
    Result<LearningContract> saved =
        operations::save_contract(ports(call.services), me(call), std::move(written), if_match(call));
    if (!saved) {
        return refused_save(saved.error(), [&] {
            Result<LearningContract> current = operations::learning_contract(ports(call.services), me(call), *quarter);
            return current ? learning_contract_json(*current, me(call).locale) : Json(nullptr);
        });
    }
    return contract_answer(call, saved);
}

Response get_contract(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    return contract_answer(call, operations::learning_contract(ports(call.services), me(call), *quarter));
}

Response list_revisions(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    Result<std::vector<LearningContract>> revisions =
        operations::contract_revisions(ports(call.services), me(call), *quarter);
    if (!revisions) return error_response(revisions.error());
    Json list = Json::array();
    for (const LearningContract& revision : *revisions) list.push_back(learning_contract_json(revision, me(call).locale));
    return json_response(200, {{"revisions", std::move(list)}});
}

// The share and unshare endpoints take no body fields.
using ShareOperation = Result<LearningContract> (*)(const operations::Ports&, const User&, Quarter);
Response change_sharing(Call& call, ShareOperation operation) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return error_response(read.error());
    return contract_answer(call, operation(ports(call.services), me(call), *quarter));
}

Response share_contract(Call& call) {
    return change_sharing(call, operations::share_contract);
}

Response unshare_contract(Call& call) {
    return change_sharing(call, operations::unshare_contract);
}

Response get_contract_material(Call& call) {
    Result<Quarter> quarter = period_param<Quarter>(call, "quarter");
    if (!quarter) return error_response(quarter.error());
    Result<operations::ContractMaterial> material =
        operations::contract_material(ports(call.services), me(call), *quarter);
    if (!material) return error_response(material.error());
    return json_response(200, contract_material_json(*material));
}

}  // namespace

void add_contract_routes(Router& router) {
    const std::string path = std::string(api) + "/contracts/{quarter}";
    router.add({"PUT", path, Access::member, put_contract,
                "Write the quarter's Learning Contract (a shared or agreed one gets a new revision)", true});
    router.add({"GET", path, Access::member, get_contract, "The quarter's Learning Contract, current revision", true});
    router.add({"GET", path + "/material", Access::member, get_contract_material,
                "Where you come from: the quarter before, and a draft written from it"});
    router.add({"GET", path + "/revisions", Access::member, list_revisions,
                "Every revision of the quarter's Learning Contract, oldest first"});
    router.add({"POST", path + "/share", Access::member, share_contract,
                "Share the quarter's Learning Contract with the fixed colleague"});
    router.add({"POST", path + "/unshare", Access::member, unshare_contract,
                "Take the quarter's Learning Contract back from the fixed colleague (shared becomes draft)"});
}

}  // namespace ritme::http::levels

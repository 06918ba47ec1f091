// Drafts: what a person is writing, kept as they type (operations/drafts.hpp).
#include "core/operations/drafts.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// The {kind} of the path: another word is no such resource.
Result<DraftKind> kind_param(const Call& call) {
    std::optional<DraftKind> kind = parse_draft_kind(call.params.at("kind"));
    if (!kind) return Error{ErrorCode::not_found, "No such kind of draft: diary, week, month, contract or year."};
    return *kind;
}

Response put_draft(Call& call) {
    Result<DraftKind> kind = kind_param(call);
    if (!kind) return error_response(kind.error());
    if (call.body == nullptr || !call.body->is_object()) {
        return error_response(Error{ErrorCode::bad_request, "A draft is a JSON object."});
    }
    Result<Draft> saved =
        operations::save_draft(ports(call.services), me(call), *kind, call.params.at("period"), call.body->dump());
    if (!saved) return error_response(saved.error());
    return json_response(200, draft_json(*saved));
}

Response get_draft(Call& call) {
    Result<DraftKind> kind = kind_param(call);
    if (!kind) return error_response(kind.error());
    Result<Draft> found = operations::draft(ports(call.services), me(call), *kind, call.params.at("period"));
    if (!found) return error_response(found.error());
    return json_response(200, draft_json(*found));
}

Response delete_draft(Call& call) {
    Result<DraftKind> kind = kind_param(call);
    if (!kind) return error_response(kind.error());
    Status discarded = operations::discard_draft(ports(call.services), me(call), *kind, call.params.at("period"));
    if (!discarded) return error_response(discarded.error());
    return no_content();
}

Response list_drafts(Call& call) {
    Result<std::vector<Draft>> mine = operations::drafts(ports(call.services), me(call));
    if (!mine) return error_response(mine.error());
    Json list = Json::array();
    for (const Draft& draft : *mine) list.push_back(draft_json(draft));
    return json_response(200, {{"drafts", std::move(list)}});
}

}  // namespace

void add_draft_routes(Router& router) {
    const std::string path = std::string(api) + "/drafts";
    router.add({"GET", path, Access::member, list_drafts, "My drafts, newest first"});
    router.add({"PUT", path + "/{kind}/{period}", Access::member, put_draft,
                "Keep what I am writing on a level's form (any JSON object)"});
    router.add({"GET", path + "/{kind}/{period}", Access::member, get_draft, "My draft of a level and period"});
    router.add({"DELETE", path + "/{kind}/{period}", Access::member, delete_draft, "Throw a draft away"});
}

}  // namespace ritme::http::levels

// The organisation view for admins: how many take part at each level. Counts only, never
// text, and no count small enough to point at a person (core/operations/admin.hpp).
#include <string>

#include "core/operations/admin.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response get_participation(Call& call) {
    std::optional<std::string> period = call.request.query_value("period");
    Result<operations::Participation> counted = operations::participation(
        ports(call.services), me(call), period ? std::optional<std::string_view>(*period) : std::nullopt);
    if (!counted) return error_response(counted.error());
    return json_response(200, participation_json(*counted));
}

}  // namespace

void add_participation_routes(Router& router) {
    router.add({"GET", std::string(api) + "/admin/participation", Access::admin, get_participation,
                "How many members keep each level of the rhythm in a period (admin; counts only, small ones null)"});
}

}  // namespace ritme::http::levels

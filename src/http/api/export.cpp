// GET /me/export: everything the server holds about the caller, as one JSON document.
// Secrets (the password hash, token and session hashes) are not data about the person and
// stay out. Each record is written by its one JSON function (level_json.hpp).
#include <string>
#include <utility>

#include "core/operations/account.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response export_data(Call& call) {
    Result<operations::PersonalData> held = operations::personal_data(ports(call.services), me(call));
    if (!held) return error_response(held.error());
    return json_response(200, personal_data_json(*held, call.services.clock.now()));
}

}  // namespace

void add_export_routes(Router& router) {
    router.add({"GET", std::string(api) + "/me/export", Access::member, export_data,
                "Everything the server holds about the caller, as one JSON document"});
}

}  // namespace ritme::http::levels

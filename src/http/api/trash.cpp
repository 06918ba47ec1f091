// The trash: what was deleted from the five levels, restorable for 30 days
// (operations/trash.hpp). Deleting a week, month, contract or year lives here too; the
// diary day's DELETE is the diary's own.
#include "core/operations/trash.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/json_body.hpp"

namespace ritme::http::levels {
namespace {

Response list_trash(Call& call) {
    Result<std::vector<TrashedItem>> mine = operations::trash(ports(call.services), me(call));
    if (!mine) return error_response(mine.error());
    Json list = Json::array();
    for (const TrashedItem& item : *mine) list.push_back(trashed_item_json(item, me(call).locale));
    return json_response(200, {{"items", std::move(list)}});
}

Response restore(Call& call) {
    BodyReader in(call.body);
    in.allow_only({});
    if (Status read = in.status(); !read) return error_response(read.error());
    Result<TrashedItem> restored = operations::restore_from_trash(ports(call.services), me(call), call.params.at("id"));
    if (!restored) return error_response(restored.error());
    return json_response(200, trashed_item_json(*restored, me(call).locale));
}

Response erase(Call& call) {
    Status erased = operations::erase_from_trash(ports(call.services), me(call), call.params.at("id"));
    if (!erased) return error_response(erased.error());
    return no_content();
}

// DELETE of a level's item: its period from the path, moved to the trash.
template <class Period>
Response delete_item(Call& call, const char* name,
                     Result<TrashedItem> (*trash)(const operations::Ports&, const User&, Period)) {
    Result<Period> period = period_param<Period>(call, name);
    if (!period) return error_response(period.error());
    Result<TrashedItem> trashed = trash(ports(call.services), me(call), *period);
    if (!trashed) return error_response(trashed.error());
    return no_content();
}

}  // namespace

void add_trash_routes(Router& router) {
    const std::string path = std::string(api) + "/trash";
    router.add({"GET", path, Access::member, list_trash, "My deleted items, newest first, restorable for 30 days"});
    router.add({"POST", path + "/{id}/restore", Access::member, restore,
                "Put a deleted item back (409 when its period has a new item since)"});
    router.add({"DELETE", path + "/{id}", Access::member, erase, "Erase a deleted item now"});
    router.add({"DELETE", std::string(api) + "/weeks/{week}", Access::member,
                [](Call& call) { return delete_item<IsoWeek>(call, "week", operations::trash_weekly_review); },
                "Delete the week's review (into the trash)"});
    router.add({"DELETE", std::string(api) + "/months/{month}", Access::member,
                [](Call& call) { return delete_item<Month>(call, "month", operations::trash_monthly_reflection); },
                "Delete the month's reflection (into the trash)"});
    router.add({"DELETE", std::string(api) + "/contracts/{quarter}", Access::member,
                [](Call& call) { return delete_item<Quarter>(call, "quarter", operations::trash_learning_contract); },
                "Delete the quarter's Learning Contract, every revision (into the trash)"});
    router.add({"DELETE", std::string(api) + "/years/{year}", Access::member,
                [](Call& call) { return delete_item<Year>(call, "year", operations::trash_yearly_review); },
                "Delete the year's review (into the trash)"});
}

}  // namespace ritme::http::levels

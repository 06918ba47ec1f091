// Monthly: self-reflection, one or two focus competencies, progress on the contract's goals.
#include <set>
#include <string>

#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// The goals of the month's quarter's current Learning Contract.
std::set<std::string> contract_goal_ids(Store& store, const std::string& user_id, Month month) {
    std::set<std::string> ids;
    if (std::optional<LearningContract> contract =
            store.find_learning_contract(user_id, quarter_of(first_day(month)))) {
        for (const ContractGoal& goal : contract->goals) ids.insert(goal.id);
    }
    return ids;
}

Response put_month(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Result<Month> month = period_param<Month>(call, "month");
    if (!month) return error_response(month.error());

    MonthlyReflection reflection;
    reflection.user_id = user.id;
    reflection.month = *month;
    if (Status read = read_monthly_reflection(call.body, reflection); !read) return error_response(read.error());
    std::optional<MonthlyReflection> existing = store.find_monthly_reflection(user.id, *month);
    CatalogueView catalogue =
        catalogue_view(store, existing ? existing->focus_competency_ids : std::vector<std::string>{});
    Status valid = validate_monthly_reflection(reflection, catalogue, contract_goal_ids(store, user.id, *month));
    if (!valid) return error_response(valid.error());
    reflection.created_at = reflection.updated_at = now(call);
    return json_response(200, monthly_reflection_json(store.put_monthly_reflection(reflection)));
}

Response get_month(Call& call) {
    Result<Month> month = period_param<Month>(call, "month");
    if (!month) return error_response(month.error());
    std::optional<MonthlyReflection> reflection = call.services.store.find_monthly_reflection(me(call).id, *month);
    if (!reflection) return not_found("No reflection for that month.");
    return json_response(200, monthly_reflection_json(*reflection));
}

}  // namespace

void add_month_routes(Router& router) {
    const std::string path = std::string(api) + "/months/{month}";
    router.add({"PUT", path, Access::member, put_month, "Write the month's self-reflection and focus"});
    router.add({"GET", path, Access::member, get_month, "The month's self-reflection"});
}

}  // namespace ritme::http::levels

// Monthly: self-reflection, one or two focus competencies, progress on the contract's goals.
#include <string>

#include "core/operations/levels.hpp"
#include "core/operations/material.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response month_answer(const Result<MonthlyReflection>& reflection) {
    if (!reflection) return error_response(reflection.error());
    return versioned(json_response(200, monthly_reflection_json(*reflection)), reflection->version);
}

Response put_month(Call& call) {
    Result<Month> month = period_param<Month>(call, "month");
    if (!month) return error_response(month.error());
    MonthlyReflection written;
    written.month = *month;
    if (Status read = read_monthly_reflection(call.body, written); !read) return error_response(read.error());
    Result<MonthlyReflection> saved =
        operations::reflect_on_month(ports(call.services), me(call), std::move(written), if_match(call));
    if (!saved) {
        return refused_save(saved.error(), [&] {
            Result<MonthlyReflection> current = operations::monthly_reflection(ports(call.services), me(call), *month);
            return current ? monthly_reflection_json(*current) : Json(nullptr);
        });
    }
    return month_answer(saved);
}

Response get_month(Call& call) {
    Result<Month> month = period_param<Month>(call, "month");
    if (!month) return error_response(month.error());
    return month_answer(operations::monthly_reflection(ports(call.services), me(call), *month));
}

Response get_month_material(Call& call) {
    Result<Month> month = period_param<Month>(call, "month");
    if (!month) return error_response(month.error());
    Result<operations::MonthMaterial> material = operations::month_material(ports(call.services), me(call), *month);
    if (!material) return error_response(material.error());
    return json_response(200, month_material_json(*material));
}

}  // namespace

void add_month_routes(Router& router) {
    const std::string path = std::string(api) + "/months/{month}";
    router.add({"PUT", path, Access::member, put_month, "Write the month's self-reflection and focus", true});
    router.add({"GET", path, Access::member, get_month, "The month's self-reflection", true});
    router.add({"GET", path + "/material", Access::member, get_month_material,
                "What the month builds on: its key learnings by focus, its weeks' plans, the contract's goals"});
}

}  // namespace ritme::http::levels

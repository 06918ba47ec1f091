// Weekly: the peer review with the fixed colleague and the PDCA plan.
#include <string>

#include "core/operations/levels.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// The week as answered: with its Check (the week's diary days) and the SMART verdict.
Response week_answer(const Call& call, const Result<operations::CheckedWeek>& week) {
    if (!week) return error_response(week.error());
    return versioned(json_response(200, weekly_review_json(week->review, week->check, week->today, me(call).locale)),
                     week->review.version);
}

Response put_week(Call& call) {
    Result<IsoWeek> week = period_param<IsoWeek>(call, "week");
    if (!week) return error_response(week.error());
    WeeklyReview written;
    written.week = *week;
    if (Status read = read_weekly_review(call.body, written); !read) return error_response(read.error());
    Result<operations::CheckedWeek> saved =
        operations::plan_week(ports(call.services), me(call), std::move(written), if_match(call));
    if (!saved) {
        return refused_save(saved.error(), [&] {
            Result<operations::CheckedWeek> current = operations::weekly_review(ports(call.services), me(call), *week);
            return current ? weekly_review_json(current->review, current->check, current->today, me(call).locale)
                           : Json(nullptr);
        });
    }
    return week_answer(call, saved);
}

Response get_week(Call& call) {
    Result<IsoWeek> week = period_param<IsoWeek>(call, "week");
    if (!week) return error_response(week.error());
    return week_answer(call, operations::weekly_review(ports(call.services), me(call), *week));
}

}  // namespace

void add_week_routes(Router& router) {
    const std::string path = std::string(api) + "/weeks/{week}";
    router.add({"PUT", path, Access::member, put_week, "Write the week's peer review and PDCA plan", true});
    router.add(
        {"GET", path, Access::member, get_week, "The week's peer review, with its Check days and SMART verdict", true});
}

}  // namespace ritme::http::levels

// Weekly: the peer review with the fixed colleague and the PDCA plan.
#include <string>

#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// The week as answered: with its Check (the week's diary days) and the SMART verdict.
Response week_answer(Call& call, const WeeklyReview& review) {
    const User& user = me(call);
    std::vector<Day> check = call.services.store.diary_days(user.id, first_day(review.week), last_day(review.week));
    return json_response(200, weekly_review_json(review, check, user.locale));
}

Response put_week(Call& call) {
    const User& user = me(call);
    Store& store = call.services.store;
    Result<IsoWeek> week = period_param<IsoWeek>(call, "week");
    if (!week) return error_response(week.error());

    WeeklyReview review;
    review.user_id = user.id;
    review.week = *week;
    if (Status read = read_weekly_review(call.body, review); !read) return error_response(read.error());
    std::optional<WeeklyReview> existing = store.find_weekly_review(user.id, *week);
    std::vector<std::string> on_record;
    if (existing && !existing->plan.competency_id.empty()) on_record.push_back(existing->plan.competency_id);
    if (Status valid = validate_weekly_review(review, catalogue_view(store, on_record)); !valid) {
        return error_response(valid.error());
    }
    review.created_at = review.updated_at = now(call);
    return week_answer(call, store.put_weekly_review(review));
}

Response get_week(Call& call) {
    Result<IsoWeek> week = period_param<IsoWeek>(call, "week");
    if (!week) return error_response(week.error());
    std::optional<WeeklyReview> review = call.services.store.find_weekly_review(me(call).id, *week);
    if (!review) return not_found("No peer review for that week.");
    return week_answer(call, *review);
}

}  // namespace

void add_week_routes(Router& router) {
    const std::string path = std::string(api) + "/weeks/{week}";
    router.add({"PUT", path, Access::member, put_week, "Write the week's peer review and PDCA plan"});
    router.add(
        {"GET", path, Access::member, get_week, "The week's peer review, with its Check days and SMART verdict"});
}

}  // namespace ritme::http::levels

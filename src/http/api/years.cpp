// Yearly: the basic choices of a professional.
#include <string>

#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response put_year(Call& call) {
    const User& user = me(call);
    Result<Year> year = period_param<Year>(call, "year");
    if (!year) return error_response(year.error());

    YearlyReview review;
    review.user_id = user.id;
    review.year = *year;
    if (Status read = read_yearly_review(call.body, review); !read) return error_response(read.error());
    if (Status valid = validate_yearly_review(review); !valid) return error_response(valid.error());
    review.created_at = review.updated_at = now(call);
    return json_response(200, yearly_review_json(call.services.store.put_yearly_review(review)));
}

Response get_year(Call& call) {
    Result<Year> year = period_param<Year>(call, "year");
    if (!year) return error_response(year.error());
    std::optional<YearlyReview> review = call.services.store.find_yearly_review(me(call).id, *year);
    if (!review) return not_found("No review for that year.");
    return json_response(200, yearly_review_json(*review));
}

}  // namespace

void add_year_routes(Router& router) {
    const std::string path = std::string(api) + "/years/{year}";
    router.add({"PUT", path, Access::member, put_year, "Write the year's review: the basic choices"});
    router.add({"GET", path, Access::member, get_year, "The year's review"});
}

}  // namespace ritme::http::levels

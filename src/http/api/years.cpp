// Yearly: the basic choices of a professional.
#include <string>

#include "core/operations/levels.hpp"
#include "core/operations/material.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response year_answer(const Result<YearlyReview>& review) {
    if (!review) return error_response(review.error());
    return versioned(json_response(200, yearly_review_json(*review)), review->version);
}

Response put_year(Call& call) {
    Result<Year> year = period_param<Year>(call, "year");
    if (!year) return error_response(year.error());
    YearlyReview written;
    written.year = *year;
    if (Status read = read_yearly_review(call.body, written); !read) return error_response(read.error());
    Result<YearlyReview> saved =
        operations::save_yearly_review(ports(call.services), me(call), std::move(written), if_match(call));
    if (!saved) {
        return refused_save(saved.error(), [&] {
            Result<YearlyReview> current = operations::yearly_review(ports(call.services), me(call), *year);
            return current ? yearly_review_json(*current) : Json(nullptr);
        });
    }
    return year_answer(saved);
}

Response get_year(Call& call) {
    Result<Year> year = period_param<Year>(call, "year");
    if (!year) return error_response(year.error());
    return year_answer(operations::yearly_review(ports(call.services), me(call), *year));
}

Response get_year_material(Call& call) {
    Result<Year> year = period_param<Year>(call, "year");
    if (!year) return error_response(year.error());
    Result<operations::YearMaterial> material = operations::year_material(ports(call.services), me(call), *year);
    if (!material) return error_response(material.error());
    return json_response(200, year_material_json(*material));
}

}  // namespace

void add_year_routes(Router& router) {
    const std::string path = std::string(api) + "/years/{year}";
    router.add({"PUT", path, Access::member, put_year, "Write the year's review: the basic choices", true});
    router.add({"GET", path, Access::member, get_year, "The year's review", true});
    router.add({"GET", path + "/material", Access::member, get_year_material,
                "What the year builds on: its four contracts, its counts, the years before"});
}

}  // namespace ritme::http::levels

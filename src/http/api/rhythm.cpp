// The rhythm of the caller on one day: what is due, what is done, and the streak.
#include <string>

#include "core/operations/rhythm.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response get_rhythm(Call& call) {
    Result<std::optional<Day>> day = period_query<Day>(call, "day");
    if (!day) return error_response(day.error());
    Result<operations::RhythmOfDay> rhythm = operations::rhythm_of_day(ports(call.services), me(call), *day);
    if (!rhythm) return error_response(rhythm.error());
    return json_response(200, rhythm_json(*rhythm));
}

}  // namespace

void add_rhythm_routes(Router& router) {
    router.add({"GET", std::string(api) + "/rhythm", Access::member, get_rhythm,
                "The caller's rhythm on a day (default today): due, done, streak, focus, the fixed colleague"});
}

}  // namespace ritme::http::levels

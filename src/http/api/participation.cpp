// The organisation view for admins: how many take part at each level. Counts only, never
// text, and no count small enough to point at a person.
#include <string>

#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

// Fewer people than this and a count is withheld (null).
constexpr int smallest_group = 5;

struct Span {
    std::string period;
    Day from{};
    Day to{};
};

// Any kind of period: a day, week, month, quarter or year.
std::optional<Span> parse_span(std::string_view text) {
    if (std::optional<Day> day = parse_day(text)) return Span{format_day(*day), *day, *day};
    if (std::optional<IsoWeek> week = parse_week(text))
        return Span{format_week(*week), first_day(*week), last_day(*week)};
    if (std::optional<Month> month = parse_month(text)) {
        return Span{format_month(*month), first_day(*month), last_day(*month)};
    }
    if (std::optional<Quarter> quarter = parse_quarter(text)) {
        return Span{format_quarter(*quarter), first_day(*quarter), last_day(*quarter)};
    }
    if (std::optional<Year> year = parse_year(text)) return Span{format_year(*year), first_day(*year), last_day(*year)};
    return std::nullopt;
}

Response get_participation(Call& call) {
    std::optional<std::string> text = call.request.query_value("period");
    std::optional<Span> span =
        text && !text->empty() ? parse_span(*text) : parse_span(format_month(month_of(today(call))));
    if (!span) {
        return error_response(Error{ErrorCode::bad_request,
                                    "The period must be a day, week, month, quarter or year (2026-11-26, "
                                    "2026-W48, 2026-11, 2026-Q4, 2026).",
                                    "period"});
    }
    ParticipationCounts counts = call.services.store.participation(span->from, span->to);
    bool group_too_small = counts.members < smallest_group;
    auto count = [&](int value) {
        return group_too_small || (value > 0 && value < smallest_group) ? Json(nullptr) : Json(value);
    };
    return json_response(200, {{"period", span->period},
                               {"from", format_day(span->from)},
                               {"to", format_day(span->to)},
                               {"members", count(counts.members)},
                               {"wrote_diary", count(counts.wrote_diary)},
                               {"held_peer_meeting", count(counts.held_peer_meeting)},
                               {"wrote_reflection", count(counts.wrote_reflection)},
                               {"agreed_contract", count(counts.agreed_contract)}});
}

}  // namespace

void add_participation_routes(Router& router) {
    router.add({"GET", std::string(api) + "/admin/participation", Access::admin, get_participation,
                "How many members keep each level of the rhythm in a period (admin; counts only, small ones null)"});
}

}  // namespace ritme::http::levels

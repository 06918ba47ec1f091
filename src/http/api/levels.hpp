#pragma once
// Shared by the handlers of the rhythm's levels (competencies.cpp, diary.cpp, weeks.cpp,
// months.cpp, contracts.cpp, years.cpp, rhythm.cpp, participation.cpp, export.cpp), and
// used by the social rhythm's too (peer.cpp, events.cpp): reading periods from paths and
// queries. Each handler reads the request, calls its operation (core/operations) and
// writes the answer (level_json.hpp).
// add_level_routes (routes.hpp) registers each group below.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/operations/operation.hpp"
#include "core/periods.hpp"
#include "core/result.hpp"
#include "http/http.hpp"

namespace ritme::http::levels {

void add_competency_routes(Router& router);
void add_diary_routes(Router& router);
void add_draft_routes(Router& router);
void add_week_routes(Router& router);
void add_month_routes(Router& router);
void add_contract_routes(Router& router);
void add_year_routes(Router& router);
void add_rhythm_routes(Router& router);
void add_participation_routes(Router& router);
void add_export_routes(Router& router);
void add_import_routes(Router& router);
void add_trash_routes(Router& router);

inline constexpr const char* api = "/api/v1";

// The signed-in caller (member and admin routes only).
inline const User& me(const Call& call) {
    return call.caller->user;
}

// --- periods in paths and queries -------------------------------------------------------

// How each kind of period is written: `parse` is strict (periods.hpp), `written` explains it.
template <class Period>
struct PeriodSyntax;
template <>
struct PeriodSyntax<Day> {
    static std::optional<Day> parse(std::string_view text) { return parse_day(text); }
    static constexpr const char* written = "a day written as YYYY-MM-DD (2026-11-26)";
};
template <>
struct PeriodSyntax<IsoWeek> {
    static std::optional<IsoWeek> parse(std::string_view text) { return parse_week(text); }
    static constexpr const char* written = "a week written as YYYY-Www (2026-W48)";
};
template <>
struct PeriodSyntax<Month> {
    static std::optional<Month> parse(std::string_view text) { return parse_month(text); }
    static constexpr const char* written = "a month written as YYYY-MM (2026-11)";
};
template <>
struct PeriodSyntax<Quarter> {
    static std::optional<Quarter> parse(std::string_view text) { return parse_quarter(text); }
    static constexpr const char* written = "a quarter written as YYYY-Qn (2026-Q4)";
};
template <>
struct PeriodSyntax<Year> {
    static std::optional<Year> parse(std::string_view text) { return parse_year(text); }
    static constexpr const char* written = "a year written as YYYY (2026)";
};

Error malformed(const std::string& name, const char* format);

// The {name} segment of the path, strictly parsed; malformed: 400 bad_request.
template <class Period>
Result<Period> period_param(const Call& call, const std::string& name) {
    auto found = call.params.find(name);
    std::optional<Period> period =
        found == call.params.end() ? std::nullopt : PeriodSyntax<Period>::parse(found->second);
    if (!period) return malformed(name, PeriodSyntax<Period>::written);
    return *period;
}

// The query parameter `name`: absent (or empty) gives an empty optional; malformed: 400.
template <class Period>
Result<std::optional<Period>> period_query(const Call& call, const std::string& name) {
    std::optional<std::string> text = call.request.query_value(name);
    if (!text || text->empty()) return std::optional<Period>{};
    std::optional<Period> period = PeriodSyntax<Period>::parse(*text);
    if (!period) return malformed(name, PeriodSyntax<Period>::written);
    return period;
}

// --- versions: no save replaces what its writer has not seen -----------------------------

// The version the request's If-Match header names ("3", or W/"3" and 3 alike): none
// without the header; one that names no version (a list, "*") matches no item.
operations::BasedOn if_match(const Call& call);
// `response` with `ETag: "<version>"`: an item of the five levels, GET or PUT.
Response versioned(Response response, int version);
// A save refused with `error`: precondition_failed answers 412 with the item as stored
// now (`current`, its `version` as the ETag; null when there is none) beside the error,
// {"error": {...}, "current": ...}; every other error as error_response.
Response refused_save(const Error& error, const std::function<Json()>& current);

// --- shared pieces ----------------------------------------------------------------------

// A page of diary entries as /diary answers it: {entries, next_cursor} (diary.cpp; the
// peer's shared diary answers the same).
std::string diary_page_text(const DiaryPage& page);
// The `limit` query parameter: absent gives 50; anything but a whole number 1..200 is a 400.
Result<int> page_size(const Call& call);

}  // namespace ritme::http::levels

// GET /me/export: everything the server holds about the caller, as one JSON document.
// Secrets (the password hash, token and session hashes) are not data about the person and
// stay out. Each record is written by its one JSON function (level_json.hpp).
// ?format=markdown: the caller's diary and levels as Markdown files in a zip
// (formats/markdown_export.hpp), from the same personal data.
#include <string>
#include <utility>

#include "core/operations/account.hpp"
#include "formats/markdown_export.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response export_data(Call& call) {
    std::string format = call.request.query_value("format").value_or("json");
    if (format != "json" && format != "markdown") {
        return error_response(Error{ErrorCode::bad_request, "format must be json or markdown.", "format"});
    }
    Result<operations::PersonalData> held = operations::personal_data(ports(call.services), me(call));
    if (!held) return error_response(held.error());
    Timestamp now = call.services.clock.now();
    if (format == "json") return json_response(200, personal_data_json(*held, now));
    Day today = call.services.calendar.local_day(now, me(call).timezone);
    return attachment_response(formats::markdown_export(*held), "application/zip",
                               formats::markdown_export_file_name(today));
}

}  // namespace

void add_export_routes(Router& router) {
    Route route{"GET", std::string(api) + "/me/export", Access::member, export_data,
                "Everything the server holds about the caller, as one JSON document; format=markdown: the diary, "
                "weeks, months, contracts and years as Markdown files in a zip"};
    route.query = {"format"};
    route.answers_also = {"application/zip"};
    router.add(std::move(route));
}

}  // namespace ritme::http::levels

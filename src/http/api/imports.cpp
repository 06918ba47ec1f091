// POST /imports/{kind}: a diary kept elsewhere (jrnl, Day One, Markdown daily notes) brought
// into the caller's own diary. The file is the body (any media type, at most 50 MiB);
// src/formats reads it, operations::import_diary decides what each day becomes.
#include <string>

#include "core/operations/imports.hpp"
#include "formats/imports.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

Response import_file(Call& call) {
    std::optional<formats::ImportKind> kind = formats::parse_import_kind(call.params.at("kind"));
    if (!kind) return error_response(Error{ErrorCode::not_found, "There is no import of that kind (jrnl, dayone, markdown)."});
    operations::ImportCommand command;
    std::string preview = call.request.query_value("preview").value_or("false");
    if (preview != "true" && preview != "false") {
        return error_response(Error{ErrorCode::bad_request, "preview must be true or false.", "preview"});
    }
    command.step = preview == "true" ? operations::ImportStep::preview : operations::ImportStep::import;
    std::string existing = call.request.query_value("existing").value_or("add");
    if (existing != "add" && existing != "skip") {
        return error_response(Error{ErrorCode::bad_request, "existing must be add or skip.", "existing"});
    }
    command.existing = existing == "add" ? operations::ExistingDays::add : operations::ExistingDays::skip;
    if (call.request.body.empty()) {
        return error_response(Error{ErrorCode::bad_request, "Send the file to import as the request body.", "file"});
    }
    operations::Ports ports = http::ports(call.services);
    Result<operations::ImportFile> file =
        formats::read_import(*kind, call.request.body, ports.calendar, me(call).timezone);
    if (!file) return error_response(file.error());
    command.file = std::move(*file);
    Result<operations::ImportSummary> summary = operations::import_diary(ports, me(call), std::move(command));
    if (!summary) return error_response(summary.error());
    return json_response(200, import_summary_json(*summary));
}

}  // namespace

void add_import_routes(Router& router) {
    Route route{"POST", std::string(api) + "/imports/{kind}", Access::member, import_file,
                "Import a diary kept in jrnl, Day One or Markdown daily notes into one's own: the file as the body; "
                "preview=true only says what would happen; existing=add|skip"};
    route.body = Route::Body::file;
    route.query = {"preview", "existing"};
    router.add(std::move(route));
}

}  // namespace ritme::http::levels

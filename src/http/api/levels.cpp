#include "http/api/levels.hpp"

#include <charconv>
#include <string_view>

#include "http/api/routes.hpp"

namespace ritme::http {

void add_level_routes(Router& router) {
    levels::add_competency_routes(router);
    levels::add_draft_routes(router);
    levels::add_diary_routes(router);
    levels::add_week_routes(router);
    levels::add_month_routes(router);
    levels::add_contract_routes(router);
    levels::add_year_routes(router);
    levels::add_rhythm_routes(router);
    levels::add_participation_routes(router);
    levels::add_export_routes(router);
    levels::add_import_routes(router);
    levels::add_trash_routes(router);
}

namespace levels {

Error malformed(const std::string& name, const char* format) {
    return Error{ErrorCode::bad_request, "The " + name + " must be " + format + ".", name};
}

operations::BasedOn if_match(const Call& call) {
    std::optional<std::string> header = call.request.header("if-match");
    if (!header) return std::nullopt;
    std::string_view tag = *header;
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    int version = 0;
    auto [end, fault] = std::from_chars(tag.data(), tag.data() + tag.size(), version);
    if (tag.empty() || fault != std::errc{} || end != tag.data() + tag.size() || version < 1) return -1;
    return version;
}

Response versioned(Response response, int version) {
    response.set_header("ETag", "\"" + std::to_string(version) + "\"");
    return response;
}

Response refused_save(const Error& error, const std::function<Json()>& current) {
    if (error.code != ErrorCode::precondition_failed) return error_response(error);
    Json item = current();
    Json body = error_body(error);
    body["current"] = item;
    Response answer = json_response(status_of(error.code), body);
    if (item.is_object() && item.contains("version")) return versioned(std::move(answer), item["version"].get<int>());
    return answer;
}

}  // namespace levels
}  // namespace ritme::http

// The competency catalogue: every member reads it, admins keep it.
#include <string>

#include "core/rules.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"

namespace ritme::http::levels {
namespace {

constexpr std::size_t max_description_length = 2000;

std::string trimmed(const std::string& text) {
    const char* space = " \t\r\n";
    std::size_t first = text.find_first_not_of(space);
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(space) - first + 1);
}

// Reads the body onto `competency` and checks the result.
Status read_and_check(const Json* body, CompetencyFields fields, Competency& competency) {
    if (Status read = read_competency(body, fields, competency); !read) return read;
    competency.name = trimmed(competency.name);
    std::size_t name_length = text_length(competency.name);
    if (name_length == 0) return validation_error("name", "must not be empty");
    if (name_length > max_name_length) return validation_error("name", "must be at most 200 characters");
    if (text_length(competency.description) > max_description_length) {
        return validation_error("description", "must be at most 2,000 characters");
    }
    return ok_status();
}

Response list(Call& call) {
    Json competencies = Json::array();
    for (const Competency& competency : call.services.store.list_competencies()) {
        competencies.push_back(competency_json(competency));
    }
    return json_response(200, {{"competencies", std::move(competencies)}});
}

Response create(Call& call) {
    Competency competency;
    if (Status read = read_and_check(call.body, CompetencyFields::create, competency); !read) {
        return error_response(read.error());
    }
    competency.id = call.services.ids.new_id();
    Result<Competency> created = call.services.store.create_competency(competency);
    if (!created) return error_response(created.error());
    return json_response(201, competency_json(*created));
}

Response change(Call& call) {
    std::optional<Competency> competency = call.services.store.find_competency(call.params.at("id"));
    if (!competency) return not_found("No such competency.");
    if (Status read = read_and_check(call.body, CompetencyFields::patch, *competency); !read) {
        return error_response(read.error());
    }
    Result<Competency> updated = call.services.store.update_competency(*competency);
    if (!updated) return error_response(updated.error());
    return json_response(200, competency_json(*updated));
}

}  // namespace

void add_competency_routes(Router& router) {
    const std::string path = std::string(api) + "/competencies";
    router.add({"GET", path, Access::member, list, "The competency catalogue, archived ones included"});
    router.add({"POST", path, Access::admin, create, "Add a competency to the catalogue (admin)"});
    router.add({"PATCH", path + "/{id}", Access::admin, change, "Rename, describe or archive a competency (admin)"});
}

}  // namespace ritme::http::levels

// The competency catalogue: every member reads it, admins keep it.
#include <string>

#include "core/operations/admin.hpp"
#include "core/operations/catalogue.hpp"
#include "http/api/level_json.hpp"
#include "http/api/levels.hpp"
#include "http/json_body.hpp"

namespace ritme::http::levels {
namespace {

Response list(Call& call) {
    Result<std::vector<Competency>> catalogue = operations::competency_catalogue(ports(call.services));
    if (!catalogue) return error_response(catalogue.error());
    Json competencies = Json::array();
    for (const Competency& competency : *catalogue) competencies.push_back(competency_json(competency));
    return json_response(200, {{"competencies", std::move(competencies)}});
}

Response create(Call& call) {
    Competency typed;
    if (Status read = read_competency(call.body, typed); !read) {
        return error_response(read.error());
    }
    Result<Competency> created = operations::add_competency(ports(call.services), std::move(typed));
    if (!created) return error_response(created.error());
    return json_response(201, competency_json(*created));
}

Response change(Call& call) {
    operations::CompetencyChanges changes;
    BodyReader in(call.body);
    in.allow_only({"name", "description", "archived"});
    auto present = [&](const char* field) {
        return call.body != nullptr && call.body->is_object() && call.body->contains(field);
    };
    bool archived = false;
    in.boolean("archived", archived);
    if (present("archived")) changes.archived = archived;
    for (auto [field, out] : {std::pair{"name", &changes.name}, std::pair{"description", &changes.description}}) {
        std::string value;
        in.text(field, value);
        if (present(field)) *out = value;
    }
    changes.reading = in.status();
    Result<Competency> updated = operations::change_competency(ports(call.services), call.params.at("id"), changes);
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

#include "http/api/levels.hpp"

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
}

namespace levels {

Error malformed(const std::string& name, const char* format) {
    return Error{ErrorCode::bad_request, "The " + name + " must be " + format + ".", name};
}

}  // namespace levels
}  // namespace ritme::http

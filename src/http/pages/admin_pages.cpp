// The admin pages: the competency catalogue (add, edit, archive, import from CSV with
// name and description columns, as ESCO and Moodle framework exports give them) and the
// participation counts. Admins only; members get 403.
#include <string>
#include <vector>

#include "http/pages/page.hpp"

namespace ritme::http::pages {
namespace {

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
std::vector<std::vector<std::string>> parse_csv(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte order mark
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    bool any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
        } else if (c == ',' || c == ';' || c == '\t') {
            row.push_back(std::move(field));
            field.clear();
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !field.empty()) {
                row.push_back(std::move(field));
                rows.push_back(std::move(row));
            }
            row.clear();
            field.clear();
            any = false;
        } else {
            field += c;
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(std::move(field));
        rows.push_back(std::move(row));
    }
    return rows;
}

bool is_name_header(const std::string& cell) {
    std::string name = ascii_lower(trim(cell));
    return name == "name" || name == "naam" || name == "preferredlabel" || name == "shortname" || name == "title";
}
bool is_description_header(const std::string& cell) {
    std::string name = ascii_lower(trim(cell));
    return name == "description" || name == "beschrijving" || name == "definition" || name == "omschrijving";
}

Response show_admin(Page& page, mstch::map data, int status = 200) {
    data["title"] = page.t("Admin");
    mstch::array competencies;
    for (const Competency& competency : page.services.store.list_competencies()) {
        competencies.push_back(mstch::map{{"id", competency.id},
                                          {"name", competency.name},
                                          {"description", competency.description},
                                          {"archived", competency.archived}});
    }
    data["competencies"] = competencies;
    data["has_competencies"] = !competencies.empty();
    std::string period = page.request.query_value("period").value_or(format_month(month_of(page.today())));
    Response counted = page.api("GET", "/api/v1/admin/participation", nullptr, {{"period", period}});
    Json counts = parse_json(counted);
    auto count = [&](const char* key, const char* label) {
        std::string value = counts.contains(key) && counts[key].is_number() ? std::to_string(counts[key].get<int>())
                                                                          : page.t("fewer than 5");
        return mstch::map{{"label", page.t(label)}, {"value", value}};
    };
    data["period"] = counts.value("period", period);
    data["counts"] = mstch::array{count("members", N_("Members")), count("wrote_diary", N_("Wrote in their learning diary")),
                                  count("held_peer_meeting", N_("Held a peer review")),
                                  count("wrote_reflection", N_("Wrote a monthly reflection")),
                                  count("agreed_contract", N_("Have an agreed Learning Contract"))};
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("admin", std::move(data), status);
}

Response get_admin(Page& page) {
    return show_admin(page, {});
}

Response post_competency(Page& page) {
    Json body{{"name", page.form.get("name")}, {"description", page.form.get("description")}};
    Response created = page.api("POST", "/api/v1/competencies", &body);
    if (created.status == 201) return redirect("/admin?saved=1");
    mstch::map data{{"new_name", page.form.get("name")}, {"new_description", page.form.get("description")}};
    FieldError error = api_error(created);
    error.field = error.field == "description" ? "new_description" : "new_name";
    put_errors(page, data, {error});
    return show_admin(page, std::move(data), created.status == 409 ? 409 : 422);
}

Response post_competency_change(Page& page) {
    Json body{{"name", page.form.get("name")},
              {"description", page.form.get("description")},
              {"archived", page.form.has("archived")}};
    Response changed = page.api("PATCH", "/api/v1/competencies/" + page.params.at("id"), &body);
    if (changed.status == 200) return redirect("/admin?saved=1");
    mstch::map data;
    FieldError error = api_error(changed);
    error.field = "";
    put_errors(page, data, {error});
    return show_admin(page, std::move(data), changed.status);
}

Response post_import(Page& page) {
    std::string text = page.form.get("csv_file");
    if (trim(text).empty()) text = page.form.get("csv");
    std::vector<std::vector<std::string>> rows = parse_csv(text);
    std::size_t name_column = 0;
    std::size_t description_column = 1;
    std::size_t first = 0;
    if (!rows.empty()) {
        for (std::size_t i = 0; i < rows[0].size(); ++i) {
            if (is_name_header(rows[0][i])) {
                name_column = i;
                first = 1;
            }
            if (is_description_header(rows[0][i])) description_column = i;
        }
    }
    int added = 0;
    int skipped = 0;
    for (std::size_t r = first; r < rows.size(); ++r) {
        const std::vector<std::string>& row = rows[r];
        std::string name = name_column < row.size() ? trim(row[name_column]) : "";
        std::string description = description_column < row.size() ? trim(row[description_column]) : "";
        if (name.empty()) continue;
        Json body{{"name", name}, {"description", description}};
        Response created = page.api("POST", "/api/v1/competencies", &body);
        if (created.status == 201) {
            ++added;
        } else {
            ++skipped;
        }
    }
    mstch::map data{{"imported", true}, {"added", added}, {"skipped", skipped}};
    return show_admin(page, std::move(data));
}

}  // namespace

void add_admin_pages(PageRoutes& routes) {
    routes.add({"GET", "/admin", Access::admin, get_admin});
    routes.add({"POST", "/admin/competencies", Access::admin, post_competency});
    routes.add({"POST", "/admin/competencies/{id}", Access::admin, post_competency_change});
    routes.add({"POST", "/admin/import", Access::admin, post_import});
}

}  // namespace ritme::http::pages

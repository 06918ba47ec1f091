// The admin pages: the competency catalogue (add, edit, archive, import from CSV with
// name and description columns, as ESCO and Moodle framework exports give them) and the
// participation counts. Admins only; members get 403.
#include <string>
#include <vector>

#include "core/operations/admin.hpp"
#include "core/operations/catalogue.hpp"
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
    if (Result<std::vector<Competency>> catalogue = operations::competency_catalogue(page.ports())) {
        for (const Competency& competency : *catalogue) {
            competencies.push_back(mstch::map{{"id", competency.id},
                                              {"name", competency.name},
                                              {"description", competency.description},
                                              {"archived", competency.archived}});
        }
    }
    data["competencies"] = competencies;
    data["has_competencies"] = !competencies.empty();
    std::string period = page.request.query_value("period").value_or(format_month(month_of(page.today())));
    Result<operations::Participation> counted = operations::participation(page.ports(), page.user(), period);
    operations::Participation counts = counted ? *counted : operations::Participation{};
    auto count = [&](const std::optional<int>& value, const char* label) {
        std::string shown = page.t("not shown");
        if (value) shown = std::to_string(*value);
        return mstch::map{{"label", page.t(label)}, {"value", shown}};
    };
    data["period"] = counted ? counted->period : period;
    data["counts"] = mstch::array{count(counts.members, N_("Members")),
                                  count(counts.wrote_diary, N_("Wrote in their learning diary")),
                                  count(counts.held_peer_meeting, N_("Held a peer review")),
                                  count(counts.wrote_reflection, N_("Wrote a monthly reflection")),
                                  count(counts.agreed_contract, N_("Have an agreed Learning Contract"))};
    if (page.request.query_value("saved")) data["saved"] = true;
    return page.render("admin", std::move(data), status);
}

Response get_admin(Page& page) {
    return show_admin(page, {});
}

Response post_competency(Page& page) {
    Competency typed;
    typed.name = page.form.get("name");
    typed.description = page.form.get("description");
    Result<Competency> created = operations::add_competency(page.ports(), typed);
    if (created) return redirect("/admin?saved=1");
    mstch::map data{{"new_name", page.form.get("name")}, {"new_description", page.form.get("description")}};
    FieldError error = field_error(created.error());
    error.field = error.field == "description" ? "new_description" : "new_name";
    put_errors(page, data, {error});
    return show_admin(page, std::move(data), created.error().code == ErrorCode::conflict ? 409 : 422);
}

Response post_competency_change(Page& page) {
    operations::CompetencyChanges changes;
    changes.name = page.form.get("name");
    changes.description = page.form.get("description");
    changes.archived = page.form.has("archived");
    Result<Competency> changed = operations::change_competency(page.ports(), page.params.at("id"), changes);
    if (changed) return redirect("/admin?saved=1");
    mstch::map data;
    FieldError error = field_error(changed.error());
    error.field = "";
    put_errors(page, data, {error});
    return show_admin(page, std::move(data), status_of(changed.error().code));
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
        Competency typed;
        typed.name = name;
        typed.description = description;
        if (operations::add_competency(page.ports(), typed)) {
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

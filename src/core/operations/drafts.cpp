#include "core/operations/drafts.hpp"

#include "core/periods.hpp"

namespace ritme::operations {
namespace {

template <class Period>
Result<std::string> written(std::optional<Period> period, std::string (*format)(Period), std::string_view syntax) {
    if (!period) return Error{ErrorCode::bad_request, "The period must be " + std::string(syntax) + ".", "period"};
    return format(*period);
}

Error no_draft() {
    return Error{ErrorCode::not_found, "No draft of that kind and period."};
}

}  // namespace

Result<std::string> draft_period(DraftKind kind, std::string_view text) {
    switch (kind) {
        case DraftKind::diary: return written(parse_day(text), format_day, "a day written as YYYY-MM-DD");
        case DraftKind::week: return written(parse_week(text), format_week, "a week written as YYYY-Www");
        case DraftKind::month: return written(parse_month(text), format_month, "a month written as YYYY-MM");
        case DraftKind::contract: return written(parse_quarter(text), format_quarter, "a quarter written as YYYY-Qn");
        case DraftKind::year: return written(parse_year(text), format_year, "a year written as YYYY");
    }
    return no_draft();
}

Result<Draft> save_draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period,
                         std::string body) {
    Result<std::string> key = draft_period(kind, period);
    if (!key) return key.error();
    Draft kept{person.id, kind, std::move(*key), std::move(body), ports.clock.now()};
    return ports.store.put_draft(kept);
}

Result<Draft> draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period) {
    Result<std::string> key = draft_period(kind, period);
    if (!key) return key.error();
    std::optional<Draft> found = ports.store.find_draft(person.id, kind, *key);
    if (!found) return no_draft();
    return std::move(*found);
}

Result<std::vector<Draft>> drafts(const Ports& ports, const User& person) {
    return ports.store.list_drafts(person.id);
}

Status discard_draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period) {
    Result<std::string> key = draft_period(kind, period);
    if (!key) return key.error();
    if (!ports.store.delete_draft(person.id, kind, *key)) return no_draft();
    return ok_status();
}

}  // namespace ritme::operations

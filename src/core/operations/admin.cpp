#include "core/operations/admin.hpp"

#include "core/rules.hpp"
#include "core/text.hpp"

namespace ritme::operations {
namespace {

constexpr std::size_t max_description_length = 2000;

Status check_competency(const Competency& competency) {
    std::size_t name_length = text_length(competency.name);
    if (name_length == 0) return validation_error("name", "must not be empty");
    if (name_length > max_name_length) return validation_error("name", "must be at most 200 characters");
    if (text_length(competency.description) > max_description_length) {
        return validation_error("description", "must be at most 2,000 characters");
    }
    return ok_status();
}

struct Span {
    std::string period;
    Day from{};
    Day to{};
};

// Any kind of period: a day, week, month, quarter or year.
std::optional<Span> span_of(std::string_view text) {
    if (std::optional<Day> day = parse_day(text)) return Span{format_day(*day), *day, *day};
    if (std::optional<IsoWeek> week = parse_week(text)) return Span{format_week(*week), first_day(*week), last_day(*week)};
    if (std::optional<Month> month = parse_month(text)) {
        return Span{format_month(*month), first_day(*month), last_day(*month)};
    }
    if (std::optional<Quarter> quarter = parse_quarter(text)) {
        return Span{format_quarter(*quarter), first_day(*quarter), last_day(*quarter)};
    }
    if (std::optional<Year> year = parse_year(text)) return Span{format_year(*year), first_day(*year), last_day(*year)};
    return std::nullopt;
}

}  // namespace

std::optional<int> shown_count(int members, int count) {
    if (members < smallest_group || count < smallest_group || members - count < smallest_group) return std::nullopt;
    return count;
}

Result<Competency> add_competency(const Ports& ports, Competency typed) {
    typed.name = trimmed(typed.name);
    RITME_TRY(check_competency(typed));
    typed.id = ports.ids.new_id();
    return writing(ports.store, [&](Transaction& transaction) -> Result<Competency> {
        return transaction.store.create_competency(typed);
    });
}

Result<Competency> change_competency(const Ports& ports, const std::string& id, const CompetencyChanges& changes) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<Competency> {
        std::optional<Competency> competency = transaction.store.find_competency(id);
        if (!competency) return Error{ErrorCode::not_found, "No such competency."};
        RITME_TRY(changes.reading);
        if (changes.name) competency->name = *changes.name;
        if (changes.description) competency->description = *changes.description;
        if (changes.archived) competency->archived = *changes.archived;
        competency->name = trimmed(competency->name);
        RITME_TRY(check_competency(*competency));
        return transaction.store.update_competency(*competency);
    });
}

Result<Participation> participation(const Ports& ports, const User& admin, std::optional<std::string_view> period) {
    std::optional<Span> span;
    if (period && !period->empty()) {
        span = span_of(*period);
    } else {
        span = span_of(format_month(month_of(ports.calendar.local_day(ports.clock.now(), admin.timezone))));
    }
    if (!span) {
        return Error{ErrorCode::bad_request,
                     "The period must be a day, week, month, quarter or year (2026-11-26, 2026-W48, 2026-11, "
                     "2026-Q4, 2026).",
                     "period"};
    }
    return reading(ports.store, [&](Transaction& transaction) -> Result<Participation> {
        ParticipationCounts counts = transaction.store.participation(span->from, span->to, admin.id);
        auto count = [&](int value) { return shown_count(counts.members, value); };
        std::optional<int> members;
        if (counts.members >= smallest_group) members = counts.members;
        return Participation{span->period,
                             span->from,
                             span->to,
                             members,
                             count(counts.wrote_diary),
                             count(counts.held_peer_meeting),
                             count(counts.wrote_reflection),
                             count(counts.agreed_contract)};
    });
}

}  // namespace ritme::operations

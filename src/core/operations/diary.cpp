#include "core/operations/diary.hpp"

#include "core/operations/catalogue.hpp"
#include "core/operations/events.hpp"
#include "core/operations/trash.hpp"
#include "core/rules.hpp"

namespace ritme::operations {
namespace {

Error no_entry() {
    return Error{ErrorCode::not_found, "No diary entry for that day."};
}

}  // namespace

Result<SavedDiaryEntry> save_diary_entry(const Ports& ports, const User& person, DiaryEntry written,
                                         BasedOn based_on) {
    Timestamp now = ports.clock.now();
    Day today = ports.calendar.local_day(now, person.timezone);
    written.user_id = person.id;
    written.created_at = written.updated_at = now;  // the store keeps created_at of an entry it replaces
    return writing(ports.store, [&](Transaction& transaction) -> Result<SavedDiaryEntry> {
        std::optional<DiaryEntry> existing = transaction.store.find_diary_entry(person.id, written.day);
        RITME_TRY(unchanged_since(based_on, stored_version(existing)));
        written.version = next_version(existing);
        CatalogueView catalogue =
            catalogue_view(transaction, existing ? existing->competency_ids : std::vector<std::string>{});
        RITME_TRY(validate_diary_entry(written, today, catalogue));
        return transaction.store.put_diary_entry(written);
    });
}

// One store call is atomic by itself: it needs no transaction of its own (the diary
// list is the API's busiest answer).
Result<DiaryEntry> diary_entry(const Ports& ports, const User& person, Day day) {
    std::optional<DiaryEntry> entry = ports.store.find_diary_entry(person.id, day);
    if (!entry) return no_entry();
    return std::move(*entry);
}

Status delete_diary_day(const Ports& ports, const User& person, Day day) {
    Result<TrashedItem> trashed = trash_diary_entry(ports, person, day);
    if (!trashed) return no_entry();
    return ok_status();
}

Result<DiaryPage> list_diary_entries(const Ports& ports, const User& person, DiaryQuery query) {
    query.user_id = person.id;
    return ports.store.list_diary_entries(query);
}

Result<DiaryOverview> diary_overview(const Ports& ports, const User& person, DiaryQuery query, Month month) {
    query.user_id = person.id;
    return reading(ports.store, [&](Transaction& transaction) -> Result<DiaryOverview> {
        DiaryOverview overview;
        overview.page = transaction.store.list_diary_entries(query);
        overview.catalogue = transaction.store.list_competencies();
        overview.days_written = transaction.store.diary_days(person.id, first_day(month), last_day(month));
        return overview;
    });
}

Day a_year_before(Day day) {
    Day before = day - std::chrono::years{1};
    if (!before.ok()) before = before.year() / before.month() / std::chrono::last;
    return before;
}

Result<DiaryDay> diary_day(const Ports& ports, const User& person, Day day) {
    Timestamp now = ports.clock.now();
    return reading(ports.store, [&](Transaction& transaction) -> Result<DiaryDay> {
        DiaryDay shown;
        shown.entry = transaction.store.find_diary_entry(person.id, day);
        shown.catalogue = transaction.store.list_competencies();
        shown.attended = events_attended(transaction, ports.calendar, person, day, now);
        shown.year_ago = transaction.store.find_diary_entry(person.id, a_year_before(day));
        return shown;
    });
}

}  // namespace ritme::operations

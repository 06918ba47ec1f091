#include "core/operations/trash.hpp"

#include <functional>

namespace ritme::operations {
namespace {

Error nothing_to_delete() {
    return Error{ErrorCode::not_found, "There is nothing to delete for that period."};
}

Error not_in_trash() {
    return Error{ErrorCode::not_found, "No such item in the trash."};
}

// Runs `take`, which finds the person's item, fills it into `item` and removes it from its
// level (false when there is none), and keeps it in the trash: one transaction.
Result<TrashedItem> move_to_trash(const Ports& ports, const User& person, DraftKind kind, std::string period,
                                  const std::function<bool(Store&, TrashedItem&)>& take) {
    Timestamp now = ports.clock.now();
    std::string id = ports.ids.new_id();
    return writing(ports.store, [&](Transaction& transaction) -> Result<TrashedItem> {
        TrashedItem item;
        item.id = id;
        item.user_id = person.id;
        item.kind = kind;
        item.period = period;
        item.deleted_at = now;
        if (!take(transaction.store, item)) return nothing_to_delete();
        transaction.store.put_trashed_item(item);
        return item;
    });
}

Error period_taken() {
    return Error{ErrorCode::conflict,
                 "That period has a new item since this one was deleted; it was not restored. Delete or change the "
                 "new one first."};
}

// Puts the item back in its level; conflict when its period has an item now.
Status put_back(Store& store, const TrashedItem& item) {
    const std::string& user_id = item.user_id;
    switch (item.kind) {
        case DraftKind::diary:
            if (!item.diary_entry || store.find_diary_entry(user_id, item.diary_entry->day)) return period_taken();
            store.put_diary_entry(*item.diary_entry);
            break;
        case DraftKind::week:
            if (!item.weekly_review || store.find_weekly_review(user_id, item.weekly_review->week)) return period_taken();
            store.put_weekly_review(*item.weekly_review);
            break;
        case DraftKind::month:
            if (!item.monthly_reflection || store.find_monthly_reflection(user_id, item.monthly_reflection->month)) {
                return period_taken();
            }
            store.put_monthly_reflection(*item.monthly_reflection);
            break;
        case DraftKind::contract:
            if (item.contract_revisions.empty() ||
                store.find_learning_contract(user_id, item.contract_revisions.front().quarter)) {
                return period_taken();
            }
            for (const LearningContract& revision : item.contract_revisions) store.put_learning_contract(revision);
            break;
        case DraftKind::year:
            if (!item.yearly_review || store.find_yearly_review(user_id, item.yearly_review->year)) return period_taken();
            store.put_yearly_review(*item.yearly_review);
            break;
    }
    return ok_status();
}

}  // namespace

Result<TrashedItem> trash_diary_entry(const Ports& ports, const User& person, Day day) {
    return move_to_trash(ports, person, DraftKind::diary, format_day(day), [&](Store& store, TrashedItem& item) {
        item.diary_entry = store.find_diary_entry(person.id, day);
        return item.diary_entry && store.delete_diary_entry(person.id, day);
    });
}

Result<TrashedItem> trash_weekly_review(const Ports& ports, const User& person, IsoWeek week) {
    return move_to_trash(ports, person, DraftKind::week, format_week(week), [&](Store& store, TrashedItem& item) {
        item.weekly_review = store.find_weekly_review(person.id, week);
        return item.weekly_review && store.delete_weekly_review(person.id, week);
    });
}

Result<TrashedItem> trash_monthly_reflection(const Ports& ports, const User& person, Month month) {
    return move_to_trash(ports, person, DraftKind::month, format_month(month), [&](Store& store, TrashedItem& item) {
        item.monthly_reflection = store.find_monthly_reflection(person.id, month);
        return item.monthly_reflection && store.delete_monthly_reflection(person.id, month);
    });
}

Result<TrashedItem> trash_learning_contract(const Ports& ports, const User& person, Quarter quarter) {
    return move_to_trash(ports, person, DraftKind::contract, format_quarter(quarter),
                         [&](Store& store, TrashedItem& item) {
                             item.contract_revisions = store.list_contract_revisions(person.id, quarter);
                             return !item.contract_revisions.empty() &&
                                    store.delete_learning_contract(person.id, quarter);
                         });
}

Result<TrashedItem> trash_yearly_review(const Ports& ports, const User& person, Year year) {
    return move_to_trash(ports, person, DraftKind::year, format_year(year), [&](Store& store, TrashedItem& item) {
        item.yearly_review = store.find_yearly_review(person.id, year);
        return item.yearly_review && store.delete_yearly_review(person.id, year);
    });
}

Result<std::vector<TrashedItem>> trash(const Ports& ports, const User& person) {
    return ports.store.list_trashed_items(person.id);
}

Result<TrashedItem> restore_from_trash(const Ports& ports, const User& person, const std::string& id) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<TrashedItem> {
        std::optional<TrashedItem> item = transaction.store.find_trashed_item(person.id, id);
        if (!item) return not_in_trash();
        RITME_TRY(put_back(transaction.store, *item));
        transaction.store.delete_trashed_item(person.id, id);
        return std::move(*item);
    });
}

Status erase_from_trash(const Ports& ports, const User& person, const std::string& id) {
    if (!ports.store.delete_trashed_item(person.id, id)) return not_in_trash();
    return ok_status();
}

int empty_trash(const Ports& ports) {
    return ports.store.erase_trashed_before(ports.clock.now() - trash_keeps_for);
}

}  // namespace ritme::operations

#pragma once
// The trash: deleting a diary day, a week, a month, a contract or a year moves it here,
// whole, for `trash_keeps_for` (30 days); until then its owner can put it back, and after
// that the upkeep erases it. Only its owner ever sees it: out of its level it is out of the
// peer's sight at once.
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"

namespace ritme::operations {

// Each moves the person's item of that period to the trash and answers it as trashed;
// not_found when there is none.
Result<TrashedItem> trash_diary_entry(const Ports& ports, const User& person, Day day);
Result<TrashedItem> trash_weekly_review(const Ports& ports, const User& person, IsoWeek week);
Result<TrashedItem> trash_monthly_reflection(const Ports& ports, const User& person, Month month);
Result<TrashedItem> trash_learning_contract(const Ports& ports, const User& person, Quarter quarter);  // every revision
Result<TrashedItem> trash_yearly_review(const Ports& ports, const User& person, Year year);

// The person's trash, newest first.
Result<std::vector<TrashedItem>> trash(const Ports& ports, const User& person);
// Puts the item back where it was, as it was (its version too), and out of the trash.
// not_found: no such item of the person's; conflict: its period has a new item since.
Result<TrashedItem> restore_from_trash(const Ports& ports, const User& person, const std::string& id);
// Erases the item now; not_found when the person has no such item.
Status erase_from_trash(const Ports& ports, const User& person, const std::string& id);
// The upkeep: erases everyone's items trashed `trash_keeps_for` ago or longer; answers how many.
int empty_trash(const Ports& ports);

}  // namespace ritme::operations

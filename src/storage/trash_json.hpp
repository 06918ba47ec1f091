#pragma once
// A trashed item's record, whole, as the trash table keeps it: one JSON document of the
// diary entry, week, month, contract revisions or year as it was (row_mapping's forms of
// its lists), so that restoring puts back exactly what was deleted.
#include <string>

#include "core/domain.hpp"

namespace ritme::storage {

// The record of `item` (by its kind).
std::string trashed_record_json(const TrashedItem& item);
// Fills the record of `item` (its kind set) from `text`; throws StoreFailure when corrupt.
void read_trashed_record(const std::string& text, TrashedItem& item);

}  // namespace ritme::storage

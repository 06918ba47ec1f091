#pragma once
// The competency catalogue: what every level chooses its competencies from, and what
// admins keep.
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"
#include "core/rules.hpp"

namespace ritme::operations {

// The catalogue as validation sees it: what may be chosen anew, and what the record had
// before this change (`on_record`: an archived competency may stay there).
CatalogueView catalogue_view(Transaction& transaction, const std::vector<std::string>& on_record = {});

// Every competency by name, archived ones included.
Result<std::vector<Competency>> competency_catalogue(const Ports& ports);

}  // namespace ritme::operations

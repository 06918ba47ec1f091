#pragma once
// Drafts: what a person is writing on a level's form, kept as they type so that nothing is
// lost before they save. Only the writer ever sees their drafts.
#include <string>
#include <string_view>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"

namespace ritme::operations {

// The period as `kind`'s own path writes it ("2026-11-26", "2026-W48", "2026-11",
// "2026-Q4", "2026"); bad_request for anything else.
Result<std::string> draft_period(DraftKind kind, std::string_view text);

// Keeps `body` (the form's fields as a JSON object) as the person's draft of that kind and
// period, in place of an earlier one.
Result<Draft> save_draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period,
                         std::string body);
// not_found when there is none.
Result<Draft> draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period);
Result<std::vector<Draft>> drafts(const Ports& ports, const User& person);  // newest first
Status discard_draft(const Ports& ports, const User& person, DraftKind kind, std::string_view period);

}  // namespace ritme::operations

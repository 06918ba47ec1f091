#pragma once
// Who may see what, in one place. The owner sees everything of their own; the fixed
// colleague (peer) only what the owner shared; an admin counts only, never text; anyone
// else nothing. What may not be seen answers exactly as if it did not exist.
#include <string>

#include "core/domain.hpp"

namespace ritme {

enum class Relation { owner, peer, other };

Relation relation_between(const User& viewer, const std::string& owner_id);

bool may_read(Relation relation, bool shared_with_peer);
bool may_change(Relation relation);
bool may_read_counts(const User& viewer);  // admins only

}  // namespace ritme

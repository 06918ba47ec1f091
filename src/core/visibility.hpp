#pragma once
// Who may see what, in one place. The owner sees everything of their own; the fixed
// colleague (peer) only what the owner shared; an admin counts only, never text; anyone
// else nothing. What may not be seen answers exactly as if it did not exist.
#include <string>

#include "core/domain.hpp"
#include "core/social.hpp"

namespace ritme {

enum class Relation { owner, peer, other };

Relation relation_between(const User& viewer, const std::string& owner_id);

bool may_read(Relation relation, bool shared_with_peer);
bool may_change(Relation relation);
bool may_read_counts(const User& viewer);  // admins only

// --- What the fixed colleague sees --------------------------------------------------------

// Whether the owner shares the item with their peer right now. A contract is shared while
// it is marked so and is shared or agreed: a new revision is a draft nobody has seen.
bool shared_now(const DiaryEntry& entry);
bool shared_now(const WeeklyReview& review);
bool shared_now(const LearningContract& contract);

// The viewer may read another's (or their own) item: the owner always, the current peer
// only what is shared now, nobody else (an admin included) ever.
bool may_read(const User& viewer, const DiaryEntry& entry);
bool may_read(const User& viewer, const WeeklyReview& review);
bool may_read(const User& viewer, const LearningContract& contract);

// Commenting on and agreeing to a contract: its owner's current peer, while it is shared.
bool may_discuss(const User& viewer, const LearningContract& contract);

// Reading a peer's item through /peer records an opening for its owner; the owner's own
// reads do not.
bool counts_as_opening(const User& viewer, const std::string& owner_id);

// An invitation: the one it is addressed to may accept it; either of the two may end it
// (the sender withdraws, the receiver declines); for anyone else it does not exist.
bool may_accept(const User& viewer, const PeerInvitation& invitation);
bool may_withdraw_or_decline(const User& viewer, const PeerInvitation& invitation);

// --- Events -----------------------------------------------------------------------------

// SOL meetings are the organisation's: only admins create them. Anyone may organise a
// lerende organisatie dag.
bool may_create_event(const User& viewer, EventKind kind);
// Changing, deleting and adding to the programme: the organiser or an admin.
bool may_change_event(const User& viewer, const Event& event);

}  // namespace ritme

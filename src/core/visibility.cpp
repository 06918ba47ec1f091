#include "core/visibility.hpp"

namespace ritme {

Relation relation_between(const User& viewer, const std::string& owner_id) {
    // An empty id names nobody: it must never make a viewer the owner or the peer of
    // a record whose owner is unknown.
    if (owner_id.empty()) return Relation::other;
    if (viewer.id == owner_id) return Relation::owner;
    if (viewer.peer_id && *viewer.peer_id == owner_id) return Relation::peer;
    return Relation::other;
}

bool may_read(Relation relation, bool shared_with_peer) {
    switch (relation) {
        case Relation::owner:
            return true;
        case Relation::peer:
            return shared_with_peer;
        case Relation::other:
            return false;
    }
    return false;
}

bool may_change(Relation relation) {
    return relation == Relation::owner;
}

bool may_read_counts(const User& viewer) {
    return viewer.role == Role::admin;
}

bool shared_now(const DiaryEntry& entry) {
    return entry.shared_with_peer;
}

bool shared_now(const WeeklyReview& review) {
    return review.shared_with_peer;
}

bool shared_now(const LearningContract& contract) {
    return contract.shared_with_peer && contract.status != ContractStatus::draft;
}

bool may_read(const User& viewer, const DiaryEntry& entry) {
    return may_read(relation_between(viewer, entry.user_id), shared_now(entry));
}

bool may_read(const User& viewer, const WeeklyReview& review) {
    return may_read(relation_between(viewer, review.user_id), shared_now(review));
}

bool may_read(const User& viewer, const LearningContract& contract) {
    return may_read(relation_between(viewer, contract.user_id), shared_now(contract));
}

bool may_discuss(const User& viewer, const LearningContract& contract) {
    return relation_between(viewer, contract.user_id) == Relation::peer && shared_now(contract);
}

bool counts_as_opening(const User& viewer, const std::string& owner_id) {
    return relation_between(viewer, owner_id) == Relation::peer;
}

bool may_accept(const User& viewer, const PeerInvitation& invitation) {
    return !viewer.id.empty() && viewer.id == invitation.to_user_id;
}

bool may_withdraw_or_decline(const User& viewer, const PeerInvitation& invitation) {
    return !viewer.id.empty() && (viewer.id == invitation.from_user_id || viewer.id == invitation.to_user_id);
}

bool may_create_event(const User& viewer, EventKind kind) {
    return kind == EventKind::learning_day || viewer.role == Role::admin;
}

bool may_change_event(const User& viewer, const Event& event) {
    if (viewer.role == Role::admin) return true;
    // An erased organiser leaves "" behind: that names nobody.
    return !event.organiser_id.empty() && viewer.id == event.organiser_id;
}

}  // namespace ritme

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

}  // namespace ritme

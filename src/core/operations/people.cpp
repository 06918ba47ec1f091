#include "core/operations/people.hpp"

namespace ritme::operations {

Account account_of(Transaction& transaction, User user) {
    std::optional<User> peer = user.peer_id ? transaction.store.find_user(*user.peer_id) : std::nullopt;
    return Account{std::move(user), std::move(peer)};
}

const std::optional<User>& PeopleById::operator()(const std::string& id) {
    auto found = known_.find(id);
    if (found == known_.end()) {
        std::optional<User> person = id.empty() ? std::nullopt : transaction_.store.find_user(id);
        found = known_.emplace(id, std::move(person)).first;
    }
    return found->second;
}

}  // namespace ritme::operations

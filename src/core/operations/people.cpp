#include "core/operations/people.hpp"

namespace ritme::operations {

const std::optional<User>& PeopleById::operator()(const std::string& id) {
    auto found = known_.find(id);
    if (found == known_.end()) {
        std::optional<User> person = id.empty() ? std::nullopt : transaction_.store.find_user(id);
        found = known_.emplace(id, std::move(person)).first;
    }
    return found->second;
}

}  // namespace ritme::operations

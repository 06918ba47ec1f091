#include "core/operations/people.hpp"

namespace ritme::operations {

Result<User> person_with_email(const Ports& ports, const std::string& email) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<User> {
        std::optional<User> person = transaction.store.find_user_by_email(email);
        if (!person) return Error{ErrorCode::not_found, "Nobody here has that e-mail address."};
        return std::move(*person);
    });
}

Result<User> only_person(const Ports& ports) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<User> {
        std::vector<User> everyone = transaction.store.list_users();
        if (everyone.size() != 1) return Error{ErrorCode::not_found, "There is not exactly one person here."};
        return std::move(everyone.front());
    });
}

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

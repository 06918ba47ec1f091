#pragma once
// People named in what an operation answers (an event's organiser, the two ends of an
// invitation), each looked up once per operation.
#include <map>
#include <optional>
#include <string>

#include "core/operations/operation.hpp"

namespace ritme::operations {

// A person as they see their own account: themselves and their fixed colleague.
struct Account {
    User user;
    std::optional<User> peer;  // none without one (or once erased)
};
// The person with that address as stored (lower case); not_found otherwise.
Result<User> person_with_email(const Ports& ports, const std::string& email);
// The one person of an installation that has exactly one; not_found otherwise.
Result<User> only_person(const Ports& ports);

// Works inside its caller's transaction.
Account account_of(Transaction& transaction, User user);

// Works inside its caller's transaction.
class PeopleById {
public:
    explicit PeopleById(Transaction& transaction) : transaction_(transaction) {}
    // The person with that id; none for "" and for someone erased.
    const std::optional<User>& operator()(const std::string& id);

private:
    Transaction& transaction_;
    std::map<std::string, std::optional<User>> known_;
};

}  // namespace ritme::operations

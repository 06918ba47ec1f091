#pragma once
// A person as the API shows them (GET /me, login, setup): {id, email, name, role, locale,
// timezone, workdays, peer}, with peer {id, name} or null.
#include <optional>
#include <string>

#include "core/domain.hpp"
#include "core/operations/people.hpp"
#include "core/store.hpp"
#include "http/http.hpp"

namespace ritme::http {

inline Json user_json(const operations::Account& account) {
    const User& user = account.user;
    Json peer = nullptr;
    if (account.peer) peer = Json{{"id", account.peer->id}, {"name", account.peer->name}};
    return Json{{"id", user.id},
                {"email", user.email},
                {"name", user.name},
                {"role", std::string(to_string(user.role))},
                {"locale", std::string(to_string(user.locale))},
                {"timezone", user.timezone},
                {"workdays", user.workdays},
                {"peer", peer}};
}

inline Json user_json(const User& user, Store& store) {
    std::optional<User> peer = user.peer_id ? store.find_user(*user.peer_id) : std::nullopt;
    return user_json(operations::Account{user, peer});
}

}  // namespace ritme::http

#pragma once
// A person as the API shows them (GET /me, login, setup): {id, email, name, role, locale,
// timezone, workdays, peer}, with peer {id, name} or null.
#include <optional>
#include <string>

#include "core/domain.hpp"
#include "core/store.hpp"
#include "http/http.hpp"

namespace ritme::http {

inline Json user_json(const User& user, Store& store) {
    Json peer = nullptr;
    if (user.peer_id) {
        if (std::optional<User> found = store.find_user(*user.peer_id))
            peer = Json{{"id", found->id}, {"name", found->name}};
    }
    return Json{{"id", user.id},
                {"email", user.email},
                {"name", user.name},
                {"role", std::string(to_string(user.role))},
                {"locale", std::string(to_string(user.locale))},
                {"timezone", user.timezone},
                {"workdays", user.workdays},
                {"peer", peer}};
}

}  // namespace ritme::http

#pragma once
// A world for testing operations: core's fakes wired as the operations' ports, and a few
// helpers that put people and competencies into it.
#include <string>

#include "core/operations/operation.hpp"
#include "core/testing/fake_store.hpp"

namespace ritme::fakes {

struct World {
    FakeStore store;
    FixedClock clock;  // 2026-11-26 09:00 UTC, a Thursday
    CountingIds ids;
    FewZones calendar;
    operations::Ports ports{store, clock, ids, calendar};

    User person(const std::string& name, Role role = Role::member) {
        NewUser user;
        user.id = ids.new_id();
        user.email = name + "@example.org";
        user.name = name;
        user.role = role;
        user.created_at = clock.now();
        return store.create_user(user).value();
    }
    // Makes the two each other's fixed colleague; answers the first as stored now.
    User pair(const User& one, const User& other) {
        store.set_peer(one.id, other.id);
        return *store.find_user(one.id);
    }
    Competency competency(const std::string& name, bool archived = false) {
        Competency competency{ids.new_id(), name, "", archived};
        return store.create_competency(competency).value();
    }
};

inline Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

}  // namespace ritme::fakes

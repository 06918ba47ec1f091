#pragma once
// The in-memory fakes of the HTTP layer's unit tests: core's fakes (core/testing), a fast,
// fake password hasher, and the services of a handler made of them.
#include <string>

#include "core/testing/fake_store.hpp"
#include "http/http.hpp"

namespace ritme::http::fakes {

using ritme::fakes::CountingIds;
using ritme::fakes::FakeStore;
using ritme::fakes::FewZones;
using ritme::fakes::FixedClock;

// "plain:" + password: fast, and enough to tell right from wrong.
class PlainHasher : public PasswordHasher {
public:
    std::string hash(const std::string& password) override { return "plain:" + password; }
    bool verify(const std::string& hash, const std::string& password) override { return hash == "plain:" + password; }
};

struct FakeWorld {
    FakeStore store;
    FixedClock clock;
    CountingIds ids;
    FewZones calendar;
    PlainHasher passwords;
    Services services{store, clock, ids, calendar, passwords, "http://ritme.test"};
};

}  // namespace ritme::http::fakes

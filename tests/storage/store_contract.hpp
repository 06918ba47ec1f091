#pragma once
// The contract every Store implementation keeps (tests in store_contract_test.cpp). An
// implementation joins by instantiating the suite with a factory of fresh, empty stores:
//
//   INSTANTIATE_TEST_SUITE_P(Sqlite, StoreContract,
//                            ::testing::Values(StoreImplementation{"sqlite", make_sqlite_store}),
//                            store_implementation_name);
//
// Nothing here may know which database is behind the store.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "core/store.hpp"

namespace ritme::contract {

using StoreFactory = std::function<std::unique_ptr<Store>()>;

struct StoreImplementation {
    std::string name;   // letters, digits and underscores: it becomes part of test names
    StoreFactory make;  // a fresh, empty store on every call
};

inline std::string store_implementation_name(const ::testing::TestParamInfo<StoreImplementation>& info) {
    return info.param.name;
}

class StoreContract : public ::testing::TestWithParam<StoreImplementation> {
protected:
    void SetUp() override {
        store_ = fresh_store();
        ASSERT_NE(store_, nullptr);
    }
    void TearDown() override { store_.reset(); }

    Store& store() { return *store_; }
    std::unique_ptr<Store> fresh_store() { return GetParam().make(); }

    std::unique_ptr<Store> store_;
};

// --- building blocks of the tests -------------------------------------------------------

inline Day day(const char* text) {
    std::optional<Day> parsed = parse_day(text);
    if (!parsed) throw std::invalid_argument(std::string("not a day: ") + text);
    return *parsed;
}

inline Timestamp at(long long unix_seconds) {
    return Timestamp{std::chrono::seconds{unix_seconds}};
}

inline NewUser new_user(const std::string& id, const std::string& email, Role role = Role::member) {
    NewUser user;
    user.id = id;
    user.email = email;
    user.name = "Name of " + id;
    user.role = role;
    user.locale = Locale::nl;
    user.timezone = "Europe/Amsterdam";
    user.password_hash = "hash-of-" + id;
    user.created_at = at(1'780'000'000);
    return user;
}

inline DiaryEntry diary_entry(const std::string& user_id, Day on, const std::string& learning_moments) {
    DiaryEntry entry;
    entry.user_id = user_id;
    entry.day = on;
    entry.learning_moments = learning_moments;
    entry.handling = "";
    entry.key_learning = "";
    entry.minutes = 15;
    entry.created_at = at(1'780'000'000);
    entry.updated_at = at(1'780'000'000);
    return entry;
}

inline std::vector<Day> days_of(const std::vector<DiaryEntry>& entries) {
    std::vector<Day> days;
    for (const DiaryEntry& entry : entries) days.push_back(entry.day);
    return days;
}

}  // namespace ritme::contract

#include "core/visibility.hpp"

#include <gtest/gtest.h>

namespace ritme {
namespace {

User person(std::string id, std::optional<std::string> peer_id = std::nullopt, Role role = Role::member) {
    User user;
    user.id = std::move(id);
    user.peer_id = std::move(peer_id);
    user.role = role;
    return user;
}

TEST(Relation, OwnerPeerOrOther) {
    EXPECT_EQ(relation_between(person("ann", "bob"), "ann"), Relation::owner);
    EXPECT_EQ(relation_between(person("ann", "bob"), "bob"), Relation::peer);
    EXPECT_EQ(relation_between(person("ann", "bob"), "cas"), Relation::other);
    EXPECT_EQ(relation_between(person("ann"), "bob"), Relation::other);
}

TEST(Relation, AnAdminIsNobodysPeerByRole) {
    EXPECT_EQ(relation_between(person("root", std::nullopt, Role::admin), "ann"), Relation::other);
    EXPECT_EQ(relation_between(person("root", std::nullopt, Role::admin), "root"), Relation::owner);
}

TEST(Relation, AnEmptyIdNamesNobody) {
    EXPECT_EQ(relation_between(person(""), ""), Relation::other);
    EXPECT_EQ(relation_between(person("ann", ""), ""), Relation::other);
}

TEST(Reading, OwnerAlwaysPeerWhenSharedOthersNever) {
    EXPECT_TRUE(may_read(Relation::owner, false));
    EXPECT_TRUE(may_read(Relation::owner, true));
    EXPECT_TRUE(may_read(Relation::peer, true));
    EXPECT_FALSE(may_read(Relation::peer, false));
    EXPECT_FALSE(may_read(Relation::other, true));
    EXPECT_FALSE(may_read(Relation::other, false));
}

TEST(Changing, OnlyTheOwner) {
    EXPECT_TRUE(may_change(Relation::owner));
    EXPECT_FALSE(may_change(Relation::peer));
    EXPECT_FALSE(may_change(Relation::other));
}

TEST(Counts, OnlyAdmins) {
    EXPECT_TRUE(may_read_counts(person("root", std::nullopt, Role::admin)));
    EXPECT_FALSE(may_read_counts(person("ann", "bob", Role::member)));
}

TEST(Visibility, APeerReadsOnlyWhatWasSharedAndChangesNothing) {
    User bob = person("bob", "ann");
    Relation relation = relation_between(bob, "ann");
    EXPECT_TRUE(may_read(relation, true));
    EXPECT_FALSE(may_read(relation, false));
    EXPECT_FALSE(may_change(relation));
    // Once the pair ends, nothing stays shared.
    bob.peer_id.reset();
    EXPECT_FALSE(may_read(relation_between(bob, "ann"), true));
}

}  // namespace
}  // namespace ritme

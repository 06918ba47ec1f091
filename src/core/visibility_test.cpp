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

DiaryEntry entry_of(std::string owner, bool shared) {
    DiaryEntry entry;
    entry.user_id = std::move(owner);
    entry.shared_with_peer = shared;
    return entry;
}

LearningContract contract_of(std::string owner, ContractStatus status, bool shared) {
    LearningContract contract;
    contract.user_id = std::move(owner);
    contract.status = status;
    contract.shared_with_peer = shared;
    return contract;
}

TEST(PeerItems, APeerReadsSharedDiaryEntriesAndWeeksOnly) {
    User bob = person("bob", "ann");
    EXPECT_TRUE(may_read(bob, entry_of("ann", true)));
    EXPECT_FALSE(may_read(bob, entry_of("ann", false)));
    WeeklyReview week;
    week.user_id = "ann";
    EXPECT_FALSE(may_read(bob, week));
    week.shared_with_peer = true;
    EXPECT_TRUE(may_read(bob, week));
    EXPECT_TRUE(may_read(person("ann", "bob"), entry_of("ann", false)));
}

TEST(PeerItems, AFormerPeerAnotherMemberAndAnAdminReadNothing) {
    EXPECT_FALSE(may_read(person("bob"), entry_of("ann", true)));
    EXPECT_FALSE(may_read(person("cas", "dirk"), entry_of("ann", true)));
    EXPECT_FALSE(may_read(person("root", std::nullopt, Role::admin), entry_of("ann", true)));
    EXPECT_FALSE(may_read(person("root", std::nullopt, Role::admin),
                          contract_of("ann", ContractStatus::agreed, true)));
}

TEST(PeerItems, AContractIsSharedWhileMarkedAndNotADraft) {
    User bob = person("bob", "ann");
    EXPECT_TRUE(may_read(bob, contract_of("ann", ContractStatus::shared, true)));
    EXPECT_TRUE(may_read(bob, contract_of("ann", ContractStatus::agreed, true)));
    // Taken back: an agreed contract stays agreed, but out of sight.
    EXPECT_FALSE(may_read(bob, contract_of("ann", ContractStatus::agreed, false)));
    EXPECT_FALSE(may_read(bob, contract_of("ann", ContractStatus::shared, false)));
    // A new revision is a draft: not shared, whatever the mark says.
    EXPECT_FALSE(may_read(bob, contract_of("ann", ContractStatus::draft, true)));
    EXPECT_TRUE(may_read(person("ann", "bob"), contract_of("ann", ContractStatus::draft, false)));
}

TEST(PeerItems, OnlyThePeerDiscussesASharedContract) {
    EXPECT_TRUE(may_discuss(person("bob", "ann"), contract_of("ann", ContractStatus::shared, true)));
    EXPECT_TRUE(may_discuss(person("bob", "ann"), contract_of("ann", ContractStatus::agreed, true)));
    EXPECT_FALSE(may_discuss(person("bob", "ann"), contract_of("ann", ContractStatus::shared, false)));
    EXPECT_FALSE(may_discuss(person("ann", "bob"), contract_of("ann", ContractStatus::shared, true)));
    EXPECT_FALSE(may_discuss(person("cas"), contract_of("ann", ContractStatus::shared, true)));
}

TEST(PeerItems, OnlyThePeersReadsAreOpenings) {
    EXPECT_TRUE(counts_as_opening(person("bob", "ann"), "ann"));
    EXPECT_FALSE(counts_as_opening(person("ann", "bob"), "ann"));
    EXPECT_FALSE(counts_as_opening(person("cas"), "ann"));
}

TEST(Invitations, TheReceiverAcceptsEitherEndsItNobodyElse) {
    PeerInvitation invitation;
    invitation.from_user_id = "ann";
    invitation.to_user_id = "bob";
    EXPECT_TRUE(may_accept(person("bob"), invitation));
    EXPECT_FALSE(may_accept(person("ann"), invitation));
    EXPECT_FALSE(may_accept(person("cas"), invitation));
    EXPECT_TRUE(may_withdraw_or_decline(person("ann"), invitation));
    EXPECT_TRUE(may_withdraw_or_decline(person("bob"), invitation));
    EXPECT_FALSE(may_withdraw_or_decline(person("cas"), invitation));
    EXPECT_FALSE(may_withdraw_or_decline(person("root", std::nullopt, Role::admin), invitation));
    EXPECT_FALSE(may_accept(person(""), PeerInvitation{}));
}

TEST(Events, SolMeetingsAreAdminsLearningDaysAnyones) {
    EXPECT_TRUE(may_create_event(person("root", std::nullopt, Role::admin), EventKind::sol_meeting));
    EXPECT_FALSE(may_create_event(person("ann"), EventKind::sol_meeting));
    EXPECT_TRUE(may_create_event(person("ann"), EventKind::learning_day));
}

TEST(Events, TheOrganiserOrAnAdminChangesAnEvent) {
    Event day;
    day.organiser_id = "ann";
    EXPECT_TRUE(may_change_event(person("ann"), day));
    EXPECT_FALSE(may_change_event(person("bob", "ann"), day));
    EXPECT_TRUE(may_change_event(person("root", std::nullopt, Role::admin), day));
    day.organiser_id.clear();  // the organiser was erased
    EXPECT_FALSE(may_change_event(person(""), day));
    EXPECT_TRUE(may_change_event(person("root", std::nullopt, Role::admin), day));
}

}  // namespace
}  // namespace ritme

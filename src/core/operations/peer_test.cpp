#include "core/operations/peer.hpp"

#include <gtest/gtest.h>

#include "core/operations/diary.hpp"
#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class PeerOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    User bob = world.person("bob");
    Day today = day_of(2026, 11, 26);

    void pair_up() {
        alice = world.pair(alice, bob);
        bob = *world.store.find_user(bob.id);
    }
    void write_day(const User& person, Day day, bool shared) {
        DiaryEntry entry;
        entry.day = day;
        entry.learning_moments = "moments of " + person.name;
        entry.shared_with_peer = shared;
        ASSERT_TRUE(save_diary_entry(world.ports, person, entry));
    }
};

TEST_F(PeerOperations, AnInvitationAcceptedMakesAPair) {
    Result<InvitationSeen> sent = invite_colleague(world.ports, alice, "  BOB@example.org ");
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_EQ(sent->to->name, "bob");
    EXPECT_EQ(pending_invitations(world.ports, bob)->incoming.size(), 1U);
    EXPECT_EQ(pending_invitations(world.ports, alice)->outgoing.size(), 1U);

    Result<Account> refused = accept_invitation(world.ports, alice, sent->invitation.id);
    ASSERT_FALSE(refused) << "only the one it is addressed to accepts";
    EXPECT_EQ(refused.error().code, ErrorCode::not_found);
    Result<Account> accepted = accept_invitation(world.ports, bob, sent->invitation.id);
    ASSERT_TRUE(accepted);
    EXPECT_EQ(accepted->user.peer_id, alice.id);
    EXPECT_EQ(accepted->peer->name, "alice");
}

TEST_F(PeerOperations, NobodyInvitesThemselvesOrSomeoneUnknown) {
    EXPECT_EQ(invite_colleague(world.ports, alice, "alice@example.org").error().field, "email");
    EXPECT_EQ(invite_colleague(world.ports, alice, "nobody@example.org").error().code, ErrorCode::not_found);
    ASSERT_TRUE(invite_colleague(world.ports, alice, "bob@example.org"));
    Result<InvitationSeen> twice = invite_colleague(world.ports, bob, "alice@example.org");
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, ErrorCode::conflict);
    EXPECT_EQ(twice.error().message,
              "One of you already has a fixed colleague, or an invitation between you two is waiting.");
}

TEST_F(PeerOperations, WithoutAPeerEverythingSharedIsNotFoundBeforeTheRequestIsRead) {
    Result<FromPeer<CheckedWeek>> week = open_peer_week(world.ports, alice, Error{ErrorCode::bad_request, "bad week"});
    ASSERT_FALSE(week);
    EXPECT_EQ(week.error().code, ErrorCode::not_found);
    EXPECT_EQ(week.error().message, "You have no fixed colleague.");
    pair_up();
    EXPECT_EQ(open_peer_week(world.ports, alice, Error{ErrorCode::bad_request, "bad week"}).error().code,
              ErrorCode::bad_request);
}

TEST_F(PeerOperations, OpeningWhatThePeerSharesIsRecordedForThem) {
    pair_up();
    write_day(bob, today, true);
    write_day(bob, day_of(2026, 11, 25), false);
    Result<FromPeer<DiaryEntry>> opened = open_peer_diary_entry(world.ports, alice, today);
    ASSERT_TRUE(opened);
    EXPECT_EQ(opened->peer.id, bob.id);
    EXPECT_EQ(open_peer_diary_entry(world.ports, alice, day_of(2026, 11, 25)).error().code, ErrorCode::not_found);

    Result<std::vector<SharedItem>> mine = shared_by_me(world.ports, bob);
    ASSERT_TRUE(mine);
    ASSERT_EQ(mine->size(), 1U);
    EXPECT_EQ(mine->front().period, "2026-11-26");
    ASSERT_TRUE(mine->front().opening);
    EXPECT_EQ(mine->front().opening->viewer_id, alice.id);

    DiaryQuery query;
    Result<DiaryPage> shared = peer_diary(world.ports, alice, query);
    ASSERT_TRUE(shared);
    EXPECT_EQ(shared->entries.size(), 1U);
}

TEST_F(PeerOperations, TheDiscussionTakesACommentOrAnAgreement) {
    pair_up();
    Competency listening = world.competency("Listening");
    LearningContract written;
    written.quarter = Quarter{2026, 4};
    written.competency_ids = {listening.id};
    ASSERT_TRUE(save_contract(world.ports, bob, written));

    DiscussContract remark;
    remark.quarter = Quarter{2026, 4};
    remark.comment = "Nice.";
    EXPECT_EQ(discuss_contract(world.ports, alice, remark).error().code, ErrorCode::not_found) << "not shared yet";
    ASSERT_TRUE(share_contract(world.ports, bob, Quarter{2026, 4}));

    remark.comment = " ";
    EXPECT_EQ(discuss_contract(world.ports, alice, remark).error().field, "comment");
    remark.agree = true;
    Result<LearningContract> agreed = discuss_contract(world.ports, alice, remark);
    ASSERT_TRUE(agreed);
    EXPECT_EQ(agreed->status, ContractStatus::agreed);
    ASSERT_EQ(agreed->discussion.size(), 1U);
    EXPECT_EQ(agreed->discussion.front().by, alice.id);
}

TEST_F(PeerOperations, AMeetingSlotNeedsAPeerThenAValidTime) {
    ChooseMeetingSlot slot{3, "9:30", 30};
    EXPECT_EQ(choose_meeting_slot(world.ports, alice, slot).error().code, ErrorCode::not_found);
    pair_up();
    EXPECT_EQ(choose_meeting_slot(world.ports, alice, slot).error().field, "time");
    slot.time = "09:30";
    slot.duration_minutes = 5;
    EXPECT_EQ(choose_meeting_slot(world.ports, alice, slot).error().field, "duration_minutes");
    slot.duration_minutes = 45;
    Result<PeerMeetingSlot> chosen = choose_meeting_slot(world.ports, alice, slot);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->minute_of_day, 9 * 60 + 30);
    EXPECT_EQ(current_pair(world.ports, bob)->meeting->duration_minutes, 45);
}

TEST_F(PeerOperations, EndingThePairUnsharesEverything) {
    pair_up();
    write_day(alice, today, true);
    ASSERT_TRUE(end_pair(world.ports, alice));
    EXPECT_FALSE(world.store.find_diary_entry(alice.id, today)->shared_with_peer);
    EXPECT_EQ(end_pair(world.ports, alice).error().code, ErrorCode::not_found);
}

TEST_F(PeerOperations, ThePeerPageShowsWhatEachShares) {
    pair_up();
    write_day(bob, today, true);
    Result<PeerPage> shown = peer_page(world.ports, alice);
    ASSERT_TRUE(shown);
    ASSERT_TRUE(shown->pair);
    EXPECT_EQ(shown->pair->peer.id, bob.id);
    EXPECT_EQ(shown->their_days.size(), 1U);
    EXPECT_TRUE(shown->mine.empty());
    EXPECT_FALSE(peer_page(world.ports, world.person("carol"))->pair);
}

}  // namespace
}  // namespace ritme::operations

#include "core/operations/drafts.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

class DraftOperations : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    User bob = world.person("bob");
};

TEST_F(DraftOperations, KnowsEachKindsPeriodAndNothingElse) {
    EXPECT_EQ(draft_period(DraftKind::diary, "2026-11-26").value(), "2026-11-26");
    EXPECT_EQ(draft_period(DraftKind::week, "2026-W48").value(), "2026-W48");
    EXPECT_EQ(draft_period(DraftKind::month, "2026-11").value(), "2026-11");
    EXPECT_EQ(draft_period(DraftKind::contract, "2026-Q4").value(), "2026-Q4");
    EXPECT_EQ(draft_period(DraftKind::year, "2026").value(), "2026");
    for (auto [kind, text] : {std::pair{DraftKind::diary, "2026-W48"}, std::pair{DraftKind::week, "2026-11-26"},
                              std::pair{DraftKind::month, "2026-13"}, std::pair{DraftKind::contract, "2026-Q5"},
                              std::pair{DraftKind::year, "26"}, std::pair{DraftKind::diary, "2026-02-30"}}) {
        Result<std::string> period = draft_period(kind, text);
        ASSERT_FALSE(period) << text;
        EXPECT_EQ(period.error().code, ErrorCode::bad_request) << text;
    }
}

TEST_F(DraftOperations, KeepsTheLatestDraftOfEachPeriodForItsWriterOnly) {
    ASSERT_TRUE(save_draft(world.ports, alice, DraftKind::diary, "2026-11-26", R"({"learning_moments":"Eerst"})"));
    world.clock.at += std::chrono::minutes{3};
    Result<Draft> saved = save_draft(world.ports, alice, DraftKind::diary, "2026-11-26", R"({"learning_moments":"Dan"})");
    ASSERT_TRUE(saved);
    EXPECT_EQ(saved->user_id, alice.id);
    EXPECT_EQ(saved->updated_at, world.clock.now());

    Result<Draft> found = draft(world.ports, alice, DraftKind::diary, "2026-11-26");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->body, R"({"learning_moments":"Dan"})");
    EXPECT_EQ(drafts(world.ports, alice)->size(), 1u);

    // Bob has none of it.
    EXPECT_EQ(draft(world.ports, bob, DraftKind::diary, "2026-11-26").error().code, ErrorCode::not_found);
    EXPECT_TRUE(drafts(world.ports, bob)->empty());
    EXPECT_EQ(discard_draft(world.ports, bob, DraftKind::diary, "2026-11-26").error().code, ErrorCode::not_found);

    EXPECT_TRUE(discard_draft(world.ports, alice, DraftKind::diary, "2026-11-26"));
    EXPECT_EQ(draft(world.ports, alice, DraftKind::diary, "2026-11-26").error().code, ErrorCode::not_found);
}

TEST_F(DraftOperations, RefusesAMalformedPeriodAndKeepsNothing) {
    Result<Draft> saved = save_draft(world.ports, alice, DraftKind::week, "2026-11-26", "{}");
    ASSERT_FALSE(saved);
    EXPECT_EQ(saved.error().code, ErrorCode::bad_request);
    EXPECT_TRUE(drafts(world.ports, alice)->empty());
}

}  // namespace
}  // namespace ritme::operations

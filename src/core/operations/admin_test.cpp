#include "core/operations/admin.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

class AdminOperations : public ::testing::Test {
protected:
    fakes::World world;
    User admin = world.person("admin", Role::admin);
};

TEST_F(AdminOperations, ACompetencyHasATrimmedNameOfItsOwn) {
    Result<Competency> added = add_competency(world.ports, Competency{"", "  Listening ", "", false});
    ASSERT_TRUE(added);
    EXPECT_EQ(added->name, "Listening");
    EXPECT_FALSE(added->id.empty());
    EXPECT_EQ(add_competency(world.ports, Competency{"", "   ", "", false}).error().field, "name");
    EXPECT_EQ(add_competency(world.ports, Competency{"", "Listening", "", false}).error().code, ErrorCode::conflict);
}

TEST_F(AdminOperations, AChangeToAnUnknownCompetencyIsNotFoundBeforeItIsRead) {
    CompetencyChanges changes;
    changes.reading = validation_error("archived", "must be true or false");
    EXPECT_EQ(change_competency(world.ports, "nope", changes).error().code, ErrorCode::not_found);
    Result<Competency> added = add_competency(world.ports, Competency{"", "Listening", "", false});
    ASSERT_TRUE(added);
    EXPECT_EQ(change_competency(world.ports, added->id, changes).error().field, "archived");
    changes.reading = ok_status();
    changes.archived = true;
    Result<Competency> archived = change_competency(world.ports, added->id, changes);
    ASSERT_TRUE(archived);
    EXPECT_TRUE(archived->archived);
    EXPECT_EQ(archived->name, "Listening");
}

TEST_F(AdminOperations, AMalformedPeriodIsABadRequest) {
    Result<Participation> refused = participation(world.ports, admin, std::string_view("2026-13"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::bad_request);
    EXPECT_EQ(refused.error().field, "period");
}

// Each figure singles out nobody: it and the members it leaves out are 5 or more.
TEST(ShownCount, WithholdsAnyFigureThatPointsAtFewerThanFivePeopleEitherWay) {
    struct Case {
        int members;
        int count;
        std::optional<int> shown;
    };
    const Case cases[] = {
        {4, 0, std::nullopt},   {4, 2, std::nullopt},   {4, 4, std::nullopt},    // a small group: nothing
        {5, 0, std::nullopt},   {5, 5, std::nullopt},   {9, 0, std::nullopt},    // 0 or all: everyone known
        {9, 5, std::nullopt},   {9, 4, std::nullopt},   {9, 9, std::nullopt},    // 4 left out, 4 counted, all
        {10, 0, std::nullopt},  {10, 4, std::nullopt},  {10, 5, 5},              // 5 and 5: shown
        {10, 6, std::nullopt},  {10, 10, std::nullopt}, {12, 7, 7},              // 4 left out; 5 left out
        {12, 8, std::nullopt},  {100, 5, 5},            {100, 95, 95},           // the edges of a large group
        {100, 4, std::nullopt}, {100, 96, std::nullopt}, {100, 0, std::nullopt}, {100, 100, std::nullopt},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(shown_count(c.members, c.count), c.shown) << c.count << " of " << c.members;
        if (c.shown) {
            EXPECT_GE(*c.shown, smallest_group);
            EXPECT_GE(c.members - *c.shown, smallest_group);
        }
    }
}

}  // namespace
}  // namespace ritme::operations

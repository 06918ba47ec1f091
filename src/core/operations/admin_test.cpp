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

}  // namespace
}  // namespace ritme::operations

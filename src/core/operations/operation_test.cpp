#include "core/operations/operation.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

Status refuse_when(bool refused) {
    if (refused) return validation_error("field", "is refused");
    return ok_status();
}

Result<int> twice_unless_refused(bool refused, int value) {
    RITME_TRY(refuse_when(refused));
    return value * 2;
}

TEST(RitmeTry, PassesTheErrorOnAndGoesOnWhenAllIsWell) {
    EXPECT_EQ(*twice_unless_refused(false, 21), 42);
    Result<int> refused = twice_unless_refused(true, 21);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().field, "field");
}

class Transactions : public ::testing::Test {
protected:
    fakes::World world;
};

TEST_F(Transactions, AnErrorWritesNothing) {
    Result<int> answer = writing(world.store, [&](Transaction& transaction) -> Result<int> {
        transaction.store.set_setting("written", "yes");
        return Error{ErrorCode::conflict, "changed my mind"};
    });
    ASSERT_FALSE(answer);
    EXPECT_EQ(answer.error().code, ErrorCode::conflict);
    EXPECT_FALSE(world.store.setting("written"));
}

TEST_F(Transactions, AnAnswerIsCommittedAndComesBack) {
    Result<std::string> answer = writing(world.store, [&](Transaction& transaction) -> Result<std::string> {
        transaction.store.set_setting("written", "yes");
        return std::string("done");
    });
    ASSERT_TRUE(answer);
    EXPECT_EQ(*answer, "done");
    EXPECT_EQ(world.store.setting("written"), "yes");
    EXPECT_EQ(world.store.write_transactions(), 1);
}

TEST_F(Transactions, TransactionsDoNotNest) {
    EXPECT_THROW((void)reading(world.store,
                               [&](Transaction&) -> Status {
                                   return reading(world.store, [](Transaction&) -> Status { return ok_status(); });
                               }),
                 std::logic_error);
}

TEST_F(Transactions, WorkThatMayRunTwiceSetsItsResultsAfresh) {
    world.store.repeat_writes = true;
    int runs = 0;
    Result<int> answer = writing(world.store, [&](Transaction& transaction) -> Result<int> {
        ++runs;
        int count = std::stoi(transaction.store.setting("count").value_or("0")) + 1;
        transaction.store.set_setting("count", std::to_string(count));
        return count;
    });
    EXPECT_EQ(runs, 2);
    EXPECT_EQ(*answer, 1) << "the first run was rolled back";
    EXPECT_EQ(world.store.setting("count"), "1");
}

}  // namespace
}  // namespace ritme::operations

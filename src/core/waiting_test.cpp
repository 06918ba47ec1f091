#include "core/waiting.hpp"

#include <gtest/gtest.h>

namespace ritme {
namespace {

struct CountingPolicy : WaitPolicy {
    bool answer = true;
    int begun = 0;
    int ended = 0;
    bool begin_wait() override {
        ++begun;
        return answer;
    }
    void end_wait() override { ++ended; }
};

TEST(Waiting, TellsThePolicyWhenAWaitBeginsAndEnds) {
    CountingPolicy policy;
    set_wait_policy(&policy);
    {
        Waiting waiting;
        EXPECT_EQ(policy.begun, 1);
        EXPECT_EQ(policy.ended, 0);
    }
    EXPECT_EQ(policy.ended, 1);
    policy.answer = false;  // nothing given up, so nothing to take back
    { Waiting waiting; }
    EXPECT_EQ(policy.begun, 2);
    EXPECT_EQ(policy.ended, 1);
    set_wait_policy(nullptr);
    { Waiting waiting; }
    EXPECT_EQ(policy.begun, 2);
}

}  // namespace
}  // namespace ritme

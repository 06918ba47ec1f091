#include "http/compute_turns.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace ritme::http {
namespace {

using namespace std::chrono_literals;

// Waits until `condition` holds, for at most five seconds.
template <class Condition>
bool eventually(Condition condition) {
    for (auto until = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < until;) {
        if (condition()) return true;
        std::this_thread::sleep_for(1ms);
    }
    return condition();
}

struct PolicySet {
    explicit PolicySet(WaitPolicy& policy) { set_wait_policy(&policy); }
    ~PolicySet() { set_wait_policy(nullptr); }
};

TEST(ComputeTurns, NoMoreComputeAtOnceThanThereAreTurns) {
    ComputeTurns turns(2);
    std::atomic<int> inside{0};
    std::atomic<int> most{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) {
        threads.emplace_back([&] {
            ComputeTurns::Turn turn(turns);
            int now = ++inside;
            for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
            }
            std::this_thread::sleep_for(5ms);
            --inside;
        });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(most.load(), 2);
}

TEST(ComputeTurns, AThreadThatWaitsHandsItsTurnOn) {
    ComputeTurns turns(1);
    PolicySet policy(turns);
    std::promise<void> other_computed;
    std::future<void> computed = other_computed.get_future();
    std::thread waiter([&] {
        ComputeTurns::Turn turn(turns);
        Waiting waiting;  // as a write waiting for its commit
        EXPECT_EQ(computed.wait_for(5s), std::future_status::ready);
    });
    std::thread other([&] {
        ComputeTurns::Turn turn(turns);  // only possible while the first one waits
        other_computed.set_value();
    });
    other.join();
    waiter.join();
    // Both gave their turn back: it is free again.
    EXPECT_EQ(turns.queued(), 0u);
    std::thread after([&] { ComputeTurns::Turn turn(turns); });
    after.join();
}

TEST(ComputeTurns, TurnsGoToTheLongestWaitingFirst) {
    ComputeTurns turns(1);
    std::vector<int> order;
    std::mutex order_mutex;
    std::vector<std::thread> threads;
    {
        ComputeTurns::Turn held(turns);
        for (int i = 0; i < 5; ++i) {
            threads.emplace_back([&, i] {
                ComputeTurns::Turn turn(turns);
                std::lock_guard lock(order_mutex);
                order.push_back(i);
            });
            ASSERT_TRUE(eventually([&] { return turns.queued() == static_cast<std::size_t>(i + 1); }));
        }
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(ComputeTurns, WaitingWithoutATurnChangesNothing) {
    ComputeTurns turns(1);
    PolicySet policy(turns);
    { Waiting waiting; }  // this thread holds no turn: nothing to give back
    std::promise<void> done;
    std::thread one([&] {
        ComputeTurns::Turn turn(turns);
        done.set_value();
    });
    EXPECT_EQ(done.get_future().wait_for(5s), std::future_status::ready);
    one.join();
    // Still one turn only: a holder makes the next one queue.
    ComputeTurns::Turn held(turns);
    std::thread queued([&] { ComputeTurns::Turn turn(turns); });
    EXPECT_TRUE(eventually([&] { return turns.queued() == 1u; }));
    {
        Waiting waiting;  // hands the held turn to the queued thread
        queued.join();
    }
}

}  // namespace
}  // namespace ritme::http

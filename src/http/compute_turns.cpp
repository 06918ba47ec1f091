#include "http/compute_turns.hpp"

namespace ritme::http {
namespace {

thread_local bool holding = false;  // whether this thread holds a turn now

}  // namespace

bool ComputeTurns::begin_wait() {
    if (!holding) return false;
    give_back();
    return true;
}

std::size_t ComputeTurns::queued() {
    std::lock_guard lock(mutex_);
    return waiters_.size();
}

void ComputeTurns::take() {
    std::unique_lock lock(mutex_);
    if (free_ > 0 && waiters_.empty()) {
        --free_;
    } else {
        Waiter waiter;
        waiters_.push_back(&waiter);
        waiter.granted_signal.wait(lock, [&] { return waiter.granted; });
    }
    holding = true;
}

void ComputeTurns::give_back() {
    if (!holding) return;
    holding = false;
    std::lock_guard lock(mutex_);
    if (waiters_.empty()) {
        ++free_;
        return;
    }
    Waiter* next = waiters_.front();
    waiters_.pop_front();
    next->granted = true;
    next->granted_signal.notify_one();
}

}  // namespace ritme::http

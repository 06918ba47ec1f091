#pragma once
// Requests that compute at once: as many as the processor has threads to give. Every
// worker beyond them is there to wait (for a commit's fsync above all); a request that
// waits hands its turn on (core/waiting.hpp), so that waiting threads make writes share
// commits without their reads crowding each other off the processor. Turns go to the
// longest waiting first: a turn given back goes straight to it, so none waits for long.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

#include "core/waiting.hpp"

namespace ritme::http {

class ComputeTurns final : public WaitPolicy {
public:
    explicit ComputeTurns(unsigned turns) : free_(turns) {}

    // A turn for as long as it lives, given back while its thread is Waiting.
    class Turn {
    public:
        explicit Turn(ComputeTurns& turns) : turns_(turns) { turns_.take(); }
        ~Turn() { turns_.give_back(); }
        Turn(const Turn&) = delete;
        Turn& operator=(const Turn&) = delete;

    private:
        ComputeTurns& turns_;
    };

    bool begin_wait() override;
    void end_wait() override { take(); }

    // How many threads wait for a turn now.
    std::size_t queued();

private:
    struct Waiter {
        std::condition_variable granted_signal;
        bool granted = false;
    };

    void take();
    void give_back();

    std::mutex mutex_;
    unsigned free_;
    std::deque<Waiter*> waiters_;
};

}  // namespace ritme::http

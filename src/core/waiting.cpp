#include "core/waiting.hpp"

#include <atomic>

namespace ritme {
namespace {

std::atomic<WaitPolicy*> current_policy{nullptr};

}  // namespace

void set_wait_policy(WaitPolicy* policy) {
    current_policy.store(policy);
}

Waiting::Waiting() : policy_(current_policy.load()) {
    if (policy_ != nullptr && !policy_->begin_wait()) policy_ = nullptr;
}

Waiting::~Waiting() {
    if (policy_ != nullptr) policy_->end_wait();
}

}  // namespace ritme

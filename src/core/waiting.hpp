#pragma once
// A thread that is about to wait for something other than the processor (a disk's fsync,
// another thread's commit, a database server) says so with a Waiting in scope. The server
// lets only a few requests compute at once, and hands a waiting request's turn to another
// meanwhile. Where no policy is set (the command line, background work), it does nothing.
namespace ritme {

class WaitPolicy {
public:
    virtual ~WaitPolicy() = default;
    // Before the wait; answers whether end_wait is to follow.
    virtual bool begin_wait() = 0;
    virtual void end_wait() = 0;
};

// The policy of this process (null: none). The policy must outlive its use.
void set_wait_policy(WaitPolicy* policy);

class Waiting {
public:
    Waiting();
    ~Waiting();
    Waiting(const Waiting&) = delete;
    Waiting& operator=(const Waiting&) = delete;

private:
    WaitPolicy* policy_;
};

}  // namespace ritme

#pragma once
// Mail a request asks for (a link to set a new password), prepared and sent off the request
// path: one thread takes the jobs in order, runs each (it may read and write the store),
// and sends the letter it answers through the Mailer, trying a few times.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "app/mailer.hpp"
#include "http/http.hpp"

namespace ritme::app {

class MailOutbox final : public http::Outbox {
public:
    static constexpr std::size_t max_waiting = 1000;  // more are dropped (and logged)
    static constexpr int max_attempts = 3;

    explicit MailOutbox(Mailer& mailer);
    // Finishes the jobs posted so far, then stops.
    ~MailOutbox() override;
    MailOutbox(const MailOutbox&) = delete;
    MailOutbox& operator=(const MailOutbox&) = delete;

    void post(std::function<std::optional<http::Letter>()> job) override;
    // Waits until every job posted so far is done (for tests).
    void drain();

private:
    void run(std::stop_token stop);
    void deliver(const http::Letter& letter);

    Mailer& mailer_;
    std::mutex mutex_;
    std::condition_variable_any changed_;
    std::deque<std::function<std::optional<http::Letter>()>> jobs_;
    bool busy_ = false;
    std::jthread worker_;  // last: started when the rest is ready
};

}  // namespace ritme::app

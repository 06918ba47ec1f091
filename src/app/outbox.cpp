#include "app/outbox.hpp"

#include <chrono>
#include <exception>

#include "http/log.hpp"

namespace ritme::app {

MailOutbox::MailOutbox(Mailer& mailer)
    : mailer_(mailer), worker_([this](std::stop_token stop) { run(stop); }) {}

MailOutbox::~MailOutbox() {
    drain();
    worker_.request_stop();
    changed_.notify_all();
}

void MailOutbox::post(std::function<std::optional<http::Letter>()> job) {
    {
        std::lock_guard lock(mutex_);
        if (jobs_.size() >= max_waiting) {
            http::log_warning("mail_dropped", {{"reason", "too many waiting"}});
            return;
        }
        jobs_.push_back(std::move(job));
    }
    changed_.notify_all();
}

void MailOutbox::drain() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return jobs_.empty() && !busy_; });
}

void MailOutbox::run(std::stop_token stop) {
    while (true) {
        std::function<std::optional<http::Letter>()> job;
        {
            std::unique_lock lock(mutex_);
            if (!changed_.wait(lock, stop, [this] { return !jobs_.empty(); })) return;
            job = std::move(jobs_.front());
            jobs_.pop_front();
            busy_ = true;
        }
        try {
            if (std::optional<http::Letter> letter = job()) deliver(*letter);
        } catch (const std::exception& failure) {
            http::log_error("mail_job_failed", {{"error", failure.what()}});
        }
        {
            std::lock_guard lock(mutex_);
            busy_ = false;
        }
        changed_.notify_all();
    }
}

void MailOutbox::deliver(const http::Letter& letter) {
    for (int attempt = 1;; ++attempt) {
        Status sent = mailer_.send(OutgoingMail{letter.to, letter.subject, letter.body, ""});
        if (sent) {
            http::log_info("mail_sent", {{"attempts", attempt}});
            return;
        }
        if (attempt >= max_attempts) {
            http::log_error("mail_given_up", {{"error", sent.error().message}, {"attempts", attempt}});
            return;
        }
        http::log_warning("mail_failed", {{"error", sent.error().message}, {"attempts", attempt}});
        std::this_thread::sleep_for(std::chrono::seconds(attempt));
    }
}

}  // namespace ritme::app

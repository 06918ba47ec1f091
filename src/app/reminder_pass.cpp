#include "app/reminder_pass.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>

#include "core/reminders.hpp"
#include "core/rhythm.hpp"
#include "http/log.hpp"
#include "http/reminder_links.hpp"

namespace ritme::app {
namespace {

// Whether the level's record is there and done (core/rhythm.hpp): an empty save is not.
template <class Record, class Done>
bool done(const std::optional<Record>& record, Done is_done) {
    return record && is_done(*record);
}

// The facts the candidate levels need, and only those: each is a query.
ReminderFacts facts_for(Store& store, const std::string& user_id, Day day, const std::vector<DueReminder>& candidates) {
    ReminderFacts facts;
    for (const DueReminder& candidate : candidates) {
        switch (candidate.level) {
            case Level::daily:
                facts.day_done = done(store.find_diary_entry(user_id, day), diary_day_done);
                break;
            case Level::weekly:
                break;
            case Level::monthly:
                facts.month_done = done(store.find_monthly_reflection(user_id, month_of(day)), month_done);
                break;
            case Level::quarterly:
                facts.quarter_done = done(store.find_learning_contract(user_id, quarter_of(day)), contract_done);
                break;
            case Level::yearly:
                facts.year_done = done(store.find_yearly_review(user_id, year_of(day)), year_done);
                break;
        }
    }
    return facts;
}

// The facts as they are now for the period a job reminds of.
ReminderFacts facts_of_period(Store& store, const std::string& user_id, Level level, const std::string& period) {
    ReminderFacts facts;
    switch (level) {
        case Level::daily:
            if (auto day = parse_day(period))
                facts.day_done = done(store.find_diary_entry(user_id, *day), diary_day_done);
            break;
        case Level::weekly:
            break;
        case Level::monthly:
            if (auto month = parse_month(period)) {
                facts.month_done = done(store.find_monthly_reflection(user_id, *month), month_done);
            }
            break;
        case Level::quarterly:
            if (auto quarter = parse_quarter(period)) {
                facts.quarter_done = done(store.find_learning_contract(user_id, *quarter), contract_done);
            }
            break;
        case Level::yearly:
            if (auto year = parse_year(period))
                facts.year_done = done(store.find_yearly_review(user_id, *year), year_done);
            break;
    }
    return facts;
}

std::string trimmed_url(std::string url) {
    while (url.ends_with("/")) url.pop_back();
    return url;
}

}  // namespace

std::string reminder_worker_name(IdSource& ids) {
    std::array<char, 256> host{};
    if (gethostname(host.data(), host.size() - 1) != 0) host[0] = '\0';
    return std::string(host.data()) + ":" + std::to_string(getpid()) + ":" + ids.new_id().substr(0, 8);
}

ReminderPass::ReminderPass(Store& store, ZoneCalendar& calendar, IdSource& ids, Mailer& mailer,
                           ReminderPassOptions options)
    : store_(store), calendar_(calendar), ids_(ids), mailer_(mailer), options_(std::move(options)) {
    options_.public_url = trimmed_url(options_.public_url);
}

ReminderPassReport ReminderPass::run(Timestamp at) {
    int enqueued = enqueue_due(at);
    ReminderPassReport report = send_due(at);
    report.enqueued = enqueued;
    return report;
}

int ReminderPass::enqueue_due(Timestamp at) {
    int enqueued = 0;
    for (const ReminderSettings& settings : store_.list_active_reminder_settings()) {
        std::optional<User> person = store_.find_user(settings.user_id);
        if (!person) continue;
        Day day = calendar_.local_day(at, person->timezone);
        int minute = calendar_.local_minute_of_day(at, person->timezone);
        // First as if nothing were written (no queries), then with the facts those need.
        std::vector<DueReminder> candidates = due_reminders(*person, settings, ReminderFacts{}, day, minute);
        if (candidates.empty()) continue;
        ReminderFacts facts = facts_for(store_, person->id, day, candidates);
        for (const DueReminder& due : due_reminders(*person, settings, facts, day, minute)) {
            ReminderJob job;
            job.id = ids_.new_id();
            job.user_id = person->id;
            job.level = due.level;
            job.period = due.period;
            job.due_at = at;
            if (store_.enqueue_reminder(job)) ++enqueued;
        }
    }
    return enqueued;
}

ReminderPassReport ReminderPass::send_due(Timestamp at) {
    ReminderPassReport report;
    std::string key = http::reminder_link_key(store_);
    while (true) {
        std::vector<ReminderJob> jobs =
            store_.claim_reminders(options_.worker, at, at + options_.lease, options_.batch);
        if (jobs.empty()) break;
        for (const ReminderJob& job : jobs) {
            nlohmann::json about{{"job_id", job.id},
                                 {"user_id", job.user_id},
                                 {"rhythm_level", std::string(to_string(job.level))},
                                 {"period", job.period}};
            std::optional<User> person = store_.find_user(job.user_id);
            bool wanted = person.has_value() && store_.reminder_settings(job.user_id).at(job.level).enabled &&
                          still_wanted(job.level, facts_of_period(store_, job.user_id, job.level, job.period));
            if (!wanted) {
                // Written meanwhile, or turned off: nothing to send, and nothing to try again.
                store_.mark_reminder_sent(job.id, at);
                http::log_info("reminder_dropped", about);
                ++report.dropped;
                continue;
            }
            std::string page_url = options_.public_url + reminder_page_path(job.level, job.period);
            std::string off_url = http::reminder_off_url(options_.public_url, key, person->id, job.level);
            ReminderMail mail = reminder_mail(*person, job.level, job.period, page_url, off_url);
            Status sent = mailer_.send(OutgoingMail{person->email, mail.subject, mail.body, off_url});
            if (sent) {
                store_.mark_reminder_sent(job.id, at);
                http::log_info("reminder_sent", about);
                ++report.sent;
                continue;
            }
            about["error"] = sent.error().message;
            about["attempts"] = job.attempts + 1;
            if (job.attempts + 1 >= options_.max_attempts) {
                // Kept as done so that it stops; the log says it never went out.
                store_.mark_reminder_sent(job.id, at);
                http::log_error("reminder_given_up", about);
                ++report.given_up;
                continue;
            }
            // 1, 2, 4, 8 ... minutes between attempts.
            auto wait = std::chrono::minutes{1 << std::min(job.attempts, 10)};
            store_.release_reminder(job.id, at + wait);
            http::log_warning("reminder_failed", about);
            ++report.failed;
        }
    }
    return report;
}

}  // namespace ritme::app

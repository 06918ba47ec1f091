#pragma once
// The reminder pass: at an instant, every reminder that is due becomes a job (one per
// person, level and period, ever), and the due jobs are claimed, sent and marked sent. The
// claim makes it safe to run in several processes on one database at once: each reminder
// goes out once.
#include <chrono>
#include <string>

#include "app/mailer.hpp"
#include "core/ports.hpp"
#include "core/store.hpp"

namespace ritme::app {

struct ReminderPassOptions {
    std::string public_url;              // links in the mails: "{public_url}/diary/2026-11-26"
    std::string worker;                  // who holds a claim (reminder_worker_name())
    std::chrono::seconds lease{5 * 60};  // a claim not finished by then may be taken over
    int batch = 20;                      // jobs claimed at a time
    int max_attempts = 5;                // then the reminder is given up (and logged)
};

struct ReminderPassReport {
    int enqueued = 0;
    int sent = 0;
    int failed = 0;    // will be tried again
    int given_up = 0;  // failed max_attempts times
    int dropped = 0;   // no longer wanted when its turn came (written meanwhile, turned off)
};

// "host:pid:random": unique for each process.
std::string reminder_worker_name(IdSource& ids);

class ReminderPass {
public:
    ReminderPass(Store& store, ZoneCalendar& calendar, IdSource& ids, Mailer& mailer, ReminderPassOptions options);
    ReminderPassReport run(Timestamp at);

    // The two halves, for tests and for callers that want only one.
    int enqueue_due(Timestamp at);
    ReminderPassReport send_due(Timestamp at);

private:
    Store& store_;
    ZoneCalendar& calendar_;
    IdSource& ids_;
    Mailer& mailer_;
    ReminderPassOptions options_;
};

}  // namespace ritme::app

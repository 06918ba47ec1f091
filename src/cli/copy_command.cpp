// `ritme copy --from sqlite:PATH --to postgresql://...`: moves a whole installation into
// an empty database (see storage/copy_store.hpp for what goes along).
#include <filesystem>
#include <iostream>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "storage/copy_store.hpp"

namespace ritme::cli {

int copy(const CopyOptions& options) {
    Result<app::DatabaseUrl> from = app::parse_database_url(options.from);
    if (!from) {
        std::cerr << "ritme copy: --from: " << from.error().message << "\n";
        return 1;
    }
    if (!app::parse_database_url(options.to)) {
        std::cerr << "ritme copy: --to: " << app::parse_database_url(options.to).error().message << "\n";
        return 1;
    }
    if (options.from == options.to) {
        std::cerr << "ritme copy: --from and --to name the same database\n";
        return 1;
    }
    // Opening a SQLite path that isn't there would make an empty database of it.
    if (from->kind == app::DatabaseUrl::Kind::sqlite && !std::filesystem::exists(from->target)) {
        std::cerr << "ritme copy: " << from->target << " does not exist\n";
        return 1;
    }
    std::unique_ptr<Store> source = app::open_store(options.from);
    std::unique_ptr<Store> target = app::open_store(options.to);
    const int people = source->count_users();
    Result<storage::CopyCounts> copied =
        storage::copy_store(*source, *target, [&](const storage::CopyCounts& counts) {
            if (counts.users % 1000 == 0 || counts.users == people) {
                std::cerr << counts.users << " of " << people << " people copied\n";
            }
        });
    if (!copied) {
        std::cerr << "ritme copy: " << copied.error().message << "\n";
        return 1;
    }
    const storage::CopyCounts& counts = *copied;
    std::cout << "Copied " << counts.users << " people, " << counts.competencies << " competencies, "
              << counts.settings << " settings, " << counts.sessions << " sessions, " << counts.access_tokens
              << " access tokens, " << counts.diary_entries << " diary entries, " << counts.weekly_reviews
              << " weekly reviews, " << counts.monthly_reflections << " monthly reflections, "
              << counts.contract_revisions << " contract revisions, " << counts.yearly_reviews
              << " yearly reviews and " << counts.drafts << " drafts.\n";
    std::cout << "Copied " << counts.peer_invitations << " peer invitations, " << counts.peer_pairs << " pairs, "
              << counts.peer_openings << " openings, " << counts.events << " events, " << counts.event_rsvps
              << " RSVPs, " << counts.event_sessions << " programme sessions, " << counts.session_signups
              << " sign-ups, " << counts.reminder_settings << " reminder settings, " << counts.reminder_jobs
              << " reminders and " << counts.calendar_tokens << " calendar addresses.\n";
    return 0;
}

}  // namespace ritme::cli

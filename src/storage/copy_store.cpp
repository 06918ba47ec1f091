#include "storage/copy_store.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <set>
#include <vector>

namespace ritme::storage {

namespace {

// Every event there is: a window wider than any event's time.
constexpr long long widest = std::numeric_limits<long long>::max() / 4;

bool is_default(const ReminderSettings& settings) {
    const LevelReminder unset;
    return std::all_of(settings.levels.begin(), settings.levels.end(), [&](const LevelReminder& level) {
        return level.enabled == unset.enabled && level.minute_of_day == unset.minute_of_day &&
               level.weekday == unset.weekday;
    });
}

Error refused(const std::string& what, const Error& error) {
    return Error{ErrorCode::conflict, what + ": " + error.message};
}

// The social rhythm, through the Store's own methods: pending invitations, every pair as it
// was (ended ones too), answers and sign-ups with when they were given.
Status copy_social_rhythm(Store& from, Store& to, const std::vector<User>& users, CopyCounts& counts) {
    std::set<std::string> invitations_copied;
    for (const User& user : users) {
        for (const PeerInvitation& invitation : from.list_peer_invitations(user.id)) {
            if (!invitations_copied.insert(invitation.id).second) continue;  // listed for both people
            Result<PeerInvitation> copied = to.create_peer_invitation(invitation);
            if (!copied) return refused("invitation " + invitation.id, copied.error());
            ++counts.peer_invitations;
        }
    }
    for (const PeerPair& pair : from.list_peer_pairs()) {
        to.import_peer_pair(pair);
        ++counts.peer_pairs;
    }
    for (const User& user : users) {
        for (const PeerOpening& opening : from.list_peer_openings(user.id)) {
            to.record_peer_opening(opening);
            ++counts.peer_openings;
        }
    }

    const std::vector<Event> events = from.list_events(Timestamp{std::chrono::seconds{-widest}},
                                                       Timestamp{std::chrono::seconds{widest}});
    to.create_events(events);
    counts.events += static_cast<int>(events.size());
    for (const Event& event : events) {
        const std::vector<ProgrammeSession> programme = from.event_programme(event.id, "");
        for (const ProgrammeSession& session : programme) {
            to.create_event_session(session.session);
            ++counts.event_sessions;
        }
        for (const Rsvp& rsvp : from.list_rsvps(event.id)) {
            if (Status set = to.set_rsvp(event.id, rsvp.user_id, rsvp.status, rsvp.at); !set) {
                return refused("RSVP of " + rsvp.user_id + " to " + event.id, set.error());
            }
            ++counts.event_rsvps;
        }
        for (const ProgrammeSession& session : programme) {
            for (const SessionSignup& signup : from.list_session_signups(session.session.id)) {
                if (Status set = to.set_session_signup(signup.session_id, signup.user_id, true, signup.at); !set) {
                    return refused("sign-up of " + signup.user_id + " to " + signup.session_id, set.error());
                }
                ++counts.session_signups;
            }
        }
    }

    for (const User& user : users) {
        ReminderSettings settings = from.reminder_settings(user.id);
        if (!is_default(settings)) {
            to.put_reminder_settings(settings);
            ++counts.reminder_settings;
        }
        for (const ReminderJob& job : from.list_reminder_jobs(user.id)) {
            // Enqueued pending; then its failed attempts again, and sent if it was: a sent
            // reminder must not go out a second time from the new database.
            if (!to.enqueue_reminder(job)) continue;
            for (int attempt = 0; attempt < job.attempts; ++attempt) to.release_reminder(job.id, job.due_at);
            if (job.state == ReminderJobState::sent) to.mark_reminder_sent(job.id, job.sent_at.value_or(job.due_at));
            ++counts.reminder_jobs;
        }
        if (std::optional<std::string> token = from.calendar_token(user.id)) {
            to.set_calendar_token(user.id, *token);
            ++counts.calendar_tokens;
        }
    }
    return ok_status();
}

}  // namespace

std::string data_in(Store& store) {
    std::string found;
    auto add = [&](std::size_t count, const char* what) {
        if (count == 0) return;
        if (!found.empty()) found += ", ";
        found += std::to_string(count) + " " + what;
    };
    add(static_cast<std::size_t>(store.count_users()), "people");
    add(store.list_competencies().size(), "competencies");
    const auto settings = store.list_settings();
    // Every new database makes the key of the reminder off-links itself (its migrations);
    // the copy replaces it with the source's, so links already sent keep working.
    add(static_cast<std::size_t>(std::count_if(settings.begin(), settings.end(),
                                               [](const auto& setting) { return setting.first != "reminder_link_key"; })),
        "settings");
    return found;
}

Result<CopyCounts> copy_store(Store& from, Store& to, const std::function<void(const CopyCounts&)>& progress) {
    if (std::string held = data_in(to); !held.empty()) {
        return Error{ErrorCode::conflict, "the target already holds data (" + held + "); copy only into an empty database"};
    }
    CopyCounts counts;

    for (const auto& [key, value] : from.list_settings()) {
        to.set_setting(key, value);
        ++counts.settings;
    }
    for (const Competency& competency : from.list_competencies()) {
        Result<Competency> copied = to.create_competency(competency);
        if (!copied) return Error{ErrorCode::conflict, "competency " + competency.id + ": " + copied.error().message};
        ++counts.competencies;
    }

    const std::vector<User> users = from.list_users();
    for (const User& user : users) {
        NewUser person;
        person.id = user.id;
        person.email = user.email;
        person.name = user.name;
        person.role = user.role;
        person.locale = user.locale;
        person.timezone = user.timezone;
        person.password_hash = from.password_hash(user.id).value_or("");
        person.created_at = user.created_at;
        Result<User> created = to.create_user(person);
        if (!created) return Error{ErrorCode::conflict, "person " + user.id + ": " + created.error().message};
        to.update_profile(user);  // the workdays
        ++counts.users;
    }

    for (const Session& session : from.list_sessions()) {
        to.create_session(session);
        ++counts.sessions;
    }

    for (const User& user : users) {
        for (const AccessToken& token : from.list_access_tokens(user.id)) {
            to.create_access_token(token);
            ++counts.access_tokens;
        }

        // The diary, a page at a time (newest first), each page in one go.
        DiaryQuery query;
        query.user_id = user.id;
        query.limit = 200;
        while (true) {
            DiaryPage page = from.list_diary_entries(query);
            to.import_diary_entries(page.entries);
            counts.diary_entries += static_cast<int>(page.entries.size());
            if (!page.next_before) break;
            query.before = page.next_before;
        }

        for (const WeeklyReview& review : from.list_weekly_reviews(user.id)) {
            to.put_weekly_review(review);
            ++counts.weekly_reviews;
        }
        for (const MonthlyReflection& reflection : from.list_monthly_reflections(user.id)) {
            to.put_monthly_reflection(reflection);
            ++counts.monthly_reflections;
        }
        for (const LearningContract& current : from.list_learning_contracts(user.id)) {
            for (const LearningContract& revision : from.list_contract_revisions(user.id, current.quarter)) {
                to.put_learning_contract(revision);
                ++counts.contract_revisions;
            }
        }
        for (const YearlyReview& review : from.list_yearly_reviews(user.id)) {
            to.put_yearly_review(review);
            ++counts.yearly_reviews;
        }
        for (const Draft& draft : from.list_drafts(user.id)) {
            to.put_draft(draft);
            ++counts.drafts;
        }
        if (progress) progress(counts);
    }

    if (Status social = copy_social_rhythm(from, to, users, counts); !social) return social.error();
    return counts;
}

}  // namespace ritme::storage

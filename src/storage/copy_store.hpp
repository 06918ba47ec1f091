#pragma once
// Moving a whole installation from one store to another (`ritme copy`), through the Store
// interface only, so it works between any two implementations.
#include <functional>
#include <string>

#include "core/result.hpp"
#include "core/store.hpp"

namespace ritme::storage {

struct CopyCounts {
    int settings = 0;
    int competencies = 0;
    int users = 0;
    int sessions = 0;
    int access_tokens = 0;
    int diary_entries = 0;
    int weekly_reviews = 0;
    int monthly_reflections = 0;
    int contract_revisions = 0;
    int yearly_reviews = 0;
    int drafts = 0;
    int peer_invitations = 0;
    int peer_pairs = 0;
    int peer_openings = 0;
    int events = 0;
    int event_rsvps = 0;
    int event_sessions = 0;
    int session_signups = 0;
    int reminder_settings = 0;
    int reminder_jobs = 0;
    int calendar_tokens = 0;
};

// What `store` holds that a copy would collide with: people, competencies or settings.
// Empty when it holds none of these.
std::string data_in(Store& store);

// Copies everything `from` holds into `to`: settings, the competency catalogue, people
// with their password hashes and profiles, sessions, access tokens, diary entries with
// their competencies and tags, weekly reviews, monthly reflections, every revision of
// every contract, the yearly reviews and the drafts, each with its own ids and timestamps; and the
// social rhythm: pending peer invitations, every pair as it was (ended ones too) with its
// meeting slot, the openings of shared items, events with their programme, RSVPs and
// sign-ups with when they were given, reminder settings and jobs (a sent reminder stays
// sent), and calendar secrets. Login failures are not copied: they only throttle logins
// for a few minutes.
//
// Refuses (conflict) when `to` already holds data. A copy that fails halfway leaves `to`
// partly filled: empty it (drop and create the database) and copy again. `progress` is
// told what was copied after each person.
Result<CopyCounts> copy_store(Store& from, Store& to,
                              const std::function<void(const CopyCounts&)>& progress = nullptr);

}  // namespace ritme::storage

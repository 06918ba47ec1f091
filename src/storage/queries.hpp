#pragma once
// Every statement of the store that both databases run, by name. Values only ever travel
// as :name binds. Written in PostgreSQL's words; on SQLite the dialect drops COLLATE "C"
// (SQLite compares text byte by byte already). Booleans are written from 0/1 and read as
// integers on both. A statement that truly differs is a pair {SQLite, PostgreSQL}; the
// diary's statements are the dialects' own (sqlite/, postgres/).
#include "storage/database.hpp"

namespace ritme::storage::queries {

inline constexpr Query ping = same("SELECT 1");

// Check-then-write under one lock: on SQLite the write transaction holds the database's
// one write lock already; on PostgreSQL an advisory lock held to the end of the
// transaction ("ritme" in ASCII, then a counter).
inline constexpr Query serialise_first_admin{nullptr, "SELECT pg_advisory_xact_lock(7236116109101002)"};
inline constexpr Query serialise_competency_names{nullptr, "SELECT pg_advisory_xact_lock(7236116109101003)"};

// --- settings ---------------------------------------------------------------------------

inline constexpr Query find_setting = same("SELECT value FROM settings WHERE key = :key");
inline constexpr Query list_settings = same(R"sql(SELECT key, value FROM settings ORDER BY key COLLATE "C")sql");
inline constexpr Query put_setting = same(R"sql(
INSERT INTO settings (key, value) VALUES (:key, :value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql");
inline constexpr Query delete_setting = same("DELETE FROM settings WHERE key = :key");

// --- people -----------------------------------------------------------------------------

inline constexpr Query count_users = same("SELECT count(*) FROM users");
inline constexpr Query count_admins = same("SELECT count(*) FROM users WHERE role = 'admin'");
inline constexpr Query count_users_with_email = same("SELECT count(*) FROM users WHERE email = :email");
inline constexpr Query insert_user = same(R"sql(
INSERT INTO users (id, email, name, role, locale, timezone, workdays, peer_id, password_hash, created_at)
VALUES (:id, :email, :name, :role, :locale, :timezone, :workdays, NULL, :password_hash, :created_at))sql");
#define RITME_USER_COLUMNS "SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at FROM users "
inline constexpr Query find_user = same(RITME_USER_COLUMNS "WHERE id = :id");
inline constexpr Query find_user_by_email = same(RITME_USER_COLUMNS "WHERE email = :email");
// By name whatever its case (on SQLite the column's own NOCASE order, which its index gives).
inline constexpr Query list_users{RITME_USER_COLUMNS "ORDER BY name COLLATE NOCASE, email",
                                  RITME_USER_COLUMNS R"sql(ORDER BY lower(name COLLATE "C"), email COLLATE "C")sql"};
#undef RITME_USER_COLUMNS
inline constexpr Query find_password_hash = same("SELECT password_hash FROM users WHERE id = :id");
inline constexpr Query update_profile = same(R"sql(
UPDATE users SET name = :name, locale = :locale, timezone = :timezone, workdays = :workdays WHERE id = :id)sql");
inline constexpr Query set_password_hash = same("UPDATE users SET password_hash = :password_hash WHERE id = :id");
inline constexpr Query end_pairings_with = same("UPDATE users SET peer_id = NULL WHERE peer_id = :id");
// Everything else the person wrote goes with them through ON DELETE CASCADE.
inline constexpr Query delete_user = same("DELETE FROM users WHERE id = :id");
// Contracts whose discussion may hold a comment by the person; the store then looks at each.
inline constexpr Query contracts_discussed_by{
    R"sql(
SELECT user_id, quarter, revision, discussion FROM learning_contracts
WHERE instr(discussion, '"by":' || json_quote(:id)) > 0)sql",
    R"sql(
SELECT user_id, quarter, revision, discussion FROM learning_contracts
WHERE discussion @> jsonb_build_array(jsonb_build_object('by', CAST(:id AS text))))sql"};
inline constexpr Query set_contract_discussion = same(R"sql(
UPDATE learning_contracts SET discussion = :discussion
WHERE user_id = :user_id AND quarter = :quarter AND revision = :revision)sql");

// --- sessions and access tokens -------------------------------------------------------

inline constexpr Query insert_session = same(R"sql(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, id, last_used_at, user_agent)
VALUES (:token_hash, :user_id, :csrf_token, :created_at, :expires_at, :id, :last_used_at, :user_agent))sql");
#define RITME_SESSION_COLUMNS \
    "SELECT token_hash, user_id, csrf_token, created_at, expires_at, id, last_used_at, user_agent FROM sessions "
inline constexpr Query find_session = same(RITME_SESSION_COLUMNS "WHERE token_hash = :token_hash");
inline constexpr Query list_sessions = same(RITME_SESSION_COLUMNS R"sql(ORDER BY created_at, token_hash COLLATE "C")sql");
inline constexpr Query list_sessions_of = same(
    RITME_SESSION_COLUMNS R"sql(WHERE user_id = :user_id ORDER BY last_used_at DESC, id COLLATE "C")sql");
#undef RITME_SESSION_COLUMNS
inline constexpr Query delete_session = same("DELETE FROM sessions WHERE token_hash = :token_hash");
inline constexpr Query delete_expired_sessions = same("DELETE FROM sessions WHERE expires_at <= :now");
inline constexpr Query delete_idle_sessions = same("DELETE FROM sessions WHERE last_used_at < :before");
inline constexpr Query delete_session_of = same("DELETE FROM sessions WHERE user_id = :user_id AND id = :id");
inline constexpr Query delete_sessions_of =
    same("DELETE FROM sessions WHERE user_id = :user_id AND token_hash <> :keep");
inline constexpr Query touch_session = same("UPDATE sessions SET last_used_at = :at WHERE token_hash = :token_hash");

inline constexpr Query insert_access_token = same(R"sql(
INSERT INTO access_tokens (id, user_id, name, token_hash, created_at)
VALUES (:id, :user_id, :name, :token_hash, :created_at))sql");
#define RITME_TOKEN_COLUMNS "SELECT id, user_id, name, token_hash, created_at FROM access_tokens "
inline constexpr Query find_access_token = same(RITME_TOKEN_COLUMNS "WHERE token_hash = :token_hash");
inline constexpr Query list_access_tokens =
    same(RITME_TOKEN_COLUMNS R"sql(WHERE user_id = :user_id ORDER BY created_at, id COLLATE "C")sql");
#undef RITME_TOKEN_COLUMNS
inline constexpr Query delete_access_token = same("DELETE FROM access_tokens WHERE user_id = :user_id AND id = :id");
inline constexpr Query delete_access_tokens_of = same("DELETE FROM access_tokens WHERE user_id = :user_id AND id <> :keep");

// --- password reset links ---------------------------------------------------------------

inline constexpr Query insert_password_reset = same(R"sql(
INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
VALUES (:token_hash, :user_id, :created_at, :expires_at))sql");
inline constexpr Query find_password_reset =
    same("SELECT token_hash, user_id, created_at, expires_at FROM password_resets WHERE token_hash = :token_hash");
inline constexpr Query delete_password_reset = same("DELETE FROM password_resets WHERE token_hash = :token_hash");
inline constexpr Query delete_password_resets_of = same("DELETE FROM password_resets WHERE user_id = :user_id");
inline constexpr Query delete_expired_password_resets = same("DELETE FROM password_resets WHERE expires_at <= :now");

// --- login throttling -------------------------------------------------------------------

// Reserving an attempt is check-then-write under one lock (see serialise_first_admin).
inline constexpr Query serialise_login_attempts{nullptr, "SELECT pg_advisory_xact_lock(7236116109101004)"};
inline constexpr Query forget_login_attempts = same("DELETE FROM login_failures WHERE at < :since");
inline constexpr Query count_login_attempts =
    same("SELECT count(*) FROM login_failures WHERE key = :key AND at >= :since");
inline constexpr Query insert_login_attempt =
    same("INSERT INTO login_failures (key, at, attempt) VALUES (:key, :at, :attempt)");
inline constexpr Query release_login_attempt = same("DELETE FROM login_failures WHERE attempt = :attempt");
inline constexpr Query login_failures_since =
    same("SELECT at FROM login_failures WHERE key = :key AND at >= :since ORDER BY at");
inline constexpr Query clear_login_failures = same("DELETE FROM login_failures WHERE key = :key");

// --- competencies -----------------------------------------------------------------------

#define RITME_COMPETENCY_COLUMNS "SELECT id, name, description, archived FROM competencies "
inline constexpr Query list_competencies{RITME_COMPETENCY_COLUMNS "ORDER BY name COLLATE NOCASE, id",
                                         RITME_COMPETENCY_COLUMNS R"sql(ORDER BY lower(name COLLATE "C"), id COLLATE "C")sql"};
inline constexpr Query find_competency = same(RITME_COMPETENCY_COLUMNS "WHERE id = :id");
#undef RITME_COMPETENCY_COLUMNS
inline constexpr Query count_competencies_with_id = same("SELECT count(*) FROM competencies WHERE id = :id");
// Names are one whatever their case (on SQLite the column compares without case).
inline constexpr Query count_other_competencies_named{
    "SELECT count(*) FROM competencies WHERE name = :name AND id <> :id",
    R"sql(SELECT count(*) FROM competencies
WHERE lower(name COLLATE "C") = lower(CAST(:name AS text) COLLATE "C") AND id <> :id)sql"};
inline constexpr Query insert_competency = same(R"sql(
INSERT INTO competencies (id, name, description, archived) VALUES (:id, :name, :description, :archived))sql");
inline constexpr Query update_competency = same(R"sql(
UPDATE competencies SET name = :name, description = :description, archived = :archived WHERE id = :id)sql");

// --- daily (the rest of the diary is the dialects') ---------------------------------------

// One row, the days joined by commas: years of days cost less as one text than as rows.
inline constexpr Query diary_days{
    "SELECT coalesce(group_concat(day, ','), '') FROM diary_entries WHERE user_id = :user_id AND day >= :from "
    "AND day <= :to",
    "SELECT coalesce(string_agg(day, ','), '') FROM diary_entries WHERE user_id = :user_id AND day >= :from "
    "AND day <= :to"};
// The key learnings of a stretch of days, each with its competencies joined by commas in
// their order (ids hold no commas).
inline constexpr Query key_learnings{
    R"sql(
SELECT e.day, e.key_learning,
       coalesce((SELECT group_concat(competency_id, ',')
                 FROM (SELECT competency_id FROM diary_entry_competencies c
                       WHERE c.user_id = e.user_id AND c.day = e.day ORDER BY position)), '')
FROM diary_entries e
WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.key_learning <> ''
ORDER BY e.day)sql",
    R"sql(
SELECT day, key_learning,
       coalesce((SELECT string_agg(id, ',' ORDER BY position)
                 FROM jsonb_array_elements_text(competency_ids) WITH ORDINALITY AS listed (id, position)), '')
FROM diary_entries
WHERE user_id = :user_id AND day >= :from AND day <= :to AND key_learning <> ''
ORDER BY day)sql"};

// --- weekly -----------------------------------------------------------------------------

#define RITME_WEEK_COLUMNS                                                                                    \
    "SELECT user_id, week, peer_meeting_held, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation, " \
    "plan_approach, plan_measure, plan_deadline, act, shared_with_peer, created_at, updated_at, version FROM weekly_reviews "
inline constexpr Query find_weekly_review = same(RITME_WEEK_COLUMNS "WHERE user_id = :user_id AND week = :week");
inline constexpr Query list_weekly_reviews = same(RITME_WEEK_COLUMNS "WHERE user_id = :user_id ORDER BY week");
#undef RITME_WEEK_COLUMNS
// Each put answers the stored created_at: a replaced row keeps its own.
inline constexpr Query put_weekly_review = same(R"sql(
INSERT INTO weekly_reviews (user_id, week, peer_meeting_held, peer_meeting_day, peer_meeting_notes,
                            plan_competency_id, plan_situation, plan_approach, plan_measure, plan_deadline, act,
                            shared_with_peer, created_at, updated_at, version)
VALUES (:user_id, :week, :peer_meeting_held, :peer_meeting_day, :peer_meeting_notes, :plan_competency_id,
        :plan_situation, :plan_approach, :plan_measure, :plan_deadline, :act, :shared_with_peer, :created_at,
        :updated_at, :version)
ON CONFLICT (user_id, week) DO UPDATE SET
    peer_meeting_held = excluded.peer_meeting_held, peer_meeting_day = excluded.peer_meeting_day,
    peer_meeting_notes = excluded.peer_meeting_notes, plan_competency_id = excluded.plan_competency_id,
    plan_situation = excluded.plan_situation, plan_approach = excluded.plan_approach,
    plan_measure = excluded.plan_measure, plan_deadline = excluded.plan_deadline, act = excluded.act,
    shared_with_peer = excluded.shared_with_peer, updated_at = excluded.updated_at, version = excluded.version
RETURNING created_at)sql");

// --- monthly ----------------------------------------------------------------------------

#define RITME_MONTH_COLUMNS                                                                                 \
    "SELECT user_id, month, focus_competency_ids, went_well, could_be_better, approach, goal_progress, " \
    "sol_meeting_attended, created_at, updated_at, version FROM monthly_reflections "
inline constexpr Query find_monthly_reflection = same(RITME_MONTH_COLUMNS "WHERE user_id = :user_id AND month = :month");
inline constexpr Query list_monthly_reflections = same(RITME_MONTH_COLUMNS "WHERE user_id = :user_id ORDER BY month");
#undef RITME_MONTH_COLUMNS
inline constexpr Query put_monthly_reflection = same(R"sql(
INSERT INTO monthly_reflections (user_id, month, focus_competency_ids, went_well, could_be_better, approach,
                                 goal_progress, sol_meeting_attended, created_at, updated_at, version)
VALUES (:user_id, :month, :focus_competency_ids, :went_well, :could_be_better, :approach, :goal_progress,
        :sol_meeting_attended, :created_at, :updated_at, :version)
ON CONFLICT (user_id, month) DO UPDATE SET
    focus_competency_ids = excluded.focus_competency_ids, went_well = excluded.went_well,
    could_be_better = excluded.could_be_better, approach = excluded.approach,
    goal_progress = excluded.goal_progress, sol_meeting_attended = excluded.sol_meeting_attended,
    updated_at = excluded.updated_at, version = excluded.version
RETURNING created_at)sql");

// --- quarterly --------------------------------------------------------------------------

#define RITME_CONTRACT_COLUMNS                                                                                    \
    "SELECT c.user_id, c.quarter, c.revision, c.where_from, c.where_now, c.aims, c.approach, c.evidence, c.competency_ids, " \
    "c.goals, c.status, c.shared_with_peer, c.discussion, c.created_at, c.updated_at, c.version FROM learning_contracts AS c "
inline constexpr Query find_current_contract = same(
    RITME_CONTRACT_COLUMNS "WHERE c.user_id = :user_id AND c.quarter = :quarter ORDER BY c.revision DESC LIMIT 1");
inline constexpr Query list_contract_revisions =
    same(RITME_CONTRACT_COLUMNS "WHERE c.user_id = :user_id AND c.quarter = :quarter ORDER BY c.revision");
inline constexpr Query list_current_contracts = same(RITME_CONTRACT_COLUMNS R"sql(
WHERE c.user_id = :user_id
  AND c.revision = (SELECT max(r.revision) FROM learning_contracts AS r
                    WHERE r.user_id = c.user_id AND r.quarter = c.quarter)
ORDER BY c.quarter)sql");
#undef RITME_CONTRACT_COLUMNS
inline constexpr Query put_contract_revision = same(R"sql(
INSERT INTO learning_contracts (user_id, quarter, revision, where_from, where_now, aims, approach, evidence,
                                competency_ids, goals, status, shared_with_peer, discussion, created_at,
                                updated_at, version)
VALUES (:user_id, :quarter, :revision, :where_from, :where_now, :aims, :approach, :evidence, :competency_ids,
        :goals, :status, :shared_with_peer, :discussion, :created_at, :updated_at, :version)
ON CONFLICT (user_id, quarter, revision) DO UPDATE SET
    where_from = excluded.where_from, where_now = excluded.where_now, aims = excluded.aims,
    approach = excluded.approach, evidence = excluded.evidence, competency_ids = excluded.competency_ids,
    goals = excluded.goals, status = excluded.status, shared_with_peer = excluded.shared_with_peer,
    discussion = excluded.discussion, updated_at = excluded.updated_at, version = excluded.version
RETURNING created_at)sql");

// --- yearly -----------------------------------------------------------------------------

#define RITME_YEAR_COLUMNS \
    "SELECT user_id, year, challenging, inspiring, rewarding, next_step, notes, created_at, updated_at, version FROM yearly_reviews "
inline constexpr Query find_yearly_review = same(RITME_YEAR_COLUMNS "WHERE user_id = :user_id AND year = :year");
inline constexpr Query list_yearly_reviews = same(RITME_YEAR_COLUMNS "WHERE user_id = :user_id ORDER BY year");
#undef RITME_YEAR_COLUMNS
inline constexpr Query put_yearly_review = same(R"sql(
INSERT INTO yearly_reviews (user_id, year, challenging, inspiring, rewarding, next_step, notes, created_at,
                            updated_at, version)
VALUES (:user_id, :year, :challenging, :inspiring, :rewarding, :next_step, :notes, :created_at, :updated_at,
        :version)
ON CONFLICT (user_id, year) DO UPDATE SET
    challenging = excluded.challenging, inspiring = excluded.inspiring, rewarding = excluded.rewarding,
    next_step = excluded.next_step, notes = excluded.notes, updated_at = excluded.updated_at,
    version = excluded.version
RETURNING created_at)sql");

// --- drafts ---------------------------------------------------------------------------

inline constexpr Query put_draft = same(R"sql(
INSERT INTO drafts (user_id, kind, period, body, updated_at) VALUES (:user_id, :kind, :period, :body, :updated_at)
ON CONFLICT (user_id, kind, period) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at)sql");
#define RITME_DRAFT_COLUMNS "SELECT user_id, kind, period, body, updated_at FROM drafts WHERE user_id = :user_id "
inline constexpr Query find_draft = same(RITME_DRAFT_COLUMNS "AND kind = :kind AND period = :period");
inline constexpr Query list_drafts =
    same(RITME_DRAFT_COLUMNS R"sql(ORDER BY updated_at DESC, kind COLLATE "C", period DESC)sql");
#undef RITME_DRAFT_COLUMNS
inline constexpr Query delete_draft = same("DELETE FROM drafts WHERE user_id = :user_id AND kind = :kind AND period = :period");

// --- removing a level's item, and the trash --------------------------------------------

inline constexpr Query delete_weekly_review = same("DELETE FROM weekly_reviews WHERE user_id = :user_id AND week = :week");
inline constexpr Query delete_monthly_reflection =
    same("DELETE FROM monthly_reflections WHERE user_id = :user_id AND month = :month");
inline constexpr Query delete_learning_contract =
    same("DELETE FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter");
inline constexpr Query delete_yearly_review = same("DELETE FROM yearly_reviews WHERE user_id = :user_id AND year = :year");

inline constexpr Query insert_trashed_item = same(R"sql(
INSERT INTO trash (id, user_id, kind, period, record, deleted_at)
VALUES (:id, :user_id, :kind, :period, :record, :deleted_at))sql");
#define RITME_TRASH_COLUMNS "SELECT id, user_id, kind, period, record, deleted_at FROM trash WHERE user_id = :user_id "
inline constexpr Query find_trashed_item = same(RITME_TRASH_COLUMNS "AND id = :id");
inline constexpr Query list_trashed_items = same(RITME_TRASH_COLUMNS R"sql(ORDER BY deleted_at DESC, id COLLATE "C")sql");
#undef RITME_TRASH_COLUMNS
inline constexpr Query delete_trashed_item = same("DELETE FROM trash WHERE user_id = :user_id AND id = :id");
inline constexpr Query erase_trashed_before = same("DELETE FROM trash WHERE deleted_at < :before");

// --- the fixed colleague (peer) ----------------------------------------------------------

inline constexpr Query peer_of = same("SELECT peer_id FROM users WHERE id = :id");
// Every change to who is whose peer first takes the rows of the people concerned: on
// PostgreSQL it locks them, in id order (so two changes never wait on each other in a
// circle), and the checks that follow still hold at the commit. Answers who exists.
inline constexpr Query lock_people{"SELECT id FROM users WHERE id IN (:a, :b)",
                                   R"sql(SELECT id FROM users WHERE id IN (:a, :b) ORDER BY id COLLATE "C" FOR UPDATE)sql"};
inline constexpr Query count_invitations_between = same(R"sql(
SELECT count(*) FROM peer_invitations
WHERE (from_user_id = :a AND to_user_id = :b) OR (from_user_id = :b AND to_user_id = :a))sql");
inline constexpr Query insert_peer_invitation = same(R"sql(
INSERT INTO peer_invitations (id, from_user_id, to_user_id, created_at)
VALUES (:id, :from_user_id, :to_user_id, :created_at))sql");
inline constexpr Query find_peer_invitation =
    same("SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations WHERE id = :id");
inline constexpr Query list_peer_invitations = same(R"sql(
SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations
WHERE from_user_id = :user_id OR to_user_id = :user_id ORDER BY created_at, id COLLATE "C")sql");
inline constexpr Query delete_peer_invitation = same("DELETE FROM peer_invitations WHERE id = :id");
inline constexpr Query delete_invitations_of_pair = same(R"sql(
DELETE FROM peer_invitations WHERE from_user_id IN (:a, :b) OR to_user_id IN (:a, :b))sql");
inline constexpr Query set_peer = same("UPDATE users SET peer_id = :peer_id WHERE id = :id");
inline constexpr Query insert_peer_pair = same(R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at) VALUES (:id, :user_a, :user_b, :started_at))sql");
inline constexpr Query end_peer_pairs = same(R"sql(
UPDATE peer_pairs SET ended_at = :at
WHERE ended_at IS NULL AND (user_a IN (:a, :b) OR user_b IN (:a, :b)))sql");
inline constexpr Query clear_peers = same("UPDATE users SET peer_id = NULL WHERE id IN (:a, :b)");
// Nothing either of the two shared stays shared once the pair ends.
inline constexpr Query unshare_diary_entries = same(R"sql(
UPDATE diary_entries SET shared_with_peer = FALSE WHERE user_id IN (:a, :b) AND shared_with_peer)sql");
inline constexpr Query unshare_weekly_reviews = same(R"sql(
UPDATE weekly_reviews SET shared_with_peer = FALSE WHERE user_id IN (:a, :b) AND shared_with_peer)sql");
inline constexpr Query unshare_contracts = same(R"sql(
UPDATE learning_contracts
SET shared_with_peer = FALSE, status = CASE WHEN status = 'shared' THEN 'draft' ELSE status END
WHERE user_id IN (:a, :b) AND (shared_with_peer OR status = 'shared'))sql");
inline constexpr Query delete_openings_of_pair = same(R"sql(
DELETE FROM peer_openings WHERE owner_id IN (:a, :b) OR viewer_id IN (:a, :b))sql");
inline constexpr Query find_meeting_slot = same(R"sql(
SELECT meeting_weekday, meeting_minute_of_day, meeting_duration_minutes, meeting_timezone FROM peer_pairs
WHERE ended_at IS NULL AND (user_a = :user_id OR user_b = :user_id) AND meeting_weekday IS NOT NULL)sql");
inline constexpr Query set_meeting_slot = same(R"sql(
UPDATE peer_pairs SET meeting_weekday = :weekday, meeting_minute_of_day = :minute_of_day,
    meeting_duration_minutes = :duration_minutes, meeting_timezone = :timezone
WHERE ended_at IS NULL AND (user_a = :user_id OR user_b = :user_id))sql");
inline constexpr Query record_peer_opening = same(R"sql(
INSERT INTO peer_openings (owner_id, kind, period, viewer_id, first_opened_at, last_opened_at)
VALUES (:owner_id, :kind, :period, :viewer_id, :first_opened_at, :last_opened_at)
ON CONFLICT (owner_id, kind, period, viewer_id) DO UPDATE SET last_opened_at =
    CASE WHEN excluded.last_opened_at > peer_openings.last_opened_at THEN excluded.last_opened_at
         ELSE peer_openings.last_opened_at END)sql");
inline constexpr Query list_peer_pairs = same(R"sql(
SELECT id, user_a, user_b, started_at, ended_at, meeting_weekday, meeting_minute_of_day, meeting_duration_minutes,
       meeting_timezone
FROM peer_pairs ORDER BY started_at, id COLLATE "C")sql");
inline constexpr Query import_peer_pair = same(R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at, ended_at, meeting_weekday, meeting_minute_of_day,
                        meeting_duration_minutes, meeting_timezone)
VALUES (:id, :user_a, :user_b, :started_at, :ended_at, :weekday, :minute_of_day, :duration_minutes, :timezone))sql");
inline constexpr Query list_peer_openings = same(R"sql(
SELECT owner_id, kind, period, viewer_id, first_opened_at, last_opened_at FROM peer_openings
WHERE owner_id = :owner_id ORDER BY period DESC, kind COLLATE "C", viewer_id COLLATE "C")sql");

// --- events -------------------------------------------------------------------------------

inline constexpr Query insert_event = same(R"sql(
INSERT INTO events (id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id,
                    created_at)
VALUES (:id, :kind, :title, :starts_at, :ends_at, :location, :description, :capacity, :organiser_id, :series_id,
        :created_at))sql");
#define RITME_EVENT_COLUMNS                                                                                      \
    "SELECT e.id, e.kind, e.title, e.starts_at, e.ends_at, e.location, e.description, e.capacity, e.organiser_id, " \
    "e.series_id, e.created_at "
inline constexpr Query find_event = same(RITME_EVENT_COLUMNS "FROM events AS e WHERE e.id = :id");
// Overlapping [from, to): an event starts before the window ends and ends after it starts.
inline constexpr Query list_events = same(RITME_EVENT_COLUMNS R"sql(
FROM events AS e WHERE e.starts_at < :to AND e.ends_at > :from ORDER BY e.starts_at, e.id COLLATE "C")sql");
inline constexpr Query events_going = same(RITME_EVENT_COLUMNS R"sql(
FROM event_rsvps AS r JOIN events AS e ON e.id = r.event_id
WHERE r.user_id = :user_id AND r.status = 'going' AND e.starts_at < :to AND e.ends_at > :from
ORDER BY e.starts_at, e.id COLLATE "C")sql");
#undef RITME_EVENT_COLUMNS
inline constexpr Query update_event = same(R"sql(
UPDATE events SET title = :title, starts_at = :starts_at, ends_at = :ends_at, location = :location,
    description = :description, capacity = :capacity
WHERE id = :id)sql");
inline constexpr Query delete_event = same("DELETE FROM events WHERE id = :id");
inline constexpr Query orphan_events_of = same("UPDATE events SET organiser_id = '' WHERE organiser_id = :id");
// One capacity check for that event (or session) at a time: on PostgreSQL the row is locked.
inline constexpr Query event_capacity{"SELECT capacity FROM events WHERE id = :id",
                                      "SELECT capacity FROM events WHERE id = :id FOR UPDATE"};
inline constexpr Query session_capacity{"SELECT capacity FROM event_sessions WHERE id = :id",
                                        "SELECT capacity FROM event_sessions WHERE id = :id FOR UPDATE"};
inline constexpr Query rsvp_of = same("SELECT status FROM event_rsvps WHERE event_id = :event_id AND user_id = :user_id");
inline constexpr Query count_going =
    same("SELECT count(*) FROM event_rsvps WHERE event_id = :event_id AND status = 'going'");
inline constexpr Query put_rsvp = same(R"sql(
INSERT INTO event_rsvps (event_id, user_id, status, at) VALUES (:event_id, :user_id, :status, :at)
ON CONFLICT (event_id, user_id) DO UPDATE SET status = excluded.status, at = excluded.at)sql");
inline constexpr Query list_rsvps = same(R"sql(
SELECT event_id, user_id, status, at FROM event_rsvps WHERE event_id = :event_id ORDER BY user_id COLLATE "C")sql");
inline constexpr Query list_session_signups = same(R"sql(
SELECT session_id, user_id, at FROM session_signups WHERE session_id = :session_id ORDER BY user_id COLLATE "C")sql");
inline constexpr Query insert_event_session = same(R"sql(
INSERT INTO event_sessions (id, event_id, title, host, description, starts_at, ends_at, capacity)
VALUES (:id, :event_id, :title, :host, :description, :starts_at, :ends_at, :capacity))sql");
inline constexpr Query find_event_session = same(R"sql(
SELECT id, event_id, title, host, description, starts_at, ends_at, capacity FROM event_sessions WHERE id = :id)sql");
inline constexpr Query delete_event_session = same("DELETE FROM event_sessions WHERE id = :id AND event_id = :event_id");
inline constexpr Query event_programme = same(R"sql(
SELECT s.id, s.event_id, s.title, s.host, s.description, s.starts_at, s.ends_at, s.capacity,
       (SELECT count(*) FROM session_signups AS g WHERE g.session_id = s.id),
       CASE WHEN EXISTS (SELECT 1 FROM session_signups AS m WHERE m.session_id = s.id AND m.user_id = :user_id)
            THEN 1 ELSE 0 END
FROM event_sessions AS s WHERE s.event_id = :event_id ORDER BY s.starts_at, s.id COLLATE "C")sql");
inline constexpr Query count_signups = same("SELECT count(*) FROM session_signups WHERE session_id = :session_id");
inline constexpr Query count_signup_of =
    same("SELECT count(*) FROM session_signups WHERE session_id = :session_id AND user_id = :user_id");
inline constexpr Query insert_signup =
    same("INSERT INTO session_signups (session_id, user_id, at) VALUES (:session_id, :user_id, :at)");
inline constexpr Query delete_signup =
    same("DELETE FROM session_signups WHERE session_id = :session_id AND user_id = :user_id");

// --- reminders ------------------------------------------------------------------------------

inline constexpr Query reminder_levels_of = same(R"sql(
SELECT user_id, level, enabled, minute_of_day, weekday FROM reminder_settings WHERE user_id = :user_id)sql");
inline constexpr Query put_reminder_level = same(R"sql(
INSERT INTO reminder_settings (user_id, level, enabled, minute_of_day, weekday)
VALUES (:user_id, :level, :enabled, :minute_of_day, :weekday)
ON CONFLICT (user_id, level) DO UPDATE SET
    enabled = excluded.enabled, minute_of_day = excluded.minute_of_day, weekday = excluded.weekday)sql");
inline constexpr Query active_reminder_levels = same(R"sql(
SELECT s.user_id, s.level, s.enabled, s.minute_of_day, s.weekday FROM reminder_settings AS s
WHERE s.user_id IN (SELECT user_id FROM reminder_settings WHERE enabled)
ORDER BY s.user_id COLLATE "C")sql");
// Changes no row when the person already has a job for that level and period.
inline constexpr Query enqueue_reminder = same(R"sql(
INSERT INTO reminder_jobs (id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)
VALUES (:id, :user_id, :level, :period, :due_at, 'pending', 0, '', 0, NULL)
ON CONFLICT (user_id, level, period) DO NOTHING)sql");
// Run in a write transaction. SQLite: its write lock is held from the choice of jobs to
// the commit, so a claim in another process waits and then sees them taken. PostgreSQL:
// the jobs chosen are locked, and jobs another claim has locked are passed over (SKIP
// LOCKED), so concurrent claims on any node take different jobs and never wait on each
// other; a job taken and committed meanwhile is re-checked (READ COMMITTED re-reads a
// changed row) and so left alone.
#define RITME_CLAIM_REMINDERS(LOCKED)                                                                        \
    "UPDATE reminder_jobs SET state = 'claimed', claimed_by = :worker, lease_until = :lease_until "             \
    "WHERE id IN (SELECT id FROM reminder_jobs "                                                               \
    "WHERE (state = 'pending' AND due_at <= :now) OR (state = 'claimed' AND lease_until <= :now) "             \
    "ORDER BY due_at, id COLLATE \"C\" LIMIT :limit" LOCKED ") "                                               \
    "RETURNING id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at"
inline constexpr Query claim_reminders{RITME_CLAIM_REMINDERS(""), RITME_CLAIM_REMINDERS(" FOR UPDATE SKIP LOCKED")};
#undef RITME_CLAIM_REMINDERS
inline constexpr Query mark_reminder_sent = same("UPDATE reminder_jobs SET state = 'sent', sent_at = :at WHERE id = :id");
inline constexpr Query release_reminder = same(R"sql(
UPDATE reminder_jobs SET state = 'pending', due_at = :retry_at, attempts = attempts + 1, claimed_by = '',
    lease_until = 0
WHERE id = :id AND state <> 'sent')sql");
inline constexpr Query list_reminder_jobs = same(R"sql(
SELECT id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at FROM reminder_jobs
WHERE user_id = :user_id ORDER BY due_at, id COLLATE "C")sql");

// --- the calendar feed ------------------------------------------------------------------------

inline constexpr Query calendar_token_of = same("SELECT token FROM calendar_tokens WHERE user_id = :user_id");
inline constexpr Query put_calendar_token = same(R"sql(
INSERT INTO calendar_tokens (user_id, token) VALUES (:user_id, :token)
ON CONFLICT (user_id) DO UPDATE SET token = excluded.token)sql");
inline constexpr Query user_of_calendar_token = same("SELECT user_id FROM calendar_tokens WHERE token = :token");

// --- organisation counts ----------------------------------------------------------------

// One statement, so all counts come from one snapshot. Each count walks the people and
// asks their own (user_id, period) keys, rather than scanning every period's rows.
// Periods are bounded by the weeks, months and quarters that touch [from, to].
inline constexpr Query participation = same(R"sql(
SELECT
  (SELECT count(*) FROM users WHERE role IN ('member', 'admin') AND id <> :leaving_out),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND u.id <> :leaving_out AND EXISTS (
      SELECT 1 FROM diary_entries AS e WHERE e.user_id = u.id AND e.day >= :from AND e.day <= :to)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND u.id <> :leaving_out AND EXISTS (
      SELECT 1 FROM weekly_reviews AS w
      WHERE w.user_id = u.id AND w.week >= :first_week AND w.week <= :last_week AND w.peer_meeting_held)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND u.id <> :leaving_out AND EXISTS (
      SELECT 1 FROM monthly_reflections AS m
      WHERE m.user_id = u.id AND m.month >= :first_month AND m.month <= :last_month)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND u.id <> :leaving_out AND EXISTS (
      SELECT 1 FROM learning_contracts AS c
      WHERE c.user_id = u.id AND c.quarter >= :first_quarter AND c.quarter <= :last_quarter
        AND c.status = 'agreed'
        AND c.revision = (SELECT max(r.revision) FROM learning_contracts AS r
                          WHERE r.user_id = c.user_id AND r.quarter = c.quarter))))sql");

}  // namespace ritme::storage::queries

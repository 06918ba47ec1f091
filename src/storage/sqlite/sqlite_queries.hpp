#pragma once
// Every statement of the SQLite store, by name. Values only ever travel as :name binds.
namespace ritme::storage::queries {

// --- connection and transactions ------------------------------------------------------

inline constexpr const char* journal_mode_wal = "PRAGMA journal_mode = WAL";
inline constexpr const char* synchronous_full = "PRAGMA synchronous = FULL";
inline constexpr const char* busy_timeout_5s = "PRAGMA busy_timeout = 5000";
inline constexpr const char* foreign_keys_on = "PRAGMA foreign_keys = ON";
inline constexpr const char* journal_mode = "PRAGMA journal_mode";
inline constexpr const char* synchronous = "PRAGMA synchronous";
inline constexpr const char* busy_timeout = "PRAGMA busy_timeout";
inline constexpr const char* foreign_keys = "PRAGMA foreign_keys";

// IMMEDIATE takes the write lock up front: a transaction that reads and then writes can't
// then fail on a write that another connection made in between.
inline constexpr const char* begin_write = "BEGIN IMMEDIATE";
inline constexpr const char* begin_read = "BEGIN";
inline constexpr const char* commit = "COMMIT";
inline constexpr const char* rollback = "ROLLBACK";

inline constexpr const char* ping = "SELECT 1";
inline constexpr const char* last_insert_rowid = "SELECT last_insert_rowid()";

// --- migrations -------------------------------------------------------------------------

inline constexpr const char* migration_applied = "SELECT count(*) FROM schema_migrations WHERE version = :version";
inline constexpr const char* record_migration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (:version, :applied_at)";
inline constexpr const char* schema_version = "SELECT coalesce(max(version), 0) FROM schema_migrations";

// --- settings ---------------------------------------------------------------------------

inline constexpr const char* find_setting = "SELECT value FROM settings WHERE key = :key";
inline constexpr const char* put_setting = R"sql(
INSERT INTO settings (key, value) VALUES (:key, :value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql";
inline constexpr const char* delete_setting = "DELETE FROM settings WHERE key = :key";
inline constexpr const char* list_settings = "SELECT key, value FROM settings ORDER BY key";

// --- people -----------------------------------------------------------------------------

inline constexpr const char* count_users = "SELECT count(*) FROM users";
inline constexpr const char* count_admins = "SELECT count(*) FROM users WHERE role = 'admin'";
inline constexpr const char* count_users_with_email = "SELECT count(*) FROM users WHERE email = :email";
inline constexpr const char* insert_user = R"sql(
INSERT INTO users (id, email, name, role, locale, timezone, workdays, peer_id, password_hash, created_at)
VALUES (:id, :email, :name, :role, :locale, :timezone, :workdays, NULL, :password_hash, :created_at))sql";
inline constexpr const char* find_user = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users WHERE id = :id)sql";
inline constexpr const char* find_user_by_email = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users WHERE email = :email)sql";
inline constexpr const char* list_users = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users ORDER BY name COLLATE NOCASE, email)sql";
inline constexpr const char* find_password_hash = "SELECT password_hash FROM users WHERE id = :id";
inline constexpr const char* update_profile = R"sql(
UPDATE users SET name = :name, locale = :locale, timezone = :timezone, workdays = :workdays
WHERE id = :id)sql";
inline constexpr const char* set_password_hash = "UPDATE users SET password_hash = :password_hash WHERE id = :id";
inline constexpr const char* end_pairings_with = "UPDATE users SET peer_id = NULL WHERE peer_id = :id";
// Everything else the person wrote goes with them through ON DELETE CASCADE.
inline constexpr const char* delete_user = "DELETE FROM users WHERE id = :id";
// Contracts whose discussion may hold a comment by the person (the needle is their id as
// the JSON of a comment's "by" field); the store then looks at each.
inline constexpr const char* contracts_discussed_by = R"sql(
SELECT user_id, quarter, revision, discussion FROM learning_contracts
WHERE instr(discussion, :needle) > 0)sql";
inline constexpr const char* set_contract_discussion = R"sql(
UPDATE learning_contracts SET discussion = :discussion
WHERE user_id = :user_id AND quarter = :quarter AND revision = :revision)sql";

// --- sessions and access tokens -------------------------------------------------------

inline constexpr const char* insert_session = R"sql(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
VALUES (:token_hash, :user_id, :csrf_token, :created_at, :expires_at))sql";
inline constexpr const char* find_session = R"sql(
SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = :token_hash)sql";
inline constexpr const char* list_sessions = R"sql(
SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions ORDER BY created_at, token_hash)sql";
inline constexpr const char* delete_session = "DELETE FROM sessions WHERE token_hash = :token_hash";
inline constexpr const char* delete_expired_sessions = "DELETE FROM sessions WHERE expires_at <= :now";

inline constexpr const char* insert_access_token = R"sql(
INSERT INTO access_tokens (id, user_id, name, token_hash, created_at)
VALUES (:id, :user_id, :name, :token_hash, :created_at))sql";
inline constexpr const char* find_access_token = R"sql(
SELECT id, user_id, name, token_hash, created_at FROM access_tokens WHERE token_hash = :token_hash)sql";
inline constexpr const char* list_access_tokens = R"sql(
SELECT id, user_id, name, token_hash, created_at FROM access_tokens
WHERE user_id = :user_id ORDER BY created_at, id)sql";
inline constexpr const char* delete_access_token = "DELETE FROM access_tokens WHERE user_id = :user_id AND id = :id";

// --- login throttling -------------------------------------------------------------------

inline constexpr const char* insert_login_failure = "INSERT INTO login_failures (key, at) VALUES (:key, :at)";
inline constexpr const char* login_failures_since =
    "SELECT at FROM login_failures WHERE key = :key AND at >= :since ORDER BY at";
inline constexpr const char* clear_login_failures = "DELETE FROM login_failures WHERE key = :key";

// --- competencies -----------------------------------------------------------------------

inline constexpr const char* list_competencies = R"sql(
SELECT id, name, description, archived FROM competencies ORDER BY name COLLATE NOCASE, id)sql";
inline constexpr const char* find_competency =
    "SELECT id, name, description, archived FROM competencies WHERE id = :id";
inline constexpr const char* count_competencies_with_id = "SELECT count(*) FROM competencies WHERE id = :id";
// The name column compares without case (COLLATE NOCASE).
inline constexpr const char* count_competencies_named = "SELECT count(*) FROM competencies WHERE name = :name";
inline constexpr const char* count_other_competencies_named =
    "SELECT count(*) FROM competencies WHERE name = :name AND id <> :id";
inline constexpr const char* insert_competency = R"sql(
INSERT INTO competencies (id, name, description, archived) VALUES (:id, :name, :description, :archived))sql";
inline constexpr const char* update_competency = R"sql(
UPDATE competencies SET name = :name, description = :description, archived = :archived WHERE id = :id)sql";

// --- daily: the diary -------------------------------------------------------------------

inline constexpr const char* find_diary_entry = R"sql(
SELECT day, learning_moments, handling, key_learning, shared_with_peer, minutes, search_id, created_at, updated_at
FROM diary_entries WHERE user_id = :user_id AND day = :day)sql";

// The competencies and tags of a person's entries in [first, last], for a page at once.
inline constexpr const char* diary_entry_children = R"sql(
SELECT day, 0 AS kind, position, competency_id FROM diary_entry_competencies
WHERE user_id = :user_id AND day >= :first AND day <= :last
UNION ALL
SELECT day, 1 AS kind, position, tag FROM diary_entry_tags
WHERE user_id = :user_id AND day >= :first AND day <= :last
ORDER BY 1, 2, 3)sql";

inline constexpr const char* tags_of_diary_entry =
    "SELECT tag FROM diary_entry_tags WHERE user_id = :user_id AND day = :day ORDER BY position";

inline constexpr const char* insert_diary_entry = R"sql(
INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, shared_with_peer, minutes,
                           search_id, created_at, updated_at)
VALUES (:user_id, :day, :learning_moments, :handling, :key_learning, :shared_with_peer, :minutes,
        :search_id, :created_at, :updated_at))sql";
inline constexpr const char* replace_diary_entry = R"sql(
UPDATE diary_entries SET learning_moments = :learning_moments, handling = :handling, key_learning = :key_learning,
    shared_with_peer = :shared_with_peer, minutes = :minutes, search_id = :search_id, created_at = :created_at,
    updated_at = :updated_at
WHERE user_id = :user_id AND day = :day)sql";
inline constexpr const char* delete_diary_entry = "DELETE FROM diary_entries WHERE user_id = :user_id AND day = :day";
inline constexpr const char* delete_diary_entry_competencies =
    "DELETE FROM diary_entry_competencies WHERE user_id = :user_id AND day = :day";
inline constexpr const char* delete_diary_entry_tags =
    "DELETE FROM diary_entry_tags WHERE user_id = :user_id AND day = :day";
inline constexpr const char* insert_diary_entry_competency = R"sql(
INSERT INTO diary_entry_competencies (user_id, day, position, competency_id)
VALUES (:user_id, :day, :position, :competency_id))sql";
inline constexpr const char* insert_diary_entry_tag = R"sql(
INSERT INTO diary_entry_tags (user_id, day, position, tag) VALUES (:user_id, :day, :position, :tag))sql";

// The search index (values as made by indexed_text()): contentless, so removing a row
// needs the very values it was given.
inline constexpr const char* index_diary_entry = R"sql(
INSERT INTO diary_search (rowid, learning_moments, handling, key_learning, tags)
VALUES (:search_id, :learning_moments, :handling, :key_learning, :tags))sql";
inline constexpr const char* unindex_diary_entry = R"sql(
INSERT INTO diary_search (diary_search, rowid, learning_moments, handling, key_learning, tags)
VALUES ('delete', :search_id, :learning_moments, :handling, :key_learning, :tags))sql";
// Background upkeep: merge index segments, doing about this many pages of work.
inline constexpr const char* merge_diary_search = "INSERT INTO diary_search (diary_search, rank) VALUES ('merge', 256)";
inline constexpr const char* total_changes = "SELECT total_changes()";

// A new entry's row: FTS5 numbers it (read it back with last_insert_rowid).
inline constexpr const char* index_new_diary_entry = R"sql(
INSERT INTO diary_search (learning_moments, handling, key_learning, tags)
VALUES (:learning_moments, :handling, :key_learning, :tags))sql";

// What a person's entries gave their rows in the search index, to remove or rebuild them.
inline constexpr const char* diary_texts_of_user = R"sql(
SELECT day, learning_moments, handling, key_learning, search_id FROM diary_entries WHERE user_id = :user_id)sql";
inline constexpr const char* diary_writers = "SELECT DISTINCT user_id FROM diary_entries";
inline constexpr const char* diary_tags_of_user = R"sql(
SELECT day, tag FROM diary_entry_tags WHERE user_id = :user_id ORDER BY day, position)sql";

// A page of entries, newest first. Absent bounds are bound as "0000-00-00" / "9999-99-99"
// rather than tested for NULL, so the (user_id, day) key serves every range and cursor.
// limit is the page size plus one, to see whether more follow.
inline constexpr const char* list_diary_entries = R"sql(
SELECT e.day, e.learning_moments, e.handling, e.key_learning, e.shared_with_peer, e.minutes, e.search_id,
       e.created_at, e.updated_at
FROM diary_entries AS e
WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.day < :before
  AND (:shared_only = 0 OR e.shared_with_peer = 1)
  AND (:competency_id = '' OR EXISTS (
        SELECT 1 FROM diary_entry_competencies AS c
        WHERE c.user_id = e.user_id AND c.day = e.day AND c.competency_id = :competency_id))
  AND (:tag = '' OR EXISTS (
        SELECT 1 FROM diary_entry_tags AS t
        WHERE t.user_id = e.user_id AND t.day = e.day AND t.tag = :tag COLLATE NOCASE))
ORDER BY e.day DESC
LIMIT :limit)sql";

// The same with full-text search. :match (see search_expression.hpp) holds the person's
// mark, so the index hands back only their matching entries, and looks at nothing else.
inline constexpr const char* search_diary_entries = R"sql(
SELECT e.day, e.learning_moments, e.handling, e.key_learning, e.shared_with_peer, e.minutes, e.search_id,
       e.created_at, e.updated_at
FROM diary_entries AS e
WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.day < :before
  AND (:shared_only = 0 OR e.shared_with_peer = 1)
  AND (:competency_id = '' OR EXISTS (
        SELECT 1 FROM diary_entry_competencies AS c
        WHERE c.user_id = e.user_id AND c.day = e.day AND c.competency_id = :competency_id))
  AND (:tag = '' OR EXISTS (
        SELECT 1 FROM diary_entry_tags AS t
        WHERE t.user_id = e.user_id AND t.day = e.day AND t.tag = :tag COLLATE NOCASE))
  AND e.search_id IN (SELECT rowid FROM diary_search WHERE diary_search MATCH :match)
ORDER BY e.day DESC
LIMIT :limit)sql";

// One row, the days joined by commas: years of days cost less as one text than as rows.
inline constexpr const char* diary_days = R"sql(
SELECT coalesce(group_concat(day, ','), '') FROM diary_entries WHERE user_id = :user_id AND day >= :from AND day <= :to)sql";

// --- weekly -----------------------------------------------------------------------------

inline constexpr const char* find_weekly_review = R"sql(
SELECT week, peer_meeting_held, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation,
       plan_approach, plan_measure, plan_deadline, act, shared_with_peer, created_at, updated_at
FROM weekly_reviews WHERE user_id = :user_id AND week = :week)sql";
inline constexpr const char* list_weekly_reviews = R"sql(
SELECT week, peer_meeting_held, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation,
       plan_approach, plan_measure, plan_deadline, act, shared_with_peer, created_at, updated_at
FROM weekly_reviews WHERE user_id = :user_id ORDER BY week)sql";
inline constexpr const char* weekly_review_created_at =
    "SELECT created_at FROM weekly_reviews WHERE user_id = :user_id AND week = :week";
inline constexpr const char* put_weekly_review = R"sql(
INSERT INTO weekly_reviews (user_id, week, peer_meeting_held, peer_meeting_day, peer_meeting_notes,
                            plan_competency_id, plan_situation, plan_approach, plan_measure, plan_deadline, act,
                            shared_with_peer, created_at, updated_at)
VALUES (:user_id, :week, :peer_meeting_held, :peer_meeting_day, :peer_meeting_notes, :plan_competency_id,
        :plan_situation, :plan_approach, :plan_measure, :plan_deadline, :act, :shared_with_peer, :created_at,
        :updated_at)
ON CONFLICT (user_id, week) DO UPDATE SET
    peer_meeting_held = excluded.peer_meeting_held, peer_meeting_day = excluded.peer_meeting_day,
    peer_meeting_notes = excluded.peer_meeting_notes, plan_competency_id = excluded.plan_competency_id,
    plan_situation = excluded.plan_situation, plan_approach = excluded.plan_approach,
    plan_measure = excluded.plan_measure, plan_deadline = excluded.plan_deadline, act = excluded.act,
    shared_with_peer = excluded.shared_with_peer, updated_at = excluded.updated_at)sql";

// --- monthly ----------------------------------------------------------------------------

inline constexpr const char* find_monthly_reflection = R"sql(
SELECT month, focus_competency_ids, went_well, could_be_better, approach, goal_progress, sol_meeting_attended,
       created_at, updated_at
FROM monthly_reflections WHERE user_id = :user_id AND month = :month)sql";
inline constexpr const char* list_monthly_reflections = R"sql(
SELECT month, focus_competency_ids, went_well, could_be_better, approach, goal_progress, sol_meeting_attended,
       created_at, updated_at
FROM monthly_reflections WHERE user_id = :user_id ORDER BY month)sql";
inline constexpr const char* monthly_reflection_created_at =
    "SELECT created_at FROM monthly_reflections WHERE user_id = :user_id AND month = :month";
inline constexpr const char* put_monthly_reflection = R"sql(
INSERT INTO monthly_reflections (user_id, month, focus_competency_ids, went_well, could_be_better, approach,
                                 goal_progress, sol_meeting_attended, created_at, updated_at)
VALUES (:user_id, :month, :focus_competency_ids, :went_well, :could_be_better, :approach, :goal_progress,
        :sol_meeting_attended, :created_at, :updated_at)
ON CONFLICT (user_id, month) DO UPDATE SET
    focus_competency_ids = excluded.focus_competency_ids, went_well = excluded.went_well,
    could_be_better = excluded.could_be_better, approach = excluded.approach,
    goal_progress = excluded.goal_progress, sol_meeting_attended = excluded.sol_meeting_attended,
    updated_at = excluded.updated_at)sql";

// --- quarterly --------------------------------------------------------------------------

inline constexpr const char* find_current_contract = R"sql(
SELECT quarter, revision, where_from, where_now, aims, approach, evidence, competency_ids, goals, status,
       shared_with_peer, discussion, created_at, updated_at
FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter
ORDER BY revision DESC LIMIT 1)sql";
inline constexpr const char* list_contract_revisions = R"sql(
SELECT quarter, revision, where_from, where_now, aims, approach, evidence, competency_ids, goals, status,
       shared_with_peer, discussion, created_at, updated_at
FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter ORDER BY revision)sql";
inline constexpr const char* list_current_contracts = R"sql(
SELECT c.quarter, c.revision, c.where_from, c.where_now, c.aims, c.approach, c.evidence, c.competency_ids,
       c.goals, c.status, c.shared_with_peer, c.discussion, c.created_at, c.updated_at
FROM learning_contracts AS c
WHERE c.user_id = :user_id
  AND c.revision = (SELECT max(r.revision) FROM learning_contracts AS r
                    WHERE r.user_id = c.user_id AND r.quarter = c.quarter)
ORDER BY c.quarter)sql";
inline constexpr const char* contract_revision_created_at = R"sql(
SELECT created_at FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter AND revision = :revision)sql";
inline constexpr const char* put_contract_revision = R"sql(
INSERT INTO learning_contracts (user_id, quarter, revision, where_from, where_now, aims, approach, evidence,
                                competency_ids, goals, status, shared_with_peer, discussion, created_at,
                                updated_at)
VALUES (:user_id, :quarter, :revision, :where_from, :where_now, :aims, :approach, :evidence, :competency_ids,
        :goals, :status, :shared_with_peer, :discussion, :created_at, :updated_at)
ON CONFLICT (user_id, quarter, revision) DO UPDATE SET
    where_from = excluded.where_from, where_now = excluded.where_now, aims = excluded.aims,
    approach = excluded.approach, evidence = excluded.evidence, competency_ids = excluded.competency_ids,
    goals = excluded.goals, status = excluded.status, shared_with_peer = excluded.shared_with_peer,
    discussion = excluded.discussion, updated_at = excluded.updated_at)sql";

// --- yearly -----------------------------------------------------------------------------

inline constexpr const char* find_yearly_review = R"sql(
SELECT year, challenging, inspiring, rewarding, next_step, notes, created_at, updated_at
FROM yearly_reviews WHERE user_id = :user_id AND year = :year)sql";
inline constexpr const char* list_yearly_reviews = R"sql(
SELECT year, challenging, inspiring, rewarding, next_step, notes, created_at, updated_at
FROM yearly_reviews WHERE user_id = :user_id ORDER BY year)sql";
inline constexpr const char* yearly_review_created_at =
    "SELECT created_at FROM yearly_reviews WHERE user_id = :user_id AND year = :year";
inline constexpr const char* put_yearly_review = R"sql(
INSERT INTO yearly_reviews (user_id, year, challenging, inspiring, rewarding, next_step, notes, created_at,
                            updated_at)
VALUES (:user_id, :year, :challenging, :inspiring, :rewarding, :next_step, :notes, :created_at, :updated_at)
ON CONFLICT (user_id, year) DO UPDATE SET
    challenging = excluded.challenging, inspiring = excluded.inspiring, rewarding = excluded.rewarding,
    next_step = excluded.next_step, notes = excluded.notes, updated_at = excluded.updated_at)sql";

// --- the fixed colleague (peer) ----------------------------------------------------------

inline constexpr const char* peer_of = "SELECT peer_id FROM users WHERE id = :id";
inline constexpr const char* count_users_with_id = "SELECT count(*) FROM users WHERE id = :id";
inline constexpr const char* count_invitations_between = R"sql(
SELECT count(*) FROM peer_invitations
WHERE (from_user_id = :a AND to_user_id = :b) OR (from_user_id = :b AND to_user_id = :a))sql";
inline constexpr const char* insert_peer_invitation = R"sql(
INSERT INTO peer_invitations (id, from_user_id, to_user_id, created_at)
VALUES (:id, :from_user_id, :to_user_id, :created_at))sql";
inline constexpr const char* find_peer_invitation =
    "SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations WHERE id = :id";
inline constexpr const char* list_peer_invitations = R"sql(
SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations
WHERE from_user_id = :user_id OR to_user_id = :user_id ORDER BY created_at, id)sql";
inline constexpr const char* list_all_peer_invitations =
    "SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations ORDER BY created_at, id";
inline constexpr const char* delete_peer_invitation = "DELETE FROM peer_invitations WHERE id = :id";
inline constexpr const char* delete_invitations_of_pair = R"sql(
DELETE FROM peer_invitations
WHERE from_user_id IN (:a, :b) OR to_user_id IN (:a, :b))sql";
inline constexpr const char* set_peer = "UPDATE users SET peer_id = :peer_id WHERE id = :id";
inline constexpr const char* insert_peer_pair = R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at) VALUES (:id, :user_a, :user_b, :started_at))sql";
inline constexpr const char* end_peer_pairs = R"sql(
UPDATE peer_pairs SET ended_at = :at
WHERE ended_at IS NULL AND (user_a IN (:a, :b) OR user_b IN (:a, :b)))sql";
inline constexpr const char* clear_peers = "UPDATE users SET peer_id = NULL WHERE id IN (:a, :b)";
// Nothing either of the two shared stays shared once the pair ends.
inline constexpr const char* unshare_diary_entries = R"sql(
UPDATE diary_entries SET shared_with_peer = 0 WHERE user_id IN (:a, :b) AND shared_with_peer = 1)sql";
inline constexpr const char* unshare_weekly_reviews = R"sql(
UPDATE weekly_reviews SET shared_with_peer = 0 WHERE user_id IN (:a, :b) AND shared_with_peer = 1)sql";
inline constexpr const char* unshare_contracts = R"sql(
UPDATE learning_contracts
SET shared_with_peer = 0, status = CASE WHEN status = 'shared' THEN 'draft' ELSE status END
WHERE user_id IN (:a, :b) AND (shared_with_peer = 1 OR status = 'shared'))sql";
inline constexpr const char* delete_openings_of_pair = R"sql(
DELETE FROM peer_openings WHERE owner_id IN (:a, :b) OR viewer_id IN (:a, :b))sql";
inline constexpr const char* find_meeting_slot = R"sql(
SELECT meeting_weekday, meeting_minute_of_day, meeting_duration_minutes, meeting_timezone FROM peer_pairs
WHERE ended_at IS NULL AND (user_a = :user_id OR user_b = :user_id) AND meeting_weekday IS NOT NULL)sql";
inline constexpr const char* set_meeting_slot = R"sql(
UPDATE peer_pairs SET meeting_weekday = :weekday, meeting_minute_of_day = :minute_of_day,
    meeting_duration_minutes = :duration_minutes, meeting_timezone = :timezone
WHERE ended_at IS NULL AND (user_a = :user_id OR user_b = :user_id))sql";
inline constexpr const char* record_peer_opening = R"sql(
INSERT INTO peer_openings (owner_id, kind, period, viewer_id, first_opened_at, last_opened_at)
VALUES (:owner_id, :kind, :period, :viewer_id, :first_opened_at, :last_opened_at)
ON CONFLICT (owner_id, kind, period, viewer_id) DO UPDATE SET
    last_opened_at = max(last_opened_at, excluded.last_opened_at))sql";
inline constexpr const char* list_peer_openings = R"sql(
SELECT owner_id, kind, period, viewer_id, first_opened_at, last_opened_at FROM peer_openings
WHERE owner_id = :owner_id ORDER BY period DESC, kind, viewer_id)sql";
inline constexpr const char* list_all_peer_openings = R"sql(
SELECT owner_id, kind, period, viewer_id, first_opened_at, last_opened_at FROM peer_openings
ORDER BY owner_id, period, kind, viewer_id)sql";
inline constexpr const char* list_all_peer_pairs = R"sql(
SELECT id, user_a, user_b, started_at, ended_at, meeting_weekday, meeting_minute_of_day,
       meeting_duration_minutes, meeting_timezone
FROM peer_pairs ORDER BY started_at, id)sql";
inline constexpr const char* insert_full_peer_pair = R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at, ended_at, meeting_weekday, meeting_minute_of_day,
                        meeting_duration_minutes, meeting_timezone)
VALUES (:id, :user_a, :user_b, :started_at, :ended_at, :meeting_weekday, :meeting_minute_of_day,
        :meeting_duration_minutes, :meeting_timezone))sql";

// --- events -------------------------------------------------------------------------------

inline constexpr const char* insert_event = R"sql(
INSERT INTO events (id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id,
                    created_at)
VALUES (:id, :kind, :title, :starts_at, :ends_at, :location, :description, :capacity, :organiser_id, :series_id,
        :created_at))sql";
inline constexpr const char* find_event = R"sql(
SELECT id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id, created_at
FROM events WHERE id = :id)sql";
inline constexpr const char* update_event = R"sql(
UPDATE events SET title = :title, starts_at = :starts_at, ends_at = :ends_at, location = :location,
    description = :description, capacity = :capacity
WHERE id = :id)sql";
inline constexpr const char* delete_event = "DELETE FROM events WHERE id = :id";
// Overlapping [from, to): an event starts before the window ends and ends after it starts.
inline constexpr const char* list_events = R"sql(
SELECT id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id, created_at
FROM events WHERE starts_at < :to AND ends_at > :from ORDER BY starts_at, id)sql";
inline constexpr const char* list_all_events = R"sql(
SELECT id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id, created_at
FROM events ORDER BY starts_at, id)sql";
inline constexpr const char* events_going = R"sql(
SELECT e.id, e.kind, e.title, e.starts_at, e.ends_at, e.location, e.description, e.capacity, e.organiser_id,
       e.series_id, e.created_at
FROM event_rsvps AS r JOIN events AS e ON e.id = r.event_id
WHERE r.user_id = :user_id AND r.status = 'going' AND e.starts_at < :to AND e.ends_at > :from
ORDER BY e.starts_at, e.id)sql";
inline constexpr const char* orphan_events_of = "UPDATE events SET organiser_id = '' WHERE organiser_id = :id";
inline constexpr const char* event_capacity = "SELECT capacity FROM events WHERE id = :id";
inline constexpr const char* rsvp_of = "SELECT status FROM event_rsvps WHERE event_id = :event_id AND user_id = :user_id";
inline constexpr const char* count_going =
    "SELECT count(*) FROM event_rsvps WHERE event_id = :event_id AND status = 'going'";
inline constexpr const char* put_rsvp = R"sql(
INSERT INTO event_rsvps (event_id, user_id, status, at) VALUES (:event_id, :user_id, :status, :at)
ON CONFLICT (event_id, user_id) DO UPDATE SET status = excluded.status, at = excluded.at)sql";
inline constexpr const char* list_all_rsvps =
    "SELECT event_id, user_id, status, at FROM event_rsvps ORDER BY event_id, user_id";
inline constexpr const char* insert_event_session = R"sql(
INSERT INTO event_sessions (id, event_id, title, host, description, starts_at, ends_at, capacity)
VALUES (:id, :event_id, :title, :host, :description, :starts_at, :ends_at, :capacity))sql";
inline constexpr const char* find_event_session = R"sql(
SELECT id, event_id, title, host, description, starts_at, ends_at, capacity FROM event_sessions WHERE id = :id)sql";
inline constexpr const char* delete_event_session =
    "DELETE FROM event_sessions WHERE id = :id AND event_id = :event_id";
inline constexpr const char* event_programme = R"sql(
SELECT s.id, s.event_id, s.title, s.host, s.description, s.starts_at, s.ends_at, s.capacity,
       (SELECT count(*) FROM session_signups AS g WHERE g.session_id = s.id),
       EXISTS (SELECT 1 FROM session_signups AS m WHERE m.session_id = s.id AND m.user_id = :user_id)
FROM event_sessions AS s WHERE s.event_id = :event_id ORDER BY s.starts_at, s.id)sql";
inline constexpr const char* list_all_event_sessions = R"sql(
SELECT id, event_id, title, host, description, starts_at, ends_at, capacity FROM event_sessions
ORDER BY event_id, starts_at, id)sql";
inline constexpr const char* session_capacity = "SELECT capacity FROM event_sessions WHERE id = :id";
inline constexpr const char* count_signups = "SELECT count(*) FROM session_signups WHERE session_id = :session_id";
inline constexpr const char* count_signup_of =
    "SELECT count(*) FROM session_signups WHERE session_id = :session_id AND user_id = :user_id";
inline constexpr const char* insert_signup =
    "INSERT INTO session_signups (session_id, user_id, at) VALUES (:session_id, :user_id, :at)";
inline constexpr const char* delete_signup =
    "DELETE FROM session_signups WHERE session_id = :session_id AND user_id = :user_id";
inline constexpr const char* list_all_signups =
    "SELECT session_id, user_id, at FROM session_signups ORDER BY session_id, user_id";

// --- reminders ------------------------------------------------------------------------------

inline constexpr const char* reminder_levels_of = R"sql(
SELECT user_id, level, enabled, minute_of_day, weekday FROM reminder_settings WHERE user_id = :user_id)sql";
inline constexpr const char* put_reminder_level = R"sql(
INSERT INTO reminder_settings (user_id, level, enabled, minute_of_day, weekday)
VALUES (:user_id, :level, :enabled, :minute_of_day, :weekday)
ON CONFLICT (user_id, level) DO UPDATE SET
    enabled = excluded.enabled, minute_of_day = excluded.minute_of_day, weekday = excluded.weekday)sql";
inline constexpr const char* active_reminder_levels = R"sql(
SELECT s.user_id, s.level, s.enabled, s.minute_of_day, s.weekday FROM reminder_settings AS s
WHERE s.user_id IN (SELECT user_id FROM reminder_settings WHERE enabled = 1)
ORDER BY s.user_id)sql";
inline constexpr const char* all_reminder_levels = R"sql(
SELECT user_id, level, enabled, minute_of_day, weekday FROM reminder_settings ORDER BY user_id)sql";
// Answers no row change when the person already has a job for that level and period.
inline constexpr const char* enqueue_reminder = R"sql(
INSERT INTO reminder_jobs (id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)
VALUES (:id, :user_id, :level, :period, :due_at, 'pending', 0, '', 0, NULL)
ON CONFLICT (user_id, level, period) DO NOTHING)sql";
inline constexpr const char* insert_reminder_job = R"sql(
INSERT INTO reminder_jobs (id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)
VALUES (:id, :user_id, :level, :period, :due_at, :state, :attempts, :claimed_by, :lease_until, :sent_at)
ON CONFLICT (user_id, level, period) DO NOTHING)sql";
// Run inside a write transaction, so no other claim, in this or another process, comes in
// between choosing the jobs and taking them.
inline constexpr const char* claim_reminders = R"sql(
UPDATE reminder_jobs SET state = 'claimed', claimed_by = :worker, lease_until = :lease_until
WHERE id IN (SELECT id FROM reminder_jobs
             WHERE (state = 'pending' AND due_at <= :now) OR (state = 'claimed' AND lease_until <= :now)
             ORDER BY due_at, id LIMIT :limit)
RETURNING id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)sql";
inline constexpr const char* mark_reminder_sent = R"sql(
UPDATE reminder_jobs SET state = 'sent', sent_at = :at WHERE id = :id)sql";
inline constexpr const char* release_reminder = R"sql(
UPDATE reminder_jobs SET state = 'pending', due_at = :retry_at, attempts = attempts + 1, claimed_by = '',
    lease_until = 0
WHERE id = :id AND state <> 'sent')sql";
inline constexpr const char* list_reminder_jobs = R"sql(
SELECT id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at FROM reminder_jobs
WHERE user_id = :user_id ORDER BY due_at, id)sql";
inline constexpr const char* list_all_reminder_jobs = R"sql(
SELECT id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at FROM reminder_jobs
ORDER BY due_at, id)sql";

// --- the calendar feed ------------------------------------------------------------------------

inline constexpr const char* calendar_token_of = "SELECT token FROM calendar_tokens WHERE user_id = :user_id";
inline constexpr const char* put_calendar_token = R"sql(
INSERT INTO calendar_tokens (user_id, token) VALUES (:user_id, :token)
ON CONFLICT (user_id) DO UPDATE SET token = excluded.token)sql";
inline constexpr const char* user_of_calendar_token = "SELECT user_id FROM calendar_tokens WHERE token = :token";
inline constexpr const char* list_all_calendar_tokens = "SELECT user_id, token FROM calendar_tokens ORDER BY user_id";

// --- organisation counts ----------------------------------------------------------------

// One statement, so all counts come from one snapshot. Each count walks the people and
// asks their own (user_id, period) keys, rather than scanning every period's rows.
// Periods are bounded by the weeks, months and quarters that touch [from, to].
inline constexpr const char* participation = R"sql(
SELECT
  (SELECT count(*) FROM users WHERE role IN ('member', 'admin')),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM diary_entries AS e WHERE e.user_id = u.id AND e.day >= :from AND e.day <= :to)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM weekly_reviews AS w
      WHERE w.user_id = u.id AND w.week >= :first_week AND w.week <= :last_week AND w.peer_meeting_held = 1)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM monthly_reflections AS m
      WHERE m.user_id = u.id AND m.month >= :first_month AND m.month <= :last_month)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM learning_contracts AS c
      WHERE c.user_id = u.id AND c.quarter >= :first_quarter AND c.quarter <= :last_quarter
        AND c.status = 'agreed'
        AND c.revision = (SELECT max(r.revision) FROM learning_contracts AS r
                          WHERE r.user_id = c.user_id AND r.quarter = c.quarter))))sql";

}  // namespace ritme::storage::queries

#pragma once
// Every statement of the PostgreSQL store, by name. Values only ever travel as :name binds
// (SOCI turns them into $1, $2, ...; a name used twice is bound twice to the same value).
// Booleans are read as integers (x::int) and written from 0/1 (CAST(:x AS integer) = 1);
// JSONB is read as its text and written with CAST(:x AS jsonb).
namespace ritme::storage::postgres::queries {

// --- connection, transactions, migrations -----------------------------------------------

inline constexpr const char* set_timezone_utc = "SET TIME ZONE 'UTC'";
// Notices ("relation ... already exists, skipping") would go to stderr, among the log lines.
inline constexpr const char* quiet_notices = "SET client_min_messages = warning";
// A write that waits this long for a row lock fails rather than hang a request.
inline constexpr const char* set_lock_timeout = "SET lock_timeout = '10s'";
inline constexpr const char* begin = "BEGIN";
inline constexpr const char* commit = "COMMIT";
inline constexpr const char* rollback = "ROLLBACK";
inline constexpr const char* ping = "SELECT 1";

// Advisory lock keys of the store (any fixed numbers; "ritme" in ASCII, then a counter).
inline constexpr const char* lock_migrations = "SELECT pg_advisory_lock(7236116109101001)";
inline constexpr const char* unlock_migrations = "SELECT pg_advisory_unlock(7236116109101001)";
// Held to the end of the transaction: one first-admin check, one competency name check
// at a time.
inline constexpr const char* lock_people = "SELECT pg_advisory_xact_lock(7236116109101002)";
inline constexpr const char* lock_competencies = "SELECT pg_advisory_xact_lock(7236116109101003)";

inline constexpr const char* record_migration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (:version, :applied_at)";
inline constexpr const char* schema_version = "SELECT coalesce(max(version), 0) FROM schema_migrations";

// --- settings ---------------------------------------------------------------------------

inline constexpr const char* find_setting = "SELECT value FROM settings WHERE key = :key";
inline constexpr const char* list_settings = "SELECT key, value FROM settings ORDER BY key COLLATE \"C\"";
inline constexpr const char* put_setting = R"sql(
INSERT INTO settings (key, value) VALUES (:key, :value)
ON CONFLICT (key) DO UPDATE SET value = excluded.value)sql";
inline constexpr const char* delete_setting = "DELETE FROM settings WHERE key = :key";

// --- people -----------------------------------------------------------------------------

inline constexpr const char* count_users = "SELECT count(*) FROM users";
inline constexpr const char* count_admins = "SELECT count(*) FROM users WHERE role = 'admin'";
// Answers no row when the e-mail address (or the id) is taken.
inline constexpr const char* insert_user = R"sql(
INSERT INTO users (id, email, name, role, locale, timezone, workdays, peer_id, password_hash, created_at)
VALUES (:id, :email, :name, :role, :locale, :timezone, CAST(:workdays AS jsonb), NULL, :password_hash, :created_at)
ON CONFLICT DO NOTHING
RETURNING 1)sql";
inline constexpr const char* find_user = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users WHERE id = :id)sql";
inline constexpr const char* find_user_by_email = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users WHERE email = :email)sql";
inline constexpr const char* list_users = R"sql(
SELECT id, email, name, role, locale, timezone, workdays, peer_id, created_at
FROM users ORDER BY lower(name COLLATE "C"), email COLLATE "C")sql";
inline constexpr const char* find_password_hash = "SELECT password_hash FROM users WHERE id = :id";
inline constexpr const char* update_profile = R"sql(
UPDATE users SET name = :name, locale = :locale, timezone = :timezone, workdays = CAST(:workdays AS jsonb)
WHERE id = :id)sql";
inline constexpr const char* set_password_hash = "UPDATE users SET password_hash = :password_hash WHERE id = :id";
// Pairings with the person end through ON DELETE SET NULL; everything they wrote goes
// with them through ON DELETE CASCADE.
inline constexpr const char* delete_user = "DELETE FROM users WHERE id = :id";
// Their comments in other people's contracts go too, the order of the others kept.
inline constexpr const char* remove_comments_by = R"sql(
UPDATE learning_contracts AS c
SET discussion = (SELECT coalesce(jsonb_agg(d.comment ORDER BY d.position), '[]'::jsonb)
                  FROM jsonb_array_elements(c.discussion) WITH ORDINALITY AS d (comment, position)
                  WHERE d.comment ->> 'by' IS DISTINCT FROM CAST(:id AS text))
WHERE c.discussion @> jsonb_build_array(jsonb_build_object('by', CAST(:id AS text))))sql";

// --- sessions and access tokens -------------------------------------------------------

inline constexpr const char* insert_session = R"sql(
INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
VALUES (:token_hash, :user_id, :csrf_token, :created_at, :expires_at))sql";
inline constexpr const char* find_session = R"sql(
SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = :token_hash)sql";
inline constexpr const char* list_sessions = R"sql(
SELECT token_hash, user_id, csrf_token, created_at, expires_at FROM sessions
ORDER BY created_at, token_hash COLLATE "C")sql";
inline constexpr const char* delete_session = "DELETE FROM sessions WHERE token_hash = :token_hash";
inline constexpr const char* delete_expired_sessions = "DELETE FROM sessions WHERE expires_at <= :now";

inline constexpr const char* insert_access_token = R"sql(
INSERT INTO access_tokens (id, user_id, name, token_hash, created_at)
VALUES (:id, :user_id, :name, :token_hash, :created_at))sql";
inline constexpr const char* find_access_token = R"sql(
SELECT id, user_id, name, token_hash, created_at FROM access_tokens WHERE token_hash = :token_hash)sql";
inline constexpr const char* list_access_tokens = R"sql(
SELECT id, user_id, name, token_hash, created_at FROM access_tokens
WHERE user_id = :user_id ORDER BY created_at, id COLLATE "C")sql";
inline constexpr const char* delete_access_token = "DELETE FROM access_tokens WHERE user_id = :user_id AND id = :id";

// --- login throttling -------------------------------------------------------------------

inline constexpr const char* insert_login_failure = "INSERT INTO login_failures (key, at) VALUES (:key, :at)";
inline constexpr const char* login_failures_since =
    "SELECT at FROM login_failures WHERE key = :key AND at >= :since ORDER BY at";
inline constexpr const char* clear_login_failures = "DELETE FROM login_failures WHERE key = :key";

// --- competencies -----------------------------------------------------------------------

inline constexpr const char* list_competencies = R"sql(
SELECT id, name, description, archived::int FROM competencies ORDER BY lower(name COLLATE "C"), id COLLATE "C")sql";
inline constexpr const char* find_competency =
    "SELECT id, name, description, archived::int FROM competencies WHERE id = :id";
inline constexpr const char* count_competencies_with_id = "SELECT count(*) FROM competencies WHERE id = :id";
inline constexpr const char* count_other_competencies_named = R"sql(
SELECT count(*) FROM competencies
WHERE lower(name COLLATE "C") = lower(CAST(:name AS text) COLLATE "C") AND id <> :id)sql";
inline constexpr const char* insert_competency = R"sql(
INSERT INTO competencies (id, name, description, archived)
VALUES (:id, :name, :description, CAST(:archived AS integer) = 1))sql";
inline constexpr const char* update_competency = R"sql(
UPDATE competencies SET name = :name, description = :description, archived = CAST(:archived AS integer) = 1
WHERE id = :id)sql";

// --- daily: the diary -------------------------------------------------------------------

// The columns of an entry, in the order DiaryRow reads them.
#define RITME_DIARY_COLUMNS                                                                              \
    "e.user_id, e.day, e.learning_moments, e.handling, e.key_learning, e.competency_ids, e.tags, " \
    "e.shared_with_peer::int, e.minutes, e.created_at, e.updated_at"

inline constexpr const char* find_diary_entry =
    "SELECT " RITME_DIARY_COLUMNS " FROM diary_entries AS e WHERE e.user_id = :user_id AND e.day = :day";

// :words is the entry's texts and tags as words (search_words), one space between them.
// put keeps the created_at of a replaced entry; import takes the one given. Both answer
// the stored created_at and whether the row is new (xmax is 0 for a row just inserted).
inline constexpr const char* put_diary_entry = R"sql(
INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, competency_ids, tags,
                           shared_with_peer, minutes, search, created_at, updated_at)
VALUES (:user_id, :day, :learning_moments, :handling, :key_learning, CAST(:competency_ids AS jsonb),
        CAST(:tags AS jsonb), CAST(:shared_with_peer AS integer) = 1, :minutes,
        to_tsvector('simple', unaccent(CAST(:words AS text))), :created_at, :updated_at)
ON CONFLICT (user_id, day) DO UPDATE SET
    learning_moments = excluded.learning_moments, handling = excluded.handling,
    key_learning = excluded.key_learning, competency_ids = excluded.competency_ids, tags = excluded.tags,
    shared_with_peer = excluded.shared_with_peer, minutes = excluded.minutes, search = excluded.search,
    updated_at = excluded.updated_at
RETURNING created_at, (xmax = 0)::int)sql";
inline constexpr const char* import_diary_entry = R"sql(
INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, competency_ids, tags,
                           shared_with_peer, minutes, search, created_at, updated_at)
VALUES (:user_id, :day, :learning_moments, :handling, :key_learning, CAST(:competency_ids AS jsonb),
        CAST(:tags AS jsonb), CAST(:shared_with_peer AS integer) = 1, :minutes,
        to_tsvector('simple', unaccent(CAST(:words AS text))), :created_at, :updated_at)
ON CONFLICT (user_id, day) DO UPDATE SET
    learning_moments = excluded.learning_moments, handling = excluded.handling,
    key_learning = excluded.key_learning, competency_ids = excluded.competency_ids, tags = excluded.tags,
    shared_with_peer = excluded.shared_with_peer, minutes = excluded.minutes, search = excluded.search,
    created_at = excluded.created_at, updated_at = excluded.updated_at)sql";
inline constexpr const char* delete_diary_entry = "DELETE FROM diary_entries WHERE user_id = :user_id AND day = :day";

// A page of entries, newest first. Absent bounds are bound as "0000-00-00" / "9999-99-99"
// so that the (user_id, day) key bounds every scan. :words are the words searched for
// (search_words), one space between them, or '' for no text search: each becomes a
// quoted prefix 'word':* of the tsquery, without diacritics and without the quote and
// backslash that unaccent might make of a letter, so a person's text is never syntax. limit is the page size plus one,
// to see whether more follow.
inline constexpr const char* list_diary_entries = "SELECT " RITME_DIARY_COLUMNS R"sql(
FROM diary_entries AS e
WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.day < :before
  AND (CAST(:shared_only AS integer) = 0 OR e.shared_with_peer)
  AND (CAST(:competency_id AS text) = '' OR e.competency_ids ? CAST(:competency_id AS text))
  AND (CAST(:tag AS text) = '' OR EXISTS (
        SELECT 1 FROM jsonb_array_elements_text(e.tags) AS t (tag)
        WHERE lower(t.tag COLLATE "C") = lower(CAST(:tag AS text) COLLATE "C")))
  AND (CAST(:words AS text) = '' OR e.search @@ (
        SELECT to_tsquery('simple', string_agg('''' || translate(unaccent(w), '''\', '  ') || ''':*', ' & '))
        FROM unnest(string_to_array(CAST(:words AS text), ' ')) AS w))
ORDER BY e.day DESC
LIMIT :limit)sql";

#undef RITME_DIARY_COLUMNS

// One row, the days joined by commas: years of days cost less as one text than as rows.
inline constexpr const char* diary_days = R"sql(
SELECT coalesce(string_agg(day, ','), '') FROM diary_entries WHERE user_id = :user_id AND day >= :from AND day <= :to)sql";

// --- weekly -----------------------------------------------------------------------------

inline constexpr const char* find_weekly_review = R"sql(
SELECT week, peer_meeting_held::int, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation,
       plan_approach, plan_measure, plan_deadline, act, shared_with_peer::int, created_at, updated_at
FROM weekly_reviews WHERE user_id = :user_id AND week = :week)sql";
inline constexpr const char* list_weekly_reviews = R"sql(
SELECT week, peer_meeting_held::int, peer_meeting_day, peer_meeting_notes, plan_competency_id, plan_situation,
       plan_approach, plan_measure, plan_deadline, act, shared_with_peer::int, created_at, updated_at
FROM weekly_reviews WHERE user_id = :user_id ORDER BY week)sql";
inline constexpr const char* put_weekly_review = R"sql(
INSERT INTO weekly_reviews (user_id, week, peer_meeting_held, peer_meeting_day, peer_meeting_notes,
                            plan_competency_id, plan_situation, plan_approach, plan_measure, plan_deadline, act,
                            shared_with_peer, created_at, updated_at)
VALUES (:user_id, :week, CAST(:peer_meeting_held AS integer) = 1, :peer_meeting_day, :peer_meeting_notes,
        :plan_competency_id, :plan_situation, :plan_approach, :plan_measure, :plan_deadline, :act,
        CAST(:shared_with_peer AS integer) = 1, :created_at, :updated_at)
ON CONFLICT (user_id, week) DO UPDATE SET
    peer_meeting_held = excluded.peer_meeting_held, peer_meeting_day = excluded.peer_meeting_day,
    peer_meeting_notes = excluded.peer_meeting_notes, plan_competency_id = excluded.plan_competency_id,
    plan_situation = excluded.plan_situation, plan_approach = excluded.plan_approach,
    plan_measure = excluded.plan_measure, plan_deadline = excluded.plan_deadline, act = excluded.act,
    shared_with_peer = excluded.shared_with_peer, updated_at = excluded.updated_at
RETURNING created_at)sql";

// --- monthly ----------------------------------------------------------------------------

inline constexpr const char* find_monthly_reflection = R"sql(
SELECT month, focus_competency_ids, went_well, could_be_better, approach, goal_progress, sol_meeting_attended::int,
       created_at, updated_at
FROM monthly_reflections WHERE user_id = :user_id AND month = :month)sql";
inline constexpr const char* list_monthly_reflections = R"sql(
SELECT month, focus_competency_ids, went_well, could_be_better, approach, goal_progress, sol_meeting_attended::int,
       created_at, updated_at
FROM monthly_reflections WHERE user_id = :user_id ORDER BY month)sql";
inline constexpr const char* put_monthly_reflection = R"sql(
INSERT INTO monthly_reflections (user_id, month, focus_competency_ids, went_well, could_be_better, approach,
                                 goal_progress, sol_meeting_attended, created_at, updated_at)
VALUES (:user_id, :month, CAST(:focus_competency_ids AS jsonb), :went_well, :could_be_better, :approach,
        CAST(:goal_progress AS jsonb), CAST(:sol_meeting_attended AS integer) = 1, :created_at, :updated_at)
ON CONFLICT (user_id, month) DO UPDATE SET
    focus_competency_ids = excluded.focus_competency_ids, went_well = excluded.went_well,
    could_be_better = excluded.could_be_better, approach = excluded.approach,
    goal_progress = excluded.goal_progress, sol_meeting_attended = excluded.sol_meeting_attended,
    updated_at = excluded.updated_at
RETURNING created_at)sql";

// --- quarterly --------------------------------------------------------------------------

inline constexpr const char* find_current_contract = R"sql(
SELECT quarter, revision, where_from, where_now, aims, approach, evidence, competency_ids, goals, status,
       shared_with_peer::int, discussion, created_at, updated_at
FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter
ORDER BY revision DESC LIMIT 1)sql";
inline constexpr const char* list_contract_revisions = R"sql(
SELECT quarter, revision, where_from, where_now, aims, approach, evidence, competency_ids, goals, status,
       shared_with_peer::int, discussion, created_at, updated_at
FROM learning_contracts WHERE user_id = :user_id AND quarter = :quarter ORDER BY revision)sql";
inline constexpr const char* list_current_contracts = R"sql(
SELECT DISTINCT ON (quarter) quarter, revision, where_from, where_now, aims, approach, evidence, competency_ids,
       goals, status, shared_with_peer::int, discussion, created_at, updated_at
FROM learning_contracts WHERE user_id = :user_id
ORDER BY quarter, revision DESC)sql";
inline constexpr const char* put_contract_revision = R"sql(
INSERT INTO learning_contracts (user_id, quarter, revision, where_from, where_now, aims, approach, evidence,
                                competency_ids, goals, status, shared_with_peer, discussion, created_at,
                                updated_at)
VALUES (:user_id, :quarter, :revision, :where_from, :where_now, :aims, :approach, :evidence,
        CAST(:competency_ids AS jsonb), CAST(:goals AS jsonb), :status, CAST(:shared_with_peer AS integer) = 1,
        CAST(:discussion AS jsonb), :created_at, :updated_at)
ON CONFLICT (user_id, quarter, revision) DO UPDATE SET
    where_from = excluded.where_from, where_now = excluded.where_now, aims = excluded.aims,
    approach = excluded.approach, evidence = excluded.evidence, competency_ids = excluded.competency_ids,
    goals = excluded.goals, status = excluded.status, shared_with_peer = excluded.shared_with_peer,
    discussion = excluded.discussion, updated_at = excluded.updated_at
RETURNING created_at)sql";

// --- yearly -----------------------------------------------------------------------------

inline constexpr const char* find_yearly_review = R"sql(
SELECT year, challenging, inspiring, rewarding, next_step, notes, created_at, updated_at
FROM yearly_reviews WHERE user_id = :user_id AND year = :year)sql";
inline constexpr const char* list_yearly_reviews = R"sql(
SELECT year, challenging, inspiring, rewarding, next_step, notes, created_at, updated_at
FROM yearly_reviews WHERE user_id = :user_id ORDER BY year)sql";
inline constexpr const char* put_yearly_review = R"sql(
INSERT INTO yearly_reviews (user_id, year, challenging, inspiring, rewarding, next_step, notes, created_at,
                            updated_at)
VALUES (:user_id, :year, :challenging, :inspiring, :rewarding, :next_step, :notes, :created_at, :updated_at)
ON CONFLICT (user_id, year) DO UPDATE SET
    challenging = excluded.challenging, inspiring = excluded.inspiring, rewarding = excluded.rewarding,
    next_step = excluded.next_step, notes = excluded.notes, updated_at = excluded.updated_at
RETURNING created_at)sql";

// --- the fixed colleague (peer) ----------------------------------------------------------

inline constexpr const char* peer_of = "SELECT peer_id FROM users WHERE id = :id";
// Every change to who is whose peer locks the rows of the people concerned, in id order
// (so two changes never wait on each other in a circle): the checks that follow still
// hold at the commit.
inline constexpr const char* lock_people_rows = R"sql(
SELECT id, peer_id FROM users WHERE id IN (:a, :b) ORDER BY id COLLATE "C" FOR UPDATE)sql";
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
WHERE from_user_id = :user_id OR to_user_id = :user_id ORDER BY created_at, id COLLATE "C")sql";
inline constexpr const char* list_all_peer_invitations =
    "SELECT id, from_user_id, to_user_id, created_at FROM peer_invitations ORDER BY created_at, id COLLATE \"C\"";
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
UPDATE diary_entries SET shared_with_peer = false WHERE user_id IN (:a, :b) AND shared_with_peer)sql";
inline constexpr const char* unshare_weekly_reviews = R"sql(
UPDATE weekly_reviews SET shared_with_peer = false WHERE user_id IN (:a, :b) AND shared_with_peer)sql";
inline constexpr const char* unshare_contracts = R"sql(
UPDATE learning_contracts
SET shared_with_peer = false, status = CASE WHEN status = 'shared' THEN 'draft' ELSE status END
WHERE user_id IN (:a, :b) AND (shared_with_peer OR status = 'shared'))sql";
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
    last_opened_at = GREATEST(peer_openings.last_opened_at, excluded.last_opened_at))sql";
inline constexpr const char* list_peer_openings = R"sql(
SELECT owner_id, kind, period, viewer_id, first_opened_at, last_opened_at FROM peer_openings
WHERE owner_id = :owner_id ORDER BY period DESC, kind COLLATE "C", viewer_id COLLATE "C")sql";
inline constexpr const char* list_all_peer_openings = R"sql(
SELECT owner_id, kind, period, viewer_id, first_opened_at, last_opened_at FROM peer_openings
ORDER BY owner_id COLLATE "C", period, kind COLLATE "C", viewer_id COLLATE "C")sql";
inline constexpr const char* list_all_peer_pairs = R"sql(
SELECT id, user_a, user_b, started_at, ended_at, meeting_weekday, meeting_minute_of_day,
       meeting_duration_minutes, meeting_timezone
FROM peer_pairs ORDER BY started_at, id COLLATE "C")sql";
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
FROM events WHERE starts_at < :to AND ends_at > :from ORDER BY starts_at, id COLLATE "C")sql";
inline constexpr const char* list_all_events = R"sql(
SELECT id, kind, title, starts_at, ends_at, location, description, capacity, organiser_id, series_id, created_at
FROM events ORDER BY starts_at, id COLLATE "C")sql";
inline constexpr const char* events_going = R"sql(
SELECT e.id, e.kind, e.title, e.starts_at, e.ends_at, e.location, e.description, e.capacity, e.organiser_id,
       e.series_id, e.created_at
FROM event_rsvps AS r JOIN events AS e ON e.id = r.event_id
WHERE r.user_id = :user_id AND r.status = 'going' AND e.starts_at < :to AND e.ends_at > :from
ORDER BY e.starts_at, e.id COLLATE "C")sql";
inline constexpr const char* orphan_events_of = "UPDATE events SET organiser_id = '' WHERE organiser_id = :id";
// Locks the event's row: one capacity check for that event at a time.
inline constexpr const char* event_capacity = "SELECT capacity FROM events WHERE id = :id FOR UPDATE";
inline constexpr const char* rsvp_of = "SELECT status FROM event_rsvps WHERE event_id = :event_id AND user_id = :user_id";
inline constexpr const char* count_going =
    "SELECT count(*) FROM event_rsvps WHERE event_id = :event_id AND status = 'going'";
inline constexpr const char* put_rsvp = R"sql(
INSERT INTO event_rsvps (event_id, user_id, status, at) VALUES (:event_id, :user_id, :status, :at)
ON CONFLICT (event_id, user_id) DO UPDATE SET status = excluded.status, at = excluded.at)sql";
inline constexpr const char* list_all_rsvps =
    "SELECT event_id, user_id, status, at FROM event_rsvps ORDER BY event_id COLLATE \"C\", user_id COLLATE \"C\"";
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
       (EXISTS (SELECT 1 FROM session_signups AS m WHERE m.session_id = s.id AND m.user_id = :user_id))::int
FROM event_sessions AS s WHERE s.event_id = :event_id ORDER BY s.starts_at, s.id COLLATE "C")sql";
inline constexpr const char* list_all_event_sessions = R"sql(
SELECT id, event_id, title, host, description, starts_at, ends_at, capacity FROM event_sessions
ORDER BY event_id COLLATE "C", starts_at, id COLLATE "C")sql";
inline constexpr const char* session_capacity = "SELECT capacity FROM event_sessions WHERE id = :id FOR UPDATE";
inline constexpr const char* count_signups = "SELECT count(*) FROM session_signups WHERE session_id = :session_id";
inline constexpr const char* count_signup_of =
    "SELECT count(*) FROM session_signups WHERE session_id = :session_id AND user_id = :user_id";
inline constexpr const char* insert_signup =
    "INSERT INTO session_signups (session_id, user_id, at) VALUES (:session_id, :user_id, :at)";
inline constexpr const char* delete_signup =
    "DELETE FROM session_signups WHERE session_id = :session_id AND user_id = :user_id";
inline constexpr const char* list_all_signups =
    "SELECT session_id, user_id, at FROM session_signups ORDER BY session_id COLLATE \"C\", user_id COLLATE \"C\"";

// --- reminders ------------------------------------------------------------------------------

inline constexpr const char* reminder_levels_of = R"sql(
SELECT user_id, level, enabled::int, minute_of_day, weekday FROM reminder_settings WHERE user_id = :user_id)sql";
inline constexpr const char* put_reminder_level = R"sql(
INSERT INTO reminder_settings (user_id, level, enabled, minute_of_day, weekday)
VALUES (:user_id, :level, CAST(:enabled AS integer) = 1, :minute_of_day, :weekday)
ON CONFLICT (user_id, level) DO UPDATE SET
    enabled = excluded.enabled, minute_of_day = excluded.minute_of_day, weekday = excluded.weekday)sql";
inline constexpr const char* active_reminder_levels = R"sql(
SELECT s.user_id, s.level, s.enabled::int, s.minute_of_day, s.weekday FROM reminder_settings AS s
WHERE s.user_id IN (SELECT user_id FROM reminder_settings WHERE enabled)
ORDER BY s.user_id COLLATE "C")sql";
inline constexpr const char* all_reminder_levels = R"sql(
SELECT user_id, level, enabled::int, minute_of_day, weekday FROM reminder_settings ORDER BY user_id COLLATE "C")sql";
// Answers no row change when the person already has a job for that level and period.
inline constexpr const char* enqueue_reminder = R"sql(
INSERT INTO reminder_jobs (id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)
VALUES (:id, :user_id, :level, :period, :due_at, 'pending', 0, '', 0, NULL)
ON CONFLICT (user_id, level, period) DO NOTHING)sql";
inline constexpr const char* insert_reminder_job = R"sql(
INSERT INTO reminder_jobs (id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)
VALUES (:id, :user_id, :level, :period, :due_at, :state, :attempts, :claimed_by, :lease_until, :sent_at)
ON CONFLICT (user_id, level, period) DO NOTHING)sql";
// The jobs chosen are locked, and jobs another claim has locked are passed over (SKIP
// LOCKED): concurrent claims, on any node, take different jobs and never wait on each
// other. A job another claim took and committed meanwhile is re-checked against the
// conditions (READ COMMITTED re-reads a changed row) and so left alone.
inline constexpr const char* claim_reminders = R"sql(
UPDATE reminder_jobs SET state = 'claimed', claimed_by = :worker, lease_until = :lease_until
WHERE id IN (SELECT id FROM reminder_jobs
             WHERE (state = 'pending' AND due_at <= :now) OR (state = 'claimed' AND lease_until <= :now)
             ORDER BY due_at, id COLLATE "C" LIMIT :limit
             FOR UPDATE SKIP LOCKED)
RETURNING id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at)sql";
inline constexpr const char* mark_reminder_sent = R"sql(
UPDATE reminder_jobs SET state = 'sent', sent_at = :at WHERE id = :id)sql";
inline constexpr const char* release_reminder = R"sql(
UPDATE reminder_jobs SET state = 'pending', due_at = :retry_at, attempts = attempts + 1, claimed_by = '',
    lease_until = 0
WHERE id = :id AND state <> 'sent')sql";
inline constexpr const char* list_reminder_jobs = R"sql(
SELECT id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at FROM reminder_jobs
WHERE user_id = :user_id ORDER BY due_at, id COLLATE "C")sql";
inline constexpr const char* list_all_reminder_jobs = R"sql(
SELECT id, user_id, level, period, due_at, state, attempts, claimed_by, lease_until, sent_at FROM reminder_jobs
ORDER BY due_at, id COLLATE "C")sql";

// --- the calendar feed ------------------------------------------------------------------------

inline constexpr const char* calendar_token_of = "SELECT token FROM calendar_tokens WHERE user_id = :user_id";
inline constexpr const char* put_calendar_token = R"sql(
INSERT INTO calendar_tokens (user_id, token) VALUES (:user_id, :token)
ON CONFLICT (user_id) DO UPDATE SET token = excluded.token)sql";
inline constexpr const char* user_of_calendar_token = "SELECT user_id FROM calendar_tokens WHERE token = :token";
inline constexpr const char* list_all_calendar_tokens = "SELECT user_id, token FROM calendar_tokens ORDER BY user_id COLLATE \"C\"";

// --- organisation counts ----------------------------------------------------------------

// One statement, so all counts come from one snapshot; each count asks the people's own
// (user_id, period) keys. Periods are bounded by the weeks, months and quarters that
// touch [from, to].
inline constexpr const char* participation = R"sql(
SELECT
  (SELECT count(*) FROM users WHERE role IN ('member', 'admin')),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM diary_entries AS e WHERE e.user_id = u.id AND e.day >= :from AND e.day <= :to)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM weekly_reviews AS w
      WHERE w.user_id = u.id AND w.week >= :first_week AND w.week <= :last_week AND w.peer_meeting_held)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM monthly_reflections AS m
      WHERE m.user_id = u.id AND m.month >= :first_month AND m.month <= :last_month)),
  (SELECT count(*) FROM users AS u WHERE u.role IN ('member', 'admin') AND EXISTS (
      SELECT 1 FROM learning_contracts AS c
      WHERE c.user_id = u.id AND c.quarter >= :first_quarter AND c.quarter <= :last_quarter
        AND c.status = 'agreed'
        AND c.revision = (SELECT max(r.revision) FROM learning_contracts AS r
                          WHERE r.user_id = c.user_id AND r.quarter = c.quarter))))sql";

}  // namespace ritme::storage::postgres::queries

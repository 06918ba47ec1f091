#include "storage/migrations/postgres_migrations.hpp"

#include <vector>

// Conventions of the schema, as in SQLite where that serves: ids are TEXT; days, weeks,
// months and quarters are their ISO 8601 text ("2026-11-26", "2026-W48", "2026-11",
// "2026-Q4") in the "C" collation, which sorts like the periods themselves; a year is an
// INTEGER; instants are BIGINT unix seconds (UTC). Where SQLite has 0/1 PostgreSQL has
// BOOLEAN, and lists and nested values are JSONB. Names compare without ASCII case as
// lower(x COLLATE "C"), which folds ASCII letters only, like SQLite's NOCASE.

namespace ritme::storage {

const std::string_view postgres_create_schema_migrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at BIGINT NOT NULL
))sql";

namespace {

// --- 1: the initial schema ------------------------------------------------------------

// unaccent is a trusted extension (PostgreSQL 13 and later): the database's owner may
// create it. It ships with the server (postgresql-contrib on Debian).
constexpr std::string_view create_unaccent = R"sql(
CREATE EXTENSION IF NOT EXISTS unaccent)sql";

constexpr std::string_view create_users = R"sql(
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,  -- lower-cased by the store
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('member', 'admin')),
    locale        TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    workdays      JSONB NOT NULL,        -- array of ISO weekday numbers
    peer_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    password_hash TEXT NOT NULL,
    created_at    BIGINT NOT NULL
))sql";

constexpr std::string_view create_users_peer_index = R"sql(
CREATE INDEX users_by_peer ON users (peer_id))sql";

constexpr std::string_view create_settings = R"sql(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
))sql";

constexpr std::string_view create_sessions = R"sql(
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
))sql";

constexpr std::string_view create_sessions_user_index = R"sql(
CREATE INDEX sessions_by_user ON sessions (user_id))sql";

constexpr std::string_view create_sessions_expiry_index = R"sql(
CREATE INDEX sessions_by_expiry ON sessions (expires_at))sql";

constexpr std::string_view create_access_tokens = R"sql(
CREATE TABLE access_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
))sql";

constexpr std::string_view create_access_tokens_user_index = R"sql(
CREATE INDEX access_tokens_by_user ON access_tokens (user_id, created_at))sql";

constexpr std::string_view create_login_failures = R"sql(
CREATE TABLE login_failures (
    key TEXT NOT NULL,  -- "account:<email>", "address:<ip>"
    at  BIGINT NOT NULL
))sql";

constexpr std::string_view create_login_failures_index = R"sql(
CREATE INDEX login_failures_by_key ON login_failures (key, at))sql";

constexpr std::string_view create_competencies = R"sql(
CREATE TABLE competencies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    archived    BOOLEAN NOT NULL DEFAULT false
))sql";

// A name is taken whatever the ASCII case it is written in.
constexpr std::string_view create_competencies_name_index = R"sql(
CREATE UNIQUE INDEX competencies_by_name ON competencies (lower(name COLLATE "C")))sql";

// Competencies and tags are JSONB arrays in the row: the filters only ever look inside
// one person's entries. `search` is the entry's words for full-text search: the texts and
// tags split into words as in SQLite (search_expression.hpp), without diacritics
// (unaccent), lower-cased by the 'simple' configuration (no stemming, so word prefixes
// mean what they say). A search walks one person's entries by the primary key.
constexpr std::string_view create_diary_entries = R"sql(
CREATE TABLE diary_entries (
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day              TEXT COLLATE "C" NOT NULL,
    learning_moments TEXT NOT NULL,
    handling         TEXT NOT NULL,
    key_learning     TEXT NOT NULL,
    competency_ids   JSONB NOT NULL,
    tags             JSONB NOT NULL,
    shared_with_peer BOOLEAN NOT NULL,
    minutes          INTEGER NOT NULL,
    search           TSVECTOR NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL,
    PRIMARY KEY (user_id, day)
))sql";

constexpr std::string_view create_weekly_reviews = R"sql(
CREATE TABLE weekly_reviews (
    user_id            TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    week               TEXT COLLATE "C" NOT NULL,
    peer_meeting_held  BOOLEAN NOT NULL,
    peer_meeting_day   TEXT COLLATE "C",
    peer_meeting_notes TEXT NOT NULL,
    plan_competency_id TEXT NOT NULL,
    plan_situation     TEXT NOT NULL,
    plan_approach      TEXT NOT NULL,
    plan_measure       TEXT NOT NULL,
    plan_deadline      TEXT COLLATE "C",
    act                TEXT NOT NULL,
    shared_with_peer   BOOLEAN NOT NULL,
    created_at         BIGINT NOT NULL,
    updated_at         BIGINT NOT NULL,
    PRIMARY KEY (user_id, week)
))sql";

constexpr std::string_view create_monthly_reflections = R"sql(
CREATE TABLE monthly_reflections (
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month                TEXT COLLATE "C" NOT NULL,
    focus_competency_ids JSONB NOT NULL,
    went_well            TEXT NOT NULL,
    could_be_better      TEXT NOT NULL,
    approach             TEXT NOT NULL,
    goal_progress        JSONB NOT NULL,  -- [{goal_id, status, note}]
    sol_meeting_attended BOOLEAN NOT NULL,
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    PRIMARY KEY (user_id, month)
))sql";

constexpr std::string_view create_learning_contracts = R"sql(
CREATE TABLE learning_contracts (
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    quarter        TEXT COLLATE "C" NOT NULL,
    revision       INTEGER NOT NULL,
    where_from     TEXT NOT NULL,
    where_now      TEXT NOT NULL,
    aims           TEXT NOT NULL,
    approach       TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    competency_ids JSONB NOT NULL,
    goals          JSONB NOT NULL,  -- [{id, text, measure, deadline}]
    status         TEXT NOT NULL CHECK (status IN ('draft', 'shared', 'agreed')),
    discussion     JSONB NOT NULL,  -- [{by, comment, agree, at}]
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (user_id, quarter, revision)
))sql";

// Finds the contracts a person commented on (discussion @> [{"by": id}]) when they go.
constexpr std::string_view create_learning_contracts_discussion_index = R"sql(
CREATE INDEX learning_contracts_by_commenter ON learning_contracts USING gin (discussion jsonb_path_ops))sql";

constexpr std::string_view create_yearly_reviews = R"sql(
CREATE TABLE yearly_reviews (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    challenging INTEGER,
    inspiring   INTEGER,
    rewarding   INTEGER,
    next_step   TEXT,
    notes       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (user_id, year)
))sql";

// --- 2: the social rhythm ----------------------------------------------------------------

// What the peer may see of a contract is the person's choice, apart from its status: an
// agreed contract can be taken back from view and stays agreed. Contracts the peer could
// see until now (shared or agreed) stay visible.
constexpr std::string_view add_contract_shared_with_peer = R"sql(
ALTER TABLE learning_contracts ADD COLUMN shared_with_peer BOOLEAN NOT NULL DEFAULT false)sql";

constexpr std::string_view share_visible_contracts = R"sql(
UPDATE learning_contracts SET shared_with_peer = true WHERE status IN ('shared', 'agreed'))sql";

// A pending invitation to become each other's fixed colleague. At most one is pending
// between two people, whoever sent it (the index on the unordered pair).
constexpr std::string_view create_peer_invitations = R"sql(
CREATE TABLE peer_invitations (
    id           TEXT PRIMARY KEY,
    from_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    CHECK (from_user_id <> to_user_id)
))sql";

constexpr std::string_view create_peer_invitations_pair_index = R"sql(
CREATE UNIQUE INDEX peer_invitations_by_pair
ON peer_invitations (LEAST(from_user_id, to_user_id), GREATEST(from_user_id, to_user_id)))sql";

constexpr std::string_view create_peer_invitations_from_index = R"sql(
CREATE INDEX peer_invitations_by_sender ON peer_invitations (from_user_id, created_at))sql";

constexpr std::string_view create_peer_invitations_to_index = R"sql(
CREATE INDEX peer_invitations_by_receiver ON peer_invitations (to_user_id, created_at))sql";

// Every pair there has been (user_a < user_b); the current one has no ended_at and holds
// the weekly meeting slot (none until chosen). users.peer_id stays the quick way to a
// person's peer; the store changes both in one transaction.
constexpr std::string_view create_peer_pairs = R"sql(
CREATE TABLE peer_pairs (
    id                       TEXT PRIMARY KEY,
    user_a                   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_b                   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at               BIGINT NOT NULL,
    ended_at                 BIGINT,
    meeting_weekday          INTEGER,  -- ISO 1..7; NULL: no slot chosen
    meeting_minute_of_day    INTEGER NOT NULL DEFAULT 540,
    meeting_duration_minutes INTEGER NOT NULL DEFAULT 30,
    meeting_timezone         TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    CHECK (user_a COLLATE "C" < user_b COLLATE "C")
))sql";

constexpr std::string_view create_current_pairs_a_index = R"sql(
CREATE UNIQUE INDEX peer_pairs_current_a ON peer_pairs (user_a) WHERE ended_at IS NULL)sql";

constexpr std::string_view create_current_pairs_b_index = R"sql(
CREATE UNIQUE INDEX peer_pairs_current_b ON peer_pairs (user_b) WHERE ended_at IS NULL)sql";

// Pairs made before this migration (users.peer_id both ways) get their row.
constexpr std::string_view record_existing_pairs = R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at)
SELECT a.id || '+' || b.id, a.id, b.id, GREATEST(a.created_at, b.created_at)
FROM users AS a JOIN users AS b ON a.peer_id = b.id AND b.peer_id = a.id
WHERE a.id COLLATE "C" < b.id COLLATE "C")sql";

// When the peer opened an item the owner shares (kind: diary_entry, weekly_review,
// learning_contract; period: its day, week or quarter).
constexpr std::string_view create_peer_openings = R"sql(
CREATE TABLE peer_openings (
    owner_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    period          TEXT COLLATE "C" NOT NULL,
    viewer_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_opened_at BIGINT NOT NULL,
    last_opened_at  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, kind, period, viewer_id)
))sql";

constexpr std::string_view create_peer_openings_viewer_index = R"sql(
CREATE INDEX peer_openings_by_viewer ON peer_openings (viewer_id))sql";

// SOL meetings and lerende organisatie dagen. organiser_id is '' once the organiser is
// erased (the event stays for everyone else), so it has no foreign key.
constexpr std::string_view create_events = R"sql(
CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('sol_meeting', 'learning_day')),
    title        TEXT NOT NULL,
    starts_at    BIGINT NOT NULL,
    ends_at      BIGINT NOT NULL,
    location     TEXT NOT NULL,
    description  TEXT NOT NULL,
    capacity     INTEGER,  -- NULL: no limit
    organiser_id TEXT NOT NULL,
    series_id    TEXT NOT NULL,  -- '' when not part of a series
    created_at   BIGINT NOT NULL
))sql";

constexpr std::string_view create_events_start_index = R"sql(
CREATE INDEX events_by_start ON events (starts_at))sql";

constexpr std::string_view create_events_organiser_index = R"sql(
CREATE INDEX events_by_organiser ON events (organiser_id))sql";

constexpr std::string_view create_event_rsvps = R"sql(
CREATE TABLE event_rsvps (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status   TEXT NOT NULL CHECK (status IN ('going', 'not_going')),
    at       BIGINT NOT NULL,
    PRIMARY KEY (event_id, user_id)
))sql";

constexpr std::string_view create_event_rsvps_user_index = R"sql(
CREATE INDEX event_rsvps_by_user ON event_rsvps (user_id, status))sql";

// The programme of a lerende organisatie dag.
constexpr std::string_view create_event_sessions = R"sql(
CREATE TABLE event_sessions (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    host        TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at   BIGINT NOT NULL,
    ends_at     BIGINT NOT NULL,
    capacity    INTEGER  -- NULL: no limit
))sql";

constexpr std::string_view create_event_sessions_event_index = R"sql(
CREATE INDEX event_sessions_by_event ON event_sessions (event_id, starts_at))sql";

constexpr std::string_view create_session_signups = R"sql(
CREATE TABLE session_signups (
    session_id TEXT NOT NULL REFERENCES event_sessions (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at         BIGINT NOT NULL,
    PRIMARY KEY (session_id, user_id)
))sql";

constexpr std::string_view create_session_signups_user_index = R"sql(
CREATE INDEX session_signups_by_user ON session_signups (user_id))sql";

// One row per person and level they set; a level without a row is off.
constexpr std::string_view create_reminder_settings = R"sql(
CREATE TABLE reminder_settings (
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level         TEXT NOT NULL CHECK (level IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
    enabled       BOOLEAN NOT NULL,
    minute_of_day INTEGER NOT NULL,
    weekday       INTEGER NOT NULL,
    PRIMARY KEY (user_id, level)
))sql";

// The reminders to send. The unique key is what makes a reminder go out once: however
// many passes, in however many processes, enqueue the same person, level and period.
constexpr std::string_view create_reminder_jobs = R"sql(
CREATE TABLE reminder_jobs (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level       TEXT NOT NULL CHECK (level IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
    period      TEXT COLLATE "C" NOT NULL,
    due_at      BIGINT NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'sent')),
    attempts    INTEGER NOT NULL,
    claimed_by  TEXT NOT NULL,
    lease_until BIGINT NOT NULL,
    sent_at     BIGINT,
    UNIQUE (user_id, level, period)
))sql";

constexpr std::string_view create_reminder_jobs_due_index = R"sql(
CREATE INDEX reminder_jobs_by_state ON reminder_jobs (state, due_at))sql";

// The secret in a person's calendar feed address.
constexpr std::string_view create_calendar_tokens = R"sql(
CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token   TEXT NOT NULL UNIQUE
))sql";

// The key that signs the reminder mails' one-click off links (http/reminder_links.hpp),
// made here, once, so that nodes starting together on a new database agree on it. Two
// gen_random_uuid() values: 244 random bits from the server's strong random source.
constexpr std::string_view create_reminder_link_key = R"sql(
INSERT INTO settings (key, value)
VALUES ('reminder_link_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT (key) DO NOTHING)sql";

const std::vector<Migration> migrations{
    {1,
     "initial schema",
     {create_unaccent, create_users, create_users_peer_index, create_settings, create_sessions,
      create_sessions_user_index, create_sessions_expiry_index, create_access_tokens, create_access_tokens_user_index,
      create_login_failures, create_login_failures_index, create_competencies, create_competencies_name_index,
      create_diary_entries, create_weekly_reviews, create_monthly_reflections, create_learning_contracts,
      create_learning_contracts_discussion_index, create_yearly_reviews}},
    {2,
     "the social rhythm: peers, events, reminders, calendar",
     {add_contract_shared_with_peer, share_visible_contracts, create_peer_invitations,
      create_peer_invitations_pair_index, create_peer_invitations_from_index, create_peer_invitations_to_index,
      create_peer_pairs, create_current_pairs_a_index, create_current_pairs_b_index, record_existing_pairs,
      create_peer_openings, create_peer_openings_viewer_index, create_events, create_events_start_index,
      create_events_organiser_index, create_event_rsvps, create_event_rsvps_user_index, create_event_sessions,
      create_event_sessions_event_index, create_session_signups, create_session_signups_user_index,
      create_reminder_settings, create_reminder_jobs, create_reminder_jobs_due_index, create_calendar_tokens,
      create_reminder_link_key},
     nullptr},
};

}  // namespace

std::span<const Migration> postgres_migrations() { return migrations; }

}  // namespace ritme::storage

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

const std::vector<Migration> migrations{
    {1,
     "initial schema",
     {create_unaccent, create_users, create_users_peer_index, create_settings, create_sessions,
      create_sessions_user_index, create_sessions_expiry_index, create_access_tokens, create_access_tokens_user_index,
      create_login_failures, create_login_failures_index, create_competencies, create_competencies_name_index,
      create_diary_entries, create_weekly_reviews, create_monthly_reflections, create_learning_contracts,
      create_learning_contracts_discussion_index, create_yearly_reviews}},
};

}  // namespace

std::span<const Migration> postgres_migrations() { return migrations; }

}  // namespace ritme::storage

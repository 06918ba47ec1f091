#include "storage/migrations.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

#include "storage/sqlite/search_index.hpp"
#include "storage/soci.hpp"

// Conventions of the schema: ids are TEXT; days, weeks, months and quarters are their ISO
// 8601 text ("2026-11-26", "2026-W48", "2026-11", "2026-Q4"), which sorts like the periods
// themselves (in PostgreSQL in the "C" collation); a year is an INTEGER. Statements are
// written once, in SQLite's words where only the words differ, with placeholders for the
// words PostgreSQL says otherwise (sql_for):
//   {instant}        unix seconds (UTC): INTEGER, BIGINT
//   {boolean}        INTEGER 0/1, BOOLEAN; its values {false} and {true}
//   {json}           a list or nested value: JSON TEXT, JSONB
//   {period}         a day, week, month or quarter: TEXT, TEXT COLLATE "C"
//   {without_rowid}  the clustered primary key of small SQLite tables; nothing on PostgreSQL
//   {bytewise}       a comparison by bytes, SQLite's default: COLLATE "C" on PostgreSQL
//   {least}, {greatest}  of two values: min and max, LEAST and GREATEST
//   {unique_nocase}  a name taken whatever its ASCII case: UNIQUE COLLATE NOCASE on SQLite;
//                    on PostgreSQL a unique index on lower(x COLLATE "C"), which folds ASCII
//                    letters only, like NOCASE
// Where the statements truly differ (the diary's full-text search: FTS5 against a
// tsvector with unaccent), each database has its own.
//
// The numbers: PostgreSQL came after SQLite's migrations 2 and 3, which only concern
// FTS5, so the same step has a number of its own on each (the social rhythm is 4 on
// SQLite, 2 on PostgreSQL). Each new migration takes the next number on each.

namespace ritme::storage {

namespace {

constexpr SchemaStatement both(std::string_view text) {
    return {text, text};
}
constexpr SchemaStatement sqlite_only(std::string_view text) {
    return {text, {}};
}
constexpr SchemaStatement postgres_only(std::string_view text) {
    return {{}, text};
}

// --- the record of the migrations applied ---------------------------------------------

constexpr std::string_view create_schema_migrations = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    applied_at {instant} NOT NULL
))sql";
constexpr const char* migration_applied = "SELECT count(*) FROM schema_migrations WHERE version = :version";
constexpr const char* record_migration =
    "INSERT INTO schema_migrations (version, applied_at) VALUES (:version, :applied_at)";
constexpr const char* latest_applied = "SELECT coalesce(max(version), 0) FROM schema_migrations";
// A session lock on PostgreSQL, the same key for every version of the code ("ritme" in
// ASCII, then a counter).
constexpr const char* lock_migrations = "SELECT pg_advisory_lock(7236116109101001)";
constexpr const char* unlock_migrations = "SELECT pg_advisory_unlock(7236116109101001)";

// --- the initial schema ---------------------------------------------------------------

// unaccent is a trusted extension (PostgreSQL 13 and later): the database's owner may
// create it. It ships with the server (postgresql-contrib on Debian).
constexpr SchemaStatement create_unaccent = postgres_only(R"sql(
CREATE EXTENSION IF NOT EXISTS unaccent)sql");

constexpr SchemaStatement create_users = both(R"sql(
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,  -- lower-cased by the store
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('member', 'admin')),
    locale        TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    workdays      {json} NOT NULL,         -- JSON array of ISO weekday numbers
    peer_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
    password_hash TEXT NOT NULL,
    created_at    {instant} NOT NULL
))sql");

// The foreign key's own lookup when a person is erased.
constexpr SchemaStatement create_users_peer_index = both(R"sql(
CREATE INDEX users_by_peer ON users (peer_id))sql");

constexpr SchemaStatement create_settings = both(R"sql(
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
){without_rowid})sql");

constexpr SchemaStatement create_sessions = both(R"sql(
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at {instant} NOT NULL,
    expires_at {instant} NOT NULL
){without_rowid})sql");

constexpr SchemaStatement create_sessions_user_index = both(R"sql(
CREATE INDEX sessions_by_user ON sessions (user_id))sql");

constexpr SchemaStatement create_sessions_expiry_index = both(R"sql(
CREATE INDEX sessions_by_expiry ON sessions (expires_at))sql");

constexpr SchemaStatement create_access_tokens = both(R"sql(
CREATE TABLE access_tokens (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at {instant} NOT NULL
))sql");

constexpr SchemaStatement create_access_tokens_user_index = both(R"sql(
CREATE INDEX access_tokens_by_user ON access_tokens (user_id, created_at))sql");

constexpr SchemaStatement create_login_failures = both(R"sql(
CREATE TABLE login_failures (
    key TEXT NOT NULL,  -- "account:<email>", "address:<ip>"
    at  {instant} NOT NULL
))sql");

constexpr SchemaStatement create_login_failures_index = both(R"sql(
CREATE INDEX login_failures_by_key ON login_failures (key, at))sql");

constexpr SchemaStatement create_competencies = both(R"sql(
CREATE TABLE competencies (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL{unique_nocase},
    description TEXT NOT NULL,
    archived    {boolean} NOT NULL DEFAULT {false}
))sql");

constexpr SchemaStatement create_competencies_name_index = postgres_only(R"sql(
CREATE UNIQUE INDEX competencies_by_name ON competencies (lower(name COLLATE "C")))sql");

// SQLite: a rowid table, not WITHOUT ROWID: entries run to kilobytes of text, and SQLite
// keeps such rows best in a table b-tree with the (user_id, day) key in an index of its
// own. Competencies and tags are rows of tables of their own; search_id is the entry's
// row in diary_search.
constexpr std::string_view create_sqlite_diary_entries = R"sql(
CREATE TABLE diary_entries (
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day              TEXT NOT NULL,
    learning_moments TEXT NOT NULL,
    handling         TEXT NOT NULL,
    key_learning     TEXT NOT NULL,
    shared_with_peer INTEGER NOT NULL,
    minutes          INTEGER NOT NULL,
    search_id        INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, day)
))sql";

// PostgreSQL: competencies and tags are JSONB arrays in the row: the filters only ever
// look inside one person's entries. `search` is the entry's words for full-text search:
// the texts and tags split into words as in SQLite (search_expression.hpp), without
// diacritics (unaccent), lower-cased by the 'simple' configuration (no stemming, so word
// prefixes mean what they say). A search walks one person's entries by the primary key.
constexpr std::string_view create_postgres_diary_entries = R"sql(
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

constexpr SchemaStatement create_diary_entries{create_sqlite_diary_entries, create_postgres_diary_entries};

constexpr SchemaStatement create_diary_entry_competencies = sqlite_only(R"sql(
CREATE TABLE diary_entry_competencies (
    user_id       TEXT NOT NULL,
    day           TEXT NOT NULL,
    position      INTEGER NOT NULL,
    competency_id TEXT NOT NULL,
    PRIMARY KEY (user_id, day, position),
    FOREIGN KEY (user_id, day) REFERENCES diary_entries (user_id, day) ON DELETE CASCADE
) WITHOUT ROWID)sql");

constexpr SchemaStatement create_diary_entry_tags = sqlite_only(R"sql(
CREATE TABLE diary_entry_tags (
    user_id  TEXT NOT NULL,
    day      TEXT NOT NULL,
    position INTEGER NOT NULL,
    tag      TEXT NOT NULL,
    PRIMARY KEY (user_id, day, position),
    FOREIGN KEY (user_id, day) REFERENCES diary_entries (user_id, day) ON DELETE CASCADE
) WITHOUT ROWID)sql");

// SQLite's full-text index of the diary. Contentless: the text lives in diary_entries
// only, so the store removes an entry's words by giving the 'delete' command the values it
// indexed. `owner` holds one token per person, so a search only walks that person's
// entries.
constexpr SchemaStatement create_owner_diary_search = sqlite_only(R"sql(
CREATE VIRTUAL TABLE diary_search USING fts5 (
    owner, learning_moments, handling, key_learning, tags,
    content = '',
    tokenize = "unicode61 remove_diacritics 2"
))sql");

constexpr SchemaStatement create_weekly_reviews = both(R"sql(
CREATE TABLE weekly_reviews (
    user_id            TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    week               {period} NOT NULL,
    peer_meeting_held  {boolean} NOT NULL,
    peer_meeting_day   {period},
    peer_meeting_notes TEXT NOT NULL,
    plan_competency_id TEXT NOT NULL,
    plan_situation     TEXT NOT NULL,
    plan_approach      TEXT NOT NULL,
    plan_measure       TEXT NOT NULL,
    plan_deadline      {period},
    act                TEXT NOT NULL,
    shared_with_peer   {boolean} NOT NULL,
    created_at         {instant} NOT NULL,
    updated_at         {instant} NOT NULL,
    PRIMARY KEY (user_id, week)
))sql");

constexpr SchemaStatement create_monthly_reflections = both(R"sql(
CREATE TABLE monthly_reflections (
    user_id              TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month                {period} NOT NULL,
    focus_competency_ids {json} NOT NULL,  -- JSON array
    went_well            TEXT NOT NULL,
    could_be_better      TEXT NOT NULL,
    approach             TEXT NOT NULL,
    goal_progress        {json} NOT NULL,  -- JSON [{goal_id, status, note}]
    sol_meeting_attended {boolean} NOT NULL,
    created_at           {instant} NOT NULL,
    updated_at           {instant} NOT NULL,
    PRIMARY KEY (user_id, month)
))sql");

constexpr SchemaStatement create_learning_contracts = both(R"sql(
CREATE TABLE learning_contracts (
    user_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    quarter        {period} NOT NULL,
    revision       INTEGER NOT NULL,
    where_from     TEXT NOT NULL,
    where_now      TEXT NOT NULL,
    aims           TEXT NOT NULL,
    approach       TEXT NOT NULL,
    evidence       TEXT NOT NULL,
    competency_ids {json} NOT NULL,  -- JSON array
    goals          {json} NOT NULL,  -- JSON [{id, text, measure, deadline}]
    status         TEXT NOT NULL CHECK (status IN ('draft', 'shared', 'agreed')),
    discussion     {json} NOT NULL,  -- JSON [{by, comment, agree, at}]
    created_at     {instant} NOT NULL,
    updated_at     {instant} NOT NULL,
    PRIMARY KEY (user_id, quarter, revision)
))sql");

// Finds the contracts a person commented on (discussion @> [{"by": id}]) when they go.
constexpr SchemaStatement create_learning_contracts_discussion_index = postgres_only(R"sql(
CREATE INDEX learning_contracts_by_commenter ON learning_contracts USING gin (discussion jsonb_path_ops))sql");

constexpr SchemaStatement create_yearly_reviews = both(R"sql(
CREATE TABLE yearly_reviews (
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    year        INTEGER NOT NULL,
    challenging INTEGER,
    inspiring   INTEGER,
    rewarding   INTEGER,
    next_step   TEXT,
    notes       TEXT NOT NULL,
    created_at  {instant} NOT NULL,
    updated_at  {instant} NOT NULL,
    PRIMARY KEY (user_id, year)
))sql");

// --- SQLite: the search index marks every word with its writer --------------------------

// The first index kept one `owner` token per entry: a word prefix then still had to walk
// that word's entries of everyone. Now every word carries its writer's mark (see
// search_expression.hpp), and the index is filled anew from diary_entries.
constexpr SchemaStatement drop_owner_diary_search = sqlite_only(R"sql(
DROP TABLE diary_search)sql");

constexpr SchemaStatement create_marked_diary_search = sqlite_only(R"sql(
CREATE VIRTUAL TABLE diary_search USING fts5 (
    learning_moments, handling, key_learning, tags,
    content = '',
    tokenize = "unicode61 remove_diacritics 2"
))sql");

// --- SQLite: merging the search index off the request path -----------------------------

// FTS5 merges index segments during the write that tips a level over; on a large index
// that write then takes hundreds of milliseconds. Merging is left to the server's
// background upkeep instead (SqliteStore::maintain); 'crisismerge' still bounds the
// segments should the upkeep not run.
constexpr SchemaStatement stop_automerge_of_diary_search = sqlite_only(R"sql(
INSERT INTO diary_search (diary_search, rank) VALUES ('automerge', 0))sql");

// With automatic merging off, FTS5 still merges a level whole inside the write that brings
// it to 'crisismerge' segments (16 by default). After a seed or an import the levels hold
// up to 15 segments of megabytes each, and the first minutes of writes merged hundreds of
// megabytes inside requests: one commit of ten PUTs took 16 s and grew the write-ahead
// log by 240 MiB. At the most FTS5 takes (1,999) that never happens: the upkeep merges
// every level a step at a time, the level with the most segments first.
constexpr SchemaStatement raise_crisismerge_of_diary_search = sqlite_only(R"sql(
INSERT INTO diary_search (diary_search, rank) VALUES ('crisismerge', 1999))sql");

// --- the social rhythm ------------------------------------------------------------------

// What the peer may see of a contract is the person's choice, apart from its status: an
// agreed contract can be taken back from view and stays agreed. Contracts the peer could
// see until now (shared or agreed) stay visible.
constexpr SchemaStatement add_contract_shared_with_peer = both(R"sql(
ALTER TABLE learning_contracts ADD COLUMN shared_with_peer {boolean} NOT NULL DEFAULT {false})sql");

constexpr SchemaStatement share_visible_contracts = both(R"sql(
UPDATE learning_contracts SET shared_with_peer = {true} WHERE status IN ('shared', 'agreed'))sql");

// A pending invitation to become each other's fixed colleague. At most one is pending
// between two people, whoever sent it (the index on the unordered pair).
constexpr SchemaStatement create_peer_invitations = both(R"sql(
CREATE TABLE peer_invitations (
    id           TEXT PRIMARY KEY,
    from_user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    to_user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   {instant} NOT NULL,
    CHECK (from_user_id <> to_user_id)
))sql");

constexpr SchemaStatement create_peer_invitations_pair_index = both(R"sql(
CREATE UNIQUE INDEX peer_invitations_by_pair
ON peer_invitations ({least}(from_user_id, to_user_id), {greatest}(from_user_id, to_user_id)))sql");

constexpr SchemaStatement create_peer_invitations_from_index = both(R"sql(
CREATE INDEX peer_invitations_by_sender ON peer_invitations (from_user_id, created_at))sql");

constexpr SchemaStatement create_peer_invitations_to_index = both(R"sql(
CREATE INDEX peer_invitations_by_receiver ON peer_invitations (to_user_id, created_at))sql");

// Every pair there has been (user_a < user_b); the current one has no ended_at and holds
// the weekly meeting slot (none until chosen). users.peer_id stays the quick way to a
// person's peer; the store changes both in one transaction.
constexpr SchemaStatement create_peer_pairs = both(R"sql(
CREATE TABLE peer_pairs (
    id                       TEXT PRIMARY KEY,
    user_a                   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_b                   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    started_at               {instant} NOT NULL,
    ended_at                 {instant},
    meeting_weekday          INTEGER,  -- ISO 1..7; NULL: no slot chosen
    meeting_minute_of_day    INTEGER NOT NULL DEFAULT 540,
    meeting_duration_minutes INTEGER NOT NULL DEFAULT 30,
    meeting_timezone         TEXT NOT NULL DEFAULT 'Europe/Amsterdam',
    CHECK (user_a{bytewise} < user_b{bytewise})
))sql");

constexpr SchemaStatement create_current_pairs_a_index = both(R"sql(
CREATE UNIQUE INDEX peer_pairs_current_a ON peer_pairs (user_a) WHERE ended_at IS NULL)sql");

constexpr SchemaStatement create_current_pairs_b_index = both(R"sql(
CREATE UNIQUE INDEX peer_pairs_current_b ON peer_pairs (user_b) WHERE ended_at IS NULL)sql");

// Pairs made before this migration (users.peer_id both ways) get their row.
constexpr SchemaStatement record_existing_pairs = both(R"sql(
INSERT INTO peer_pairs (id, user_a, user_b, started_at)
SELECT a.id || '+' || b.id, a.id, b.id, {greatest}(a.created_at, b.created_at)
FROM users AS a JOIN users AS b ON a.peer_id = b.id AND b.peer_id = a.id
WHERE a.id{bytewise} < b.id{bytewise})sql");

// When the peer opened an item the owner shares (kind: diary_entry, weekly_review,
// learning_contract; period: its day, week or quarter).
constexpr SchemaStatement create_peer_openings = both(R"sql(
CREATE TABLE peer_openings (
    owner_id        TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    period          {period} NOT NULL,
    viewer_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    first_opened_at {instant} NOT NULL,
    last_opened_at  {instant} NOT NULL,
    PRIMARY KEY (owner_id, kind, period, viewer_id)
){without_rowid})sql");

constexpr SchemaStatement create_peer_openings_viewer_index = both(R"sql(
CREATE INDEX peer_openings_by_viewer ON peer_openings (viewer_id))sql");

// SOL meetings and lerende organisatie dagen. organiser_id is '' once the organiser is
// erased (the event stays for everyone else), so it has no foreign key.
constexpr SchemaStatement create_events = both(R"sql(
CREATE TABLE events (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('sol_meeting', 'learning_day')),
    title        TEXT NOT NULL,
    starts_at    {instant} NOT NULL,
    ends_at      {instant} NOT NULL,
    location     TEXT NOT NULL,
    description  TEXT NOT NULL,
    capacity     INTEGER,  -- NULL: no limit
    organiser_id TEXT NOT NULL,
    series_id    TEXT NOT NULL,  -- '' when not part of a series
    created_at   {instant} NOT NULL
))sql");

constexpr SchemaStatement create_events_start_index = both(R"sql(
CREATE INDEX events_by_start ON events (starts_at))sql");

constexpr SchemaStatement create_events_organiser_index = both(R"sql(
CREATE INDEX events_by_organiser ON events (organiser_id))sql");

constexpr SchemaStatement create_event_rsvps = both(R"sql(
CREATE TABLE event_rsvps (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status   TEXT NOT NULL CHECK (status IN ('going', 'not_going')),
    at       {instant} NOT NULL,
    PRIMARY KEY (event_id, user_id)
){without_rowid})sql");

constexpr SchemaStatement create_event_rsvps_user_index = both(R"sql(
CREATE INDEX event_rsvps_by_user ON event_rsvps (user_id, status))sql");

// The programme of a lerende organisatie dag.
constexpr SchemaStatement create_event_sessions = both(R"sql(
CREATE TABLE event_sessions (
    id          TEXT PRIMARY KEY,
    event_id    TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    host        TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at   {instant} NOT NULL,
    ends_at     {instant} NOT NULL,
    capacity    INTEGER  -- NULL: no limit
))sql");

constexpr SchemaStatement create_event_sessions_event_index = both(R"sql(
CREATE INDEX event_sessions_by_event ON event_sessions (event_id, starts_at))sql");

constexpr SchemaStatement create_session_signups = both(R"sql(
CREATE TABLE session_signups (
    session_id TEXT NOT NULL REFERENCES event_sessions (id) ON DELETE CASCADE,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    at         {instant} NOT NULL,
    PRIMARY KEY (session_id, user_id)
){without_rowid})sql");

constexpr SchemaStatement create_session_signups_user_index = both(R"sql(
CREATE INDEX session_signups_by_user ON session_signups (user_id))sql");

// One row per person and level they set; a level without a row is off.
constexpr SchemaStatement create_reminder_settings = both(R"sql(
CREATE TABLE reminder_settings (
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level         TEXT NOT NULL CHECK (level IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
    enabled       {boolean} NOT NULL,
    minute_of_day INTEGER NOT NULL,
    weekday       INTEGER NOT NULL,
    PRIMARY KEY (user_id, level)
){without_rowid})sql");

// The reminders to send. The unique key is what makes a reminder go out once: however
// many passes, in however many processes, enqueue the same person, level and period.
constexpr SchemaStatement create_reminder_jobs = both(R"sql(
CREATE TABLE reminder_jobs (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    level       TEXT NOT NULL CHECK (level IN ('daily', 'weekly', 'monthly', 'quarterly', 'yearly')),
    period      {period} NOT NULL,
    due_at      {instant} NOT NULL,
    state       TEXT NOT NULL CHECK (state IN ('pending', 'claimed', 'sent')),
    attempts    INTEGER NOT NULL,
    claimed_by  TEXT NOT NULL,
    lease_until {instant} NOT NULL,
    sent_at     {instant},
    UNIQUE (user_id, level, period)
))sql");

constexpr SchemaStatement create_reminder_jobs_due_index = both(R"sql(
CREATE INDEX reminder_jobs_by_state ON reminder_jobs (state, due_at))sql");

// The secret in a person's calendar feed address.
constexpr SchemaStatement create_calendar_tokens = both(R"sql(
CREATE TABLE calendar_tokens (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token   TEXT NOT NULL UNIQUE
))sql");

// The key that signs the reminder mails' one-click off links (http/reminder_links.hpp),
// made here, once, so that processes starting together on a new database agree on it:
// 32 random bytes in SQLite; in PostgreSQL two gen_random_uuid() values, 244 random bits
// from the server's strong random source.
constexpr SchemaStatement create_reminder_link_key{
    R"sql(
INSERT INTO settings (key, value) VALUES ('reminder_link_key', lower(hex(randomblob(32))))
ON CONFLICT (key) DO NOTHING)sql",
    R"sql(
INSERT INTO settings (key, value)
VALUES ('reminder_link_key', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
ON CONFLICT (key) DO NOTHING)sql"};

// --- drafts: what a person is writing, kept as they type --------------------------------

constexpr SchemaStatement create_drafts = both(R"sql(
CREATE TABLE drafts (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('diary', 'week', 'month', 'contract', 'year')),
    period     {period} NOT NULL,
    body       {json} NOT NULL,
    updated_at {instant} NOT NULL,
    PRIMARY KEY (user_id, kind, period)
){without_rowid})sql");

constexpr SchemaStatement create_drafts_recent_index = both(R"sql(
CREATE INDEX drafts_by_time ON drafts (user_id, updated_at))sql");

// --- login throttling: an attempt reserved before its password is checked --------------

constexpr SchemaStatement add_login_attempt = both("ALTER TABLE login_failures ADD COLUMN attempt TEXT");
constexpr SchemaStatement create_login_failures_attempt_index = both(R"sql(
CREATE INDEX login_failures_by_attempt ON login_failures (attempt))sql");
constexpr SchemaStatement create_login_failures_time_index = both(R"sql(
CREATE INDEX login_failures_by_time ON login_failures (at))sql");
// --- sessions a person can see and end, links to set a new password -------------------

constexpr SchemaStatement add_session_id = both(R"sql(
ALTER TABLE sessions ADD COLUMN id TEXT NOT NULL DEFAULT '')sql");
// The sessions of before get an id of their own, never derived from their secret.
constexpr SchemaStatement number_existing_sessions{"UPDATE sessions SET id = lower(hex(randomblob(16)))",
                                                  "UPDATE sessions SET id = md5(random()::text || clock_timestamp()::text)"};
constexpr SchemaStatement add_session_last_used = both(R"sql(
ALTER TABLE sessions ADD COLUMN last_used_at {instant} NOT NULL DEFAULT 0)sql");
constexpr SchemaStatement start_session_last_used = both(R"sql(
UPDATE sessions SET last_used_at = created_at)sql");
constexpr SchemaStatement add_session_user_agent = both(R"sql(
ALTER TABLE sessions ADD COLUMN user_agent TEXT NOT NULL DEFAULT '')sql");
constexpr SchemaStatement create_sessions_last_use_index = both(R"sql(
CREATE INDEX sessions_by_last_use ON sessions (last_used_at))sql");

constexpr SchemaStatement create_password_resets = both(R"sql(
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at {instant} NOT NULL,
    expires_at {instant} NOT NULL
){without_rowid})sql");

constexpr SchemaStatement create_password_resets_user_index = both(R"sql(
CREATE INDEX password_resets_by_user ON password_resets (user_id))sql");

constexpr SchemaStatement create_password_resets_expiry_index = both(R"sql(
CREATE INDEX password_resets_by_expiry ON password_resets (expires_at))sql");

// --- versions: no save replaces what its writer has not seen -----------------------------

// Each item of the five levels counts its saves; rows written before count as one.
constexpr SchemaStatement add_diary_entry_version =
    both("ALTER TABLE diary_entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
constexpr SchemaStatement add_weekly_review_version =
    both("ALTER TABLE weekly_reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
constexpr SchemaStatement add_monthly_reflection_version =
    both("ALTER TABLE monthly_reflections ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
constexpr SchemaStatement add_learning_contract_version =
    both("ALTER TABLE learning_contracts ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
constexpr SchemaStatement add_yearly_review_version =
    both("ALTER TABLE yearly_reviews ADD COLUMN version INTEGER NOT NULL DEFAULT 1");

// --- the trash: deleted items, whole, for 30 days ---------------------------------------

constexpr SchemaStatement create_trash = both(R"sql(
CREATE TABLE trash (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('diary', 'week', 'month', 'contract', 'year')),
    period     {period} NOT NULL,
    record     {json} NOT NULL,
    deleted_at {instant} NOT NULL
))sql");

constexpr SchemaStatement create_trash_owner_index = both(R"sql(
CREATE INDEX trash_by_owner ON trash (user_id, deleted_at))sql");
constexpr SchemaStatement create_trash_age_index = both(R"sql(
CREATE INDEX trash_by_age ON trash (deleted_at))sql");

// clang-format off
const std::vector<Migration> all_migrations{
    {{.sqlite = 1, .postgres = 1},
     "initial schema",
     {create_unaccent, create_users, create_users_peer_index, create_settings, create_sessions,
      create_sessions_user_index, create_sessions_expiry_index, create_access_tokens, create_access_tokens_user_index,
      create_login_failures, create_login_failures_index, create_competencies, create_competencies_name_index,
      create_diary_entries, create_diary_entry_competencies, create_diary_entry_tags, create_owner_diary_search,
      create_weekly_reviews, create_monthly_reflections, create_learning_contracts,
      create_learning_contracts_discussion_index, create_yearly_reviews}},
    {{.sqlite = 2}, "search index with a mark per writer", {drop_owner_diary_search, create_marked_diary_search},
     &sqlite::rebuild_diary_search},
    {{.sqlite = 3}, "search index merged in the background", {stop_automerge_of_diary_search}},
    {{.sqlite = 4, .postgres = 2},
     "the social rhythm: peers, events, reminders, calendar",
     {add_contract_shared_with_peer, share_visible_contracts, create_peer_invitations,
      create_peer_invitations_pair_index, create_peer_invitations_from_index, create_peer_invitations_to_index,
      create_peer_pairs, create_current_pairs_a_index, create_current_pairs_b_index, record_existing_pairs,
      create_peer_openings, create_peer_openings_viewer_index, create_events, create_events_start_index,
      create_events_organiser_index, create_event_rsvps, create_event_rsvps_user_index, create_event_sessions,
      create_event_sessions_event_index, create_session_signups, create_session_signups_user_index,
      create_reminder_settings, create_reminder_jobs, create_reminder_jobs_due_index, create_calendar_tokens,
      create_reminder_link_key}},
    {{.sqlite = 5, .postgres = 3}, "drafts", {create_drafts, create_drafts_recent_index}},
    {{.sqlite = 6}, "search index: no merge of a large level inside a write", {raise_crisismerge_of_diary_search}},
    {{.sqlite = 7, .postgres = 4},
     "login attempts reserved before the password is checked",
     {add_login_attempt, create_login_failures_attempt_index, create_login_failures_time_index}},
    {{.sqlite = 8, .postgres = 5},
     "sessions a person can see, password reset links",
     {add_session_id, number_existing_sessions, add_session_last_used, start_session_last_used, add_session_user_agent,
      create_sessions_last_use_index, create_password_resets, create_password_resets_user_index,
      create_password_resets_expiry_index}},
    {{.sqlite = 9, .postgres = 6},
     "versions of the five levels' items",
     {add_diary_entry_version, add_weekly_review_version, add_monthly_reflection_version,
      add_learning_contract_version, add_yearly_review_version}},
    {{.sqlite = 10, .postgres = 7}, "the trash", {create_trash, create_trash_owner_index, create_trash_age_index}},
};
// clang-format on

// --- placeholders -----------------------------------------------------------------------

struct Words {
    std::string_view placeholder, sqlite, postgres;
};

constexpr Words dialect[] = {
    {"instant", "INTEGER", "BIGINT"},
    {"boolean", "INTEGER", "BOOLEAN"},
    {"false", "0", "false"},
    {"true", "1", "true"},
    {"json", "TEXT", "JSONB"},
    {"period", "TEXT", "TEXT COLLATE \"C\""},
    {"without_rowid", " WITHOUT ROWID", ""},
    {"bytewise", "", " COLLATE \"C\""},
    {"least", "min", "LEAST"},
    {"greatest", "max", "GREATEST"},
    {"unique_nocase", " UNIQUE COLLATE NOCASE", ""},
};

bool is_placeholder_name(std::string_view name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

std::string_view words_for(std::string_view placeholder, Backend backend) {
    for (const Words& words : dialect) {
        if (words.placeholder == placeholder) return backend == Backend::sqlite ? words.sqlite : words.postgres;
    }
    throw std::logic_error("migrations: unknown placeholder {" + std::string(placeholder) + "}");
}

// --- applying ---------------------------------------------------------------------------

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// Runs `work` between BEGIN and COMMIT, rolling back when it throws.
template <class Work>
void in_transaction(soci::session& sql, Backend backend, Work&& work) {
    // IMMEDIATE takes SQLite's write lock up front: the check whether another process has
    // applied the migration meanwhile then holds until the commit.
    sql << (backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
        work();
        sql << "COMMIT";
    } catch (...) {
        try {
            sql << "ROLLBACK";
        } catch (...) {
            // The failure on its way up says more.
        }
        throw;
    }
}

void apply(soci::session& sql, Backend backend, const Migration& migration, int version) {
    in_transaction(sql, backend, [&] {
        int already = 0;
        sql << migration_applied, soci::use(version, "version"), soci::into(already);
        if (already > 0) return;
        for (const SchemaStatement& statement : migration.statements) {
            if (!statement.on(backend).empty()) sql << sql_for(statement.on(backend), backend);
        }
        if (migration.then != nullptr) migration.then(sql);
        const long long now = unix_now();
        sql << record_migration, soci::use(version, "version"), soci::use(now, "applied_at");
    });
}

void apply_all(soci::session& sql, Backend backend, int up_to) {
    sql << sql_for(create_schema_migrations, backend);
    const int applied = schema_version(sql);
    for (const Migration& migration : all_migrations) {
        const int version = migration.version.on(backend);
        if (version == 0 || version <= applied || version > up_to) continue;
        apply(sql, backend, migration, version);
    }
}

}  // namespace

std::span<const Migration> migrations() {
    return all_migrations;
}

int latest_version(Backend backend) {
    int latest = 0;
    for (const Migration& migration : all_migrations) latest = std::max(latest, migration.version.on(backend));
    return latest;
}

std::string sql_for(std::string_view text, Backend backend) {
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t done = 0;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        const std::string_view name = text.substr(open + 1, close - open - 1);
        if (!is_placeholder_name(name)) continue;
        out.append(text.substr(done, open - done)).append(words_for(name, backend));
        done = close + 1;
        open = close;
    }
    return out.append(text.substr(done));
}

int schema_version(soci::session& sql) {
    int version = 0;
    sql << latest_applied, soci::into(version);
    return version;
}

void apply_migrations(soci::session& sql, Backend backend) {
    apply_migrations(sql, backend, latest_version(backend));
}

void apply_migrations(soci::session& sql, Backend backend, int version) {
    if (backend == Backend::sqlite) {
        apply_all(sql, backend, version);
        return;
    }
    // Whoever holds the lock migrates; the others wait and then find nothing left to do.
    sql << lock_migrations;
    try {
        apply_all(sql, backend, version);
    } catch (...) {
        try {
            sql << unlock_migrations;
        } catch (...) {
            // The session ends with the failure anyway, and its lock with it.
        }
        throw;
    }
    sql << unlock_migrations;
}

}  // namespace ritme::storage

#pragma once
// The SQLite dialect's own statements: the diary's competencies and tags in tables of their
// own, and its words in the FTS5 index diary_search (see search_expression.hpp).
#include "storage/database.hpp"

namespace ritme::storage::sqlite::queries {

// --- daily: the diary -------------------------------------------------------------------

inline constexpr Query find_diary_entry = same(R"sql(
SELECT day, learning_moments, handling, key_learning, shared_with_peer, minutes, search_id, created_at, updated_at,
       version
FROM diary_entries WHERE user_id = :user_id AND day = :day)sql");

// The competencies and tags of a person's entries in [first, last], for a page at once.
inline constexpr Query diary_entry_children = same(R"sql(
SELECT day, 0 AS kind, position, competency_id FROM diary_entry_competencies
WHERE user_id = :user_id AND day >= :first AND day <= :last
UNION ALL
SELECT day, 1 AS kind, position, tag FROM diary_entry_tags
WHERE user_id = :user_id AND day >= :first AND day <= :last
ORDER BY 1, 2, 3)sql");

inline constexpr Query tags_of_diary_entry =
    same("SELECT tag FROM diary_entry_tags WHERE user_id = :user_id AND day = :day ORDER BY position");

inline constexpr Query insert_diary_entry = same(R"sql(
INSERT INTO diary_entries (user_id, day, learning_moments, handling, key_learning, shared_with_peer, minutes,
                           search_id, created_at, updated_at, version)
VALUES (:user_id, :day, :learning_moments, :handling, :key_learning, :shared_with_peer, :minutes,
        :search_id, :created_at, :updated_at, :version))sql");
inline constexpr Query replace_diary_entry = same(R"sql(
UPDATE diary_entries SET learning_moments = :learning_moments, handling = :handling, key_learning = :key_learning,
    shared_with_peer = :shared_with_peer, minutes = :minutes, search_id = :search_id, created_at = :created_at,
    updated_at = :updated_at, version = :version
WHERE user_id = :user_id AND day = :day)sql");
inline constexpr Query delete_diary_entry = same("DELETE FROM diary_entries WHERE user_id = :user_id AND day = :day");
inline constexpr Query delete_diary_entry_competencies =
    same("DELETE FROM diary_entry_competencies WHERE user_id = :user_id AND day = :day");
inline constexpr Query delete_diary_entry_tags =
    same("DELETE FROM diary_entry_tags WHERE user_id = :user_id AND day = :day");
inline constexpr Query insert_diary_entry_competency = same(R"sql(
INSERT INTO diary_entry_competencies (user_id, day, position, competency_id)
VALUES (:user_id, :day, :position, :competency_id))sql");
inline constexpr Query insert_diary_entry_tag = same(R"sql(
INSERT INTO diary_entry_tags (user_id, day, position, tag) VALUES (:user_id, :day, :position, :tag))sql");

// The search index (values as made by indexed_text()): contentless, so removing a row
// needs the very values it was given.
inline constexpr Query index_diary_entry = same(R"sql(
INSERT INTO diary_search (rowid, learning_moments, handling, key_learning, tags)
VALUES (:search_id, :learning_moments, :handling, :key_learning, :tags))sql");
inline constexpr Query unindex_diary_entry = same(R"sql(
INSERT INTO diary_search (diary_search, rowid, learning_moments, handling, key_learning, tags)
VALUES ('delete', :search_id, :learning_moments, :handling, :key_learning, :tags))sql");
// Background upkeep: merge index segments, doing about this many pages of work.
inline constexpr Query merge_diary_search = same("INSERT INTO diary_search (diary_search, rank) VALUES ('merge', 256)");
inline constexpr Query total_changes = same("SELECT total_changes()");

// A new entry's row: FTS5 numbers it (read it back with last_insert_rowid).
inline constexpr Query index_new_diary_entry = same(R"sql(
INSERT INTO diary_search (learning_moments, handling, key_learning, tags)
VALUES (:learning_moments, :handling, :key_learning, :tags))sql");

// What a person's entries gave their rows in the search index, to remove or rebuild them.
inline constexpr Query diary_texts_of_user = same(R"sql(
SELECT day, learning_moments, handling, key_learning, search_id FROM diary_entries WHERE user_id = :user_id)sql");
inline constexpr Query diary_writers = same("SELECT DISTINCT user_id FROM diary_entries");
inline constexpr Query diary_tags_of_user = same(R"sql(
SELECT day, tag FROM diary_entry_tags WHERE user_id = :user_id ORDER BY day, position)sql");

// A page of entries, newest first. Absent bounds are bound as "0000-00-00" / "9999-99-99"
// rather than tested for NULL, so the (user_id, day) key serves every range and cursor.
// limit is the page size plus one, to see whether more follow.
#define RITME_DIARY_PAGE(SEARCH)                                                                                \
    "SELECT e.day, e.learning_moments, e.handling, e.key_learning, e.shared_with_peer, e.minutes, e.search_id, " \
    "e.created_at, e.updated_at, e.version FROM diary_entries AS e "                                                       \
    "WHERE e.user_id = :user_id AND e.day >= :from AND e.day <= :to AND e.day < :before "                      \
    "AND (:shared_only = 0 OR e.shared_with_peer = 1) "                                                         \
    "AND (:competency_id = '' OR EXISTS (SELECT 1 FROM diary_entry_competencies AS c "                         \
    "WHERE c.user_id = e.user_id AND c.day = e.day AND c.competency_id = :competency_id)) "                     \
    "AND (:tag = '' OR EXISTS (SELECT 1 FROM diary_entry_tags AS t "                                            \
    "WHERE t.user_id = e.user_id AND t.day = e.day AND t.tag = :tag COLLATE NOCASE)) " SEARCH                   \
    "ORDER BY e.day DESC LIMIT :limit"
inline constexpr Query list_diary_entries = same(RITME_DIARY_PAGE(""));
// The same with full-text search. :match (see search_expression.hpp) holds the person's
// mark, so the index hands back only their matching entries, and looks at nothing else.
inline constexpr Query search_diary_entries =
    same(RITME_DIARY_PAGE("AND e.search_id IN (SELECT rowid FROM diary_search WHERE diary_search MATCH :match) "));
#undef RITME_DIARY_PAGE

inline constexpr Query last_insert_rowid = same("SELECT last_insert_rowid()");
inline constexpr Query journal_mode = same("PRAGMA journal_mode");
inline constexpr Query synchronous = same("PRAGMA synchronous");
inline constexpr Query busy_timeout = same("PRAGMA busy_timeout");
inline constexpr Query foreign_keys = same("PRAGMA foreign_keys");

}  // namespace ritme::storage::sqlite::queries

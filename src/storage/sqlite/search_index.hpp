#pragma once
// The diary's full-text index, the FTS5 table diary_search: what one entry's row holds,
// and filling or emptying it for a whole person or the whole diary at once.
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace ritme::storage::sqlite {

// What an entry's row in the index holds: its text with every word marked as the
// writer's (see search_expression.hpp). The same function makes the values to add and
// the values to remove: a contentless index only forgets exactly what it was given.
struct IndexedEntry {
    long long search_id = 0;  // the row's rowid, kept in diary_entries.search_id
    std::string learning_moments, handling, key_learning, tags;

    void set(const std::string& mark, const std::string& moments, const std::string& handled,
             const std::string& learned, const std::vector<std::string>& tag_list);
    // Binds the four texts (not search_id) to `statement`.
    void use(Statement& statement);
};

// Takes every one of a person's entries out of the index, which holds no link to the
// person that a cascade could follow.
void unindex_entries_of(Connection& connection, const std::string& user_id);

// Puts every entry of the diary into an empty index (migration 2).
void rebuild_diary_search(soci::session& sql);

}  // namespace ritme::storage::sqlite

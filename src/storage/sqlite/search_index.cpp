#include "storage/sqlite/search_index.hpp"

#include <unordered_map>

#include "storage/sqlite/search_expression.hpp"
#include "storage/sqlite/diary_queries.hpp"

namespace ritme::storage::sqlite {

void IndexedEntry::set(const std::string& mark, const std::string& moments, const std::string& handled,
                       const std::string& learned, const std::vector<std::string>& tag_list) {
    learning_moments = indexed_text(mark, moments);
    handling = indexed_text(mark, handled);
    key_learning = indexed_text(mark, learned);
    tags.clear();
    for (const std::string& tag : tag_list) {
        if (!tags.empty()) tags += ' ';
        tags += indexed_text(mark, tag);
    }
}

void IndexedEntry::use(Statement& statement) {
    statement.use(learning_moments, "learning_moments").use(handling, "handling");
    statement.use(key_learning, "key_learning").use(tags, "tags");
}

namespace {

// Runs `change` (queries::index_diary_entry or unindex_diary_entry) for every entry of
// one person, with what the entry's row in the index holds.
void change_entries_of(Connection& connection, const std::string& user_id, const Query& change) {
    std::unordered_map<std::string, std::vector<std::string>> tags_by_day;
    {
        std::string day, tag;
        Statement tags(connection, queries::diary_tags_of_user);
        tags.into(day).into(tag).use(user_id, "user_id");
        if (tags.run()) {
            do {
                tags_by_day[day].push_back(tag);
            } while (tags.next());
        }
    }
    struct Written {
        std::string day, learning_moments, handling, key_learning;
        long long search_id = 0;
    };
    // All read first: the changing statement runs after this one is done.
    std::vector<Written> entries;
    {
        Written row;
        Statement statement(connection, queries::diary_texts_of_user);
        statement.into(row.day).into(row.learning_moments).into(row.handling).into(row.key_learning);
        statement.into(row.search_id).use(user_id, "user_id");
        if (statement.run()) {
            do {
                entries.push_back(row);
            } while (statement.next());
        }
    }
    const std::string mark = search_mark(user_id);
    const std::vector<std::string> no_tags;
    IndexedEntry indexed;
    Statement statement(connection, change);
    statement.use(indexed.search_id, "search_id");
    indexed.use(statement);
    for (const Written& entry : entries) {
        auto found = tags_by_day.find(entry.day);
        indexed.set(mark, entry.learning_moments, entry.handling, entry.key_learning,
                    found == tags_by_day.end() ? no_tags : found->second);
        indexed.search_id = entry.search_id;
        statement.run();
    }
}

}  // namespace

void unindex_entries_of(Connection& connection, const std::string& user_id) {
    change_entries_of(connection, user_id, queries::unindex_diary_entry);
}

void rebuild_diary_search(soci::session& sql) {
    Connection connection(sql, Backend::sqlite);  // prepared statements for this work only
    std::vector<std::string> writers;
    {
        std::string user_id;
        Statement statement(connection, queries::diary_writers);
        statement.into(user_id);
        if (statement.run()) {
            do {
                writers.push_back(user_id);
            } while (statement.next());
        }
    }
    for (const std::string& user_id : writers) change_entries_of(connection, user_id, queries::index_diary_entry);
}

}  // namespace ritme::storage::sqlite

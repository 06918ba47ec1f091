#pragma once
// Full-text search of the diary in FTS5, scoped to one person.
//
// Every word goes into the index with its writer's mark in front ("leermoment" of one
// person is indexed as "u5f3a...9c0exleermoment"), so each person has a part of the index
// of their own, and a prefix search walks only that part: it costs what that person wrote,
// not what all ten thousand wrote. The tokenizer still folds case and diacritics of the
// whole token. Whatever a person types is plain words: quotes, NEAR, AND, OR, *, ^,
// parentheses and colons never reach FTS5 as syntax.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ritme::storage {

// At most this many words of a search are used; a search is a few words, not a text.
inline constexpr std::size_t max_search_words = 16;

// The words of `text` as FTS5's unicode61 tokenizer sees them: runs of letters and digits
// (any script), split at spaces, punctuation and symbols. At most `limit` words.
std::vector<std::string> search_words(std::string_view text, std::size_t limit = max_search_words);

// A person's mark: "u", 16 hex digits of a fixed 64-bit hash of the id, "x". Fixed length,
// so no mark is the start of another. Two ids with one hash would share a part of the
// index, which costs time but never shows one person's entry to another: the queries
// select by user_id as well.
std::string search_mark(std::string_view user_id);

// `text` as it goes into the index: its words, each with the mark in front.
std::string indexed_text(std::string_view mark, std::string_view text);

// The MATCH expression for a search: `"<mark><word>" * AND ...` for every word of `text`,
// or "" when `text` holds no word.
std::string diary_search_expression(std::string_view user_id, std::string_view text);

}  // namespace ritme::storage

#pragma once
// From what a person types in the search box to an FTS5 query of diary_search. Whatever
// they type is plain words: quotes, NEAR, AND, OR, *, ^, parentheses and colons never reach
// FTS5 as syntax.
#include <string>
#include <string_view>
#include <vector>

namespace ritme::storage {

// At most this many words of a search are used; a search is a few words, not a text.
inline constexpr std::size_t max_search_words = 16;

// The words of `text` as FTS5's unicode61 tokenizer sees them: runs of letters and digits
// (any script), split at spaces, punctuation and symbols.
std::vector<std::string> search_words(std::string_view text);

// The token in diary_search.owner that marks one person's entries: "u" and the id's bytes
// in hex, so that no id can fold, split or collide under the tokenizer.
std::string search_owner_token(std::string_view user_id);

// `owner : "<token>" AND {text columns} : "word"* AND ...` for every word of `text`, or ""
// when `text` holds no word.
std::string diary_search_expression(std::string_view user_id, std::string_view text);

}  // namespace ritme::storage

#include "storage/sqlite/search_expression.hpp"

#include <cstdint>

#include "core/text.hpp"

namespace ritme::storage {
namespace {

struct Range {
    char32_t first;
    char32_t last;
};

// Punctuation, symbols, spaces and format characters beyond ASCII, as far as people type
// them: the tokenizer treats these as separators (it keeps letters, digits and private
// use characters). Close enough that a word never turns into an empty FTS5 phrase, which
// would make the whole search find nothing.
constexpr Range separator_ranges[] = {
    {0x0080, 0x00A9}, {0x00AB, 0x00B1}, {0x00B4, 0x00B4},   {0x00B6, 0x00B8},   {0x00BB, 0x00BB}, {0x00BF, 0x00BF},
    {0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x2000, 0x206F},   {0x20A0, 0x20CF},   {0x2190, 0x23FF}, {0x2500, 0x2775},
    {0x2794, 0x2BFF}, {0x2E00, 0x2E7F}, {0x3000, 0x3004},   {0x3008, 0x3020},   {0x3030, 0x3030}, {0x303D, 0x303F},
    {0xFE00, 0xFE1F}, {0xFE30, 0xFE6F}, {0xFEFF, 0xFEFF},   {0xFF01, 0xFF0F},   {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40},
    {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0xE007F},
};

bool is_word_character(char32_t c) {
    if (c < 0x80) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
    for (const Range& range : separator_ranges) {
        if (c >= range.first && c <= range.last) return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> search_words(std::string_view text, std::size_t limit) {
    std::vector<std::string> words;
    std::string word;
    auto finish_word = [&] {
        if (!word.empty()) words.push_back(std::move(word));
        word.clear();
    };
    for (char32_t c : decode_utf8(text)) {
        if (words.size() == limit) return words;
        if (is_word_character(c)) {
            append_utf8(word, c);
        } else {
            finish_word();
        }
    }
    if (words.size() < limit) finish_word();
    return words;
}

std::string search_mark(std::string_view user_id) {
    // FNV-1a: fixed for good, as the marks are stored in the index.
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (unsigned char byte : user_id) {
        hash ^= byte;
        hash *= 0x100000001b3ULL;
    }
    constexpr char hex[] = "0123456789abcdef";
    std::string mark = "u";
    for (int shift = 60; shift >= 0; shift -= 4) mark += hex[(hash >> shift) & 0x0f];
    mark += 'x';
    return mark;
}

std::string indexed_text(std::string_view mark, std::string_view text) {
    std::string indexed;
    for (const std::string& word : search_words(text, std::string_view::npos)) {
        if (!indexed.empty()) indexed += ' ';
        indexed += mark;
        indexed += word;
    }
    return indexed;
}

std::string diary_search_expression(std::string_view user_id, std::string_view text) {
    const std::string mark = search_mark(user_id);
    std::string expression;
    for (const std::string& word : search_words(text)) {
        // A word holds letters and digits only, so it needs no escaping inside the quotes.
        if (!expression.empty()) expression += " AND ";
        expression.append("\"").append(mark).append(word).append("\" *");
    }
    return expression;
}

}  // namespace ritme::storage

#pragma once
// Plain-text helpers shared by the rules and the SMART check: code points of UTF-8 text,
// blank text, and a folded form for matching words regardless of case and diacritics
// (so "Één" and "een" match, as people type them either way).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ritme {

// The code points of UTF-8 text; a byte that does not start a valid sequence becomes U+FFFD.
std::vector<char32_t> decode_utf8(std::string_view utf8);
void append_utf8(std::string& out, char32_t code_point);

bool is_white_space(char32_t code_point);  // ASCII and Unicode spaces, line and paragraph breaks
bool is_blank(std::string_view utf8);      // empty, or white space only
// Without the spaces, tabs and line breaks at either end.
std::string trimmed(std::string_view text);

// Lower case, with the diacritics of Latin letters removed: "Één Übung" -> "een ubung",
// "ĳ" -> "ij", "ß" -> "ss". Letters of other scripts pass unchanged.
std::string fold_text(std::string_view utf8);

// The ASCII letters lower-cased, everything else as it is (header names, e-mail addresses).
std::string ascii_lower(std::string_view text);
// Equal when ASCII letters are compared without case.
bool equals_ascii_ignoring_case(std::string_view a, std::string_view b);

// %XX escapes decoded (and '+' as a space when `plus_is_space`, as in form bodies); an
// escape that is cut short or not hexadecimal gives nullopt.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace ritme

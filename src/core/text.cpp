#include "core/text.hpp"

#include <algorithm>
#include <array>

namespace ritme {
namespace {

constexpr char32_t replacement_character = 0xFFFD;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_continuation(unsigned char byte) {
    return (byte & 0xC0) == 0x80;
}

// One run of Latin letters with diacritics and the plain letters they fold to.
struct FoldRange {
    char32_t first;
    char32_t last;
    std::string_view plain;
};

// Latin-1 Supplement and Latin Extended-A: the letters that Dutch, English and their
// neighbours write. Upper and lower case fold alike.
constexpr std::array<FoldRange, 56> fold_ranges{{
    {0x00C0, 0x00C5, "a"},
    {0x00C6, 0x00C6, "ae"},
    {0x00C7, 0x00C7, "c"},
    {0x00C8, 0x00CB, "e"},
    {0x00CC, 0x00CF, "i"},
    {0x00D0, 0x00D0, "d"},
    {0x00D1, 0x00D1, "n"},
    {0x00D2, 0x00D6, "o"},
    {0x00D8, 0x00D8, "o"},
    {0x00D9, 0x00DC, "u"},
    {0x00DD, 0x00DD, "y"},
    {0x00DE, 0x00DE, "th"},
    {0x00DF, 0x00DF, "ss"},
    {0x00E0, 0x00E5, "a"},
    {0x00E6, 0x00E6, "ae"},
    {0x00E7, 0x00E7, "c"},
    {0x00E8, 0x00EB, "e"},
    {0x00EC, 0x00EF, "i"},
    {0x00F0, 0x00F0, "d"},
    {0x00F1, 0x00F1, "n"},
    {0x00F2, 0x00F6, "o"},
    {0x00F8, 0x00F8, "o"},
    {0x00F9, 0x00FC, "u"},
    {0x00FD, 0x00FD, "y"},
    {0x00FE, 0x00FE, "th"},
    {0x00FF, 0x00FF, "y"},
    {0x0100, 0x0105, "a"},
    {0x0106, 0x010D, "c"},
    {0x010E, 0x0111, "d"},
    {0x0112, 0x011B, "e"},
    {0x011C, 0x0123, "g"},
    {0x0124, 0x0127, "h"},
    {0x0128, 0x0131, "i"},
    {0x0132, 0x0133, "ij"},
    {0x0134, 0x0135, "j"},
    {0x0136, 0x0138, "k"},
    {0x0139, 0x0142, "l"},
    {0x0143, 0x014B, "n"},
    {0x014C, 0x0151, "o"},
    {0x0152, 0x0153, "oe"},
    {0x0154, 0x0159, "r"},
    {0x015A, 0x0161, "s"},
    {0x0162, 0x0167, "t"},
    {0x0168, 0x0173, "u"},
    {0x0174, 0x0175, "w"},
    {0x0176, 0x0178, "y"},
    {0x0179, 0x017E, "z"},
    {0x017F, 0x017F, "s"},
    // Latin Extended-B letters seen in Romanian and in decomposed-then-recomposed text.
    {0x0218, 0x0219, "s"},
    {0x021A, 0x021B, "t"},
    {0x01CD, 0x01CE, "a"},
    {0x01CF, 0x01D0, "i"},
    {0x01D1, 0x01D2, "o"},
    {0x01D3, 0x01DC, "u"},
    {0x1E9E, 0x1E9E, "ss"},
    {0x0180, 0x0180, "b"},
}};

bool is_combining_mark(char32_t code_point) {
    return code_point >= 0x0300 && code_point <= 0x036F;
}

}  // namespace

std::vector<char32_t> decode_utf8(std::string_view utf8) {
    std::vector<char32_t> code_points;
    code_points.reserve(utf8.size());
    std::size_t index = 0;
    while (index < utf8.size()) {
        auto lead = static_cast<unsigned char>(utf8[index]);
        if (lead < 0x80) {
            code_points.push_back(lead);
            ++index;
            continue;
        }
        std::size_t length = 0;
        char32_t value = 0;
        char32_t smallest = 0;  // below this the sequence is overlong
        if ((lead & 0xE0) == 0xC0) {
            length = 2;
            value = lead & 0x1F;
            smallest = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            length = 3;
            value = lead & 0x0F;
            smallest = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            length = 4;
            value = lead & 0x07;
            smallest = 0x10000;
        }
        bool valid = length > 0 && index + length <= utf8.size();
        for (std::size_t offset = 1; valid && offset < length; ++offset) {
            auto byte = static_cast<unsigned char>(utf8[index + offset]);
            if (!is_continuation(byte)) valid = false;
            value = (value << 6) | (byte & 0x3F);
        }
        if (valid && (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))) valid = false;
        if (!valid) {
            code_points.push_back(replacement_character);
            ++index;
            continue;
        }
        code_points.push_back(value);
        index += length;
    }
    return code_points;
}

void append_utf8(std::string& out, char32_t code_point) {
    if (code_point < 0x80) {
        out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
        out += static_cast<char>(0xC0 | (code_point >> 6));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        out += static_cast<char>(0xE0 | (code_point >> 12));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code_point >> 18));
        out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
}

bool is_white_space(char32_t code_point) {
    switch (code_point) {
        case U' ':
        case U'\t':
        case U'\n':
        case U'\v':
        case U'\f':
        case U'\r':
        case 0x0085:  // next line
        case 0x00A0:  // no-break space, common in pasted text
        case 0x1680:
        case 0x2028:  // line separator
        case 0x2029:  // paragraph separator
        case 0x202F:
        case 0x205F:
        case 0x3000:
        case 0x180E:
        case 0x200B:  // zero-width space: invisible, so it must not count as content
        case 0xFEFF:  // byte order mark, likewise invisible
            return true;
        default:
            return code_point >= 0x2000 && code_point <= 0x200A;
    }
}

std::string trimmed(std::string_view text) {
    constexpr std::string_view space = " \t\r\n";
    std::size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(space) - first + 1));
}

bool is_blank(std::string_view utf8) {
    for (char32_t code_point : decode_utf8(utf8)) {
        if (!is_white_space(code_point)) return false;
    }
    return true;
}

std::string fold_text(std::string_view utf8) {
    std::string folded;
    folded.reserve(utf8.size());
    for (char32_t code_point : decode_utf8(utf8)) {
        if (code_point >= U'A' && code_point <= U'Z') {
            folded += static_cast<char>(code_point - U'A' + U'a');
            continue;
        }
        if (code_point < 0x80) {
            folded += static_cast<char>(code_point);
            continue;
        }
        if (is_combining_mark(code_point)) continue;  // decomposed "e" + accent folds to "e"
        bool replaced = false;
        for (const FoldRange& range : fold_ranges) {
            if (code_point >= range.first && code_point <= range.last) {
                folded += range.plain;
                replaced = true;
                break;
            }
        }
        if (!replaced) append_utf8(folded, code_point);
    }
    return folded;
}

std::string ascii_lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

bool equals_ascii_ignoring_case(std::string_view a, std::string_view b) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+' && plus_is_space) {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace ritme

#include "http/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstddef>
#include <cstring>

namespace ritme::http {
namespace {

// 0: copied as is; 1: needs an escape; 2: the start of a multi-byte UTF-8 sequence (or an
// invalid byte), checked on its own.
constexpr std::array<std::uint8_t, 256> byte_class = [] {
    std::array<std::uint8_t, 256> table{};
    for (std::size_t b = 0; b < 0x20; ++b) table[b] = 1;
    table['"'] = 1;
    table['\\'] = 1;
    for (std::size_t b = 0x80; b < 0x100; ++b) table[b] = 2;
    return table;
}();

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD

bool in(unsigned char byte, unsigned char low, unsigned char high) {
    return byte >= low && byte <= high;
}

// The length of the valid UTF-8 sequence at text[at] (a byte >= 0x80); 0 when it is not
// valid, with `consumed` set to the bytes the replacement character stands for: the lead
// byte alone when it cannot start a sequence, otherwise the lead byte and the continuation
// bytes that fit before the first one that does not (which is then read again), or the
// rest of the text when the text ends inside the sequence. This is what nlohmann's
// serializer does with error_handler_t::replace.
std::size_t utf8_sequence(std::string_view text, std::size_t at, std::size_t& consumed) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t length = 0;
    unsigned char second_low = 0x80;
    unsigned char second_high = 0xBF;
    if (in(lead, 0xC2, 0xDF)) {
        length = 2;
    } else if (in(lead, 0xE0, 0xEF)) {
        length = 3;
        if (lead == 0xE0) second_low = 0xA0;
        if (lead == 0xED) second_high = 0x9F;
    } else if (in(lead, 0xF0, 0xF4)) {
        length = 4;
        if (lead == 0xF0) second_low = 0x90;
        if (lead == 0xF4) second_high = 0x8F;
    } else {
        consumed = 1;
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        if (at + k >= text.size()) {
            consumed = text.size() - at;
            return 0;
        }
        const auto byte = static_cast<unsigned char>(text[at + k]);
        const bool fits = k == 1 ? in(byte, second_low, second_high) : in(byte, 0x80, 0xBF);
        if (!fits) {
            consumed = k;
            return 0;
        }
    }
    return length;
}

// Whether any of the 8 bytes in `word` is below 0x20, a quote, a backslash or above 0x7F.
// When no byte is above 0x7F, a byte below n borrows in `byte - n` and sets its top bit
// (a borrow may also flag the bytes after a true hit, never a word without one).
bool needs_care(std::uint64_t word) {
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high = 0x8080808080808080ULL;
    const std::uint64_t quote = word ^ (ones * '"');
    const std::uint64_t backslash = word ^ (ones * '\\');
    const std::uint64_t found = (word - ones * 0x20) | (quote - ones) | (backslash - ones);
    return ((word | found) & high) != 0;
}

void append_escape(std::string& out, unsigned char byte) {
    switch (byte) {
        case '"': out += "\\\""; return;
        case '\\': out += "\\\\"; return;
        case '\b': out += "\\b"; return;
        case '\f': out += "\\f"; return;
        case '\n': out += "\\n"; return;
        case '\r': out += "\\r"; return;
        case '\t': out += "\\t"; return;
        default: {
            constexpr std::string_view hex = "0123456789abcdef";
            char escape[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 0xF]};
            out.append(escape, sizeof escape);
            return;
        }
    }
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
    out += '"';
    std::size_t run = 0;  // the start of the bytes not yet copied
    std::size_t i = 0;
    const std::size_t size = value.size();
    while (i < size) {
        // Eight plain bytes at a time: most text needs no escaping at all.
        while (i + 8 <= size) {
            std::uint64_t word = 0;
            std::memcpy(&word, value.data() + i, sizeof word);
            if (needs_care(word)) break;
            i += 8;
        }
        if (i == size) break;
        const auto byte = static_cast<unsigned char>(value[i]);
        const std::uint8_t kind = byte_class[byte];
        if (kind == 0) {
            ++i;
            continue;
        }
        if (kind == 2) {
            std::size_t consumed = 0;
            if (std::size_t length = utf8_sequence(value, i, consumed)) {
                i += length;
                continue;
            }
            out.append(value.data() + run, i - run);
            out += replacement;
            i += consumed;
            run = i;
            continue;
        }
        out.append(value.data() + run, i - run);
        append_escape(out, byte);
        run = ++i;
    }
    out.append(value.data() + run, size - run);
    out += '"';
}

void JsonWriter::begin_object() {
    separate();
    out_ += '{';
    comma_ = false;
}

void JsonWriter::end_object() {
    out_ += '}';
    comma_ = true;
}

void JsonWriter::begin_array() {
    separate();
    out_ += '[';
    comma_ = false;
}

void JsonWriter::end_array() {
    out_ += ']';
    comma_ = true;
}

void JsonWriter::key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ':';
    comma_ = false;
}

void JsonWriter::string(std::string_view value) {
    separate();
    append_json_string(out_, value);
    comma_ = true;
}

void JsonWriter::number(std::int64_t value) {
    separate();
    char digits[24];
    auto [end, fault] = std::to_chars(digits, digits + sizeof digits, value);
    static_cast<void>(fault);  // 24 characters hold any 64-bit integer
    out_.append(digits, end);
    comma_ = true;
}

void JsonWriter::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    comma_ = true;
}

void JsonWriter::null() {
    separate();
    out_ += "null";
    comma_ = true;
}

}  // namespace ritme::http

#pragma once
// A small JSON writer that appends to a std::string: for answers on hot paths, where
// building an nlohmann tree and dumping it costs more than the database. The output is
// what nlohmann's dump() (compact, error_handler_t::replace) gives for the same values
// written in the same order: strings are escaped per RFC 8259 (", \, the short escapes
// \b \f \n \r \t, other bytes below 0x20 as \u00xx; everything else, DEL and multi-byte
// UTF-8 included, as is) and invalid UTF-8 becomes U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

namespace ritme::http {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // In an object: the next member's name; its value follows with one of the calls below.
    void key(std::string_view name);

    void string(std::string_view value);
    void number(std::int64_t value);
    void boolean(bool value);
    void null();

    std::string& out() { return out_; }

private:
    void separate() {
        if (comma_) out_ += ',';
    }

    std::string& out_;
    bool comma_ = false;  // a value was just written: the next one needs a comma
};

// `value` as a JSON string, quotes included, appended to `out`.
void append_json_string(std::string& out, std::string_view value);

}  // namespace ritme::http

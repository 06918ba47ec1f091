#pragma once
// Strict reading of a JSON request body: every field is checked for its type, and a field
// the endpoint does not know is refused (422), so no client can set what is not its to set.
#include <initializer_list>
#include <memory>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "core/periods.hpp"
#include "core/result.hpp"
#include "http/http.hpp"

namespace ritme::http {

// A request body read as JSON: nested at most `max_nesting` deep, with no key twice in
// one object, and an object at the top. Any other text is a 400 bad_request.
inline constexpr int max_json_nesting = 32;
Result<Json> parse_request_json(std::string_view text);

class BodyReader {
public:
    // `body` null means "no body": every field is absent.
    explicit BodyReader(const Json* body);

    bool has(const std::string& field) const;  // present and not null

    // Absent: `out` is left as it is. Null: `out` becomes empty ("", nullopt, {}, false),
    // unless the field refuses null. Present with the wrong type or format: the first such
    // fault is kept (status()).
    void text(const std::string& field, std::string& out);
    // A word of a closed list (an enum): null is a fault, as is any other type.
    void word(const std::string& field, std::string& out);
    void boolean(const std::string& field, bool& out);
    // A number with a range: null is a fault.
    void integer(const std::string& field, int& out);
    // Null only where the contract gives null a meaning (a capacity without limit).
    enum class Null { allowed, refused };
    void optional_integer(const std::string& field, std::optional<int>& out, Null null = Null::allowed);
    void text_list(const std::string& field, std::vector<std::string>& out);
    void int_list(const std::string& field, std::vector<int>& out);
    void optional_day(const std::string& field, std::optional<Day>& out);  // "YYYY-MM-DD"

    // A nested object; its faults name the field as "outer.inner".
    BodyReader object(const std::string& field);
    // Each element of an array of objects, as a reader ("goals[2].text").
    std::vector<BodyReader> objects(const std::string& field);

    // Refuses any field not named here.
    void allow_only(std::initializer_list<const char*> known);
    // Must be present and not null.
    void require(const std::string& field);

    Status status() const;

private:
    BodyReader(const Json* body, std::string prefix, std::shared_ptr<std::optional<Error>> fault);
    const Json* find(const std::string& field) const;
    void fail(const std::string& field, std::string message);
    std::string name_of(const std::string& field) const { return prefix_ + field; }

    const Json* body_;
    std::string prefix_;
    std::shared_ptr<std::optional<Error>> fault_;
};

}  // namespace ritme::http

#include "http/json_body.hpp"

namespace ritme::http {
namespace {

// Arrays and objects nested deeper than any endpoint needs are refused before parsing.
bool nesting_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false;
    bool escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > limit) return false;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

Error malformed_body(std::string message) {
    return Error{ErrorCode::bad_request, std::move(message)};
}

}  // namespace

Result<Json> parse_request_json(std::string_view text) {
    if (!nesting_within(text, max_json_nesting)) return malformed_body("The request body is nested too deeply.");
    // The keys seen so far in each object being read, innermost last: a key twice in one
    // object is refused rather than silently taking one of the two values.
    std::vector<std::vector<std::string>> open_objects;
    bool duplicate = false;
    Json::parser_callback_t watch = [&](int, Json::parse_event_t event, Json& parsed) {
        if (event == Json::parse_event_t::object_start) {
            open_objects.emplace_back();
        } else if (event == Json::parse_event_t::object_end) {
            if (!open_objects.empty()) open_objects.pop_back();
        } else if (event == Json::parse_event_t::key && !open_objects.empty()) {
            std::vector<std::string>& keys = open_objects.back();
            const std::string& key = parsed.get_ref<const std::string&>();
            for (const std::string& seen : keys) duplicate = duplicate || seen == key;
            keys.push_back(key);
        }
        return true;
    };
    Json parsed = Json::parse(text, watch, false);
    if (parsed.is_discarded()) return malformed_body("The request body is not valid JSON.");
    if (duplicate) return malformed_body("The request body names a field twice in one object.");
    if (!parsed.is_object()) return malformed_body("The request body must be a JSON object.");
    return parsed;
}

BodyReader::BodyReader(const Json* body)
    : BodyReader(body, "", std::make_shared<std::optional<Error>>()) {
    if (body_ != nullptr && !body_->is_object()) {
        *fault_ = Error{ErrorCode::bad_request, "The request body must be a JSON object."};
    }
}

BodyReader::BodyReader(const Json* body, std::string prefix, std::shared_ptr<std::optional<Error>> fault)
    : body_(body), prefix_(std::move(prefix)), fault_(std::move(fault)) {}

const Json* BodyReader::find(const std::string& field) const {
    if (body_ == nullptr || !body_->is_object()) return nullptr;
    auto it = body_->find(field);
    return it == body_->end() ? nullptr : &*it;
}

void BodyReader::fail(const std::string& field, std::string message) {
    if (!fault_->has_value()) *fault_ = validation_error(name_of(field), std::move(message));
}

bool BodyReader::has(const std::string& field) const {
    const Json* value = find(field);
    return value != nullptr && !value->is_null();
}

void BodyReader::text(const std::string& field, std::string& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null()) {
        out.clear();
    } else if (value->is_string()) {
        out = value->get<std::string>();
    } else {
        fail(field, "must be text");
    }
}

void BodyReader::word(const std::string& field, std::string& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_string()) {
        out = value->get<std::string>();
    } else {
        fail(field, "must be one of its words, not null");
    }
}

void BodyReader::boolean(const std::string& field, bool& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null()) {
        out = false;
    } else if (value->is_boolean()) {
        out = value->get<bool>();
    } else {
        fail(field, "must be true or false");
    }
}

void BodyReader::integer(const std::string& field, int& out) {
    std::optional<int> read = out;
    optional_integer(field, read, Null::refused);
    out = read.value_or(0);
}

void BodyReader::optional_integer(const std::string& field, std::optional<int>& out, Null null) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null() && null == Null::allowed) {
        out.reset();
    } else if (value->is_number_integer() && value->get<long long>() >= -1000000000 &&
               value->get<long long>() <= 1000000000) {
        out = static_cast<int>(value->get<long long>());
    } else {
        fail(field, "must be a whole number");
    }
}

void BodyReader::text_list(const std::string& field, std::vector<std::string>& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null()) {
        out.clear();
        return;
    }
    if (!value->is_array()) return fail(field, "must be a list of text");
    std::vector<std::string> read;
    for (const Json& item : *value) {
        if (!item.is_string()) return fail(field, "must be a list of text");
        read.push_back(item.get<std::string>());
    }
    out = std::move(read);
}

void BodyReader::int_list(const std::string& field, std::vector<int>& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null()) {
        out.clear();
        return;
    }
    if (!value->is_array()) return fail(field, "must be a list of whole numbers");
    std::vector<int> read;
    for (const Json& item : *value) {
        if (!item.is_number_integer() || item.get<long long>() < -1000000 || item.get<long long>() > 1000000) {
            return fail(field, "must be a list of whole numbers");
        }
        read.push_back(static_cast<int>(item.get<long long>()));
    }
    out = std::move(read);
}

void BodyReader::optional_day(const std::string& field, std::optional<Day>& out) {
    const Json* value = find(field);
    if (value == nullptr) return;
    if (value->is_null() || (value->is_string() && value->get<std::string>().empty())) {
        out.reset();
        return;
    }
    std::optional<Day> day = value->is_string() ? parse_day(value->get<std::string>()) : std::nullopt;
    if (!day) return fail(field, "must be a day written as YYYY-MM-DD");
    out = day;
}

BodyReader BodyReader::object(const std::string& field) {
    const Json* value = find(field);
    if (value != nullptr && !value->is_null() && !value->is_object()) {
        fail(field, "must be an object");
        value = nullptr;
    }
    if (value != nullptr && value->is_null()) value = nullptr;
    return BodyReader(value, name_of(field) + ".", fault_);
}

std::vector<BodyReader> BodyReader::objects(const std::string& field) {
    std::vector<BodyReader> readers;
    const Json* value = find(field);
    if (value == nullptr || value->is_null()) return readers;
    if (!value->is_array()) {
        fail(field, "must be a list of objects");
        return readers;
    }
    for (std::size_t index = 0; index < value->size(); ++index) {
        const Json& item = (*value)[index];
        std::string name = name_of(field) + "[" + std::to_string(index) + "]";
        if (!item.is_object()) {
            fail(field, "must be a list of objects");
            return {};
        }
        readers.push_back(BodyReader(&item, name + ".", fault_));
    }
    return readers;
}

void BodyReader::allow_only(std::initializer_list<const char*> known) {
    if (body_ == nullptr || !body_->is_object()) return;
    for (const auto& [key, value] : body_->items()) {
        bool listed = false;
        for (const char* name : known) listed = listed || key == name;
        if (!listed) fail(key, "is not a field that can be set here");
    }
}

void BodyReader::require(const std::string& field) {
    if (!has(field)) fail(field, "is required");
}

Status BodyReader::status() const {
    if (fault_->has_value()) return **fault_;
    return ok_status();
}

}  // namespace ritme::http

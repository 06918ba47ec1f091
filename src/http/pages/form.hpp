#pragma once
// Form posts (application/x-www-form-urlencoded and multipart/form-data), and the small
// text helpers of the pages: HTML escaping and URL encoding.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace ritme::http::pages {

class Form {
public:
    Form() = default;
    // Nullopt when the body is not well-formed (bad percent-encoding).
    static std::optional<Form> parse_urlencoded(std::string_view body);
    // `content_type` carries the boundary. File parts keep their content as the value.
    static std::optional<Form> parse_multipart(std::string_view body, std::string_view content_type);

    std::string get(std::string_view name) const;  // the first value, or ""
    bool has(std::string_view name) const;
    std::vector<std::string> all(std::string_view name) const;  // every value, in order
    void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

std::string url_encode(std::string_view text);
std::string html_escape(std::string_view text);
std::string trim(std::string_view text);

}  // namespace ritme::http::pages

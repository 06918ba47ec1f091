#include "http/http.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace ritme::http {
namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
               return lower(x) == lower(y);
           });
}

// The segments of a path: "/api/v1/diary/2026-11-26" -> api, v1, diary, 2026-11-26.
// A path that does not start with '/' has no segments worth matching (nullopt).
std::optional<std::vector<std::string_view>> segments_of(std::string_view path) {
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string_view> segments;
    std::size_t start = 1;
    while (true) {
        std::size_t slash = path.find('/', start);
        std::string_view segment =
            path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        segments.push_back(segment);
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return segments;
}

bool is_parameter(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// How well `pattern` matches the path: nullopt when it does not; otherwise one flag per
// segment, true for a literal segment (a literal beats a {parameter} at the same place).
std::optional<std::vector<bool>> match_pattern(const std::vector<std::string>& pattern,
                                               const std::vector<std::string_view>& path,
                                               std::map<std::string, std::string>* params) {
    if (pattern.size() != path.size()) return std::nullopt;
    std::vector<bool> literal(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (is_parameter(pattern[i])) {
            if (path[i].empty()) return std::nullopt;
            if (params != nullptr) {
                (*params)[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = std::string(path[i]);
            }
        } else if (pattern[i] != path[i]) {
            return std::nullopt;
        } else {
            literal[i] = true;
        }
    }
    return literal;
}

// "/api/v1/diary/{day}" -> "/api/v1/diary/{}": two patterns with the same shape are one route.
std::string shape_of(const std::string& pattern) {
    std::string shape;
    auto segments = segments_of(pattern);
    for (std::string_view segment : segments.value_or(std::vector<std::string_view>{})) {
        shape += '/';
        shape += is_parameter(segment) ? std::string_view("{}") : segment;
    }
    return shape;
}

}  // namespace

std::optional<std::string> Request::query_value(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return value;
    }
    return std::nullopt;
}

std::optional<std::string> Request::header(std::string_view lower_case_name) const {
    auto found = headers.find(std::string(lower_case_name));
    if (found == headers.end()) return std::nullopt;
    return found->second;
}

void Response::set_header(std::string name, std::string value) {
    for (auto& [existing, existing_value] : headers) {
        if (equal_ignoring_case(existing, name)) {
            existing_value = std::move(value);
            return;
        }
    }
    headers.emplace_back(std::move(name), std::move(value));
}

std::optional<std::string> Response::header(std::string_view name) const {
    for (const auto& [existing, value] : headers) {
        if (equal_ignoring_case(existing, name)) return value;
    }
    return std::nullopt;
}

int status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request:
            return 400;
        case ErrorCode::unauthenticated:
            return 401;
        case ErrorCode::forbidden:
            return 403;
        case ErrorCode::not_found:
            return 404;
        case ErrorCode::conflict:
            return 409;
        case ErrorCode::payload_too_large:
            return 413;
        case ErrorCode::unsupported_media_type:
            return 415;
        case ErrorCode::validation_failed:
            return 422;
        case ErrorCode::rate_limited:
            return 429;
        case ErrorCode::precondition_failed:
            return 412;
        case ErrorCode::insufficient_storage:
            return 507;
    }
    return 500;
}

std::string_view error_code_name(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request:
            return "bad_request";
        case ErrorCode::unauthenticated:
            return "unauthenticated";
        case ErrorCode::forbidden:
            return "forbidden";
        case ErrorCode::not_found:
            return "not_found";
        case ErrorCode::conflict:
            return "conflict";
        case ErrorCode::payload_too_large:
            return "payload_too_large";
        case ErrorCode::unsupported_media_type:
            return "unsupported_media_type";
        case ErrorCode::validation_failed:
            return "validation_failed";
        case ErrorCode::rate_limited:
            return "rate_limited";
        case ErrorCode::precondition_failed:
            return "precondition_failed";
        case ErrorCode::insufficient_storage:
            return "insufficient_storage";
    }
    return "internal";
}

Json error_body(const Error& error) {
    Json detail = {{"code", error_code_name(error.code)}, {"message", error.message}};
    if (!error.field.empty()) detail["field"] = error.field;
    return Json{{"error", detail}};
}

Response error_response(const Error& error) {
    return json_response(status_of(error.code), error_body(error));
}

Response json_response(int status, const Json& body) {
    // Text from the database is valid UTF-8; should it ever not be, answer rather than throw.
    return json_text_response(status, body.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Response json_text_response(int status, std::string body) {
    return text_response(status, std::move(body), "application/json; charset=utf-8");
}

Response text_response(int status, std::string body, std::string content_type) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    response.set_header("Content-Type", std::move(content_type));
    return response;
}

Response attachment_response(std::string body, std::string content_type, const std::string& file_name) {
    Response response = text_response(200, std::move(body), std::move(content_type));
    response.set_header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
    return response;
}

Response no_content() {
    Response response;
    response.status = 204;
    return response;
}

void Router::add(Route route) {
    auto split = segments_of(route.pattern);
    if (!split) throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
    std::string shape = shape_of(route.pattern);
    for (const Route& existing : routes_) {
        if (existing.method == route.method && shape_of(existing.pattern) == shape) {
            throw std::invalid_argument("route added twice: " + route.method + " " + route.pattern);
        }
    }
    std::vector<std::string> segments;
    for (std::string_view segment : *split) segments.emplace_back(segment);
    pattern_segments_.push_back(std::move(segments));
    routes_.push_back(std::move(route));
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
    Match result;
    auto path_segments = segments_of(path);
    if (!path_segments) return result;
    std::optional<std::vector<bool>> best;
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        auto score = match_pattern(pattern_segments_[i], *path_segments, nullptr);
        if (!score) continue;
        result.path_known = true;
        if (routes_[i].method != method) continue;
        if (!best || *score > *best) {
            best = score;
            result.route = &routes_[i];
            chosen = i;
        }
    }
    if (result.route != nullptr) (void)match_pattern(pattern_segments_[chosen], *path_segments, &result.params);
    return result;
}

std::vector<std::string> Router::methods_for(const std::string& path) const {
    std::vector<std::string> methods;
    auto path_segments = segments_of(path);
    if (!path_segments) return methods;
    for (std::size_t i = 0; i < routes_.size(); ++i) {
        if (!match_pattern(pattern_segments_[i], *path_segments, nullptr)) continue;
        const std::string& method = routes_[i].method;
        if (std::find(methods.begin(), methods.end(), method) == methods.end()) methods.push_back(method);
    }
    return methods;
}

}  // namespace ritme::http

#include "http/pages/form.hpp"

namespace ritme::http::pages {
namespace {

// The value of `name=` in a header value such as `multipart/form-data; boundary=xyz`.
std::string header_parameter(std::string_view header, std::string_view name) {
    std::string lower = ascii_lower(header);
    std::string key = std::string(name) + "=";
    std::size_t at = lower.find(key);
    while (at != std::string::npos && at > 0 && lower[at - 1] != ';' && lower[at - 1] != ' ') {
        at = lower.find(key, at + 1);
    }
    if (at == std::string::npos) return {};
    std::string_view value = header.substr(at + key.size());
    if (!value.empty() && value.front() == '"') {
        value.remove_prefix(1);
        return std::string(value.substr(0, value.find('"')));
    }
    return trim(value.substr(0, value.find(';')));
}

}  // namespace

std::optional<Form> Form::parse_urlencoded(std::string_view body) {
    Form form;
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('&', start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view pair = body.substr(start, end - start);
        if (!pair.empty()) {
            std::size_t equals = pair.find('=');
            auto name = percent_decode(pair.substr(0, equals), true);
            auto value = equals == std::string_view::npos ? std::optional<std::string>("")
                                                          : percent_decode(pair.substr(equals + 1), true);
            if (!name || !value) return std::nullopt;
            // Browsers send line breaks as CR LF; the stored text uses LF.
            std::string text;
            text.reserve(value->size());
            for (std::size_t i = 0; i < value->size(); ++i) {
                if ((*value)[i] == '\r' && i + 1 < value->size() && (*value)[i + 1] == '\n') continue;
                text += (*value)[i];
            }
            form.add(std::move(*name), std::move(text));
        }
        start = end + 1;
    }
    return form;
}

std::optional<Form> Form::parse_multipart(std::string_view body, std::string_view content_type) {
    std::string boundary = header_parameter(content_type, "boundary");
    if (boundary.empty()) return std::nullopt;
    std::string delimiter = "--" + boundary;
    Form form;
    std::size_t at = body.find(delimiter);
    if (at == std::string_view::npos) return std::nullopt;
    while (true) {
        at += delimiter.size();
        if (body.substr(at, 2) == "--") break;  // the closing delimiter
        if (body.substr(at, 2) != "\r\n") return std::nullopt;
        at += 2;
        std::size_t headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string_view::npos) return std::nullopt;
        std::string_view headers = body.substr(at, headers_end - at);
        std::size_t content_start = headers_end + 4;
        std::size_t next = body.find("\r\n" + delimiter, content_start);
        if (next == std::string_view::npos) return std::nullopt;
        std::string name;
        std::size_t line_start = 0;
        while (line_start < headers.size()) {
            std::size_t line_end = headers.find("\r\n", line_start);
            if (line_end == std::string_view::npos) line_end = headers.size();
            std::string_view line = headers.substr(line_start, line_end - line_start);
            if (ascii_lower(line.substr(0, 20)).starts_with("content-disposition:")) {
                name = header_parameter(line, "name");
            }
            line_start = line_end + 2;
        }
        if (!name.empty()) form.add(name, std::string(body.substr(content_start, next - content_start)));
        at = next + 2;
    }
    return form;
}

std::string Form::get(std::string_view name) const {
    for (const auto& [key, value] : fields_) {
        if (key == name) return value;
    }
    return {};
}

bool Form::has(std::string_view name) const {
    for (const auto& field : fields_) {
        if (field.first == name) return true;
    }
    return false;
}

std::vector<std::string> Form::all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : fields_) {
        if (key == name) values.push_back(value);
    }
    return values;
}

std::string url_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') ||
            byte == '-' || byte == '_' || byte == '.' || byte == '~' || byte == '/') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        }
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string trim(std::string_view text) {
    const char* space = " \t\r\n";
    std::size_t first = text.find_first_not_of(space);
    if (first == std::string_view::npos) return {};
    std::size_t last = text.find_last_not_of(space);
    return std::string(text.substr(first, last - first + 1));
}

}  // namespace ritme::http::pages

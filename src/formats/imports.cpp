#include "formats/imports.hpp"

#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/text.hpp"
#include "formats/zip.hpp"

namespace ritme::formats {
namespace {

using Json = nlohmann::json;
using operations::ImportedNote;
using operations::ImportFile;

Error bad_file(std::string message) {
    return Error{ErrorCode::validation_failed, std::move(message) + " Nothing was imported.", "file"};
}

Error too_large() {
    return Error{ErrorCode::payload_too_large, "The file is larger than 50 MiB; nothing was imported."};
}

// Valid UTF-8 and JSON, an object: else an error naming the line.
Result<Json> parse_json_file(std::string_view bytes, const std::string& name) {
    if (std::optional<std::size_t> at = invalid_utf8_at(bytes)) {
        return Error{ErrorCode::bad_request, name + " is not valid UTF-8 (line " + std::to_string(line_of(bytes, *at)) +
                                                 "). Nothing was imported."};
    }
    try {
        Json parsed = Json::parse(bytes);
        if (!parsed.is_object()) return bad_file(name + " is JSON but not an export: it is not an object.");
        return parsed;
    } catch (const Json::parse_error& fault) {
        std::size_t offset = fault.byte == 0 ? 0 : fault.byte - 1;
        return Error{ErrorCode::bad_request, name + " is not valid JSON (line " +
                                                 std::to_string(line_of(bytes, std::min(offset, bytes.size()))) +
                                                 "). Nothing was imported."};
    }
}

std::string entry_name(std::size_t index) {
    return "entry " + std::to_string(index + 1);
}

// A string field of an entry: absent or null gives `fallback`; another type is an error.
Result<std::string> text_field(const Json& entry, const char* field, const std::string& where, bool required) {
    auto found = entry.find(field);
    if (found == entry.end() || found->is_null()) {
        if (required) return bad_file(where + " has no \"" + field + "\".");
        return std::string();
    }
    if (!found->is_string()) return bad_file(where + ": \"" + field + "\" is not text.");
    return found->get<std::string>();
}

Result<std::vector<std::string>> text_list(const Json& entry, const char* field, const std::string& where) {
    std::vector<std::string> items;
    auto found = entry.find(field);
    if (found == entry.end() || found->is_null()) return items;
    if (!found->is_array()) return bad_file(where + ": \"" + field + "\" is not a list.");
    for (const Json& item : *found) {
        if (!item.is_string()) return bad_file(where + ": \"" + field + "\" holds something that is not text.");
        items.push_back(item.get<std::string>());
    }
    return items;
}

// "HH:MM" as minutes since midnight.
std::optional<int> parse_clock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    int hours = 0;
    int minutes = 0;
    if (std::from_chars(text.data(), text.data() + 2, hours).ptr != text.data() + 2) return std::nullopt;
    if (std::from_chars(text.data() + 3, text.data() + 5, minutes).ptr != text.data() + 5) return std::nullopt;
    if (hours > 23 || minutes > 59 || hours < 0 || minutes < 0) return std::nullopt;
    return hours * 60 + minutes;
}

const Json* entries_of(const Json& document) {
    auto found = document.find("entries");
    if (found == document.end() || !found->is_array()) return nullptr;
    return &*found;
}

std::string ends_in_slash_removed(std::string_view name) {
    std::size_t slash = name.rfind('/');
    return std::string(slash == std::string_view::npos ? name : name.substr(slash + 1));
}

// Day One's references to its media: ![](dayone-moment://ID) and ![](dayone-moment:/video/ID).
std::string without_media_references(const std::string& text) {
    std::string out;
    std::size_t at = 0;
    for (;;) {
        std::size_t start = text.find("![](dayone-moment:", at);
        if (start == std::string::npos) break;
        std::size_t end = text.find(')', start);
        if (end == std::string::npos) break;
        out.append(text, at, start - at);
        at = end + 1;
    }
    out.append(text, at, std::string::npos);
    return out;
}

Result<ImportFile> read_dayone_json(const Json& document, const std::string& name, const ZoneCalendar& calendar,
                                    std::string_view zone, ImportFile& file) {
    const Json* entries = entries_of(document);
    if (entries == nullptr) return bad_file(name + " is not a Day One export: it has no \"entries\" list.");
    for (std::size_t index = 0; index < entries->size(); ++index) {
        const Json& entry = (*entries)[index];
        std::string where = name + ", " + entry_name(index);
        if (!entry.is_object()) return bad_file(where + " is not an object.");
        if (!entry.contains("creationDate") && entry.contains("date")) {
            return bad_file(where + " has \"date\" but no \"creationDate\": this looks like jrnl's export, not "
                                    "Day One's.");
        }
        Result<std::string> created = text_field(entry, "creationDate", where, true);
        if (!created) return created.error();
        std::optional<Timestamp> at = parse_timestamp(*created);
        if (!at) return bad_file(where + ": \"creationDate\" \"" + *created + "\" is not a date and time (RFC 3339).");
        Result<std::string> text = text_field(entry, "text", where, false);
        if (!text) return text.error();
        Result<std::vector<std::string>> tags = text_list(entry, "tags", where);
        if (!tags) return tags.error();
        for (const char* media : {"photos", "videos", "audios", "pdfAttachments"}) {
            auto found = entry.find(media);
            if (found != entry.end() && found->is_array()) file.photos_left_out += static_cast<int>(found->size());
        }
        ImportedNote note;
        note.day = calendar.local_day(*at, zone);
        note.minute = calendar.local_minute_of_day(*at, zone);
        note.text = without_media_references(*text);
        note.tags = std::move(*tags);
        file.notes.push_back(std::move(note));
    }
    return file;
}

// --- YAML front matter: the little of it daily notes use -----------------------------

struct FrontMatter {
    std::map<std::string, std::vector<std::string>> values;  // a scalar is a list of one
    std::map<std::string, std::size_t> lines;
};

std::string unquote(std::string_view raw) {
    std::string text = trimmed(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
        std::string out;
        for (std::size_t i = 1; i + 1 < text.size(); ++i) {
            if (text[i] != '\\' || i + 2 >= text.size()) {
                out += text[i];
                continue;
            }
            char escaped = text[++i];
            switch (escaped) {
                case 'n':
                    out += '\n';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 'u':
                    if (i + 4 < text.size()) {
                        unsigned code = 0;
                        std::from_chars(text.data() + i + 1, text.data() + i + 5, code, 16);
                        append_utf8(out, static_cast<char32_t>(code));
                        i += 4;
                    }
                    break;
                default:
                    out += escaped;
            }
        }
        return out;
    }
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'') {
        std::string out;
        for (std::size_t i = 1; i + 1 < text.size(); ++i) {
            out += text[i];
            if (text[i] == '\'' && text[i + 1] == '\'') ++i;
        }
        return out;
    }
    return text;
}

// "[a, "b, c"]" or "a, b": the items, quotes respected.
std::vector<std::string> split_items(std::string_view raw) {
    std::string text = trimmed(raw);
    if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
    std::vector<std::string> items;
    std::string current;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote != 0) {
            current += c;
            if (c == '\\' && quote == '"' && i + 1 < text.size()) {
                current += text[++i];
            } else if (c == quote) {
                quote = 0;
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
            current += c;
        } else if (c == ',') {
            items.push_back(unquote(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!is_blank(current)) items.push_back(unquote(current));
    std::erase_if(items, [](const std::string& item) { return is_blank(item); });
    return items;
}

// The front matter's lines (between the "---" lines) into `matter`; answers where the body
// starts, or an error naming the line.
Result<std::size_t> read_front_matter(const std::string& name, std::string_view text, FrontMatter& matter) {
    auto line_end = [&](std::size_t from) {
        std::size_t end = text.find('\n', from);
        return end == std::string_view::npos ? text.size() : end;
    };
    std::size_t first_end = line_end(0);
    if (trimmed(text.substr(0, first_end)) != "---") return std::size_t{0};
    std::size_t at = first_end + 1;
    std::size_t line = 2;
    std::string list_key;
    while (at <= text.size()) {
        if (at == text.size()) break;
        std::size_t end = line_end(at);
        std::string_view raw = text.substr(at, end - at);
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        std::string content = trimmed(raw);
        if (content == "---" || content == "...") return std::min(end + 1, text.size());
        if (content.empty() || content.front() == '#') {
            // a blank line or a comment
        } else if (content.front() == '-' && !list_key.empty() && (content.size() == 1 || content[1] == ' ')) {
            std::string item = unquote(content.substr(1));
            if (!is_blank(item)) matter.values[list_key].push_back(item);
        } else {
            std::size_t colon = content.find(':');
            if (colon == std::string::npos || raw.front() == ' ' || raw.front() == '\t') {
                if (raw.front() != ' ' && raw.front() != '\t') {
                    return bad_file(name + ", line " + std::to_string(line) +
                                    ": the front matter line is not \"key: value\".");
                }
            } else {
                std::string key = trimmed(content.substr(0, colon));
                std::string value = trimmed(content.substr(colon + 1));
                matter.lines[key] = line;
                list_key = key;
                matter.values[key];
                if (!value.empty()) {
                    if (value.front() == '[') {
                        matter.values[key] = split_items(value);
                    } else if (key == "tags" || key == "competencies") {
                        matter.values[key] = split_items(value);
                    } else {
                        matter.values[key] = {unquote(value)};
                    }
                }
            }
        }
        at = end + 1;
        ++line;
    }
    return bad_file(name + ": the front matter that starts on line 1 is not closed with \"---\".");
}

std::optional<Day> day_of_file_name(std::string_view name, bool& named_like_a_day) {
    std::string base = ends_in_slash_removed(name);
    named_like_a_day = false;
    if (base.size() != 13 || ascii_lower(base.substr(10)) != ".md") return std::nullopt;
    std::string stem = base.substr(0, 10);
    for (std::size_t i = 0; i < stem.size(); ++i) {
        bool digit = stem[i] >= '0' && stem[i] <= '9';
        if ((i == 4 || i == 7) ? stem[i] != '-' : !digit) return std::nullopt;
    }
    named_like_a_day = true;
    return parse_day(stem);
}

}  // namespace

std::size_t line_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = 0;
        char32_t point = 0;
        if (byte < 0x80) {
            ++i;
            continue;
        } else if ((byte & 0xE0) == 0xC0) {
            length = 2;
            point = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            point = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            point = byte & 0x07;
        } else {
            return i;
        }
        if (i + length > text.size()) return i;
        for (std::size_t k = 1; k < length; ++k) {
            auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80) return i;
            point = (point << 6) | (next & 0x3F);
        }
        bool overlong = (length == 2 && point < 0x80) || (length == 3 && point < 0x800) || (length == 4 && point < 0x10000);
        if (overlong || point > 0x10FFFF || (point >= 0xD800 && point <= 0xDFFF)) return i;
        i += length;
    }
    return std::nullopt;
}

std::optional<ImportKind> parse_import_kind(std::string_view text) {
    if (text == "jrnl") return ImportKind::jrnl;
    if (text == "dayone") return ImportKind::dayone;
    if (text == "markdown") return ImportKind::markdown;
    return std::nullopt;
}

Result<ImportFile> read_import(ImportKind kind, std::string_view bytes, const ZoneCalendar& calendar,
                               std::string_view zone) {
    if (bytes.size() > max_import_bytes) return too_large();
    switch (kind) {
        case ImportKind::jrnl:
            return read_jrnl(bytes);
        case ImportKind::dayone:
            return read_dayone(bytes, calendar, zone);
        case ImportKind::markdown:
            return read_markdown_notes(bytes);
    }
    return bad_file("Unknown kind of import.");
}

// Follows jrnl's JSONExporter (jrnl/plugins/json_exporter.py): entry_to_dict writes title,
// body, date (%Y-%m-%d), time (%H:%M), tags (with their @ or #), starred.
Result<ImportFile> read_jrnl(std::string_view bytes) {
    if (bytes.size() > max_import_bytes) return too_large();
    if (looks_like_zip(bytes)) return bad_file("This is a zip archive, not jrnl's JSON export (jrnl --export json).");
    Result<Json> document = parse_json_file(bytes, "The file");
    if (!document) return document.error();
    const Json* entries = entries_of(*document);
    if (entries == nullptr) return bad_file("This is not jrnl's JSON export: it has no \"entries\" list.");
    ImportFile file;
    for (std::size_t index = 0; index < entries->size(); ++index) {
        const Json& entry = (*entries)[index];
        std::string where = entry_name(index);
        if (!entry.is_object()) return bad_file(where + " is not an object.");
        if (!entry.contains("date") && entry.contains("creationDate")) {
            return bad_file(where + " has \"creationDate\" but no \"date\": this looks like Day One's export, not "
                                    "jrnl's.");
        }
        Result<std::string> date = text_field(entry, "date", where, true);
        if (!date) return date.error();
        std::optional<Day> day = parse_day(*date);
        if (!day) return bad_file(where + ": \"date\" \"" + *date + "\" is not a day written as YYYY-MM-DD.");
        Result<std::string> time = text_field(entry, "time", where, false);
        if (!time) return time.error();
        std::optional<int> minute = time->empty() ? std::optional<int>(-1) : parse_clock(*time);
        if (!minute) return bad_file(where + ": \"time\" \"" + *time + "\" is not a time written as HH:MM.");
        Result<std::string> title = text_field(entry, "title", where, false);
        if (!title) return title.error();
        Result<std::string> body = text_field(entry, "body", where, false);
        if (!body) return body.error();
        Result<std::vector<std::string>> tags = text_list(entry, "tags", where);
        if (!tags) return tags.error();
        ImportedNote note;
        note.day = *day;
        note.minute = *minute;
        note.title = std::move(*title);
        note.text = std::move(*body);
        note.tags = std::move(*tags);
        file.notes.push_back(std::move(note));
    }
    return file;
}

Result<ImportFile> read_dayone(std::string_view bytes, const ZoneCalendar& calendar, std::string_view zone) {
    if (bytes.size() > max_import_bytes) return too_large();
    ImportFile file;
    if (!looks_like_zip(bytes)) {
        Result<Json> document = parse_json_file(bytes, "The file");
        if (!document) return document.error();
        return read_dayone_json(*document, "Journal.json", calendar, zone, file);
    }
    // The journals' JSON files lie at the top of the archive; media in photos/, videos/, ...
    auto is_journal = [](std::string_view name) {
        return name.find('/') == std::string_view::npos && name.size() > 5 &&
               ascii_lower(name.substr(name.size() - 5)) == ".json";
    };
    Result<std::vector<ZipFile>> archive = read_zip(bytes, is_journal);
    if (!archive) return archive.error();
    bool found = false;
    for (const ZipFile& entry : *archive) {
        if (!is_journal(entry.name)) continue;
        found = true;
        Result<Json> document = parse_json_file(entry.content, entry.name);
        if (!document) return document.error();
        Result<ImportFile> read = read_dayone_json(*document, entry.name, calendar, zone, file);
        if (!read) return read.error();
    }
    if (!found) return bad_file("This zip is not a Day One JSON export: it holds no Journal.json.");
    return file;
}

Result<ImportedNote> read_daily_note(const std::string& name, Day day, std::string_view text) {
    if (std::optional<std::size_t> at = invalid_utf8_at(text)) {
        return Error{ErrorCode::bad_request, name + " is not valid UTF-8 (line " + std::to_string(line_of(text, *at)) +
                                                 "). Nothing was imported."};
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark
    FrontMatter matter;
    Result<std::size_t> body_at = read_front_matter(name, text, matter);
    if (!body_at) return body_at.error();
    ImportedNote note;
    note.day = day;
    auto values = [&](const std::string& key) -> const std::vector<std::string>& {
        static const std::vector<std::string> none;
        auto found = matter.values.find(key);
        return found == matter.values.end() ? none : found->second;
    };
    note.tags = values("tags");
    note.competencies = values("competencies");
    if (!values("key_learning").empty()) note.key_learning = values("key_learning").front();
    if (!values("minutes").empty()) {
        const std::string& minutes = values("minutes").front();
        auto [end, fault] = std::from_chars(minutes.data(), minutes.data() + minutes.size(), note.minutes);
        if (fault != std::errc{} || end != minutes.data() + minutes.size() || note.minutes < 0) {
            return bad_file(name + ", line " + std::to_string(matter.lines["minutes"]) +
                            ": \"minutes\" is not a whole number.");
        }
    }
    std::string_view body = text.substr(*body_at);
    std::size_t marker = body.find(handling_marker);
    if (marker == std::string_view::npos) {
        note.text = trimmed(body);
    } else {
        note.text = trimmed(body.substr(0, marker));
        note.handling = trimmed(body.substr(marker + handling_marker.size()));
    }
    return note;
}

Result<ImportFile> read_markdown_notes(std::string_view bytes) {
    if (bytes.size() > max_import_bytes) return too_large();
    if (!looks_like_zip(bytes)) return bad_file("The file is not a zip archive of Markdown notes (YYYY-MM-DD.md).");
    auto is_daily_note = [](std::string_view name) {
        bool named_like_a_day = false;
        day_of_file_name(name, named_like_a_day);
        return named_like_a_day && name.find("__MACOSX/") == std::string_view::npos;
    };
    Result<std::vector<ZipFile>> archive = read_zip(bytes, is_daily_note);
    if (!archive) return archive.error();
    ImportFile file;
    for (const ZipFile& entry : *archive) {
        if (!is_daily_note(entry.name)) continue;
        bool named_like_a_day = false;
        std::optional<Day> day = day_of_file_name(entry.name, named_like_a_day);
        if (!day) return bad_file(entry.name + ": " + ends_in_slash_removed(entry.name) + " is not a day of the calendar.");
        Result<ImportedNote> note = read_daily_note(entry.name, *day, entry.content);
        if (!note) return note.error();
        file.notes.push_back(std::move(*note));
    }
    if (file.notes.empty()) return bad_file("The zip holds no daily notes named YYYY-MM-DD.md.");
    return file;
}

}  // namespace ritme::formats

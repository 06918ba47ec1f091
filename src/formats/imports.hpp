#pragma once
// Reading the files people bring from other diaries into the notes of an import
// (core/operations/imports.hpp). A file that cannot be read whole gets one clear Error
// naming the line, entry or file at fault, and nothing of it is imported.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/operations/imports.hpp"
#include "core/ports.hpp"
#include "core/result.hpp"

namespace ritme::formats {

// The largest file an import takes (the API's body limit on its route too).
inline constexpr std::size_t max_import_bytes = 50u * 1024u * 1024u;

enum class ImportKind { jrnl, dayone, markdown };
std::optional<ImportKind> parse_import_kind(std::string_view text);

// `zone` is the person's: an instant (Day One's creationDate) belongs to the day it was there.
Result<operations::ImportFile> read_import(ImportKind kind, std::string_view bytes, const ZoneCalendar& calendar,
                                           std::string_view zone);

// jrnl's JSON export (`jrnl --export json`): {"tags": {...}, "entries": [{"title", "body",
// "date": "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"], "starred"}]}.
Result<operations::ImportFile> read_jrnl(std::string_view bytes);
// Day One's JSON export: a zip holding Journal.json (one .json per journal) and the media
// folders; {"metadata": {"version"}, "entries": [{"creationDate": RFC 3339, "timeZone",
// "text", "tags", "photos": [...]}]}. A bare Journal.json is read too.
Result<operations::ImportFile> read_dayone(std::string_view bytes, const ZoneCalendar& calendar,
                                           std::string_view zone);
// A zip of Markdown daily notes, YYYY-MM-DD.md in any folder, each with optional YAML
// front matter (tags; and what Ritme's Markdown export writes: competencies, minutes,
// key_learning). Other files are left alone.
Result<operations::ImportFile> read_markdown_notes(std::string_view bytes);

// One daily note as read from its text (`name` for messages), as read_markdown_notes does.
Result<operations::ImportedNote> read_daily_note(const std::string& name, Day day, std::string_view text);

// The line (from 1) of the byte at `offset`.
std::size_t line_of(std::string_view text, std::size_t offset);
// The offset of the first byte that is not valid UTF-8, if any.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// The marker line between the learning moments and the handling in a daily note.
inline constexpr std::string_view handling_marker = "<!-- ritme:handling -->";

}  // namespace ritme::formats

#pragma once
// Bringing a diary kept elsewhere in (jrnl, Day One, Markdown daily notes): what the file
// holds, read by src/formats, becomes one diary entry per day, in one transaction.
#include <optional>
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"

namespace ritme::operations {

// One note of the file being imported, on the day it belongs to in the person's zone.
struct ImportedNote {
    Day day{};
    int minute = -1;         // minute of the day it was written (-1: not known), for the order
    std::string title;       // "" when the note has none
    std::string text;        // the learning moments
    std::string handling;    // how it was dealt with (Markdown notes that Ritme exported)
    std::string key_learning;
    std::vector<std::string> tags;          // as written there; made valid here
    std::vector<std::string> competencies;  // names from the catalogue (Markdown notes)
    int minutes = 0;
};

// What a reader of src/formats found in a file.
struct ImportFile {
    std::vector<ImportedNote> notes;
    int photos_left_out = 0;  // photos (and other media) that are not imported
};

// A day that already has an entry: the import adds below it, or leaves the day alone.
enum class ExistingDays { add, skip };
// A preview only reads; the import itself writes.
enum class ImportStep { preview, import };

struct ImportCommand {
    ImportFile file;
    ExistingDays existing = ExistingDays::add;
    ImportStep step = ImportStep::preview;
};

// What happens (or, in a preview, would happen) to each day of the file.
enum class ImportAction { create, add, unchanged, skip };

struct ImportedDay {
    Day day{};
    ImportAction action = ImportAction::create;
    int notes = 0;       // notes of the file joined into this day
    bool existed = false;
    std::string reason;  // why a day is skipped or unchanged, in words
};

struct ImportSummary {
    ImportStep step = ImportStep::preview;
    std::vector<ImportedDay> days;  // by day
    int days_found = 0;
    int days_existing = 0;
    int created = 0;
    int added = 0;
    int unchanged = 0;
    int skipped = 0;
    int photos_left_out = 0;
    std::size_t tags_left_out = 0;
    std::vector<std::string> unknown_competencies;  // names the catalogue does not offer
};

// Each day of the file becomes that day's entry of `person`: its notes joined in the order
// they were written, each under its title; tags made valid (valid_tags); never shared
// with the peer. A day with an entry already gets the text added below it, or is skipped
// (`existing`); text already there is not added again, so a second run changes nothing.
// A day that cannot be an entry (in the future, too long, no text) is skipped with the
// reason. A preview reads only; an import writes every day in ONE transaction.
Result<ImportSummary> import_diary(const Ports& ports, const User& person, ImportCommand command);

std::string_view to_string(ImportAction action);

}  // namespace ritme::operations

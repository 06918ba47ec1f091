#include "core/operations/imports.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/operations/catalogue.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"

namespace ritme::operations {
namespace {

// What the notes of one day come to, before it meets the diary.
struct DayText {
    std::string text;
    std::string handling;
    std::string key_learning;
    std::vector<std::string> tags;
    std::vector<std::string> competencies;
    int minutes = 0;
    int notes = 0;
};

void append_part(std::string& to, const std::string& part) {
    std::string text = trimmed(part);
    if (text.empty()) return;
    if (!to.empty()) to += "\n\n";
    to += text;
}

DayText join_notes(std::vector<const ImportedNote*> notes) {
    std::stable_sort(notes.begin(), notes.end(),
                     [](const ImportedNote* a, const ImportedNote* b) { return a->minute < b->minute; });
    DayText day;
    for (const ImportedNote* note : notes) {
        std::string section;
        if (!is_blank(note->title)) section = "## " + trimmed(note->title);
        append_part(section, note->text);
        append_part(day.text, section);
        append_part(day.handling, note->handling);
        if (day.key_learning.empty()) day.key_learning = trimmed(note->key_learning);
        day.tags.insert(day.tags.end(), note->tags.begin(), note->tags.end());
        day.competencies.insert(day.competencies.end(), note->competencies.begin(), note->competencies.end());
        day.minutes = std::min(max_minutes, day.minutes + note->minutes);
        ++day.notes;
    }
    return day;
}

bool holds(const std::string& whole, const std::string& part) {
    return part.empty() || whole.find(part) != std::string::npos;
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& more) {
    for (const std::string& item : more) {
        if (std::find(to.begin(), to.end(), item) == to.end()) to.push_back(item);
    }
}

}  // namespace

std::string_view to_string(ImportAction action) {
    switch (action) {
        case ImportAction::create:
            return "create";
        case ImportAction::add:
            return "add";
        case ImportAction::unchanged:
            return "unchanged";
        case ImportAction::skip:
            return "skip";
    }
    return "skip";
}

Result<ImportSummary> import_diary(const Ports& ports, const User& person, ImportCommand command) {
    Timestamp now = ports.clock.now();
    Day today = ports.calendar.local_day(now, person.timezone);
    std::map<Day, std::vector<const ImportedNote*>> by_day;
    for (const ImportedNote& note : command.file.notes) by_day[note.day].push_back(&note);
    TransactionKind kind = command.step == ImportStep::import ? TransactionKind::write : TransactionKind::read;

    return in_transaction(ports.store, kind, [&](Transaction& transaction) -> Result<ImportSummary> {
        ImportSummary summary;
        summary.step = command.step;
        summary.photos_left_out = command.file.photos_left_out;
        std::vector<Competency> catalogue = transaction.store.list_competencies();
        std::set<std::string> unknown;

        for (const auto& [day, notes] : by_day) {
            DayText joined = join_notes(notes);
            ImportedDay shown{day, ImportAction::create, joined.notes, false, ""};
            ++summary.days_found;
            std::optional<DiaryEntry> existing = transaction.store.find_diary_entry(person.id, day);
            shown.existed = existing.has_value();
            if (existing) ++summary.days_existing;

            auto skip = [&](std::string reason) {
                shown.action = ImportAction::skip;
                shown.reason = std::move(reason);
            };
            // The competencies named, by id; names the catalogue lacks or no longer offers
            // (archived, and not on the day's entry already) are left out.
            std::vector<std::string> competency_ids;
            for (const std::string& name : joined.competencies) {
                auto match = std::find_if(catalogue.begin(), catalogue.end(), [&](const Competency& competency) {
                    return fold_text(competency.name) == fold_text(trimmed(name));
                });
                bool offered = match != catalogue.end() &&
                               (!match->archived ||
                                (existing && std::find(existing->competency_ids.begin(), existing->competency_ids.end(),
                                                       match->id) != existing->competency_ids.end()));
                if (!offered) {
                    unknown.insert(trimmed(name));
                } else if (std::find(competency_ids.begin(), competency_ids.end(), match->id) == competency_ids.end()) {
                    competency_ids.push_back(match->id);
                }
            }

            DiaryEntry entry;
            entry.user_id = person.id;
            entry.day = day;
            entry.created_at = entry.updated_at = now;
            std::size_t tags_left_out = 0;
            if (is_blank(joined.text) && is_blank(joined.handling)) {
                skip("no text");
            } else if (day > today) {
                skip("in the future");
            } else if (existing && command.existing == ExistingDays::skip) {
                skip("has an entry already");
            } else if (existing) {
                if (holds(existing->learning_moments, joined.text) && holds(existing->handling, joined.handling)) {
                    shown.action = ImportAction::unchanged;
                    shown.reason = "already imported";
                } else {
                    shown.action = ImportAction::add;
                    entry = *existing;
                    entry.updated_at = now;
                    if (!holds(entry.learning_moments, joined.text)) append_part(entry.learning_moments, joined.text);
                    if (!holds(entry.handling, joined.handling)) append_part(entry.handling, joined.handling);
                    if (entry.key_learning.empty()) entry.key_learning = joined.key_learning;
                    std::vector<std::string> tags = entry.tags;
                    tags.insert(tags.end(), joined.tags.begin(), joined.tags.end());
                    entry.tags = valid_tags(tags, &tags_left_out);
                    add_unique(entry.competency_ids, competency_ids);
                    entry.minutes = std::min(max_minutes, entry.minutes + joined.minutes);
                }
            } else {
                // Only handling and no moments (a note cut that way): the text is what was written.
                entry.learning_moments = is_blank(joined.text) ? joined.handling : joined.text;
                entry.handling = is_blank(joined.text) ? "" : joined.handling;
                entry.key_learning = joined.key_learning;
                entry.tags = valid_tags(joined.tags, &tags_left_out);
                entry.competency_ids = competency_ids;
                entry.minutes = joined.minutes;
            }

            if (shown.action == ImportAction::create || shown.action == ImportAction::add) {
                CatalogueView allowed = catalogue_view(
                    transaction, existing ? existing->competency_ids : std::vector<std::string>{});
                if (Status valid = validate_diary_entry(entry, today, allowed); !valid) {
                    skip(valid.error().field + " " + valid.error().message);
                } else {
                    summary.tags_left_out += tags_left_out;
                    if (command.step == ImportStep::import) transaction.store.put_diary_entry(entry);
                }
            }
            switch (shown.action) {
                case ImportAction::create:
                    ++summary.created;
                    break;
                case ImportAction::add:
                    ++summary.added;
                    break;
                case ImportAction::unchanged:
                    ++summary.unchanged;
                    break;
                case ImportAction::skip:
                    ++summary.skipped;
                    break;
            }
            summary.days.push_back(std::move(shown));
        }
        summary.unknown_competencies.assign(unknown.begin(), unknown.end());
        return summary;
    });
}

}  // namespace ritme::operations

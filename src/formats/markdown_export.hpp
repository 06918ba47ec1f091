#pragma once
// Ritme's Markdown export: the person's diary, weeks, months, Learning Contracts and years
// as Markdown files in a zip, readable in any editor. The diary days are daily notes that
// the Markdown import (imports.hpp) reads back without loss.
#include <string>
#include <vector>

#include "core/domain.hpp"
#include "core/operations/account.hpp"
#include "formats/zip.hpp"

namespace ritme::formats {

// One day of the diary as a daily note: YAML front matter (tags, competencies by name,
// minutes, key_learning), the learning moments, and after the marker line
// (handling_marker) how they were dealt with. The import reads it back field by field.
std::string daily_note(const DiaryEntry& entry, const std::vector<Competency>& catalogue);

// The files of the export, each path inside the zip:
//   diary/YYYY-MM-DD.md        a daily note per day (daily_note)
//   weeks/YYYY-Www.md          the peer review, the plan, the check and the act
//   months/YYYY-MM.md          the monthly reflection
//   contracts/YYYY-Qn.md       the Learning Contract as it is now; earlier revisions
//                              as contracts/YYYY-Qn.revision-N.md
//   years/YYYY.md              the yearly review
// Headings are the questions of the pages, in the person's language. Only the person's
// own answers: not the discussion of a contract, nothing of anyone else.
std::vector<ZipFile> markdown_files(const operations::PersonalData& data);

// The export as zip bytes.
std::string markdown_export(const operations::PersonalData& data);

// The name a download of the export gets: "ritme-export-2026-11-26.zip".
std::string markdown_export_file_name(Day today);

}  // namespace ritme::formats

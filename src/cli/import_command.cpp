// `ritme import jrnl|dayone|markdown FILE`: a diary kept elsewhere brought into one's own,
// on a local database, with the same readers and rules as POST /api/v1/imports/{kind}.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "core/operations/imports.hpp"
#include "formats/imports.hpp"

namespace ritme::cli {

int import_diary(const ImportOptions& options) {
    std::optional<formats::ImportKind> kind = formats::parse_import_kind(options.kind);
    if (!kind) {
        std::cerr << "ritme: import jrnl, dayone or markdown\n";
        return 1;
    }
    std::error_code fault;
    std::uintmax_t size = std::filesystem::file_size(options.file, fault);
    if (fault) {
        std::cerr << "ritme: cannot read " << options.file << "\n";
        return 1;
    }
    if (size > formats::max_import_bytes) {
        std::cerr << "ritme: " << options.file << " is larger than 50 MiB; nothing was imported\n";
        return 1;
    }
    std::ifstream in(options.file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();

    auto application = app::Application::open(options.database_url);
    operations::Ports ports = application->ports();
    std::optional<User> writer = find_writer(ports, options.user);
    if (!writer) return 1;
    Result<operations::ImportFile> file = formats::read_import(*kind, bytes.str(), ports.calendar, writer->timezone);
    if (!file) {
        std::cerr << "ritme: " << options.file << ": " << file.error().message << "\n";
        return 1;
    }
    operations::ImportCommand command;
    command.file = std::move(*file);
    command.existing = options.existing == "skip" ? operations::ExistingDays::skip : operations::ExistingDays::add;
    command.step = options.preview ? operations::ImportStep::preview : operations::ImportStep::import;
    Result<operations::ImportSummary> summary = operations::import_diary(ports, *writer, std::move(command));
    if (!summary) {
        std::cerr << "ritme: " << summary.error().message << "; nothing was imported\n";
        return 1;
    }
    for (const operations::ImportedDay& day : summary->days) {
        std::cout << format_day(day.day) << "  " << operations::to_string(day.action);
        if (!day.reason.empty()) std::cout << " (" << day.reason << ")";
        std::cout << "\n";
    }
    std::cout << (options.preview ? "Preview, nothing written: " : "Imported: ") << summary->days_found
              << " days found, " << summary->days_existing << " had an entry; " << summary->created << " new, "
              << summary->added << " added to, " << summary->unchanged << " unchanged, " << summary->skipped
              << " skipped";
    if (summary->photos_left_out > 0) std::cout << "; " << summary->photos_left_out << " photos left out";
    std::cout << "\n";
    return 0;
}

}  // namespace ritme::cli

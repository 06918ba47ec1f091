// The learning diary from a terminal: the same rules as the web and the API.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "app/application.hpp"
#include "cli/commands.hpp"
#include "core/operations/catalogue.hpp"
#include "core/operations/diary.hpp"
#include "core/operations/people.hpp"
#include "core/rules.hpp"

namespace ritme::cli {
namespace {

// Section markers of the $EDITOR template; lines starting with '#' are left out.
constexpr const char* moments_marker = "# Leermomenten: welke leermomenten waren er vandaag? / Learning moments";
constexpr const char* handling_marker = "# Hoe ben je ermee omgegaan? / How did you deal with them?";
constexpr const char* key_marker = "# One learning a day (max. 280 tekens / characters)";

std::string trim(const std::string& text) {
    auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

struct WrittenText {
    std::string learning_moments;
    std::optional<std::string> handling;
    std::optional<std::string> key_learning;
};

WrittenText parse_editor_text(const std::string& text) {
    WrittenText written{"", std::string(), std::string()};
    std::string* section = &written.learning_moments;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(moments_marker, 0) == 0) {
            section = &written.learning_moments;
        } else if (line.rfind(handling_marker, 0) == 0) {
            section = &*written.handling;
        } else if (line.rfind(key_marker, 0) == 0) {
            section = &*written.key_learning;
        } else if (line.empty() || line.front() != '#') {
            *section += line + "\n";
        }
    }
    written.learning_moments = trim(written.learning_moments);
    written.handling = trim(*written.handling);
    written.key_learning = trim(*written.key_learning);
    return written;
}

std::optional<WrittenText> write_in_editor(const DiaryEntry& current) {
    const char* editor = std::getenv("VISUAL");
    if (editor == nullptr || *editor == '\0') editor = std::getenv("EDITOR");
    if (editor == nullptr || *editor == '\0') {
        std::cerr << "ritme: give the text as arguments or on stdin, or set $EDITOR\n";
        return std::nullopt;
    }
    std::string path_template = (std::filesystem::temp_directory_path() / "ritme-diary-XXXXXX.md").string();
    int descriptor = mkstemps(path_template.data(), 3);
    if (descriptor < 0) {
        std::cerr << "ritme: could not make a file for the editor\n";
        return std::nullopt;
    }
    close(descriptor);
    const std::filesystem::path path = path_template;
    {
        std::ofstream file(path);
        file << moments_marker << "\n" << current.learning_moments << "\n\n"
             << handling_marker << "\n" << current.handling << "\n\n"
             << key_marker << "\n" << current.key_learning << "\n";
    }
    std::string command = std::string(editor) + " '" + path.string() + "'";
    int status = std::system(command.c_str());
    std::ifstream file(path);
    std::stringstream text;
    text << file.rdbuf();
    std::filesystem::remove(path);
    if (status != 0) {
        std::cerr << "ritme: the editor stopped with an error; nothing was saved\n";
        return std::nullopt;
    }
    return parse_editor_text(text.str());
}

std::string one_line(const DiaryEntry& entry) {
    std::string text = entry.key_learning.empty() ? entry.learning_moments : entry.key_learning;
    std::replace(text.begin(), text.end(), '\n', ' ');
    if (text_length(text) > 100) {
        std::size_t cut = 0;
        for (std::size_t points = 0; cut < text.size() && points < 97; ++points) {
            ++cut;
            while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
        }
        text = text.substr(0, cut) + "...";
    }
    return text;
}

}  // namespace

std::optional<User> find_writer(const operations::Ports& ports, const std::string& requested) {
    std::string email = requested;
    if (email.empty()) {
        const char* from_environment = std::getenv("RITME_USER");
        if (from_environment != nullptr) email = from_environment;
    }
    if (!email.empty()) {
        Result<User> user = operations::person_with_email(ports, lower(email));
        if (!user) {
            std::cerr << "ritme: no account with e-mail " << email << "\n";
            return std::nullopt;
        }
        return std::move(*user);
    }
    Result<User> only = operations::only_person(ports);
    if (only) return std::move(*only);
    std::cerr << "ritme: say whose diary this is with --user EMAIL (or RITME_USER)\n";
    return std::nullopt;
}

int diary_add(const DiaryAddOptions& options) {
    auto application = app::Application::open(options.database_url);
    operations::Ports ports = application->ports();
    std::optional<User> writer = find_writer(ports, options.user);
    if (!writer) return 1;

    Day day = ports.calendar.local_day(ports.clock.now(), writer->timezone);
    if (!options.day.empty()) {
        std::optional<Day> parsed = parse_day(options.day);
        if (!parsed) {
            std::cerr << "ritme: --day must be a day written as YYYY-MM-DD\n";
            return 1;
        }
        day = *parsed;
    }

    // What is given replaces that part of the day's entry; the rest stays as it was.
    Result<DiaryEntry> existing = operations::diary_entry(ports, *writer, day);
    DiaryEntry entry = existing ? *existing : DiaryEntry{};
    entry.day = day;
    if (!existing) entry.minutes = 15;

    std::optional<WrittenText> written;
    if (!options.words.empty()) {
        std::string text;
        for (const std::string& word : options.words) text += (text.empty() ? "" : " ") + word;
        written = WrittenText{text, std::nullopt, std::nullopt};
    } else if (isatty(STDIN_FILENO) == 0) {
        std::stringstream text;
        text << std::cin.rdbuf();
        written = WrittenText{trim(text.str()), std::nullopt, std::nullopt};
    } else {
        written = write_in_editor(entry);
        if (!written) return 1;
    }
    entry.learning_moments = written->learning_moments;
    if (written->handling) entry.handling = *written->handling;
    if (written->key_learning) entry.key_learning = *written->key_learning;
    if (options.handling) entry.handling = *options.handling;
    if (options.key_learning) entry.key_learning = *options.key_learning;
    if (options.minutes) entry.minutes = *options.minutes;
    if (!options.tags.empty()) entry.tags = options.tags;
    if (options.share) entry.shared_with_peer = true;

    if (!options.competencies.empty()) {
        std::vector<Competency> competencies = operations::competency_catalogue(ports).value();
        entry.competency_ids.clear();
        for (const std::string& wanted : options.competencies) {
            auto match = std::find_if(competencies.begin(), competencies.end(), [&](const Competency& competency) {
                return competency.id == wanted || lower(competency.name) == lower(wanted);
            });
            if (match == competencies.end()) {
                std::cerr << "ritme: no competency named '" << wanted << "' in the catalogue\n";
                return 1;
            }
            entry.competency_ids.push_back(match->id);
        }
    }

    Result<operations::SavedDiaryEntry> saved = operations::save_diary_entry(ports, *writer, std::move(entry));
    if (!saved) {
        std::cerr << "ritme: " << saved.error().field << " " << saved.error().message << "; nothing was saved\n";
        return 1;
    }
    bool dutch = writer->locale == Locale::nl;
    std::cout << (dutch ? (saved->created ? "Opgeslagen: " : "Bijgewerkt: ") : (saved->created ? "Saved: " : "Updated: "))
              << format_day(day) << "\n";
    return 0;
}

int diary_list(const DiaryListOptions& options) {
    auto application = app::Application::open(options.database_url);
    operations::Ports ports = application->ports();
    std::optional<User> writer = find_writer(ports, options.user);
    if (!writer) return 1;

    DiaryQuery query;
    query.text = options.query;
    query.limit = options.limit;
    for (auto [text, bound] : {std::pair{&options.from, &query.from}, std::pair{&options.to, &query.to}}) {
        if (text->empty()) continue;
        *bound = parse_day(*text);
        if (!*bound) {
            std::cerr << "ritme: --from and --to take a day written as YYYY-MM-DD\n";
            return 1;
        }
    }
    DiaryPage page = operations::list_diary_entries(ports, *writer, std::move(query)).value();
    if (page.entries.empty()) {
        std::cout << (writer->locale == Locale::nl ? "Niets gevonden in je leerdagboek.\n" : "No diary entries found.\n");
        return 0;
    }
    for (const DiaryEntry& entry : page.entries) {
        std::cout << format_day(entry.day) << "  " << one_line(entry) << "\n";
    }
    return 0;
}

}  // namespace ritme::cli

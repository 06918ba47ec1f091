#include "formats/markdown_export.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "core/reminders.hpp"
#include "core/social.hpp"
#include "core/text.hpp"
#include "formats/imports.hpp"

namespace ritme::formats {
namespace {

// The words of the files, as the pages put them (web/locale), in both languages.
struct Words {
    const char* learning_diary;
    const char* week;
    const char* peer_review;
    const char* held_on;
    const char* not_held;
    const char* talked_about;
    const char* plan;
    const char* plan_competency;
    const char* situation;
    const char* plan_approach;
    const char* plan_measure;
    const char* by_when;
    const char* check;
    const char* no_diary_days;
    const char* act;
    const char* focus;
    const char* went_well;
    const char* could_be_better;
    const char* month_approach;
    const char* goal_progress;
    const char* sol_meeting;
    const char* where_from;
    const char* where_now;
    const char* contract_competencies;
    const char* aims;
    const char* goals;
    const char* measure;
    const char* deadline;
    const char* contract_approach;
    const char* evidence;
    const char* revision;
    const char* year;
    const char* challenging;
    const char* inspiring;
    const char* rewarding;
    const char* next_step;
    const char* notes;
    std::array<const char*, 3> contract_statuses;  // draft, shared, agreed
    std::array<const char*, 4> goal_statuses;      // not_started, on_track, at_risk, achieved
    std::array<const char*, 6> next_steps;         // stay .. undecided
};

constexpr Words dutch{
    "Leerdagboek",
    "Week",
    "Peer review met je vaste collega",
    "Gehouden op",
    "Nog niet gehouden.",
    "Waar ging het gesprek over?",
    "Plan: je SMART plan voor komende week",
    "Op welke competentie focus je jezelf?",
    "In welke situatie?",
    "Hoe ga je deze ontwikkelen?",
    "Hoe weet je dat het gelukt is?",
    "Wanneer?",
    "Check: je dagen in het leerdagboek deze week",
    "Nog geen dagen in het leerdagboek deze week.",
    "Act: hoe stel je je plannen bij?",
    "Focus",
    "Wat gaat goed?",
    "Wat kan beter?",
    "Hoe ga je dit concreet aanpakken?",
    "Voortgang op de doelen van je Learning Contract",
    "Ik ben deze maand naar een SOL meeting geweest.",
    "Waar kom je vandaan?",
    "Waar sta je nu?",
    "In welke competenties wil je jezelf ontwikkelen?",
    "Wat wil je bereikt hebben over 3 maanden?",
    "Doelen",
    "Maat",
    "Uiterlijk op",
    "Hoe ga je dit doen?",
    "Hoe weet je of je deze leerdoelstellingen hebt bereikt?",
    "Versie",
    "Jaar",
    "Hoe uitdagend is je job? (1 tot 5)",
    "Hoe inspirerend? (1 tot 5)",
    "Hoe belonend? (1 tot 5)",
    "Je volgende stap",
    "Toelichting",
    {"Status: concept", "Status: gedeeld met je vaste collega", "Status: afgesproken"},
    {"niet begonnen", "op koers", "in gevaar", "bereikt"},
    {"Blijven waar ik ben", "Groeien in mijn huidige rol", "Een nieuwe rol binnen de organisatie", "Een opleiding",
     "Iets anders zoeken", "Nog niet besloten"},
};

constexpr Words english{
    "Learning diary",
    "Week",
    "Peer review with your fixed colleague",
    "Held on",
    "Not held yet.",
    "What did you talk about?",
    "Plan: your SMART plan for the coming week",
    "Which competency do you focus on?",
    "In which situation?",
    "How will you develop it?",
    "How will you know it worked?",
    "By when?",
    "Check: your diary days this week",
    "No diary days this week yet.",
    "Act: how do you adjust your plans?",
    "Focus",
    "What goes well?",
    "What could be better?",
    "How will you tackle it concretely?",
    "Progress on your Learning Contract goals",
    "I went to a SOL meeting this month.",
    "Where do you come from?",
    "Where are you now?",
    "Which competencies do you want to develop?",
    "What do you want to have achieved in three months?",
    "Goals",
    "Measure",
    "Deadline",
    "How will you do it?",
    "How will you know you reached your learning objectives?",
    "Revision",
    "Year",
    "How challenging is your job? (1 to 5)",
    "How inspiring? (1 to 5)",
    "How rewarding? (1 to 5)",
    "Your next step",
    "Notes",
    {"Status: draft", "Status: shared with your fixed colleague", "Status: agreed"},
    {"not started", "on track", "at risk", "achieved"},
    {"Stay where I am", "Grow in my current role", "A new role inside the organisation", "Education or training",
     "Look for something elsewhere", "Undecided"},
};

constexpr const char* dutch_readme =
    "# Ritme: je leerdagboek en je ritme\n\n"
    "- `diary/`: een bestand per dag van je leerdagboek (JJJJ-MM-DD.md). Bovenaan staan de tags, "
    "competenties, minuten en je one learning a day; daaronder je leermomenten en, na de regel "
    "`<!-- ritme:handling -->`, hoe je ermee omging. De Markdown-import van Ritme leest deze map terug.\n"
    "- `weeks/`: je peer reviews en PDCA-plannen, per week.\n"
    "- `months/`: je maandelijkse reflecties.\n"
    "- `contracts/`: je Learning Contracts, per kwartaal (eerdere versies als .revision-N.md).\n"
    "- `years/`: je jaarlijkse terugblik.\n";
constexpr const char* english_readme =
    "# Ritme: your learning diary and your rhythm\n\n"
    "- `diary/`: one file per day of your learning diary (YYYY-MM-DD.md). At the top the tags, "
    "competencies, minutes and your one learning a day; below it your learning moments and, after the line "
    "`<!-- ritme:handling -->`, how you dealt with them. The Markdown import of Ritme reads this folder back.\n"
    "- `weeks/`: your peer reviews and PDCA plans, by week.\n"
    "- `months/`: your monthly reflections.\n"
    "- `contracts/`: your Learning Contracts, by quarter (earlier revisions as .revision-N.md).\n"
    "- `years/`: your yearly review.\n";

// A YAML double-quoted scalar: read back exactly by the import's front matter.
std::string yaml_text(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04X", static_cast<unsigned>(c));
                    out += escaped;
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

std::string yaml_list(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += yaml_text(items[i]);
    }
    return out + "]";
}

std::string competency_name(const std::vector<Competency>& catalogue, const std::string& id) {
    auto found = std::find_if(catalogue.begin(), catalogue.end(), [&](const Competency& c) { return c.id == id; });
    return found == catalogue.end() ? id : found->name;
}

std::string spoken_day(Locale locale, Day day) {
    return spoken_period(locale, Level::daily, format_day(day));
}

// "## heading" and the text below it, when there is text.
void section(std::string& out, const std::string& heading, const std::string& text, const char* marks = "##") {
    if (is_blank(text)) return;
    out += std::string(marks) + " " + heading + "\n\n" + trimmed(text) + "\n\n";
}

std::string bullets(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += "- " + item + "\n";
    return out;
}

std::string week_file(const WeeklyReview& review, const std::vector<Day>& check, const User& person,
                      const std::vector<Competency>& catalogue) {
    const Words& words = person.locale == Locale::nl ? dutch : english;
    Locale locale = person.locale;
    std::string out = "# " + spoken_period(locale, Level::weekly, format_week(review.week)) + "\n\n";
    std::string meeting;
    if (review.peer_meeting.held) {
        meeting = std::string(words.held_on) +
                  (review.peer_meeting.day ? " " + spoken_day(locale, *review.peer_meeting.day) : std::string()) + ".";
    } else {
        meeting = words.not_held;
    }
    section(out, words.peer_review, meeting);
    section(out, words.talked_about, review.peer_meeting.notes, "###");
    const WeeklyPlan& plan = review.plan;
    out += std::string("## ") + words.plan + "\n\n";
    if (!plan.competency_id.empty()) {
        section(out, words.plan_competency, competency_name(catalogue, plan.competency_id), "###");
    }
    section(out, words.situation, plan.situation, "###");
    section(out, words.plan_approach, plan.approach, "###");
    section(out, words.plan_measure, plan.measure, "###");
    if (plan.deadline) section(out, words.by_when, spoken_day(locale, *plan.deadline), "###");
    std::vector<std::string> days;
    for (Day day : check) days.push_back("[" + spoken_day(locale, day) + "](../diary/" + format_day(day) + ".md)");
    section(out, words.check, days.empty() ? std::string(words.no_diary_days) : bullets(days));
    section(out, words.act, review.act);
    return out;
}

std::string month_file(const MonthlyReflection& reflection, const operations::PersonalData& data) {
    Locale locale = data.account.user.locale;
    const Words& words = locale == Locale::nl ? dutch : english;
    std::string out = "# " + spoken_period(locale, Level::monthly, format_month(reflection.month)) + "\n\n";
    std::vector<std::string> focus;
    for (const std::string& id : reflection.focus_competency_ids) focus.push_back(competency_name(data.catalogue, id));
    section(out, words.focus, bullets(focus));
    section(out, words.went_well, reflection.went_well);
    section(out, words.could_be_better, reflection.could_be_better);
    section(out, words.month_approach, reflection.approach);
    std::vector<std::string> progress;
    for (const GoalProgress& item : reflection.goal_progress) {
        std::string goal = item.goal_id;
        for (const LearningContract& contract : data.contracts) {
            for (const ContractGoal& candidate : contract.goals) {
                if (candidate.id == item.goal_id) goal = candidate.text;
            }
        }
        std::string line = goal + ": " + words.goal_statuses.at(static_cast<std::size_t>(item.status));
        if (!is_blank(item.note)) line += " (" + trimmed(item.note) + ")";
        progress.push_back(line);
    }
    section(out, words.goal_progress, bullets(progress));
    if (reflection.sol_meeting_attended) out += std::string(words.sol_meeting) + "\n";
    return out;
}

std::string contract_file(const LearningContract& contract, const operations::PersonalData& data) {
    Locale locale = data.account.user.locale;
    const Words& words = locale == Locale::nl ? dutch : english;
    std::string out =
        "# Learning Contract " + spoken_period(locale, Level::quarterly, format_quarter(contract.quarter)) + "\n\n";
    out += std::string(words.revision) + " " + std::to_string(contract.revision) + " · " +
           words.contract_statuses.at(static_cast<std::size_t>(contract.status)) + "\n\n";
    section(out, words.where_from, contract.where_from);
    section(out, words.where_now, contract.where_now);
    std::vector<std::string> competencies;
    for (const std::string& id : contract.competency_ids) competencies.push_back(competency_name(data.catalogue, id));
    section(out, words.contract_competencies, bullets(competencies));
    section(out, words.aims, contract.aims);
    if (!contract.goals.empty()) {
        out += std::string("## ") + words.goals + "\n\n";
        for (const ContractGoal& goal : contract.goals) {
            out += "### " + trimmed(goal.text) + "\n\n";
            if (!is_blank(goal.measure)) out += std::string(words.measure) + ": " + trimmed(goal.measure) + "\n\n";
            if (goal.deadline) out += std::string(words.deadline) + ": " + spoken_day(locale, *goal.deadline) + "\n\n";
        }
    }
    section(out, words.contract_approach, contract.approach);
    section(out, words.evidence, contract.evidence);
    return out;
}

std::string year_file(const YearlyReview& review, Locale locale) {
    const Words& words = locale == Locale::nl ? dutch : english;
    std::string out = "# " + std::string(words.year) + " " + format_year(review.year) + "\n\n";
    auto score = [](const std::optional<int>& value) { return value ? std::to_string(*value) : std::string(); };
    section(out, words.challenging, score(review.challenging));
    section(out, words.inspiring, score(review.inspiring));
    section(out, words.rewarding, score(review.rewarding));
    if (review.next_step) {
        section(out, words.next_step, words.next_steps.at(static_cast<std::size_t>(*review.next_step)));
    }
    section(out, words.notes, review.notes);
    return out;
}

}  // namespace

std::string daily_note(const DiaryEntry& entry, const std::vector<Competency>& catalogue) {
    std::vector<std::string> competencies;
    for (const std::string& id : entry.competency_ids) competencies.push_back(competency_name(catalogue, id));
    std::string out = "---\n";
    out += "tags: " + yaml_list(entry.tags) + "\n";
    out += "competencies: " + yaml_list(competencies) + "\n";
    out += "minutes: " + std::to_string(entry.minutes) + "\n";
    out += "key_learning: " + yaml_text(entry.key_learning) + "\n";
    out += "---\n\n";
    out += entry.learning_moments + "\n";
    if (!is_blank(entry.handling)) out += "\n" + std::string(handling_marker) + "\n\n" + entry.handling + "\n";
    return out;
}

std::vector<ZipFile> markdown_files(const operations::PersonalData& data) {
    const User& person = data.account.user;
    std::vector<ZipFile> files;
    files.push_back({"README.md", person.locale == Locale::nl ? dutch_readme : english_readme});
    for (const DiaryEntry& entry : data.diary) {
        files.push_back({"diary/" + format_day(entry.day) + ".md", daily_note(entry, data.catalogue)});
    }
    for (std::size_t index = 0; index < data.weeks.size(); ++index) {
        const WeeklyReview& review = data.weeks[index];
        files.push_back({"weeks/" + format_week(review.week) + ".md",
                         week_file(review, data.checks.at(index), person, data.catalogue)});
    }
    for (const MonthlyReflection& reflection : data.months) {
        files.push_back({"months/" + format_month(reflection.month) + ".md", month_file(reflection, data)});
    }
    std::map<std::string, int> newest;  // quarter -> its newest revision
    for (const LearningContract& contract : data.contracts) {
        int& revision = newest[format_quarter(contract.quarter)];
        revision = std::max(revision, contract.revision);
    }
    for (const LearningContract& contract : data.contracts) {
        std::string quarter = format_quarter(contract.quarter);
        std::string name =
            contract.revision == newest[quarter] ? quarter : quarter + ".revision-" + std::to_string(contract.revision);
        files.push_back({"contracts/" + name + ".md", contract_file(contract, data)});
    }
    for (const YearlyReview& review : data.years) {
        files.push_back({"years/" + format_year(review.year) + ".md", year_file(review, person.locale)});
    }
    for (ZipFile& file : files) {
        if (!file.name.starts_with("diary/")) file.content = trimmed(file.content) + "\n";  // one line end at the end
    }
    return files;
}

std::string markdown_export(const operations::PersonalData& data) {
    return write_zip(markdown_files(data));
}

std::string markdown_export_file_name(Day today) {
    return "ritme-export-" + format_day(today) + ".zip";
}

}  // namespace ritme::formats

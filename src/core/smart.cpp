#include "core/smart.hpp"

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <set>
#include <string_view>
#include <unordered_map>

#include "core/text.hpp"

// A heuristic, not a judge: it reads the plan the way a coach skims it, word by word, in
// Dutch and English at once (people often write one in the other's interface). Text is
// folded (case, diacritics) and cut into words first, so every list below is written in
// plain lower-case ASCII and matches whole words only.
namespace ritme {
namespace {

using Words = std::vector<std::string>;

// --- words ---------------------------------------------------------------------------------

bool is_word_character(char32_t code_point) {
    if (code_point < 0x80) {
        return (code_point >= U'a' && code_point <= U'z') || (code_point >= U'A' && code_point <= U'Z') ||
               (code_point >= U'0' && code_point <= U'9');
    }
    if (is_white_space(code_point)) return false;
    // Punctuation, quotes, dashes, currency, arrows, symbols and emoji separate words;
    // letters of other scripts are kept so their words still count as words.
    if (code_point >= 0x00A1 && code_point <= 0x00BF) return false;
    if (code_point == 0x00D7 || code_point == 0x00F7) return false;
    if (code_point >= 0x2010 && code_point <= 0x2BFF) return false;
    if (code_point >= 0x3000 && code_point <= 0x303F) return false;
    if (code_point >= 0xFE30 && code_point <= 0xFE4F) return false;
    if (code_point >= 0xFF00 && code_point <= 0xFF0F) return false;
    if (code_point == 0xFFFD) return false;
    return code_point < 0x1F000;
}

// Folded words; a percent sign is kept as a word of its own because "80%" is a measure.
Words words_of(std::string_view text) {
    Words words;
    std::string current;
    for (char32_t code_point : decode_utf8(fold_text(text))) {
        if (is_word_character(code_point)) {
            append_utf8(current, code_point);
            continue;
        }
        if (!current.empty()) words.push_back(std::move(current));
        current.clear();
        if (code_point == U'%') words.emplace_back("%");
    }
    if (!current.empty()) words.push_back(std::move(current));
    return words;
}

Words join(std::initializer_list<const Words*> parts) {
    Words all;
    for (const Words* part : parts) all.insert(all.end(), part->begin(), part->end());
    return all;
}

bool is_number(const std::string& word) {
    return !word.empty() && std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool has_digit(const std::string& word) {
    return std::any_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A list of words and phrases. "nooit meer" matches two consecutive words; a trailing
// '*' matches any word that starts so ("feedback*" finds "feedbackgesprek", which Dutch
// writes as one word).
class Phrases {
public:
    Phrases(std::initializer_list<std::string_view> entries) {
        for (std::string_view entry : entries) {
            Entry parsed;
            if (!entry.empty() && entry.back() == '*') {
                parsed.prefix = true;
                entry.remove_suffix(1);
            }
            std::size_t start = 0;
            while (start < entry.size()) {
                std::size_t end = entry.find(' ', start);
                if (end == std::string_view::npos) end = entry.size();
                if (end > start) parsed.words.emplace_back(entry.substr(start, end - start));
                start = end + 1;
            }
            if (parsed.words.empty()) continue;
            // Indexed by the first word, so a 20,000-character plan is read in one quick pass.
            if (parsed.prefix && parsed.words.size() == 1) {
                prefixes_.push_back(parsed.words.front());
            } else {
                by_first_word_[parsed.words.front()].push_back(std::move(parsed));
            }
        }
    }

    // Whether a phrase of the list starts at `position`.
    bool matches_at(const Words& words, std::size_t position) const {
        if (position >= words.size()) return false;
        const std::string& word = words[position];
        for (const std::string& prefix : prefixes_) {
            if (word.compare(0, prefix.size(), prefix) == 0) return true;
        }
        auto candidates = by_first_word_.find(word);
        if (candidates == by_first_word_.end()) return false;
        return std::any_of(candidates->second.begin(), candidates->second.end(),
                           [&](const Entry& entry) { return matches(entry, words, position); });
    }

    bool found_in(const Words& words) const {
        for (std::size_t position = 0; position < words.size(); ++position) {
            if (matches_at(words, position)) return true;
        }
        return false;
    }

    bool contains_word(const std::string& word) const {
        for (const std::string& prefix : prefixes_) {
            if (word.compare(0, prefix.size(), prefix) == 0) return true;
        }
        auto candidates = by_first_word_.find(word);
        if (candidates == by_first_word_.end()) return false;
        return std::any_of(candidates->second.begin(), candidates->second.end(),
                           [](const Entry& entry) { return entry.words.size() == 1; });
    }

private:
    struct Entry {
        Words words;
        bool prefix = false;  // the last word may continue ("feedback*")
    };

    static bool matches(const Entry& entry, const Words& words, std::size_t position) {
        if (position + entry.words.size() > words.size()) return false;
        for (std::size_t index = 0; index < entry.words.size(); ++index) {
            const std::string& expected = entry.words[index];
            const std::string& actual = words[position + index];
            bool last = index + 1 == entry.words.size();
            if (last && entry.prefix) {
                if (actual.compare(0, expected.size(), expected) != 0) return false;
            } else if (actual != expected) {
                return false;
            }
        }
        return true;
    }

    std::unordered_map<std::string, std::vector<Entry>> by_first_word_;
    std::vector<std::string> prefixes_;
};

// --- word lists ----------------------------------------------------------------------------

// Words that hold a sentence together but name no situation or behaviour.
const Phrases& function_words() {
    // clang-format off
    static const Phrases list{
        // Dutch
        "de", "het", "een", "en", "of", "in", "op", "aan", "van", "voor", "met", "bij", "naar", "om", "te", "tot",
        "uit", "over", "door", "als", "dan", "dat", "die", "dit", "deze", "er", "ik", "je", "jij", "u", "we", "wij",
        "ze", "zij", "hij", "mij", "me", "mijn", "mn", "jouw", "jullie", "ons", "onze", "hun", "is", "ben", "bent",
        "zijn", "was", "waren", "wordt", "word", "worden", "heb", "hebt", "heeft", "hebben", "had", "zal", "zullen",
        "zou", "kan", "kun", "kunt", "kunnen", "wil", "wilt", "willen", "moet", "moeten", "ga", "gaat", "gaan",
        "niet", "geen", "wel", "ook", "nog", "al", "maar", "want", "dus", "zo", "zodat", "toch", "even", "eens",
        "wat", "wie", "waar", "hoe", "welke", "iets", "hier", "daar", "heel", "zeer", "erg", "nu", "mee", "af", "toe",
        "na", "zich", "zelf", "mezelf", "jezelf", "waarin", "waarbij", "wanneer", "voordat", "nadat", "terwijl",
        "tijdens", "zodra", "elke", "iedere", "elk", "ieder", "per", "keer", "daarna", "daarbij", "steeds",
        // English
        "the", "a", "an", "and", "or", "on", "at", "to", "of", "for", "with", "by", "from", "about", "as", "than",
        "then", "that", "this", "these", "those", "there", "it", "its", "i", "my", "mine", "you", "your", "us", "our",
        "they", "them", "their", "he", "she", "him", "her", "am", "are", "be", "been", "being", "were", "will",
        "would", "shall", "should", "can", "could", "may", "might", "must", "does", "did", "have", "has", "not", "no",
        "also", "but", "so", "just", "very", "who", "where", "how", "which", "when", "while", "during", "before",
        "after", "if", "up", "out", "into", "some", "any", "myself", "yourself", "going", "want", "wants", "s", "t",
        "ll", "m", "n", "re", "ve", "d", "each", "every", "time", "times", "week", "day", "dag", "uur",
    };
    // clang-format on
    return list;
}

// Words that sound like a plan but say nothing about where or what: "beter communiceren",
// "improve communication", "work on my skills".
const Phrases& vague_words() {
    // clang-format off
    static const Phrases list{
        // Dutch
        "beter", "goed", "goede", "meer", "minder", "vaker", "verbeteren", "verbeter", "verbetering", "ontwikkelen",
        "ontwikkel", "ontwikkeling", "leren", "leer", "werken", "werk", "proberen", "probeer", "communiceren",
        "communicatie", "samenwerken", "samenwerking", "vaardigheden", "vaardigheid", "competentie", "competenties",
        "focus", "focussen", "richten", "aandacht", "bewust", "bewuster", "effectief", "effectiever", "professioneel",
        "professioneler", "algemeen", "dingen", "zaken", "manier", "sterker", "groeien", "aanpakken", "doen", "aan",
        "slag", "stappen", "zetten", "oefenen", "vooruitgang", "persoonlijke", "persoonlijk", "mezelf", "echt",
        "gewoon", "veel",
        // English
        "improve", "improving", "improvement", "better", "good", "well", "more", "less", "develop", "developing",
        "development", "learn", "learning", "work", "working", "try", "trying", "communicate", "communicating",
        "communication", "collaborate", "collaboration", "teamwork", "skills", "skill", "competency", "competencies",
        "competence", "focusing", "aware", "awareness", "effective", "effectively", "professional", "general",
        "generally", "things", "stuff", "way", "stronger", "grow", "growth", "become", "get", "overall", "do",
        "doing", "make", "really", "practice", "practise", "progress", "personal", "much", "lot", "lots",
    };
    // clang-format on
    return list;
}

// Words that set a scene: a day, a moment, a meeting, a person. With one of these, three
// meaningful words can already be specific ("presentatie vrijdag klant").
const Phrases& situation_words() {
    // clang-format off
    static const Phrases list{
        "maandag*", "dinsdag*", "woensdag*", "donderdag*", "vrijdag*", "zaterdag*", "zondag*", "monday*", "tuesday*",
        "wednesday*", "thursday*", "friday*", "saturday*", "sunday*", "tijdens", "wanneer", "zodra", "bij", "voordat",
        "nadat", "during", "when", "whenever", "before", "after", "ochtend*", "middag*", "morning*", "afternoon*",
    };
    // clang-format on
    return list;
}

// Heads of Dutch compounds and English nouns of a work situation, found anywhere inside a
// word ("teamoverleg", "klantgesprek", "standup").
constexpr std::string_view situation_nouns[] = {
    "overleg",   "vergader", "meeting", "gesprek",  "standup", "stand",    "klant",    "client",  "customer",
    "presentat", "review",   "retro",   "sprint",   "project", "collega",  "colleag",  "manager", "leidinggevende",
    "demo",      "call",     "mail",    "telefoon", "phone",   "workshop", "training", "team",    "kick",
};

// A capitalised word inside a sentence is a name: a person ("Sara"), a team ("MT"), a
// meeting ("SOL"). Names make a plan concrete the way a situation does. Works on the
// text before folding, since folding loses the capitals.
bool names_someone(std::string_view text) {
    bool sentence_start = true;
    std::u32string word;
    auto is_name = [&]() {
        bool capitalised =
            (word[0] >= U'A' && word[0] <= U'Z') || (word[0] >= 0xC0 && word[0] <= 0xDE && word[0] != 0xD7);
        // English writes "I" (and "I'm", "I'll") with a capital in every position.
        bool pronoun = word == U"I" || word.rfind(U"I'", 0) == 0 || word.rfind(U"I\u2019", 0) == 0;
        return capitalised && !pronoun && !sentence_start;
    };
    for (char32_t code_point : decode_utf8(text)) {
        bool apostrophe = code_point == U'\'' || code_point == 0x2019;
        if (is_word_character(code_point) || (apostrophe && !word.empty())) {
            word += code_point;
            continue;
        }
        if (!word.empty()) {
            if (is_name()) return true;
            sentence_start = false;
            word.clear();
        }
        if (code_point == U'.' || code_point == U'!' || code_point == U'?' || code_point == U':' ||
            code_point == U'\n' || code_point == 0x2022) {
            sentence_start = true;
        }
    }
    return !word.empty() && is_name();
}

bool names_a_situation(const Words& words) {
    if (situation_words().found_in(words)) return true;
    return std::any_of(words.begin(), words.end(), [](const std::string& word) {
        return std::any_of(std::begin(situation_nouns), std::end(situation_nouns),
                           [&word](std::string_view noun) { return word.find(noun) != std::string::npos; });
    });
}

// Counts and frequencies: "twee keer", "3x", "elke dag", "wekelijks", "twice", "at least".
const Phrases& count_words() {
    // clang-format off
    static const Phrases list{
        // Dutch
        "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf", "vijftien",
        "twintig", "dertig", "veertig", "vijftig", "honderd", "een keer", "een maal", "eenmaal", "eenmalig",
        "tweemaal", "driemaal", "eens per", "paar keer", "een paar", "aantal keer", "meerdere keren", "meerdere keer",
        "dagelijks", "wekelijks", "maandelijks", "elke", "iedere", "elk", "ieder", "per dag", "per week", "per maand",
        "per keer", "per overleg", "per gesprek", "minstens", "minimaal", "tenminste", "ten minste", "maximaal", "hoogstens", "procent",
        "%", "helft", "alle drie", "allebei", "beide", "binnen een uur", "binnen een dag", "binnen een week",
        "binnen het uur",
        // English
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
        "twenty", "thirty", "forty", "fifty", "hundred", "once", "twice", "thrice", "few times", "several times",
        "couple of times", "per day", "per month", "per meeting", "daily", "weekly",
        "monthly", "every", "each day", "each week", "each meeting", "each time", "at least", "at most",
        "no more than", "no fewer than", "no less than", "percent", "percentage", "half", "both", "within an hour",
        "within a day", "within a week",
    };
    // clang-format on
    return list;
}

// Results someone else can see: a delivered document, a checklist ticked, feedback given.
const Phrases& observable_results() {
    // clang-format off
    static const Phrases list{
        // Dutch
        "feedback*", "afgerond", "afronden", "opgeleverd", "opleveren", "gepresenteerd", "ingediend", "gepubliceerd",
        "verstuurd", "checklist*", "verslag*", "rapport*", "logboek*", "turf*", "geturfd", "genoteerd",
        "opgeschreven", "score*", "cijfer*", "beoordeling*", "evaluatie*", "enquete*", "certificaat*",
        "gecertificeerd", "goedgekeurd", "getekend", "geslaagd", "behaald", "aftekenen", "afgetekend", "bevestigd",
        "bevestigt", "bijhouden", "bijgehouden", "houd ik bij", "gemeten", "gedeeld", "gegeven",
        // English
        "presented", "delivered", "completed", "finished", "submitted", "published", "sent", "report*", "logged",
        "recorded", "written down", "noted", "tally", "tallied", "counted", "rating*", "rated", "survey*",
        "evaluation*", "certificate*", "certified", "approved", "signed off", "passed", "confirmed", "confirms",
        "tracked", "keep track", "measured", "shared", "given",
    };
    // clang-format on
    return list;
}

// Words that promise more than a person can keep for a week or a quarter.
const Phrases& overreaching_words() {
    // clang-format off
    static const Phrases list{
        // Dutch
        "altijd", "nooit", "nooit meer", "alles", "al mijn", "al mn", "al m n", "iedereen", "perfect", "perfecte",
        "perfectie", "foutloos", "foutloze", "zonder fouten", "zonder enige fout", "100 %", "honderd procent",
        "100 procent", "volledig beheersen", "helemaal beheersen",
        // English
        "always", "never", "never again", "everything", "all my", "all of my", "everyone", "everybody", "perfect",
        "perfectly", "flawless", "flawlessly", "without mistakes", "without any mistakes", "without any mistake",
        "every single", "100 percent", "master completely", "fully master",
    };
    // clang-format on
    return list;
}

// Number words for the size of a count ("honderd keer").
std::optional<std::int64_t> number_word_value(const std::string& word) {
    struct Named {
        std::string_view word;
        std::int64_t value;
    };
    static constexpr Named named[] = {
        {"twee", 2},        {"drie", 3},        {"vier", 4},       {"vijf", 5},         {"zes", 6},
        {"zeven", 7},       {"acht", 8},        {"negen", 9},      {"tien", 10},        {"elf", 11},
        {"twaalf", 12},     {"twintig", 20},    {"dertig", 30},    {"veertig", 40},     {"vijftig", 50},
        {"zestig", 60},     {"honderd", 100},   {"duizend", 1000}, {"two", 2},          {"three", 3},
        {"four", 4},        {"five", 5},        {"six", 6},        {"seven", 7},        {"eight", 8},
        {"nine", 9},        {"ten", 10},        {"eleven", 11},    {"twelve", 12},      {"twenty", 20},
        {"thirty", 30},     {"forty", 40},      {"fifty", 50},     {"sixty", 60},       {"hundred", 100},
        {"thousand", 1000}, {"honderden", 200}, {"hundreds", 200}, {"duizenden", 2000}, {"thousands", 2000},
    };
    for (const Named& candidate : named) {
        if (candidate.word == word) return candidate.value;
    }
    return std::nullopt;
}

std::optional<std::int64_t> number_value(const std::string& word) {
    if (is_number(word)) {
        // Anything with more than nine digits is absurd for a count anyway.
        if (word.size() > 9) return 1'000'000'000;
        return std::stoll(word);
    }
    return number_word_value(word);
}

// --- the period --------------------------------------------------------------------------

// What one plan may ask of a person: a week, or a quarter of thirteen weeks.
struct PeriodScope {
    std::int64_t workdays;     // a count "per dag" happens on these days
    std::int64_t weeks;        // a count "per week" happens in these weeks
    std::int64_t most_counts;  // above this a count is out of reach
    std::size_t most_words;    // above this the text is not a plan for the period any more
};

constexpr PeriodScope week_scope{5, 1, 50, 250};
constexpr PeriodScope quarter_scope{65, 13, 650, 600};

const Phrases& count_units() {
    static const Phrases list{"keer", "maal", "x", "times"};
    return list;
}

const Phrases& per_day() {
    static const Phrases list{"per dag",      "per werkdag",    "elke dag",     "iedere dag",
                              "elke werkdag", "iedere werkdag", "dagelijks",    "daags",
                              "per day",      "a day",          "each day",     "every day",
                              "daily",        "every workday",  "each workday", "per workday"};
    return list;
}

const Phrases& per_hour() {
    static const Phrases list{"per uur", "elk uur",    "ieder uur", "per hour",
                              "an hour", "every hour", "each hour", "hourly"};
    return list;
}

const Phrases& per_week() {
    static const Phrases list{"per week", "elke week", "iedere week", "wekelijks",
                              "a week",   "each week", "every week",  "weekly"};
    return list;
}

// How many times a count happens in the period, from the frequency words near it.
std::int64_t repetitions_near(const Words& words, std::size_t from, std::size_t to, const PeriodScope& scope) {
    std::size_t first = from >= 3 ? from - 3 : 0;
    std::size_t last = std::min(words.size(), to + 4);
    for (std::size_t position = first; position < last; ++position) {
        if (per_hour().matches_at(words, position)) return scope.workdays * 8;
        if (per_day().matches_at(words, position)) return scope.workdays;
        if (per_week().matches_at(words, position)) return scope.weeks;
    }
    return 1;
}

// True when a count ("60 keer", "100x", "20 times a day") is more than the period holds.
bool asks_too_many(const Words& words, const PeriodScope& scope) {
    for (std::size_t position = 0; position < words.size(); ++position) {
        const std::string& word = words[position];
        std::optional<std::int64_t> count;
        std::size_t unit_end = position;
        // "3x" written as one word.
        if (word.size() > 1 && word.back() == 'x' && is_number(word.substr(0, word.size() - 1))) {
            count = number_value(word.substr(0, word.size() - 1));
            unit_end = position + 1;
        } else if (auto value = number_value(word);
                   value && position + 1 < words.size() && count_units().matches_at(words, position + 1)) {
            count = value;
            unit_end = position + 2;
        }
        if (!count) continue;
        if (*count * repetitions_near(words, position, unit_end, scope) > scope.most_counts) return true;
    }
    return false;
}

// --- the five criteria -------------------------------------------------------------------

bool is_specific(const Words& words, bool mentions_a_name) {
    std::set<std::string> meaningful;
    for (const std::string& word : words) {
        if (word.size() < 2 || is_number(word)) continue;
        if (function_words().contains_word(word) || vague_words().contains_word(word)) continue;
        // "alles", "always", "perfect" say how much, not where or what.
        if (overreaching_words().contains_word(word)) continue;
        meaningful.insert(word);
    }
    if (meaningful.size() >= 4) return true;
    return meaningful.size() >= 3 && (mentions_a_name || names_a_situation(words));
}

bool is_measurable(const Words& words) {
    if (std::any_of(words.begin(), words.end(), has_digit)) return true;
    return count_words().found_in(words) || observable_results().found_in(words);
}

bool is_achievable(const Words& words, const PeriodScope& scope) {
    if (words.empty()) return false;
    if (words.size() > scope.most_words) return false;
    if (overreaching_words().found_in(words)) return false;
    return !asks_too_many(words, scope);
}

// --- hints -------------------------------------------------------------------------------

enum class Subject { weekly_plan, contract_goal };

struct HintTexts {
    std::string_view specific;
    std::string_view measurable;
    std::string_view achievable;
    std::string_view relevant;
    std::string_view time_bound;
};

constexpr HintTexts weekly_plan_hints_nl{
    "Maak je plan specifiek: in welke situatie ga je het doen en wat doe je dan precies?",
    "Maak je plan meetbaar: hoe vaak ga je het doen, of waaraan zie je dat het gelukt is?",
    "Maak je plan haalbaar in één week: kies een kleine stap die je echt kunt zetten, zonder 'altijd', 'nooit' of "
    "'alles'.",
    "Kies de competentie waar je deze week aan werkt.",
    "Zet een deadline in de komende week, niet in het verleden: op welke dag wil je het gedaan hebben?",
};

constexpr HintTexts weekly_plan_hints_en{
    "Make your plan specific: in which situation will you do it, and what exactly will you do?",
    "Make your plan measurable: how often will you do it, or how will you see that it worked?",
    "Make your plan achievable in one week: pick a small step you can really take, without 'always', 'never' or "
    "'everything'.",
    "Choose the competency you are working on this week.",
    "Set a deadline in the coming week, not in the past: on which day do you want it done?",
};

constexpr HintTexts contract_goal_hints_nl{
    "Maak je leerdoel specifiek: in welke situatie ga je het doen en wat doe je dan precies?",
    "Maak je leerdoel meetbaar: hoe vaak ga je het doen, of waaraan zie je dat je het bereikt hebt?",
    "Maak je leerdoel haalbaar in één kwartaal: kies een stap die je echt kunt zetten, zonder 'altijd', 'nooit' of "
    "'alles'.",
    "Kies in je Learning Contract minstens één competentie waar dit leerdoel bij hoort.",
    "Zet een deadline binnen dit kwartaal: wanneer wil je dit leerdoel bereikt hebben?",
};

constexpr HintTexts contract_goal_hints_en{
    "Make your goal specific: in which situation will you do it, and what exactly will you do?",
    "Make your goal measurable: how often will you do it, or how will you see that you reached it?",
    "Make your goal achievable in one quarter: pick a step you can really take, without 'always', 'never' or "
    "'everything'.",
    "Choose at least one competency in your Learning Contract that this goal belongs to.",
    "Set a deadline within this quarter: by when do you want to reach this goal?",
};

const HintTexts& hints_for(Subject subject, Locale locale) {
    if (subject == Subject::weekly_plan) return locale == Locale::en ? weekly_plan_hints_en : weekly_plan_hints_nl;
    return locale == Locale::en ? contract_goal_hints_en : contract_goal_hints_nl;
}

void add_hints(SmartVerdict& verdict, Subject subject, Locale locale) {
    const HintTexts& texts = hints_for(subject, locale);
    // One hint per failed criterion, in the order of the letters S, M, A, R, T.
    if (!verdict.specific) verdict.hints.emplace_back(texts.specific);
    if (!verdict.measurable) verdict.hints.emplace_back(texts.measurable);
    if (!verdict.achievable) verdict.hints.emplace_back(texts.achievable);
    if (!verdict.relevant) verdict.hints.emplace_back(texts.relevant);
    if (!verdict.time_bound) verdict.hints.emplace_back(texts.time_bound);
}

bool inside(const std::optional<Day>& deadline, Day first, Day last) {
    return deadline && deadline->ok() && *deadline >= first && *deadline <= last;
}

}  // namespace

SmartVerdict check_weekly_plan(const WeeklyPlan& plan, IsoWeek week, Day today, Locale locale) {
    Words situation = words_of(plan.situation);
    Words approach = words_of(plan.approach);
    Words measure = words_of(plan.measure);
    Words situation_and_approach = join({&situation, &approach});

    SmartVerdict verdict;
    verdict.specific =
        is_specific(situation_and_approach, names_someone(plan.situation) || names_someone(plan.approach));
    verdict.measurable = is_measurable(measure);
    verdict.achievable = is_achievable(join({&situation, &approach, &measure}), week_scope);
    verdict.relevant = !is_blank(plan.competency_id);
    Day judged_on = std::clamp(today, first_day(week), last_day(week));
    verdict.time_bound = inside(plan.deadline, judged_on, add_days(last_day(week), 7));
    add_hints(verdict, Subject::weekly_plan, locale);
    return verdict;
}

SmartVerdict check_contract_goal(const ContractGoal& goal, Quarter quarter,
                                 const std::vector<std::string>& contract_competency_ids, Locale locale) {
    Words text = words_of(goal.text);
    Words measure = words_of(goal.measure);
    Words text_and_measure = join({&text, &measure});

    SmartVerdict verdict;
    verdict.specific = is_specific(text, names_someone(goal.text));
    verdict.measurable = is_measurable(text_and_measure);
    verdict.achievable = is_achievable(text_and_measure, quarter_scope);
    verdict.relevant = std::any_of(contract_competency_ids.begin(), contract_competency_ids.end(),
                                   [](const std::string& id) { return !is_blank(id); });
    verdict.time_bound = inside(goal.deadline, first_day(quarter), last_day(quarter));
    add_hints(verdict, Subject::contract_goal, locale);
    return verdict;
}

}  // namespace ritme

#include "core/reminders.hpp"

#include <array>

#include "core/rhythm.hpp"

namespace ritme {
namespace {

constexpr int days_before_month_end = 7;
constexpr int days_into_quarter = 14;

std::string period_of(Level level, Day day) {
    switch (level) {
        case Level::daily:
            return format_day(day);
        case Level::weekly:
            return format_week(week_of(day));
        case Level::monthly:
            return format_month(month_of(day));
        case Level::quarterly:
            return format_quarter(quarter_of(day));
        case Level::yearly:
            return format_year(year_of(day));
    }
    return {};
}

// Whether the level's place in the calendar is `day`, apart from the facts.
bool in_season(Level level, const User& person, const LevelReminder& reminder, Day day) {
    switch (level) {
        case Level::daily:
            return is_workday(day, person.workdays);
        case Level::weekly:
            return static_cast<int>(iso_weekday(day)) == reminder.weekday;
        case Level::monthly:
            return days_between(day, last_day(month_of(day))) < days_before_month_end;
        case Level::quarterly:
            return days_between(first_day(quarter_of(day)), day) < days_into_quarter;
        case Level::yearly:
            return static_cast<unsigned>(day.month()) == 12;
    }
    return false;
}

constexpr std::array<const char*, 12> dutch_months{"januari",   "februari", "maart",    "april",
                                                   "mei",       "juni",     "juli",     "augustus",
                                                   "september", "oktober",  "november", "december"};
constexpr std::array<const char*, 12> english_months{"January",   "February", "March",    "April",
                                                     "May",       "June",     "July",     "August",
                                                     "September", "October",  "November", "December"};

const char* month_name(Locale locale, unsigned number) {
    return (locale == Locale::nl ? dutch_months : english_months).at(number - 1);
}

struct Wording {
    std::string subject;
    std::string lead;  // the paragraph before the link
    std::string link_label;
    std::string off_label;
};

Wording dutch_wording(Level level, const std::string& when) {
    switch (level) {
        case Level::daily:
            return {"Je leerdagboek van " + when,
                    "Je hebt vandaag nog niets in je leerdagboek geschreven. Neem een kwartier voor een korte "
                    "reflectie: welke leermomenten waren er en hoe ben je hiermee omgegaan? One learning a day.",
                    "Schrijf in je leerdagboek:", "Geen dagelijkse herinneringen meer? Zet ze hier uit:"};
        case Level::weekly:
            return {"Je peer-review van " + when,
                    "Tijd voor het wekelijkse gesprek met je vaste collega: een half uur over de resultaten van jullie "
                    "learning on the job. Leg je plan voor komende week vast (Plan, Do, Check, Act).",
                    "Naar je week:", "Geen wekelijkse herinneringen meer? Zet ze hier uit:"};
        case Level::monthly:
            return {"Je maandreflectie over " + when,
                    "De maand loopt ten einde. Neem een uur voor zelfreflectie: hoe vorder je in de leerdoelstellingen "
                    "uit je Learning Contract? Wat gaat goed, wat kan beter? Kies één of twee competenties om je "
                    "komende maand op te focussen.",
                    "Schrijf je maandreflectie:", "Geen maandelijkse herinneringen meer? Zet ze hier uit:"};
        case Level::quarterly:
            return {"Je Learning Contract voor " + when,
                    "Een nieuw kwartaal is begonnen en je hebt er nog geen Learning Contract voor. Kies uit de "
                    "competenties waarin je je wilt ontwikkelen, maak je leerdoelen SMART en bespreek het contract "
                    "met je vaste collega (en vice versa).",
                    "Maak je Learning Contract:", "Geen herinneringen per kwartaal meer? Zet ze hier uit:"};
        case Level::yearly:
            return {"Je jaarreview van " + when,
                    "Het jaar loopt ten einde. Maak je basiskeuzes als professional: is je werk nog voldoende "
                    "uitdagend, inspirerend en belonend, of ben je toe aan een nieuwe stap? Denk ook aan een lerende "
                    "organisatie dag met je collega's.",
                    "Schrijf je jaarreview:", "Geen jaarlijkse herinneringen meer? Zet ze hier uit:"};
    }
    return {};
}

Wording english_wording(Level level, const std::string& when) {
    switch (level) {
        case Level::daily:
            return {"Your learning diary for " + when,
                    "You have not written in your learning diary today. Take fifteen minutes for a short reflection: "
                    "which learning moments were there, and how did you deal with them? One learning a day.",
                    "Write in your diary:", "No more daily reminders? Turn them off here:"};
        case Level::weekly:
            return {"Your peer review for " + when,
                    "Time for the weekly talk with your fixed colleague: half an hour about the results of your "
                    "learning on the job. Record your plan for the coming week (Plan, Do, Check, Act).",
                    "Go to your week:", "No more weekly reminders? Turn them off here:"};
        case Level::monthly:
            return {"Your monthly reflection on " + when,
                    "The month is nearly over. Take an hour for self-reflection: how are you progressing on the "
                    "learning objectives of your Learning Contract? What goes well, what could be better? Choose one "
                    "or two competencies to focus on next month.",
                    "Write your monthly reflection:", "No more monthly reminders? Turn them off here:"};
        case Level::quarterly:
            return {"Your Learning Contract for " + when,
                    "A new quarter has begun and you have no Learning Contract for it yet. Choose the competencies "
                    "you want to develop, make your learning objectives SMART and discuss the contract with your "
                    "fixed colleague (and vice versa).",
                    "Write your Learning Contract:", "No more quarterly reminders? Turn them off here:"};
        case Level::yearly:
            return {"Your yearly review of " + when,
                    "The year is nearly over. Make your basic choices as a professional: is your job still "
                    "challenging, inspiring and rewarding enough, or are you ready for a new step? Think of a "
                    "learning organisation day with your colleagues too.",
                    "Write your yearly review:", "No more yearly reminders? Turn them off here:"};
    }
    return {};
}

}  // namespace

// The period as people say it: "26 november 2026", "week 48 van 2026", "Q4 2026".
std::string spoken_period(Locale locale, Level level, const std::string& period) {
    bool dutch = locale == Locale::nl;
    switch (level) {
        case Level::daily:
            if (auto day = parse_day(period)) {
                return std::to_string(static_cast<unsigned>(day->day())) + " " +
                       month_name(locale, static_cast<unsigned>(day->month())) + " " +
                       std::to_string(static_cast<int>(day->year()));
            }
            break;
        case Level::weekly:
            if (auto week = parse_week(period)) {
                return "week " + std::to_string(week->number) + (dutch ? " van " : " of ") + std::to_string(week->year);
            }
            break;
        case Level::monthly:
            if (auto month = parse_month(period)) {
                return std::string(month_name(locale, month->number)) + " " + std::to_string(month->year);
            }
            break;
        case Level::quarterly:
            if (auto quarter = parse_quarter(period)) {
                return "Q" + std::to_string(quarter->number) + " " + std::to_string(quarter->year);
            }
            break;
        case Level::yearly:
            break;
    }
    return period;
}

std::vector<DueReminder> due_reminders(const User& person, const ReminderSettings& settings, const ReminderFacts& facts,
                                       Day day, int minute_of_day) {
    std::vector<DueReminder> due;
    for (Level level : all_levels) {
        const LevelReminder& reminder = settings.at(level);
        if (!reminder.enabled || minute_of_day < reminder.minute_of_day) continue;
        if (!in_season(level, person, reminder, day) || !still_wanted(level, facts)) continue;
        due.push_back(DueReminder{level, period_of(level, day)});
    }
    return due;
}

bool still_wanted(Level level, const ReminderFacts& facts) {
    switch (level) {
        case Level::daily:
            return !facts.day_done;
        case Level::weekly:
            return true;
        case Level::monthly:
            return !facts.month_done;
        case Level::quarterly:
            return !facts.quarter_done;
        case Level::yearly:
            return !facts.year_done;
    }
    return false;
}

std::string reminder_page_path(Level level, const std::string& period) {
    switch (level) {
        case Level::daily:
            return "/diary/" + period;
        case Level::weekly:
            return "/weeks/" + period;
        case Level::monthly:
            return "/months/" + period;
        case Level::quarterly:
            return "/contracts/" + period;
        case Level::yearly:
            return "/years/" + period;
    }
    return "/";
}

ReminderMail reminder_mail(const User& person, Level level, const std::string& period, const std::string& page_url,
                           const std::string& off_url) {
    bool dutch = person.locale == Locale::nl;
    std::string when = spoken_period(person.locale, level, period);
    Wording words = dutch ? dutch_wording(level, when) : english_wording(level, when);
    std::string greeting = (dutch ? "Hallo " : "Hello ") + person.name + ",";
    std::string signature =
        dutch ? "Ritme, je ritme van learning on the job" : "Ritme, your rhythm of learning on the job";
    ReminderMail mail;
    mail.subject = words.subject;
    mail.body = greeting + "\n\n" + words.lead + "\n\n" + words.link_label + "\n" + page_url + "\n\n-- \n" + signature +
                "\n" + words.off_label + "\n" + off_url + "\n";
    return mail;
}

}  // namespace ritme

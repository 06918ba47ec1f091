#include "core/reminders.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace ritme {
namespace {

Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

int at(int hour, int minute) {
    return hour * 60 + minute;
}

// Everything on, each at 17:00; weekly on Fridays.
ReminderSettings all_on() {
    ReminderSettings settings;
    settings.user_id = "u1";
    for (Level level : all_levels) settings.at(level).enabled = true;
    return settings;
}

ReminderSettings only(Level level, int minute_of_day = at(17, 0), int weekday = 5) {
    ReminderSettings settings;
    settings.user_id = "u1";
    settings.at(level) = LevelReminder{true, minute_of_day, weekday};
    return settings;
}

User person(std::vector<int> workdays = {1, 2, 3, 4, 5}, Locale locale = Locale::nl) {
    User user;
    user.id = "u1";
    user.name = "Anna de Vries";
    user.email = "anna@example.nl";
    user.locale = locale;
    user.workdays = std::move(workdays);
    return user;
}

struct DueCase {
    const char* what;
    ReminderSettings settings;
    User user;
    ReminderFacts facts;
    Day day;
    int minute;
    std::vector<DueReminder> expected;
};

class DueReminders : public ::testing::TestWithParam<DueCase> {};

TEST_P(DueReminders, AsTheContractSays) {
    const DueCase& c = GetParam();
    EXPECT_EQ(due_reminders(c.user, c.settings, c.facts, c.day, c.minute), c.expected) << c.what;
}

// Thursday 26 November 2026 is in week 48; 24..30 November are November's last 7 days;
// 1..14 October are the first 14 days of Q4.
INSTANTIATE_TEST_SUITE_P(
    Table, DueReminders,
    ::testing::Values(
        // daily
        DueCase{"daily on a workday at its time",
                only(Level::daily),
                person(),
                {},
                day_of(2026, 11, 26),
                at(17, 0),
                {{Level::daily, "2026-11-26"}}},
        DueCase{"daily later that evening still",
                only(Level::daily),
                person(),
                {},
                day_of(2026, 11, 26),
                at(23, 59),
                {{Level::daily, "2026-11-26"}}},
        DueCase{"daily not before its time", only(Level::daily), person(), {}, day_of(2026, 11, 26), at(16, 59), {}},
        DueCase{"daily not once the day has an entry",
                only(Level::daily),
                person(),
                ReminderFacts{true, false, false, false},
                day_of(2026, 11, 26),
                at(18, 0),
                {}},
        DueCase{"daily not on a Saturday", only(Level::daily), person(), {}, day_of(2026, 11, 28), at(18, 0), {}},
        DueCase{"daily on a Saturday for someone working Saturdays",
                only(Level::daily),
                person({2, 3, 4, 5, 6}),
                {},
                day_of(2026, 11, 28),
                at(18, 0),
                {{Level::daily, "2026-11-28"}}},
        DueCase{"daily not on a Monday for someone who does not work Mondays",
                only(Level::daily),
                person({2, 3, 4, 5, 6}),
                {},
                day_of(2026, 11, 23),
                at(18, 0),
                {}},
        DueCase{"daily at an early time",
                only(Level::daily, at(7, 30)),
                person(),
                {},
                day_of(2026, 11, 26),
                at(7, 30),
                {{Level::daily, "2026-11-26"}}},
        DueCase{
            "a level turned off is never due", ReminderSettings{}, person(), {}, day_of(2026, 11, 26), at(23, 0), {}},
        // weekly
        DueCase{"weekly on its weekday",
                only(Level::weekly),
                person(),
                {},
                day_of(2026, 11, 27),
                at(17, 0),
                {{Level::weekly, "2026-W48"}}},
        DueCase{"weekly not on another day", only(Level::weekly), person(), {}, day_of(2026, 11, 26), at(17, 0), {}},
        DueCase{"weekly on a Monday morning",
                only(Level::weekly, at(9, 0), 1),
                person(),
                {},
                day_of(2026, 11, 23),
                at(9, 0),
                {{Level::weekly, "2026-W48"}}},
        DueCase{"weekly not before its time",
                only(Level::weekly, at(9, 0), 1),
                person(),
                {},
                day_of(2026, 11, 23),
                at(8, 59),
                {}},
        DueCase{"weekly names the ISO week across the new year",
                only(Level::weekly, at(9, 0), 5),
                person(),
                {},
                day_of(2027, 1, 1),
                at(9, 0),
                {{Level::weekly, "2026-W53"}}},
        // monthly
        DueCase{"monthly on the month's last day",
                only(Level::monthly),
                person(),
                {},
                day_of(2026, 11, 30),
                at(17, 0),
                {{Level::monthly, "2026-11"}}},
        DueCase{"monthly 7 days before the end",
                only(Level::monthly),
                person(),
                {},
                day_of(2026, 11, 24),
                at(17, 0),
                {{Level::monthly, "2026-11"}}},
        DueCase{"monthly not 8 days before the end",
                only(Level::monthly),
                person(),
                {},
                day_of(2026, 11, 23),
                at(17, 0),
                {}},
        DueCase{"monthly in February's last week",
                only(Level::monthly),
                person(),
                {},
                day_of(2027, 2, 22),
                at(17, 0),
                {{Level::monthly, "2027-02"}}},
        DueCase{"monthly not while the month has a reflection",
                only(Level::monthly),
                person(),
                ReminderFacts{false, true, false, false},
                day_of(2026, 11, 30),
                at(17, 0),
                {}},
        // quarterly
        DueCase{"quarterly on the quarter's first day",
                only(Level::quarterly),
                person(),
                {},
                day_of(2026, 10, 1),
                at(17, 0),
                {{Level::quarterly, "2026-Q4"}}},
        DueCase{"quarterly on its 14th day",
                only(Level::quarterly),
                person(),
                {},
                day_of(2026, 10, 14),
                at(17, 0),
                {{Level::quarterly, "2026-Q4"}}},
        DueCase{
            "quarterly not on its 15th day", only(Level::quarterly), person(), {}, day_of(2026, 10, 15), at(17, 0), {}},
        DueCase{"quarterly not in the quarter's second month",
                only(Level::quarterly),
                person(),
                {},
                day_of(2026, 11, 2),
                at(17, 0),
                {}},
        DueCase{"quarterly not while the quarter has a contract",
                only(Level::quarterly),
                person(),
                ReminderFacts{false, false, true, false},
                day_of(2026, 10, 2),
                at(17, 0),
                {}},
        // yearly
        DueCase{"yearly on 1 December",
                only(Level::yearly),
                person(),
                {},
                day_of(2026, 12, 1),
                at(17, 0),
                {{Level::yearly, "2026"}}},
        DueCase{"yearly on 31 December",
                only(Level::yearly),
                person(),
                {},
                day_of(2026, 12, 31),
                at(17, 0),
                {{Level::yearly, "2026"}}},
        DueCase{"yearly not in November", only(Level::yearly), person(), {}, day_of(2026, 11, 30), at(17, 0), {}},
        DueCase{"yearly not while the year has a review",
                only(Level::yearly),
                person(),
                ReminderFacts{false, false, false, true},
                day_of(2026, 12, 10),
                at(17, 0),
                {}},
        // several at once, in the levels' order
        DueCase{"every level on Thursday 31 December 2026",
                all_on(),
                person(),
                {},
                day_of(2026, 12, 31),
                at(17, 0),
                {{Level::daily, "2026-12-31"}, {Level::monthly, "2026-12"}, {Level::yearly, "2026"}}},
        DueCase{"Friday 1 January 2027: daily, weekly and the new quarter",
                all_on(),
                person(),
                {},
                day_of(2027, 1, 1),
                at(17, 0),
                {{Level::daily, "2027-01-01"}, {Level::weekly, "2026-W53"}, {Level::quarterly, "2027-Q1"}}}));

TEST(ReminderPagePath, NamesEachLevelsPage) {
    EXPECT_EQ(reminder_page_path(Level::daily, "2026-11-26"), "/diary/2026-11-26");
    EXPECT_EQ(reminder_page_path(Level::weekly, "2026-W48"), "/weeks/2026-W48");
    EXPECT_EQ(reminder_page_path(Level::monthly, "2026-11"), "/months/2026-11");
    EXPECT_EQ(reminder_page_path(Level::quarterly, "2026-Q4"), "/contracts/2026-Q4");
    EXPECT_EQ(reminder_page_path(Level::yearly, "2026"), "/years/2026");
}

struct MailCase {
    Locale locale;
    Level level;
    const char* period;
    const char* subject;
    std::vector<const char*> body_has;
};

class ReminderMails : public ::testing::TestWithParam<MailCase> {};

TEST_P(ReminderMails, SpeakThePersonsLanguageAndCarryBothLinks) {
    const MailCase& c = GetParam();
    const std::string page = "https://ritme.example.nl" + reminder_page_path(c.level, c.period);
    const std::string off = "https://ritme.example.nl/reminders/off?user=u1&level=x&signature=s";
    ReminderMail mail = reminder_mail(person({1, 2, 3, 4, 5}, c.locale), c.level, c.period, page, off);
    EXPECT_EQ(mail.subject, c.subject);
    EXPECT_NE(mail.body.find(page), std::string::npos) << mail.body;
    EXPECT_NE(mail.body.find(off), std::string::npos) << mail.body;
    EXPECT_NE(mail.body.find(c.locale == Locale::nl ? "Hallo Anna de Vries," : "Hello Anna de Vries,"),
              std::string::npos);
    for (const char* words : c.body_has)
        EXPECT_NE(mail.body.find(words), std::string::npos) << words << "\n" << mail.body;
    EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Table, ReminderMails,
    ::testing::Values(
        MailCase{Locale::nl,
                 Level::daily,
                 "2026-11-26",
                 "Je leerdagboek van 26 november 2026",
                 {"leerdagboek", "leermomenten", "Zet ze hier uit"}},
        MailCase{Locale::en,
                 Level::daily,
                 "2026-11-26",
                 "Your learning diary for 26 November 2026",
                 {"learning diary", "learning moments", "Turn them off here"}},
        MailCase{Locale::nl, Level::weekly, "2026-W48", "Je peer-review van week 48 van 2026", {"vaste collega"}},
        MailCase{Locale::en, Level::weekly, "2026-W48", "Your peer review for week 48 of 2026", {"fixed colleague"}},
        MailCase{Locale::nl,
                 Level::monthly,
                 "2026-11",
                 "Je maandreflectie over november 2026",
                 {"Learning Contract", "competenties"}},
        MailCase{Locale::en, Level::monthly, "2026-11", "Your monthly reflection on November 2026", {"competencies"}},
        MailCase{Locale::nl,
                 Level::quarterly,
                 "2026-Q4",
                 "Je Learning Contract voor Q4 2026",
                 {"vaste collega", "competenties"}},
        MailCase{Locale::en, Level::quarterly, "2026-Q4", "Your Learning Contract for Q4 2026", {"SMART"}},
        MailCase{Locale::nl, Level::yearly, "2026", "Je jaarreview van 2026", {"lerende organisatie dag"}},
        MailCase{Locale::en, Level::yearly, "2026", "Your yearly review of 2026", {"learning organisation day"}}));

TEST(StillWanted, FollowsTheFactsOfTheLevel) {
    EXPECT_TRUE(still_wanted(Level::daily, ReminderFacts{}));
    EXPECT_FALSE(still_wanted(Level::daily, ReminderFacts{true, false, false, false}));
    EXPECT_TRUE(still_wanted(Level::weekly, ReminderFacts{true, true, true, true}));
    EXPECT_FALSE(still_wanted(Level::monthly, ReminderFacts{false, true, false, false}));
    EXPECT_FALSE(still_wanted(Level::quarterly, ReminderFacts{false, false, true, false}));
    EXPECT_FALSE(still_wanted(Level::yearly, ReminderFacts{false, false, false, true}));
}

}  // namespace
}  // namespace ritme

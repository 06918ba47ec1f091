#include "core/smart.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ritme {
namespace {

Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

// Week 2026-W48 runs from Monday 23 to Sunday 29 November, the week after it to Sunday 6
// December; quarter 2026-Q4 from 1 October to 31 December. The table's plans are judged
// on the week's first day.
const IsoWeek plan_week{2026, 48};
const Day judged_on = day_of(2026, 11, 23);
const Quarter goal_quarter{2026, 4};
const std::optional<Day> in_week = day_of(2026, 11, 27);
const std::optional<Day> in_quarter = day_of(2026, 12, 18);
const std::optional<Day> none = std::nullopt;

enum class Kind { weekly_plan, contract_goal };

struct Expected {
    bool specific;
    bool measurable;
    bool achievable;
    bool relevant;
    bool time_bound;
};

struct PlanCase {
    const char* name;
    Locale language;  // the language the plan is written in, and the hints asked for
    Kind kind;
    std::string competency;  // weekly: plan.competency_id; goal: the contract's one competency ("" none)
    std::string situation;   // goal: the goal's text
    std::string approach;    // weekly only
    std::string measure;
    std::optional<Day> deadline;
    Expected expected;
};

constexpr Expected all_pass{true, true, true, true, true};

std::string repeated(const std::string& text, int times) {
    std::string all;
    for (int index = 0; index < times; ++index) all += text;
    return all;
}

SmartVerdict check(const PlanCase& plan) {
    if (plan.kind == Kind::weekly_plan) {
        WeeklyPlan weekly{plan.competency, plan.situation, plan.approach, plan.measure, plan.deadline};
        return check_weekly_plan(weekly, plan_week, judged_on, plan.language);
    }
    ContractGoal goal{"g1", plan.situation, plan.measure, plan.deadline};
    std::vector<std::string> competencies;
    if (!plan.competency.empty()) competencies.push_back(plan.competency);
    return check_contract_goal(goal, goal_quarter, competencies, plan.language);
}

const Locale nl = Locale::nl;
const Locale en = Locale::en;

PlanCase weekly_plan_case(const char* name, Locale language, std::string competency, std::string situation,
                          std::string approach, std::string measure, std::optional<Day> deadline, Expected expected) {
    return PlanCase{name,
                    language,
                    Kind::weekly_plan,
                    std::move(competency),
                    std::move(situation),
                    std::move(approach),
                    std::move(measure),
                    deadline,
                    expected};
}

// A goal of a contract whose only competency is `competency` ("" for a contract without any).
PlanCase contract_goal_case(const char* name, Locale language, std::string competency, std::string text,
                            std::string measure, std::optional<Day> deadline, Expected expected) {
    return PlanCase{
        name,     language, Kind::contract_goal, std::move(competency), std::move(text), "", std::move(measure),
        deadline, expected};
}

// clang-format off
const std::vector<PlanCase> plan_cases{
    // ---- Dutch weekly plans ----
    weekly_plan_case("nl week: the example from the brief", nl, "listening",
     "In het teamoverleg van maandag", "vraag ik door voordat ik reageer",
     "Minstens twee keer doorvragen, geturfd in mijn leerdagboek", in_week, all_pass),
    weekly_plan_case("nl week: only a competency in words", nl, "",
     "", "beter communiceren", "", none, {false, false, true, false, false}),
    weekly_plan_case("nl week: empty plan", nl, "", "", "", "", none, {false, false, false, false, false}),
    weekly_plan_case("nl week: altijd and iedereen", nl, "listening",
     "In elk overleg", "laat ik altijd iedereen uitpraten en vat ik samen", "elke dag", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("nl week: a hundred times a day", nl, "listening",
     "Bij klantgesprekken deze week", "stel ik open vragen in plaats van gesloten vragen",
     "100 keer per dag een open vraag", in_week, {true, true, false, true, true}),
    weekly_plan_case("nl week: deadline in the coming week", nl, "presenting",
     "Tijdens de sprintreview op donderdag", "presenteer ik zelf de demo aan de klant",
     "Presentatie gegeven en feedback van Sanne gevraagd", day_of(2026, 12, 4), all_pass),
    weekly_plan_case("nl week: deadline two weeks on", nl, "presenting",
     "Tijdens de sprintreview op donderdag", "presenteer ik zelf de demo aan de klant",
     "Presentatie gegeven en feedback van Sanne gevraagd", day_of(2026, 12, 7), {true, true, true, true, false}),
    weekly_plan_case("nl week: a feeling is no measure", nl, "assertiveness",
     "In gesprekken met mijn leidinggevende", "geef ik eerlijk aan wat ik nodig heb",
     "Ik voel me zekerder", in_week, {true, false, true, true, true}),
    weekly_plan_case("nl week: competency name only", nl, "listening",
     "Luisteren", "", "3x", in_week, {false, true, true, true, true}),
    weekly_plan_case("nl week: capitals and diacritics fold", nl, "feedback",
     "TIJDENS HET WEEKSTART-OVERLEG OP MAANDAG", "Vraag ik één collega om feedback op mijn voorstel",
     "Eén keer, feedback van Joris genoteerd", in_week, all_pass),
    weekly_plan_case("nl week: nooit meer", nl, "planning",
     "Op het werk", "Ik ga nooit meer te laat komen bij afspraken", "elke dag op tijd", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("nl week: perfect", nl, "presenting",
     "Bij de kwartaalpresentatie voor het MT op vrijdag", "presenteer ik perfect zonder spiekbriefje",
     "Gepresenteerd, en feedback van mijn manager", in_week, {true, true, false, true, true}),
    weekly_plan_case("nl week: a percentage", nl, "feedback",
     "In de code reviews van dit sprintteam", "schrijf ik bij elke opmerking een concreet voorstel",
     "80% van mijn opmerkingen bevat een voorstel", in_week, all_pass),
    weekly_plan_case("nl week: wekelijks but no competency", nl, "",
     "In het wekelijkse werkoverleg", "breng ik één verbeterpunt in en vraag ik om reactie", "wekelijks", in_week,
     {true, true, true, false, true}),
    weekly_plan_case("nl week: far too long for a week", nl, "listening",
     "Bij het klantgesprek op dinsdag", repeated("en daarna vat ik samen wat de klant zei ", 40), "twee keer",
     in_week, {true, true, false, true, true}),
    weekly_plan_case("nl week: only a measure", nl, "listening", "", "", "drie keer", in_week,
     {false, true, true, true, true}),
    weekly_plan_case("nl week: vague words only", nl, "planning",
     "Beter leren plannen", "Meer focus", "Het gaat beter", in_week, {false, false, true, true, true}),
    weekly_plan_case("nl week: deadline on the last day of the week", nl, "listening",
     "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "twee keer", day_of(2026, 11, 29),
     all_pass),
    weekly_plan_case("nl week: deadline the day before the week", nl, "listening",
     "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "twee keer", day_of(2026, 11, 22),
     {true, true, true, true, false}),
    weekly_plan_case("nl week: alles", nl, "planning",
     "Deze week", "Ik wil alles afronden wat op mijn bureau ligt", "afgerond", in_week,
     {false, true, false, true, true}),
    weekly_plan_case("nl week: twenty times a day is too many", nl, "customer",
     "In telefoongesprekken met klanten", "noem ik de klant bij naam", "twintig keer per dag", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("nl week: twice a day fits", nl, "customer",
     "In telefoongesprekken met klanten", "noem ik de klant bij naam", "twee keer per dag", in_week, all_pass),
    weekly_plan_case("nl week: a checklist", nl, "quality",
     "Bij elke oplevering aan de klant", "loop ik de checklist voor toegankelijkheid na",
     "Checklist ingevuld bij elke oplevering", in_week, all_pass),

    weekly_plan_case("nl week: a name makes a short plan concrete", nl, "delegating",
     "", "Ik delegeer de weekplanning aan Sara", "Sara bevestigt dat de planning klaar is", in_week, all_pass),

    // ---- Dutch contract goals ----
    contract_goal_case("nl goal: SMART", nl, "listening",
     "In klantgesprekken vat ik aan het eind samen wat we hebben afgesproken",
     "Bij minstens 10 gesprekken, bevestigd per mail", in_quarter, all_pass),
    contract_goal_case("nl goal: vague, no competency", nl, "",
     "Beter leren presenteren", "", none, {false, false, true, false, false}),
    contract_goal_case("nl goal: perfect and iedereen", nl, "presenting",
     "Ik word de beste presentator van het bedrijf en geef alle presentaties perfect", "feedback van iedereen",
     in_quarter, {true, true, false, true, true}),
    contract_goal_case("nl goal: deadline in the next quarter", nl, "listening",
     "In klantgesprekken vat ik aan het eind samen wat we hebben afgesproken", "bij tien gesprekken",
     day_of(2027, 1, 15), {true, true, true, true, false}),
    contract_goal_case("nl goal: last day of the quarter", nl, "sharing",
     "Tijdens de maandelijkse SOL meeting deel ik een leermoment uit mijn dagboek", "drie keer gedeeld",
     day_of(2026, 12, 31), all_pass),
    contract_goal_case("nl goal: competency name only", nl, "leadership",
     "Leiderschap", "twee keer", in_quarter, {false, true, true, true, true}),
    contract_goal_case("nl goal: a thousand calls", nl, "customer",
     "Ik bel oud-klanten op om te vragen hoe het gaat met het product", "1000 keer", in_quarter,
     {true, true, false, true, true}),
    contract_goal_case("nl goal: three hundred in a quarter fits", nl, "writing",
     "Bij het beantwoorden van klantvragen in de chat gebruik ik de nieuwe toon",
     "300 keer, nagelezen door Fatima", in_quarter, all_pass),
    contract_goal_case("nl goal: nooit meer, nothing measurable, no deadline", nl, "listening",
     "Ik onderbreek nooit meer een collega in een overleg", "", none, {true, false, false, true, false}),
    contract_goal_case("nl goal: only a measure", nl, "planning",
     "", "elke week", in_quarter, {false, true, true, true, true}),

    // ---- English weekly plans ----
    weekly_plan_case("en week: SMART", en, "listening",
     "In Monday's stand-up meeting", "I summarise what I heard before I respond",
     "At least twice, tallied in my diary", day_of(2026, 11, 26), all_pass),
    weekly_plan_case("en week: improve communication", en, "",
     "", "improve communication", "", none, {false, false, true, false, false}),
    weekly_plan_case("en week: empty plan", en, "", "", "", "", none, {false, false, false, false, false}),
    weekly_plan_case("en week: always", en, "assertiveness",
     "In every meeting", "I will always speak up first and share my opinion", "every day", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("en week: sixty times", en, "listening",
     "In customer calls this week", "I ask an open question instead of a closed one", "60 times", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("en week: deadline next Monday", en, "listening",
     "In customer calls this week", "I ask an open question instead of a closed one", "5 times",
     day_of(2026, 11, 30), all_pass),
    weekly_plan_case("en week: a feeling is no measure", en, "assertiveness",
     "In one-on-ones with my manager", "I say clearly what support I need", "I feel more confident", in_week,
     {true, false, true, true, true}),
    weekly_plan_case("en week: competency name only", en, "listening",
     "Listening", "", "5x", in_week, {false, true, true, true, true}),
    weekly_plan_case("en week: never again", en, "planning",
     "At work", "I will never again miss a deadline on my projects", "no missed deadlines", in_week,
     {true, false, false, true, true}),
    weekly_plan_case("en week: everything", en, "planning",
     "This week", "I want to finish everything on my to-do list", "to-do list completed", in_week,
     {false, true, false, true, true}),
    weekly_plan_case("en week: all my", en, "meetings",
     "In all my meetings this week", "I will take notes and send a summary", "summary sent after each meeting",
     in_week, {true, true, false, true, true}),
    weekly_plan_case("en week: a percentage", en, "feedback",
     "In code reviews for the payments team", "I add a concrete suggestion to each comment I leave",
     "90% of my comments include a suggestion", in_week, all_pass),
    weekly_plan_case("en week: a hundred percent", en, "feedback",
     "In code reviews for the payments team", "I add a concrete suggestion to each comment I leave",
     "100% of my comments include a suggestion", in_week, {true, true, false, true, true}),
    weekly_plan_case("en week: twenty times a day", en, "customer",
     "When customers phone the help desk", "I use their name", "twenty times a day", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("en week: twice a day", en, "customer",
     "When customers phone the help desk", "I use their name", "twice a day", in_week, all_pass),
    weekly_plan_case("en week: feedback from a named person", en, "presenting",
     "After my Thursday demo to the client", "I ask Priya what was unclear", "Feedback from Priya written down",
     in_week, all_pass),
    weekly_plan_case("en week: be more assertive", en, "assertiveness",
     "", "Be more assertive", "", none, {false, false, true, true, false}),
    weekly_plan_case("en week: no competency chosen", en, "",
     "After my Thursday demo to the client", "I ask Priya what was unclear", "Feedback from Priya written down",
     in_week, {true, true, true, false, true}),
    weekly_plan_case("en week: far too long for a week", en, "listening",
     "In the Tuesday client call", repeated("and then I summarise what the client said ", 40), "twice", in_week,
     {true, true, false, true, true}),
    weekly_plan_case("en week: capitals", en, "listening",
     "IN THE MONDAY MEETING", "I ASK ONE QUESTION BEFORE GIVING MY VIEW", "ONCE", in_week, all_pass),

    weekly_plan_case("en week: a name makes a short plan concrete", en, "delegating",
     "", "Delegate reporting to Tom", "Tom confirms he sent the report", in_week, all_pass),
    weekly_plan_case("en week: the same plan without a name", en, "delegating",
     "", "delegate reporting to someone", "report sent", in_week, {false, true, true, true, true}),

    // ---- English contract goals ----
    contract_goal_case("en goal: SMART", en, "listening",
     "In client meetings I summarise the agreed actions at the end", "at least 10 meetings, confirmed by email",
     day_of(2026, 12, 11), all_pass),
    contract_goal_case("en goal: improve my leadership skills", en, "leadership",
     "Improve my leadership skills", "", none, {false, false, true, true, false}),
    contract_goal_case("en goal: perfect, never, everyone", en, "presenting",
     "Become a perfect presenter and never make mistakes", "feedback from everyone", in_quarter,
     {false, true, false, true, true}),
    contract_goal_case("en goal: deadline in the next quarter", en, "coaching",
     "Mentor two junior developers through their first code review", "two reviews completed",
     day_of(2027, 1, 4), {true, true, true, true, false}),
    contract_goal_case("en goal: contract without competencies", en, "",
     "Write a blog post about what I learned in the project", "published on the intranet", in_quarter,
     {true, true, true, false, true}),
    contract_goal_case("en goal: empty goal", en, "", "", "", none, {false, false, false, false, false}),
    contract_goal_case("en goal: a thousand times", en, "customer",
     "Call former customers to ask how the product works for them", "1000 times", in_quarter,
     {true, true, false, true, true}),
    contract_goal_case("en goal: three times a week fits a quarter", en, "planning",
     "During the weekly planning I estimate my own tasks before the team does", "3 times a week", in_quarter,
     all_pass),
    contract_goal_case("en goal: competency name only", en, "communication",
     "Communication", "every week", in_quarter, {false, true, true, true, true}),
    contract_goal_case("en goal: first day of the quarter", en, "listening",
     "In client meetings I summarise the agreed actions at the end", "at least 10 meetings",
     day_of(2026, 10, 1), all_pass),
};
// clang-format on

TEST(SmartTable, HasEnoughPlansInBothLanguages) {
    int dutch = 0;
    int english = 0;
    int weekly = 0;
    int goals = 0;
    for (const PlanCase& plan : plan_cases) {
        (plan.language == Locale::nl ? dutch : english) += 1;
        (plan.kind == Kind::weekly_plan ? weekly : goals) += 1;
    }
    EXPECT_GE(dutch, 20);
    EXPECT_GE(english, 20);
    EXPECT_GE(weekly, 20);
    EXPECT_GE(goals, 20);
}

TEST(SmartTable, EveryPlanGetsItsExpectedVerdict) {
    for (const PlanCase& plan : plan_cases) {
        SCOPED_TRACE(plan.name);
        SmartVerdict verdict = check(plan);
        EXPECT_EQ(verdict.specific, plan.expected.specific) << "specific";
        EXPECT_EQ(verdict.measurable, plan.expected.measurable) << "measurable";
        EXPECT_EQ(verdict.achievable, plan.expected.achievable) << "achievable";
        EXPECT_EQ(verdict.relevant, plan.expected.relevant) << "relevant";
        EXPECT_EQ(verdict.time_bound, plan.expected.time_bound) << "time_bound";
    }
}

TEST(SmartTable, OneHintPerFailedCriterion) {
    for (const PlanCase& plan : plan_cases) {
        SCOPED_TRACE(plan.name);
        SmartVerdict verdict = check(plan);
        std::size_t failed =
            !verdict.specific + !verdict.measurable + !verdict.achievable + !verdict.relevant + !verdict.time_bound;
        EXPECT_EQ(verdict.hints.size(), failed);
        for (std::size_t index = 0; index < verdict.hints.size(); ++index) {
            for (std::size_t other = index + 1; other < verdict.hints.size(); ++other) {
                EXPECT_NE(verdict.hints[index], verdict.hints[other]);
            }
        }
    }
}

int count_containing(const std::vector<std::string>& hints, const std::string& part) {
    int count = 0;
    for (const std::string& hint : hints) count += hint.find(part) != std::string::npos ? 1 : 0;
    return count;
}

TEST(SmartHints, DutchHintsUseJe) {
    SmartVerdict verdict = check_weekly_plan(WeeklyPlan{}, plan_week, judged_on, Locale::nl);
    ASSERT_EQ(verdict.hints.size(), 5u);
    EXPECT_EQ(verdict.hints[0], "Maak je plan specifiek: in welke situatie ga je het doen en wat doe je dan precies?");
    for (const std::string& hint : verdict.hints) {
        EXPECT_NE(hint.find("je "), std::string::npos) << hint;
        EXPECT_EQ(hint.find(" you"), std::string::npos) << hint;
        EXPECT_EQ(hint.find(" u "), std::string::npos) << hint;  // "je", never the formal "u"
    }
    EXPECT_EQ(count_containing(verdict.hints, "week"), 3);  // haalbaar in één week, deze week, de komende week
}

TEST(SmartHints, EnglishHintsAreEnglish) {
    SmartVerdict verdict = check_weekly_plan(WeeklyPlan{}, plan_week, judged_on, Locale::en);
    ASSERT_EQ(verdict.hints.size(), 5u);
    EXPECT_EQ(verdict.hints[0],
              "Make your plan specific: in which situation will you do it, and what exactly will you do?");
    for (const std::string& hint : verdict.hints) {
        EXPECT_EQ(hint.find(" je "), std::string::npos) << hint;
        EXPECT_EQ(hint.find("Maak"), std::string::npos) << hint;
    }
}

TEST(SmartHints, GoalHintsSpeakOfTheQuarter) {
    SmartVerdict dutch = check_contract_goal(ContractGoal{}, goal_quarter, {}, Locale::nl);
    SmartVerdict english = check_contract_goal(ContractGoal{}, goal_quarter, {}, Locale::en);
    ASSERT_EQ(dutch.hints.size(), 5u);
    ASSERT_EQ(english.hints.size(), 5u);
    EXPECT_EQ(dutch.hints.back(), "Zet een deadline binnen dit kwartaal: wanneer wil je dit leerdoel bereikt hebben?");
    EXPECT_EQ(english.hints.back(), "Set a deadline within this quarter: by when do you want to reach this goal?");
    EXPECT_EQ(count_containing(dutch.hints, "leerdoel"), 5);
    EXPECT_EQ(count_containing(english.hints, "goal"), 5);
    EXPECT_EQ(count_containing(dutch.hints, "kwartaal"), 2);
    EXPECT_EQ(count_containing(english.hints, "quarter"), 2);
}

TEST(SmartHints, HintsFollowTheOrderOfTheLetters) {
    // Only measurable and time-bound fail: two hints, measurable first.
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "", none};
    SmartVerdict verdict = check_weekly_plan(plan, plan_week, judged_on, Locale::nl);
    EXPECT_TRUE(verdict.specific);
    EXPECT_FALSE(verdict.measurable);
    EXPECT_TRUE(verdict.achievable);
    EXPECT_TRUE(verdict.relevant);
    EXPECT_FALSE(verdict.time_bound);
    ASSERT_EQ(verdict.hints.size(), 2u);
    EXPECT_NE(verdict.hints[0].find("meetbaar"), std::string::npos);
    EXPECT_NE(verdict.hints[1].find("deadline"), std::string::npos);
}

TEST(SmartHints, ASmartPlanHasNoHints) {
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "twee keer",
                    in_week};
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).hints.empty());
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::en).hints.empty());
}

TEST(SmartWords, MatchWholeWordsOnly) {
    // "altijdje" is no "altijd", "allesbehalve" no "alles", "nevertheless" no "never".
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door, allesbehalve altijdje", "twee keer",
                    in_week};
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    WeeklyPlan english{"listening", "In the Monday meeting", "I ask questions, nevertheless briefly", "twice", in_week};
    EXPECT_TRUE(check_weekly_plan(english, plan_week, judged_on, Locale::en).achievable);
}

TEST(SmartWords, FoldCaseAndDiacritics) {
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "ÉÉN KEER",
                    in_week};
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).measurable);
    plan.approach = "vraag ik ALTÍJD door";
    EXPECT_FALSE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
}

TEST(SmartWords, WhitespaceOnlyIsEmpty) {
    WeeklyPlan plan{"  ", " \n ", "\t", "  ", none};
    SmartVerdict verdict = check_weekly_plan(plan, plan_week, judged_on, Locale::en);
    EXPECT_FALSE(verdict.specific);
    EXPECT_FALSE(verdict.measurable);
    EXPECT_FALSE(verdict.achievable);
    EXPECT_FALSE(verdict.relevant);
    EXPECT_FALSE(verdict.time_bound);
    EXPECT_EQ(verdict.hints.size(), 5u);
}

TEST(SmartWords, CountsAtTheEdgeOfTheWeek) {
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "50 keer",
                    in_week};
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    plan.measure = "51 keer";
    EXPECT_FALSE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    plan.measure = "51x";
    EXPECT_FALSE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    plan.measure = "10 keer per dag";
    EXPECT_TRUE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    plan.measure = "elke dag 11 keer";
    EXPECT_FALSE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
    plan.measure = "99999999999999999999 keer";  // no overflow, just too many
    EXPECT_FALSE(check_weekly_plan(plan, plan_week, judged_on, Locale::nl).achievable);
}

TEST(SmartWords, WeekAcrossNewYear) {
    // Week 2026-W53 runs from 28 December to 3 January; the week after it to 10 January.
    WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "twee keer",
                    day_of(2027, 1, 2)};
    EXPECT_TRUE(check_weekly_plan(plan, IsoWeek{2026, 53}, judged_on, Locale::nl).time_bound);
    plan.deadline = day_of(2027, 1, 10);
    EXPECT_TRUE(check_weekly_plan(plan, IsoWeek{2026, 53}, judged_on, Locale::nl).time_bound);
    plan.deadline = day_of(2027, 1, 11);
    EXPECT_FALSE(check_weekly_plan(plan, IsoWeek{2026, 53}, judged_on, Locale::nl).time_bound);
}

// Time-bound: the week's plan is for the coming week, and a deadline in the past never is.
TEST(SmartTimeBound, ADeadlineFromTodayToTheEndOfTheComingWeek) {
    struct Case {
        const char* what;
        Day today;
        std::optional<Day> deadline;
        bool time_bound;
    };
    const Day wednesday = day_of(2026, 11, 25);
    const Day weeks_later = day_of(2026, 12, 20);   // the week has gone by: judged as on its last day
    const Day weeks_before = day_of(2026, 11, 10);  // the week lies ahead: judged as on its first day
    const std::vector<Case> cases{
        {"no deadline", wednesday, none, false},
        {"yesterday", wednesday, day_of(2026, 11, 24), false},
        {"today", wednesday, wednesday, true},
        {"the week's last day", wednesday, day_of(2026, 11, 29), true},
        {"Monday of the coming week", wednesday, day_of(2026, 11, 30), true},
        {"the coming week's last day", wednesday, day_of(2026, 12, 6), true},
        {"two weeks on", wednesday, day_of(2026, 12, 7), false},
        {"last year", wednesday, day_of(2025, 11, 26), false},
        {"gone by: Friday of the week", weeks_later, day_of(2026, 11, 27), false},
        {"gone by: the week's last day", weeks_later, day_of(2026, 11, 29), true},
        {"gone by: the coming week", weeks_later, day_of(2026, 12, 2), true},
        {"gone by: two weeks on", weeks_later, day_of(2026, 12, 7), false},
        {"ahead: the day before the week", weeks_before, day_of(2026, 11, 22), false},
        {"ahead: the week's first day", weeks_before, day_of(2026, 11, 23), true},
        {"ahead: the coming week's last day", weeks_before, day_of(2026, 12, 6), true},
    };
    for (const Case& each : cases) {
        WeeklyPlan plan{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer", "twee keer",
                        each.deadline};
        SmartVerdict verdict = check_weekly_plan(plan, plan_week, each.today, Locale::nl);
        EXPECT_EQ(verdict.time_bound, each.time_bound) << each.what;
        // Only the deadline differs, so only the T can fail, and its hint says what to do.
        EXPECT_TRUE(verdict.specific && verdict.measurable && verdict.achievable && verdict.relevant) << each.what;
        if (each.time_bound) {
            EXPECT_TRUE(verdict.hints.empty()) << each.what;
        } else {
            ASSERT_EQ(verdict.hints.size(), 1u) << each.what;
            EXPECT_EQ(verdict.hints[0],
                      "Zet een deadline in de komende week, niet in het verleden: op welke dag wil je het gedaan "
                      "hebben?")
                << each.what;
        }
    }
}

TEST(SmartTimeBound, AGoalsDeadlineInsideItsQuarter) {
    struct Case {
        const char* what;
        std::optional<Day> deadline;
        bool time_bound;
    };
    const std::vector<Case> cases{
        {"no deadline", none, false},
        {"the day before the quarter", day_of(2026, 9, 30), false},
        {"the quarter's first day", day_of(2026, 10, 1), true},
        {"inside", in_quarter, true},
        {"the quarter's last day", day_of(2026, 12, 31), true},
        {"the day after", day_of(2027, 1, 1), false},
    };
    for (const Case& each : cases) {
        ContractGoal goal{"g1", "In klantgesprekken vat ik samen wat we afspraken", "tien keer", each.deadline};
        EXPECT_EQ(check_contract_goal(goal, goal_quarter, {"listening"}, Locale::nl).time_bound, each.time_bound)
            << each.what;
    }
}

// Each criterion answers to its own label: starting from a SMART plan, a change that only
// its label speaks of fails that criterion alone, and its one hint names it.
TEST(SmartLabels, EachCriterionFailsAloneWithItsOwnHint) {
    struct Case {
        const char* label;
        void (*change)(WeeklyPlan&);
        bool SmartVerdict::*criterion;
        const char* hint_names;  // a word of the Dutch hint
    };
    const std::vector<Case> cases{
        {"Specific: a situation or behaviour, not only a competency",
         [](WeeklyPlan& plan) {
             plan.situation = "Luisteren";
             plan.approach = "";
         },
         &SmartVerdict::specific, "specifiek"},
        {"Measurable: a count, frequency or observable result",
         [](WeeklyPlan& plan) { plan.measure = "Ik voel me beter"; }, &SmartVerdict::measurable, "meetbaar"},
        {"Achievable: fits the week, nothing absolute",
         [](WeeklyPlan& plan) { plan.approach = "vraag ik altijd door voordat ik reageer"; }, &SmartVerdict::achievable,
         "haalbaar"},
        {"Achievable: no more than a week holds", [](WeeklyPlan& plan) { plan.measure = "100 keer per dag"; },
         &SmartVerdict::achievable, "haalbaar"},
        {"Relevant: tied to a chosen competency", [](WeeklyPlan& plan) { plan.competency_id = ""; },
         &SmartVerdict::relevant, "competentie"},
        {"Time-bound: a deadline in the coming week", [](WeeklyPlan& plan) { plan.deadline = day_of(2026, 12, 14); },
         &SmartVerdict::time_bound, "deadline"},
        {"Time-bound: not in the past", [](WeeklyPlan& plan) { plan.deadline = day_of(2026, 11, 20); },
         &SmartVerdict::time_bound, "verleden"},
    };
    const WeeklyPlan smart{"listening", "In het teamoverleg van maandag", "vraag ik door voordat ik reageer",
                           "twee keer, geturfd in mijn leerdagboek", in_week};
    ASSERT_TRUE(check_weekly_plan(smart, plan_week, judged_on, Locale::nl).hints.empty());
    for (const Case& each : cases) {
        WeeklyPlan plan = smart;
        each.change(plan);
        SmartVerdict verdict = check_weekly_plan(plan, plan_week, judged_on, Locale::nl);
        for (bool SmartVerdict::*criterion :
             {&SmartVerdict::specific, &SmartVerdict::measurable, &SmartVerdict::achievable, &SmartVerdict::relevant,
              &SmartVerdict::time_bound}) {
            EXPECT_EQ(verdict.*criterion, criterion != each.criterion) << each.label;
        }
        ASSERT_EQ(verdict.hints.size(), 1u) << each.label;
        EXPECT_NE(verdict.hints[0].find(each.hint_names), std::string::npos) << each.label << ": " << verdict.hints[0];
    }
}

TEST(SmartWords, GoalRelevanceNeedsARealCompetency) {
    ContractGoal goal{"g1", "In klantgesprekken vat ik samen wat we afspraken", "tien keer", in_quarter};
    EXPECT_FALSE(check_contract_goal(goal, goal_quarter, {}, Locale::nl).relevant);
    EXPECT_FALSE(check_contract_goal(goal, goal_quarter, {""}, Locale::nl).relevant);
    EXPECT_TRUE(check_contract_goal(goal, goal_quarter, {"listening", "feedback"}, Locale::nl).relevant);
}

}  // namespace
}  // namespace ritme

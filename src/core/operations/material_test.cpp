#include "core/operations/material.hpp"

#include <gtest/gtest.h>

#include "core/testing/world.hpp"

namespace ritme::operations {
namespace {

using fakes::day_of;

class Material : public ::testing::Test {
protected:
    fakes::World world;
    User alice = world.person("alice");
    User bob = world.person("bob");
    Competency listening = world.competency("Listening");
    Competency planning = world.competency("Planning");
    Competency feedback = world.competency("Feedback");

    void write_day(const User& person, Day day, const std::string& key_learning,
                   std::vector<std::string> competencies) {
        DiaryEntry entry;
        entry.user_id = person.id;
        entry.day = day;
        entry.learning_moments = "moments";
        entry.key_learning = key_learning;
        entry.competency_ids = std::move(competencies);
        world.store.put_diary_entry(entry);
    }

    LearningContract contract(const User& person, Quarter quarter, std::vector<std::string> goals) {
        LearningContract written;
        written.user_id = person.id;
        written.quarter = quarter;
        written.aims = "aims of " + format_quarter(quarter);
        written.competency_ids = {listening.id};
        for (std::size_t index = 0; index < goals.size(); ++index) {
            written.goals.push_back(ContractGoal{"g" + std::to_string(index + 1), goals[index], "", std::nullopt});
        }
        return world.store.put_learning_contract(written);
    }

    void reflect(const User& person, Month month, std::vector<GoalProgress> progress, std::string went_well = "",
                 std::string could_be_better = "") {
        MonthlyReflection reflection;
        reflection.user_id = person.id;
        reflection.month = month;
        reflection.focus_competency_ids = {listening.id};
        reflection.went_well = std::move(went_well);
        reflection.could_be_better = std::move(could_be_better);
        reflection.goal_progress = std::move(progress);
        world.store.put_monthly_reflection(reflection);
    }
};

TEST_F(Material, AMonthGroupsItsKeyLearningsByFocusAndTheRest) {
    MonthlyReflection reflection;
    reflection.user_id = alice.id;
    reflection.month = Month{2026, 11};
    reflection.focus_competency_ids = {planning.id, listening.id};
    world.store.put_monthly_reflection(reflection);
    write_day(alice, day_of(2026, 11, 2), "Ask first", {listening.id});
    write_day(alice, day_of(2026, 11, 3), "Both at once", {listening.id, planning.id});
    write_day(alice, day_of(2026, 11, 4), "Something else", {feedback.id});
    write_day(alice, day_of(2026, 11, 5), "", {listening.id});  // no key learning
    write_day(alice, day_of(2026, 10, 30), "Last month", {listening.id});
    write_day(bob, day_of(2026, 11, 2), "Bob's own", {listening.id});

    Result<MonthMaterial> material = month_material(world.ports, alice, Month{2026, 11});
    ASSERT_TRUE(material) << material.error().message;
    ASSERT_EQ(material->focus.size(), 2u);
    EXPECT_EQ(material->focus[0].id, planning.id);  // as chosen
    ASSERT_EQ(material->learnings.size(), 3u);
    EXPECT_EQ(material->learnings[0].competency->id, planning.id);
    ASSERT_EQ(material->learnings[0].learnings.size(), 1u);
    EXPECT_EQ(material->learnings[0].learnings[0].text, "Both at once");
    EXPECT_EQ(material->learnings[1].competency->id, listening.id);
    ASSERT_EQ(material->learnings[1].learnings.size(), 2u);
    EXPECT_EQ(material->learnings[1].learnings[0].text, "Ask first");
    EXPECT_FALSE(material->learnings[2].competency.has_value());
    ASSERT_EQ(material->learnings[2].learnings.size(), 1u);
    EXPECT_EQ(material->learnings[2].learnings[0].text, "Something else");
    EXPECT_EQ(material->previous, (Month{2026, 10}));
    EXPECT_EQ(material->next, (Month{2026, 12}));
}

TEST_F(Material, AMonthWithoutFocusPutsEveryLearningUnderTheRestAndWrapsTheYear) {
    write_day(alice, day_of(2027, 1, 4), "New year", {listening.id});
    MonthMaterial material = month_material(world.ports, alice, Month{2027, 1}).value();
    EXPECT_TRUE(material.focus.empty());
    ASSERT_EQ(material.learnings.size(), 1u);
    EXPECT_FALSE(material.learnings[0].competency.has_value());
    EXPECT_EQ(material.previous, (Month{2026, 12}));
    EXPECT_EQ(material.next, (Month{2027, 2}));
    EXPECT_TRUE(month_material(world.ports, alice, Month{2027, 2})->learnings.empty());
}

TEST_F(Material, AMonthShowsItsWeeksPlansAndTheContractsGoalsSoFar) {
    for (IsoWeek week : {IsoWeek{2026, 44}, IsoWeek{2026, 45}, IsoWeek{2026, 49}, IsoWeek{2026, 50}}) {
        WeeklyReview review;
        review.user_id = alice.id;
        review.week = week;
        review.act = "act of " + format_week(week);
        world.store.put_weekly_review(review);
    }
    contract(alice, Quarter{2026, 4}, {"Listen", "Plan"});
    reflect(alice, Month{2026, 10}, {{"g1", GoalStatus::on_track, "started"}, {"g2", GoalStatus::at_risk, ""}});
    reflect(alice, Month{2026, 11}, {{"g1", GoalStatus::achieved, "done"}});
    reflect(alice, Month{2026, 12}, {{"g2", GoalStatus::achieved, "later"}});  // after the month: not yet

    MonthMaterial material = month_material(world.ports, alice, Month{2026, 11}).value();
    // Week 44 ends on 1 November and week 49 starts on 30 November: both touch it.
    ASSERT_EQ(material.weeks.size(), 3u);
    EXPECT_EQ(material.weeks[0].week, (IsoWeek{2026, 44}));
    EXPECT_EQ(material.weeks[1].act, "act of 2026-W45");
    EXPECT_EQ(material.weeks[2].week, (IsoWeek{2026, 49}));
    ASSERT_TRUE(material.contract);
    ASSERT_EQ(material.goals.size(), 2u);
    EXPECT_EQ(material.goals[0].latest->status, GoalStatus::achieved);
    EXPECT_EQ(material.goals[0].as_of, (Month{2026, 11}));
    EXPECT_TRUE(material.goals[0].reached());
    EXPECT_EQ(material.goals[1].latest->status, GoalStatus::at_risk);
    EXPECT_EQ(material.goals[1].as_of, (Month{2026, 10}));
    EXPECT_FALSE(material.goals[1].reached());
    // Bob's month shows none of Alice's.
    MonthMaterial bobs = month_material(world.ports, bob, Month{2026, 11}).value();
    EXPECT_TRUE(bobs.weeks.empty());
    EXPECT_FALSE(bobs.contract);
    EXPECT_TRUE(bobs.goals.empty());
}

TEST_F(Material, AContractLooksBackOnTheQuarterBefore) {
    contract(alice, Quarter{2026, 3}, {"Ask before answering", "Plan each Monday"});
    reflect(alice, Month{2026, 6}, {}, "June went well");  // the quarter before that: not shown
    reflect(alice, Month{2026, 7}, {{"g1", GoalStatus::on_track, ""}}, "Asked more", "Summarise");
    reflect(alice, Month{2026, 9}, {{"g1", GoalStatus::achieved, "twelve times"}}, "", "Plan earlier");
    write_day(alice, day_of(2026, 7, 1), "Ask", {listening.id});
    write_day(alice, day_of(2026, 8, 3), "Ask again", {listening.id, planning.id});
    write_day(alice, day_of(2026, 9, 1), "Ask once more", {listening.id});
    write_day(alice, day_of(2026, 9, 2), "Plan it", {planning.id});
    write_day(alice, day_of(2026, 10, 1), "This quarter", {feedback.id});
    write_day(bob, day_of(2026, 9, 3), "Bob's", {feedback.id});

    ContractMaterial material = contract_material(world.ports, alice, Quarter{2026, 4}).value();
    EXPECT_EQ(material.from, (Quarter{2026, 3}));
    ASSERT_TRUE(material.previous);
    ASSERT_EQ(material.goals.size(), 2u);
    EXPECT_TRUE(material.goals[0].reached());
    EXPECT_FALSE(material.goals[1].latest.has_value());
    ASSERT_EQ(material.reflections.size(), 2u);
    EXPECT_EQ(material.reflections[0].month, (Month{2026, 7}));
    ASSERT_EQ(material.competencies.size(), 2u);
    EXPECT_EQ(material.competencies[0].competency.id, listening.id);
    EXPECT_EQ(material.competencies[0].count, 3);
    EXPECT_EQ(material.competencies[0].latest.front().text, "Ask once more");  // newest first
    EXPECT_EQ(material.competencies[1].competency.id, planning.id);
    EXPECT_EQ(material.competencies[1].count, 2);

    // The draft, in Alice's language, holds what it was written from and nothing else.
    for (const char* part : {"Vorig kwartaal (2026-Q3)", "Ask before answering: bereikt (twelve times)",
                             "Plan each Monday: geen voortgang genoteerd", "juli: Asked more",
                             "september: Plan earlier", "Listening (3 keer)", "\"Ask once more\""}) {
        EXPECT_NE(material.draft.find(part), std::string::npos) << part << " in\n" << material.draft;
    }
    for (const char* absent : {"June went well", "This quarter", "Bob's"}) {
        EXPECT_EQ(material.draft.find(absent), std::string::npos) << absent;
    }
    alice.locale = Locale::en;
    std::string english = contract_material(world.ports, alice, Quarter{2026, 4})->draft;
    EXPECT_NE(english.find("Ask before answering: achieved (twelve times)"), std::string::npos) << english;
    EXPECT_NE(english.find("July: Asked more"), std::string::npos) << english;
}

TEST_F(Material, AContractWithNothingBeforeItHasNoDraft) {
    contract(bob, Quarter{2026, 3}, {"Bob's goal"});
    ContractMaterial material = contract_material(world.ports, alice, Quarter{2026, 4}).value();
    EXPECT_FALSE(material.previous);
    EXPECT_TRUE(material.goals.empty());
    EXPECT_TRUE(material.reflections.empty());
    EXPECT_TRUE(material.competencies.empty());
    EXPECT_EQ(material.draft, "");
    // The first quarter looks back on the last of the year before.
    EXPECT_EQ(contract_material(world.ports, alice, Quarter{2027, 1})->from, (Quarter{2026, 4}));
}

TEST_F(Material, AYearSetsItsFourContractsSideBySideWithItsCounts) {
    contract(alice, Quarter{2026, 1}, {"One", "Two"});
    contract(alice, Quarter{2026, 3}, {"Three"});
    reflect(alice, Month{2026, 2}, {{"g1", GoalStatus::achieved, ""}, {"g2", GoalStatus::on_track, ""}});
    reflect(alice, Month{2026, 9}, {{"g1", GoalStatus::achieved, ""}});
    for (Day day : {day_of(2026, 1, 5), day_of(2026, 6, 1), day_of(2026, 11, 2), day_of(2025, 12, 31)}) {
        write_day(alice, day, "", {});
    }
    write_day(bob, day_of(2026, 3, 3), "", {});
    for (auto [week, held] : {std::pair{IsoWeek{2026, 2}, true}, std::pair{IsoWeek{2026, 3}, false},
                              std::pair{IsoWeek{2026, 30}, true}, std::pair{IsoWeek{2025, 52}, true}}) {
        WeeklyReview review;
        review.user_id = alice.id;
        review.week = week;
        review.peer_meeting.held = held;
        world.store.put_weekly_review(review);
    }
    for (int year : {2024, 2025, 2026, 2027}) {
        YearlyReview review;
        review.user_id = alice.id;
        review.year = Year{year};
        review.notes = "notes " + std::to_string(year);
        world.store.put_yearly_review(review);
    }

    YearMaterial material = year_material(world.ports, alice, Year{2026}).value();
    ASSERT_EQ(material.quarters.size(), 4u);
    EXPECT_EQ(material.quarters[0].quarter, (Quarter{2026, 1}));
    ASSERT_TRUE(material.quarters[0].contract);
    ASSERT_EQ(material.quarters[0].competencies.size(), 1u);
    EXPECT_EQ(material.quarters[0].competencies[0].name, "Listening");
    EXPECT_TRUE(material.quarters[0].goals[0].reached());
    EXPECT_FALSE(material.quarters[0].goals[1].reached());
    EXPECT_FALSE(material.quarters[1].contract);
    EXPECT_TRUE(material.quarters[2].goals[0].reached());
    EXPECT_FALSE(material.quarters[3].contract);
    EXPECT_EQ(material.diary_days, 3);
    EXPECT_EQ(material.peer_reviews_held, 2);
    ASSERT_EQ(material.earlier.size(), 2u);
    EXPECT_EQ(material.earlier[0].year, Year{2025});
    EXPECT_EQ(material.earlier[1].year, Year{2024});
    EXPECT_EQ(year_material(world.ports, bob, Year{2026})->diary_days, 1);
    EXPECT_FALSE(year_material(world.ports, bob, Year{2026})->quarters[0].contract);
}

TEST_F(Material, AYearListsTheLearningDaysGoneToThatHaveEnded) {
    auto event = [&](const std::string& title, EventKind kind, Day day) {
        Event made;
        made.id = world.ids.new_id();
        made.kind = kind;
        made.title = title;
        made.starts_at = world.calendar.instant_at(day, 9 * 60, alice.timezone);
        made.ends_at = world.calendar.instant_at(day, 17 * 60, alice.timezone);
        world.store.create_events({made});
        return made;
    };
    Event went = event("Spring day", EventKind::learning_day, day_of(2026, 4, 14));
    Event declined = event("Autumn day", EventKind::learning_day, day_of(2026, 10, 6));
    Event sol = event("SOL", EventKind::sol_meeting, day_of(2026, 5, 5));
    Event coming = event("Winter day", EventKind::learning_day, day_of(2026, 12, 15));  // after the fixed now
    Event last_year = event("Old day", EventKind::learning_day, day_of(2025, 11, 4));
    Timestamp at = world.clock.now();
    for (const Event* going : {&went, &sol, &coming, &last_year}) {
        ASSERT_TRUE(world.store.set_rsvp(going->id, alice.id, RsvpStatus::going, at));
    }
    ASSERT_TRUE(world.store.set_rsvp(declined.id, alice.id, RsvpStatus::not_going, at));

    YearMaterial material = year_material(world.ports, alice, Year{2026}).value();
    ASSERT_EQ(material.learning_days.size(), 1u);
    EXPECT_EQ(material.learning_days[0].title, "Spring day");
    EXPECT_TRUE(year_material(world.ports, bob, Year{2026})->learning_days.empty());
}

TEST_F(Material, GoalsSoFarTakeTheLatestProgressOfTheContractsOwnQuarter) {
    LearningContract written = contract(alice, Quarter{2026, 4}, {"Listen"});
    MonthlyReflection september;
    september.month = Month{2026, 9};
    september.goal_progress = {{"g1", GoalStatus::achieved, "other quarter"}};
    MonthlyReflection october;
    october.month = Month{2026, 10};
    october.goal_progress = {{"g1", GoalStatus::on_track, "october"}};
    MonthlyReflection december;
    december.month = Month{2026, 12};
    december.goal_progress = {{"g1", GoalStatus::at_risk, "december"}};
    std::vector<MonthlyReflection> reflections{december, september, october};  // any order
    struct Case {
        Month up_to;
        std::optional<GoalStatus> expected;
    };
    for (Case each : {Case{Month{2026, 9}, std::nullopt}, Case{Month{2026, 10}, GoalStatus::on_track},
                      Case{Month{2026, 11}, GoalStatus::on_track}, Case{Month{2026, 12}, GoalStatus::at_risk}}) {
        std::vector<GoalSoFar> goals = goals_so_far(written, reflections, each.up_to);
        ASSERT_EQ(goals.size(), 1u);
        EXPECT_EQ(goals[0].latest ? std::optional(goals[0].latest->status) : std::nullopt, each.expected)
            << format_month(each.up_to);
    }
}

}  // namespace
}  // namespace ritme::operations

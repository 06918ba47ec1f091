#include "core/rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.hpp"

namespace ritme {
namespace {

using namespace std::chrono_literals;

Day day_of(int year, unsigned month, unsigned day) {
    return Day{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}

const Day today = day_of(2026, 11, 26);

CatalogueView catalogue() {
    CatalogueView view;
    view.choosable = {"listening", "feedback", "planning"};
    view.on_record = {"old-archived"};
    return view;
}

// Expects a validation failure naming `field`.
void expect_fault(const Status& status, const std::string& field) {
    ASSERT_FALSE(status.ok()) << "expected a fault on " << field;
    EXPECT_EQ(status.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(status.error().field, field);
    EXPECT_FALSE(status.error().message.empty());
}

void expect_ok(const Status& status) {
    EXPECT_TRUE(status.ok()) << status.error().field << ": " << status.error().message;
}

DiaryEntry valid_entry() {
    DiaryEntry entry;
    entry.user_id = "u1";
    entry.day = today;
    entry.learning_moments = "In het teamoverleg vroeg ik door.";
    entry.handling = "Ik liet een stilte vallen.";
    entry.key_learning = "Doorvragen werkt.";
    entry.competency_ids = {"listening"};
    entry.tags = {"overleg", "luisteren"};
    entry.minutes = 15;
    return entry;
}

// --- text_length -----------------------------------------------------------------------

TEST(TextLength, CountsCodePointsNotBytes) {
    EXPECT_EQ(text_length(""), 0u);
    EXPECT_EQ(text_length("abc"), 3u);
    EXPECT_EQ(text_length("één"), 3u);               // 2-byte letters
    EXPECT_EQ(text_length("€"), 1u);                 // 3 bytes
    EXPECT_EQ(text_length("\xF0\x9F\x98\x80"), 1u);  // an emoji, 4 bytes
    EXPECT_EQ(text_length("ij ĳ"), 4u);
}

// --- diary -------------------------------------------------------------------------------

TEST(DiaryRules, AcceptsAValidEntry) {
    expect_ok(validate_diary_entry(valid_entry(), today, catalogue()));
}

TEST(DiaryRules, AcceptsTheMinimalEntry) {
    DiaryEntry entry;
    entry.day = day_of(2020, 1, 1);
    entry.learning_moments = "x";
    expect_ok(validate_diary_entry(entry, today, catalogue()));
}

TEST(DiaryRules, RejectsAFutureDay) {
    DiaryEntry entry = valid_entry();
    entry.day = day_of(2026, 11, 27);
    expect_fault(validate_diary_entry(entry, today, catalogue()), "day");
    entry.day = day_of(2027, 1, 1);
    expect_fault(validate_diary_entry(entry, today, catalogue()), "day");
}

TEST(DiaryRules, LearningMomentsAreRequired) {
    for (const char* text : {"", " ", "\n\t  \r\n", "\xC2\xA0", "\xE2\x80\x83 "}) {
        DiaryEntry entry = valid_entry();
        entry.learning_moments = text;
        expect_fault(validate_diary_entry(entry, today, catalogue()), "learning_moments");
    }
}

TEST(DiaryRules, TextLimitsCountCharacters) {
    DiaryEntry entry = valid_entry();
    // 20,000 two-byte letters are 40,000 bytes but still within the limit.
    std::string longest;
    for (int index = 0; index < 20000; ++index) longest += "é";
    entry.learning_moments = longest;
    entry.handling = longest;
    expect_ok(validate_diary_entry(entry, today, catalogue()));

    entry.learning_moments = longest + "x";
    expect_fault(validate_diary_entry(entry, today, catalogue()), "learning_moments");

    entry.learning_moments = "ok";
    entry.handling = longest + "x";
    expect_fault(validate_diary_entry(entry, today, catalogue()), "handling");
}

TEST(DiaryRules, KeyLearningAtMost280Characters) {
    DiaryEntry entry = valid_entry();
    entry.key_learning = std::string(280, 'k');
    expect_ok(validate_diary_entry(entry, today, catalogue()));
    entry.key_learning = std::string(281, 'k');
    expect_fault(validate_diary_entry(entry, today, catalogue()), "key_learning");
}

TEST(DiaryRules, MinutesFrom0To600) {
    DiaryEntry entry = valid_entry();
    for (int minutes : {0, 1, 600}) {
        entry.minutes = minutes;
        expect_ok(validate_diary_entry(entry, today, catalogue()));
    }
    for (int minutes : {-1, 601, 100000}) {
        entry.minutes = minutes;
        expect_fault(validate_diary_entry(entry, today, catalogue()), "minutes");
    }
}

TEST(DiaryRules, Tags) {
    DiaryEntry entry = valid_entry();
    entry.tags.clear();
    expect_ok(validate_diary_entry(entry, today, catalogue()));

    for (int index = 0; index < 20; ++index) entry.tags.push_back("tag" + std::to_string(index));
    expect_ok(validate_diary_entry(entry, today, catalogue()));
    entry.tags.push_back("one-too-many");
    expect_fault(validate_diary_entry(entry, today, catalogue()), "tags");

    entry.tags = {std::string(40, 't')};
    expect_ok(validate_diary_entry(entry, today, catalogue()));
    entry.tags = {std::string(41, 't')};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "tags");
    entry.tags = {""};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "tags");
    entry.tags = {"  "};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "tags");
    entry.tags = {"overleg", "overleg"};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "tags");
}

TEST(DiaryRules, CompetenciesComeFromTheCatalogue) {
    DiaryEntry entry = valid_entry();
    entry.competency_ids = {};
    expect_ok(validate_diary_entry(entry, today, catalogue()));
    entry.competency_ids = {"listening", "feedback", "old-archived"};  // archived but on record
    expect_ok(validate_diary_entry(entry, today, catalogue()));
    entry.competency_ids = {"unknown"};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "competency_ids");
    entry.competency_ids = {"listening", "listening"};
    expect_fault(validate_diary_entry(entry, today, catalogue()), "competency_ids");
}

// --- weekly ------------------------------------------------------------------------------

WeeklyReview valid_week() {
    WeeklyReview review;
    review.user_id = "u1";
    review.week = IsoWeek{2026, 48};  // 23..29 November
    review.peer_meeting = PeerMeeting{true, day_of(2026, 11, 24), "Goed gesprek"};
    review.plan = WeeklyPlan{"listening", "teamoverleg", "doorvragen", "drie keer", day_of(2026, 11, 27)};
    review.act = "";
    return review;
}

TEST(WeeklyRules, AcceptsAValidWeek) {
    expect_ok(validate_weekly_review(valid_week(), catalogue()));
}

TEST(WeeklyRules, AcceptsAnEmptyWeek) {
    WeeklyReview review;
    review.week = IsoWeek{2026, 48};
    expect_ok(validate_weekly_review(review, catalogue()));
}

TEST(WeeklyRules, PlanCompetencyEmptyOrAllowed) {
    WeeklyReview review = valid_week();
    review.plan.competency_id = "";
    expect_ok(validate_weekly_review(review, catalogue()));
    review.plan.competency_id = "old-archived";
    expect_ok(validate_weekly_review(review, catalogue()));
    review.plan.competency_id = "unknown";
    expect_fault(validate_weekly_review(review, catalogue()), "plan.competency_id");
}

TEST(WeeklyRules, PeerMeetingDayInsideTheWeek) {
    WeeklyReview review = valid_week();
    review.peer_meeting.day = day_of(2026, 11, 23);
    expect_ok(validate_weekly_review(review, catalogue()));
    review.peer_meeting.day = day_of(2026, 11, 29);
    expect_ok(validate_weekly_review(review, catalogue()));
    review.peer_meeting.day = std::nullopt;
    expect_ok(validate_weekly_review(review, catalogue()));
    review.peer_meeting.day = day_of(2026, 11, 22);
    expect_fault(validate_weekly_review(review, catalogue()), "peer_meeting.day");
    review.peer_meeting.day = day_of(2026, 11, 30);
    expect_fault(validate_weekly_review(review, catalogue()), "peer_meeting.day");
}

TEST(WeeklyRules, PeerMeetingDayInAWeekAcrossNewYear) {
    WeeklyReview review = valid_week();
    review.week = IsoWeek{2026, 53};  // 28 December 2026 .. 3 January 2027
    review.plan.deadline = std::nullopt;
    review.peer_meeting.day = day_of(2027, 1, 2);
    expect_ok(validate_weekly_review(review, catalogue()));
    review.peer_meeting.day = day_of(2027, 1, 4);
    expect_fault(validate_weekly_review(review, catalogue()), "peer_meeting.day");
}

TEST(WeeklyRules, DeadlineMayBeAnyDay) {
    WeeklyReview review = valid_week();
    review.plan.deadline = day_of(2030, 1, 1);
    expect_ok(validate_weekly_review(review, catalogue()));
    review.plan.deadline = day_of(2026, 2, 30);  // not a day at all
    expect_fault(validate_weekly_review(review, catalogue()), "plan.deadline");
}

TEST(WeeklyRules, TextLimits) {
    std::string too_long(20001, 'x');
    std::string longest(20000, 'x');
    WeeklyReview review = valid_week();
    review.plan.situation = longest;
    review.plan.approach = longest;
    review.plan.measure = longest;
    review.act = longest;
    review.peer_meeting.notes = longest;
    expect_ok(validate_weekly_review(review, catalogue()));

    review = valid_week();
    review.plan.situation = too_long;
    expect_fault(validate_weekly_review(review, catalogue()), "plan.situation");
    review = valid_week();
    review.plan.approach = too_long;
    expect_fault(validate_weekly_review(review, catalogue()), "plan.approach");
    review = valid_week();
    review.plan.measure = too_long;
    expect_fault(validate_weekly_review(review, catalogue()), "plan.measure");
    review = valid_week();
    review.act = too_long;
    expect_fault(validate_weekly_review(review, catalogue()), "act");
    review = valid_week();
    review.peer_meeting.notes = too_long;
    expect_fault(validate_weekly_review(review, catalogue()), "peer_meeting.notes");
}

// --- monthly -----------------------------------------------------------------------------

MonthlyReflection valid_month() {
    MonthlyReflection reflection;
    reflection.user_id = "u1";
    reflection.month = Month{2026, 11};
    reflection.focus_competency_ids = {"listening"};
    reflection.went_well = "Doorvragen";
    reflection.goal_progress = {{"g1", GoalStatus::on_track, ""}, {"g2", GoalStatus::at_risk, "lastig"}};
    return reflection;
}

const std::set<std::string> goal_ids{"g1", "g2", "g3"};

TEST(MonthlyRules, AcceptsOneOrTwoFocusCompetencies) {
    MonthlyReflection reflection = valid_month();
    expect_ok(validate_monthly_reflection(reflection, catalogue(), goal_ids));
    reflection.focus_competency_ids = {"listening", "feedback"};
    expect_ok(validate_monthly_reflection(reflection, catalogue(), goal_ids));
    reflection.focus_competency_ids = {"old-archived"};
    expect_ok(validate_monthly_reflection(reflection, catalogue(), goal_ids));
}

TEST(MonthlyRules, RejectsNoneOrThreeFocusCompetencies) {
    MonthlyReflection reflection = valid_month();
    reflection.focus_competency_ids = {};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "focus_competency_ids");
    EXPECT_EQ(validate_monthly_reflection(reflection, catalogue(), goal_ids).error().message,
              "must be one or two competencies");
    reflection.focus_competency_ids = {"listening", "feedback", "planning"};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "focus_competency_ids");
}

TEST(MonthlyRules, FocusCompetenciesAllowedAndDistinct) {
    MonthlyReflection reflection = valid_month();
    reflection.focus_competency_ids = {"unknown"};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "focus_competency_ids");
    reflection.focus_competency_ids = {"listening", "listening"};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "focus_competency_ids");
}

TEST(MonthlyRules, GoalProgressNamesGoalsOfTheContract) {
    MonthlyReflection reflection = valid_month();
    reflection.goal_progress = {};
    expect_ok(validate_monthly_reflection(reflection, catalogue(), goal_ids));
    reflection.goal_progress = {{"g9", GoalStatus::achieved, ""}};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "goal_progress");
    reflection.goal_progress = {{"g1", GoalStatus::achieved, ""}};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), {}), "goal_progress");
    reflection.goal_progress = {{"g1", GoalStatus::achieved, ""}, {"g1", GoalStatus::on_track, ""}};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "goal_progress");
    reflection.goal_progress = {{"g1", GoalStatus::achieved, std::string(20001, 'n')}};
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "goal_progress");
}

TEST(MonthlyRules, TextLimits) {
    MonthlyReflection reflection = valid_month();
    reflection.could_be_better = std::string(20001, 'x');
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "could_be_better");
    reflection = valid_month();
    reflection.went_well = std::string(20001, 'x');
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "went_well");
    reflection = valid_month();
    reflection.approach = std::string(20001, 'x');
    expect_fault(validate_monthly_reflection(reflection, catalogue(), goal_ids), "approach");
}

// --- contract ----------------------------------------------------------------------------

LearningContract valid_contract() {
    LearningContract contract;
    contract.user_id = "u1";
    contract.quarter = Quarter{2026, 4};
    contract.where_from = "Vorig kwartaal";
    contract.competency_ids = {"listening"};
    contract.goals = {{"g1", "Doorvragen in het overleg", "drie keer per week", day_of(2026, 12, 18)},
                      {"", "Feedback vragen", "", std::nullopt}};
    return contract;
}

TEST(ContractRules, AcceptsAValidContract) {
    expect_ok(validate_learning_contract(valid_contract(), catalogue()));
}

TEST(ContractRules, CompetenciesOneOrMoreAllowedDistinct) {
    LearningContract contract = valid_contract();
    contract.competency_ids = {};
    expect_fault(validate_learning_contract(contract, catalogue()), "competency_ids");
    contract.competency_ids = {"listening", "feedback", "planning", "old-archived"};
    expect_ok(validate_learning_contract(contract, catalogue()));
    contract.competency_ids = {"unknown"};
    expect_fault(validate_learning_contract(contract, catalogue()), "competency_ids");
    contract.competency_ids = {"feedback", "feedback"};
    expect_fault(validate_learning_contract(contract, catalogue()), "competency_ids");
}

TEST(ContractRules, Goals) {
    LearningContract contract = valid_contract();
    contract.goals = {};
    expect_ok(validate_learning_contract(contract, catalogue()));

    contract.goals = {{"g1", "  ", "", std::nullopt}};
    expect_fault(validate_learning_contract(contract, catalogue()), "goals");

    contract.goals.clear();
    for (int index = 0; index < 20; ++index) {
        contract.goals.push_back({"g" + std::to_string(index), "Doel", "", std::nullopt});
    }
    expect_ok(validate_learning_contract(contract, catalogue()));
    contract.goals.push_back({"g20", "Doel", "", std::nullopt});
    expect_fault(validate_learning_contract(contract, catalogue()), "goals");

    contract.goals = {{"g1", "Doel", "", std::nullopt}, {"g1", "Ander doel", "", std::nullopt}};
    expect_fault(validate_learning_contract(contract, catalogue()), "goals");

    // Goals still without an id are not duplicates of each other.
    contract.goals = {{"", "Doel", "", std::nullopt}, {"", "Ander doel", "", std::nullopt}};
    expect_ok(validate_learning_contract(contract, catalogue()));

    // A deadline outside the quarter is for the SMART verdict, not a fault.
    contract.goals = {{"g1", "Doel", "", day_of(2031, 5, 5)}};
    expect_ok(validate_learning_contract(contract, catalogue()));
}

TEST(ContractRules, TextLimits) {
    LearningContract contract = valid_contract();
    contract.evidence = std::string(20001, 'x');
    expect_fault(validate_learning_contract(contract, catalogue()), "evidence");
    contract = valid_contract();
    contract.where_now = std::string(20000, 'x');
    expect_ok(validate_learning_contract(contract, catalogue()));
    contract.goals[0].measure = std::string(20001, 'x');
    expect_fault(validate_learning_contract(contract, catalogue()), "goals");
}

// --- yearly, workdays, password -----------------------------------------------------------

TEST(YearlyRules, ScoresNullOr1To5) {
    YearlyReview review;
    review.year = Year{2026};
    expect_ok(validate_yearly_review(review));
    review.challenging = 1;
    review.inspiring = 5;
    review.rewarding = 3;
    expect_ok(validate_yearly_review(review));
    review.challenging = 0;
    expect_fault(validate_yearly_review(review), "challenging");
    review.challenging = 2;
    review.inspiring = 6;
    expect_fault(validate_yearly_review(review), "inspiring");
    review.inspiring = std::nullopt;
    review.rewarding = -1;
    expect_fault(validate_yearly_review(review), "rewarding");
}

TEST(WorkdayRules, ZeroToSevenDistinctWeekdays) {
    expect_ok(validate_workdays({}));
    expect_ok(validate_workdays({1, 2, 3, 4, 5}));
    expect_ok(validate_workdays({6, 7}));
    expect_ok(validate_workdays({7, 1, 2, 3, 4, 5, 6}));
    expect_fault(validate_workdays({0}), "workdays");
    expect_fault(validate_workdays({8}), "workdays");
    expect_fault(validate_workdays({1, 1}), "workdays");
    expect_fault(validate_workdays({1, 2, 3, 4, 5, 6, 7, 1}), "workdays");
}

TEST(PasswordRules, LengthInCharactersAndBytes) {
    expect_ok(validate_password("twelve chars"));
    expect_fault(validate_password("eleven char"), "password");
    expect_fault(validate_password(""), "password");
    // Twelve characters of two bytes each are still twelve characters.
    expect_ok(validate_password("éééééééééééé"));
    expect_fault(validate_password("ééééééééééé"), "password");
    expect_ok(validate_password(std::string(1024, 'p')));
    expect_fault(validate_password(std::string(1025, 'p')), "password");
    std::string many_bytes;
    for (int index = 0; index < 513; ++index) many_bytes += "é";  // 513 characters, 1026 bytes
    expect_fault(validate_password(many_bytes), "password");
}

TEST(Messages, AreShortEnglish) {
    Status status = validate_workdays({9});
    ASSERT_FALSE(status.ok());
    EXPECT_LT(status.error().message.size(), 80u);
    DiaryEntry entry = valid_entry();
    entry.learning_moments = "";
    EXPECT_EQ(validate_diary_entry(entry, today, catalogue()).error().message, "must not be empty");
    entry = valid_entry();
    entry.handling = std::string(20001, 'x');
    EXPECT_EQ(validate_diary_entry(entry, today, catalogue()).error().message, "must be at most 20,000 characters");
}

// --- revise_contract ---------------------------------------------------------------------

LearningContract stored_contract(ContractStatus status) {
    LearningContract contract = valid_contract();
    contract.revision = 3;
    contract.status = status;
    contract.created_at = Timestamp{1000s};
    contract.updated_at = Timestamp{2000s};
    contract.discussion = {{"u2", "Mooi plan", true, Timestamp{1500s}}};
    return contract;
}

LearningContract an_edit() {
    LearningContract edit;
    edit.user_id = "someone-else";
    edit.quarter = Quarter{2030, 1};
    edit.revision = 99;
    edit.status = ContractStatus::agreed;
    edit.aims = "Nieuwe doelen";
    edit.competency_ids = {"feedback"};
    edit.discussion = {{"x", "forged", true, Timestamp{1s}}};
    return edit;
}

TEST(ReviseContract, ADraftIsChangedInPlace) {
    LearningContract current = stored_contract(ContractStatus::draft);
    LearningContract revised = revise_contract(current, an_edit(), Timestamp{5000s});
    EXPECT_EQ(revised.revision, 3);
    EXPECT_EQ(revised.status, ContractStatus::draft);
    EXPECT_EQ(revised.created_at, Timestamp{1000s});
    EXPECT_EQ(revised.updated_at, Timestamp{5000s});
    ASSERT_EQ(revised.discussion.size(), 1u);
    EXPECT_EQ(revised.discussion[0].comment, "Mooi plan");
    EXPECT_EQ(revised.user_id, "u1");
    EXPECT_EQ(revised.quarter, (Quarter{2026, 4}));
    EXPECT_EQ(revised.aims, "Nieuwe doelen");
    EXPECT_EQ(revised.competency_ids, std::vector<std::string>{"feedback"});
}

TEST(ReviseContract, ASharedOrAgreedContractGetsANewDraftRevision) {
    for (ContractStatus status : {ContractStatus::shared, ContractStatus::agreed}) {
        LearningContract current = stored_contract(status);
        LearningContract revised = revise_contract(current, an_edit(), Timestamp{5000s});
        EXPECT_EQ(revised.revision, 4);
        EXPECT_EQ(revised.status, ContractStatus::draft);
        EXPECT_EQ(revised.created_at, Timestamp{5000s});
        EXPECT_EQ(revised.updated_at, Timestamp{5000s});
        EXPECT_TRUE(revised.discussion.empty());
        EXPECT_EQ(revised.user_id, "u1");
        EXPECT_EQ(revised.quarter, (Quarter{2026, 4}));
        EXPECT_EQ(revised.aims, "Nieuwe doelen");
    }
}

TEST(ReviseContract, ANewRevisionIsNotSharedWhateverTheEditSays) {
    for (ContractStatus status : {ContractStatus::draft, ContractStatus::shared, ContractStatus::agreed}) {
        LearningContract current = stored_contract(status);
        current.shared_with_peer = status != ContractStatus::draft;
        LearningContract edit = an_edit();
        edit.shared_with_peer = true;  // forged
        EXPECT_FALSE(revise_contract(current, edit, Timestamp{5000s}).shared_with_peer);
    }
}

// --- text helpers ------------------------------------------------------------------------

TEST(Text, FoldsCaseAndDiacritics) {
    EXPECT_EQ(fold_text("Één"), "een");
    EXPECT_EQ(fold_text("ÜBUNG Café naïef"), "ubung cafe naief");
    EXPECT_EQ(fold_text("Ĳsselmeer"), "ijsselmeer");
    EXPECT_EQ(fold_text("Straße"), "strasse");
    EXPECT_EQ(fold_text("e\xCC\x81\xC3\xA9n"), "een");  // decomposed e + acute, then é
    EXPECT_EQ(fold_text("€ 3x"), "€ 3x");
}

TEST(Text, BlankAndDecode) {
    EXPECT_TRUE(is_blank(""));
    EXPECT_TRUE(is_blank(" \t\n\xC2\xA0\xE2\x80\xAF"));
    EXPECT_FALSE(is_blank(" a "));
    EXPECT_EQ(decode_utf8("a\xC3\xA9"), (std::vector<char32_t>{U'a', 0xE9}));
    EXPECT_EQ(decode_utf8("\xC0\xAF"), (std::vector<char32_t>{0xFFFD, 0xFFFD}));  // overlong
    EXPECT_EQ(decode_utf8("\xED\xA0\x80").front(), 0xFFFDu);                      // surrogate
    EXPECT_EQ(decode_utf8("\xE2\x82"), (std::vector<char32_t>{0xFFFD, 0xFFFD}));  // cut short
    std::string encoded;
    for (char32_t code_point : {char32_t{0x41}, char32_t{0xE9}, char32_t{0x20AC}, char32_t{0x1F600}}) {
        append_utf8(encoded, code_point);
    }
    EXPECT_EQ(encoded, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

}  // namespace
}  // namespace ritme

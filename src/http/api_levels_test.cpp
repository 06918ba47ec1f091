// The rhythm's level endpoints, called through the router with a signed-in caller, on a
// real SQLite store in a temporary file (authentication is the dispatcher's, tested apart).
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "app/application.hpp"
#include "core/periods.hpp"
#include "http/api/routes.hpp"
#include "http/http.hpp"

namespace ritme::http {
namespace {

using namespace std::chrono;

class FixedClock final : public Clock {
public:
    Timestamp at = sys_days{year{2026} / 11 / 26} + hours{9} + minutes{15};  // a Thursday
    Timestamp now() const override { return at; }
};

class CountingIds final : public IdSource {
public:
    std::string new_id() override { return "id" + std::to_string(++count_); }

private:
    int count_ = 0;
};

class UtcCalendar final : public ZoneCalendar {
public:
    bool is_known_zone(std::string_view) const override { return true; }
    Day local_day(Timestamp at, std::string_view) const override { return Day{floor<days>(at)}; }
    int local_minute_of_day(Timestamp at, std::string_view) const override {
        return static_cast<int>(duration_cast<minutes>(at - floor<days>(at)).count());
    }
    Timestamp instant_at(Day day, int minute_of_day, std::string_view) const override {
        return Timestamp{sys_days{day}} + minutes{minute_of_day};
    }
};

class NoPasswords final : public PasswordHasher {
public:
    std::string hash(const std::string&) override { return "not-a-hash"; }
    bool verify(const std::string&, const std::string&) override { return false; }
};

struct Answer {
    int status = 0;
    Json body;
    std::string text;  // the body as sent
    std::string content_type;
};

class LevelRoutes : public ::testing::Test {
protected:
    LevelRoutes()
        : directory_(std::filesystem::temp_directory_path() /
                     ("ritme-levels-" + std::to_string(reinterpret_cast<std::uintptr_t>(this)))),
          store_(make_store(directory_)),
          services_{*store_, clock_, ids_, calendar_, passwords_, "http://ritme.test"} {
        add_level_routes(router_);
        alice_ = person("alice@example.org", Role::member);
        admin_ = person("admin@example.org", Role::admin);
    }

    ~LevelRoutes() override {
        store_.reset();
        std::filesystem::remove_all(directory_);
    }

    static std::unique_ptr<Store> make_store(const std::filesystem::path& directory) {
        std::filesystem::create_directories(directory);
        return app::open_store("sqlite:" + (directory / "ritme.db").string());
    }

    User person(const std::string& email, Role role) {
        NewUser user;
        user.id = ids_.new_id();
        user.email = email;
        user.name = email.substr(0, email.find('@'));
        user.role = role;
        user.locale = Locale::en;
        user.timezone = "UTC";
        user.password_hash = "not-a-hash";
        user.created_at = clock_.at;
        return store_->create_user(user).value();
    }

    // `target` may carry a query ("/diary?limit=2"); a null body means none.
    Answer call(const std::string& method, const std::string& target, const Json& body = nullptr,
                const User* as = nullptr) {
        Request request;
        request.method = method;
        std::size_t question = target.find('?');
        request.path = "/api/v1" + target.substr(0, question);
        if (question != std::string::npos) {
            std::string query = target.substr(question + 1);
            while (!query.empty()) {
                std::string pair = query.substr(0, query.find('&'));
                query = pair.size() < query.size() ? query.substr(pair.size() + 1) : "";
                std::size_t equals = pair.find('=');
                request.query.emplace_back(pair.substr(0, equals),
                                           equals == std::string::npos ? "" : pair.substr(equals + 1));
            }
        }
        Router::Match match = router_.match(method, request.path);
        EXPECT_NE(match.route, nullptr) << method << " " << request.path;
        if (match.route == nullptr) return {};
        Caller caller;
        caller.user = as != nullptr ? *as : alice_;
        Call handler_call{request, match.params, &caller, body.is_null() ? nullptr : &body, services_};
        Response response = match.route->handler(handler_call);
        Answer answer{response.status, nullptr, response.body, response.header("Content-Type").value_or("")};
        if (!response.body.empty()) answer.body = Json::parse(response.body);
        return answer;
    }

    std::string competency(const std::string& name) {
        Answer created = call("POST", "/competencies", {{"name", name}, {"description", ""}}, &admin_);
        EXPECT_EQ(created.status, 201);
        return created.body["id"];
    }

    std::filesystem::path directory_;
    FixedClock clock_;
    CountingIds ids_;
    UtcCalendar calendar_;
    NoPasswords passwords_;
    std::unique_ptr<Store> store_;
    Services services_;
    Router router_;
    User alice_;
    User admin_;
};

void expect_error(const Answer& answer, int status, const std::string& field = "") {
    EXPECT_EQ(answer.status, status) << answer.body.dump();
    if (!field.empty()) {
        EXPECT_EQ(answer.body["error"].value("field", ""), field) << answer.body.dump();
    }
}

TEST_F(LevelRoutes, CompetenciesAreKeptByAdminsAndReadByAll) {
    std::string listening = competency("Listening");
    expect_error(call("POST", "/competencies", {{"name", "Listening"}}, &admin_), 409);
    expect_error(call("POST", "/competencies", {{"name", "  "}}, &admin_), 422, "name");
    expect_error(call("POST", "/competencies", {{"name", "X"}, {"archived", true}}, &admin_), 422, "archived");
    expect_error(call("PATCH", "/competencies/nope", {{"archived", true}}, &admin_), 404);

    Answer archived = call("PATCH", "/competencies/" + listening, {{"archived", true}}, &admin_);
    EXPECT_EQ(archived.status, 200);
    EXPECT_EQ(archived.body["archived"], true);
    EXPECT_EQ(archived.body["name"], "Listening");

    Answer list = call("GET", "/competencies");
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.body["competencies"].size(), 1u);
    EXPECT_EQ(list.body["competencies"][0]["archived"], true);
}

TEST_F(LevelRoutes, DiaryEntryIsCreatedReplacedReadAndDeleted) {
    std::string listening = competency("Listening");
    Json entry = {{"learning_moments", "Asked for feedback"}, {"competency_ids", {listening}}, {"minutes", 15}};
    Answer created = call("PUT", "/diary/2026-11-25", entry);
    ASSERT_EQ(created.status, 201) << created.body.dump();
    EXPECT_EQ(created.body["day"], "2026-11-25");
    EXPECT_EQ(created.body["minutes"], 15);
    EXPECT_EQ(created.body["created_at"], "2026-11-26T09:15:00Z");

    // The whole entry is replaced: what the body leaves out becomes empty.
    Answer replaced = call("PUT", "/diary/2026-11-25", {{"learning_moments", "Listened better"}});
    ASSERT_EQ(replaced.status, 200);
    EXPECT_EQ(replaced.body["minutes"], 0);
    EXPECT_TRUE(replaced.body["competency_ids"].empty());

    EXPECT_EQ(call("GET", "/diary/2026-11-25").body["learning_moments"], "Listened better");
    EXPECT_EQ(call("DELETE", "/diary/2026-11-25").status, 204);
    expect_error(call("GET", "/diary/2026-11-25"), 404);
    expect_error(call("DELETE", "/diary/2026-11-25"), 404);
}

TEST_F(LevelRoutes, BadDiaryInputChangesNothing) {
    ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "First"}}).status, 201);
    expect_error(call("PUT", "/diary/2026-02-30", {{"learning_moments", "x"}}), 400, "day");
    expect_error(call("PUT", "/diary/2026-11-27", {{"learning_moments", "tomorrow"}}), 422, "day");
    expect_error(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}, {"owner", "bob"}}), 422, "owner");
    expect_error(call("PUT", "/diary/2026-11-25", {{"learning_moments", ""}}), 422, "learning_moments");
    expect_error(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}, {"minutes", 601}}), 422, "minutes");
    expect_error(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}, {"competency_ids", {"nope"}}}), 422,
                 "competency_ids");
    expect_error(call("PUT", "/diary/2026-11-25", Json::array()), 400);
    EXPECT_EQ(call("GET", "/diary/2026-11-25").body["learning_moments"], "First");
}

TEST_F(LevelRoutes, ArchivedCompetencyStaysOnItsRecordButIsNotChosenAnew) {
    std::string listening = competency("Listening");
    Json entry = {{"learning_moments", "x"}, {"competency_ids", {listening}}};
    ASSERT_EQ(call("PUT", "/diary/2026-11-24", entry).status, 201);
    ASSERT_EQ(call("PATCH", "/competencies/" + listening, {{"archived", true}}, &admin_).status, 200);
    EXPECT_EQ(call("PUT", "/diary/2026-11-24", entry).status, 200);
    expect_error(call("PUT", "/diary/2026-11-25", entry), 422, "competency_ids");
}

// The diary list is written by JsonWriter; it must say what the nlohmann tree used to say.
Json tree_diary_entry_json(const DiaryEntry& entry) {
    return {{"day", format_day(entry.day)},
            {"learning_moments", entry.learning_moments},
            {"handling", entry.handling},
            {"key_learning", entry.key_learning},
            {"competency_ids", entry.competency_ids},
            {"tags", entry.tags},
            {"shared_with_peer", entry.shared_with_peer},
            {"minutes", entry.minutes},
            {"created_at", format_timestamp(entry.created_at)},
            {"updated_at", format_timestamp(entry.updated_at)},
            {"version", entry.version}};
}

TEST_F(LevelRoutes, DiaryListAnswerIsWhatTheTreeGave) {
    std::string listening = competency("Listening");
    std::string planning = competency("Planning");
    ASSERT_EQ(call("PUT", "/diary/2026-11-20", {{"learning_moments", "Plain"}}).status, 201);
    ASSERT_EQ(call("PUT", "/diary/2026-11-23",
                   {{"learning_moments", "Quotes \"here\", a \\ backslash,\na tab\t and \x01 \x7f"},
                    {"handling", "Één café — ☕ 😀"},
                    {"key_learning", "</script>"},
                    {"competency_ids", {listening, planning}},
                    {"tags", {"gesprek", "team-overleg"}},
                    {"shared_with_peer", true},
                    {"minutes", 45}})
                  .status,
              201);
    clock_.at += hours{1};
    ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "Later"}, {"minutes", 600}}).status, 201);

    for (const std::string query : {"/diary?limit=2", "/diary?limit=2&cursor=2026-11-23", "/diary"}) {
        Answer answer = call("GET", query);
        ASSERT_EQ(answer.status, 200) << query;
        EXPECT_EQ(answer.content_type, "application/json; charset=utf-8");

        DiaryQuery store_query;
        store_query.user_id = alice_.id;
        store_query.limit = query == "/diary" ? 50 : 2;
        if (query.find("cursor") != std::string::npos) store_query.before = Day{sys_days{year{2026} / 11 / 23}};
        DiaryPage page = store_->list_diary_entries(store_query);
        Json entries = Json::array();
        for (const DiaryEntry& entry : page.entries) entries.push_back(tree_diary_entry_json(entry));
        Json tree = {{"entries", std::move(entries)},
                     {"next_cursor", page.next_before ? Json(format_day(*page.next_before)) : Json(nullptr)}};
        EXPECT_EQ(answer.body, tree) << query;
        EXPECT_EQ(answer.text, tree.dump(-1, ' ', false, Json::error_handler_t::replace)) << query;
    }
    EXPECT_EQ(call("GET", "/diary?limit=2").body["next_cursor"], "2026-11-23");  // the day the page ended on
}

TEST_F(LevelRoutes, DiaryListPagesNewestFirst) {
    for (const char* day : {"2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"}) {
        ASSERT_EQ(call("PUT", std::string("/diary/") + day, {{"learning_moments", day}}).status, 201);
    }
    Answer first = call("GET", "/diary?limit=3");
    ASSERT_EQ(first.status, 200);
    ASSERT_EQ(first.body["entries"].size(), 3u);
    EXPECT_EQ(first.body["entries"][0]["day"], "2026-11-25");
    ASSERT_TRUE(first.body["next_cursor"].is_string());
    Answer second = call("GET", "/diary?limit=3&cursor=" + first.body["next_cursor"].get<std::string>());
    ASSERT_EQ(second.body["entries"].size(), 1u);
    EXPECT_EQ(second.body["entries"][0]["day"], "2026-11-20");
    EXPECT_TRUE(second.body["next_cursor"].is_null());

    EXPECT_EQ(call("GET", "/diary?from=2026-11-23&to=2026-11-24").body["entries"].size(), 2u);
    expect_error(call("GET", "/diary?from=2026-13-01"), 400, "from");
    expect_error(call("GET", "/diary?limit=0"), 400, "limit");
    expect_error(call("GET", "/diary?limit=201"), 400, "limit");
    expect_error(call("GET", "/diary?limit=ten"), 400, "limit");
}

TEST_F(LevelRoutes, WeekAnswersItsCheckDaysAndSmartVerdict) {
    ASSERT_EQ(call("PUT", "/diary/2026-11-24", {{"learning_moments", "x"}}).status, 201);
    ASSERT_EQ(call("PUT", "/diary/2026-11-16", {{"learning_moments", "other week"}}).status, 201);
    Json week = {{"peer_meeting", {{"held", true}, {"day", "2026-11-25"}, {"notes", ""}}},
                 {"plan", {{"competency_id", nullptr}, {"situation", ""}, {"deadline", nullptr}}},
                 {"act", nullptr}};
    Answer put = call("PUT", "/weeks/2026-W48", week);
    ASSERT_EQ(put.status, 200) << put.body.dump();
    EXPECT_EQ(put.body["week"], "2026-W48");
    EXPECT_EQ(put.body["check"], Json::array({"2026-11-24"}));
    EXPECT_EQ(put.body["peer_meeting"]["held"], true);
    for (const char* key : {"specific", "measurable", "achievable", "relevant", "time_bound", "hints"}) {
        EXPECT_TRUE(put.body["smart"].contains(key)) << key;
    }
    EXPECT_EQ(call("GET", "/weeks/2026-W48").body, put.body);
    expect_error(call("GET", "/weeks/2026-W47"), 404);
    expect_error(call("GET", "/weeks/2026-W54"), 400, "week");
    expect_error(call("PUT", "/weeks/2026-W48", {{"plan", {{"colour", "red"}}}}), 422, "plan.colour");
    expect_error(call("PUT", "/weeks/2026-W48", {{"plan", {{"competency_id", "nope"}}}}), 422, "plan.competency_id");
}

TEST_F(LevelRoutes, MonthTracksTheQuartersContractGoals) {
    std::string listening = competency("Listening");
    Json contract = {{"aims", "Listen"},
                     {"competency_ids", {listening}},
                     {"goals", {{{"text", "Summarise before answering"}, {"measure", "3 times a week"}}}}};
    Answer written = call("PUT", "/contracts/2026-Q4", contract);
    ASSERT_EQ(written.status, 200) << written.body.dump();
    std::string goal = written.body["goals"][0]["id"];

    Json month = {{"focus_competency_ids", {listening}},
                  {"went_well", "a"},
                  {"goal_progress", {{{"goal_id", goal}, {"status", "on_track"}, {"note", ""}}}}};
    Answer put = call("PUT", "/months/2026-11", month);
    ASSERT_EQ(put.status, 200) << put.body.dump();
    EXPECT_EQ(put.body["goal_progress"][0]["status"], "on_track");

    month["goal_progress"][0]["status"] = "done";
    expect_error(call("PUT", "/months/2026-11", month), 422, "goal_progress");
    month["goal_progress"][0]["status"] = "achieved";
    month["goal_progress"][0]["goal_id"] = "nope";
    expect_error(call("PUT", "/months/2026-11", month), 422, "goal_progress");
    expect_error(call("PUT", "/months/2026-11", {{"focus_competency_ids", Json::array()}}), 422,
                 "focus_competency_ids");
    expect_error(call("GET", "/months/2026-13"), 400, "month");
    EXPECT_EQ(call("GET", "/months/2026-11").body["goal_progress"][0]["status"], "on_track");
}

TEST_F(LevelRoutes, ContractIsSharedAndRevised) {
    std::string listening = competency("Listening");
    expect_error(call("GET", "/contracts/2026-Q4"), 404);
    expect_error(call("GET", "/contracts/2026-Q4/revisions"), 404);
    expect_error(call("POST", "/contracts/2026-Q4/share"), 404);
    expect_error(call("GET", "/contracts/2026-Q5"), 400, "quarter");

    Json contract = {{"where_from", "a"}, {"competency_ids", {listening}}, {"goals", {{{"text", "Goal"}}}}};
    Answer first = call("PUT", "/contracts/2026-Q4", contract);
    ASSERT_EQ(first.status, 200) << first.body.dump();
    EXPECT_EQ(first.body["status"], "draft");
    EXPECT_EQ(first.body["revision"], 1);
    std::string goal = first.body["goals"][0]["id"];
    EXPECT_FALSE(goal.empty());
    EXPECT_TRUE(first.body["goals"][0]["smart"].contains("hints"));

    contract["goals"] = {{{"id", "invented"}, {"text", "Goal"}}};
    expect_error(call("PUT", "/contracts/2026-Q4", contract), 422, "goals[0].id");

    expect_error(call("POST", "/contracts/2026-Q4/share"), 409);
    User paired = alice_;
    paired.peer_id = admin_.id;
    Answer shared = call("POST", "/contracts/2026-Q4/share", nullptr, &paired);
    ASSERT_EQ(shared.status, 200);
    EXPECT_EQ(shared.body["status"], "shared");

    contract["goals"] = {{{"id", goal}, {"text", "Goal, sharper"}}};
    Answer revised = call("PUT", "/contracts/2026-Q4", contract);
    ASSERT_EQ(revised.status, 200);
    EXPECT_EQ(revised.body["revision"], 2);
    EXPECT_EQ(revised.body["status"], "draft");
    EXPECT_EQ(revised.body["goals"][0]["id"], goal);

    Answer revisions = call("GET", "/contracts/2026-Q4/revisions");
    ASSERT_EQ(revisions.status, 200);
    ASSERT_EQ(revisions.body["revisions"].size(), 2u);
    EXPECT_EQ(revisions.body["revisions"][0]["status"], "shared");
    EXPECT_EQ(revisions.body["revisions"][1]["revision"], 2);
}

TEST_F(LevelRoutes, SavingTheSameAnswersAgainMakesNoRevision) {
    std::string listening = competency("Listening");
    Json contract = {{"aims", "a"}, {"competency_ids", {listening}}, {"goals", {{{"text", "Goal"}}}}};
    Answer first = call("PUT", "/contracts/2026-Q4", contract);
    ASSERT_EQ(first.status, 200);
    User paired = alice_;
    paired.peer_id = admin_.id;
    ASSERT_EQ(call("POST", "/contracts/2026-Q4/share", nullptr, &paired).status, 200);
    contract["goals"][0]["id"] = first.body["goals"][0]["id"];
    Answer again = call("PUT", "/contracts/2026-Q4", contract);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.body["revision"], 1);
    EXPECT_EQ(again.body["status"], "shared");
    EXPECT_EQ(call("GET", "/contracts/2026-Q4/revisions").body["revisions"].size(), 1u);
}

TEST_F(LevelRoutes, YearReviewChecksItsChoices) {
    Answer put = call("PUT", "/years/2026", {{"challenging", 4}, {"next_step", "grow_in_role"}});
    ASSERT_EQ(put.status, 200) << put.body.dump();
    EXPECT_EQ(put.body["next_step"], "grow_in_role");
    EXPECT_TRUE(put.body["inspiring"].is_null());
    expect_error(call("PUT", "/years/2026", {{"next_step", "retire"}}), 422, "next_step");
    expect_error(call("PUT", "/years/2026", {{"rewarding", 6}}), 422, "rewarding");
    expect_error(call("GET", "/years/26"), 400, "year");
    EXPECT_EQ(call("GET", "/years/2026").body["challenging"], 4);
}

TEST_F(LevelRoutes, RhythmHasTheContractsShape) {
    ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}}).status, 201);
    Answer rhythm = call("GET", "/rhythm");
    ASSERT_EQ(rhythm.status, 200);
    EXPECT_EQ(rhythm.body["day"], "2026-11-26");
    EXPECT_EQ(rhythm.body["daily"], Json({{"due", true}, {"done", false}}));
    EXPECT_EQ(rhythm.body["weekly"]["period"], "2026-W48");
    EXPECT_EQ(rhythm.body["monthly"]["period"], "2026-11");
    EXPECT_EQ(rhythm.body["quarterly"]["period"], "2026-Q4");
    EXPECT_TRUE(rhythm.body["quarterly"]["status"].is_null());
    EXPECT_EQ(rhythm.body["yearly"]["period"], "2026");
    EXPECT_EQ(rhythm.body["streak"]["current"], 1);
    EXPECT_TRUE(rhythm.body["focus_competency_ids"].is_array());
    EXPECT_EQ(call("GET", "/rhythm?day=2026-11-25").body["daily"]["done"], true);
    expect_error(call("GET", "/rhythm?day=2026-02-30"), 400, "day");
}

TEST_F(LevelRoutes, ParticipationHidesSmallGroups) {
    Answer counts = call("GET", "/admin/participation?period=2026-Q4", nullptr, &admin_);
    ASSERT_EQ(counts.status, 200);
    EXPECT_EQ(counts.body["period"], "2026-Q4");
    EXPECT_EQ(counts.body["from"], "2026-10-01");
    EXPECT_EQ(counts.body["to"], "2026-12-31");
    EXPECT_TRUE(counts.body["members"].is_null());
    EXPECT_TRUE(counts.body["wrote_diary"].is_null());
    EXPECT_EQ(call("GET", "/admin/participation", nullptr, &admin_).body["period"], "2026-11");
    expect_error(call("GET", "/admin/participation?period=2026-W54", nullptr, &admin_), 400, "period");
}

TEST_F(LevelRoutes, ParticipationGivesOnlyCountsThatPointAtNobody) {
    std::vector<User> people{alice_};
    for (int i = 0; i < 9; ++i) people.push_back(person("p" + std::to_string(i) + "@example.org", Role::member));
    for (std::size_t i = 0; i < 5; ++i) {
        ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}}, &people[i]).status, 201);
    }
    ASSERT_EQ(call("PUT", "/diary/2026-11-24", {{"learning_moments", "x"}}, &admin_).status, 201);
    Answer counts = call("GET", "/admin/participation?period=2026-W48", nullptr, &admin_);
    ASSERT_EQ(counts.status, 200);
    EXPECT_EQ(counts.body["members"], 10);  // the admin is not counted
    EXPECT_EQ(counts.body["wrote_diary"], 5);
    EXPECT_TRUE(counts.body["agreed_contract"].is_null());  // 0 tells about everyone
    ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}}, &people[5]).status, 201);
    EXPECT_TRUE(call("GET", "/admin/participation?period=2026-W48", nullptr, &admin_).body["wrote_diary"].is_null());
    EXPECT_TRUE(call("GET", "/admin/participation?period=2026-11-24", nullptr, &admin_).body["wrote_diary"].is_null());
}

TEST_F(LevelRoutes, ExportHoldsEverythingOfTheCallerAndNoSecrets) {
    ASSERT_EQ(call("PUT", "/diary/2026-11-25", {{"learning_moments", "x"}}).status, 201);
    ASSERT_EQ(call("PUT", "/years/2026", {{"notes", "y"}}).status, 200);
    Answer exported = call("GET", "/me/export");
    ASSERT_EQ(exported.status, 200);
    EXPECT_EQ(exported.body["user"]["email"], "alice@example.org");
    EXPECT_EQ(exported.body["diary"].size(), 1u);
    EXPECT_EQ(exported.body["years"].size(), 1u);
    for (const char* key : {"exported_at", "weeks", "months", "contracts", "access_tokens"}) {
        EXPECT_TRUE(exported.body.contains(key)) << key;
    }
    EXPECT_EQ(exported.body.dump().find("not-a-hash"), std::string::npos);
}

}  // namespace
}  // namespace ritme::http

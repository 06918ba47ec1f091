#include "app/reminder_pass.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "app/application.hpp"
#include "app/system_ports.hpp"
#include "http/log.hpp"

namespace ritme::app {
namespace {

using namespace std::chrono;

// Records what would go out; fails the first `failures` sends.
class RecordingMailer final : public Mailer {
public:
    int failures = 0;
    std::vector<OutgoingMail> sent;
    Status send(const OutgoingMail& mail) override {
        if (failures > 0) {
            --failures;
            return Error{ErrorCode::bad_request, "the mail server said no"};
        }
        sent.push_back(mail);
        return ok_status();
    }
};

class ReminderPassTest : public ::testing::Test {
protected:
    void SetUp() override {
        http::set_log_writer([](std::string_view) {});  // the pass logs every step; not needed here
        directory_ =
            std::filesystem::temp_directory_path() / ("ritme-reminder-pass-" + std::to_string(::getpid()) + "-" +
                                                      ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(directory_);
        std::filesystem::create_directories(directory_);
        store_ = open_store("sqlite:" + (directory_ / "ritme.db").string());
        anna_ = add_person("anna@example.nl", "Anna de Vries", Locale::nl);
        bob_ = add_person("bob@example.nl", "Bob Baker", Locale::en);
    }
    void TearDown() override {
        http::set_log_writer({});
        store_.reset();
        std::filesystem::remove_all(directory_);
    }

    std::string add_person(const std::string& email, const std::string& name, Locale locale) {
        NewUser user;
        user.id = ids_.new_id();
        user.email = email;
        user.name = name;
        user.locale = locale;
        user.password_hash = "x";
        Result<User> made = store_->create_user(user);
        EXPECT_TRUE(made.ok());
        return user.id;
    }

    void turn_on(const std::string& user_id, Level level, int minute_of_day = 17 * 60) {
        ReminderSettings settings = store_->reminder_settings(user_id);
        settings.user_id = user_id;
        settings.at(level) = LevelReminder{true, minute_of_day, 4};
        store_->put_reminder_settings(settings);
    }

    ReminderPass pass(RecordingMailer& mailer) {
        ReminderPassOptions options;
        options.public_url = "https://ritme.example.nl/";
        options.worker = reminder_worker_name(ids_);
        return ReminderPass(*store_, calendar_, ids_, mailer, options);
    }

    // Thursday 26 November 2026, 17:30 in Amsterdam (16:30 UTC).
    Timestamp thursday_evening = sys_days{year{2026} / 11 / 26} + hours{16} + minutes{30};

    std::filesystem::path directory_;
    std::unique_ptr<Store> store_;
    RandomIdSource ids_;
    TzdataCalendar calendar_;
    std::string anna_;
    std::string bob_;
};

TEST_F(ReminderPassTest, SendsEachDueReminderOnceInThePersonsLanguage) {
    turn_on(anna_, Level::daily);
    turn_on(bob_, Level::daily);
    RecordingMailer mailer;
    ReminderPassReport report = pass(mailer).run(thursday_evening);
    EXPECT_EQ(report.enqueued, 2);
    EXPECT_EQ(report.sent, 2);
    ASSERT_EQ(mailer.sent.size(), 2U);
    for (const OutgoingMail& mail : mailer.sent) {
        if (mail.to == "anna@example.nl") {
            EXPECT_EQ(mail.subject, "Je leerdagboek van 26 november 2026");
        } else {
            EXPECT_EQ(mail.to, "bob@example.nl");
            EXPECT_EQ(mail.subject, "Your learning diary for 26 November 2026");
        }
        EXPECT_NE(mail.body.find("https://ritme.example.nl/diary/2026-11-26"), std::string::npos);
        EXPECT_EQ(mail.unsubscribe_url.rfind("https://ritme.example.nl/reminders/off?user=", 0), 0U);
        EXPECT_NE(mail.body.find(mail.unsubscribe_url), std::string::npos);
    }
    // Later that evening, and again: nothing new.
    ReminderPassReport again = pass(mailer).run(thursday_evening + hours{2});
    EXPECT_EQ(again.enqueued, 0);
    EXPECT_EQ(again.sent, 0);
    EXPECT_EQ(mailer.sent.size(), 2U);
}

TEST_F(ReminderPassTest, NothingBeforeTheTimeNorOnceWritten) {
    turn_on(anna_, Level::daily, 18 * 60);
    turn_on(bob_, Level::daily);
    DiaryEntry entry;
    entry.user_id = bob_;
    entry.day = year{2026} / 11 / 26;
    entry.learning_moments = "Vandaag geleerd hoe ik feedback vraag.";
    entry.created_at = entry.updated_at = thursday_evening;
    store_->put_diary_entry(entry);
    RecordingMailer mailer;
    ReminderPassReport report = pass(mailer).run(thursday_evening);
    EXPECT_EQ(report.sent, 0);
    EXPECT_TRUE(mailer.sent.empty());
}

TEST_F(ReminderPassTest, AFailureIsTriedAgainLaterAndGivenUpAfterFiveAttempts) {
    turn_on(anna_, Level::daily);
    RecordingMailer mailer;
    mailer.failures = 100;
    Timestamp at = thursday_evening;
    ReminderPassReport first = pass(mailer).run(at);
    EXPECT_EQ(first.failed, 1);
    // Not again at once: it waits a minute, then two, four, eight.
    EXPECT_EQ(pass(mailer).run(at).failed, 0);
    int failed = 1;
    int given_up = 0;
    for (int step = 0; step < 6 && given_up == 0; ++step) {
        at += minutes{20};
        ReminderPassReport report = pass(mailer).run(at);
        failed += report.failed;
        given_up += report.given_up;
    }
    EXPECT_EQ(failed, 4);
    EXPECT_EQ(given_up, 1);
    mailer.failures = 0;
    EXPECT_EQ(pass(mailer).run(at + hours{1}).sent, 0);
    EXPECT_TRUE(mailer.sent.empty());
}

TEST_F(ReminderPassTest, AJobTurnedOffMeanwhileIsDropped) {
    turn_on(anna_, Level::daily);
    RecordingMailer mailer;
    mailer.failures = 1;
    EXPECT_EQ(pass(mailer).run(thursday_evening).failed, 1);
    ReminderSettings settings = store_->reminder_settings(anna_);
    settings.at(Level::daily).enabled = false;
    store_->put_reminder_settings(settings);
    ReminderPassReport later = pass(mailer).run(thursday_evening + minutes{5});
    EXPECT_EQ(later.dropped, 1);
    EXPECT_TRUE(mailer.sent.empty());
}

}  // namespace
}  // namespace ritme::app

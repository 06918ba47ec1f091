#include "core/operations/account.hpp"

#include <algorithm>

#include "core/clock_time.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"

namespace ritme::operations {
namespace {

constexpr int whole_diary_page = 200;  // the store's largest page

// Every diary entry of the person, oldest first.
std::vector<DiaryEntry> whole_diary(Transaction& transaction, const std::string& user_id) {
    std::vector<DiaryEntry> entries;
    DiaryQuery query;
    query.user_id = user_id;
    query.limit = whole_diary_page;
    while (true) {
        DiaryPage page = transaction.store.list_diary_entries(query);
        entries.insert(entries.end(), page.entries.begin(), page.entries.end());
        if (!page.next_before || (query.before && *page.next_before >= *query.before)) break;
        query.before = page.next_before;
    }
    std::reverse(entries.begin(), entries.end());
    return entries;
}

}  // namespace

Result<Account> account(const Ports& ports, const User& person) {
    return reading(ports.store,
                   [&](Transaction& transaction) -> Result<Account> { return account_of(transaction, person); });
}

// --- creating accounts ----------------------------------------------------------------------

Result<bool> is_set_up(const Ports& ports) {
    return reading(ports.store,
                   [&](Transaction& transaction) -> Result<bool> { return transaction.store.count_admins() > 0; });
}

Result<bool> has_accounts(const Ports& ports) {
    return reading(ports.store,
                   [&](Transaction& transaction) -> Result<bool> { return transaction.store.count_users() > 0; });
}

Result<NewAccount> check_new_account(NewAccount typed) {
    typed.email = normalise_email(typed.email);
    typed.name = trimmed(typed.name);
    RITME_TRY(validate_email(typed.email));
    RITME_TRY(validate_name(typed.name));
    RITME_TRY(validate_password(typed.password));
    return typed;
}

Result<Account> set_up_first_admin(const Ports& ports, NewUser admin) {
    admin.id = ports.ids.new_id();
    admin.role = Role::admin;
    admin.created_at = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<Account> {
        Result<User> created = transaction.store.create_first_admin(admin);
        if (!created) return created.error();
        return Account{std::move(*created), std::nullopt};
    });
}

Result<User> create_account(const Ports& ports, NewUser user) {
    user.id = ports.ids.new_id();
    user.created_at = ports.clock.now();
    return writing(ports.store,
                   [&](Transaction& transaction) -> Result<User> { return transaction.store.create_user(user); });
}

// --- the profile ------------------------------------------------------------------------------

Result<Account> change_profile(const Ports& ports, const User& person, const ProfileChanges& changes) {
    User changed = person;
    changed.name = trimmed(changes.name.value_or(person.name));
    RITME_TRY(validate_name(changed.name));
    std::optional<Locale> locale = parse_locale(changes.locale.value_or(std::string(to_string(person.locale))));
    if (!locale) return validation_error("locale", "must be nl or en");
    changed.locale = *locale;
    changed.timezone = changes.timezone.value_or(person.timezone);
    if (changed.timezone != person.timezone && !ports.calendar.is_known_zone(changed.timezone)) {
        return validation_error("timezone", "must be an IANA time zone such as Europe/Amsterdam");
    }
    std::vector<int> workdays = changes.workdays.value_or(person.workdays);
    RITME_TRY(validate_workdays(workdays));
    std::sort(workdays.begin(), workdays.end());
    workdays.erase(std::unique(workdays.begin(), workdays.end()), workdays.end());
    changed.workdays = std::move(workdays);
    return writing(ports.store, [&](Transaction& transaction) -> Result<Account> {
        transaction.store.update_profile(changed);
        return account_of(transaction, transaction.store.find_user(changed.id).value_or(changed));
    });
}

// --- access tokens ------------------------------------------------------------------------

Result<std::vector<AccessToken>> access_tokens(const Ports& ports, const User& person) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<std::vector<AccessToken>> {
        return transaction.store.list_access_tokens(person.id);
    });
}

Status revoke_access_token(const Ports& ports, const User& person, const std::string& token_id) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        if (!transaction.store.delete_access_token(person.id, token_id)) {
            return Error{ErrorCode::not_found, "You have no token with that id."};
        }
        return ok_status();
    });
}

// --- passwords ------------------------------------------------------------------------------

Status replace_password(const Ports& ports, const User& person, const std::string& hash, const KeptCredential& kept) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        if (!transaction.store.find_user(person.id)) return Error{ErrorCode::not_found, "There is no such person."};
        transaction.store.set_password_hash(person.id, hash);
        transaction.store.delete_sessions_of(person.id, kept.session_token_hash);
        transaction.store.delete_access_tokens_of(person.id, kept.access_token_id);
        transaction.store.delete_password_resets_of(person.id);
        return ok_status();
    });
}

namespace {

Result<User> holder_of(Transaction& transaction, const std::string& token_hash, Timestamp now) {
    Error gone{ErrorCode::not_found, "This link is used, expired or unknown."};
    std::optional<PasswordReset> reset = transaction.store.find_password_reset(token_hash);
    if (!reset || reset->expires_at <= now) return gone;
    std::optional<User> person = transaction.store.find_user(reset->user_id);
    if (!person) return gone;
    return *person;
}

}  // namespace

Result<User> password_reset_holder(const Ports& ports, const std::string& token_hash) {
    Timestamp now = ports.clock.now();
    return reading(ports.store,
                   [&](Transaction& transaction) { return holder_of(transaction, token_hash, now); });
}

Result<User> reset_password(const Ports& ports, const std::string& token_hash, const std::string& hash) {
    Timestamp now = ports.clock.now();
    return writing(ports.store, [&](Transaction& transaction) -> Result<User> {
        Result<User> person = holder_of(transaction, token_hash, now);
        if (!person) return person.error();
        if (!transaction.store.take_password_reset(token_hash)) {
            return Error{ErrorCode::not_found, "This link is used, expired or unknown."};
        }
        transaction.store.set_password_hash(person->id, hash);
        transaction.store.delete_sessions_of(person->id, "");
        transaction.store.delete_access_tokens_of(person->id, "");
        transaction.store.delete_password_resets_of(person->id);
        return person;
    });
}

// --- reminders ----------------------------------------------------------------------------

Result<ReminderSettings> reminders(const Ports& ports, const User& person) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<ReminderSettings> {
        return transaction.store.reminder_settings(person.id);
    });
}

Result<ReminderSettings> change_reminders(const Ports& ports, const User& person, const ReminderChanges& changes) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<ReminderSettings> {
        ReminderSettings settings = transaction.store.reminder_settings(person.id);
        settings.user_id = person.id;
        for (Level level : all_levels) {
            const std::optional<ReminderChange>& change = changes.levels[static_cast<std::size_t>(level)];
            if (!change) continue;
            RITME_TRY(change->reading);
            LevelReminder& reminder = settings.at(level);
            std::string name(to_string(level));
            std::optional<int> minute = parse_clock_time(change->time.value_or(format_clock_time(reminder.minute_of_day)));
            if (!minute) return validation_error(name + ".time", "must be a time of day written as HH:MM (17:00)");
            int weekday = level == Level::weekly ? change->weekday.value_or(reminder.weekday) : reminder.weekday;
            if (weekday < 1 || weekday > 7) {
                return validation_error(name + ".weekday", "must be 1 (Monday) to 7 (Sunday)");
            }
            reminder = LevelReminder{change->enabled, *minute, weekday};
        }
        transaction.store.put_reminder_settings(settings);
        return transaction.store.reminder_settings(person.id);
    });
}

Result<ReminderOfLevel> reminder_of_level(const Ports& ports, const std::string& user_id, Level level) {
    return reading(ports.store, [&](Transaction& transaction) -> Result<ReminderOfLevel> {
        std::optional<User> person = transaction.store.find_user(user_id);
        if (!person) return Error{ErrorCode::not_found, "No such person."};
        bool enabled = transaction.store.reminder_settings(user_id).at(level).enabled;
        return ReminderOfLevel{std::move(*person), enabled};
    });
}

Result<bool> turn_reminder_off(const Ports& ports, const std::string& user_id, Level level) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<bool> {
        ReminderSettings settings = transaction.store.reminder_settings(user_id);
        settings.user_id = user_id;
        if (!settings.at(level).enabled) return false;
        settings.at(level).enabled = false;
        transaction.store.put_reminder_settings(settings);
        return true;
    });
}

// --- the calendar feed ----------------------------------------------------------------------

Result<std::string> calendar_secret(const Ports& ports, const User& person, const std::string& fresh) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<std::string> {
        if (std::optional<std::string> secret = transaction.store.calendar_token(person.id)) return std::move(*secret);
        transaction.store.set_calendar_token(person.id, fresh);
        // Read back: of two first uses at once, both answer the one that was kept.
        return transaction.store.calendar_token(person.id).value_or(fresh);
    });
}

Result<std::string> replace_calendar_secret(const Ports& ports, const User& person, const std::string& fresh) {
    return writing(ports.store, [&](Transaction& transaction) -> Result<std::string> {
        transaction.store.set_calendar_token(person.id, fresh);
        return fresh;
    });
}

Result<CalendarFeed> calendar_feed(const Ports& ports, const std::string& secret) {
    Timestamp now = ports.clock.now();
    return reading(ports.store, [&](Transaction& transaction) -> Result<CalendarFeed> {
        Store& store = transaction.store;
        std::optional<std::string> user_id = store.user_of_calendar_token(secret);
        std::optional<User> person = user_id ? store.find_user(*user_id) : std::nullopt;
        if (!person) return Error{ErrorCode::not_found, "There is nothing at this address."};
        CalendarFeed feed;
        feed.at = now;
        if (person->peer_id) {
            feed.meeting = store.peer_meeting_slot(person->id);
            if (feed.meeting) feed.peer = store.find_user(*person->peer_id);
        }
        feed.going = store.events_going(person->id, now - std::chrono::days{92}, now + std::chrono::days{400});
        feed.person = std::move(*person);
        return feed;
    });
}

// --- everything held about the person ---------------------------------------------------------

Result<PersonalData> personal_data(const Ports& ports, const User& person) {
    Day today = ports.calendar.local_day(ports.clock.now(), person.timezone);
    return reading(ports.store, [&](Transaction& transaction) -> Result<PersonalData> {
        Store& store = transaction.store;
        PersonalData data;
        data.today = today;
        data.diary = whole_diary(transaction, person.id);
        data.account = account_of(transaction, person);
        for (WeeklyReview& review : store.list_weekly_reviews(person.id)) {
            std::vector<Day> check;
            for (const DiaryEntry& entry : data.diary) {
                if (entry.day >= first_day(review.week) && entry.day <= last_day(review.week)) check.push_back(entry.day);
            }
            data.weeks.push_back(std::move(review));
            data.checks.push_back(std::move(check));
        }
        data.months = store.list_monthly_reflections(person.id);
        for (const LearningContract& current : store.list_learning_contracts(person.id)) {
            for (LearningContract& revision : store.list_contract_revisions(person.id, current.quarter)) {
                data.contracts.push_back(std::move(revision));
            }
        }
        data.years = store.list_yearly_reviews(person.id);
        data.drafts = store.list_drafts(person.id);
        data.trash = store.list_trashed_items(person.id);
        data.tokens = store.list_access_tokens(person.id);
        data.invitations = store.list_peer_invitations(person.id);
        data.meeting = store.peer_meeting_slot(person.id);
        data.openings = store.list_peer_openings(person.id);
        Timestamp from{std::chrono::sys_days{std::chrono::year{1000} / 1 / 1}};
        Timestamp to{std::chrono::sys_days{std::chrono::year{9999} / 12 / 31}};
        for (const Event& event : store.list_events(from, to)) {
            if (event.organiser_id == person.id) data.organised.push_back(event);
            EventAttendance attendance = store.event_attendance(event.id, person.id);
            if (attendance.mine) data.rsvps.push_back({event, *attendance.mine});
            for (ProgrammeSession& item : store.event_programme(event.id, person.id)) {
                if (item.mine) data.signups.push_back({event.id, std::move(item.session)});
            }
        }
        data.reminders = store.reminder_settings(person.id);
        data.catalogue = store.list_competencies();
        return data;
    });
}

Status erase_account(const Ports& ports, const User& person) {
    return writing(ports.store, [&](Transaction& transaction) -> Status {
        transaction.store.delete_user(person.id);
        return ok_status();
    });
}

}  // namespace ritme::operations

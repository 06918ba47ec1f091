#include "storage/copy_store.hpp"

#include <vector>

namespace ritme::storage {

std::string data_in(Store& store) {
    std::string found;
    auto add = [&](std::size_t count, const char* what) {
        if (count == 0) return;
        if (!found.empty()) found += ", ";
        found += std::to_string(count) + " " + what;
    };
    add(static_cast<std::size_t>(store.count_users()), "people");
    add(store.list_competencies().size(), "competencies");
    add(store.list_settings().size(), "settings");
    return found;
}

Result<CopyCounts> copy_store(Store& from, Store& to, const std::function<void(const CopyCounts&)>& progress) {
    if (std::string held = data_in(to); !held.empty()) {
        return Error{ErrorCode::conflict, "the target already holds data (" + held + "); copy only into an empty database"};
    }
    CopyCounts counts;

    for (const auto& [key, value] : from.list_settings()) {
        to.set_setting(key, value);
        ++counts.settings;
    }
    for (const Competency& competency : from.list_competencies()) {
        Result<Competency> copied = to.create_competency(competency);
        if (!copied) return Error{ErrorCode::conflict, "competency " + competency.id + ": " + copied.error().message};
        ++counts.competencies;
    }

    const std::vector<User> users = from.list_users();
    for (const User& user : users) {
        NewUser person;
        person.id = user.id;
        person.email = user.email;
        person.name = user.name;
        person.role = user.role;
        person.locale = user.locale;
        person.timezone = user.timezone;
        person.password_hash = from.password_hash(user.id).value_or("");
        person.created_at = user.created_at;
        Result<User> created = to.create_user(person);
        if (!created) return Error{ErrorCode::conflict, "person " + user.id + ": " + created.error().message};
        to.update_profile(user);  // the workdays
        ++counts.users;
    }

    for (const Session& session : from.list_sessions()) {
        to.create_session(session);
        ++counts.sessions;
    }

    for (const User& user : users) {
        for (const AccessToken& token : from.list_access_tokens(user.id)) {
            to.create_access_token(token);
            ++counts.access_tokens;
        }

        // The diary, a page at a time (newest first), each page in one go.
        DiaryQuery query;
        query.user_id = user.id;
        query.limit = 200;
        while (true) {
            DiaryPage page = from.list_diary_entries(query);
            to.import_diary_entries(page.entries);
            counts.diary_entries += static_cast<int>(page.entries.size());
            if (!page.next_before) break;
            query.before = page.next_before;
        }

        for (const WeeklyReview& review : from.list_weekly_reviews(user.id)) {
            to.put_weekly_review(review);
            ++counts.weekly_reviews;
        }
        for (const MonthlyReflection& reflection : from.list_monthly_reflections(user.id)) {
            to.put_monthly_reflection(reflection);
            ++counts.monthly_reflections;
        }
        for (const LearningContract& current : from.list_learning_contracts(user.id)) {
            for (const LearningContract& revision : from.list_contract_revisions(user.id, current.quarter)) {
                to.put_learning_contract(revision);
                ++counts.contract_revisions;
            }
        }
        for (const YearlyReview& review : from.list_yearly_reviews(user.id)) {
            to.put_yearly_review(review);
            ++counts.yearly_reviews;
        }
        if (progress) progress(counts);
    }
    return counts;
}

}  // namespace ritme::storage

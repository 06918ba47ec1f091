// Turning a reminder off from its e-mail: GET /reminders/off?user=&level=&signature= shows
// one button; POST to the same address (the button, or a mail program's RFC 8058
// one-click request) turns that level off. The signature is the proof, not a session: the
// route checks it instead of the form's CSRF token, so it works from any mail program.
#include <string>

#include "core/operations/account.hpp"
#include "http/log.hpp"
#include "http/pages/form.hpp"
#include "http/pages/page.hpp"
#include "http/reminder_links.hpp"

namespace ritme::http::pages {
namespace {

struct OffLink {
    User person;
    Level level = Level::daily;
    bool enabled = false;  // that level's reminders are on
};

std::string query_of(const Request& request, const char* name) {
    return request.query_value(name).value_or("");
}

// The person and level a genuine link names; nullopt for anything else.
std::optional<OffLink> read_link(Page& page) {
    std::string user_id = query_of(page.request, "user");
    std::optional<Level> level = parse_level(query_of(page.request, "level"));
    std::string signature = query_of(page.request, "signature");
    if (user_id.empty() || !level || signature.empty()) return std::nullopt;
    std::string key = reminder_link_key(page.services.store);
    if (!reminder_off_signature_valid(key, user_id, *level, signature)) return std::nullopt;
    Result<operations::ReminderOfLevel> reminder = operations::reminder_of_level(page.ports(), user_id, *level);
    if (!reminder) return std::nullopt;
    return OffLink{reminder->person, *level, reminder->enabled};
}

std::string question_for(const Page& page, Level level) {
    switch (level) {
        case Level::daily:
            return page.t("Stop the daily reminders of your learning diary?");
        case Level::weekly:
            return page.t("Stop the weekly reminders of the peer review?");
        case Level::monthly:
            return page.t("Stop the monthly reminders of your reflection?");
        case Level::quarterly:
            return page.t("Stop the quarterly reminders of your Learning Contract?");
        case Level::yearly:
            return page.t("Stop the yearly reminders of your yearly review?");
    }
    return {};
}

Response invalid_link(Page& page) {
    return page.render("reminder_off", mstch::map{{"title", page.t("Reminder e-mails")}, {"invalid", true}}, 404);
}

Response get_off(Page& page) {
    std::optional<OffLink> link = read_link(page);
    if (!link) return invalid_link(page);
    page.locale = link->person.locale;  // the person's language, whoever opens the mail
    std::string action = "/reminders/off?user=" + url_encode(link->person.id) +
                         "&level=" + std::string(to_string(link->level)) +
                         "&signature=" + url_encode(query_of(page.request, "signature"));
    mstch::map data{{"title", page.t("Reminder e-mails")}};
    if (!link->enabled) {
        data["done"] = true;
    } else {
        data["ask"] = true;
        data["question"] = question_for(page, link->level);
        data["action"] = action;
    }
    Response response = page.render("reminder_off", std::move(data));
    response.set_header("X-Robots-Tag", "noindex");
    return response;
}

Response post_off(Page& page) {
    std::optional<OffLink> link = read_link(page);
    if (!link) return invalid_link(page);
    page.locale = link->person.locale;
    Result<bool> turned_off = operations::turn_reminder_off(page.ports(), link->person.id, link->level);
    if (turned_off && *turned_off) {
        log_info("reminder_turned_off",
                 {{"user_id", link->person.id}, {"rhythm_level", std::string(to_string(link->level))}});
    }
    return page.render("reminder_off", mstch::map{{"title", page.t("Reminder e-mails")}, {"done", true}});
}

}  // namespace

void add_reminder_pages(PageRoutes& routes) {
    routes.add({"GET", "/reminders/off", Access::anonymous, get_off});
    routes.add({"POST", "/reminders/off", Access::anonymous, post_off, true});
}

}  // namespace ritme::http::pages

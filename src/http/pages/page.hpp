#pragma once
// What a page handler is given: the request, the person (if signed in), the form, the
// language, and the means to render a template and answer. A page reads and changes the
// domain through its operations (core/operations), as the JSON API and the command line
// do: it translates form fields to commands and what they answer to template data.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"
#include "core/operations/events.hpp"
#include "core/operations/levels.hpp"
#include "http/auth.hpp"
#include "http/http.hpp"
#include "http/pages/form.hpp"
#include "http/pages/i18n.hpp"

namespace ritme::http::pages {

class Site;

struct Page {
    const Request& request;
    Services& services;
    const Site& site;
    std::map<std::string, std::string> params;
    std::optional<Authenticated> who;
    Form form;
    Locale locale = Locale::nl;
    std::string csrf;  // the token every form of this page carries
    std::vector<std::string> set_cookies;

    bool signed_in() const { return who.has_value(); }
    const User& user() const { return who->caller.user; }
    const Caller* caller() const { return who ? &who->caller : nullptr; }
    bool is_htmx() const { return request.header("hx-request").has_value(); }
    // What the operations (core/operations) are given.
    operations::Ports ports() const { return http::ports(services); }

    std::string t(std::string_view message_id) const;
    Day today() const;  // in the person's time zone (Europe/Amsterdam when signed out)

    // The layout's data: language, CSRF token, the person, the translation lambda `t`.
    mstch::map base(const std::string& title) const;
    // Renders `name` into the layout (`fragment`: without it) with `data` over base().
    Response render(const std::string& name, mstch::map data, int status = 200, bool fragment = false) const;
    Response error_page(int status, const std::string& message) const;
    // An operation's failure that leaves nothing to show: its status and its message.
    Response error_page(const Error& error) const;
};

Response redirect(const std::string& to);
Response html_response(int status, std::string body);

// A fault as a form shows it, beside `field` ("" for the page as a whole).
struct FieldError {
    std::string field;
    std::string message;
};
// An operation's error as the form shows it.
FieldError field_error(const Error& error);
// A day typed into a form field: empty (or blank) gives none; anything but YYYY-MM-DD
// gives none and, unless a fault was found before, the fault on `field` (the JSON API's
// body reader keeps the first fault too).
std::optional<Day> typed_day(std::string_view text, const std::string& field, std::optional<FieldError>& first_fault);
// `errors` as mstch: {"error_<field>": translated message} (dots become '_'), and
// "form_error" for one without a field.
void put_errors(const Page& page, mstch::map& data, const std::vector<FieldError>& errors);

// --- versions: a save over a newer one replaces nothing unseen -----------------------------

// The version the form was loaded with (its hidden field `version`; 0: there was no item
// yet); none when the form does not say.
operations::BasedOn form_version(const Form& form);
// A text of the form beside the same text as saved in the meantime.
struct ComparedText {
    std::string label;  // as shown, translated
    std::string yours;
    std::string saved;
};
// The conflict as the templates' `conflict` partial shows it: the texts that differ, side
// by side; the form keeps the person's own text and now carries `version`, the one saved in
// the meantime, so that saving again replaces it knowingly.
void put_conflict(mstch::map& data, const std::vector<ComparedText>& texts, int version);
// The undo notice right after a delete (?deleted=ID: "Deleted. Undo", a form button) and
// the notice after restoring (?restored=1), as the `undo` partial shows them.
void put_undo(const Page& page, mstch::map& data);

// The name of a competency of the catalogue, "" for one it does not hold.
std::string competency_name(const std::vector<Competency>& catalogue, const std::string& id);
// One comment of a Learning Contract's discussion as the templates show it: {who,
// comment, agree, at}; `who` is "You", the fixed colleague (`peer_name`), or an earlier one.
mstch::map discussion_item(const Page& page, const ContractComment& comment, const std::string& peer_name);
// A week the fixed colleague shared as peer_week_body shows it.
mstch::map peer_week_data(const operations::CheckedWeek& week, const std::vector<Competency>& catalogue);
// An event as the events templates show it in a list and on its own page.
mstch::map event_item(const Page& page, const operations::EventView& view);

using PageHandler = std::function<Response(Page&)>;

struct PageRoute {
    std::string method;
    std::string pattern;
    Access access = Access::member;
    PageHandler handler;
    // The address carries its own proof (a signed link, e.g. turning a reminder off from an
    // e-mail): its forms need no CSRF token, so a mail program's one-click POST works.
    bool signed_link = false;
    // A writing form (a level's entry, a comment): posted from this site's own page after
    // its session ended or its token changed, what was written is kept and offered again
    // (sign_in_again, form_expired) instead of the page "This form has expired".
    bool keeps_text = false;
};

class PageRoutes {
public:
    void add(PageRoute route);
    struct Match {
        const PageRoute* route = nullptr;
        std::map<std::string, std::string> params;
        bool path_known = false;
    };
    Match match(const std::string& method, const std::string& path) const;

private:
    Router router_;
    std::unordered_map<std::string, PageRoute> routes_;  // by "METHOD pattern"
};

// A writing form (PageRoute::keeps_text) posted without a live session: the sign-in page,
// with what was posted carried along in hidden fields; signing in posts it after all
// (Site::post_again) and lands on the page it came from. With a live session whose token
// no longer matches (signed out and in again elsewhere): a page that offers to save it now.
Response sign_in_again(Page& page);
Response form_expired(Page& page);

// Each group of pages adds its routes.
void add_account_pages(PageRoutes& routes);
void add_dashboard_pages(PageRoutes& routes);
void add_diary_pages(PageRoutes& routes);
void add_level_pages(PageRoutes& routes);
void add_admin_pages(PageRoutes& routes);
void add_reminder_pages(PageRoutes& routes);
void add_peer_pages(PageRoutes& routes);
void add_event_pages(PageRoutes& routes);
void add_trash_pages(PageRoutes& routes);

// The site's shared, read-only parts.
class Site {
public:
    virtual ~Site() = default;
    // The template `name` in `language`, rendered with `data`.
    virtual std::string render_template(const std::string& name, Locale language, const mstch::node& data) const = 0;
    virtual const Catalogues& catalogues() const = 0;
    virtual bool behind_tls() const = 0;
    // Posts `fields` to the writing form at `path` (a keeps_text route) with the session
    // just started, as if its page had sent them: its answer, a redirect that carries
    // "resumed=1" when saved. Anything else at `path`: a redirect to the start page.
    virtual Response post_again(const Request& signing_in, const std::string& path, Form fields,
                                const StartedSession& started) const = 0;
};

}  // namespace ritme::http::pages

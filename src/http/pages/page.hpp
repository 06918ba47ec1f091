#pragma once
// What a page handler is given: the request, the person (if signed in), the form, the
// language, and the means to render a template, call the JSON Api's own handlers on the
// person's behalf (so pages and API share every rule), and answer.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <mstch/mstch.hpp>

#include "core/domain.hpp"
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

    // Calls the JSON Api's handler for method and path as this person, with `body`.
    Response api(const std::string& method, const std::string& path, const Json* body = nullptr,
                 std::vector<std::pair<std::string, std::string>> query = {}) const;
};

Response redirect(const std::string& to);
Response html_response(int status, std::string body);

// The Api's error body as {field, message}; field "" for the page as a whole.
struct FieldError {
    std::string field;
    std::string message;
};
FieldError api_error(const Response& response);
// An operation's error as the form shows it.
FieldError field_error(const Error& error);
// `errors` as mstch: {"error_<field>": translated message} (dots become '_'), and
// "form_error" for one without a field.
void put_errors(const Page& page, mstch::map& data, const std::vector<FieldError>& errors);

mstch::node to_node(const Json& value);

// One comment of a Learning Contract's discussion as the templates show it: {who,
// comment, agree, at}; `who` is "You", the fixed colleague's name, or an earlier one.
mstch::map discussion_item(const Page& page, const std::string& by, const std::string& comment, bool agree,
                           Timestamp at);
// A week the fixed colleague shared (the Api's week JSON) as peer_week_body shows it.
mstch::map peer_week_data(const Page& page, const Json& review);
// The name of the person's fixed colleague, "" without one.
std::string peer_name_of(const Page& page);
// The next events (at most `at_most`) the person answered "going" to, as the events
// templates show them.
mstch::array events_i_go_to(const Page& page, std::size_t at_most);
Json parse_json(const Response& response);

using PageHandler = std::function<Response(Page&)>;

struct PageRoute {
    std::string method;
    std::string pattern;
    Access access = Access::member;
    PageHandler handler;
    // The address carries its own proof (a signed link, e.g. turning a reminder off from an
    // e-mail): its forms need no CSRF token, so a mail program's one-click POST works.
    bool signed_link = false;
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

// Each group of pages adds its routes.
void add_account_pages(PageRoutes& routes);
void add_dashboard_pages(PageRoutes& routes);
void add_diary_pages(PageRoutes& routes);
void add_level_pages(PageRoutes& routes);
void add_admin_pages(PageRoutes& routes);
void add_reminder_pages(PageRoutes& routes);
void add_peer_pages(PageRoutes& routes);
void add_event_pages(PageRoutes& routes);

// The site's shared, read-only parts.
class Site {
public:
    virtual ~Site() = default;
    // The template `name` in `language`, rendered with `data`.
    virtual std::string render_template(const std::string& name, Locale language, const mstch::node& data) const = 0;
    virtual const Catalogues& catalogues() const = 0;
    virtual const Router& api_routes() const = 0;
    virtual bool behind_tls() const = 0;
};

}  // namespace ritme::http::pages

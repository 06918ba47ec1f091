#include "http/pages/pages.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "http/api.hpp"
#include "http/log.hpp"
#include "http/pages/markdown.hpp"
#include "http/pages/mustache.hpp"
#include "http/pages/page.hpp"

namespace ritme::http {
namespace {

namespace fs = std::filesystem;
using namespace pages;

constexpr std::string_view csrf_cookie_name = "ritme_csrf";
constexpr std::string_view csrf_field = "_csrf";

bool state_changing(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::string content_type_of(const fs::path& path) {
    static const std::unordered_map<std::string, std::string> types = {{".css", "text/css; charset=utf-8"},
                                                                       {".js", "text/javascript; charset=utf-8"},
                                                                       {".svg", "image/svg+xml"},
                                                                       {".png", "image/png"},
                                                                       {".ico", "image/x-icon"},
                                                                       {".woff2", "font/woff2"},
                                                                       {".txt", "text/plain; charset=utf-8"},
                                                                       {".json", "application/json"},
                                                                       {".webmanifest", "application/manifest+json"}};
    auto found = types.find(path.extension().string());
    return found != types.end() ? found->second : "application/octet-stream";
}

// Whether the browser says a post came from a page of this site (Sec-Fetch-Site, else
// Origin against Host): only such a post of a writing form is kept when its session ended,
// so another site cannot slip text into a diary through the sign-in page.
bool from_own_page(const Request& request) {
    if (std::optional<std::string> site = request.header("sec-fetch-site")) return *site == "same-origin";
    std::optional<std::string> origin = request.header("origin");
    std::optional<std::string> host = request.header("host");
    if (!origin || !host || host->empty()) return false;
    std::string_view from = *origin;
    for (std::string_view scheme : {"http://", "https://"}) {
        if (from.starts_with(scheme)) return from.substr(scheme.size()) == *host;
    }
    return false;
}

std::string urlencoded(const pages::Form& form) {
    std::string body;
    for (const auto& [name, value] : form.fields()) {
        if (!body.empty()) body += '&';
        body += pages::url_encode(name) + "=" + pages::url_encode(value);
    }
    return body;
}

struct StaticFile {
    std::string body;
    std::string content_type;
};

}  // namespace

bool is_api_path(std::string_view path) {
    // The calendar feed is for calendar programs, not browsers: the Api answers it.
    return path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/metrics" ||
           (path.starts_with("/calendar/") && path.ends_with(".ics"));
}

PagesOptions default_pages_options(const std::string& executable_path, const std::string& web_root_override) {
    PagesOptions options;
    std::error_code ignored;
    fs::path binary_dir = fs::path(executable_path).parent_path();
    if (!web_root_override.empty()) {
        options.web_root = web_root_override;
    } else {
#ifdef RITME_SOURCE_WEB_ROOT
        const fs::path source_tree = RITME_SOURCE_WEB_ROOT;  // the web/ folder of the tree it was built from
#else
        const fs::path source_tree = "web";
#endif
        for (const fs::path& candidate :
             {binary_dir / ".." / ".." / "web", binary_dir / "web", fs::path("web"), source_tree}) {
            if (fs::exists(candidate / "templates", ignored)) {
                options.web_root = fs::weakly_canonical(candidate, ignored).string();
                break;
            }
        }
    }
    options.static_dirs = {(binary_dir / "static").string()};
    options.locale_dirs = {(binary_dir / "locale").string(), (fs::path(options.web_root) / "locale").string()};
    return options;
}

struct Pages::Impl : Site {
    Services& services;
    Metrics& metrics;
    PagesOptions options;
    // By name, without .mustache, in one set per language: the {{#t}}...{{/t}} sections are
    // replaced by their text in that language when loaded, and each set parsed once.
    static constexpr std::size_t language_count = 2;  // Locale::nl, Locale::en
    std::vector<TemplateSet> templates;
    std::unordered_map<std::string, StaticFile> static_files;  // by path under /static/
    Catalogues catalogues_;
    PageRoutes routes;

    Impl(Services& services_in, Metrics& metrics_in, PagesOptions options_in)
        : services(services_in), metrics(metrics_in), options(std::move(options_in)), catalogues_(options.locale_dirs) {
        prepare_markdown();
        load_templates();
        load_static_files();
        if (!catalogues_.loaded()) {
            log_warning("catalogues_missing", {{"message", "no compiled catalogue found; pages show English"}});
        }
        add_account_pages(routes);
        add_dashboard_pages(routes);
        add_diary_pages(routes);
        add_level_pages(routes);
        add_admin_pages(routes);
        add_reminder_pages(routes);
        add_peer_pages(routes);
        add_event_pages(routes);
        add_trash_pages(routes);
    }

    void load_templates() {
        fs::path dir = fs::path(options.web_root) / "templates";
        std::error_code fault;
        if (!fs::is_directory(dir, fault)) {
            // The JSON Api still serves; the pages answer 503 until the web root is found.
            log_warning("templates_missing",
                        {{"folder", dir.string()}, {"message", "no web pages: set --web-root or RITME_WEB_ROOT"}});
            return;
        }
        std::map<std::string, std::string> sources;
        for (const auto& item : fs::directory_iterator(dir)) {
            if (item.path().extension() != ".mustache") continue;
            sources[item.path().stem().string()] = read_file(item.path());
        }
        for (std::size_t language = 0; language < language_count; ++language) {
            std::map<std::string, std::string> texts;
            for (const auto& [name, source] : sources) texts[name] = translated(source, static_cast<Locale>(language));
            templates.emplace_back(texts);
        }
    }

    // The template with each {{#t}}...{{/t}} (one line each, tests/web/check_catalogues.py)
    // replaced by its translation, which mstch then reads as template text, as it would
    // read a lambda's answer.
    std::string translated(const std::string& source, Locale language) const {
        static const std::regex section{R"(\{\{#t\}\}(.*?)\{\{/t\}\})"};
        std::string text;
        auto copied = source.cbegin();
        for (auto match = std::sregex_iterator(source.begin(), source.end(), section); match != std::sregex_iterator();
             ++match) {
            text.append(copied, (*match)[0].first);
            text += catalogues_.translate(language, (*match)[1].str());
            copied = (*match)[0].second;
        }
        text.append(copied, source.cend());
        return text;
    }

    // Static files are few and small: read once, served from memory.
    void load_static_files() {
        std::vector<fs::path> dirs{fs::path(options.web_root) / "static"};
        for (const std::string& dir : options.static_dirs) dirs.emplace_back(dir);
        for (const fs::path& dir : dirs) {
            std::error_code fault;
            if (!fs::is_directory(dir, fault)) continue;
            for (const auto& item : fs::recursive_directory_iterator(dir)) {
                if (!item.is_regular_file()) continue;
                std::string relative = fs::relative(item.path(), dir).generic_string();
                static_files.try_emplace(relative, StaticFile{read_file(item.path()), content_type_of(item.path())});
            }
        }
    }

    std::string render_template(const std::string& name, Locale language, const mstch::node& data) const override {
        const TemplateSet& chosen = templates.at(static_cast<std::size_t>(language));
        if (!chosen.has(name)) throw std::runtime_error("no template " + name);
        return chosen.render(name, data);
    }
    const Catalogues& catalogues() const override { return catalogues_; }
    bool behind_tls() const override { return options.behind_tls; }

    Response serve_static(const Request& request) const {
        std::string name = request.path == "/favicon.ico" ? "favicon.svg" : request.path.substr(8);
        auto found = static_files.find(name);
        if (found == static_files.end() || name.find("..") != std::string::npos) {
            Response response;
            response.status = 404;
            response.body = "not found";
            response.set_header("Content-Type", "text/plain; charset=utf-8");
            return response;
        }
        Response response;
        response.body = request.method == "HEAD" ? std::string() : found->second.body;
        response.set_header("Content-Type", found->second.content_type);
        response.set_header("Cache-Control", "public, max-age=3600");
        return response;
    }

    Response dispatch(const Request& request, const PageRoutes::Match& match) const {
        std::optional<Authenticated> who = authenticate(services, request);
        if (who && who->caller.via != Caller::Via::cookie) who.reset();  // pages: the session cookie only
        Locale locale = negotiate_locale(request.header("accept-language"));
        if (who) locale = who->caller.user.locale;
        Page page{request, services, *this, match.params, std::move(who), Form{}, locale, {}, {}};

        // The CSRF token: the session's, or for a signed-out visitor a cookie of its own.
        if (page.who) {
            page.csrf = page.who->csrf_token;
        } else {
            std::vector<std::string> values = cookie_values(request, csrf_cookie_name);
            if (!values.empty() && values.front().size() >= 32) {
                page.csrf = values.front();
            } else {
                page.csrf = random_token();
                std::string cookie =
                    std::string(csrf_cookie_name) + "=" + page.csrf + "; Path=/; HttpOnly; SameSite=Strict";
                page.set_cookies.push_back(cookie);
            }
        }

        if (match.route == nullptr) {
            return page.error_page(match.path_known ? 405 : 404,
                                   match.path_known ? page.t("This address does not take that kind of request.")
                                                    : page.t("There is nothing at this address."));
        }
        const PageRoute& route = *match.route;

        if (state_changing(request.method)) {
            if (request.body.size() > options.max_body) {
                return page.error_page(413, page.t("What you sent is too large."));
            }
            std::string type = ascii_lower(request.header("content-type").value_or(""));
            std::optional<Form> form;
            if (type.starts_with("application/x-www-form-urlencoded")) {
                form = Form::parse_urlencoded(request.body);
            } else if (type.starts_with("multipart/form-data")) {
                form = Form::parse_multipart(request.body, *request.header("content-type"));
            } else if (request.body.empty()) {
                form = Form{};
            } else {
                return page.error_page(415, page.t("This form was sent in a way the server does not read."));
            }
            if (!form || !valid_utf8(request.body)) {
                return page.error_page(400, page.t("The form could not be read."));
            }
            page.form = std::move(*form);
            std::string presented = page.form.get(csrf_field);
            if (!route.signed_link && (presented.empty() || !constant_time_equal(presented, page.csrf))) {
                if (route.keeps_text && from_own_page(request)) {
                    Response response = page.who ? form_expired(page) : sign_in_again(page);
                    for (const std::string& cookie : page.set_cookies) {
                        response.headers.emplace_back("Set-Cookie", cookie);
                    }
                    return response;
                }
                return page.error_page(403,
                                       page.t("This form has expired. Please go back, reload the page and try again."));
            }
        }

        if (route.access != Access::anonymous && !page.who) {
            std::string next = request.path;
            return redirect("/login" + (request.method == "GET" && next != "/" ? "?next=" + url_encode(next) : ""));
        }
        if (route.access == Access::admin && page.user().role != Role::admin) {
            return page.error_page(403, page.t("Only an admin may see this page."));
        }
        Response response = route.handler(page);
        for (const std::string& cookie : page.set_cookies) response.headers.emplace_back("Set-Cookie", cookie);
        return response;
    }

    Response post_again(const Request& signing_in, const std::string& path, Form fields,
                        const StartedSession& started) const override {
        PageRoutes::Match match = routes.match("POST", path);
        if (match.route == nullptr || !match.route->keeps_text) return redirect("/");
        Request again;
        again.method = "POST";
        again.path = path;
        again.query = {{"resumed", "1"}};
        again.headers = signing_in.headers;
        again.headers.erase("hx-request");
        again.headers["cookie"] = std::string(session_cookie_name) + "=" + started.cookie_value;
        again.headers["content-type"] = "application/x-www-form-urlencoded";
        fields.add(std::string(csrf_field), started.session.csrf_token);
        again.body = urlencoded(fields);
        again.remote_address = signing_in.remote_address;
        again.tls = signing_in.tls;
        Response response = dispatch(again, match);
        if (std::optional<std::string> to = response.header("Location"); to && response.status == 303) {
            response.set_header("Location", *to + (to->find('?') == std::string::npos ? "?" : "&") + "resumed=1");
        }
        return response;
    }

    Response handle(const Request& request) {
        auto started = std::chrono::steady_clock::now();
        std::string route_name = "static";
        Response response;
        try {
            if (templates.empty()) {
                response.status = 503;
                response.body = "The web pages are not installed on this server; the API is at /api/v1.";
                response.set_header("Content-Type", "text/plain; charset=utf-8");
            } else if ((request.method == "GET" || request.method == "HEAD") &&
                       (request.path.starts_with("/static/") || request.path == "/favicon.ico")) {
                response = serve_static(request);
            } else {
                PageRoutes::Match match = routes.match(request.method, request.path);
                route_name = match.route != nullptr ? match.route->pattern : std::string("unmatched");
                response = dispatch(request, match);
            }
        } catch (const std::exception& failure) {
            log_error(
                "request_failed",
                {{"method", request.method}, {"route", route_name}, {"path", request.path}, {"error", failure.what()}});
            response =
                html_response(500,
                              "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ritme</title>"
                              "</head><body><main><h1>Something went wrong</h1><p>It has been logged. "
                              "<a href=\"/\">Back to Ritme</a></p></main></body></html>");
        }
        const bool static_file = route_name == "static";
        finish_request(request, response, {route_name, static_file, static_file, options.behind_tls, started}, metrics);
        return response;
    }
};

Pages::Pages(Services& services, Metrics& metrics, PagesOptions options)
    : impl_(std::make_unique<Impl>(services, metrics, std::move(options))) {}

Pages::~Pages() = default;

Response Pages::handle(const Request& request) {
    return impl_->handle(request);
}

// --- what handlers use ------------------------------------------------------------------

namespace pages {

std::string Page::t(std::string_view message_id) const {
    return site.catalogues().translate(locale, message_id);
}

Day Page::today() const {
    return services.calendar.local_day(services.clock.now(), who ? user().timezone : "Europe/Amsterdam");
}

mstch::map Page::base(const std::string& title) const {
    mstch::map data{
        {"lang", std::string(to_string(locale))},
        {"title", title},
        {"csrf", csrf},
    };
    if (who) {
        data["signed_in"] = true;
        data["user_name"] = user().name;
        data["user_id"] = user().id;
        // After signing in again, a writing form whose session had ended was posted
        // (Site::post_again): saved (its redirect, a GET) or not (its form again).
        if (request.query_value("resumed")) {
            data["resumed_saved"] = request.method == "GET";
            data["resumed_kept"] = request.method == "POST";
        }
        data["is_admin"] = user().role == Role::admin;
        Day day = today();
        data["today"] = format_day(day);
        data["this_week"] = format_week(week_of(day));
        data["this_month"] = format_month(month_of(day));
        data["this_quarter"] = format_quarter(quarter_of(day));
        data["this_year"] = format_year(year_of(day));
    }
    return data;
}

Response Page::render(const std::string& name, mstch::map data, int status, bool fragment) const {
    mstch::map context = base("");
    mstch::node title = data.count("title") > 0 ? data.at("title") : mstch::node(std::string());
    for (auto& [key, value] : data) context[key] = std::move(value);
    std::string content = site.render_template(name, locale, context);
    if (fragment) return html_response(status, std::move(content));
    // mstch copies its whole context: the layout gets only what it shows.
    mstch::map layout = base("");
    layout["title"] = std::move(title);
    layout["content"] = std::move(content);
    return html_response(status, site.render_template("layout", locale, layout));
}

Response Page::error_page(int status, const std::string& message) const {
    mstch::map data{{"title", t("Something is not right")}, {"status", status}, {"message", message}};
    if (status == 404) data["title"] = t("Not found");
    if (status == 403) data["title"] = t("Not allowed");
    Response response = render("error", data, status);
    for (const std::string& cookie : set_cookies) response.headers.emplace_back("Set-Cookie", cookie);
    return response;
}

Response Page::error_page(const Error& error) const {
    return error_page(status_of(error.code), t(error.message));
}

Response redirect(const std::string& to) {
    Response response;
    response.status = 303;
    response.set_header("Location", to);
    return response;
}

Response html_response(int status, std::string body) {
    return text_response(status, std::move(body), "text/html; charset=utf-8");
}

std::optional<Day> typed_day(std::string_view text, const std::string& field, std::optional<FieldError>& first_fault) {
    std::string day = trim(text);
    if (day.empty()) return std::nullopt;
    std::optional<Day> parsed = parse_day(day);
    if (!parsed && !first_fault) first_fault = FieldError{field, "must be a day written as YYYY-MM-DD"};
    return parsed;
}

FieldError field_error(const Error& error) {
    return FieldError{error.field, error.message};
}

void put_errors(const Page& page, mstch::map& data, const std::vector<FieldError>& errors) {
    for (const FieldError& error : errors) {
        std::string message = page.t(error.message);
        if (error.field.empty()) {
            data["form_error"] = message;
            continue;
        }
        std::string key = error.field;
        // goals[2].text -> goals; a field of a nested object keeps its path with '_'.
        if (std::size_t bracket = key.find('['); bracket != std::string::npos) key = key.substr(0, bracket);
        for (char& c : key) {
            if (c == '.') c = '_';
        }
        data["error_" + key] = message;
        data["has_errors"] = true;
    }
    if (!errors.empty()) data["has_errors"] = true;
}

operations::BasedOn form_version(const Form& form) {
    if (!form.has("version")) return std::nullopt;
    const std::string text = trim(form.get("version"));
    int version = 0;
    auto [end, fault] = std::from_chars(text.data(), text.data() + text.size(), version);
    if (text.empty() || fault != std::errc{} || end != text.data() + text.size() || version < 0) return -1;
    return version;
}

void put_conflict(mstch::map& data, const std::vector<ComparedText>& texts, int version) {
    mstch::array shown;
    for (const ComparedText& text : texts) {
        if (text.yours == text.saved) continue;
        shown.push_back(mstch::map{{"label", text.label}, {"yours", text.yours}, {"saved", text.saved}});
    }
    data["conflict"] = mstch::map{{"texts", shown}, {"same_texts", shown.empty()}};
    data["version"] = version;
}

void put_undo(const Page& page, mstch::map& data) {
    if (std::optional<std::string> id = page.request.query_value("deleted"); id && !id->empty()) data["deleted_id"] = *id;
    if (page.request.query_value("restored")) data["restored"] = true;
}

void PageRoutes::add(PageRoute route) {
    router_.add(Route{route.method, route.pattern, route.access, nullptr, ""});
    std::string key = route.method + " " + route.pattern;
    routes_.emplace(std::move(key), std::move(route));
}

PageRoutes::Match PageRoutes::match(const std::string& method, const std::string& path) const {
    Router::Match found = router_.match(method, path);
    Match result;
    result.path_known = found.path_known;
    if (found.route != nullptr) {
        auto route = routes_.find(found.route->method + " " + found.route->pattern);
        if (route != routes_.end()) {
            result.route = &route->second;
            result.params = std::move(found.params);
        }
    }
    return result;
}

}  // namespace pages
}  // namespace ritme::http

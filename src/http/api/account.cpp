// Setup, session and account: /setup, /auth/login, /auth/logout, /auth/session, /tokens,
// /me (GET, PATCH, DELETE).
#include <algorithm>

#include "core/rules.hpp"
#include "core/text.hpp"
#include "http/api/routes.hpp"
#include "http/api/user_json.hpp"
#include "http/auth.hpp"
#include "http/json_body.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

constexpr const char* api = "/api/v1";

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response fault(const Status& status) {
    return error_response(status.error());
}
Response fault(ErrorCode code, std::string message, std::string field = {}) {
    return error_response(Error{code, std::move(message), std::move(field)});
}

std::string trimmed(const std::string& text) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    std::size_t last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

Status check_name(const std::string& name, const std::string& field = "name") {
    if (is_blank(name)) return validation_error(field, "must not be empty");
    if (text_length(name) > max_name_length) return validation_error(field, "must be at most 200 characters");
    return ok_status();
}

Response rate_limited(std::chrono::seconds wait) {
    Response response = fault(ErrorCode::rate_limited, "Too many failed attempts; try again later.");
    response.set_header("Retry-After", std::to_string(wait.count()));
    return response;
}

// POST /setup {token, email, name, password}: the first admin of an empty installation.
Response setup(Call& call) {
    Services& services = call.services;
    if (services.store.count_admins() > 0)
        return fault(ErrorCode::conflict, "This installation has been set up already.");

    BodyReader reader(call.body);
    reader.allow_only({"token", "email", "name", "password"});
    std::string token, email, name, password;
    reader.text("token", token);
    reader.text("email", email);
    reader.text("name", name);
    reader.text("password", password);
    for (const char* field : {"token", "email", "name", "password"}) reader.require(field);
    if (Status status = reader.status(); !status) return fault(status);

    if (!setup_token_matches(services, token)) {
        return fault(ErrorCode::forbidden, "That is not the set-up token this server logged.");
    }
    email = normalise_email(email);
    name = trimmed(name);
    if (Status status = validate_email(email); !status) return fault(status);
    if (Status status = check_name(name); !status) return fault(status);
    if (Status status = validate_password(password); !status) return fault(status);

    NewUser admin;
    admin.id = services.ids.new_id();
    admin.email = email;
    admin.name = name;
    admin.role = Role::admin;
    admin.password_hash = services.passwords.hash(password);
    admin.created_at = services.clock.now();
    Result<User> created = services.store.create_first_admin(admin);
    if (!created) return error_response(created.error());
    services.store.delete_setting(setup_token_setting);
    log_info("setup_done", {{"user_id", created->id}});
    return json_response(201, user_json(*created, services.store));
}

// POST /auth/login {email, password}: 200 {user, csrf_token} and the session cookie.
Response login(Call& call) {
    Services& services = call.services;
    BodyReader reader(call.body);
    reader.allow_only({"email", "password"});
    std::string email, password;
    reader.text("email", email);
    reader.text("password", password);
    reader.require("email");
    reader.require("password");
    if (Status status = reader.status(); !status) return fault(status);

    email = normalise_email(email);
    Timestamp now = services.clock.now();
    std::vector<std::string> keys = login_throttle_keys(email, call.request.remote_address);
    if (auto wait = login_retry_after(services.store, now, keys)) {
        log_warning("login_throttled", {{"retry_after_s", wait->count()}});
        return rate_limited(*wait);
    }

    std::optional<User> user = services.store.find_user_by_email(email);
    std::optional<std::string> hash = user ? services.store.password_hash(user->id) : std::nullopt;
    bool valid = false;
    if (hash && !hash->empty()) {
        valid = services.passwords.verify(*hash, password);
    } else {
        dummy_verify(services.passwords, password);  // as slow as a real one
    }
    if (!valid) {
        record_login_failure(services.store, now, keys);
        log_info("login_failed", Json::object());
        return fault(ErrorCode::unauthenticated, "Wrong e-mail address or password.");
    }

    services.store.clear_login_failures(keys.front());  // the account's; the address's stay
    services.store.delete_expired_sessions(now);
    StartedSession started = start_session(services, user->id);
    log_info("login", {{"user_id", user->id}});
    Response response = json_response(
        200, Json{{"user", user_json(*user, services.store)}, {"csrf_token", started.session.csrf_token}});
    response.set_header("Set-Cookie", session_cookie(started.cookie_value));
    return response;
}

// POST /auth/logout: the session dies on the server and the cookie is cleared.
Response logout(Call& call) {
    Response response = no_content();
    if (call.caller->via == Caller::Via::cookie) {
        call.services.store.delete_session(call.caller->session_token_hash);
        response.set_header("Set-Cookie", expired_session_cookie());
    }
    return response;
}

// GET /auth/session: who is signed in, and the CSRF token of this session (null for a
// bearer token), so a reloaded page can carry on without signing in again.
Response session_info(Call& call) {
    Json csrf = nullptr;
    if (call.caller->via == Caller::Via::cookie) {
        if (auto session = call.services.store.find_session(call.caller->session_token_hash))
            csrf = session->csrf_token;
    }
    return json_response(200, Json{{"user", user_json(call.caller->user, call.services.store)}, {"csrf_token", csrf}});
}

// POST /tokens {name}: a personal access token, shown only in this answer.
Response create_token(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"name"});
    std::string name;
    reader.text("name", name);
    reader.require("name");
    if (Status status = reader.status(); !status) return fault(status);
    name = trimmed(name);
    if (Status status = check_name(name); !status) return fault(status);

    IssuedAccessToken issued = issue_access_token(call.services, call.caller->user.id, name);
    log_info("token_created", {{"user_id", call.caller->user.id}, {"token_id", issued.token.id}});
    return json_response(201, Json{{"id", issued.token.id},
                                   {"name", issued.token.name},
                                   {"token", issued.secret},
                                   {"created_at", format_timestamp(issued.token.created_at)}});
}

// GET /tokens: the caller's tokens, without their secrets.
Response list_tokens(Call& call) {
    Json tokens = Json::array();
    for (const AccessToken& token : call.services.store.list_access_tokens(call.caller->user.id)) {
        tokens.push_back({{"id", token.id}, {"name", token.name}, {"created_at", format_timestamp(token.created_at)}});
    }
    return json_response(200, Json{{"tokens", tokens}});
}

// DELETE /tokens/{id}
Response delete_token(Call& call) {
    const std::string& id = call.params.at("id");
    if (!call.services.store.delete_access_token(call.caller->user.id, id)) {
        return fault(ErrorCode::not_found, "You have no token with that id.");
    }
    log_info("token_deleted", {{"user_id", call.caller->user.id}, {"token_id", id}});
    return no_content();
}

// GET /me
Response get_me(Call& call) {
    return json_response(200, user_json(call.caller->user, call.services.store));
}

// PATCH /me: any of {name, locale, timezone, workdays}.
Response patch_me(Call& call) {
    Services& services = call.services;
    User user = call.caller->user;
    BodyReader reader(call.body);
    reader.allow_only({"name", "locale", "timezone", "workdays"});
    std::string name = user.name;
    std::string locale(to_string(user.locale));
    std::string timezone = user.timezone;
    std::vector<int> workdays = user.workdays;
    reader.text("name", name);
    reader.text("locale", locale);
    reader.text("timezone", timezone);
    reader.int_list("workdays", workdays);
    if (Status status = reader.status(); !status) return fault(status);

    name = trimmed(name);
    if (Status status = check_name(name); !status) return fault(status);
    std::optional<Locale> parsed_locale = parse_locale(locale);
    if (!parsed_locale) return fault(validation_error("locale", "must be nl or en"));
    if (timezone != user.timezone && !services.calendar.is_known_zone(timezone)) {
        return fault(validation_error("timezone", "must be an IANA time zone such as Europe/Amsterdam"));
    }
    if (Status status = validate_workdays(workdays); !status) return fault(status);
    std::sort(workdays.begin(), workdays.end());
    workdays.erase(std::unique(workdays.begin(), workdays.end()), workdays.end());

    user.name = name;
    user.locale = *parsed_locale;
    user.timezone = timezone;
    user.workdays = workdays;
    services.store.update_profile(user);
    std::optional<User> stored = services.store.find_user(user.id);
    return json_response(200, user_json(stored ? *stored : user, services.store));
}

// DELETE /me {password}: the account and everything it wrote are erased.
Response delete_me(Call& call) {
    Services& services = call.services;
    const User& user = call.caller->user;
    BodyReader reader(call.body);
    reader.allow_only({"password"});
    std::string password;
    reader.text("password", password);
    reader.require("password");
    if (Status status = reader.status(); !status) return fault(status);

    // Wrong passwords here count like failed logins, so a stolen session cannot guess on.
    Timestamp now = services.clock.now();
    std::vector<std::string> keys{login_throttle_keys(user.email, call.request.remote_address).front()};
    if (auto wait = login_retry_after(services.store, now, keys)) return rate_limited(*wait);
    std::optional<std::string> hash = services.store.password_hash(user.id);
    if (!hash || hash->empty() || !services.passwords.verify(*hash, password)) {
        record_login_failure(services.store, now, keys);
        return fault(ErrorCode::forbidden, "That is not your password.");
    }

    services.store.delete_user(user.id);
    Response response = no_content();
    if (call.caller->via == Caller::Via::cookie) {
        services.store.delete_session(call.caller->session_token_hash);
        response.set_header("Set-Cookie", expired_session_cookie());
    }
    services.store.clear_login_failures(keys.front());
    log_info("account_deleted", {{"user_id", user.id}});
    return response;
}

}  // namespace

void add_account_routes(Router& router) {
    router.add({"POST", path("/setup"), Access::anonymous, setup,
                "Create the first admin with the one-time set-up token the server logged (409 once set up)"});
    router.add({"POST", path("/auth/login"), Access::anonymous, login,
                "Sign in: {user, csrf_token} and the session cookie; 401 wrong credentials; 429 throttled"});
    router.add({"POST", path("/auth/logout"), Access::member, logout, "Sign out: the session dies on the server"});
    router.add({"GET", path("/auth/session"), Access::member, session_info,
                "The signed-in person and the session's CSRF token"});
    router.add({"POST", path("/tokens"), Access::member, create_token,
                "Create a personal access token for Authorization: Bearer (shown only here)"});
    router.add({"GET", path("/tokens"), Access::member, list_tokens, "Your personal access tokens (no secrets)"});
    router.add({"DELETE", path("/tokens/{id}"), Access::member, delete_token, "Revoke a personal access token"});
    router.add({"GET", path("/me"), Access::member, get_me, "Your account: name, locale, time zone, workdays, peer"});
    router.add({"PATCH", path("/me"), Access::member, patch_me, "Change any of name, locale, timezone, workdays"});
    router.add({"DELETE", path("/me"), Access::member, delete_me,
                "Erase your account and all its personal data (needs your password)"});
}

}  // namespace ritme::http

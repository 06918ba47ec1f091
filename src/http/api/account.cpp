// Setup, session and account: /setup, /auth/login, /auth/logout, /auth/session,
// /auth/password-reset, /tokens, /me (GET, PATCH, DELETE), /me/password, /me/sessions. The steps about credentials are credentials.hpp's; the rest
// are operations (core/operations/account.hpp).
#include "core/operations/account.hpp"
#include "http/api/level_json.hpp"
#include "http/api/routes.hpp"
#include "http/credentials.hpp"
#include "http/json_body.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

constexpr const char* api = "/api/v1";

std::string path(const char* rest) {
    return std::string(api) + rest;
}

Response account_answer(int status, const Result<operations::Account>& account) {
    if (!account) return error_response(account.error());
    return json_response(status, user_json(*account));
}

// POST /setup {token, email, name, password}: the first admin of an empty installation.
Response setup(Call& call) {
    Result<bool> set_up_already = operations::is_set_up(ports(call.services));
    if (!set_up_already) return error_response(set_up_already.error());
    if (*set_up_already) {
        return error_response(Error{ErrorCode::conflict, "This installation has been set up already."});
    }
    BodyReader reader(call.body);
    reader.allow_only({"token", "email", "name", "password"});
    SetUp typed;
    reader.text("token", typed.token);
    reader.text("email", typed.email);
    reader.text("name", typed.name);
    reader.text("password", typed.password);
    for (const char* field : {"token", "email", "name", "password"}) reader.require(field);
    if (Status status = reader.status(); !status) return error_response(status.error());
    return account_answer(201, set_up(call.services, typed));
}

// POST /auth/login {email, password}: 200 {user, csrf_token} and the session cookie.
Response login(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"email", "password"});
    std::string email, password;
    reader.text("email", email);
    reader.text("password", password);
    reader.require("email");
    reader.require("password");
    if (Status status = reader.status(); !status) return error_response(status.error());

    SignInAttempt attempt = sign_in(call.services, email, password, call.request.remote_address,
                                    call.request.header("user-agent").value_or(""));
    if (attempt.retry_after) return throttled_response(attempt.outcome.error(), *attempt.retry_after);
    if (!attempt.outcome) return error_response(attempt.outcome.error());
    const SignedIn& signed_in = *attempt.outcome;
    Response response = json_response(
        200, Json{{"user", user_json(signed_in.account)}, {"csrf_token", signed_in.started.session.csrf_token}});
    response.set_header("Set-Cookie", session_cookie(signed_in.started.cookie_value));
    return response;
}

// POST /auth/logout: the session dies on the server and the cookie is cleared.
Response logout(Call& call) {
    Response response = no_content();
    if (std::optional<std::string> cookie = sign_out(call.services, *call.caller)) {
        response.set_header("Set-Cookie", *cookie);
    }
    return response;
}

// GET /auth/session: who is signed in, and the CSRF token of this session (null for a
// bearer token), so a reloaded page can carry on without signing in again.
Response session_info(Call& call) {
    std::optional<std::string> token = csrf_token_of(call.services, *call.caller);
    Json csrf = token ? Json(*token) : Json(nullptr);
    Result<operations::Account> account = operations::account(ports(call.services), call.caller->user);
    if (!account) return error_response(account.error());
    return json_response(200, Json{{"user", user_json(*account)}, {"csrf_token", csrf}});
}

// POST /tokens {name}: a personal access token, shown only in this answer.
Response create_token(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"name"});
    std::string name;
    reader.text("name", name);
    reader.require("name");
    if (Status status = reader.status(); !status) return error_response(status.error());
    Result<IssuedAccessToken> issued = make_access_token(call.services, call.caller->user, name);
    if (!issued) return error_response(issued.error());
    Json answer = access_token_json(issued->token);
    answer["token"] = issued->secret;
    return json_response(201, answer);
}

// GET /tokens: the caller's tokens, without their secrets.
Response list_tokens(Call& call) {
    Result<std::vector<AccessToken>> tokens = operations::access_tokens(ports(call.services), call.caller->user);
    if (!tokens) return error_response(tokens.error());
    Json list = Json::array();
    for (const AccessToken& token : *tokens) list.push_back(access_token_json(token));
    return json_response(200, Json{{"tokens", list}});
}

// DELETE /tokens/{id}
Response delete_token(Call& call) {
    const std::string& id = call.params.at("id");
    if (Status revoked = operations::revoke_access_token(ports(call.services), call.caller->user, id); !revoked) {
        return error_response(revoked.error());
    }
    log_info("token_deleted", {{"user_id", call.caller->user.id}, {"token_id", id}});
    return no_content();
}

// GET /me
Response get_me(Call& call) {
    return account_answer(200, operations::account(ports(call.services), call.caller->user));
}

// PATCH /me: any of {name, locale, timezone, workdays}.
Response patch_me(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"name", "locale", "timezone", "workdays"});
    operations::ProfileChanges changes;
    auto present = [&](const char* field) {
        return call.body != nullptr && call.body->is_object() && call.body->contains(field);
    };
    for (auto [field, out] : {std::pair{"name", &changes.name}, std::pair{"locale", &changes.locale},
                              std::pair{"timezone", &changes.timezone}}) {
        std::string value;
        reader.text(field, value);
        if (present(field)) *out = value;
    }
    std::vector<int> workdays;
    reader.int_list("workdays", workdays);
    if (present("workdays")) changes.workdays = workdays;
    if (Status status = reader.status(); !status) return error_response(status.error());
    return account_answer(200, operations::change_profile(ports(call.services), call.caller->user, changes));
}

// DELETE /me {password}: the account and everything it wrote are erased.
Response delete_me(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"password"});
    std::string password;
    reader.text("password", password);
    reader.require("password");
    if (Status status = reader.status(); !status) return error_response(status.error());

    ErasureAttempt attempt = erase_own_account(call.services, *call.caller, password, call.request.remote_address);
    if (attempt.retry_after) return throttled_response(attempt.outcome.error(), *attempt.retry_after);
    if (!attempt.outcome) return error_response(attempt.outcome.error());
    Response response = no_content();
    if (attempt.cookie) response.set_header("Set-Cookie", *attempt.cookie);
    return response;
}

// POST /me/password {current_password, new_password}: 204; every other session and token ends.
Response change_my_password(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"current_password", "new_password"});
    std::string current, fresh;
    reader.text("current_password", current);
    reader.text("new_password", fresh);
    reader.require("current_password");
    reader.require("new_password");
    if (Status status = reader.status(); !status) return error_response(status.error());
    PasswordChange change = change_password(call.services, *call.caller, current, fresh, call.request.remote_address);
    if (change.retry_after) return throttled_response(change.outcome.error(), *change.retry_after);
    if (!change.outcome) return error_response(change.outcome.error());
    return no_content();
}

// POST /auth/password-reset {email}: 202 whether or not the address is a member's.
Response ask_password_reset(Call& call) {
    BodyReader reader(call.body);
    reader.allow_only({"email"});
    std::string email;
    reader.text("email", email);
    reader.require("email");
    if (Status status = reader.status(); !status) return error_response(status.error());
    if (auto wait = request_password_reset(call.services, email, call.request.remote_address)) {
        return throttled_response(Error{ErrorCode::rate_limited, "Too many requests; try again later."}, *wait);
    }
    return json_response(202, Json::object());
}

// POST /auth/password-reset/{token} {password}: 204; 404 for a used, expired or unknown link.
Response use_password_reset(Call& call) {
    const std::string& token = call.params.at("token");
    if (Result<User> holder = password_reset_holder(call.services, token); !holder) return error_response(holder.error());
    BodyReader reader(call.body);
    reader.allow_only({"password"});
    std::string password;
    reader.text("password", password);
    reader.require("password");
    if (Status status = reader.status(); !status) return error_response(status.error());
    if (Status reset = reset_password(call.services, token, password); !reset) return error_response(reset.error());
    return no_content();
}

Json session_json(const SessionView& view) {
    return {{"id", view.session.id},
            {"device", view.device},
            {"user_agent", view.session.user_agent},
            {"created_at", timestamp_json(view.session.created_at)},
            {"last_used_at", timestamp_json(view.session.last_used_at)},
            {"expires_at", timestamp_json(view.session.expires_at)},
            {"current", view.current}};
}

// GET /me/sessions: the caller's live sessions, without their secrets.
Response list_my_sessions(Call& call) {
    Json list = Json::array();
    for (const SessionView& view : sessions_of(call.services, *call.caller)) list.push_back(session_json(view));
    return json_response(200, Json{{"sessions", list}});
}

// DELETE /me/sessions/{id}: 204; 404 for someone else's or an unknown id.
Response end_my_session(Call& call) {
    Result<std::optional<std::string>> ended = end_session(call.services, *call.caller, call.params.at("id"));
    if (!ended) return error_response(ended.error());
    Response response = no_content();
    if (*ended) response.set_header("Set-Cookie", **ended);
    return response;
}

// POST /me/sessions/end-others: 200 {ended}; the caller's own session stays.
Response end_my_other_sessions(Call& call) {
    return json_response(200, Json{{"ended", end_other_sessions(call.services, *call.caller)}});
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
    router.add({"POST", path("/me/password"), Access::member, change_my_password,
                "Change your password: 204, your other sessions and tokens end; 403 wrong current password"});
    router.add({"POST", path("/auth/password-reset"), Access::anonymous, ask_password_reset,
                "Ask for a link to set a new password by e-mail: 202 whether or not the address has an account"});
    router.add({"POST", path("/auth/password-reset/{token}"), Access::anonymous, use_password_reset,
                "Set a new password with the e-mailed link: 204, every session ends; 404 used, expired or unknown"});
    router.add({"GET", path("/me/sessions"), Access::member, list_my_sessions,
                "Your sessions: device, created, last used, which is this one (no secrets)"});
    router.add({"DELETE", path("/me/sessions/{id}"), Access::member, end_my_session, "End one of your sessions"});
    router.add({"POST", path("/me/sessions/end-others"), Access::member, end_my_other_sessions,
                "End every session of yours but this one"});
}

}  // namespace ritme::http

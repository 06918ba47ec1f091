#include "http/credentials.hpp"

#include "core/account_mail.hpp"
#include "core/rules.hpp"
#include "core/text.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

Error too_many_attempts() {
    return Error{ErrorCode::rate_limited, "Too many failed attempts; try again later."};
}

// Whether `password` is the person's own. Wrong passwords count like failed logins, so a
// stolen session cannot guess on.
struct PasswordCheck {
    Status outcome = ok_status();
    std::optional<std::chrono::seconds> retry_after;  // with rate_limited
    LoginAttempt attempt;                              // taken back on success
    std::vector<Store::AttemptLimit> limits;
};
PasswordCheck check_own_password(Services& services, const User& person, const std::string& password,
                                 const std::string& remote_address) {
    PasswordCheck check;
    check.limits = login_throttle_limits(person.email, remote_address);
    check.attempt = reserve_login_attempt(services.store, services.clock.now(), check.limits);
    if (check.attempt.retry_after) {
        check.outcome = too_many_attempts();
        check.retry_after = check.attempt.retry_after;
        return check;
    }
    std::optional<std::string> hash = services.store.password_hash(person.id);
    if (!hash || hash->empty() || !services.passwords.verify(*hash, password)) {
        check.outcome = Error{ErrorCode::forbidden, "That is not your password."};
    }
    return check;
}

bool live(const Services& services, const Session& session, Timestamp now) {
    return session.expires_at > now && session.last_used_at + services.session_idle_timeout > now;
}

}  // namespace

Result<operations::Account> set_up(Services& services, const SetUp& typed) {
    if (!setup_token_matches(services, typed.token)) {
        return Error{ErrorCode::forbidden, "That is not the set-up token this server logged."};
    }
    Result<operations::NewAccount> checked = operations::check_new_account({typed.email, typed.name, typed.password});
    if (!checked) return checked.error();
    NewUser admin;
    admin.email = checked->email;
    admin.name = checked->name;
    admin.password_hash = services.passwords.hash(checked->password);  // slow: before the transaction
    Result<operations::Account> created = operations::set_up_first_admin(ports(services), std::move(admin));
    if (!created) return created.error();
    services.store.delete_setting(setup_token_setting);
    log_info("setup_done", {{"user_id", created->user.id}});
    return created;
}

SignInAttempt sign_in(Services& services, const std::string& email, const std::string& password,
                      const std::string& remote_address, const std::string& user_agent) {
    std::string address = normalise_email(email);
    Timestamp now = services.clock.now();
    std::vector<Store::AttemptLimit> limits = login_throttle_limits(address, remote_address);
    LoginAttempt attempt = reserve_login_attempt(services.store, now, limits);
    if (attempt.retry_after) {
        log_warning("login_throttled", {{"retry_after_s", attempt.retry_after->count()}});
        return {too_many_attempts(), attempt.retry_after};
    }

    std::optional<User> user = services.store.find_user_by_email(address);
    std::optional<std::string> hash = user ? services.store.password_hash(user->id) : std::nullopt;
    bool valid = false;
    if (hash && !hash->empty()) {
        valid = services.passwords.verify(*hash, password);
    } else {
        dummy_verify(services.passwords, password);  // as slow as a real one
    }
    if (!valid) {  // the reserved attempt stays, counted as a failure
        log_info("login_failed", Json::object());
        return {Error{ErrorCode::unauthenticated, "Wrong e-mail address or password."}, std::nullopt};
    }

    login_attempt_succeeded(services.store, attempt, limits);
    services.store.delete_expired_sessions(now);
    StartedSession started = start_session(services, user->id, user_agent);
    log_info("login", {{"user_id", user->id}});
    Result<operations::Account> account = operations::account(ports(services), *user);
    if (!account) return {account.error(), std::nullopt};
    return {SignedIn{std::move(*account), std::move(started)}, std::nullopt};
}

std::optional<std::string> csrf_token_of(Services& services, const Caller& caller) {
    if (caller.via != Caller::Via::cookie) return std::nullopt;
    std::optional<Session> session = services.store.find_session(caller.session_token_hash);
    if (!session) return std::nullopt;
    return session->csrf_token;
}

std::optional<std::string> sign_out(Services& services, const Caller& caller) {
    if (caller.via != Caller::Via::cookie) return std::nullopt;
    services.store.delete_session(caller.session_token_hash);
    return expired_session_cookie();
}

Result<IssuedAccessToken> make_access_token(Services& services, const User& person, const std::string& typed_name) {
    std::string name = trimmed(typed_name);
    RITME_TRY(validate_name(name));
    IssuedAccessToken issued = issue_access_token(services, person.id, name);
    log_info("token_created", {{"user_id", person.id}, {"token_id", issued.token.id}});
    return issued;
}

ErasureAttempt erase_own_account(Services& services, const Caller& caller, const std::string& password,
                                 const std::string& remote_address) {
    const User& person = caller.user;
    PasswordCheck check = check_own_password(services, person, password, remote_address);
    if (!check.outcome) return {check.outcome, check.retry_after, std::nullopt};
    if (Status erased = operations::erase_account(ports(services), person); !erased) return {erased, std::nullopt, {}};
    ErasureAttempt done;
    done.cookie = sign_out(services, caller);
    login_attempt_succeeded(services.store, check.attempt, check.limits);
    log_info("account_deleted", {{"user_id", person.id}});
    return done;
}

// --- passwords ------------------------------------------------------------------------------

PasswordChange change_password(Services& services, const Caller& caller, const std::string& current_password,
                               const std::string& new_password, const std::string& remote_address) {
    const User& person = caller.user;
    if (Status valid = validate_password(new_password); !valid) {
        return {Error{ErrorCode::validation_failed, valid.error().message, "new_password"}, std::nullopt};
    }
    PasswordCheck check = check_own_password(services, person, current_password, remote_address);
    if (!check.outcome) return {check.outcome, check.retry_after};
    std::string hash = services.passwords.hash(new_password);  // slow: before the transaction
    operations::KeptCredential kept{caller.via == Caller::Via::cookie ? caller.session_token_hash : "",
                                    caller.via == Caller::Via::bearer ? caller.access_token_id : ""};
    if (Status replaced = operations::replace_password(ports(services), person, hash, kept); !replaced) {
        return {replaced, std::nullopt};
    }
    login_attempt_succeeded(services.store, check.attempt, check.limits);
    log_info("password_changed", {{"user_id", person.id}});
    return {};
}

// --- forgotten passwords ------------------------------------------------------------------------

std::optional<std::chrono::seconds> request_password_reset(Services& services, const std::string& email,
                                                           const std::string& remote_address) {
    std::string address = normalise_email(email);
    // Counted like login attempts, in the same window, and reserved at once.
    std::vector<Store::AttemptLimit> limits{{"reset-account:" + address, max_reset_requests_per_account},
                                            {"reset-address:" + remote_address, max_reset_requests_per_address}};
    LoginAttempt request = reserve_login_attempt(services.store, services.clock.now(), limits);
    if (request.retry_after) {
        log_warning("password_reset_throttled", {{"retry_after_s", request.retry_after->count()}});
        return request.retry_after;
    }
    if (services.outbox == nullptr) {
        log_warning("password_reset_unsent", {{"reason", "no mail server is configured"}});
        return std::nullopt;
    }
    // Whether the address is a member's is found out here, off the request path.
    services.outbox->post([&services, address]() -> std::optional<Letter> {
        std::optional<User> person = services.store.find_user_by_email(address);
        if (!person) return std::nullopt;
        std::string token = random_token();
        Timestamp at = services.clock.now();
        services.store.create_password_reset(
            {secret_hash(token), person->id, at, at + std::chrono::minutes(password_reset_minutes)});
        AccountMail mail =
            password_reset_mail(*person, services.public_url + password_reset_path(token), password_reset_minutes);
        log_info("password_reset_prepared", {{"user_id", person->id}});
        return Letter{person->email, mail.subject, mail.body};
    });
    return std::nullopt;
}

std::string password_reset_path(const std::string& token) {
    return "/password-reset/" + token;
}

Result<User> password_reset_holder(Services& services, const std::string& token) {
    return operations::password_reset_holder(ports(services), secret_hash(token));
}

Status reset_password(Services& services, const std::string& token, const std::string& password) {
    std::string token_hash = secret_hash(token);
    RITME_TRY(operations::password_reset_holder(ports(services), token_hash));
    RITME_TRY(validate_password(password));
    std::string hash = services.passwords.hash(password);  // slow: before the transaction
    Result<User> person = operations::reset_password(ports(services), token_hash, hash);
    if (!person) return person.error();
    log_info("password_reset", {{"user_id", person->id}});
    return ok_status();
}

// --- sessions --------------------------------------------------------------------------------

std::string device_of(std::string_view user_agent) {
    auto has = [&](std::string_view word) { return user_agent.find(word) != std::string_view::npos; };
    // The order matters: Edge and Opera say Chrome, Chrome says Safari, Android says Linux.
    std::string browser;
    if (has("Edg/")) browser = "Edge";
    else if (has("OPR/")) browser = "Opera";
    else if (has("Firefox/")) browser = "Firefox";
    else if (has("Chrome/") || has("Chromium/")) browser = "Chrome";
    else if (has("Safari/")) browser = "Safari";
    else if (has("curl/")) browser = "curl";
    else if (has("python-requests") || has("Python-urllib")) browser = "Python";
    std::string system;
    if (has("iPhone")) system = "iPhone";
    else if (has("iPad")) system = "iPad";
    else if (has("Android")) system = "Android";
    else if (has("Windows")) system = "Windows";
    else if (has("Mac OS X") || has("Macintosh")) system = "macOS";
    else if (has("CrOS")) system = "ChromeOS";
    else if (has("Linux")) system = "Linux";
    if (browser.empty()) return system;
    return system.empty() ? browser : browser + ", " + system;
}

std::vector<SessionView> sessions_of(Services& services, const Caller& caller) {
    Timestamp now = services.clock.now();
    std::vector<SessionView> views;
    for (Session& session : services.store.list_sessions_of(caller.user.id)) {
        if (!live(services, session, now)) continue;
        bool current = caller.via == Caller::Via::cookie && session.token_hash == caller.session_token_hash;
        std::string device = device_of(session.user_agent);
        views.push_back({std::move(session), current, std::move(device)});
    }
    return views;
}

Result<std::optional<std::string>> end_session(Services& services, const Caller& caller, const std::string& id) {
    bool own = false;
    if (caller.via == Caller::Via::cookie) {
        std::optional<Session> current = services.store.find_session(caller.session_token_hash);
        own = current && current->id == id;
    }
    if (!services.store.delete_session_of(caller.user.id, id)) {
        return Error{ErrorCode::not_found, "You have no session with that id."};
    }
    log_info("session_ended", {{"user_id", caller.user.id}});
    return own ? std::optional<std::string>(expired_session_cookie()) : std::nullopt;
}

int end_other_sessions(Services& services, const Caller& caller) {
    std::string keep = caller.via == Caller::Via::cookie ? caller.session_token_hash : "";
    int ended = services.store.delete_sessions_of(caller.user.id, keep);
    log_info("sessions_ended", {{"user_id", caller.user.id}, {"ended", ended}});
    return ended;
}

Response throttled_response(const Error& error, std::chrono::seconds retry_after) {
    Response response = error_response(error);
    response.set_header("Retry-After", std::to_string(retry_after.count()));
    return response;
}

}  // namespace ritme::http

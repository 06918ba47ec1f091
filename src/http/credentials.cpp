#include "http/credentials.hpp"

#include "core/rules.hpp"
#include "core/text.hpp"
#include "http/log.hpp"

namespace ritme::http {
namespace {

Error too_many_attempts() {
    return Error{ErrorCode::rate_limited, "Too many failed attempts; try again later."};
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
                      const std::string& remote_address) {
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
    StartedSession started = start_session(services, user->id);
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
    Timestamp now = services.clock.now();
    std::vector<Store::AttemptLimit> limits = login_throttle_limits(person.email, remote_address);
    LoginAttempt attempt = reserve_login_attempt(services.store, now, limits);
    if (attempt.retry_after) return {too_many_attempts(), attempt.retry_after, std::nullopt};
    std::optional<std::string> hash = services.store.password_hash(person.id);
    if (!hash || hash->empty() || !services.passwords.verify(*hash, password)) {
        return {Error{ErrorCode::forbidden, "That is not your password."}, std::nullopt, std::nullopt};
    }
    if (Status erased = operations::erase_account(ports(services), person); !erased) return {erased, std::nullopt, {}};
    ErasureAttempt done;
    done.cookie = sign_out(services, caller);
    login_attempt_succeeded(services.store, attempt, limits);
    log_info("account_deleted", {{"user_id", person.id}});
    return done;
}

Response throttled_response(const Error& error, std::chrono::seconds retry_after) {
    Response response = error_response(error);
    response.set_header("Retry-After", std::to_string(retry_after.count()));
    return response;
}

}  // namespace ritme::http

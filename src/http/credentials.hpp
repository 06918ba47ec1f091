#pragma once
// Setting up, signing in and out, making an access token and erasing one's account: the
// steps the JSON API (api/account.cpp) and the web pages (pages/account_pages.cpp) both
// take. What is about credentials (the set-up token, passwords, sessions, token secrets,
// throttling by address) is this seam's own (auth.hpp); what is the domain's is an
// operation (core/operations/account.hpp).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/operations/account.hpp"
#include "http/auth.hpp"
#include "http/http.hpp"

namespace ritme::http {

// The first admin of an empty installation, with the one-time set-up token the server
// logged: forbidden for another token, conflict once an admin exists.
struct SetUp {
    std::string token;
    std::string email;
    std::string name;
    std::string password;
};
Result<operations::Account> set_up(Services& services, const SetUp& typed);

// A session for the person with that address and password. Too many failures for the
// account from this address, or for the address: rate_limited, with how long to wait.
struct SignedIn {
    operations::Account account;
    StartedSession started;
};
struct SignInAttempt {
    Result<SignedIn> outcome;
    std::optional<std::chrono::seconds> retry_after;  // with rate_limited
};
SignInAttempt sign_in(Services& services, const std::string& email, const std::string& password,
                      const std::string& remote_address, const std::string& user_agent = "");

// The CSRF token of the caller's session (none for a bearer token).
std::optional<std::string> csrf_token_of(Services& services, const Caller& caller);

// The caller's session dies on the server. Answers the Set-Cookie value that clears the
// cookie (none for a bearer token).
std::optional<std::string> sign_out(Services& services, const Caller& caller);

// A personal access token named `typed_name` (trimmed), its secret shown once.
Result<IssuedAccessToken> make_access_token(Services& services, const User& person, const std::string& typed_name);

// Erases the caller's account when `password` is theirs. Wrong passwords count like failed
// logins, so a stolen session cannot guess on.
struct ErasureAttempt {
    Status outcome = ok_status();
    std::optional<std::chrono::seconds> retry_after;  // with rate_limited
    std::optional<std::string> cookie;                // the Set-Cookie that clears a session cookie
};
ErasureAttempt erase_own_account(Services& services, const Caller& caller, const std::string& password,
                                 const std::string& remote_address);

// --- passwords ------------------------------------------------------------------------------

// The caller's password becomes `new_password` when `current_password` is theirs (wrong
// ones count like failed logins: forbidden, or rate_limited); a new password that breaks
// the rules is validation_failed (field new_password). Every other session and token of
// the person ends; the one it came through stays.
struct PasswordChange {
    Status outcome = ok_status();
    std::optional<std::chrono::seconds> retry_after;  // with rate_limited
};
PasswordChange change_password(Services& services, const Caller& caller, const std::string& current_password,
                               const std::string& new_password, const std::string& remote_address);

// --- forgotten passwords ------------------------------------------------------------------------

inline constexpr int password_reset_minutes = 60;
inline constexpr int max_reset_requests_per_account = 3;   // per address asked for, in the login window
inline constexpr int max_reset_requests_per_address = 20;  // per client address, in the login window

// Asks for a link to set a new password, sent to `email` off the request path when that is
// a member's address. The answer is the same either way, and as quick: only how long to wait
// when too many were asked for the address or from the client.
std::optional<std::chrono::seconds> request_password_reset(Services& services, const std::string& email,
                                                           const std::string& remote_address);
// The path of a reset link's page, below the public URL.
std::string password_reset_path(const std::string& token);
// The person the link's token is for, while it may be used; else not_found.
Result<User> password_reset_holder(Services& services, const std::string& token);
// Sets the password through the link (not_found: used, expired or unknown; validation_failed,
// field password: breaks the rules). Every session and token of the person ends.
Status reset_password(Services& services, const std::string& token, const std::string& password);

// --- sessions --------------------------------------------------------------------------------

// "Firefox, Linux", "Safari, iPhone", "curl": what a User-Agent says about the device; ""
// when it says nothing readable.
std::string device_of(std::string_view user_agent);

struct SessionView {
    Session session;
    bool current = false;  // the session of the request
    std::string device;
};
// The caller's live sessions, the last used first.
std::vector<SessionView> sessions_of(Services& services, const Caller& caller);
// Ends one of the caller's sessions (not_found for another's or an unknown id). Answers the
// Set-Cookie that clears the cookie when it was the caller's own session.
Result<std::optional<std::string>> end_session(Services& services, const Caller& caller, const std::string& id);
// Every session of the caller but the current one ("sign out everywhere else"); answers
// how many ended.
int end_other_sessions(Services& services, const Caller& caller);

// The error answers of a throttled attempt carry Retry-After.
Response throttled_response(const Error& error, std::chrono::seconds retry_after);

}  // namespace ritme::http

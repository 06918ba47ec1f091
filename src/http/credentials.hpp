#pragma once
// Setting up, signing in and out, making an access token and erasing one's account: the
// steps the JSON API (api/account.cpp) and the web pages (pages/account_pages.cpp) both
// take. What is about credentials (the set-up token, passwords, sessions, token secrets,
// throttling by address) is this seam's own (auth.hpp); what is the domain's is an
// operation (core/operations/account.hpp).
#include <chrono>
#include <optional>
#include <string>

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
                      const std::string& remote_address);

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

// The error answers of a throttled attempt carry Retry-After.
Response throttled_response(const Error& error, std::chrono::seconds retry_after);

}  // namespace ritme::http

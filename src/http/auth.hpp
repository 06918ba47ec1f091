#pragma once
// Who is calling: password hashing (Argon2id), session cookies, personal access tokens,
// login throttling and the one-time set-up token. Secrets are stored only as hashes.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <string_view>
#include <vector>

#include "core/store.hpp"
#include "http/http.hpp"

namespace ritme::http {

// --- passwords --------------------------------------------------------------------------

inline constexpr unsigned long long password_opslimit = 2;
inline constexpr std::size_t password_memlimit = 19u * 1024u * 1024u;  // 19 MiB
inline constexpr unsigned password_hash_concurrency = 2;

// Argon2id through libsodium. At most `concurrency` hashes or verifications run at once,
// so a burst of logins cannot take all the memory.
class SodiumPasswordHasher : public PasswordHasher {
public:
    explicit SodiumPasswordHasher(unsigned concurrency = password_hash_concurrency,
                                  unsigned long long opslimit = password_opslimit,
                                  std::size_t memlimit = password_memlimit);
    std::string hash(const std::string& password) override;
    bool verify(const std::string& hash, const std::string& password) override;

private:
    std::counting_semaphore<64> slots_;
    unsigned long long opslimit_;
    std::size_t memlimit_;
};

// Spends about the time of one real verification without any account, so that the
// answer to a login for an unknown address takes as long as for a known one.
void dummy_verify(PasswordHasher& hasher, const std::string& password);

// --- secrets ----------------------------------------------------------------------------

// 32 random bytes, url-safe base64 without padding (43 characters).
std::string random_token();
// BLAKE2b-256 of the text, lower-case hex: how sessions, tokens and the set-up token are stored.
std::string secret_hash(std::string_view secret);
// Constant time for equal lengths.
bool constant_time_equal(std::string_view a, std::string_view b);

// --- sessions ---------------------------------------------------------------------------

inline constexpr std::string_view session_cookie_name = "ritme_session";
inline constexpr std::chrono::seconds session_lifetime = std::chrono::days(30);
inline constexpr std::string_view access_token_prefix = "rt_";

// Set-Cookie values. `secure` adds "; Secure" (TLS, or behind a TLS proxy); the
// dispatcher also adds it to any Set-Cookie of a request over TLS.
std::string session_cookie(const std::string& value, bool secure = false);
std::string expired_session_cookie(bool secure = false);

// The values of the cookie `name` in the request's Cookie header(s), in order.
std::vector<std::string> cookie_values(const Request& request, std::string_view name);
// The token of an "Authorization: Bearer <token>" header.
std::optional<std::string> bearer_token(const Request& request);

struct StartedSession {
    Session session;           // as stored: the hash of the cookie value, the CSRF token
    std::string cookie_value;  // for the Set-Cookie header only; never stored
};
// `user_agent`: of the request that signs in, to tell the person's sessions apart.
StartedSession start_session(Services& services, const std::string& user_id, const std::string& user_agent = "");

struct IssuedAccessToken {
    AccessToken token;   // as stored
    std::string secret;  // "rt_...": shown once, never stored
};
IssuedAccessToken issue_access_token(Services& services, const std::string& user_id, const std::string& name);

struct Authenticated {
    Caller caller;
    std::string csrf_token;  // the session's (via cookie); empty via bearer
};
// The caller of a request: a bearer token when the request has an Authorization header,
// else a live session cookie (neither past its end nor idle for services.session_idle_timeout;
// its last use is kept). Nullopt when neither is valid.
std::optional<Authenticated> authenticate(Services& services, const Request& request);

// --- login throttling -------------------------------------------------------------------

// Attempts with a wrong password in the window: per account and address together, and per
// address over all accounts (credential stuffing). The owner who signs in from another
// address is never held up by a guesser elsewhere. An attempt is reserved before its
// password is checked, so however many come at once, no more than the limit are checked.
inline constexpr int max_login_failures = 10;          // per account and address
inline constexpr int max_address_login_failures = 30;  // per address, all accounts
inline constexpr std::chrono::seconds login_failure_window = std::chrono::minutes(10);

// "login:<email lower-cased> <ip>" with max_login_failures, "address:<ip>" with
// max_address_login_failures.
std::vector<Store::AttemptLimit> login_throttle_limits(std::string_view email, std::string_view remote_address);
// How long until another attempt may be made (>= 1 s): until the oldest attempt of a key
// at its limit leaves the window. Nullopt when none is at its limit.
std::optional<std::chrono::seconds> login_retry_after(Store& store, Timestamp now,
                                                      const std::vector<Store::AttemptLimit>& limits);

struct LoginAttempt {
    std::string id;                                   // reserved: its password may be checked
    std::optional<std::chrono::seconds> retry_after;  // refused: wait this long
};
// Reserves an attempt under every key, or answers how long to wait.
LoginAttempt reserve_login_attempt(Store& store, Timestamp now, const std::vector<Store::AttemptLimit>& limits);
// The password was right: the attempt is taken back, and the account and address start
// afresh (the address's other failures stay until they age out).
void login_attempt_succeeded(Store& store, const LoginAttempt& attempt, const std::vector<Store::AttemptLimit>& limits);

// --- the one-time set-up token ----------------------------------------------------------

inline constexpr const char* setup_token_setting = "setup_token_hash";

// While nobody has an account: a new one-time token (its hash stored in the setting
// "setup_token_hash"), for the caller to log. Otherwise nullopt (and no token is kept).
std::optional<std::string> prepare_setup_token(Services& services);
// Whether `token` is the current set-up token.
bool setup_token_matches(Services& services, const std::string& token);

}  // namespace ritme::http

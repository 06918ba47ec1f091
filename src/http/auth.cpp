#include "http/auth.hpp"

#include <algorithm>
#include <array>
#include <mutex>
#include <stdexcept>

#include <sodium.h>

#include "core/rules.hpp"

namespace ritme::http {
namespace {

void ensure_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

// Holds one of the hasher's slots for as long as it lives.
class Slot {
public:
    explicit Slot(std::counting_semaphore<64>& slots) : slots_(slots) { slots_.acquire(); }
    ~Slot() { slots_.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

private:
    std::counting_semaphore<64>& slots_;
};

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        char c = text[i];
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        if (c != prefix[i]) return false;
    }
    return true;
}

std::optional<Authenticated> caller_by_token(Services& services, const std::string& token) {
    if (!token.starts_with(access_token_prefix)) return std::nullopt;
    std::optional<AccessToken> stored = services.store.find_access_token(secret_hash(token));
    if (!stored) return std::nullopt;
    std::optional<User> user = services.store.find_user(stored->user_id);
    if (!user) return std::nullopt;
    return Authenticated{Caller{*user, Caller::Via::bearer, "", stored->id}, ""};
}

// A session's last use is written at most this often, not on every request.
std::chrono::seconds session_touch_interval(const Services& services) {
    return std::min<std::chrono::seconds>(std::chrono::minutes(1), services.session_idle_timeout / 4);
}

std::optional<Authenticated> caller_by_session(Services& services, const std::string& cookie_value) {
    std::string hash = secret_hash(cookie_value);
    std::optional<Session> session = services.store.find_session(hash);
    if (!session) return std::nullopt;
    Timestamp now = services.clock.now();
    if (session->expires_at <= now || session->last_used_at + services.session_idle_timeout <= now) {
        services.store.delete_session(hash);
        return std::nullopt;
    }
    if (now - session->last_used_at >= session_touch_interval(services)) services.store.touch_session(hash, now);
    std::optional<User> user = services.store.find_user(session->user_id);
    if (!user) return std::nullopt;
    return Authenticated{Caller{*user, Caller::Via::cookie, hash, ""}, session->csrf_token};
}

}  // namespace

// --- passwords --------------------------------------------------------------------------

SodiumPasswordHasher::SodiumPasswordHasher(unsigned concurrency, unsigned long long opslimit, std::size_t memlimit)
    : slots_(static_cast<std::ptrdiff_t>(std::clamp(concurrency, 1u, 64u))),
      opslimit_(std::max(opslimit, static_cast<unsigned long long>(crypto_pwhash_OPSLIMIT_MIN))),
      memlimit_(std::max(memlimit, static_cast<std::size_t>(crypto_pwhash_MEMLIMIT_MIN))) {
    ensure_sodium();
}

std::string SodiumPasswordHasher::hash(const std::string& password) {
    std::array<char, crypto_pwhash_STRBYTES> out{};
    int outcome = 0;
    {
        Slot slot(slots_);
        outcome = crypto_pwhash_str_alg(out.data(), password.data(), password.size(), opslimit_, memlimit_,
                                        crypto_pwhash_ALG_ARGON2ID13);
    }
    if (outcome != 0) throw std::runtime_error("password hashing failed (out of memory)");
    return std::string(out.data());
}

bool SodiumPasswordHasher::verify(const std::string& hash, const std::string& password) {
    if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
    Slot slot(slots_);
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void dummy_verify(PasswordHasher& hasher, const std::string& password) {
    // A hash of a random password with the default parameters, made once per process.
    static const std::string dummy = [] {
        ensure_sodium();
        std::array<char, crypto_pwhash_STRBYTES> out{};
        std::string secret = random_token();
        if (crypto_pwhash_str_alg(out.data(), secret.data(), secret.size(), password_opslimit, password_memlimit,
                                  crypto_pwhash_ALG_ARGON2ID13) != 0) {
            return std::string();
        }
        return std::string(out.data());
    }();
    (void)hasher.verify(dummy, password);
}

// --- secrets ----------------------------------------------------------------------------

std::string random_token() {
    ensure_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::array<char, sodium_base64_ENCODED_LEN(32, variant)> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
    sodium_memzero(bytes.data(), bytes.size());
    return std::string(text.data());
}

std::string secret_hash(std::string_view secret) {
    ensure_sodium();
    std::array<unsigned char, crypto_generichash_BYTES> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(secret.data()),
                       secret.size(), nullptr, 0);
    std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
    return std::string(hex.data());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// --- sessions ---------------------------------------------------------------------------

std::string session_cookie(const std::string& value, bool secure) {
    std::string cookie = std::string(session_cookie_name) + "=" + value +
                         "; Path=/; Max-Age=" + std::to_string(session_lifetime.count()) + "; HttpOnly; SameSite=Lax";
    if (secure) cookie += "; Secure";
    return cookie;
}

std::string expired_session_cookie(bool secure) {
    std::string cookie = std::string(session_cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    if (secure) cookie += "; Secure";
    return cookie;
}

std::vector<std::string> cookie_values(const Request& request, std::string_view name) {
    std::vector<std::string> values;
    std::optional<std::string> header = request.header("cookie");
    if (!header) return values;
    std::string_view rest = *header;
    while (!rest.empty()) {
        std::size_t end = rest.find(';');
        std::string_view pair = trim(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        std::size_t equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        if (trim(pair.substr(0, equals)) != name) continue;
        std::string_view value = trim(pair.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        if (!value.empty()) values.emplace_back(value);
    }
    return values;
}

std::optional<std::string> bearer_token(const Request& request) {
    std::optional<std::string> header = request.header("authorization");
    if (!header) return std::nullopt;
    std::string_view value = trim(*header);
    if (!starts_with_ignoring_case(value, "bearer ")) return std::nullopt;
    std::string_view token = trim(value.substr(7));
    if (token.empty()) return std::nullopt;
    return std::string(token);
}

StartedSession start_session(Services& services, const std::string& user_id, const std::string& user_agent) {
    StartedSession started;
    started.cookie_value = random_token();
    Timestamp now = services.clock.now();
    started.session.token_hash = secret_hash(started.cookie_value);
    started.session.user_id = user_id;
    started.session.csrf_token = random_token();
    started.session.created_at = now;
    started.session.expires_at = now + session_lifetime;
    started.session.id = services.ids.new_id();
    started.session.last_used_at = now;
    for (char c : user_agent) {  // printable ASCII only, as User-Agent should be
        if (c >= 0x20 && c <= 0x7e && started.session.user_agent.size() < 512) started.session.user_agent += c;
    }
    services.store.create_session(started.session);
    return started;
}

IssuedAccessToken issue_access_token(Services& services, const std::string& user_id, const std::string& name) {
    IssuedAccessToken issued;
    issued.secret = std::string(access_token_prefix) + random_token();
    issued.token.id = services.ids.new_id();
    issued.token.user_id = user_id;
    issued.token.name = name;
    issued.token.token_hash = secret_hash(issued.secret);
    issued.token.created_at = services.clock.now();
    services.store.create_access_token(issued.token);
    return issued;
}

std::optional<Authenticated> authenticate(Services& services, const Request& request) {
    if (request.header("authorization")) {
        std::optional<std::string> token = bearer_token(request);
        if (!token) return std::nullopt;
        return caller_by_token(services, *token);
    }
    std::vector<std::string> values = cookie_values(request, session_cookie_name);
    for (std::size_t i = 0; i < values.size() && i < 4; ++i) {
        if (auto caller = caller_by_session(services, values[i])) return caller;
    }
    return std::nullopt;
}

// --- login throttling -------------------------------------------------------------------

std::vector<Store::AttemptLimit> login_throttle_limits(std::string_view email, std::string_view remote_address) {
    std::string address(remote_address);
    return {{"login:" + normalise_email(email) + " " + address, max_login_failures},
            {"address:" + address, max_address_login_failures}};
}

namespace {

// The window holds the attempts of the last ten minutes: later than now - window.
Timestamp window_start(Timestamp now) {
    return now - login_failure_window + std::chrono::seconds(1);
}

}  // namespace

std::optional<std::chrono::seconds> login_retry_after(Store& store, Timestamp now,
                                                      const std::vector<Store::AttemptLimit>& limits) {
    std::optional<std::chrono::seconds> wait;
    for (const Store::AttemptLimit& limit : limits) {
        std::vector<Timestamp> failures = store.login_failures_since(limit.key, window_start(now));
        if (static_cast<int>(failures.size()) < limit.limit) continue;
        Timestamp oldest = *std::min_element(failures.begin(), failures.end());
        auto seconds = std::chrono::duration_cast<std::chrono::seconds>(oldest + login_failure_window - now);
        seconds = std::max(seconds, std::chrono::seconds(1));
        if (!wait || seconds > *wait) wait = seconds;
    }
    return wait;
}

LoginAttempt reserve_login_attempt(Store& store, Timestamp now, const std::vector<Store::AttemptLimit>& limits) {
    LoginAttempt attempt;
    std::string id = random_token();
    if (store.reserve_login_attempt(limits, id, now, window_start(now))) {
        attempt.id = std::move(id);
    } else {
        // A key may have dropped below its limit since: then in a second.
        attempt.retry_after = login_retry_after(store, now, limits).value_or(std::chrono::seconds(1));
    }
    return attempt;
}

void login_attempt_succeeded(Store& store, const LoginAttempt& attempt, const std::vector<Store::AttemptLimit>& limits) {
    store.release_login_attempt(attempt.id);
    if (!limits.empty()) store.clear_login_failures(limits.front().key);
}

// --- the one-time set-up token ----------------------------------------------------------

std::optional<std::string> prepare_setup_token(Services& services) {
    if (services.store.count_users() > 0) {
        if (services.store.setting(setup_token_setting)) services.store.delete_setting(setup_token_setting);
        return std::nullopt;
    }
    std::string token = random_token();
    services.store.set_setting(setup_token_setting, secret_hash(token));
    return token;
}

bool setup_token_matches(Services& services, const std::string& token) {
    std::optional<std::string> stored = services.store.setting(setup_token_setting);
    if (!stored || stored->empty() || token.empty()) return false;
    return constant_time_equal(secret_hash(token), *stored);
}

}  // namespace ritme::http

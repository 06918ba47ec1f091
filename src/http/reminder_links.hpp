#pragma once
// The one-click way to turn a reminder off: a link in each reminder e-mail that carries an
// HMAC (libsodium crypto_auth) over "user:level", so it works without signing in and
// cannot be made for anyone else. The key lives in the settings table, so every server
// process on one database signs and checks alike.
#include <optional>
#include <string>

#include "core/social.hpp"
#include "core/store.hpp"

namespace ritme::http {

inline constexpr const char* reminder_link_key_setting = "reminder_link_key";

// The key, as the migrations made it (hex); made and stored here only where it is missing.
std::string reminder_link_key(Store& store);

std::string reminder_off_signature(const std::string& key, const std::string& user_id, Level level);
bool reminder_off_signature_valid(const std::string& key, const std::string& user_id, Level level,
                                  const std::string& signature);

// "{public_url}/reminders/off?user=ID&level=daily&signature=S"
std::string reminder_off_url(const std::string& public_url, const std::string& key, const std::string& user_id,
                             Level level);

}  // namespace ritme::http

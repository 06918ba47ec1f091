#include "http/reminder_links.hpp"

#include <array>
#include <vector>

#include <sodium.h>

namespace ritme::http {
namespace {

std::string url_safe_base64(const unsigned char* bytes, std::size_t size) {
    std::vector<char> text(sodium_base64_encoded_len(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING));
    sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(text.data());
}

// The key is kept as hex: the migrations make it with SQL alone (32 random bytes on
// SQLite; two random UUIDs, 244 random bits, on PostgreSQL).
std::optional<std::array<unsigned char, crypto_auth_KEYBYTES>> decoded_key(const std::string& key) {
    std::array<unsigned char, crypto_auth_KEYBYTES> bytes{};
    std::size_t length = 0;
    if (key.size() != 2 * bytes.size() ||
        sodium_hex2bin(bytes.data(), bytes.size(), key.data(), key.size(), nullptr, &length, nullptr) != 0 ||
        length != bytes.size()) {
        return std::nullopt;
    }
    return bytes;
}

std::string signed_text(const std::string& user_id, Level level) {
    return user_id + ":" + std::string(to_string(level));
}

// User ids are url-safe base64 already; anything else is escaped all the same.
std::string query_escaped(const std::string& text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
            byte == '-' || byte == '_' || byte == '.' || byte == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

}  // namespace

std::string reminder_link_key(Store& store) {
    if (std::optional<std::string> stored = store.setting(reminder_link_key_setting); stored && decoded_key(*stored)) {
        return *stored;
    }
    // Only a store without the migrations (a test's) lacks it.
    std::array<unsigned char, crypto_auth_KEYBYTES> bytes{};
    crypto_auth_keygen(bytes.data());
    std::vector<char> hex(2 * bytes.size() + 1);
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    store.set_setting(reminder_link_key_setting, hex.data());
    return hex.data();
}

std::string reminder_off_signature(const std::string& key, const std::string& user_id, Level level) {
    auto bytes = decoded_key(key);
    if (!bytes) return {};
    std::string text = signed_text(user_id, level);
    std::array<unsigned char, crypto_auth_BYTES> mac{};
    crypto_auth(mac.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(), bytes->data());
    return url_safe_base64(mac.data(), mac.size());
}

bool reminder_off_signature_valid(const std::string& key, const std::string& user_id, Level level,
                                  const std::string& signature) {
    auto bytes = decoded_key(key);
    if (!bytes) return false;
    std::array<unsigned char, crypto_auth_BYTES> mac{};
    std::size_t length = 0;
    if (sodium_base642bin(mac.data(), mac.size(), signature.data(), signature.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        length != mac.size()) {
        return false;
    }
    std::string text = signed_text(user_id, level);
    return crypto_auth_verify(mac.data(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                              bytes->data()) == 0;
}

std::string reminder_off_url(const std::string& public_url, const std::string& key, const std::string& user_id,
                             Level level) {
    std::string base = public_url;
    while (base.ends_with("/")) base.pop_back();
    return base + "/reminders/off?user=" + query_escaped(user_id) + "&level=" + std::string(to_string(level)) +
           "&signature=" + reminder_off_signature(key, user_id, level);
}

}  // namespace ritme::http

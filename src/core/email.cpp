#include <algorithm>

#include "core/rules.hpp"

namespace ritme {

Status validate_email(const std::string& email) {
    auto at = email.find('@');
    bool plausible = email.size() <= 254 && at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
                     email.find('.', at + 2) != std::string::npos && email.back() != '.' &&
                     std::none_of(email.begin(), email.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
    if (!plausible) return validation_error("email", "must be an e-mail address such as name@example.nl");
    return ok_status();
}

std::string normalise_email(std::string_view email) {
    while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
    while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
    std::string out(email);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

}  // namespace ritme

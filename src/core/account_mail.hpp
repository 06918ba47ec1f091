#pragma once
// The e-mails about a person's account, in their language: the link to set a new password.
#include <string>

#include "core/domain.hpp"

namespace ritme {

struct AccountMail {
    std::string subject;  // one line, UTF-8
    std::string body;     // plain text, UTF-8, lines joined with "\n"
};

// `link` is absolute; it works once, for `valid_minutes`.
AccountMail password_reset_mail(const User& person, const std::string& link, int valid_minutes);

}  // namespace ritme

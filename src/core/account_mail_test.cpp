#include "core/account_mail.hpp"

#include <gtest/gtest.h>

namespace ritme {
namespace {

User person_speaking(Locale locale) {
    User person;
    person.id = "u1";
    person.name = "Alice";
    person.locale = locale;
    return person;
}

TEST(PasswordResetMail, IsInThePersonsLanguageWithTheLinkAndItsLifetime) {
    const std::string link = "https://ritme.test/password-reset/abc";
    AccountMail dutch = password_reset_mail(person_speaking(Locale::nl), link, 60);
    AccountMail english = password_reset_mail(person_speaking(Locale::en), link, 60);
    EXPECT_NE(dutch.subject, english.subject);
    EXPECT_NE(dutch.body.find("Hallo Alice"), std::string::npos);
    EXPECT_NE(english.body.find("Hello Alice"), std::string::npos);
    for (const AccountMail& mail : {dutch, english}) {
        EXPECT_NE(mail.body.find("\n" + link + "\n"), std::string::npos);
        EXPECT_NE(mail.body.find("60"), std::string::npos);
        EXPECT_EQ(mail.subject.find('\n'), std::string::npos);
    }
}

}  // namespace
}  // namespace ritme

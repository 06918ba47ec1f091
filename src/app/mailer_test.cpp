#include "app/mailer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace ritme::app {
namespace {

using namespace std::chrono;

struct UrlCase {
    const char* url;
    bool ok;
    bool tls;
    const char* host;
    int port;
    const char* user;
    const char* password;
};

class SmtpUrls : public ::testing::TestWithParam<UrlCase> {};

TEST_P(SmtpUrls, ParseAsDocumented) {
    const UrlCase& c = GetParam();
    Result<SmtpUrl> parsed = parse_smtp_url(c.url);
    ASSERT_EQ(parsed.ok(), c.ok) << c.url;
    if (!c.ok) return;
    EXPECT_EQ(parsed->implicit_tls, c.tls);
    EXPECT_EQ(parsed->host, c.host);
    EXPECT_EQ(parsed->port, c.port);
    EXPECT_EQ(parsed->user, c.user);
    EXPECT_EQ(parsed->password, c.password);
    // What may be logged never holds the credentials.
    if (*c.password != '\0') {
        EXPECT_EQ(parsed->address().find(c.password), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(Table, SmtpUrls,
                         ::testing::Values(UrlCase{"smtp://127.0.0.1:2525", true, false, "127.0.0.1", 2525, "", ""},
                                           UrlCase{"smtp://mail.example.nl", true, false, "mail.example.nl", 25, "",
                                                   ""},
                                           UrlCase{"smtps://ritme:geheim@mail.example.nl:465", true, true,
                                                   "mail.example.nl", 465, "ritme", "geheim"},
                                           UrlCase{"smtps://ritme%40example.nl:p%3Ass%40w@mail.example.nl", true, true,
                                                   "mail.example.nl", 465, "ritme@example.nl", "p:ss@w"},
                                           UrlCase{"smtp://[::1]:2525/", true, false, "[::1]", 2525, "", ""},
                                           UrlCase{"http://mail.example.nl", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://host:0", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://host:99999", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://host:25x", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://host:25/path", false, false, "", 0, "", ""},
                                           UrlCase{"smtp://user:%zz@host", false, false, "", 0, "", ""}));

TEST(SmtpUrl, AddressNamesSchemeHostAndPortOnly) {
    Result<SmtpUrl> parsed = parse_smtp_url("smtps://ritme:geheim@mail.example.nl:465");
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->address(), "smtps://mail.example.nl:465");
}

TEST(BareAddress, TakesTheAddressOutOfAMailbox) {
    EXPECT_EQ(bare_address("Ritme <ritme@example.nl>"), "ritme@example.nl");
    EXPECT_EQ(bare_address("  ritme@example.nl "), "ritme@example.nl");
    EXPECT_EQ(bare_address(""), "");
}

TEST(HeaderText, PlainAsciiStaysAsItIs) {
    EXPECT_EQ(encode_header_text("Your learning diary for 26 November 2026"),
              "Your learning diary for 26 November 2026");
}

// Decodes what encode_header_text made, to check it round-trips.
std::string decode_words(const std::string& encoded) {
    static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t at = 0;
    while ((at = encoded.find("=?UTF-8?B?", at)) != std::string::npos) {
        at += 10;
        std::size_t end = encoded.find("?=", at);
        std::string word = encoded.substr(at, end - at);
        unsigned buffer = 0;
        int bits = 0;
        for (char c : word) {
            if (c == '=') break;
            buffer = (buffer << 6) | static_cast<unsigned>(alphabet.find(c));
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += static_cast<char>((buffer >> bits) & 0xFF);
            }
        }
        at = end + 2;
    }
    return out;
}

TEST(HeaderText, Utf8BecomesEncodedWordsOfWholeCharacters) {
    std::string subject = "Je maandreflectie: één of twee competenties kiezen — ‘learning on the job’ in één oogopslag";
    std::string encoded = encode_header_text(subject);
    EXPECT_EQ(encoded.rfind("=?UTF-8?B?", 0), 0U);
    EXPECT_EQ(decode_words(encoded), subject);
    // Each word at most 75 characters, folded onto lines that start with a space.
    std::size_t start = 0;
    while (start < encoded.size()) {
        std::size_t end = encoded.find("\r\n", start);
        std::string line = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(line.size(), 76U) << line;
        if (start > 0) {
            EXPECT_EQ(line.front(), ' ');
        }
        if (end == std::string::npos) break;
        start = end + 2;
    }
    // Every word decodes to valid UTF-8 on its own (no character split in two).
    std::size_t word_start = 0;
    while ((word_start = encoded.find("=?UTF-8?B?", word_start)) != std::string::npos) {
        std::size_t word_end = encoded.find("?=", word_start) + 2;
        std::string one = decode_words(encoded.substr(word_start, word_end - word_start));
        ASSERT_FALSE(one.empty());
        EXPECT_NE(static_cast<unsigned char>(one.front()) & 0xC0, 0x80U) << "a word starts inside a character";
        word_start = word_end;
    }
}

TEST(QuotedPrintable, EncodesWhatMustBeAndKeepsLinesShort) {
    EXPECT_EQ(quoted_printable("Hallo Anna,\n\nGa naar https://x.nl/?a=1"),
              "Hallo Anna,\r\n\r\nGa naar https://x.nl/?a=3D1");
    EXPECT_EQ(quoted_printable("één"), "=C3=A9=C3=A9n");
    EXPECT_EQ(quoted_printable("trailing space \nnext"), "trailing space=20\r\nnext");
    std::string long_line(200, 'a');
    std::string encoded = quoted_printable(long_line);
    std::size_t start = 0;
    std::string joined;
    while (start < encoded.size()) {
        std::size_t end = encoded.find("\r\n", start);
        std::string line = encoded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(line.size(), 76U);
        joined += line.ends_with("=") ? line.substr(0, line.size() - 1) : line;
        if (end == std::string::npos) break;
        start = end + 2;
    }
    EXPECT_EQ(joined, long_line);
}

TEST(Rfc5322Date, IsInUtc) {
    Timestamp at = sys_days{year{2026} / 12 / 1} + hours{9} + minutes{5} + seconds{7};
    EXPECT_EQ(rfc5322_date(at), "Tue, 01 Dec 2026 09:05:07 +0000");
}

TEST(ComposeMail, CarriesTheHeadersAReminderNeeds) {
    OutgoingMail mail{"anna@example.nl", "Je leerdagboek van 26 november 2026", "Hallo Anna,\n\nSchrijf.\n",
                      "https://ritme.example.nl/reminders/off?user=u1&level=daily&signature=s"};
    Timestamp at = sys_days{year{2026} / 11 / 26} + hours{16} + minutes{30};
    std::string text = compose_mail(mail, "Ritme <ritme@example.nl>", at, "abc@example.nl");
    std::string head = text.substr(0, text.find("\r\n\r\n") + 2);
    EXPECT_NE(head.find("Date: Thu, 26 Nov 2026 16:30:00 +0000\r\n"), std::string::npos);
    EXPECT_NE(head.find("From: Ritme <ritme@example.nl>\r\n"), std::string::npos);
    EXPECT_NE(head.find("To: <anna@example.nl>\r\n"), std::string::npos);
    EXPECT_NE(head.find("Message-ID: <abc@example.nl>\r\n"), std::string::npos);
    EXPECT_NE(head.find("Subject: Je leerdagboek van 26 november 2026\r\n"), std::string::npos);
    EXPECT_NE(head.find("Content-Type: text/plain; charset=utf-8\r\n"), std::string::npos);
    EXPECT_NE(head.find("Content-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
    EXPECT_NE(
        head.find("List-Unsubscribe: <https://ritme.example.nl/reminders/off?user=u1&level=daily&signature=s>\r\n"),
        std::string::npos);
    EXPECT_NE(head.find("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), std::string::npos);
    EXPECT_EQ(text.substr(text.find("\r\n\r\n") + 4), "Hallo Anna,\r\n\r\nSchrijf.\r\n");
}

TEST(ComposeMail, ALineBreakInAHeaderValueCannotAddAHeader) {
    OutgoingMail mail{"anna@example.nl\r\nBcc: everyone@example.nl", "Subject\r\nBcc: x@example.nl", "body", ""};
    std::string text = compose_mail(mail, "ritme@example.nl", Timestamp{}, "id@example.nl");
    std::string head = text.substr(0, text.find("\r\n\r\n") + 2);
    EXPECT_EQ(head.find("\r\nBcc:"), std::string::npos);
    EXPECT_EQ(head.find("List-Unsubscribe"), std::string::npos);
}

}  // namespace
}  // namespace ritme::app

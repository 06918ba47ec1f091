#pragma once
// E-mail out: plain-text UTF-8 messages over SMTP through libcurl. The Mailer interface is
// what the reminder pass needs; SmtpMailer is the real thing.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/ports.hpp"
#include "core/result.hpp"

namespace ritme::app {

struct OutgoingMail {
    std::string to;               // one address
    std::string subject;          // UTF-8, one line
    std::string body;             // UTF-8 plain text, lines joined with "\n"
    std::string unsubscribe_url;  // for List-Unsubscribe (RFC 8058 one-click); "" for none
};

class Mailer {
public:
    virtual ~Mailer() = default;
    // Hands the message to the mail server; an error says why it could not (to log and retry).
    virtual Status send(const OutgoingMail& mail) = 0;
};

// "smtp://host:port" (STARTTLS when the server offers it) or "smtps://user:password@host:port"
// (TLS from the start); user and password may be in either.
struct SmtpUrl {
    bool implicit_tls = false;
    std::string host;  // as in the URL ("[::1]" for IPv6)
    std::uint16_t port = 0;
    std::string user;      // percent-decoded
    std::string password;  // percent-decoded; never logged
    // "smtp://host:port" without the credentials: safe to log.
    std::string address() const;
};
Result<SmtpUrl> parse_smtp_url(std::string_view url);

// The address inside "Name <addr@host>", or the whole text when it is a bare address.
std::string bare_address(std::string_view mailbox);

// The command line's mail settings, checked together: the SMTP URL and a sender address
// (`ritme serve` and `ritme reminders run` take the same ones).
Result<SmtpUrl> parse_mail_settings(std::string_view smtp_url, std::string_view mail_from);

// RFC 2047: the text as is when it is printable ASCII, else as UTF-8 base64 encoded words
// (folded, never splitting a character).
std::string encode_header_text(std::string_view text);
// RFC 2045 quoted-printable with CRLF line ends and soft breaks at 76 characters.
std::string quoted_printable(std::string_view text);
// "Tue, 01 Dec 2026 09:00:00 +0000"
std::string rfc5322_date(Timestamp at);

// The whole message as sent: headers (Date, From, To, Message-ID, Subject, MIME,
// List-Unsubscribe), a blank line and the quoted-printable body, CRLF throughout.
std::string compose_mail(const OutgoingMail& mail, const std::string& from, Timestamp date,
                         const std::string& message_id);

class SmtpMailer final : public Mailer {
public:
    // `from`: "ritme@example.nl" or "Ritme <ritme@example.nl>".
    SmtpMailer(SmtpUrl server, std::string from, Clock& clock, IdSource& ids);
    Status send(const OutgoingMail& mail) override;

private:
    SmtpUrl server_;
    std::string from_;
    Clock& clock_;
    IdSource& ids_;
};

}  // namespace ritme::app

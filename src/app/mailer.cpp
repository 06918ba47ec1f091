#include "app/mailer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <vector>

#include <curl/curl.h>
#include <sodium.h>

#include "core/text.hpp"

namespace ritme::app {
namespace {

constexpr long connect_timeout_seconds = 10;
constexpr long send_timeout_seconds = 60;
constexpr std::size_t qp_line_limit = 76;
constexpr std::size_t encoded_word_bytes = 45;  // 45 bytes -> 60 base64 characters per word

std::string base64(std::string_view bytes) {
    std::vector<char> text(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL));
    sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    return std::string(text.data());
}

bool printable_ascii(std::string_view text) {
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte > 0x7E) return false;
    }
    return true;
}

// The domain of an address, for Message-ID.
std::string domain_of(std::string_view address) {
    std::size_t at = address.rfind('@');
    return at == std::string_view::npos ? std::string("ritme.invalid") : std::string(address.substr(at + 1));
}

// Header values are built from our own text; a line break in one would start a new header.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
    return out;
}

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* upload = static_cast<Upload*>(user);
    std::size_t room = size * count;
    std::size_t left = upload->data.size() - upload->offset;
    std::size_t n = left < room ? left : room;
    std::memcpy(buffer, upload->data.data() + upload->offset, n);
    upload->offset += n;
    return n;
}

void initialise_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::string SmtpUrl::address() const {
    return std::string(implicit_tls ? "smtps://" : "smtp://") + host + ":" + std::to_string(port);
}

Result<SmtpUrl> parse_smtp_url(std::string_view url) {
    SmtpUrl parsed;
    std::string_view rest;
    if (url.starts_with("smtps://")) {
        parsed.implicit_tls = true;
        rest = url.substr(8);
        parsed.port = 465;
    } else if (url.starts_with("smtp://")) {
        rest = url.substr(7);
        parsed.port = 25;
    } else {
        return Error{ErrorCode::bad_request, "the SMTP URL must start with smtp:// or smtps://"};
    }
    if (rest.ends_with("/")) rest.remove_suffix(1);
    if (rest.find('/') != std::string_view::npos) {
        return Error{ErrorCode::bad_request, "the SMTP URL takes no path: smtp://host:port"};
    }
    if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) {
        std::string_view credentials = rest.substr(0, at);
        rest = rest.substr(at + 1);
        std::size_t colon = credentials.find(':');
        auto user = percent_decode(credentials.substr(0, colon), false);
        auto password =
            percent_decode(colon == std::string_view::npos ? std::string_view() : credentials.substr(colon + 1), false);
        if (!user || !password) return Error{ErrorCode::bad_request, "the SMTP URL's credentials are not well-formed"};
        parsed.user = *user;
        parsed.password = *password;
    }
    std::string_view port_text;
    if (rest.starts_with("[")) {
        std::size_t close = rest.find(']');
        if (close == std::string_view::npos)
            return Error{ErrorCode::bad_request, "the SMTP URL's host is not well-formed"};
        parsed.host = std::string(rest.substr(0, close + 1));
        std::string_view after = rest.substr(close + 1);
        if (!after.empty()) {
            if (after.front() != ':') return Error{ErrorCode::bad_request, "the SMTP URL's host is not well-formed"};
            port_text = after.substr(1);
        }
    } else {
        std::size_t colon = rest.find(':');
        parsed.host = std::string(rest.substr(0, colon));
        if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
    }
    if (parsed.host.empty() || parsed.host == "[]") return Error{ErrorCode::bad_request, "the SMTP URL needs a host"};
    if (!port_text.empty() || rest.find(':') != std::string_view::npos) {
        unsigned port = 0;
        auto [end, fault] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (port_text.empty() || fault != std::errc{} || end != port_text.data() + port_text.size() || port == 0 ||
            port > 65535) {
            return Error{ErrorCode::bad_request, "the SMTP URL's port must be a number from 1 to 65535"};
        }
        parsed.port = static_cast<std::uint16_t>(port);
    }
    return parsed;
}

std::string bare_address(std::string_view mailbox) {
    std::size_t open = mailbox.rfind('<');
    std::size_t close = mailbox.rfind('>');
    if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
        return std::string(mailbox.substr(open + 1, close - open - 1));
    }
    std::size_t first = mailbox.find_first_not_of(" \t");
    std::size_t last = mailbox.find_last_not_of(" \t");
    if (first == std::string_view::npos) return {};
    return std::string(mailbox.substr(first, last - first + 1));
}

Result<SmtpUrl> parse_mail_settings(std::string_view smtp_url, std::string_view mail_from) {
    Result<SmtpUrl> server = parse_smtp_url(smtp_url);
    if (!server) return server;
    if (bare_address(mail_from).find('@') == std::string::npos) {
        return Error{ErrorCode::bad_request,
                     "reminders need a sender: --mail-from ritme@example.nl (env RITME_MAIL_FROM)"};
    }
    return server;
}

std::string encode_header_text(std::string_view text) {
    if (printable_ascii(text)) return std::string(text);
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(start + encoded_word_bytes, text.size());
        // Back up to the start of a UTF-8 character: a word must hold whole characters.
        while (end < text.size() && end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    static constexpr std::array<char, 16> hex{'0', '1', '2', '3', '4', '5', '6', '7',
                                              '8', '9', 'A', 'B', 'C', 'D', 'E', 'F'};
    std::string out;
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        std::size_t line_end = text.find('\n', line_start);
        std::string_view line = text.substr(
            line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start);
        if (line.ends_with("\r")) line.remove_suffix(1);
        std::size_t column = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            auto byte = static_cast<unsigned char>(line[i]);
            bool last = i + 1 == line.size();
            std::string piece;
            if ((byte >= 33 && byte <= 126 && byte != '=') || ((byte == ' ' || byte == '\t') && !last)) {
                piece = static_cast<char>(byte);
            } else {
                piece = {'=', hex.at(byte >> 4), hex.at(byte & 0x0F)};
            }
            // A soft break leaves room for the '=' that ends the line.
            if (column + piece.size() > qp_line_limit - 1) {
                out += "=\r\n";
                column = 0;
            }
            out += piece;
            column += piece.size();
        }
        if (line_end == std::string_view::npos) break;
        out += "\r\n";
        line_start = line_end + 1;
    }
    return out;
}

std::string rfc5322_date(Timestamp at) {
    static constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    auto days = std::chrono::floor<std::chrono::days>(at);
    std::chrono::year_month_day date{days};
    std::chrono::hh_mm_ss time{at - days};
    std::chrono::weekday weekday{days};
    std::array<char, 64> text{};
    std::snprintf(text.data(), text.size(), "%s, %02u %s %d %02d:%02d:%02d +0000", weekdays.at(weekday.c_encoding()),
                  static_cast<unsigned>(date.day()), months.at(static_cast<unsigned>(date.month()) - 1),
                  static_cast<int>(date.year()), static_cast<int>(time.hours().count()),
                  static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
    return std::string(text.data());
}

std::string compose_mail(const OutgoingMail& mail, const std::string& from, Timestamp date,
                         const std::string& message_id) {
    std::string message;
    auto header = [&message](std::string_view name, const std::string& value) {
        message += std::string(name) + ": " + value + "\r\n";
    };
    header("Date", rfc5322_date(date));
    std::string from_address = bare_address(from);
    std::size_t open = from.rfind('<');
    std::string display = open == std::string::npos ? std::string() : bare_address(from.substr(0, open));
    if (!display.empty() && display.front() == '"' && display.back() == '"' && display.size() >= 2) {
        display = display.substr(1, display.size() - 2);
    }
    header("From", display.empty() ? "<" + one_line(from_address) + ">"
                                   : encode_header_text(one_line(display)) + " <" + one_line(from_address) + ">");
    header("To", "<" + one_line(mail.to) + ">");
    header("Message-ID", "<" + one_line(message_id) + ">");
    header("Subject", encode_header_text(one_line(mail.subject)));
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    if (!mail.unsubscribe_url.empty()) {
        header("List-Unsubscribe", "<" + one_line(mail.unsubscribe_url) + ">");
        header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    header("Auto-Submitted", "auto-generated");  // RFC 3834: no out-of-office answers, please
    message += "\r\n";
    message += quoted_printable(mail.body);
    if (!message.ends_with("\r\n")) message += "\r\n";
    return message;
}

SmtpMailer::SmtpMailer(SmtpUrl server, std::string from, Clock& clock, IdSource& ids)
    : server_(std::move(server)), from_(std::move(from)), clock_(clock), ids_(ids) {
    initialise_curl();
}

Status SmtpMailer::send(const OutgoingMail& mail) {
    std::string from_address = bare_address(from_);
    std::string message_id = ids_.new_id() + "@" + domain_of(from_address);
    std::string message = compose_mail(mail, from_, clock_.now(), message_id);

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return Error{ErrorCode::bad_request, "libcurl could not start a transfer"};
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> recipients(nullptr, &curl_slist_free_all);
    recipients.reset(curl_slist_append(nullptr, ("<" + bare_address(mail.to) + ">").c_str()));
    std::array<char, CURL_ERROR_SIZE> failure{};
    Upload upload{message, 0};
    std::string url = server_.address();
    std::string envelope_from = "<" + from_address + ">";

    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    // smtps:// is TLS from the start; smtp:// moves to TLS when the server offers STARTTLS.
    curl_easy_setopt(handle, CURLOPT_USE_SSL,
                     static_cast<long>(server_.implicit_tls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
    if (!server_.user.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, server_.user.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, server_.password.c_str());
    }
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, connect_timeout_seconds);
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, send_timeout_seconds);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, failure.data());

    CURLcode code = curl_easy_perform(handle);
    if (code != CURLE_OK) {
        // libcurl's message names the step that failed, never the credentials.
        std::string why = failure[0] != '\0' ? std::string(failure.data()) : std::string(curl_easy_strerror(code));
        return Error{ErrorCode::bad_request, "sending through " + url + " failed: " + why};
    }
    return ok_status();
}

}  // namespace ritme::app

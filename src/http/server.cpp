#include "http/server.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#include <restinio/all.hpp>
#pragma GCC diagnostic pop
#include <http_parser.h>

#include "core/text.hpp"
#include "core/waiting.hpp"
#include "http/compute_turns.hpp"
#include "http/log.hpp"
#include "http/pages/pages.hpp"
#include "http/proxy.hpp"

// RESTinio 0.6's own acceptor stops for good after one failed accept (EMFILE) and its
// connections drop a request over a limit, or one that times out, without an answer. So
// the connections are ours: asio and http_parser, as RESTinio is built on them, with
// RESTinio's query parser.

namespace ritme::http {
namespace {

namespace asio = restinio::asio_ns;
using tcp = asio::ip::tcp;
using SteadyClock = std::chrono::steady_clock;

constexpr std::size_t read_buffer_bytes = 8 * 1024;
constexpr std::size_t default_connection_cap = 10'000;
// Descriptors kept free of connections: the database's files and connections, static
// files, the mail server, and the connections being refused.
constexpr std::size_t reserved_descriptors_base = 64;
constexpr std::size_t reserved_descriptors_per_thread = 4;
constexpr std::size_t max_refusals = 32;
// After an answer that closes the connection, what the client still sends is read and
// dropped for this long, so that closing does not reset the answer away.
constexpr auto linger_time = std::chrono::seconds(2);
constexpr std::size_t metrics_connection_cap = 16;  // the metrics listener's open connections
constexpr auto accept_retry_after_shortage = std::chrono::milliseconds(10);
constexpr const char* hsts_value = "max-age=31536000";

std::string_view reason_phrase(int status) {
    switch (status) {
        case 100:
            return "Continue";
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 414:
            return "URI Too Long";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 431:
            return "Request Header Fields Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

// The Date header's value, made again once a second in each thread.
std::string_view http_date() {
    thread_local std::time_t second = -1;
    thread_local std::array<char, 40> text{};
    thread_local std::size_t length = 0;
    std::time_t now = std::time(nullptr);
    if (now != second) {
        static constexpr std::array<const char*, 7> days{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
        static constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        std::tm parts{};
        gmtime_r(&now, &parts);
        int written = std::snprintf(text.data(), text.size(), "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                    days[static_cast<std::size_t>(parts.tm_wday) % 7], parts.tm_mday,
                                    months[static_cast<std::size_t>(parts.tm_mon) % 12], parts.tm_year + 1900,
                                    parts.tm_hour, parts.tm_min, parts.tm_sec);
        length = written > 0 ? static_cast<std::size_t>(written) : 0;
        second = now;
    }
    return {text.data(), length};
}

bool has_line_break(std::string_view text) {
    return text.find_first_of("\r\n") != std::string_view::npos;
}

// An answer's status line and header fields. `body_length` is sent as Content-Length
// unless the status has no body.
std::string head_of(const Response& response, std::size_t body_length, bool keep_alive, bool http10, bool tls) {
    std::string head;
    head.reserve(192 + response.headers.size() * 64);
    head += "HTTP/1.1 ";
    head += std::to_string(response.status);
    head += ' ';
    head += reason_phrase(response.status);
    head += "\r\nServer: ritme\r\nDate: ";
    head += http_date();
    head += "\r\n";
    for (const auto& [name, value] : response.headers) {
        if (has_line_break(name) || has_line_break(value)) {
            log_error("header_dropped", {{"header", has_line_break(name) ? std::string("?") : name}});
            continue;
        }
        head += name;
        head += ": ";
        head += value;
        head += "\r\n";
    }
    if (response.status >= 200 && response.status != 204 && response.status != 304) {
        head += "Content-Length: ";
        head += std::to_string(body_length);
        head += "\r\n";
    }
    if (tls) {
        head += "Strict-Transport-Security: ";
        head += hsts_value;
        head += "\r\n";
    }
    if (!keep_alive) {
        head += "Connection: close\r\n";
    } else if (http10) {
        head += "Connection: keep-alive\r\n";
    }
    head += "\r\n";
    return head;
}

// An error that the server itself answers, with the API's error body and the headers
// every answer carries.
struct Refusal {
    int status = 400;
    std::string code;
    std::string message;
};

Response refusal_response(const Refusal& refusal) {
    Response response = json_response(refusal.status, Json{{"error", {{"code", refusal.code}, {"message", refusal.message}}}});
    add_security_headers(response);
    return response;
}

// What every connection shares: the handlers, the settings, the counts.
struct Shared {
    Api& api;
    Pages* pages;
    ComputeTurns& turns;
    ServerOptions options;
    TrustedProxies proxies;
    std::size_t max_connections = 0;
    http_parser_settings parser_settings{};
    std::string refusal_text;  // the whole 503 answer to a connection over the cap
    bool metrics_only = false;  // the metrics listener: Api::handle_metrics_listener

    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> refusals{0};
    std::atomic<std::uint64_t> refused_unlogged{0};
    std::atomic<std::int64_t> refused_logged_at{0};

    Shared(Api& api_, Pages* pages_, ComputeTurns& turns_) : api(api_), pages(pages_), turns(turns_) {}
};

// A 503 to a connection over the cap, logged at most once a second with the count.
void note_connection_refused(Shared& shared) {
    shared.refused_unlogged.fetch_add(1, std::memory_order_relaxed);
    std::int64_t now =
        std::chrono::duration_cast<std::chrono::seconds>(SteadyClock::now().time_since_epoch()).count();
    std::int64_t last = shared.refused_logged_at.load(std::memory_order_relaxed);
    if (now > last && shared.refused_logged_at.compare_exchange_strong(last, now)) {
        log_warning("connections_refused", {{"refused", shared.refused_unlogged.exchange(0)},
                                            {"open", shared.connections.load(std::memory_order_relaxed)},
                                            {"max_connections", shared.max_connections}});
    }
}

Response answer(Shared& shared, const Request& request) {
    if (shared.metrics_only) return shared.api.handle_metrics_listener(request);
    return shared.pages != nullptr && !is_api_path(request.path) ? shared.pages->handle(request)
                                                                 : shared.api.handle(request);
}

// One HTTP/1.1 connection: read, parse within the limits, answer, one request after the
// other (pipelined requests are answered in order), each step under a deadline. All of
// it runs on the connection's strand.
class Connection final : public std::enable_shared_from_this<Connection> {
public:
    Connection(Shared& shared, tcp::socket socket, std::string peer, bool peer_trusted)
        : shared_(shared),
          socket_(std::move(socket)),
          timer_(socket_.get_executor()),
          peer_(std::move(peer)),
          peer_trusted_(peer_trusted) {
        http_parser_init(&parser_, HTTP_REQUEST);
        parser_.data = this;
    }
    ~Connection() { shared_.connections.fetch_sub(1, std::memory_order_relaxed); }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // From the accepting strand: the first steps run on the connection's own.
    void start() {
        asio::dispatch(socket_.get_executor(), [this, self = shared_from_this()] {
            set_deadline(Phase::idle, shared_.options.idle_timeout);
            read();
        });
    }

    // http_parser's callbacks.
    static http_parser_settings parser_settings() {
        http_parser_settings settings{};
        http_parser_settings_init(&settings);
        settings.on_message_begin = [](http_parser* parser) { return of(parser).on_message_begin(); };
        settings.on_url = [](http_parser* parser, const char* at, std::size_t length) {
            return of(parser).on_url(at, length);
        };
        settings.on_header_field = [](http_parser* parser, const char* at, std::size_t length) {
            return of(parser).on_header_field(at, length);
        };
        settings.on_header_value = [](http_parser* parser, const char* at, std::size_t length) {
            return of(parser).on_header_value(at, length);
        };
        settings.on_headers_complete = [](http_parser* parser) { return of(parser).on_headers_complete(); };
        settings.on_body = [](http_parser* parser, const char* at, std::size_t length) {
            return of(parser).on_body(at, length);
        };
        settings.on_message_complete = [](http_parser* parser) { return of(parser).on_message_complete(); };
        return settings;
    }

private:
    enum class Phase { idle, reading, handling, writing, lingering };

    static Connection& of(http_parser* parser) { return *static_cast<Connection*>(parser->data); }

    // --- reading and parsing ---------------------------------------------------------

    void read() {
        reading_ = true;
        socket_.async_read_some(asio::buffer(buffer_.data() + end_, buffer_.size() - end_),
                                [this, self = shared_from_this()](const asio::error_code& error, std::size_t length) {
                                    reading_ = false;
                                    if (closed_) return;
                                    if (timed_out_) {  // cancelled, or bytes that came too late
                                        refuse(Refusal{408, "request_timeout",
                                                       "The request was not complete in time."});
                                        return;
                                    }
                                    if (error) {
                                        close();  // the client went away
                                        return;
                                    }
                                    end_ += length;
                                    parse();
                                });
    }

    void parse() {
        while (true) {
            if (begin_ == end_) {
                begin_ = end_ = 0;
                if (expect_continue_ && !continue_sent_) {
                    send_continue();
                } else {
                    read();
                }
                return;
            }
            std::size_t offered = end_ - begin_;
            std::size_t parsed =
                http_parser_execute(&parser_, &shared_.parser_settings, buffer_.data() + begin_, offered);
            begin_ += parsed;
            auto error = static_cast<http_errno>(parser_.http_errno);
            if (error == HPE_PAUSED) {  // a whole request
                handle_request();
                return;
            }
            if (error != HPE_OK) {
                if (!failure_) {
                    failure_ = error == HPE_HEADER_OVERFLOW
                                   ? Refusal{431, "header_fields_too_large", "The request's header fields are too large."}
                                   : Refusal{400, "bad_request", "The request is not well-formed HTTP."};
                }
                refuse(*failure_);
                return;
            }
            if (parsed < offered) {  // what follows an upgrade is not HTTP
                refuse(Refusal{400, "bad_request", "The request is not well-formed HTTP."});
                return;
            }
        }
    }

    int fail(Refusal refusal) {
        failure_ = std::move(refusal);
        return -1;
    }

    int on_message_begin() {
        request_ = Request{};
        target_.clear();
        field_.clear();
        value_.clear();
        header_bytes_ = 0;
        fields_ = 0;
        hosts_ = 0;
        last_was_value_ = true;
        headers_done_ = false;
        expect_continue_ = false;
        continue_sent_ = false;
        failure_.reset();
        set_deadline(Phase::reading, shared_.options.request_timeout);
        return 0;
    }

    int on_url(const char* at, std::size_t length) {
        if (target_.size() + length > max_request_target_bytes) {
            return fail(Refusal{414, "uri_too_long", "The address is longer than 16384 bytes."});
        }
        target_.append(at, length);
        return 0;
    }

    int count_header_bytes(std::size_t length) {
        header_bytes_ += length;
        if (header_bytes_ > max_header_bytes) {
            return fail(Refusal{431, "header_fields_too_large", "The request's header fields are larger than 16384 bytes."});
        }
        return 0;
    }

    int on_header_field(const char* at, std::size_t length) {
        if (last_was_value_) {
            commit_field();
            if (++fields_ > max_header_fields) {
                return fail(Refusal{431, "header_fields_too_large", "The request has more than 100 header fields."});
            }
            last_was_value_ = false;
        }
        if (count_header_bytes(length) != 0) return -1;
        field_.append(at, length);
        return 0;
    }

    int on_header_value(const char* at, std::size_t length) {
        last_was_value_ = true;
        if (count_header_bytes(length) != 0) return -1;
        value_.append(at, length);
        return 0;
    }

    // The field just read into the request's headers (names lower-cased, repeated fields
    // joined); trailers of a chunked body are counted but not kept.
    void commit_field() {
        if (field_.empty()) return;
        if (!headers_done_) {
            for (char& c : field_) {
                if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            }
            while (!value_.empty() && (value_.back() == ' ' || value_.back() == '\t')) value_.pop_back();
            if (field_ == "host") ++hosts_;
            auto [existing, inserted] = request_.headers.try_emplace(field_, value_);
            if (!inserted) {
                existing->second += field_ == "cookie" ? "; " : ", ";
                existing->second += value_;
            }
        }
        field_.clear();
        value_.clear();
    }

    int on_headers_complete() {
        commit_field();
        headers_done_ = true;
        if (hosts_ > 1) return fail(Refusal{400, "bad_request", "The request has more than one Host header."});
        bool http11 = parser_.http_major > 1 || (parser_.http_major == 1 && parser_.http_minor >= 1);
        if (hosts_ == 0 && http11) return fail(Refusal{400, "bad_request", "The request has no Host header."});
        {
            std::string_view target = target_;
            body_limit_ = shared_.api.body_limit(http_method_str(static_cast<http_method>(parser_.method)),
                                                 std::string(target.substr(0, target.find_first_of("?#"))));
        }
        if ((parser_.flags & F_CONTENTLENGTH) != 0) {
            if (parser_.content_length > body_limit_) return fail(body_too_large());
            // Not more at once than a few reads bring: a client that announces a body and
            // sends none holds no megabyte.
            request_.body.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(parser_.content_length, 64 * 1024)));
        }
        if (http11) {
            auto expect = request_.headers.find("expect");
            expect_continue_ = expect != request_.headers.end() && equals_ascii_ignoring_case(expect->second, "100-continue");
        }
        return 0;
    }

    Refusal body_too_large() const {
        return Refusal{413, "payload_too_large",
                       "The request body is larger than " + std::to_string(body_limit_) + " bytes."};
    }

    int on_body(const char* at, std::size_t length) {
        if (request_.body.size() + length > body_limit_) return fail(body_too_large());
        request_.body.append(at, length);
        return 0;
    }

    int on_message_complete() {
        http_parser_pause(&parser_, 1);  // one request at a time: answered before the next is read
        return 0;
    }

    // "100 Continue" to a client that waits for it before sending the body.
    void send_continue() {
        continue_sent_ = true;
        static constexpr std::string_view text = "HTTP/1.1 100 Continue\r\n\r\n";
        asio::async_write(socket_, asio::buffer(text.data(), text.size()),
                          [this, self = shared_from_this()](const asio::error_code& error, std::size_t) {
                              if (closed_) return;
                              if (error) {
                                  close();
                                  return;
                              }
                              read();
                          });
    }

    // --- answering -----------------------------------------------------------------------

    void handle_request() {
        phase_ = Phase::handling;
        deadline_ = SteadyClock::time_point::max();
        bool keep_alive = http_should_keep_alive(&parser_) != 0 && parser_.upgrade == 0;
        bool http10 = parser_.http_major == 1 && parser_.http_minor == 0;
        request_.method = http_method_str(static_cast<http_method>(parser_.method));
        bool head_only = request_.method == "HEAD";

        Response response;
        try {
            std::string_view target = target_;
            std::string_view path = target.substr(0, target.find_first_of("?#"));
            std::string_view query;
            if (std::size_t question = target.find('?'); question != std::string_view::npos) {
                query = target.substr(question + 1);
                query = query.substr(0, query.find('#'));
            }
            std::optional<std::string> decoded = percent_decode(path, false);
            bool readable = decoded.has_value();
            if (readable) request_.path = std::move(*decoded);
            if (readable && !query.empty()) {
                auto parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(query);
                if (parsed) {
                    for (const auto& [name, value] : *parsed) request_.query.emplace_back(std::string(name), std::string(value));
                } else {
                    readable = false;
                }
            }
            if (readable) {
                request_.remote_address = peer_;
                request_.tls = shared_.options.behind_tls;
                if (peer_trusted_) {
                    if (auto forwarded = request_.headers.find("x-forwarded-for"); forwarded != request_.headers.end()) {
                        request_.remote_address = shared_.proxies.client_address(peer_, forwarded->second);
                    }
                    if (auto proto = request_.headers.find("x-forwarded-proto"); proto != request_.headers.end()) {
                        request_.tls = request_.tls || forwarded_proto_is_https(proto->second);
                    }
                }
                ComputeTurns::Turn turn(shared_.turns);
                response = answer(shared_, request_);
            } else {
                response =
                    shared_.api.refuse(request_.method, Error{ErrorCode::bad_request, "The address is not well-formed."});
            }
        } catch (const std::exception& failure) {
            log_error("request_unreadable", {{"error", failure.what()}});
            response = shared_.api.refuse(request_.method, Error{ErrorCode::bad_request, "The request could not be read."});
        }
        respond(std::move(response), keep_alive, http10, head_only, request_.tls);
    }

    // An answer the server gives itself, after which the connection closes.
    void refuse(const Refusal& refusal) {
        if (writing_) {  // a 408 while "100 Continue" is on its way: just close
            close();
            return;
        }
        std::string method = request_.method.empty() && headers_done_
                                 ? http_method_str(static_cast<http_method>(parser_.method))
                                 : request_.method;
        log_info("request_refused", {{"status", refusal.status}, {"error", refusal.code}});
        shared_.api.metrics().observe("unmatched", method.empty() ? "-" : method, refusal.status, 0.0);
        respond(refusal_response(refusal), false, false, false, shared_.options.behind_tls);
    }

    void respond(Response response, bool keep_alive, bool http10, bool head_only, bool tls) {
        keep_alive_ = keep_alive;
        head_ = head_of(response, response.body.size(), keep_alive, http10, tls);
        body_ = head_only || response.status == 204 || response.status == 304 ? std::string() : std::move(response.body);
        set_deadline(Phase::writing, shared_.options.write_timeout);
        writing_ = true;
        std::array<asio::const_buffer, 2> buffers{asio::buffer(head_), asio::buffer(body_)};
        asio::async_write(socket_, buffers,
                          [this, self = shared_from_this()](const asio::error_code& error, std::size_t) {
                              writing_ = false;
                              if (closed_) return;
                              if (error) {
                                  close();
                                  return;
                              }
                              std::string().swap(body_);
                              if (!keep_alive_) {
                                  linger();
                                  return;
                              }
                              set_deadline(Phase::idle, shared_.options.idle_timeout);
                              http_parser_pause(&parser_, 0);
                              parse();
                          });
    }

    // --- closing -----------------------------------------------------------------------

    // No more writing; what the client still sends is read and dropped until it closes
    // too, or for linger_time.
    void linger() {
        asio::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_send, ignored);
        set_deadline(Phase::lingering, linger_time);
        drain();
    }

    void drain() {
        if (reading_) return;  // the read under way drains
        reading_ = true;
        socket_.async_read_some(asio::buffer(buffer_),
                                [this, self = shared_from_this()](const asio::error_code& error, std::size_t) {
                                    reading_ = false;
                                    if (closed_) return;
                                    if (error) {
                                        close();
                                        return;
                                    }
                                    drain();
                                });
    }

    void close() {
        if (closed_) return;
        closed_ = true;
        timer_.cancel();
        asio::error_code ignored;
        socket_.close(ignored);
    }

    // --- deadlines -----------------------------------------------------------------------

    // One timer per connection, moved only when a deadline comes earlier than it: most
    // requests change the deadline without touching the timer.
    void set_deadline(Phase phase, SteadyClock::duration after) {
        phase_ = phase;
        deadline_ = SteadyClock::now() + after;
        if (!timer_armed_ || deadline_ < timer_at_) arm(deadline_);
    }

    void arm(SteadyClock::time_point at) {
        timer_at_ = at;
        timer_armed_ = true;
        std::uint64_t generation = ++timer_generation_;
        timer_.expires_at(at);
        timer_.async_wait([this, self = shared_from_this(), generation](const asio::error_code&) {
            if (closed_ || generation != timer_generation_) return;
            timer_armed_ = false;
            if (deadline_ == SteadyClock::time_point::max()) return;
            if (SteadyClock::now() < deadline_) {
                arm(deadline_);
                return;
            }
            on_timeout();
        });
    }

    void on_timeout() {
        switch (phase_) {
            case Phase::reading:  // a request begun and not complete: 408
                timed_out_ = true;
                deadline_ = SteadyClock::time_point::max();
                if (reading_) {
                    asio::error_code ignored;
                    socket_.cancel(ignored);  // the read's handler answers
                } else {
                    refuse(Refusal{408, "request_timeout", "The request was not complete in time."});
                }
                return;
            case Phase::handling:
                return;
            case Phase::idle:
            case Phase::writing:
            case Phase::lingering:
                close();
                return;
        }
    }

    Shared& shared_;
    tcp::socket socket_;
    asio::steady_timer timer_;
    const std::string peer_;
    const bool peer_trusted_;

    http_parser parser_{};
    std::array<char, read_buffer_bytes> buffer_{};
    std::size_t begin_ = 0;  // buffer_[begin_, end_) is read and not yet parsed
    std::size_t end_ = 0;

    // The request being read.
    Request request_;
    std::string target_;
    std::size_t body_limit_ = 0;  // of the request being read: Api::body_limit of its route
    std::string field_;
    std::string value_;
    std::size_t header_bytes_ = 0;
    std::size_t fields_ = 0;
    int hosts_ = 0;
    bool last_was_value_ = true;
    bool headers_done_ = false;
    bool expect_continue_ = false;
    bool continue_sent_ = false;
    std::optional<Refusal> failure_;

    // The answer being written.
    std::string head_;
    std::string body_;
    bool keep_alive_ = true;

    Phase phase_ = Phase::idle;
    SteadyClock::time_point deadline_ = SteadyClock::time_point::max();
    SteadyClock::time_point timer_at_{};
    bool timer_armed_ = false;
    std::uint64_t timer_generation_ = 0;
    bool reading_ = false;
    bool writing_ = false;
    bool timed_out_ = false;
    bool closed_ = false;
};

// A connection over the cap: the 503, then closed (after reading what the client sends
// for at most linger_time, so that the answer is not reset away).
class Turnaway final : public std::enable_shared_from_this<Turnaway> {
public:
    Turnaway(Shared& shared, tcp::socket socket)
        : shared_(shared), socket_(std::move(socket)), timer_(socket_.get_executor()) {}
    ~Turnaway() { shared_.refusals.fetch_sub(1, std::memory_order_relaxed); }
    Turnaway(const Turnaway&) = delete;
    Turnaway& operator=(const Turnaway&) = delete;

    void start() {
        asio::dispatch(socket_.get_executor(), [this, self = shared_from_this()] { begin(); });
    }

private:
    void begin() {
        timer_.expires_after(linger_time);
        timer_.async_wait([this, self = shared_from_this()](const asio::error_code& error) {
            if (!error) close();
        });
        asio::async_write(socket_, asio::buffer(shared_.refusal_text),
                          [this, self = shared_from_this()](const asio::error_code& error, std::size_t) {
                              if (error) {
                                  close();
                                  return;
                              }
                              asio::error_code ignored;
                              socket_.shutdown(tcp::socket::shutdown_send, ignored);
                              drain();
                          });
    }

    void drain() {
        socket_.async_read_some(asio::buffer(scratch_),
                                [this, self = shared_from_this()](const asio::error_code& error, std::size_t) {
                                    if (error) {
                                        close();
                                        return;
                                    }
                                    drain();
                                });
    }

    void close() {
        asio::error_code ignored;
        timer_.cancel();
        socket_.close(ignored);
    }

    Shared& shared_;
    tcp::socket socket_;
    asio::steady_timer timer_;
    std::array<char, 512> scratch_{};
};

// Accepts connections for as long as the server runs: below the cap each becomes a
// Connection, above it a Turnaway; a failed accept (no descriptor left) is tried again.
class Listener final : public std::enable_shared_from_this<Listener> {
public:
    Listener(Shared& shared, asio::io_context& io, const tcp::endpoint& endpoint)
        : shared_(shared), io_(io), acceptor_(asio::make_strand(io)), retry_(acceptor_.get_executor()) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(tcp::acceptor::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }

    void start() { accept(); }

    void stop() {
        asio::post(acceptor_.get_executor(), [this, self = shared_from_this()] {
            stopped_ = true;
            asio::error_code ignored;
            retry_.cancel();
            acceptor_.close(ignored);
        });
    }

private:
    void accept() {
        if (stopped_) return;
        acceptor_.async_accept(asio::make_strand(io_), [this, self = shared_from_this()](const asio::error_code& error,
                                                                                        tcp::socket socket) {
            if (stopped_ || error == asio::error::operation_aborted) return;
            if (error) {
                retry_after(error);
                return;
            }
            take(std::move(socket));
            accept();
        });
    }

    void retry_after(const asio::error_code& error) {
        bool shortage = error == asio::error::no_descriptors || error.value() == ENFILE ||
                        error == asio::error::no_buffer_space || error == asio::error::no_memory;
        auto now = SteadyClock::now();
        ++failures_unlogged_;
        if (now - failure_logged_at_ >= std::chrono::seconds(10)) {
            log_error("accept_failed", {{"error", error.message()},
                                        {"failures", failures_unlogged_},
                                        {"open", shared_.connections.load(std::memory_order_relaxed)}});
            failure_logged_at_ = now;
            failures_unlogged_ = 0;
        }
        retry_.expires_after(shortage ? accept_retry_after_shortage : SteadyClock::duration::zero());
        retry_.async_wait([this, self = shared_from_this()](const asio::error_code& cancelled) {
            if (!cancelled) accept();
        });
    }

    void take(tcp::socket socket) {
        if (shared_.connections.load(std::memory_order_relaxed) >= shared_.max_connections) {
            turn_away(std::move(socket));
            return;
        }
        asio::error_code error;
        tcp::endpoint remote = socket.remote_endpoint(error);
        if (error) return;  // gone already
        socket.set_option(tcp::no_delay(true), error);
        asio::ip::address address = remote.address();
        if (address.is_v6() && address.to_v6().is_v4_mapped()) {
            address = asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6());
        }
        std::string peer = address.to_string();
        bool trusted = !shared_.proxies.empty() && shared_.proxies.trusts(peer);
        shared_.connections.fetch_add(1, std::memory_order_relaxed);
        std::make_shared<Connection>(shared_, std::move(socket), std::move(peer), trusted)->start();
    }

    void turn_away(tcp::socket socket) {
        note_connection_refused(shared_);
        if (shared_.refusals.load(std::memory_order_relaxed) >= max_refusals) {
            // Too many being turned away already: the answer as far as it goes at once.
            asio::error_code ignored;
            socket.non_blocking(true, ignored);
            socket.write_some(asio::buffer(shared_.refusal_text), ignored);
            socket.close(ignored);
            return;
        }
        shared_.refusals.fetch_add(1, std::memory_order_relaxed);
        std::make_shared<Turnaway>(shared_, std::move(socket))->start();
    }

    Shared& shared_;
    asio::io_context& io_;
    tcp::acceptor acceptor_;
    asio::steady_timer retry_;
    bool stopped_ = false;
    SteadyClock::time_point failure_logged_at_{};
    std::uint64_t failures_unlogged_ = 0;
};

// The soft limit of open files raised to the hard one; the limit then in force.
std::uint64_t raise_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        if (raised.rlim_max == RLIM_INFINITY) {
            std::uint64_t most = 1u << 20;
            std::ifstream nr_open("/proc/sys/fs/nr_open");
            if (!(nr_open >> most)) most = 1u << 20;
            raised.rlim_cur = static_cast<rlim_t>(most);
        } else {
            raised.rlim_cur = raised.rlim_max;
        }
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        } else {
            log_warning("file_limit_not_raised", {{"soft", static_cast<std::uint64_t>(limit.rlim_cur)}});
        }
    }
    return limit.rlim_cur == RLIM_INFINITY ? (1u << 20) : static_cast<std::uint64_t>(limit.rlim_cur);
}

std::string make_refusal_text() {
    Response response = refusal_response(
        Refusal{503, "unavailable", "The server has as many connections open as it takes; try again in a moment."});
    response.set_header("Retry-After", "1");
    std::string text = "HTTP/1.1 503 Service Unavailable\r\nServer: ritme\r\n";
    for (const auto& [name, value] : response.headers) text += name + ": " + value + "\r\n";
    text += "Content-Length: " + std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n";
    text += response.body;
    return text;
}

tcp::endpoint endpoint_of(const std::string& host, std::uint16_t port) {
    std::string address = host;
    if (address == "localhost") address = "127.0.0.1";
    if (address == "ip6-localhost") address = "::1";
    if (address.size() >= 2 && address.front() == '[' && address.back() == ']') address = address.substr(1, address.size() - 2);
    asio::error_code error;
    asio::ip::address parsed = asio::ip::make_address(address, error);
    if (error) throw std::runtime_error("not an IP address: " + host);
    return tcp::endpoint(parsed, port);
}

}  // namespace

unsigned worker_threads(unsigned requested) {
    return requested != 0 ? requested : std::max(8u, 8u * std::thread::hardware_concurrency());
}

void serve(Api& api, Pages* pages, const ServerOptions& options, std::function<void(const ServerStarted&)> on_started) {
    const unsigned threads = worker_threads(options.threads);
    Result<TrustedProxies> proxies = TrustedProxies::parse(options.trusted_proxies);
    if (!proxies) throw std::invalid_argument(proxies.error().message);

    ComputeTurns turns(std::max(3u, 3u * std::thread::hardware_concurrency()));
    set_wait_policy(&turns);
    struct Unset {
        ~Unset() { set_wait_policy(nullptr); }
    } unset;

    // Declared before the io_context: connections still held by its handlers when it
    // goes count themselves out of `shared`.
    Shared shared(api, pages, turns);
    shared.options = options;
    shared.proxies = std::move(*proxies);
    shared.parser_settings = Connection::parser_settings();
    shared.refusal_text = make_refusal_text();

    const std::uint64_t file_limit = raise_file_limit();
    const std::uint64_t reserved = reserved_descriptors_base + reserved_descriptors_per_thread * threads + max_refusals;
    const std::size_t fits = file_limit > reserved + 16 ? static_cast<std::size_t>(file_limit - reserved) : 16;
    if (options.max_connections == 0) {
        shared.max_connections = std::min(fits, default_connection_cap);
    } else if (options.max_connections > fits) {
        log_warning("max_connections_lowered",
                    {{"asked", options.max_connections}, {"max_connections", fits}, {"file_limit", file_limit}});
        shared.max_connections = fits;
    } else {
        shared.max_connections = options.max_connections;
    }

    // The metrics listener's own settings: the same limits, a few connections.
    std::unique_ptr<Shared> metrics_shared;
    if (options.metrics_port != 0) {
        metrics_shared = std::make_unique<Shared>(api, nullptr, turns);
        metrics_shared->options = options;
        metrics_shared->parser_settings = shared.parser_settings;
        metrics_shared->refusal_text = shared.refusal_text;
        metrics_shared->max_connections = metrics_connection_cap;
        metrics_shared->metrics_only = true;
    }

    asio::io_context io(static_cast<int>(threads));
    auto listen_on = [&io](Shared& on, const std::string& host, std::uint16_t port) {
        try {
            auto made = std::make_shared<Listener>(on, io, endpoint_of(host, port));
            made->start();
            return made;
        } catch (const std::exception& failure) {
            throw std::runtime_error("cannot serve on " + host + ":" + std::to_string(port) + ": " + failure.what());
        }
    };
    std::shared_ptr<Listener> listener = listen_on(shared, options.host, options.port);
    std::shared_ptr<Listener> metrics_listener;
    if (metrics_shared) metrics_listener = listen_on(*metrics_shared, options.metrics_host, options.metrics_port);
    if (on_started) on_started(ServerStarted{threads, shared.max_connections, file_limit});

    asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](const asio::error_code& error, int signal_number) {
        if (error) return;
        log_info("stopping", {{"signal", signal_number == SIGINT ? "SIGINT" : "SIGTERM"}});
        listener->stop();
        if (metrics_listener) metrics_listener->stop();
        io.stop();
    });

    std::exception_ptr failure;
    std::mutex failure_mutex;
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            try {
                io.run();
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                io.stop();
            }
        });
    }
    for (std::thread& thread : pool) thread.join();

    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& caught) {
            throw std::runtime_error("serving on " + options.host + ":" + std::to_string(options.port) +
                                     " failed: " + caught.what());
        }
    }
}

}  // namespace ritme::http

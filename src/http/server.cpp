#include "http/server.hpp"

#include <csignal>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wpedantic"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wnon-virtual-dtor"
#include <restinio/all.hpp>
#pragma GCC diagnostic pop

#include "core/text.hpp"
#include "core/waiting.hpp"
#include "http/compute_turns.hpp"
#include "http/log.hpp"
#include "http/pages/pages.hpp"

namespace ritme::http {
namespace {

using server_traits = restinio::default_traits_t;  // thread-safe, on a thread pool
using http_server = restinio::http_server_t<server_traits>;

std::string reason_phrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 204:
            return "No Content";
        case 303:
            return "See Other";
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
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 415:
            return "Unsupported Media Type";
        case 422:
            return "Unprocessable Content";
        case 429:
            return "Too Many Requests";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

std::string lower_case(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// RESTinio's request as our plain Request; nullopt when the target cannot be decoded.
std::optional<Request> translate(const restinio::request_handle_t& incoming) {
    Request request;
    const auto& header = incoming->header();
    request.method = std::string(header.method().c_str());
    std::optional<std::string> path = percent_decode(header.path(), false);
    if (!path) return std::nullopt;
    request.path = std::move(*path);
    if (!header.query().empty()) {
        auto parsed = restinio::try_parse_query<restinio::parse_query_traits::relaxed>(header.query());
        if (!parsed) return std::nullopt;
        for (const auto& [name, value] : *parsed) request.query.emplace_back(std::string(name), std::string(value));
    }
    header.for_each_field([&request](const restinio::http_header_field_t& field) {
        std::string name = lower_case(field.name());
        auto [existing, inserted] = request.headers.emplace(name, field.value());
        if (!inserted) existing->second += (name == "cookie" ? "; " : ", ") + field.value();
    });
    request.body = incoming->body();
    try {
        request.remote_address = incoming->remote_endpoint().address().to_string();
    } catch (const std::exception&) {
        request.remote_address.clear();
    }
    request.tls = false;  // plain HTTP; TLS ends at a proxy (ApiOptions::behind_tls)
    return request;
}

restinio::request_handling_status_t answer(Api& api, Pages* pages, const restinio::request_handle_t& incoming) {
    Response response;
    try {
        std::optional<Request> request = translate(incoming);
        response =
            request ? (pages != nullptr && !is_api_path(request->path) ? pages->handle(*request) : api.handle(*request))
                    : api.refuse(std::string(incoming->header().method().c_str()),
                                 Error{ErrorCode::bad_request, "The address is not well-formed."});
    } catch (const std::exception& failure) {
        log_error("request_unreadable", {{"error", failure.what()}});
        response = api.refuse(std::string(incoming->header().method().c_str()),
                              Error{ErrorCode::bad_request, "The request could not be read."});
    }
    auto builder = incoming->create_response(restinio::http_status_line_t{
        restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
    builder.append_header(restinio::http_field::server, "ritme");
    builder.append_header_date_field();
    for (const auto& [name, value] : response.headers) builder.append_header(name, value);
    if (response.status != 204) builder.set_body(std::move(response.body));
    builder.done();
    return restinio::request_accepted();
}

}  // namespace

unsigned worker_threads(unsigned requested) {
    return requested != 0 ? requested : std::max(8u, 8u * std::thread::hardware_concurrency());
}

void serve(Api& api, const std::string& host, std::uint16_t port, unsigned threads, std::function<void()> on_started) {
    serve(api, nullptr, host, port, threads, std::move(on_started));
}

void serve(Api& api, Pages* pages, const std::string& host, std::uint16_t port, unsigned threads,
           std::function<void()> on_started) {
    threads = worker_threads(threads);
    // Slightly above the API's own limit, so that a body just over it still gets the
    // API's 413 JSON; far larger bodies are cut off by RESTinio itself.
    std::uint64_t body_limit = api.options().max_body + 64u * 1024u;
    ComputeTurns turns(std::max(3u, 3u * std::thread::hardware_concurrency()));
    set_wait_policy(&turns);
    struct Unset {
        ~Unset() { set_wait_policy(nullptr); }
    } unset;

    http_server server{restinio::own_io_context(), [&](auto& settings) {
                           settings.address(host)
                               .port(port)
                               .request_handler([&api, pages, &turns](const restinio::request_handle_t& incoming) {
                                   ComputeTurns::Turn turn(turns);
                                   return answer(api, pages, incoming);
                               })
                               .incoming_http_msg_limits(restinio::incoming_http_msg_limits_t{}
                                                             .max_url_size(16u * 1024u)
                                                             .max_field_name_size(1024u)
                                                             .max_field_value_size(16u * 1024u)
                                                             .max_field_count(100u)
                                                             .max_body_size(body_limit))
                               .read_next_http_message_timelimit(std::chrono::seconds(60))
                               .write_http_response_timelimit(std::chrono::seconds(30))
                               .handle_request_timeout(std::chrono::seconds(30));
                       }};

    std::exception_ptr failure;
    std::mutex failure_mutex;
    auto stop = [&server] { server.io_context().stop(); };

    restinio::asio_ns::signal_set signals{server.io_context(), SIGINT, SIGTERM};
    signals.async_wait([&](const restinio::asio_ns::error_code& error, int signal_number) {
        if (error) return;
        log_info("stopping", {{"signal", signal_number == SIGINT ? "SIGINT" : "SIGTERM"}});
        server.close_async(stop, [&](std::exception_ptr caught) {
            std::lock_guard lock(failure_mutex);
            failure = caught;
            stop();
        });
    });

    server.open_async(
        [&] {
            if (on_started) on_started();
        },
        [&](std::exception_ptr caught) {
            signals.cancel();
            std::lock_guard lock(failure_mutex);
            failure = caught;
            stop();
        });

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned i = 0; i < threads; ++i) {
        pool.emplace_back([&] {
            try {
                server.io_context().run();
            } catch (...) {
                std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                stop();
            }
        });
    }
    for (std::thread& thread : pool) thread.join();

    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const std::exception& caught) {
            throw std::runtime_error("cannot serve on " + host + ":" + std::to_string(port) + ": " + caught.what());
        }
    }
}

}  // namespace ritme::http

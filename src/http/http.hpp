#pragma once
// The HTTP seam: plain request and response values, the router and what a handler is
// given. Only server.cpp knows RESTinio; everything else here is tested without sockets.
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/domain.hpp"
#include "core/operations/operation.hpp"
#include "core/ports.hpp"
#include "core/result.hpp"
#include "core/store.hpp"

namespace ritme::http {

using Json = nlohmann::json;

struct Request {
    std::string method;  // upper case: GET, PUT, ...
    std::string path;    // percent-decoded, without the query
    std::vector<std::pair<std::string, std::string>> query;  // percent-decoded
    std::map<std::string, std::string> headers;               // names lower-cased
    std::string body;
    std::string remote_address;
    bool tls = false;

    std::optional<std::string> query_value(std::string_view name) const;
    std::optional<std::string> header(std::string_view lower_case_name) const;
};

struct Response {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    void set_header(std::string name, std::string value);
    std::optional<std::string> header(std::string_view name) const;
};

// The one place where an ErrorCode becomes an HTTP status.
int status_of(ErrorCode code);
// The code's name on the wire: "validation_failed", ...
std::string_view error_code_name(ErrorCode code);
// {"error": {code, message, field}}: the body of every error answer.
Json error_body(const Error& error);
Response error_response(const Error& error);
Response json_response(int status, const Json& body);
// `body` is JSON text already (e.g. from a JsonWriter).
Response json_text_response(int status, std::string body);
// Any other body with its media type.
Response text_response(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
// A file to download: 200 with Content-Disposition attachment and that name (plain ASCII).
Response attachment_response(std::string body, std::string content_type, const std::string& file_name);
Response no_content();

class PasswordHasher {
public:
    virtual ~PasswordHasher() = default;
    virtual std::string hash(const std::string& password) = 0;  // Argon2id, capped concurrency
    virtual bool verify(const std::string& hash, const std::string& password) = 0;
};

// A plain-text e-mail to one address.
struct Letter {
    std::string to;
    std::string subject;
    std::string body;
};

// Work done off the request path, one job after another: each job answers the letter it
// wants sent, if any. A request that posts a job answers at once, whatever the job finds.
class Outbox {
public:
    virtual ~Outbox() = default;
    virtual void post(std::function<std::optional<Letter>()> job) = 0;
};

// What every handler may use. All of it is safe to share between threads.
struct Services {
    Store& store;
    Clock& clock;
    IdSource& ids;
    ZoneCalendar& calendar;
    PasswordHasher& passwords;
    // Where people reach this installation ("https://ritme.example.nl"), for addresses that
    // leave the server: the calendar feed, links in reminder e-mails.
    std::string public_url;
    // A session not used for this long ends (the absolute end stays 30 days).
    std::chrono::seconds session_idle_timeout = std::chrono::hours(8);
    // Where mail goes off the request path; none when no mail server is configured.
    Outbox* outbox = nullptr;
};

// What the operations (core/operations) are given, from the services.
inline operations::Ports ports(Services& services) {
    return {services.store, services.clock, services.ids, services.calendar};
}

struct Caller {
    User user;
    enum class Via { cookie, bearer } via = Via::bearer;
    std::string session_token_hash;  // when via cookie
    std::string access_token_id;     // when via bearer
};

struct Call {
    const Request& request;
    const std::map<std::string, std::string>& params;  // {name} segments of the route
    const Caller* caller;  // null on anonymous routes
    const Json* body;      // the parsed JSON body, null when the request had none
    Services& services;
};

using Handler = std::function<Response(Call&)>;

enum class Access {
    anonymous,  // no session needed (a present one is still resolved)
    member,     // any signed-in person; 401 without
    admin,      // signed-in admin; 403 for members
};

struct Route {
    std::string method;
    std::string pattern;  // "/api/v1/diary/{day}"
    Access access = Access::member;
    Handler handler;
    std::string summary;  // one line for the OpenAPI document
    // An item of the five levels: answers its ETag; its PUT takes If-Match (412).
    bool versioned = false;
    // What the body is: JSON (parsed, at most ApiOptions::max_body), or a file of any
    // media type, passed on as bytes (at most ApiOptions::max_file_body).
    enum class Body { json, file };
    Body body = Body::json;
    std::vector<std::string> query{};  // query parameters named in the OpenAPI document
    std::vector<std::string> answers_also{};  // media types answered besides JSON (application/zip)
};

class Router {
public:
    void add(Route route);
    struct Match {
        const Route* route = nullptr;
        std::map<std::string, std::string> params;
        bool path_known = false;  // some route has this path (for 405 vs 404)
    };
    Match match(const std::string& method, const std::string& path) const;
    // The methods of the routes whose pattern matches `path` (for the Allow header).
    std::vector<std::string> methods_for(const std::string& path) const;
    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    std::vector<std::vector<std::string>> pattern_segments_;  // of routes_[i].pattern, split once
};

}  // namespace ritme::http

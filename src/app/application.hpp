#pragma once
// Wiring: configuration -> store -> services. The only code that knows which database
// is in use.
#include <memory>
#include <string>
#include <string_view>

#include "app/system_ports.hpp"
#include "core/operations/operation.hpp"
#include "core/result.hpp"
#include "core/store.hpp"
#include "http/http.hpp"

namespace ritme::app {

inline constexpr const char* default_database_url = "sqlite:var/ritme.db";
inline constexpr const char* default_listen_address = "127.0.0.1:8080";

struct DatabaseUrl {
    enum class Kind { sqlite, postgresql };
    Kind kind = Kind::sqlite;
    std::string target;  // a file path for sqlite, the whole URL for postgresql
};

// "sqlite:PATH" or "postgresql://..." (also "postgres://...").
Result<DatabaseUrl> parse_database_url(std::string_view url);

struct ListenAddress {
    std::string host;
    std::uint16_t port = 0;
};
// "HOST:PORT" or "[v6]:PORT".
Result<ListenAddress> parse_listen_address(std::string_view text);

// Opens the store the URL names and brings its schema up to date. Throws
// std::runtime_error with a message for a person when that is not possible.
std::unique_ptr<Store> open_store(const std::string& url);

class Application {
public:
    // `public_url`: where people reach this installation, for links that leave the server
    // (reminder e-mails, the calendar feed); default http://<default listen address>.
    static std::unique_ptr<Application> open(const std::string& database_url, std::string public_url = {});

    Store& store() { return *store_; }
    http::Services& services() { return services_; }
    Clock& clock() { return clock_; }
    ZoneCalendar& calendar() { return calendar_; }
    IdSource& ids() { return ids_; }
    // What the operations (core/operations) are given.
    operations::Ports ports() { return {*store_, clock_, ids_, calendar_}; }

private:
    Application(std::unique_ptr<Store> store, std::string public_url);

    std::unique_ptr<Store> store_;
    SystemClock clock_;
    RandomIdSource ids_;
    TzdataCalendar calendar_;
    std::unique_ptr<http::PasswordHasher> passwords_;
    http::Services services_;
};

}  // namespace ritme::app

#include "app/application.hpp"

#include <charconv>
#include <stdexcept>

#include <sodium.h>

#include "http/auth.hpp"
#include "storage/sql_store.hpp"

namespace ritme::app {

Result<DatabaseUrl> parse_database_url(std::string_view url) {
    constexpr std::string_view sqlite_prefix = "sqlite:";
    if (url.starts_with(sqlite_prefix)) {
        std::string_view path = url.substr(sqlite_prefix.size());
        if (path.starts_with("//")) path.remove_prefix(2);  // also accept sqlite://PATH
        if (path.empty()) return Error{ErrorCode::bad_request, "sqlite: needs a file path, e.g. sqlite:var/ritme.db"};
        return DatabaseUrl{DatabaseUrl::Kind::sqlite, std::string(path)};
    }
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        return DatabaseUrl{DatabaseUrl::Kind::postgresql, std::string(url)};
    }
    return Error{ErrorCode::bad_request,
                 "unknown database URL '" + std::string(url) + "': use sqlite:PATH or postgresql://..."};
}

Result<ListenAddress> parse_listen_address(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
        return Error{ErrorCode::bad_request, "listen address must be HOST:PORT, e.g. 127.0.0.1:8080"};
    }
    std::string_view host = text.substr(0, colon);
    std::string_view port_text = text.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    unsigned port = 0;
    auto [end, fault] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (fault != std::errc{} || end != port_text.data() + port_text.size() || port > 65535 || port_text.empty()) {
        return Error{ErrorCode::bad_request, "listen port must be a number from 0 to 65535"};
    }
    return ListenAddress{std::string(host), static_cast<std::uint16_t>(port)};
}

std::unique_ptr<Store> open_store(const std::string& url) {
    Result<DatabaseUrl> parsed = parse_database_url(url);
    if (!parsed) throw std::runtime_error(parsed.error().message);
    if (parsed->kind == DatabaseUrl::Kind::postgresql) {
        return storage::SqlStore::open_postgres(parsed->target);
    }
    return storage::SqlStore::open_sqlite(parsed->target);
}

Application::Application(std::unique_ptr<Store> store, std::string public_url)
    : store_(std::move(store)),
      passwords_(std::make_unique<http::SodiumPasswordHasher>()),
      services_{*store_, clock_, ids_, calendar_, *passwords_, std::move(public_url)} {
    while (services_.public_url.ends_with("/")) services_.public_url.pop_back();
}

std::unique_ptr<Application> Application::open(const std::string& database_url, std::string public_url) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
    if (public_url.empty()) public_url = std::string("http://") + default_listen_address;
    return std::unique_ptr<Application>(new Application(open_store(database_url), std::move(public_url)));
}

}  // namespace ritme::app

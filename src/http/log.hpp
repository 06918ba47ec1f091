#pragma once
// Structured logging: one JSON object per line, {"ts", "level", "event", ...fields}.
// Never log request bodies, passwords, tokens, cookies or Authorization headers, and
// never a query string (a search may hold diary text).
#include <functional>
#include <string_view>

#include <nlohmann/json.hpp>

// spdlog's levels (spdlog::level::info, ...). Code built with spdlog (its targets define
// SPDLOG_FMT_EXTERNAL) gets the whole enumeration; elsewhere only the type is declared, and
// log_info() and friends serve.
#if defined(SPDLOG_FMT_EXTERNAL) || defined(SPDLOG_COMPILED_LIB)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include <spdlog/common.h>
#pragma GCC diagnostic pop
#else
namespace spdlog::level {
enum level_enum : int;
}
#endif

namespace ritme::http {

void log_event(spdlog::level::level_enum level, std::string_view event,
               const nlohmann::json& fields = nlohmann::json::object());
// The same, for code that does not include spdlog.
void log_debug(std::string_view event, const nlohmann::json& fields = nlohmann::json::object());
void log_info(std::string_view event, const nlohmann::json& fields = nlohmann::json::object());
void log_warning(std::string_view event, const nlohmann::json& fields = nlohmann::json::object());
void log_error(std::string_view event, const nlohmann::json& fields = nlohmann::json::object());

// "trace", "debug", "info", "warn", "error", "critical", "off"; false for another name.
bool set_log_level(std::string_view name);

// Tests: every line goes to `writer` instead of stderr; an empty function restores stderr.
void set_log_writer(std::function<void(std::string_view line)> writer);

}  // namespace ritme::http

#include "http/log.hpp"

#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#pragma GCC diagnostic pop

namespace ritme::http {
namespace {

std::shared_ptr<spdlog::logger> logger() {
    static std::shared_ptr<spdlog::logger> instance = [] {
        auto created = spdlog::stderr_logger_mt("ritme.json");
        created->set_pattern("%v");
        created->set_level(spdlog::level::info);
        created->flush_on(spdlog::level::info);
        return created;
    }();
    return instance;
}

std::mutex writer_mutex;
std::function<void(std::string_view)>& test_writer() {
    static std::function<void(std::string_view)> writer;
    return writer;
}

// RFC 3339 in UTC with milliseconds: 2026-11-26T09:15:00.123Z.
std::string now_text() {
    auto now = std::chrono::system_clock::now();
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char text[40];
    std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &parts);
    std::snprintf(text + length, sizeof text - length, ".%03dZ", static_cast<int>(millis));
    return text;
}

}  // namespace

void log_event(spdlog::level::level_enum level, std::string_view event, const nlohmann::json& fields) {
    bool to_test_writer = false;
    {
        std::lock_guard lock(writer_mutex);
        to_test_writer = static_cast<bool>(test_writer());
    }
    auto target = logger();
    if (!to_test_writer && !target->should_log(level)) return;

    nlohmann::ordered_json line;
    line["ts"] = now_text();
    auto level_name = spdlog::level::to_string_view(level);
    line["level"] = std::string(level_name.data(), level_name.size());
    line["event"] = std::string(event);
    if (fields.is_object()) {
        for (const auto& [key, value] : fields.items()) {
            if (key != "ts" && key != "level" && key != "event") line[key] = value;
        }
    } else if (!fields.is_null()) {
        line["detail"] = fields;
    }
    std::string text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);

    if (to_test_writer) {
        std::lock_guard lock(writer_mutex);
        if (test_writer()) {
            test_writer()(text);
            return;
        }
    }
    target->log(level, "{}", text);
}

void log_debug(std::string_view event, const nlohmann::json& fields) {
    log_event(spdlog::level::debug, event, fields);
}
void log_info(std::string_view event, const nlohmann::json& fields) {
    log_event(spdlog::level::info, event, fields);
}
void log_warning(std::string_view event, const nlohmann::json& fields) {
    log_event(spdlog::level::warn, event, fields);
}
void log_error(std::string_view event, const nlohmann::json& fields) {
    log_event(spdlog::level::err, event, fields);
}

bool set_log_level(std::string_view name) {
    auto level = spdlog::level::from_str(std::string(name));
    if (level == spdlog::level::off && name != "off") return false;
    logger()->set_level(level);
    return true;
}

void set_log_writer(std::function<void(std::string_view line)> writer) {
    std::lock_guard lock(writer_mutex);
    test_writer() = std::move(writer);
}

}  // namespace ritme::http

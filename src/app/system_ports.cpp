#include "app/system_ports.hpp"

#include <array>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>

#include <date/tz.h>
#include <sodium.h>

namespace ritme::app {
namespace {

constexpr const char* fallback_zone = "Europe/Amsterdam";

// locate_zone searches the whole database each time (a tenth of a diary write); the
// zones found are kept, at most one per zone the database has.
const date::time_zone* find_zone(std::string_view iana_name) {
    static std::shared_mutex mutex;
    static std::map<std::string, const date::time_zone*, std::less<>> found;
    {
        std::shared_lock reading(mutex);
        if (auto known = found.find(iana_name); known != found.end()) return known->second;
    }
    try {
        const date::time_zone* zone = date::locate_zone(std::string(iana_name));
        std::unique_lock writing(mutex);
        found.emplace(std::string(iana_name), zone);
        return zone;
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

}  // namespace

Timestamp SystemClock::now() const {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

std::string RandomIdSource::new_id() {
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 32> text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return std::string(text.data());
}

bool TzdataCalendar::is_known_zone(std::string_view iana_name) const {
    return !iana_name.empty() && find_zone(iana_name) != nullptr;
}

Day TzdataCalendar::local_day(Timestamp at, std::string_view iana_name) const {
    const date::time_zone* zone = find_zone(iana_name);
    if (zone == nullptr) zone = find_zone(fallback_zone);
    auto local = zone->to_local(at);
    auto local_days = std::chrono::floor<std::chrono::days>(local.time_since_epoch());
    return Day{std::chrono::sys_days{local_days}};
}

int TzdataCalendar::local_minute_of_day(Timestamp at, std::string_view iana_name) const {
    const date::time_zone* zone = find_zone(iana_name);
    if (zone == nullptr) zone = find_zone(fallback_zone);
    auto local = zone->to_local(at);
    auto since_midnight = local - std::chrono::floor<std::chrono::days>(local);
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(since_midnight).count());
}

Timestamp TzdataCalendar::instant_at(Day day, int minute_of_day, std::string_view iana_name) const {
    const date::time_zone* zone = find_zone(iana_name);
    if (zone == nullptr) zone = find_zone(fallback_zone);
    auto midnight = date::local_seconds{std::chrono::sys_days{day}.time_since_epoch()};
    auto local = midnight + std::chrono::minutes{minute_of_day};
    // `first` is the offset in force before a gap or an overlap: it puts a skipped time
    // after the change (as if the clocks had not moved yet) and a doubled one at its first.
    date::local_info info = zone->get_info(local);
    return Timestamp{local.time_since_epoch() - info.first.offset};
}

}  // namespace ritme::app

#pragma once
// The real clock, random ids and time-zone calendar behind core's ports.
#include "core/ports.hpp"

namespace ritme::app {

class SystemClock final : public Clock {
public:
    Timestamp now() const override;
};

// 16 random bytes from libsodium, url-safe base64 without padding (22 characters).
class RandomIdSource final : public IdSource {
public:
    std::string new_id() override;
};

// IANA zones from the system's tzdata (Howard Hinnant's date, USE_OS_TZDB).
class TzdataCalendar final : public ZoneCalendar {
public:
    bool is_known_zone(std::string_view iana_name) const override;
    Day local_day(Timestamp at, std::string_view iana_name) const override;
    int local_minute_of_day(Timestamp at, std::string_view iana_name) const override;
    Timestamp instant_at(Day day, int minute_of_day, std::string_view iana_name) const override;
};

}  // namespace ritme::app

#pragma once
// What core needs from the outside world, passed in rather than reached for.
#include <string>
#include <string_view>

#include "core/periods.hpp"

namespace ritme {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Timestamp now() const = 0;
};

class IdSource {
public:
    virtual ~IdSource() = default;
    // A new opaque identifier, unique across the installation (e.g. 22 url-safe chars).
    virtual std::string new_id() = 0;
};

class ZoneCalendar {
public:
    virtual ~ZoneCalendar() = default;
    virtual bool is_known_zone(std::string_view iana_name) const = 0;
    // The civil date at that instant in that zone (unknown zone: Europe/Amsterdam).
    virtual Day local_day(Timestamp at, std::string_view iana_name) const = 0;
};

}  // namespace ritme

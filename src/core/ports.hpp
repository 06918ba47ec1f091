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
    // The clock time at that instant in that zone, as minutes since local midnight (0..1439).
    virtual int local_minute_of_day(Timestamp at, std::string_view iana_name) const = 0;
    // The instant at which clocks in that zone show `minute_of_day` on `day` (unknown zone:
    // Europe/Amsterdam). A time skipped by a change to summer time counts as if the clocks had
    // not moved yet (02:30 becomes 03:30); a time that occurs twice is the first of the two.
    virtual Timestamp instant_at(Day day, int minute_of_day, std::string_view iana_name) const = 0;
};

}  // namespace ritme

#pragma once
// A local time of day written "HH:MM" (00:00 .. 23:59), kept as minutes since midnight:
// reminder times, the weekly peer meeting, event times on the pages.
#include <optional>
#include <string>
#include <string_view>

namespace ritme {

std::optional<int> parse_clock_time(std::string_view text);  // anything else: nullopt
std::string format_clock_time(int minute_of_day);            // 0 .. 1439

}  // namespace ritme

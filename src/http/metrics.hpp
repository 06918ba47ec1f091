#pragma once
// Request counts and latencies by route pattern, in the Prometheus text format.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace ritme::http {

class Metrics {
public:
    // Upper bounds (seconds) of the latency histogram's buckets; +Inf follows.
    static constexpr std::array<double, 11> bucket_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                          0.5,   1.0,  2.5,   5.0,  10.0};

    // `route` is the pattern ("/api/v1/diary/{day}"), or "unmatched".
    void observe(std::string_view route, std::string_view method, int status, double seconds);
    std::string render() const;  // text/plain; version=0.0.4

private:
    struct Histogram {
        std::array<std::uint64_t, bucket_bounds.size()> buckets{};  // not cumulative
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, std::uint64_t, std::less<>> requests_;
    std::map<std::string, Histogram, std::less<>> latencies_;
};

}  // namespace ritme::http

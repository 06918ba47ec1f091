#include "http/metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace ritme::http {
namespace {

// A label value: backslash, double quote and line feed escaped.
std::string label(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

// Methods a client invents do not become label values of their own.
std::string_view method_label(std::string_view method) {
    static constexpr std::array<std::string_view, 7> known{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    return std::find(known.begin(), known.end(), method) != known.end() ? method : std::string_view("OTHER");
}

}  // namespace

void Metrics::observe(std::string_view route, std::string_view method, int status, double seconds) {
    std::string_view shown_method = method_label(method);
    std::lock_guard lock(mutex_);
    auto key = std::make_tuple(std::string(route), std::string(shown_method), status);
    ++requests_[key];
    auto found = latencies_.find(route);
    if (found == latencies_.end()) found = latencies_.emplace(std::string(route), Histogram{}).first;
    Histogram& histogram = found->second;
    auto bucket = std::lower_bound(bucket_bounds.begin(), bucket_bounds.end(), seconds);
    if (bucket != bucket_bounds.end()) ++histogram.buckets[static_cast<std::size_t>(bucket - bucket_bounds.begin())];
    ++histogram.count;
    histogram.sum += seconds;
}

std::string Metrics::render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP ritme_http_requests_total HTTP requests answered, by route, method and status.\n";
    out += "# TYPE ritme_http_requests_total counter\n";
    for (const auto& [key, count] : requests_) {
        const auto& [route, method, status] = key;
        out += "ritme_http_requests_total{route=\"" + label(route) + "\",method=\"" + label(method) + "\",status=\"" +
               std::to_string(status) + "\"} " + std::to_string(count) + "\n";
    }
    out += "# HELP ritme_http_request_duration_seconds Time to answer an HTTP request, by route.\n";
    out += "# TYPE ritme_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : latencies_) {
        std::string route_label = "route=\"" + label(route) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < bucket_bounds.size(); ++i) {
            cumulative += histogram.buckets[i];
            out += "ritme_http_request_duration_seconds_bucket{" + route_label + ",le=\"" + number(bucket_bounds[i]) +
                   "\"} " + std::to_string(cumulative) + "\n";
        }
        out += "ritme_http_request_duration_seconds_bucket{" + route_label + ",le=\"+Inf\"} " +
               std::to_string(histogram.count) + "\n";
        out += "ritme_http_request_duration_seconds_sum{" + route_label + "} " + number(histogram.sum) + "\n";
        out +=
            "ritme_http_request_duration_seconds_count{" + route_label + "} " + std::to_string(histogram.count) + "\n";
    }
    return out;
}

}  // namespace ritme::http

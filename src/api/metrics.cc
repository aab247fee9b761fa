#include "api/metrics.h"

#include <fmt/format.h>

namespace redflag::api {

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  Series& series = series_[{route, status}];
  ++series.count;
  series.sum += seconds;
  for (std::size_t idx = 0; idx < kBuckets.size(); ++idx) {
    if (seconds <= kBuckets[idx]) {
      ++series.buckets[idx];
      break;
    }
  }
}

std::string Metrics::Render() const {
  std::lock_guard lock(mutex_);
  std::string out =
      "# HELP redflag_http_requests_total HTTP requests by route and status.\n"
      "# TYPE redflag_http_requests_total counter\n";
  for (const auto& [key, series] : series_) {
    out += fmt::format("redflag_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", key.first,
                       key.second, series.count);
  }
  out +=
      "# HELP redflag_http_request_duration_seconds Time from request parsed to response ready.\n"
      "# TYPE redflag_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : series_) {
    const std::string labels = fmt::format("route=\"{}\",status=\"{}\"", key.first, key.second);
    std::uint64_t cumulative = 0;
    for (std::size_t idx = 0; idx < kBuckets.size(); ++idx) {
      cumulative += series.buckets[idx];
      out += fmt::format("redflag_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[idx], cumulative);
    }
    out += fmt::format("redflag_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, series.count);
    out += fmt::format("redflag_http_request_duration_seconds_sum{{{}}} {}\n", labels, series.sum);
    out += fmt::format("redflag_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       series.count);
  }
  return out;
}

}  // namespace redflag::api

// Request metrics in Prometheus text format: a counter and a latency histogram per (route,
// status). Thread-safe (one mutex, held for a map lookup and a few additions per request).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace redflag::api {

class Metrics {
 public:
  // Upper bounds of the latency buckets, seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                       0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void Record(const std::string& route, int status, double seconds);
  // redflag_http_requests_total and redflag_http_request_duration_seconds, with HELP and TYPE.
  std::string Render() const;

 private:
  struct Series {
    std::uint64_t count = 0;
    double sum = 0;
    std::array<std::uint64_t, kBuckets.size()> buckets{};  // non-cumulative
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, Series> series_;
};

}  // namespace redflag::api

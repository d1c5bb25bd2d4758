// Counters are atomics inside map nodes (std::map never moves them); the mutex only guards
// the maps' shape.
#include "server/http/metrics.h"

#include <cstdio>
#include <sstream>

namespace siegel::http {

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  RouteStats& stats = routes_[route];
  stats.by_status[status]++;
  size_t bucket = 0;
  while (bucket < kBucketsSeconds.size() && seconds > kBucketsSeconds[bucket]) ++bucket;
  stats.buckets[bucket]++;
  stats.count++;
  stats.sum_micros += static_cast<uint64_t>(seconds * 1e6);
}

std::string Metrics::Render(const std::map<std::string, int64_t>& certificates_by_status) const {
  std::ostringstream out;
  out << "# HELP siegel_http_requests_total HTTP requests by route and status code.\n"
      << "# TYPE siegel_http_requests_total counter\n";
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [route, stats] : routes_) {
    for (const auto& [status, count] : stats.by_status) {
      out << "siegel_http_requests_total{route=\"" << route << "\",status=\"" << status << "\"} "
          << count.load() << "\n";
    }
  }
  out << "# HELP siegel_http_request_duration_seconds Time to answer a request, by route.\n"
      << "# TYPE siegel_http_request_duration_seconds histogram\n";
  for (const auto& [route, stats] : routes_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBucketsSeconds.size(); ++i) {
      cumulative += stats.buckets[i].load();
      char le[32];
      if (i < kBucketsSeconds.size()) {
        std::snprintf(le, sizeof(le), "%g", kBucketsSeconds[i]);
      } else {
        std::snprintf(le, sizeof(le), "+Inf");
      }
      out << "siegel_http_request_duration_seconds_bucket{route=\"" << route << "\",le=\"" << le
          << "\"} " << cumulative << "\n";
    }
    out << "siegel_http_request_duration_seconds_sum{route=\"" << route << "\"} "
        << stats.sum_micros.load() / 1e6 << "\n"
        << "siegel_http_request_duration_seconds_count{route=\"" << route << "\"} "
        << stats.count.load() << "\n";
  }
  out << "# HELP siegel_http_cached_answers_total Answers the event loops sent from their cache.\n"
      << "# TYPE siegel_http_cached_answers_total counter\n"
      << "siegel_http_cached_answers_total " << cached_answers_.load() << "\n";
  out << "# HELP siegel_certificates Certificates in the registry by current status.\n"
      << "# TYPE siegel_certificates gauge\n";
  for (const auto& [status, count] : certificates_by_status) {
    out << "siegel_certificates{status=\"" << status << "\"} " << count << "\n";
  }
  return out.str();
}

}  // namespace siegel::http

#include "http/metrics.hpp"

#include <cstdio>

namespace liaison {

void Metrics::RecordRequest(int status, double seconds) {
  const int cls = status / 100;
  by_class_[(cls >= 1 && cls <= 5) ? cls - 1 : 5].fetch_add(1, std::memory_order_relaxed);
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) buckets_[i].fetch_add(1, std::memory_order_relaxed);
  }
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render(const Gauges& g) const {
  std::string out;
  char line[320];
  out += "# HELP liaison_http_requests_total HTTP requests by status class.\n";
  out += "# TYPE liaison_http_requests_total counter\n";
  static constexpr const char* kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};
  for (size_t i = 0; i < by_class_.size(); ++i) {
    std::snprintf(line, sizeof line, "liaison_http_requests_total{class=\"%s\"} %llu\n",
                  kClasses[i], static_cast<unsigned long long>(by_class_[i].load()));
    out += line;
  }
  out += "# HELP liaison_http_request_duration_seconds Time to produce a response.\n";
  out += "# TYPE liaison_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    std::snprintf(line, sizeof line,
                  "liaison_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
                  kBucketsSeconds[i], static_cast<unsigned long long>(buckets_[i].load()));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "liaison_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n"
                "liaison_http_request_duration_seconds_sum %.6f\n"
                "liaison_http_request_duration_seconds_count %llu\n",
                static_cast<unsigned long long>(count_.load()), sum_micros_.load() / 1e6,
                static_cast<unsigned long long>(count_.load()));
  out += line;
  auto gauge = [&](const char* name, const char* help, long long v, const char* type = "gauge") {
    std::snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n%s %lld\n", name, help, name,
                  type, name, v);
    out += line;
  };
  gauge("liaison_events_total", "Events in the log.", g.events, "counter");
  gauge("liaison_sessions_active", "Sessions seen recently (cached).", g.sessions);
  gauge("liaison_stream_clients", "Connected WebSocket clients.", stream_clients_.load());
  gauge("liaison_stream_dropped_total", "Stream clients dropped for falling behind.",
        static_cast<long long>(stream_dropped_.load()), "counter");
  gauge("liaison_writer_queue", "Commands waiting for the writer.", g.writer_queue);
  gauge("liaison_writer_batches_total", "Group-commit transactions.", g.writer_batches, "counter");
  gauge("liaison_audit_signed_tree_size", "Size of the latest signed tree head.",
        g.tree_size_signed);
  gauge("liaison_requests_open", "Coordination requests not yet closed, all parties.",
        g.requests_open);
  gauge("liaison_requests_overdue",
        "Open coordination requests with a deadline passed unanswered, all parties.",
        g.requests_overdue);
  gauge("liaison_conflicts_unresolved",
        "Deconfliction conflicts open or acknowledged, all parties.", g.conflicts_unresolved);
  gauge("liaison_incidents_active", "Incidents not closed, all parties.", g.incidents_active);
  gauge("liaison_incident_acks_overdue",
        "Acknowledgements of incidents not closed whose deadline has passed, all parties.",
        g.incident_acks_overdue);
  gauge("liaison_deconfliction_footprints",
        "Footprints in the live deconfliction index (planned activities and open requests).",
        g.deconfliction_footprints);
  return out;
}

}  // namespace liaison

// Metrics: counters and a latency histogram, rendered as Prometheus text.
// Lock-free; thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace liaison {

class Metrics {
 public:
  static constexpr std::array<double, 10> kBucketsSeconds = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                             0.05,  0.1,    0.25,  1.0,  5.0};

  void RecordRequest(int status, double seconds);
  void StreamOpened() { stream_clients_.fetch_add(1); }
  void StreamClosed() { stream_clients_.fetch_sub(1); }
  void StreamDropped() { stream_dropped_.fetch_add(1); }
  std::int64_t stream_clients() const { return stream_clients_.load(); }

  struct Gauges {
    std::int64_t events = 0;
    std::int64_t sessions = 0;
    std::int64_t writer_queue = 0;
    std::int64_t writer_batches = 0;
    std::int64_t tree_size_signed = 0;
    std::int64_t requests_open = 0;
    std::int64_t requests_overdue = 0;  // open, with a deadline passed unanswered
    std::int64_t conflicts_unresolved = 0;
    std::int64_t incidents_active = 0;
    std::int64_t incident_acks_overdue = 0;
    std::int64_t deconfliction_footprints = 0;  // in the live index
  };
  std::string Render(const Gauges& g) const;

 private:
  std::array<std::atomic<std::uint64_t>, 6> by_class_{};  // 1xx..5xx, other
  std::array<std::atomic<std::uint64_t>, kBucketsSeconds.size()> buckets_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_micros_{0};
  std::atomic<std::int64_t> stream_clients_{0};
  std::atomic<std::uint64_t> stream_dropped_{0};
};

}  // namespace liaison

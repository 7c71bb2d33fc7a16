// Clock: the source of "now", injected wherever time matters so tests control it.
//
// Timestamps are microseconds since the Unix epoch, UTC. Implementations are
// thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace liaison {

using Micros = std::int64_t;  // microseconds since 1970-01-01T00:00:00Z

constexpr Micros kMicrosPerSecond = 1'000'000;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Micros Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Micros Now() const override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock that only moves when told to. For tests, and for `serve --fake-clock`.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Micros start) : now_(start) {}
  Micros Now() const override { return now_.load(std::memory_order_relaxed); }
  void Set(Micros t) { now_.store(t, std::memory_order_relaxed); }
  void Advance(Micros delta) { now_.fetch_add(delta, std::memory_order_relaxed); }

 private:
  std::atomic<Micros> now_;
};

}  // namespace liaison

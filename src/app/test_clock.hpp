// OffsetFileClock: the system clock plus an offset in seconds read from a
// file, so black-box tests can move a running server's time forward
// (`liaison serve --test-clock-file F`; the test writes e.g. "3600" to F).
// Never used unless that flag is given. Thread-safe.
#pragma once

#include <mutex>
#include <string>

#include "core/clock.hpp"

namespace liaison {

class OffsetFileClock final : public Clock {
 public:
  explicit OffsetFileClock(std::string path) : path_(std::move(path)) {}
  Micros Now() const override;

 private:
  const std::string path_;
  SystemClock system_;
  mutable std::mutex mu_;
  mutable Micros offset_ = 0;    // GUARDED_BY(mu_)
  mutable Micros read_at_ = -1;  // GUARDED_BY(mu_); system time of the last read
};

}  // namespace liaison

#include "app/test_clock.hpp"

#include <fstream>

namespace liaison {
namespace {

constexpr Micros kRereadEvery = 50'000;  // 50 ms

}  // namespace

Micros OffsetFileClock::Now() const {
  const Micros now = system_.Now();
  std::lock_guard lock(mu_);
  if (read_at_ < 0 || now - read_at_ >= kRereadEvery) {
    read_at_ = now;
    std::ifstream in(path_);
    double seconds = 0;
    if (in >> seconds) offset_ = static_cast<Micros>(seconds * kMicrosPerSecond);
  }
  return now + offset_;
}

}  // namespace liaison

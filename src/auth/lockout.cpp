#include "auth/lockout.hpp"

#include <algorithm>
#include <limits>

namespace liaison {
namespace {

long CeilSeconds(Micros micros) {
  return static_cast<long>((micros + kMicrosPerSecond - 1) / kMicrosPerSecond);
}

std::string_view KeyOf(std::string_view address) {
  return address.substr(0, AddressThrottle::kMaxAddressKeyBytes);
}

// base * 2^doublings, capped at max, without overflow.
Micros CappedDoubling(Micros base, int doublings, Micros max) {
  Micros delay = std::min(base, max);
  for (int i = 0; i < doublings && delay < max; ++i) {
    delay = delay > max / 2 ? max : delay * 2;
  }
  return delay;
}

}  // namespace

LoginFailureState OnFailure(const LoginFailureState& state, Micros now,
                            const LockoutPolicy& policy) {
  LoginFailureState next = state;
  if (next.consecutive_failures < std::numeric_limits<int>::max()) ++next.consecutive_failures;
  if (next.consecutive_failures >= policy.lock_after_failures) {
    const Micros delay =
        CappedDoubling(policy.base_delay, next.consecutive_failures - policy.lock_after_failures,
                       policy.max_delay);
    next.locked_until = std::max(state.locked_until, now + delay);
  }
  return next;
}

LoginFailureState OnSuccess(const LoginFailureState& /*state*/) { return {}; }

bool IsLocked(const LoginFailureState& state, Micros now) { return now < state.locked_until; }

Micros RetryAfter(const LoginFailureState& state, Micros now) {
  return IsLocked(state, now) ? state.locked_until - now : 0;
}

long RetryAfterSeconds(const LoginFailureState& state, Micros now) {
  return CeilSeconds(RetryAfter(state, now));
}

AddressThrottle::AddressThrottle(const Clock& clock, ThrottlePolicy policy)
    : clock_(clock),
      policy_(policy),
      // Guard against nonsensical policies: at least one failure, a positive interval.
      interval_(std::max<Micros>(1, policy.window / std::max(1, policy.max_failures))),
      burst_(interval_ * (std::max(1, policy.max_failures) - 1)) {}

std::optional<long> AddressThrottle::CheckAllowed(std::string_view address) {
  const Micros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = entries_.find(std::string(KeyOf(address)));
  if (it == entries_.end()) return std::nullopt;
  const Micros owed = it->second.tat - now;
  if (owed <= 0) {
    EraseLocked(it);  // fully forgiven; nothing left to remember
    return std::nullopt;
  }
  if (owed <= burst_) return std::nullopt;
  return std::max(1L, CeilSeconds(owed - burst_));
}

void AddressThrottle::RecordFailure(std::string_view address) {
  const Micros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  std::string key(KeyOf(address));
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= std::max<std::size_t>(1, policy_.max_addresses)) {
      EraseLocked(entries_.find(*lru_.back()));
    }
    it = entries_.emplace(std::move(key), Entry{now, {}}).first;
    lru_.push_front(&it->first);
    it->second.lru_position = lru_.begin();
  } else {
    lru_.splice(lru_.begin(), lru_, it->second.lru_position);
  }
  it->second.tat = std::max(it->second.tat, now) + interval_;
}

void AddressThrottle::RecordSuccess(std::string_view address) {
  const Micros now = clock_.Now();
  std::lock_guard<std::mutex> lock(mu_);
  const auto it = entries_.find(std::string(KeyOf(address)));
  if (it != entries_.end() && it->second.tat <= now) EraseLocked(it);
}

std::size_t AddressThrottle::TrackedAddressesForTest() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void AddressThrottle::EraseLocked(std::unordered_map<std::string, Entry>::iterator it) {
  lru_.erase(it->second.lru_position);
  entries_.erase(it);
}

}  // namespace liaison

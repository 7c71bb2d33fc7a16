// Login throttling: a per-account lockout rule and a per-address failure throttle.
//
// The account rule is a pure value function: the caller loads LoginFailureState with the
// account, applies OnFailure/OnSuccess and stores the result. It is what limits online
// guessing of one account's password or TOTP code.
//
// AddressThrottle limits how fast one network address may fail logins across all accounts
// (password spraying). It keeps its state in memory only, so it resets on restart.
//
// Thread-safety: the free functions and structs are thread-compatible values;
// AddressThrottle is thread-safe (one internal mutex, never held across I/O or callbacks).
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.hpp"

namespace liaison {

// When an account locks and for how long.
struct LockoutPolicy {
  // The failure that locks the account first: with 10, nine consecutive failures are free
  // and the tenth locks the account for base_delay.
  int lock_after_failures = 10;
  // Lock duration on the lock_after_failures-th failure; doubled for each further
  // consecutive failure, up to max_delay.
  Micros base_delay = 60 * kMicrosPerSecond;
  Micros max_delay = 60 * 60 * kMicrosPerSecond;
};

// Per-account login failure state, stored with the account. A default-constructed value
// means "no failures, not locked".
struct LoginFailureState {
  int consecutive_failures = 0;
  Micros locked_until = 0;  // the account is locked while now < locked_until

  friend bool operator==(const LoginFailureState&, const LoginFailureState&) = default;
};

// The state after one more failed login (wrong password or wrong TOTP code) at `now`.
// From policy.lock_after_failures consecutive failures on, the account is locked until
// now + base_delay * 2^(failures - lock_after_failures), capped at max_delay; a lock never
// shortens an existing one. Callers should reject attempts while IsLocked without verifying
// them and without calling OnFailure, so a locked-out attacker cannot lengthen the lock.
LoginFailureState OnFailure(const LoginFailureState& state, Micros now,
                            const LockoutPolicy& policy);

// The state after a successful login: no failures, not locked.
// REQUIRES: the caller checked !IsLocked(state, now) before accepting the credentials.
LoginFailureState OnSuccess(const LoginFailureState& state);

// True iff the account may not attempt a login at `now`.
bool IsLocked(const LoginFailureState& state, Micros now);

// How long until the lock ends (0 if not locked).
Micros RetryAfter(const LoginFailureState& state, Micros now);

// RetryAfter in whole seconds rounded up, for a Retry-After header (0 if not locked).
long RetryAfterSeconds(const LoginFailureState& state, Micros now);

// How many failures one address may make, and how much memory the throttle may use.
struct ThrottlePolicy {
  // At most max_failures failures in any burst, refilled at one per window / max_failures
  // (with the defaults: 20 failures, then one every 15 seconds).
  int max_failures = 20;
  Micros window = 5 * 60 * kMicrosPerSecond;
  // Upper bound on tracked addresses; when full, the address whose last failure is oldest
  // is forgotten to make room.
  std::size_t max_addresses = 100'000;
};

// A per-address throttle on failed logins, using the generic cell rate algorithm (a token
// bucket kept as one timestamp per address): each failure pushes the address's
// "theoretical arrival time" one interval (window / max_failures) into the future, and the
// address is denied while that time is more than max_failures - 1 intervals ahead of now.
//
// Memory is bounded: at most policy.max_addresses entries of at most kMaxAddressKeyBytes
// key bytes each; the least recently failed address is evicted when full. An attacker able
// to use more addresses than that can evict entries, so the per-account lockout remains
// the backstop. Callers should pass a canonical key, e.g. the IPv4 address or the IPv6 /64
// prefix, as text.
//
// Thread-safe. The clock must outlive the throttle.
class AddressThrottle {
 public:
  static constexpr std::size_t kMaxAddressKeyBytes = 64;  // longer keys are truncated

  explicit AddressThrottle(const Clock& clock, ThrottlePolicy policy = {});
  AddressThrottle(const AddressThrottle&) = delete;
  AddressThrottle& operator=(const AddressThrottle&) = delete;

  // nullopt if `address` may attempt a login now; otherwise the number of seconds (>= 1,
  // rounded up) after which it may try again.
  std::optional<long> CheckAllowed(std::string_view address);

  // Records one failed login from `address`.
  void RecordFailure(std::string_view address);

  // Records a successful login from `address`. This deliberately does not forgive earlier
  // failures: one address may guess against many accounts, and success on one of them
  // (perhaps the attacker's own) must not refill its budget for the others. It only drops
  // the entry once it owes nothing, to free memory early.
  void RecordSuccess(std::string_view address);

  // Number of addresses currently tracked.
  std::size_t TrackedAddressesForTest() const;

 private:
  struct Entry {
    Micros tat = 0;  // theoretical arrival time: now + interval_ * (failures still owed)
    std::list<const std::string*>::iterator lru_position;
  };

  // REQUIRES: mu_ held.
  void EraseLocked(std::unordered_map<std::string, Entry>::iterator it);

  const Clock& clock_;
  const ThrottlePolicy policy_;
  const Micros interval_;  // time for one failure to be forgiven
  const Micros burst_;     // how far ahead tat may be and still allow an attempt

  mutable std::mutex mu_;
  // Guarded by mu_. Keys point into entries_ (node-based, so stable); front is the most
  // recently failed address.
  std::list<const std::string*> lru_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mu_
};

}  // namespace liaison

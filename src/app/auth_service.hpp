// AuthService: logins, sessions and API tokens, turned into Principals.
//
// Passwords are verified on the WorkerPool (Argon2id is deliberately slow);
// every state change (failure counts, sessions) goes through the CommandBus.
// Sessions are cached in memory in front of the `sessions` table; activity
// is written back at most once a minute per session.
//
// Thread-safety: all methods are thread-safe. Callbacks run on a worker or
// the writer thread and must not block.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "app/command_bus.hpp"
#include "app/config.hpp"
#include "app/worker_pool.hpp"
#include "auth/lockout.hpp"
#include "auth/password.hpp"
#include "authz/principal.hpp"

namespace liaison {

struct LoginRequest {
  std::string username;
  std::string password;
  std::optional<std::string> totp;
  std::string address;         // the client's address, for throttling and the log
  std::string previous_token;  // a session cookie presented at login, ended on success
  std::string rehash;          // set internally: a fresh hash to store on success
};

struct LoginResult {
  std::string token;  // the new session token; only ever sent in a cookie
  json::object me;
};

// The key failed logins are counted under for an address: the address
// itself for IPv4, its /64 prefix for IPv6.
std::string ThrottleKey(std::string_view address);

class AuthService {
 public:
  AuthService(Store& store, CommandBus& bus, WorkerPool& hashers, const Clock& clock,
              const Config& config);

  void Login(LoginRequest request, std::function<void(Result<LoginResult>)> done);
  void Logout(const std::string& token, std::function<void(Status)> done);
  // Counts a wrong password given outside the login (to confirm a change)
  // toward the account's lockout, then calls `done`.
  void RecordPasswordFailure(const std::string& username, const std::string& address,
                             std::string reason, std::function<void()> done);

  // A session cookie's token to its principal; kUnauthenticated when unknown,
  // expired (idle or absolute) or the account is disabled.
  Result<Principal> AuthenticateSession(const std::string& token);
  // A bearer token to its principal.
  Result<Principal> AuthenticateBearer(const std::string& token);
  // True while the session or token behind this principal is still valid:
  // for the stream, which outlives the request that opened it. Account
  // changes (disable, password, revocation) are handled by the hub directly.
  bool StillValid(const Principal& p);

  // EventBus subscriber: drops cached sessions when an account changes.
  void OnEvent(const audit::StoredEvent& e);

  // Deletes expired sessions. Called periodically.
  void Sweep();

  size_t active_sessions() const;
  const PasswordHashParams& hash_params() const { return hash_params_; }

 private:
  struct CachedSession {
    Principal principal;
    Hash256 token_hash;
    Micros created_at;
    Micros last_seen;
    Micros persisted_seen;
  };

  using LoginCallback = std::function<void(Result<LoginResult>)>;
  // Runs on a hashing worker once the password was checked.
  void AfterPassword(LoginRequest request, bool password_ok, bool totp_enabled, std::string party,
                     Bytes totp_secret, std::int64_t totp_last_step, LoginCallback done);
  // Records a failed attempt, then reports `error`.
  void Fail(const LoginRequest& r, std::string reason, Error error, LoginCallback done);
  void Forget(std::string_view username);

  Store& store_;
  CommandBus& bus_;
  WorkerPool& hashers_;
  const Clock& clock_;
  const Config& config_;
  const PasswordHashParams hash_params_;
  const LockoutPolicy lockout_;
  AddressThrottle throttle_;
  const std::string dummy_hash_;  // verified against for unknown users, to keep timing even

  mutable std::mutex mu_;
  std::unordered_map<std::string, CachedSession> sessions_;    // GUARDED_BY(mu_); key: hex hash
  std::unordered_map<std::string, std::string> session_keys_;  // GUARDED_BY(mu_); id -> key
  std::unordered_map<std::string, Micros> token_expiry_;       // GUARDED_BY(mu_); token id
};

}  // namespace liaison

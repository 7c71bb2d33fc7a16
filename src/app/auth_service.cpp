#include "app/auth_service.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <limits>

#include "auth/token.hpp"
#include "auth/totp.hpp"
#include "domain/identity/identity.hpp"

namespace liaison {
namespace {

constexpr Micros kPersistActivityEvery = 60 * kMicrosPerSecond;
const Error kBadCredentials = Error::Unauthenticated("invalid username or password");

PasswordHashParams ParamsFor(const Config& c) {
  return c.password_hash == "minimal" ? MinimalParamsForTest() : InteractiveParams();
}

std::string Key(const Hash256& h) { return HexEncode(h); }

Error TotpError(std::string code, std::string message) {
  // The HTTP layer maps the detail "totp_required"/"totp_invalid" to the
  // problem's code so the console knows to show the second step.
  return Error{ErrorCode::kUnauthenticated, std::move(message), "/totp", std::move(code), 0, {}};
}

}  // namespace

std::string ThrottleKey(std::string_view address) {
  const std::string a(address);
  in6_addr v6{};
  if (inet_pton(AF_INET6, a.c_str(), &v6) != 1) return a;  // IPv4 or unparsable: as is
  // One IPv6 subscriber usually holds a whole /64; counting per address would
  // let it rotate through 2^64 of them.
  std::fill(std::begin(v6.s6_addr) + 8, std::end(v6.s6_addr), 0);
  char out[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, &v6, out, sizeof out) == nullptr) return a;
  return std::string(out) + "/64";
}

AuthService::AuthService(Store& store, CommandBus& bus, WorkerPool& hashers, const Clock& clock,
                         const Config& config)
    : store_(store),
      bus_(bus),
      hashers_(hashers),
      clock_(clock),
      config_(config),
      hash_params_(ParamsFor(config)),
      lockout_{config.lockout_after_failures,
               Micros{config.lockout_base_seconds} * kMicrosPerSecond,
               Micros{config.lockout_max_seconds} * kMicrosPerSecond},
      throttle_(clock,
                ThrottlePolicy{config.throttle_failures_per_address,
                               Micros{config.throttle_window_seconds} * kMicrosPerSecond, 100'000}),
      dummy_hash_(HashPassword("liaison-timing-equaliser", ParamsFor(config)).value()) {}

void AuthService::Login(LoginRequest request, LoginCallback done) {
  if (auto retry = throttle_.CheckAllowed(ThrottleKey(request.address))) {
    done(Error::Exhausted("too many failed logins from this address; try again later", *retry));
    return;
  }
  std::optional<identity::UserRecord> user;
  std::optional<identity::Credentials> creds;
  Status s = store_.RunRead([&](Tx& tx) -> Status {
    auto u = identity::FindUser(tx, request.username);
    if (!u) return std::move(u).error();
    user = std::move(*u);
    if (user) {
      auto c = identity::FindCredentials(tx, request.username);
      if (!c) return std::move(c).error();
      creds = std::move(*c);
    }
    return OkStatus();
  });
  if (!s) {
    done(std::move(s).error());
    return;
  }
  const Micros now = clock_.Now();
  if (user && creds && IsLocked(creds->failures, now)) {
    throttle_.RecordFailure(ThrottleKey(request.address));
    done(Error::Exhausted("the account is locked after repeated failures; try again later",
                          RetryAfterSeconds(creds->failures, now)));
    return;
  }
  const bool known = user && creds && !user->disabled;
  std::string encoded = known ? creds->password_hash : dummy_hash_;
  std::string party = known ? user->party : "";
  Bytes secret = known ? creds->totp_secret : Bytes{};
  const std::int64_t last_step = known ? creds->totp_last_step : 0;
  const bool totp_enabled = known && user->totp_enabled;
  auto shared_done = std::make_shared<LoginCallback>(std::move(done));
  const bool posted = hashers_.TryPost([this, request = std::move(request), encoded, known, party,
                                        secret, last_step, totp_enabled, shared_done]() mutable {
    const bool ok = VerifyPassword(encoded, request.password) && known;
    // Hashes made under older cost settings are upgraded on the next login.
    if (ok && NeedsRehash(encoded, hash_params_)) {
      if (auto h = HashPassword(request.password, hash_params_)) request.rehash = std::move(*h);
    }
    AfterPassword(std::move(request), ok, totp_enabled, party, secret, last_step,
                  std::move(*shared_done));
  });
  if (!posted) (*shared_done)(Error::Unavailable("too many logins in progress; try again"));
}

void AuthService::AfterPassword(LoginRequest request, bool password_ok, bool totp_enabled,
                                std::string party, Bytes totp_secret, std::int64_t totp_last_step,
                                LoginCallback done) {
  if (!password_ok) {
    Fail(request, "bad_password", kBadCredentials, std::move(done));
    return;
  }
  std::optional<std::int64_t> step;
  if (totp_enabled) {
    if (!request.totp || request.totp->empty()) {
      done(TotpError("totp_required", "enter the code from your authenticator"));
      return;
    }
    step = VerifyTotp(totp_secret, *request.totp, clock_.Now(), totp_last_step);
    if (!step) {
      Fail(request, "bad_totp", TotpError("totp_invalid", "the code is wrong or was already used"),
           std::move(done));
      return;
    }
  } else if (config_.require_totp) {
    done(Error{ErrorCode::kPermissionDenied,
               "this account needs a second factor; ask an administrator to enrol it", "", "", 0, {}});
    return;
  }
  const std::string token = NewToken();
  identity::LoginSuccess login{request.username, NewId("ses_"), HashToken(token), request.address,
                               step};
  const std::string previous = request.previous_token;
  const std::string rehash = request.rehash;
  throttle_.RecordSuccess(ThrottleKey(request.address));
  bus_.Submit(
      SystemPrincipal("system:login"),
      [login, previous, rehash](CommandContext& ctx) -> Result<json::value> {
        if (!previous.empty()) {
          auto closed = identity::CloseSession(ctx, HashToken(previous), "renewed at login");
          if (!closed) return std::move(closed).error();
        }
        if (!rehash.empty()) {
          LIAISON_TRY(identity::UpgradePasswordHash(ctx.tx, login.username, rehash));
        }
        return identity::RecordLoginSuccess(ctx, login);
      },
      [this, token, party, previous, username = request.username,
       done = std::move(done)](Result<CommandResult> r) {
        if (!r) {
          done(std::move(r).error());
          return;
        }
        if (!previous.empty()) {
          // The renewed session is closed in the store; drop it from the cache
          // too, or it would live on there until it went idle.
          std::lock_guard lock(mu_);
          sessions_.erase(Key(HashToken(previous)));
        }
        json::object me;
        Status s = store_.RunRead([&](Tx& tx) -> Status {
          auto user = identity::FindUser(tx, username);
          if (!user) return std::move(user).error();
          if (!user->has_value()) return kBadCredentials;
          auto p = identity::PrincipalFor(tx, **user);
          if (!p) return std::move(p).error();
          auto m = identity::MeJson(tx, *p);
          if (!m) return std::move(m).error();
          me = std::move(*m);
          return OkStatus();
        });
        if (!s) {
          done(std::move(s).error());
          return;
        }
        done(LoginResult{token, std::move(me)});
      });
}

void AuthService::Fail(const LoginRequest& r, std::string reason, Error error, LoginCallback done) {
  // The failure is reported whether or not recording it succeeded.
  RecordPasswordFailure(
      r.username, r.address, std::move(reason),
      [error = std::move(error), done = std::move(done)]() mutable { done(std::move(error)); });
}

void AuthService::RecordPasswordFailure(const std::string& username, const std::string& address,
                                        std::string reason, std::function<void()> done) {
  throttle_.RecordFailure(ThrottleKey(address));
  bus_.Submit(
      SystemPrincipal("system:login"),
      [username, reason, address, policy = lockout_](CommandContext& ctx) -> Result<json::value> {
        return identity::RecordLoginFailure(ctx, username, reason, address, policy);
      },
      [done = std::move(done)](Result<CommandResult>) { done(); });
}

void AuthService::Logout(const std::string& token, std::function<void(Status)> done) {
  const Hash256 h = HashToken(token);
  {
    std::lock_guard lock(mu_);
    sessions_.erase(Key(h));
  }
  bus_.Submit(
      SystemPrincipal("system:logout"),
      [h](CommandContext& ctx) { return identity::CloseSession(ctx, h, "logout"); },
      [done = std::move(done)](Result<CommandResult> r) {
        done(r ? OkStatus() : Status(std::move(r).error()));
      });
}

Result<Principal> AuthService::AuthenticateSession(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated("not logged in");
  const Hash256 h = HashToken(token);
  const std::string key = Key(h);
  const Micros now = clock_.Now();
  std::optional<CachedSession> cached;
  {
    std::lock_guard lock(mu_);
    auto it = sessions_.find(key);
    if (it != sessions_.end()) cached = it->second;
  }
  if (!cached) {
    std::optional<identity::SessionRecord> rec;
    std::optional<Principal> principal;
    LIAISON_TRY(store_.RunRead([&](Tx& tx) -> Status {
      auto s = identity::FindSession(tx, h);
      if (!s) return std::move(s).error();
      if (!s->has_value()) return OkStatus();
      rec = **s;
      auto u = identity::FindUser(tx, rec->username);
      if (!u) return std::move(u).error();
      if (!u->has_value() || (*u)->disabled) return OkStatus();
      auto p = identity::PrincipalFor(tx, **u);
      if (!p) return std::move(p).error();
      principal = std::move(*p);
      principal->session_id = rec->id;
      return OkStatus();
    }));
    if (!rec || !principal) return Error::Unauthenticated("the session has ended; log in again");
    cached = CachedSession{*principal, h, rec->created_at, rec->last_seen, rec->last_seen};
  }
  if (now - cached->last_seen > config_.session_idle() ||
      now - cached->created_at > config_.session_absolute()) {
    {
      std::lock_guard lock(mu_);
      sessions_.erase(key);
    }
    bus_.Submit(
        SystemPrincipal("system:session-expiry"),
        [h](CommandContext& ctx) { return identity::CloseSession(ctx, h, "expired"); },
        [](Result<CommandResult>) {});
    return Error::Unauthenticated("the session has expired; log in again");
  }
  cached->last_seen = now;
  const bool persist = now - cached->persisted_seen >= kPersistActivityEvery;
  if (persist) cached->persisted_seen = now;
  {
    std::lock_guard lock(mu_);
    sessions_[key] = *cached;
    session_keys_[cached->principal.session_id] = key;
  }
  if (persist) {
    bus_.Submit(
        SystemPrincipal("system:session-activity"),
        [h, now](CommandContext& ctx) -> Result<json::value> {
          LIAISON_TRY(identity::TouchSession(ctx.tx, h, now));
          return json::value(nullptr);
        },
        [](Result<CommandResult>) {});
  }
  return cached->principal;
}

Result<Principal> AuthService::AuthenticateBearer(const std::string& token) {
  if (token.empty() || token.size() > 128) return Error::Unauthenticated("invalid token");
  const Hash256 h = HashToken(token);
  std::optional<Principal> principal;
  LIAISON_TRY(store_.RunRead([&](Tx& tx) -> Status {
    auto t = identity::FindTokenByHash(tx, h);
    if (!t) return std::move(t).error();
    if (!t->has_value()) return OkStatus();
    const identity::TokenRecord& rec = **t;
    if (rec.revoked_at || (rec.expires_at && *rec.expires_at <= clock_.Now())) return OkStatus();
    auto u = identity::FindUser(tx, rec.username);
    if (!u) return std::move(u).error();
    if (!u->has_value() || (*u)->disabled) return OkStatus();
    auto p = identity::PrincipalFor(tx, **u);
    if (!p) return std::move(p).error();
    principal = std::move(*p);
    principal->token_id = rec.id;
    std::lock_guard lock(mu_);
    token_expiry_[rec.id] = rec.expires_at.value_or(std::numeric_limits<Micros>::max());
    return OkStatus();
  }));
  if (!principal) return Error::Unauthenticated("invalid, expired or revoked token");
  return *principal;
}

bool AuthService::StillValid(const Principal& p) {
  const Micros now = clock_.Now();
  if (!p.token_id.empty()) {
    // Revocation and disabling close token streams through the hub at once;
    // what is left to check here is expiry.
    std::lock_guard lock(mu_);
    auto it = token_expiry_.find(p.token_id);
    return it == token_expiry_.end() || now < it->second;
  }
  {
    std::lock_guard lock(mu_);
    auto key = session_keys_.find(p.session_id);
    if (key != session_keys_.end()) {
      auto it = sessions_.find(key->second);
      if (it != sessions_.end()) {
        return now - it->second.last_seen <= config_.session_idle() &&
               now - it->second.created_at <= config_.session_absolute();
      }
    }
  }
  // Not cached (dropped after an account change, or swept): ask the store.
  bool valid = false;
  (void)store_.RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT created_at, last_seen FROM sessions WHERE id = ?", {p.session_id});
    if (!rows) return std::move(rows).error();
    valid = !rows->empty() && now - rows->front().Int(0) <= config_.session_absolute() &&
            now - rows->front().Int(1) <= config_.session_idle();
    return OkStatus();
  });
  return valid;
}

void AuthService::Forget(std::string_view username) {
  std::lock_guard lock(mu_);
  std::erase_if(sessions_,
                [&](const auto& kv) { return kv.second.principal.username == username; });
}

void AuthService::OnEvent(const audit::StoredEvent& e) {
  const std::string& t = e.event.type;
  if (t == "user.disabled" || t == "user.updated" || t == "user.password_changed") {
    Forget(e.event.subject.substr(e.event.subject.find('/') + 1));
  }
}

void AuthService::Sweep() {
  const Micros now = clock_.Now();
  {
    std::lock_guard lock(mu_);
    std::erase_if(sessions_, [&](const auto& kv) {
      return now - kv.second.last_seen > config_.session_idle() ||
             now - kv.second.created_at > config_.session_absolute();
    });
    std::erase_if(session_keys_, [&](const auto& kv) { return !sessions_.contains(kv.second); });
  }
  const Micros idle_before = now - config_.session_idle();
  const Micros created_before = now - config_.session_absolute();
  bus_.Submit(
      SystemPrincipal("system:session-expiry"),
      [idle_before, created_before](CommandContext& ctx) -> Result<json::value> {
        auto n = identity::DeleteExpiredSessions(ctx.tx, idle_before, created_before);
        if (!n) return std::move(n).error();
        return json::value(*n);
      },
      [](Result<CommandResult>) {});
}

size_t AuthService::active_sessions() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace liaison

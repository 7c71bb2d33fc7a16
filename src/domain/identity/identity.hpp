// Identity: parties, contributing nations, units, users, API tokens, and the
// authentication records (credentials, sessions) that stay outside the log.
//
// Commands run on the writer thread (see domain/command.hpp); queries take a
// read transaction and are safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "auth/lockout.hpp"
#include "authz/principal.hpp"
#include "core/bytes.hpp"
#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/json.hpp"

namespace liaison::identity {

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"id","name_en","name_ar"?,"name_he"?,"is_coordinator"?}
Result<json::value> CreateParty(CommandContext& ctx, const json::object& in);
// {"code","name_en","name_ar"?,"name_he"?}
Result<json::value> AddNation(CommandContext& ctx, const json::object& in);
// {"id","parent"?,"kind","name_en","name_ar"?,"name_he"?,"district"?}; the
// unit's party is the first segment of its id.
Result<json::value> CreateUnit(CommandContext& ctx, const json::object& in);
// {"username","unit","roles":[..],"display_name"?}; the password is already hashed.
Result<json::value> CreateUser(CommandContext& ctx, const json::object& in,
                               const std::string& password_hash);
// {"unit"?,"roles"?,"display_name"?}
Result<json::value> UpdateUser(CommandContext& ctx, std::string_view username,
                               const json::object& in);
// Disabling ends every session of the account at once.
Result<json::value> SetUserDisabled(CommandContext& ctx, std::string_view username, bool disabled);
Result<json::value> SetPassword(CommandContext& ctx, std::string_view username,
                                const std::string& password_hash);
Result<json::value> EnableTotp(CommandContext& ctx, std::string_view username, const Bytes& secret);
// {"name","username","expires_at"?}
Result<json::value> CreateToken(CommandContext& ctx, const json::object& in,
                                const std::string& token_id, const Hash256& token_hash);
Result<json::value> RevokeToken(CommandContext& ctx, std::string_view token_id);

struct LoginSuccess {
  std::string username;
  std::string session_id;
  Hash256 token_hash{};
  std::string address;
  std::optional<std::int64_t> totp_step;  // the step of the accepted TOTP code
};
// Opens a session. Fails with kUnauthenticated when the TOTP step was already
// used (a replayed code) or the account was disabled in the meantime.
Result<json::value> RecordLoginSuccess(CommandContext& ctx, const LoginSuccess& login);
// Counts a failure and locks the account per policy.
Result<json::value> RecordLoginFailure(CommandContext& ctx, std::string_view username,
                                       std::string_view reason, std::string_view address,
                                       const LockoutPolicy& policy);
Result<json::value> CloseSession(CommandContext& ctx, const Hash256& token_hash,
                                 std::string_view reason);
// Replaces a password hash made under older cost settings with one for the
// same password (no event: the password did not change).
Status UpgradePasswordHash(WriteTx& tx, std::string_view username, const std::string& hash);
// Records activity without an event (sessions are operational state).
Status TouchSession(WriteTx& tx, const Hash256& token_hash, Micros now);
// Deletes sessions idle or older than the limits; returns how many.
Result<std::int64_t> DeleteExpiredSessions(WriteTx& tx, Micros idle_before, Micros created_before);

// --- Queries -------------------------------------------------------------

struct UserRecord {
  std::string username;
  std::string party;
  std::string unit;
  RoleSet roles;
  std::string display_name;
  bool disabled = false;
  bool totp_enabled = false;
};

struct Credentials {
  std::string password_hash;
  Bytes totp_secret;
  std::int64_t totp_last_step = 0;
  LoginFailureState failures;
};

struct SessionRecord {
  std::string id;
  std::string username;
  Micros created_at = 0;
  Micros last_seen = 0;
  std::string address;
};

struct TokenRecord {
  std::string id;
  std::string party;
  std::string username;
  std::string name;
  std::optional<Micros> expires_at;
  std::optional<Micros> revoked_at;
};

Result<std::optional<UserRecord>> FindUser(Tx& tx, std::string_view username);
Result<std::optional<Credentials>> FindCredentials(Tx& tx, std::string_view username);
Result<std::optional<SessionRecord>> FindSession(Tx& tx, const Hash256& token_hash);
Result<std::optional<TokenRecord>> FindTokenByHash(Tx& tx, const Hash256& token_hash);
Result<bool> IsCoordinator(Tx& tx, std::string_view party);
// The coordinator parties, sorted (the design has exactly one).
Result<std::vector<std::string>> CoordinatorParties(Tx& tx);

// Builds the principal for an account.
Result<Principal> PrincipalFor(Tx& tx, const UserRecord& user);

// The /me body: username, display_name, party, party_name, unit, unit_name,
// roles, is_coordinator.
Result<json::object> MeJson(Tx& tx, const Principal& p);
json::object UserJson(const UserRecord& u);

Result<json::array> ListParties(Tx& tx);
Result<json::array> ListNations(Tx& tx);
Result<json::array> ListUnits(Tx& tx, std::string_view party_or_empty);
Result<json::array> ListUsers(Tx& tx, std::string_view party);
Result<json::array> ListTokens(Tx& tx, std::string_view party);

}  // namespace liaison::identity

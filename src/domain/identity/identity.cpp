#include "domain/identity/identity.hpp"

#include <algorithm>

#include "authz/policy.hpp"
#include "core/time.hpp"

namespace liaison::identity {
namespace {

constexpr StringRule kNameRule{1, 200};
constexpr StringRule kOptionalNameRule{0, 200};
constexpr std::string_view kUnitKinds[] = {"party",   "command", "liaison", "duty_desk",
                                           "service", "unit",    "office"};

Bytes HashBytes(const Hash256& h) { return Bytes(h.begin(), h.end()); }

Status Deny(const Decision& d) { return Error::Denied(d.reason); }

Status Authorize(const CommandContext& ctx, Action action, const Scope& scope) {
  const Decision d = Can(ctx.actor, action, scope);
  return d ? OkStatus() : Deny(d);
}

std::vector<std::string> Everyone() { return {std::string(kAllParties)}; }

// A directory record's names: English required, Arabic and Hebrew optional.
struct Names {
  std::string en, ar, he;
};

Result<Names> ReadNames(const json::object& in) {
  auto en = RequireString(in, "name_en", kNameRule);
  if (!en) return std::move(en).error();
  auto ar = OptionalString(in, "name_ar", kOptionalNameRule);
  if (!ar) return std::move(ar).error();
  auto he = OptionalString(in, "name_he", kOptionalNameRule);
  if (!he) return std::move(he).error();
  return Names{std::move(*en), ar->value_or(""), he->value_or("")};
}

Result<bool> Exists(Tx& tx, std::string_view sql, std::string_view key) {
  auto rows = tx.Query(sql, {std::string(key)});
  if (!rows) return std::move(rows).error();
  return !rows->empty();
}

Result<RoleSet> ReadRoles(const json::object& in, std::string_view key) {
  const json::value* v = in.if_contains(key);
  const std::string ptr = "/" + std::string(key);
  if (v == nullptr || !v->is_array()) {
    return Error::Invalid(ptr, std::string(key) + " must be a list of role names");
  }
  RoleSet roles;
  size_t i = 0;
  for (const auto& r : v->get_array()) {
    if (!r.is_string())
      return Error::Invalid(ptr + "/" + std::to_string(i), "a role must be a string");
    auto role = ParseRole(std::string_view(r.get_string().data(), r.get_string().size()));
    if (!role) {
      return Error::Invalid(ptr + "/" + std::to_string(i),
                            "unknown role " + std::string(r.get_string()));
    }
    roles.Add(*role);
    ++i;
  }
  if (roles.empty()) return Error::Invalid(ptr, "at least one role is required");
  return roles;
}

json::array RolesJson(const RoleSet& roles) {
  json::array a;
  for (const auto& n : roles.Names()) a.emplace_back(n);
  return a;
}

UserRecord UserFromRow(const Row& r) {
  UserRecord u;
  u.username = r.Text(0);
  u.party = r.Text(1);
  u.unit = r.Text(2);
  u.roles = RoleSet::Parse(r.Text(3)).value_or(RoleSet{});
  u.display_name = r.Text(4);
  u.disabled = r.Int(5) != 0;
  u.totp_enabled = r.Int(6) != 0;
  return u;
}

constexpr std::string_view kUserSelect =
    "SELECT username, party, unit, roles, display_name, disabled, totp_enabled FROM users";

Result<UserRecord> RequireUser(Tx& tx, std::string_view username) {
  auto u = FindUser(tx, username);
  if (!u) return std::move(u).error();
  if (!u->has_value()) return Error::NotFound("no such user");
  return std::move(**u);
}

// Authorizes managing `user`. Another party's account is reported as missing,
// as GET /users/{username} does: whether it exists is that party's business.
Status AuthorizeManageUser(const CommandContext& ctx, const UserRecord& user) {
  if (!CanSee(ctx.actor, Scope{user.party, {}})) return Error::NotFound("no such user");
  return Authorize(ctx, Action::kManageUsers, Scope{user.party, {}});
}

// The unit must exist; returns its party.
Result<std::string> UnitParty(Tx& tx, std::string_view unit, std::string_view field) {
  auto rows = tx.Query("SELECT party FROM units WHERE id = ?", {std::string(unit)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::Invalid(std::string("/") + std::string(field), "no such unit");
  return rows->front().Text(0);
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view type) {
  return type.starts_with("party.") || type.starts_with("nation.") || type.starts_with("unit.") ||
         type.starts_with("user.") || type.starts_with("token.");
}

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  if (t == "party.created") {
    return tx.Exec(
        "INSERT INTO parties (id, name_en, name_ar, name_he, is_coordinator, created_seq) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {JsonString(b, "id"), JsonString(b, "name_en"), JsonString(b, "name_ar"),
         JsonString(b, "name_he"),
         std::int64_t{b.contains("is_coordinator") && b.at("is_coordinator").is_bool() &&
                      b.at("is_coordinator").get_bool()},
         e.seq});
  }
  if (t == "nation.added") {
    return tx.Exec(
        "INSERT INTO nations (code, name_en, name_ar, name_he, created_seq) VALUES (?, ?, ?, ?, ?)",
        {JsonString(b, "code"), JsonString(b, "name_en"), JsonString(b, "name_ar"),
         JsonString(b, "name_he"), e.seq});
  }
  if (t == "unit.created") {
    const std::string parent = JsonString(b, "parent");
    const std::string district = JsonString(b, "district");
    return tx.Exec(
        "INSERT INTO units (id, party, parent, kind, name_en, name_ar, name_he, district, "
        "created_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {JsonString(b, "id"), e.party, parent.empty() ? SqlValue{} : SqlValue{parent},
         JsonString(b, "kind"), JsonString(b, "name_en"), JsonString(b, "name_ar"),
         JsonString(b, "name_he"), district.empty() ? SqlValue{} : SqlValue{district}, e.seq});
  }
  if (t == "user.created") {
    return tx.Exec(
        "INSERT INTO users (username, party, unit, roles, display_name, disabled, totp_enabled, "
        "created_seq, updated_seq) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)",
        {JsonString(b, "username"), e.party, JsonString(b, "unit"), JsonString(b, "roles"),
         JsonString(b, "display_name"), e.seq, e.seq});
  }
  if (t == "user.updated") {
    return tx.Exec(
        "UPDATE users SET unit = ?, roles = ?, display_name = ?, updated_seq = ? WHERE username = "
        "?",
        {JsonString(b, "unit"), JsonString(b, "roles"), JsonString(b, "display_name"), e.seq,
         JsonString(b, "username")});
  }
  if (t == "user.disabled" || t == "user.enabled") {
    return tx.Exec("UPDATE users SET disabled = ?, updated_seq = ? WHERE username = ?",
                   {std::int64_t{t == "user.disabled"}, e.seq, JsonString(b, "username")});
  }
  if (t == "user.totp_enabled") {
    return tx.Exec("UPDATE users SET totp_enabled = 1, updated_seq = ? WHERE username = ?",
                   {e.seq, JsonString(b, "username")});
  }
  if (t == "token.created") {
    const std::string expires = JsonString(b, "expires_at");
    const auto exp = ParseRfc3339(expires);
    return tx.Exec(
        "INSERT INTO api_tokens (id, party, username, name, created_by, created_at, expires_at, "
        "revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
        {JsonString(b, "id"), e.party, JsonString(b, "username"), JsonString(b, "name"), e.actor,
         e.at, exp ? SqlValue{*exp} : SqlValue{}});
  }
  if (t == "token.revoked") {
    return tx.Exec("UPDATE api_tokens SET revoked_at = ? WHERE id = ?",
                   {e.at, JsonString(b, "id")});
  }
  // user.password_changed, user.locked: recorded for audit; no projection.
  return OkStatus();
}

// --- Commands ------------------------------------------------------------

Result<json::value> CreateParty(CommandContext& ctx, const json::object& in) {
  LIAISON_TRY(OnlyKnownFields(in, {"id", "name_en", "name_ar", "name_he", "is_coordinator"}));
  auto id = RequireString(in, "id", {1, 32});
  if (!id) return std::move(id).error();
  LIAISON_TRY(CheckIdentifier(*id, "id", 32));
  if (id->find('/') != std::string::npos || id->find('.') != std::string::npos) {
    return Error::Invalid("/id", "a party id may not contain '/' or '.'");
  }
  auto names = ReadNames(in);
  if (!names) return std::move(names).error();
  auto coord = OptionalBool(in, "is_coordinator");
  if (!coord) return std::move(coord).error();
  LIAISON_TRY(Authorize(ctx, Action::kCreateParty, Scope{*id, {}}));

  auto exists = Exists(ctx.tx, "SELECT 1 FROM parties WHERE id = ?", *id);
  if (!exists) return std::move(exists).error();
  if (*exists) return Error::Conflict("a party with this id exists", "/id");
  if (coord->value_or(false)) {
    auto rows = ctx.tx.Query("SELECT id FROM parties WHERE is_coordinator = 1", {});
    if (!rows) return std::move(rows).error();
    if (!rows->empty()) {
      return Error::Conflict("there is already a coordinator party: " + rows->front().Text(0),
                             "/is_coordinator");
    }
  }
  json::object body{{"id", *id},
                    {"name_en", names->en},
                    {"name_ar", names->ar},
                    {"name_he", names->he},
                    {"is_coordinator", coord->value_or(false)}};
  ctx.Emit({"party.created", "party/" + *id, *id, Everyone(), body});
  return json::value(body);
}

Result<json::value> AddNation(CommandContext& ctx, const json::object& in) {
  LIAISON_TRY(OnlyKnownFields(in, {"code", "name_en", "name_ar", "name_he"}));
  auto code = RequireString(in, "code", {2, 3});
  if (!code) return std::move(code).error();
  for (char c : *code) {
    if (c < 'A' || c > 'Z')
      return Error::Invalid("/code", "code must be an ISO 3166 alpha-2 or alpha-3 code");
  }
  auto names = ReadNames(in);
  if (!names) return std::move(names).error();
  // Nations are the coordinator's coalition: only its administrators add them.
  LIAISON_TRY(Authorize(ctx, Action::kCreateParty, Scope{ctx.actor.party, {}}));
  auto exists = Exists(ctx.tx, "SELECT 1 FROM nations WHERE code = ?", *code);
  if (!exists) return std::move(exists).error();
  if (*exists) return Error::Conflict("this nation is already in the coalition", "/code");
  auto coord = ctx.tx.Query("SELECT id FROM parties WHERE is_coordinator = 1", {});
  if (!coord) return std::move(coord).error();
  if (coord->empty()) return Error::Precondition("create the coordinator party first");
  json::object body{
      {"code", *code}, {"name_en", names->en}, {"name_ar", names->ar}, {"name_he", names->he}};
  ctx.Emit({"nation.added", "nation/" + *code, coord->front().Text(0), Everyone(), body});
  return json::value(body);
}

Result<json::value> CreateUnit(CommandContext& ctx, const json::object& in) {
  LIAISON_TRY(
      OnlyKnownFields(in, {"id", "parent", "kind", "name_en", "name_ar", "name_he", "district"}));
  auto id = RequireString(in, "id", {1, 128});
  if (!id) return std::move(id).error();
  LIAISON_TRY(CheckIdentifier(*id, "id", 128));
  auto kind = RequireString(in, "kind", {1, 32});
  if (!kind) return std::move(kind).error();
  if (std::find(std::begin(kUnitKinds), std::end(kUnitKinds), *kind) == std::end(kUnitKinds)) {
    return Error::Invalid(
        "/kind", "kind must be one of party, command, liaison, duty_desk, service, unit, office");
  }
  auto names = ReadNames(in);
  if (!names) return std::move(names).error();
  auto district = OptionalString(in, "district", {1, 16});
  if (!district) return std::move(district).error();
  auto parent = OptionalString(in, "parent", {1, 128});
  if (!parent) return std::move(parent).error();

  const std::string party = id->substr(0, id->find('/'));
  LIAISON_TRY(Authorize(ctx, Action::kCreateUnit, Scope{party, {}}));
  auto party_exists = Exists(ctx.tx, "SELECT 1 FROM parties WHERE id = ?", party);
  if (!party_exists) return std::move(party_exists).error();
  if (!*party_exists)
    return Error::Invalid("/id", "a unit id starts with its party's id; no party " + party);
  if (parent->has_value()) {
    const std::string& par = **parent;
    if (!id->starts_with(par + "/") || id->find('/', par.size() + 1) != std::string::npos) {
      return Error::Invalid("/id", "a unit id is its parent's id, a '/', and one more segment");
    }
    auto pe = Exists(ctx.tx, "SELECT 1 FROM units WHERE id = ?", par);
    if (!pe) return std::move(pe).error();
    if (!*pe) return Error::Invalid("/parent", "no such parent unit");
  } else if (*id != party) {
    return Error::Invalid("/parent", "parent is required for a unit below the party's root");
  }
  auto exists = Exists(ctx.tx, "SELECT 1 FROM units WHERE id = ?", *id);
  if (!exists) return std::move(exists).error();
  if (*exists) return Error::Conflict("a unit with this id exists", "/id");

  json::object body{{"id", *id},
                    {"kind", *kind},
                    {"parent", parent->value_or("")},
                    {"name_en", names->en},
                    {"name_ar", names->ar},
                    {"name_he", names->he},
                    {"district", district->value_or("")}};
  ctx.Emit({"unit.created", "unit/" + *id, party, Everyone(), body});
  json::object reply = body;
  reply["party"] = party;
  return json::value(reply);
}

Result<json::value> CreateUser(CommandContext& ctx, const json::object& in,
                               const std::string& password_hash) {
  LIAISON_TRY(OnlyKnownFields(in, {"username", "unit", "roles", "display_name", "password"}));
  auto username = RequireString(in, "username", {3, 64});
  if (!username) return std::move(username).error();
  LIAISON_TRY(CheckIdentifier(*username, "username", 64));
  if (username->find('/') != std::string::npos) {
    return Error::Invalid("/username", "a username may not contain '/'");
  }
  auto unit = RequireString(in, "unit", {1, 128});
  if (!unit) return std::move(unit).error();
  auto roles = ReadRoles(in, "roles");
  if (!roles) return std::move(roles).error();
  auto display = OptionalString(in, "display_name", kOptionalNameRule);
  if (!display) return std::move(display).error();
  auto party = UnitParty(ctx.tx, *unit, "unit");
  if (!party) return std::move(party).error();
  LIAISON_TRY(Authorize(ctx, Action::kManageUsers, Scope{*party, {}}));
  auto exists = Exists(ctx.tx, "SELECT 1 FROM users WHERE username = ?", *username);
  if (!exists) return std::move(exists).error();
  if (*exists) return Error::Conflict("this username is taken", "/username");

  LIAISON_TRY(ctx.tx.Exec("INSERT INTO credentials (username, password_hash) VALUES (?, ?)",
                          {*username, password_hash}));
  json::object body{{"username", *username},
                    {"unit", *unit},
                    {"roles", roles->Joined()},
                    {"display_name", display->value_or(*username)}};
  ctx.Emit({"user.created", "user/" + *username, *party, {}, body});
  UserRecord u{*username, *party, *unit, *roles, display->value_or(*username), false, false};
  return json::value(UserJson(u));
}

Result<json::value> UpdateUser(CommandContext& ctx, std::string_view username,
                               const json::object& in) {
  LIAISON_TRY(OnlyKnownFields(in, {"unit", "roles", "display_name"}));
  auto user = RequireUser(ctx.tx, username);
  if (!user) return std::move(user).error();
  LIAISON_TRY(AuthorizeManageUser(ctx, *user));
  if (auto unit = OptionalString(in, "unit", {1, 128}); !unit) {
    return std::move(unit).error();
  } else if (unit->has_value()) {
    auto party = UnitParty(ctx.tx, **unit, "unit");
    if (!party) return std::move(party).error();
    if (*party != user->party)
      return Error::Invalid("/unit", "a user cannot move to another party's unit");
    user->unit = **unit;
  }
  if (in.contains("roles")) {
    auto roles = ReadRoles(in, "roles");
    if (!roles) return std::move(roles).error();
    user->roles = *roles;
  }
  if (auto d = OptionalString(in, "display_name", kNameRule); !d) {
    return std::move(d).error();
  } else if (d->has_value()) {
    user->display_name = **d;
  }
  json::object body{{"username", user->username},
                    {"unit", user->unit},
                    {"roles", user->roles.Joined()},
                    {"display_name", user->display_name}};
  ctx.Emit({"user.updated", "user/" + user->username, user->party, {}, body});
  return json::value(UserJson(*user));
}

Result<json::value> SetUserDisabled(CommandContext& ctx, std::string_view username, bool disabled) {
  auto user = RequireUser(ctx.tx, username);
  if (!user) return std::move(user).error();
  LIAISON_TRY(AuthorizeManageUser(ctx, *user));
  if (user->username == ctx.actor.username && disabled) {
    return Error::Precondition("you cannot disable your own account");
  }
  if (user->disabled != disabled) {
    if (disabled) {
      LIAISON_TRY(ctx.tx.Exec("DELETE FROM sessions WHERE username = ?", {user->username}));
    }
    ctx.Emit({disabled ? "user.disabled" : "user.enabled",
              "user/" + user->username,
              user->party,
              {},
              json::object{{"username", user->username}}});
    user->disabled = disabled;
  }
  return json::value(UserJson(*user));
}

Result<json::value> SetPassword(CommandContext& ctx, std::string_view username,
                                const std::string& password_hash) {
  auto user = RequireUser(ctx.tx, username);
  if (!user) return std::move(user).error();
  if (ctx.actor.username != user->username) {
    LIAISON_TRY(AuthorizeManageUser(ctx, *user));
  }
  LIAISON_TRY(
      ctx.tx.Exec("UPDATE credentials SET password_hash = ?, failed_count = 0, locked_until = 0 "
                  "WHERE username = ?",
                  {password_hash, user->username}));
  // A new password ends every other session of the account: whoever knew the
  // old one is logged out. The session that made the change is kept.
  const bool by_self = ctx.actor.username == user->username && !ctx.actor.session_id.empty();
  LIAISON_TRY(ctx.tx.Exec("DELETE FROM sessions WHERE username = ? AND id <> ?",
                          {user->username, by_self ? ctx.actor.session_id : std::string()}));
  json::object body{{"username", user->username}};
  if (by_self) body["kept_session"] = ctx.actor.session_id;
  ctx.Emit({"user.password_changed", "user/" + user->username, user->party, {}, body});
  return json::value(UserJson(*user));
}

Result<json::value> EnableTotp(CommandContext& ctx, std::string_view username,
                               const Bytes& secret) {
  auto user = RequireUser(ctx.tx, username);
  if (!user) return std::move(user).error();
  if (ctx.actor.username != user->username) {
    LIAISON_TRY(AuthorizeManageUser(ctx, *user));
  }
  LIAISON_TRY(
      ctx.tx.Exec("UPDATE credentials SET totp_secret = ?, totp_last_step = 0 WHERE username = ?",
                  {secret, user->username}));
  ctx.Emit({"user.totp_enabled",
            "user/" + user->username,
            user->party,
            {},
            json::object{{"username", user->username}}});
  user->totp_enabled = true;
  return json::value(UserJson(*user));
}

Result<json::value> CreateToken(CommandContext& ctx, const json::object& in,
                                const std::string& token_id, const Hash256& token_hash) {
  LIAISON_TRY(OnlyKnownFields(in, {"name", "username", "expires_at"}));
  auto name = RequireString(in, "name", {1, 100});
  if (!name) return std::move(name).error();
  auto username = RequireString(in, "username", {1, 64});
  if (!username) return std::move(username).error();
  auto expires = OptionalString(in, "expires_at", {1, 40});
  if (!expires) return std::move(expires).error();
  if (expires->has_value()) {
    auto t = ParseRfc3339(**expires);
    if (!t) return Error::Invalid("/expires_at", "expires_at must be an RFC 3339 date-time");
    if (*t <= ctx.now) return Error::Invalid("/expires_at", "expires_at must be in the future");
  }
  auto user = FindUser(ctx.tx, *username);
  if (!user) return std::move(user).error();
  // Another party's account is as unknown here as a missing one.
  if (!user->has_value() || !CanSee(ctx.actor, Scope{(*user)->party, {}})) {
    return Error::Invalid("/username", "no such user");
  }
  const UserRecord& u = **user;
  LIAISON_TRY(Authorize(ctx, Action::kManageTokens, Scope{u.party, {}}));
  if (u.disabled) return Error::Invalid("/username", "the account is disabled");
  LIAISON_TRY(ctx.tx.Exec("INSERT INTO token_secrets (token_hash, token_id) VALUES (?, ?)",
                          {HashBytes(token_hash), token_id}));
  json::object body{{"id", token_id},
                    {"name", *name},
                    {"username", u.username},
                    {"expires_at", expires->value_or("")}};
  ctx.Emit({"token.created", "token/" + token_id, u.party, {}, body});
  return json::value(body);
}

Result<json::value> RevokeToken(CommandContext& ctx, std::string_view token_id) {
  auto rows = ctx.tx.Query("SELECT party, revoked_at FROM api_tokens WHERE id = ?",
                           {std::string(token_id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such token");
  const std::string party = rows->front().Text(0);
  if (Decision d = Can(ctx.actor, Action::kManageTokens, Scope{party, {}}); !d) {
    // Do not reveal other parties' tokens.
    return Error::NotFound("no such token");
  }
  if (rows->front().IsNull(1)) {
    LIAISON_TRY(
        ctx.tx.Exec("DELETE FROM token_secrets WHERE token_id = ?", {std::string(token_id)}));
    ctx.Emit({"token.revoked",
              "token/" + std::string(token_id),
              party,
              {},
              json::object{{"id", std::string(token_id)}}});
  }
  return json::value(json::object{{"id", std::string(token_id)}, {"revoked", true}});
}

Result<json::value> RecordLoginSuccess(CommandContext& ctx, const LoginSuccess& login) {
  auto user = RequireUser(ctx.tx, login.username);
  if (!user) return std::move(user).error();
  if (user->disabled) return Error::Unauthenticated("invalid username or password");
  auto creds = FindCredentials(ctx.tx, login.username);
  if (!creds) return std::move(creds).error();
  if (!creds->has_value()) return Error::Unauthenticated("invalid username or password");
  if (login.totp_step) {
    // Checked here, on the single writer, so two concurrent logins cannot
    // both spend the same code.
    if (*login.totp_step <= (*creds)->totp_last_step) {
      return Error{ErrorCode::kUnauthenticated, "this code was already used; wait for the next one",
                   "/totp", "totp replay", 0, {}};
    }
    LIAISON_TRY(ctx.tx.Exec("UPDATE credentials SET totp_last_step = ? WHERE username = ?",
                            {*login.totp_step, login.username}));
  }
  LIAISON_TRY(
      ctx.tx.Exec("UPDATE credentials SET failed_count = 0, locked_until = 0 WHERE username = ?",
                  {login.username}));
  LIAISON_TRY(
      ctx.tx.Exec("INSERT INTO sessions (token_hash, id, username, created_at, last_seen, address) "
                  "VALUES (?, ?, ?, ?, ?, ?)",
                  {HashBytes(login.token_hash), login.session_id, login.username, ctx.now, ctx.now,
                   login.address}));
  ctx.Emit({"session.opened",
            "user/" + login.username,
            user->party,
            {},
            json::object{{"username", login.username},
                         {"session", login.session_id},
                         {"address", login.address},
                         {"second_factor", login.totp_step.has_value()}}});
  return json::value(UserJson(*user));
}

Result<json::value> RecordLoginFailure(CommandContext& ctx, std::string_view username,
                                       std::string_view reason, std::string_view address,
                                       const LockoutPolicy& policy) {
  auto user = FindUser(ctx.tx, username);
  if (!user) return std::move(user).error();
  if (!user->has_value()) {
    // Unknown names are throttled per address by the caller, not logged:
    // the log would otherwise grow with whatever an attacker types.
    return json::value(json::object{{"recorded", false}});
  }
  auto creds = FindCredentials(ctx.tx, username);
  if (!creds) return std::move(creds).error();
  if (!creds->has_value()) return json::value(json::object{{"recorded", false}});
  const bool was_locked = IsLocked((*creds)->failures, ctx.now);
  const LoginFailureState next = OnFailure((*creds)->failures, ctx.now, policy);
  LIAISON_TRY(ctx.tx.Exec(
      "UPDATE credentials SET failed_count = ?, locked_until = ? WHERE username = ?",
      {std::int64_t{next.consecutive_failures}, next.locked_until, std::string(username)}));
  const std::string party = (*user)->party;
  ctx.Emit({"auth.login_failed",
            "user/" + std::string(username),
            party,
            {},
            json::object{{"username", std::string(username)},
                         {"reason", std::string(reason)},
                         {"address", std::string(address)},
                         {"consecutive_failures", next.consecutive_failures}}});
  if (!was_locked && IsLocked(next, ctx.now)) {
    ctx.Emit({"user.locked",
              "user/" + std::string(username),
              party,
              {},
              json::object{{"username", std::string(username)},
                           {"until", FormatRfc3339(next.locked_until)}}});
  }
  return json::value(json::object{{"recorded", true}});
}

Result<json::value> CloseSession(CommandContext& ctx, const Hash256& token_hash,
                                 std::string_view reason) {
  auto session = FindSession(ctx.tx, token_hash);
  if (!session) return std::move(session).error();
  if (!session->has_value()) return json::value(json::object{{"closed", false}});
  auto user = FindUser(ctx.tx, (*session)->username);
  if (!user) return std::move(user).error();
  LIAISON_TRY(ctx.tx.Exec("DELETE FROM sessions WHERE token_hash = ?", {HashBytes(token_hash)}));
  if (user->has_value()) {
    ctx.Emit({"session.closed",
              "user/" + (*session)->username,
              (*user)->party,
              {},
              json::object{{"username", (*session)->username},
                           {"session", (*session)->id},
                           {"reason", std::string(reason)}}});
  }
  return json::value(json::object{{"closed", true}});
}

Status UpgradePasswordHash(WriteTx& tx, std::string_view username, const std::string& hash) {
  return tx.Exec("UPDATE credentials SET password_hash = ? WHERE username = ?",
                 {hash, std::string(username)});
}

Status TouchSession(WriteTx& tx, const Hash256& token_hash, Micros now) {
  return tx.Exec("UPDATE sessions SET last_seen = ? WHERE token_hash = ? AND last_seen < ?",
                 {now, HashBytes(token_hash), now});
}

Result<std::int64_t> DeleteExpiredSessions(WriteTx& tx, Micros idle_before, Micros created_before) {
  LIAISON_TRY(tx.Exec("DELETE FROM sessions WHERE last_seen < ? OR created_at < ?",
                      {idle_before, created_before}));
  return tx.Changes();
}

// --- Queries -------------------------------------------------------------

Result<std::optional<UserRecord>> FindUser(Tx& tx, std::string_view username) {
  auto rows = tx.Query(std::string(kUserSelect) + " WHERE username = ?", {std::string(username)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<UserRecord>();
  return std::optional<UserRecord>(UserFromRow(rows->front()));
}

Result<std::optional<Credentials>> FindCredentials(Tx& tx, std::string_view username) {
  auto rows = tx.Query(
      "SELECT password_hash, totp_secret, totp_last_step, failed_count, locked_until "
      "FROM credentials WHERE username = ?",
      {std::string(username)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Credentials>();
  const Row& r = rows->front();
  Credentials c;
  c.password_hash = r.Text(0);
  c.totp_secret = r.Blob(1);
  c.totp_last_step = r.Int(2);
  c.failures.consecutive_failures = static_cast<int>(r.Int(3));
  c.failures.locked_until = r.Int(4);
  return std::optional<Credentials>(std::move(c));
}

Result<std::optional<SessionRecord>> FindSession(Tx& tx, const Hash256& token_hash) {
  auto rows = tx.Query(
      "SELECT id, username, created_at, last_seen, address FROM sessions WHERE token_hash = ?",
      {HashBytes(token_hash)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<SessionRecord>();
  const Row& r = rows->front();
  return std::optional<SessionRecord>(
      SessionRecord{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Text(4)});
}

Result<std::optional<TokenRecord>> FindTokenByHash(Tx& tx, const Hash256& token_hash) {
  auto rows = tx.Query(
      "SELECT t.id, t.party, t.username, t.name, t.expires_at, t.revoked_at FROM token_secrets s "
      "JOIN api_tokens t ON t.id = s.token_id WHERE s.token_hash = ?",
      {HashBytes(token_hash)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<TokenRecord>();
  const Row& r = rows->front();
  TokenRecord t{r.Text(0), r.Text(1), r.Text(2), r.Text(3), {}, {}};
  if (!r.IsNull(4)) t.expires_at = r.Int(4);
  if (!r.IsNull(5)) t.revoked_at = r.Int(5);
  return std::optional<TokenRecord>(std::move(t));
}

Result<bool> IsCoordinator(Tx& tx, std::string_view party) {
  auto rows = tx.Query("SELECT is_coordinator FROM parties WHERE id = ?", {std::string(party)});
  if (!rows) return std::move(rows).error();
  return !rows->empty() && rows->front().Int(0) != 0;
}

Result<std::vector<std::string>> CoordinatorParties(Tx& tx) {
  auto rows = tx.Query("SELECT id FROM parties WHERE is_coordinator = 1 ORDER BY id");
  if (!rows) return std::move(rows).error();
  std::vector<std::string> out;
  for (const Row& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<Principal> PrincipalFor(Tx& tx, const UserRecord& user) {
  auto coord = IsCoordinator(tx, user.party);
  if (!coord) return std::move(coord).error();
  Principal p;
  p.username = user.username;
  p.party = user.party;
  p.unit = user.unit;
  p.roles = user.roles;
  p.is_coordinator = *coord;
  return p;
}

json::object UserJson(const UserRecord& u) {
  return {{"username", u.username},
          {"display_name", u.display_name},
          {"party", u.party},
          {"unit", u.unit},
          {"roles", RolesJson(u.roles)},
          {"disabled", u.disabled},
          {"totp_enabled", u.totp_enabled}};
}

Result<json::object> MeJson(Tx& tx, const Principal& p) {
  auto user = FindUser(tx, p.username);
  if (!user) return std::move(user).error();
  std::string display = p.username;
  if (user->has_value()) display = (*user)->display_name;
  auto party = tx.Query("SELECT name_en, name_ar, name_he FROM parties WHERE id = ?", {p.party});
  if (!party) return std::move(party).error();
  auto unit = tx.Query("SELECT name_en, name_ar, name_he FROM units WHERE id = ?", {p.unit});
  if (!unit) return std::move(unit).error();
  json::object o{{"username", p.username},
                 {"display_name", display},
                 {"party", p.party},
                 {"party_name", party->empty() ? p.party : party->front().Text(0)},
                 {"unit", p.unit},
                 {"unit_name", unit->empty() ? p.unit : unit->front().Text(0)},
                 {"roles", RolesJson(p.roles)},
                 {"is_coordinator", p.is_coordinator},
                 {"auth", p.token_id.empty() ? "session" : "token"}};
  // Names in the console's three languages; empty where none was given.
  if (!unit->empty()) {
    o["unit_names"] = json::object{{"en", unit->front().Text(0)},
                                   {"ar", unit->front().Text(1)},
                                   {"he", unit->front().Text(2)}};
  }
  if (!party->empty()) {
    o["party_names"] = json::object{{"en", party->front().Text(0)},
                                    {"ar", party->front().Text(1)},
                                    {"he", party->front().Text(2)}};
  }
  return o;
}

Result<json::array> ListParties(Tx& tx) {
  auto rows =
      tx.Query("SELECT id, name_en, name_ar, name_he, is_coordinator FROM parties ORDER BY id", {});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    out.push_back(json::object{{"id", r.Text(0)},
                               {"name_en", r.Text(1)},
                               {"name_ar", r.Text(2)},
                               {"name_he", r.Text(3)},
                               {"is_coordinator", r.Int(4) != 0}});
  }
  return out;
}

Result<json::array> ListNations(Tx& tx) {
  auto rows = tx.Query("SELECT code, name_en, name_ar, name_he FROM nations ORDER BY code", {});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    out.push_back(json::object{{"code", r.Text(0)},
                               {"name_en", r.Text(1)},
                               {"name_ar", r.Text(2)},
                               {"name_he", r.Text(3)}});
  }
  return out;
}

Result<json::array> ListUnits(Tx& tx, std::string_view party) {
  std::string sql =
      "SELECT id, party, parent, kind, name_en, name_ar, name_he, district FROM units";
  std::vector<SqlValue> params;
  if (!party.empty()) {
    sql += " WHERE party = ?";
    params.emplace_back(std::string(party));
  }
  sql += " ORDER BY id";
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    json::object o{{"id", r.Text(0)},      {"party", r.Text(1)},   {"kind", r.Text(3)},
                   {"name_en", r.Text(4)}, {"name_ar", r.Text(5)}, {"name_he", r.Text(6)}};
    o["parent"] = r.IsNull(2) ? json::value(nullptr) : json::value(r.Text(2));
    o["district"] = r.IsNull(7) ? json::value(nullptr) : json::value(r.Text(7));
    out.push_back(std::move(o));
  }
  return out;
}

Result<json::array> ListUsers(Tx& tx, std::string_view party) {
  auto rows = tx.Query(std::string(kUserSelect) + " WHERE party = ? ORDER BY username",
                       {std::string(party)});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) out.push_back(UserJson(UserFromRow(r)));
  return out;
}

Result<json::array> ListTokens(Tx& tx, std::string_view party) {
  auto rows = tx.Query(
      "SELECT id, username, name, created_by, created_at, expires_at, revoked_at FROM api_tokens "
      "WHERE party = ? ORDER BY created_at, id",
      {std::string(party)});
  if (!rows) return std::move(rows).error();
  json::array out;
  for (const Row& r : *rows) {
    json::object o{{"id", r.Text(0)},
                   {"username", r.Text(1)},
                   {"name", r.Text(2)},
                   {"created_by", r.Text(3)},
                   {"created_at", FormatRfc3339(r.Int(4))}};
    o["expires_at"] = r.IsNull(5) ? json::value(nullptr) : json::value(FormatRfc3339(r.Int(5)));
    o["revoked_at"] = r.IsNull(6) ? json::value(nullptr) : json::value(FormatRfc3339(r.Int(6)));
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace liaison::identity

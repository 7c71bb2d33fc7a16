// user add | list | disable | enable | passwd | totp
#include <boost/json/serialize.hpp>
#include <iostream>

#include "app/app.hpp"
#include "app/data_lock.hpp"
#include "auth/password.hpp"
#include "auth/totp.hpp"
#include "cli/commands.hpp"
#include "domain/identity/identity.hpp"

namespace liaison::cli {
namespace {

struct UserArgs {
  std::string data, party, unit, roles, username, display_name;
  bool password_stdin = false;
};

// Opens the data directory for a write, holding the writer lock.
struct Session {
  std::unique_ptr<DataLock> lock;
  SystemClock clock;
  std::unique_ptr<App> app;
};

Result<std::unique_ptr<Session>> OpenForWrite(const std::string& dir) {
  auto s = std::make_unique<Session>();
  auto lock = DataLock::Acquire(dir);
  if (!lock) return std::move(lock).error();
  s->lock = std::move(*lock);
  auto app = App::Open(DataDir{dir}, s->clock);
  if (!app) return std::move(app).error();
  s->app = std::move(*app);
  return s;
}

Result<std::string> ReadPassword(bool from_stdin) {
  if (!from_stdin)
    return Error::Invalid("/password", "pass the password on standard input with --password-stdin");
  std::string line;
  if (!std::getline(std::cin, line))
    return Error::Invalid("/password", "no password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

int Run(Session& s, CommandFn fn) {
  auto r = s.app->bus().Execute(SystemPrincipal("cli:user"), std::move(fn));
  s.app->Stop();
  if (!r) return Fail(r.error());
  std::cout << json::serialize(r->reply) << std::endl;
  return 0;
}

int Add(const UserArgs& a) {
  auto password = ReadPassword(a.password_stdin);
  if (!password) return Fail(password.error());
  if (Status st = CheckPasswordStrength(*password, a.username); !st) return Fail(st.error());
  auto roles = RoleSet::Parse(a.roles);
  if (!roles || roles->empty())
    return Fail(Error::Invalid("/roles",
                               "unknown or empty --role; roles are liaison, duty, commander, hr, "
                               "vetting, trainer, analyst, auditor, admin"));
  if (!a.unit.starts_with(a.party + "/") && a.unit != a.party) {
    return Fail(Error::Invalid("/unit", "unit " + a.unit + " does not belong to party " + a.party));
  }
  auto s = OpenForWrite(a.data);
  if (!s) return Fail(s.error());
  auto hash = HashPassword(*password, (*s)->app->auth().hash_params());
  if (!hash) return Fail(hash.error());
  json::array role_list;
  for (const auto& n : roles->Names()) role_list.emplace_back(n);
  json::object in{{"username", a.username}, {"unit", a.unit}, {"roles", role_list}};
  if (!a.display_name.empty()) in["display_name"] = a.display_name;
  return Run(**s, [in, h = *hash](CommandContext& c) { return identity::CreateUser(c, in, h); });
}

int List(const UserArgs& a) {
  auto store =
      OpenSqliteStore({.path = DataDir{a.data}.db(), .read_connections = 1, .read_only = true});
  if (!store) return Fail(store.error());
  std::vector<std::string> parties;
  Status st = (*store)->RunRead([&](Tx& tx) -> Status {
    if (!a.party.empty()) {
      parties.push_back(a.party);
    } else {
      auto rows = tx.Query("SELECT id FROM parties ORDER BY id", {});
      if (!rows) return std::move(rows).error();
      for (const auto& r : *rows) parties.push_back(r.Text(0));
    }
    for (const auto& p : parties) {
      auto users = identity::ListUsers(tx, p);
      if (!users) return std::move(users).error();
      for (const auto& u : *users) {
        const auto& o = u.as_object();
        std::string roles;
        for (const auto& r : o.at("roles").as_array())
          roles += (roles.empty() ? "" : ",") + std::string(r.as_string());
        std::cout << o.at("username").as_string().c_str() << "\t" << p << "\t"
                  << o.at("unit").as_string().c_str() << "\t" << roles
                  << (o.at("disabled").as_bool() ? "\tdisabled" : "")
                  << (o.at("totp_enabled").as_bool() ? "\ttotp" : "") << "\n";
      }
    }
    return OkStatus();
  });
  if (!st) return Fail(st.error());
  return 0;
}

int SetDisabled(const UserArgs& a, bool disabled) {
  auto s = OpenForWrite(a.data);
  if (!s) return Fail(s.error());
  return Run(**s, [u = a.username, disabled](CommandContext& c) {
    return identity::SetUserDisabled(c, u, disabled);
  });
}

int Passwd(const UserArgs& a) {
  auto password = ReadPassword(a.password_stdin);
  if (!password) return Fail(password.error());
  if (Status st = CheckPasswordStrength(*password, a.username); !st) return Fail(st.error());
  auto s = OpenForWrite(a.data);
  if (!s) return Fail(s.error());
  auto hash = HashPassword(*password, (*s)->app->auth().hash_params());
  if (!hash) return Fail(hash.error());
  return Run(**s, [u = a.username, h = *hash](CommandContext& c) {
    return identity::SetPassword(c, u, h);
  });
}

int Totp(const UserArgs& a) {
  auto s = OpenForWrite(a.data);
  if (!s) return Fail(s.error());
  const Bytes secret = NewTotpSecret();
  auto r = (*s)->app->bus().Execute(
      SystemPrincipal("cli:user"),
      [u = a.username, secret](CommandContext& c) { return identity::EnableTotp(c, u, secret); });
  (*s)->app->Stop();
  if (!r) return Fail(r.error());
  std::cout << OtpauthUri("Liaison", a.username, secret) << std::endl;
  return 0;
}

}  // namespace

void RegisterUser(CLI::App& app, int& exit_code) {
  CLI::App* user = app.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  auto add = [&](const char* name, const char* help, auto fn, bool needs_username,
                 bool needs_password, bool add_fields) {
    auto args = std::make_shared<UserArgs>();
    CLI::App* cmd = user->add_subcommand(name, help);
    cmd->add_option("--data", args->data, "Data directory")->required();
    if (needs_username) cmd->add_option("--username", args->username, "Account name")->required();
    if (needs_password)
      cmd->add_flag("--password-stdin", args->password_stdin,
                    "Read the password from standard input");
    if (add_fields) {
      cmd->add_option("--party", args->party, "Party id (isf, pasf, ussc, ...)")->required();
      cmd->add_option("--unit", args->unit, "Unit id, e.g. pasf/dcl/jenin")->required();
      cmd->add_option("--role", args->roles, "Roles, comma-separated")->required();
      cmd->add_option("--display-name", args->display_name, "Name shown in the console");
    }
    cmd->callback([args, fn, &exit_code] { exit_code = fn(*args); });
  };
  add("add", "Create an account", Add, true, true, true);
  add(
      "disable", "Disable an account and end its sessions",
      [](const UserArgs& a) { return SetDisabled(a, true); }, true, false, false);
  add(
      "enable", "Enable an account", [](const UserArgs& a) { return SetDisabled(a, false); }, true,
      false, false);
  add("passwd", "Set an account's password", Passwd, true, true, false);
  add("totp", "Turn on TOTP and print the otpauth:// URI", Totp, true, false, false);
  {
    auto args = std::make_shared<UserArgs>();
    CLI::App* cmd = user->add_subcommand("list", "List accounts");
    cmd->add_option("--data", args->data, "Data directory")->required();
    cmd->add_option("--party", args->party, "Only this party");
    cmd->callback([args, &exit_code] { exit_code = List(*args); });
  }
}

}  // namespace liaison::cli

// init, demo, rebuild, backup.
#include <algorithm>
#include <iostream>

#include "app/app.hpp"
#include "app/data_lock.hpp"
#include "app/demo.hpp"
#include "app/rebuild.hpp"
#include "cli/commands.hpp"

namespace liaison::cli {
namespace {

int Init(const std::string& dir) {
  auto created = InitDataDir(DataDir{dir}, false);
  if (!created) return Fail(created.error());
  if (*created) {
    std::cout << "initialised " << dir << " (liaison.db, signing.key, liaison.toml)" << std::endl;
  } else {
    std::cout << dir << " is already initialised; nothing changed" << std::endl;
  }
  return 0;
}

int Demo(const std::string& dir, const std::string& password, bool sample_requests, int personnel) {
  if (password.empty()) return Fail(Error::Invalid("/password", "--password must not be empty"));
  auto created = InitDataDir(DataDir{dir}, true);
  if (!created) return Fail(created.error());
  auto lock = DataLock::Acquire(dir);
  if (!lock) return Fail(lock.error());
  SystemClock clock;
  auto app = App::Open(DataDir{dir}, clock);
  if (!app) return Fail(app.error());
  auto accounts = SeedDemo(**app, password);
  if (!accounts) return Fail(accounts.error());
  const Status geography = (*app)->LoadGeography(DefaultMapDir());
  if (!geography && (sample_requests || personnel > 0)) {
    std::cerr << "liaison: map data not found (" << geography.error().message
              << "); sample requests get no footprint and no synthetic force is generated"
              << std::endl;
  }
  if (personnel > 0 && geography) {
    auto f = SeedSyntheticForce(**app, personnel);
    if (!f) return Fail(f.error());
    if (*f > 0) {
      std::cout << "Generated a synthetic force of " << *f
                << " persons (SYNTHETIC: invented names, not real people)." << std::endl;
    }
  }
  if (sample_requests) {
    auto n = SeedSampleRequests(**app);
    if (!n) return Fail(n.error());
    if (*n > 0) std::cout << "Seeded " << *n << " sample coordination requests." << std::endl;
    auto d = SeedSampleDeconfliction(**app);
    if (!d) return Fail(d.error());
    if (*d > 0) {
      std::cout << "Seeded " << *d << " sample protected sites and planned activities."
                << std::endl;
    }
    auto i = SeedSampleIncidents(**app);
    if (!i) return Fail(i.error());
    if (*i > 0) std::cout << "Seeded " << *i << " sample incidents." << std::endl;
    auto c = SeedSampleReturns(**app);
    if (!c) return Fail(c.error());
    if (*c > 0) std::cout << "Seeded " << *c << " sample return cases." << std::endl;
    auto m = SeedSampleMessages(**app);
    if (!m) return Fail(m.error());
    if (*m > 0) std::cout << "Seeded " << *m << " sample messages." << std::endl;
    if (geography) {
      auto v = SeedSampleVetting(**app);
      if (!v) return Fail(v.error());
      if (*v > 0) std::cout << "Seeded " << *v << " sample vetting records." << std::endl;
      auto t = SeedSampleTraining(**app);
      if (!t) return Fail(t.error());
      if (*t > 0) std::cout << "Seeded " << *t << " sample training records." << std::endl;
    }
  }
  (*app)->Stop();
  const bool all_existed = std::all_of(accounts->begin(), accounts->end(),
                                       [](const DemoAccount& a) { return a.existed; });
  std::cout << "Demo data ready in " << dir << " (synthetic; not real people or units)."
            << std::endl
            << "Log in with any of these, password: " << password
            << (all_existed ? " (as set when the demo was first seeded; --password changes no "
                              "existing account)"
                            : "")
            << std::endl;
  for (const auto& a : *accounts) {
    std::cout << "  " << a.username
              << std::string(a.username.size() < 18 ? 18 - a.username.size() : 1, ' ') << a.party
              << "  " << a.unit << "  (" << a.roles << ")" << std::endl;
  }
  return 0;
}

int RebuildCmd(const std::string& dir, bool check) {
  auto lock = DataLock::Acquire(dir);
  if (!lock) return Fail(lock.error());
  auto store = OpenSqliteStore({.path = DataDir{dir}.db(), .read_connections = 1});
  if (!store) return Fail(store.error());
  auto report = Rebuild(**store, check);
  if (!report) return Fail(report.error());
  std::cout << "replayed " << report->events << " events; projections "
            << (report->identical() ? "identical to" : "DIFFERED from") << " the live ones"
            << " (digest " << report->digest_after.substr(0, 16) << ")"
            << (check ? "; nothing written (--check)" : "") << std::endl;
  // With --check a difference is a failure; without it, the rebuild repaired it.
  return check && !report->identical() ? 1 : 0;
}

int Backup(const std::string& dir, const std::string& out) {
  auto store =
      OpenSqliteStore({.path = DataDir{dir}.db(), .read_connections = 1, .read_only = true});
  if (!store) return Fail(store.error());
  if (Status s = (*store)->Backup(out); !s) return Fail(s.error());
  std::cout << "backed up " << DataDir{dir}.db() << " to " << out
            << " (keep signing.key and liaison.toml with it)" << std::endl;
  return 0;
}

}  // namespace

void RegisterData(CLI::App& app, int& exit_code) {
  {
    auto dir = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("init", "Create a data directory");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->callback([dir, &exit_code] { exit_code = Init(*dir); });
  }
  {
    auto dir = std::make_shared<std::string>();
    auto password = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("demo", "Initialise if needed and seed demo data");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->add_option("--password", *password, "Password for every demo account")->required();
    auto samples = std::make_shared<bool>(false);
    cmd->add_flag("--sample-requests", *samples,
                  "Also seed a few coordination requests in different states, protected sites "
                  "and planned activities (only into a database with none)");
    auto personnel = std::make_shared<int>(20'000);
    cmd->add_option("--personnel", *personnel,
                    "Persons in the synthetic force generated for the personnel registry (0: "
                    "none; only into a registry with no one)")
        ->check(CLI::Range(0, 100'000));
    cmd->callback([dir, password, samples, personnel, &exit_code] {
      exit_code = Demo(*dir, *password, *samples, *personnel);
    });
  }
  {
    auto dir = std::make_shared<std::string>();
    auto check = std::make_shared<bool>(false);
    CLI::App* cmd = app.add_subcommand("rebuild", "Replay the event log into fresh projections");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->add_flag("--check", *check, "Compare only; fail if the projections differ");
    cmd->callback([dir, check, &exit_code] { exit_code = RebuildCmd(*dir, *check); });
  }
  {
    auto dir = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("backup", "Take a consistent online backup");
    cmd->add_option("--data", *dir, "Data directory")->required();
    cmd->add_option("--out", *out, "Backup file (must not exist)")->required();
    cmd->callback([dir, out, &exit_code] { exit_code = Backup(*dir, *out); });
  }
}

}  // namespace liaison::cli

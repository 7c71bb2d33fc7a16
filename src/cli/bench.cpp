// liaison bench writer: the single writer's durable throughput under
// concurrent load (group commit with synchronous=FULL), on a throwaway data
// directory. Prints figures; asserts nothing.
#include <malloc.h>

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/app.hpp"
#include "cli/bench_personnel.hpp"
#include "cli/bench_postgis.hpp"
#include "cli/bench_stream.hpp"
#include "cli/commands.hpp"
#include "core/time.hpp"
#include "deconflict/engine.hpp"
#include "deconflict/synthetic.hpp"
#include "domain/identity/identity.hpp"
#include "domain/requests/duty.hpp"
#include "domain/requests/requests.hpp"
#include "domain/requests/stats.hpp"
#include "geo/geojson.hpp"

namespace liaison::cli {
namespace {

struct BenchArgs {
  int commands = 20000;
  int clients = 64;
  std::string dir;
  int requests = 20000;
  std::string map_dir;
};

// Milliseconds at the p-th fraction of sorted samples.
double Pct(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

template <class F>
double TimeMs(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// A fresh data directory for a benchmark; `keep` when the user named it.
Result<std::string> BenchDir(const std::string& named, const char* kind) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string dir =
      named.empty() ? (fs::temp_directory_path() /
                       (std::string("liaison-bench-") + kind + "-" + std::to_string(::getpid())))
                          .string()
                    : named;
  if (named.empty()) {
    fs::remove_all(dir, ec);
  } else if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Error::Invalid("/data", "--data must name a new or empty directory; " + dir +
                                       " holds files and is never overwritten");
  }
  auto created = InitDataDir(DataDir{dir}, true);
  if (!created) return std::move(created).error();
  return dir;
}

int BenchWriter(const BenchArgs& a) {
  namespace fs = std::filesystem;
  const std::string dir =
      a.dir.empty()
          ? (fs::temp_directory_path() / ("liaison-bench-" + std::to_string(::getpid()))).string()
          : a.dir;
  std::error_code ec;
  if (a.dir.empty()) {
    fs::remove_all(dir, ec);
  } else if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Fail(Error::Invalid("/data", "--data must name a new or empty directory; " + dir +
                                            " holds files and is never overwritten"));
  }
  auto created = InitDataDir(DataDir{dir}, true);
  if (!created) return Fail(created.error());
  SystemClock clock;
  auto app = App::Open(DataDir{dir}, clock);
  if (!app) return Fail(app.error());
  auto setup = (*app)->bus().Execute(
      SystemPrincipal("cli:bench"), [](CommandContext& c) -> Result<json::value> {
        auto p = identity::CreateParty(c, json::object{{"id", "bench"}, {"name_en", "Bench"}});
        if (!p) return p;
        return json::value(nullptr);
      });
  if (!setup) return Fail(setup.error());
  (void)(*app)->bus().Execute(SystemPrincipal("cli:bench"), [](CommandContext& c) {
    return identity::CreateUnit(
        c, json::object{{"id", "bench"}, {"kind", "party"}, {"name_en", "Bench"}});
  });

  std::vector<std::vector<double>> latencies(static_cast<size_t>(a.clients));
  std::atomic<int> next{0}, failed{0};
  const std::uint64_t batches_before = (*app)->bus().batches_committed();
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < a.clients; ++t) {
    threads.emplace_back([&, t] {
      for (int i = next++; i < a.commands; i = next++) {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = (*app)->bus().Execute(SystemPrincipal("cli:bench"), [i](CommandContext& c) {
          return identity::CreateUnit(
              c, json::object{{"id", "bench/u" + std::to_string(i)},
                              {"parent", "bench"},
                              {"kind", "unit"},
                              {"name_en", "Unit " + std::to_string(i)},
                              {"name_ar", "\xd9\x88\xd8\xad\xd8\xaf\xd8\xa9"}});
        });
        if (!r) failed++;
        latencies[static_cast<size_t>(t)].push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
      }
    });
  }
  for (auto& t : threads) t.join();
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::uint64_t batches = (*app)->bus().batches_committed() - batches_before;
  std::vector<double> all;
  for (auto& v : latencies) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0 : all[static_cast<size_t>(p * (all.size() - 1))];
  };
  (*app)->Stop();
  std::cout << "writer: " << a.commands << " commands from " << a.clients << " clients in " << secs
            << " s = " << static_cast<long>(a.commands / secs)
            << " commands/s (each one event, durable)\n"
            << "  group commit: " << batches << " transactions, "
            << (batches ? double(a.commands) / batches : 0) << " commands per transaction\n"
            << "  latency ms: p50 " << pct(0.5) << ", p99 " << pct(0.99) << ", max " << pct(1.0)
            << "\n"
            << "  failed: " << failed << std::endl;
  if (a.dir.empty()) fs::remove_all(dir);
  return failed == 0 ? 0 : 1;
}

// liaison bench requests: placing footprints against the Oslo areas, durable
// request submission from concurrent clients, the list, queue and figure
// queries over the resulting table, and one deadline-scheduler pass.
int BenchRequests(const BenchArgs& a) {
  auto dir = BenchDir(a.dir, "requests");
  if (!dir) return Fail(dir.error());
  ManualClock clock(*ParseRfc3339("2026-11-21T06:00:00Z"));
  auto opened = App::Open(DataDir{*dir}, clock);
  if (!opened) return Fail(opened.error());
  App& app = **opened;
  const std::string maps = a.map_dir.empty() ? DefaultMapDir() : a.map_dir;
  if (Status s = app.LoadGeography(maps); !s) return Fail(s.error());
  const Principal system = SystemPrincipal("cli:bench");
  // One command per record: a command sees the projections as they were
  // before it, so a unit's parent must be committed first.
  std::vector<std::function<Result<json::value>(CommandContext&)>> setup;
  for (const char* party : {"isf", "pasf", "ussc"}) {
    json::object p{{"id", party}, {"name_en", party}};
    if (std::string_view(party) == "ussc") p["is_coordinator"] = true;
    setup.push_back([p](CommandContext& c) { return identity::CreateParty(c, p); });
    setup.push_back([party](CommandContext& c) {
      return identity::CreateUnit(
          c, json::object{{"id", party}, {"kind", "party"}, {"name_en", party}});
    });
  }
  for (const char* unit : {"pasf/dcl", "isf/dco"}) {
    setup.push_back([unit](CommandContext& c) {
      const std::string id(unit);
      return identity::CreateUnit(c, json::object{{"id", id},
                                                  {"parent", id.substr(0, id.find('/'))},
                                                  {"kind", "liaison"},
                                                  {"name_en", id},
                                                  {"district", "PS0101"}});
    });
  }
  for (auto& step : setup) {
    if (auto r = app.bus().Execute(system, step); !r) return Fail(r.error());
  }

  // Routes of 10 vertices from a deterministic generator, across the West Bank.
  std::uint64_t seed = 42;
  auto rnd = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(seed >> 11) / static_cast<double>(1ULL << 53);
  };
  auto route = [&] {
    json::array coords;
    double lon = 34.95 + rnd() * 0.55, lat = 31.35 + rnd() * 1.2;
    for (int i = 0; i < 10; ++i) {
      coords.push_back(json::array{lon, lat});
      lon += (rnd() - 0.5) * 0.02;
      lat += (rnd() - 0.5) * 0.02;
    }
    return json::object{{"type", "LineString"}, {"coordinates", std::move(coords)}};
  };

  const requests::Settings settings = app.request_settings();
  std::vector<double> place_ms;
  for (int i = 0; i < 2000; ++i) {
    json::value g = route();
    auto geometry = geo::ParseGeometry(g, "");
    if (!geometry) return Fail(geometry.error());
    place_ms.push_back(TimeMs([&] { (void)settings.geography->Place(*geometry, 500); }));
  }

  Principal officer;
  officer.username = "pasf.bench";
  officer.party = "pasf";
  officer.unit = "pasf/dcl";
  officer.roles = RoleSet{Role::kLiaison, Role::kDuty};
  static constexpr const char* kPrecedences[] = {"ROUTINE", "PRIORITY", "IMMEDIATE", "FLASH"};
  std::atomic<int> next{0}, failed{0};
  std::vector<std::vector<double>> submit_ms(static_cast<size_t>(a.clients));
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < a.clients; ++t) {
    threads.emplace_back([&, t] {
      for (int i = next++; i < a.requests; i = next++) {
        json::object in{
            {"type", "movement"},
            {"to_party", "isf"},
            {"precedence", kPrecedences[i % 4]},
            {"title", "Convoy " + std::to_string(i)},
            {"details", "Benchmark request"},
            {"footprint", json::object{{"geometry", route()},
                                       {"buffer_m", 300},
                                       {"start", "2026-11-21T08:00:00Z"},
                                       {"end", "2026-11-22T08:00:00Z"}}},
            {"movement", json::object{{"personnel", 8},
                                      {"weapons", json::array{json::object{{"kind", "rifle"},
                                                                           {"count", 8}}}}}}};
        submit_ms[static_cast<size_t>(t)].push_back(TimeMs([&] {
          auto r = app.bus().Execute(officer, [&in, &settings](CommandContext& c) {
            return requests::Submit(c, in, settings);
          });
          if (!r) failed++;
        }));
      }
    });
  }
  for (auto& th : threads) th.join();
  const double submit_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> submit_all;
  for (auto& v : submit_ms) submit_all.insert(submit_all.end(), v.begin(), v.end());

  Principal receiver = officer;
  receiver.username = "isf.bench";
  receiver.party = "isf";
  receiver.unit = "isf/dco";
  Principal coordinator = officer;
  coordinator.username = "ussc.bench";
  coordinator.party = "ussc";
  coordinator.unit = "ussc";
  coordinator.is_coordinator = true;
  std::vector<double> list_ms, filtered_ms, queue_ms, figures_ms;
  for (int i = 0; i < 50; ++i) {
    (void)app.store().RunRead([&](Tx& tx) -> Status {
      requests::ListQuery q;
      q.role = "inbox";
      list_ms.push_back(TimeMs([&] { (void)requests::List(tx, receiver, q); }));
      q.states = {"open"};
      q.precedences = {"FLASH"};
      q.text = "Convoy 1";
      q.bbox = geo::Box{35.1, 31.8, 35.3, 32.0};
      filtered_ms.push_back(TimeMs([&] { (void)requests::List(tx, receiver, q); }));
      if (i < 10) {
        queue_ms.push_back(TimeMs([&] { (void)duty::Queue(tx, coordinator, "", clock.Now()); }));
        figures_ms.push_back(TimeMs([&] {
          (void)requests::Figures(tx, coordinator, clock.Now() - 86'400 * kMicrosPerSecond,
                                  clock.Now() + 1, clock.Now());
        }));
      }
      return OkStatus();
    });
  }
  // Every acknowledge deadline passes at once: one scheduler pass raises them all.
  clock.Advance(Micros{3} * 3600 * kMicrosPerSecond);
  std::int64_t raised = 0;
  const double scheduler_ms = TimeMs([&] {
    auto r = app.RaiseDueDeadlines();
    raised = r ? *r : -1;
  });
  app.Stop();
  std::cout << "requests: placement of a 10-vertex route with a 500 m buffer: p50 "
            << Pct(place_ms, 0.5) << " ms, p99 " << Pct(place_ms, 0.99) << " ms\n"
            << "  submit: " << a.requests << " requests from " << a.clients << " clients in "
            << submit_s << " s = " << static_cast<long>(a.requests / submit_s)
            << " requests/s (durable; placement and rules included); p50 " << Pct(submit_all, 0.5)
            << " ms, p99 " << Pct(submit_all, 0.99) << " ms\n"
            << "  list inbox (first page of 50, " << a.requests << " rows): p50 "
            << Pct(list_ms, 0.5) << " ms, p99 " << Pct(list_ms, 0.99) << " ms\n"
            << "  list with state, precedence, text and bbox filters: p50 " << Pct(filtered_ms, 0.5)
            << " ms\n"
            << "  coordinator desk queue (every open request, sorted by deadline): p50 "
            << Pct(queue_ms, 0.5) << " ms\n"
            << "  figures over every request: p50 " << Pct(figures_ms, 0.5) << " ms\n"
            << "  deadline scheduler: " << raised << " overdue events raised in " << scheduler_ms
            << " ms\n"
            << "  failed: " << failed << std::endl;
  if (a.dir.empty()) std::filesystem::remove_all(*dir);
  return failed == 0 && raised >= 0 ? 0 : 1;
}

// liaison bench deconflict: the in-memory deconfliction engine on synthetic
// activities over the West Bank (deconflict/synthetic.hpp); with --postgis,
// the same footprints and checks in PostgreSQL + PostGIS (bench_postgis.hpp),
// whose conflict sets must equal the engine's.
struct DeconflictBenchArgs {
  int active = 100'000;
  int checks = 10'000;
  std::uint64_t seed = 1;
  int days = 30;        // the span over which windows start: with --active, sets the density
  std::string postgis;  // a libpq connection string; empty: no comparison
  // PostGIS runs the first K of the checks (the probes are independent draws,
  // so the first K are a fair sample): at a millisecond or more a check it
  // would otherwise dominate the run.
  int postgis_checks = 1000;
  std::string postgis_index = "combined";
  bool json = false;
};

// A figure of the process from /proc/self/status, in MiB (0 if unknown):
// "VmRSS" is the resident memory, "VmHWM" its peak.
double StatusMiB(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  const std::string key = field + ":";
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) / 1024;  // "... kB"
  }
  return 0;
}

double ResidentMiB() { return StatusMiB("VmRSS"); }

int BenchDeconflict(const DeconflictBenchArgs& a) {
  constexpr const char* kParties[] = {"isf", "pasf", "ussc"};
  constexpr const char* kKinds[] = {"operation",  "patrol",      "movement", "exercise",
                                    "checkpoint", "static_site", "other"};
  constexpr int kLiveChanges = 10'000;
  const deconflict::Options options;  // no margins, other parties only, every pair of kinds
  const Micros first_start = SystemClock().Now();
  deconflict::SyntheticFootprints gen(a.seed, first_start, a.days);
  const auto next_entry = [&](std::uint64_t id) {
    return deconflict::Entry{id, kParties[gen.Index(3)], kKinds[gen.Index(7)], gen.Next()};
  };
  std::vector<deconflict::Entry> entries;
  entries.reserve(static_cast<size_t>(a.active));
  for (int i = 0; i < a.active; ++i)
    entries.push_back(next_entry(static_cast<std::uint64_t>(i + 1)));

  // PostgreSQL loads first: the engine's build takes the entries over, and
  // the server is another process, so the engine's memory figures hold.
  std::unique_ptr<PostgisBench> pg;
  PostgisLoad pg_load;
  if (!a.postgis.empty()) {
    auto index = ParsePostgisIndex(a.postgis_index);
    if (!index) return Fail(index.error());
    auto connected = PostgisBench::Connect(a.postgis, *index, options);
    if (!connected) return Fail(connected.error());
    pg = std::move(*connected);
    auto loaded = pg->Load(entries);
    if (!loaded) return Fail(loaded.error());
    pg_load = *loaded;
  }

  // The start-up rebuild: everything at once, bulk-loaded.
  deconflict::Engine engine(options);
  const double build_ms = TimeMs([&] { engine.Build(std::move(entries)); });
  entries = {};
  malloc_trim(0);  // hand the synthetic geometries' freed memory back, as a server would
  const double rss_loaded = ResidentMiB();

  std::vector<deconflict::Footprint> probes;
  std::vector<const char*> probe_parties;
  for (int i = 0; i < a.checks; ++i) {
    probes.push_back(gen.Next());
    probe_parties.push_back(kParties[gen.Index(3)]);
  }
  const size_t pg_checks = pg ? std::min(probes.size(), static_cast<size_t>(a.postgis_checks)) : 0;
  // The answers PostGIS is compared with; moving a result out costs nothing.
  std::vector<std::vector<deconflict::Hit>> kept(pg_checks);
  std::vector<double> latencies_us;
  latencies_us.reserve(probes.size());
  size_t conflicts = 0;
  size_t with_conflict = 0;
  const double check_ms = TimeMs([&] {
    for (size_t i = 0; i < probes.size(); ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      std::vector<deconflict::Hit> hits =
          engine.Check(probes[i], probe_parties[i], "patrol", std::nullopt);
      latencies_us.push_back(
          std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
      conflicts += hits.size();
      with_conflict += hits.empty() ? 0 : 1;
      if (i < pg_checks) kept[i] = std::move(hits);
    }
  });
  const double rss_checked = ResidentMiB();
  // The engine's time on exactly the probes PostGIS runs, for the ratio.
  double engine_pg_ms = 0;
  for (size_t i = 0; i < pg_checks; ++i) engine_pg_ms += latencies_us[i] / 1000;

  // Live changes on the built index: inserts one by one, then their removal.
  std::vector<deconflict::Entry> live;
  for (int i = 0; i < kLiveChanges; ++i) {
    live.push_back(next_entry(static_cast<std::uint64_t>(a.active + i + 1)));
  }
  const double insert_ms = TimeMs([&] {
    for (deconflict::Entry& e : live) engine.Insert(e);
  });
  const double remove_ms = TimeMs([&] {
    for (const deconflict::Entry& e : live) engine.Remove(e.id);
  });

  PostgisChecks pg_run;
  if (pg) {
    std::vector<PostgisCheck> checks;
    for (size_t i = 0; i < pg_checks; ++i)
      checks.push_back({&probes[i], probe_parties[i], &kept[i]});
    auto run = pg->Run(checks, std::cerr);
    if (!run) return Fail(run.error());
    pg_run = std::move(*run);
  }
  // Only differences that neither rounding at the reach nor an invalid polygon
  // explains fail the run (bench_postgis.hpp).
  const size_t real_mismatches =
      pg_run.mismatches - pg_run.rounding_mismatches - pg_run.invalid_polygon_mismatches;

  const double load_per_s = a.active / (build_ms / 1000);
  const double checks_per_s = a.checks / (check_ms / 1000);
  const double p50 = Pct(latencies_us, 0.50);
  const double p99 = Pct(latencies_us, 0.99);
  const double conflicts_per_check = static_cast<double>(conflicts) / a.checks;
  const double with_conflict_pct = 100.0 * static_cast<double>(with_conflict) / a.checks;
  const double inserts_per_s = kLiveChanges / (insert_ms / 1000);
  const double removals_per_s = kLiveChanges / (remove_ms / 1000);
  const double rss_peak = StatusMiB("VmHWM");
  const double pg_load_ms = pg_load.copy_ms + pg_load.index_ms + pg_load.analyze_ms;
  const double pg_copy_per_s = static_cast<double>(pg_load.rows) / (pg_load.copy_ms / 1000);
  const double pg_load_per_s = static_cast<double>(pg_load.rows) / (pg_load_ms / 1000);
  const double pg_checks_per_s = static_cast<double>(pg_checks) / (pg_run.total_ms / 1000);
  const double engine_same_per_s = static_cast<double>(pg_checks) / (engine_pg_ms / 1000);
  const double pg_p50 = Pct(pg_run.latencies_us, 0.50);
  const double pg_p99 = Pct(pg_run.latencies_us, 0.99);
  const double pg_round_trip_p50 = Pct(pg_run.round_trip_us, 0.50);
  const double pg_conflicts_per_check =
      pg_checks ? static_cast<double>(pg_run.conflicts) / static_cast<double>(pg_checks) : 0;

  if (a.json) {
    json::object o{{"active", a.active},
                   {"checks", a.checks},
                   {"days", a.days},
                   {"seed", a.seed},
                   {"build_ms", build_ms},
                   {"load_per_s", load_per_s},
                   {"checks_per_s", checks_per_s},
                   {"p50_us", p50},
                   {"p99_us", p99},
                   {"conflicts_per_check", conflicts_per_check},
                   {"checks_with_conflict_pct", with_conflict_pct},
                   {"inserts_per_s", inserts_per_s},
                   {"removals_per_s", removals_per_s},
                   {"rss_mib_built", rss_loaded},
                   {"rss_mib_checked", rss_checked},
                   {"rss_mib_peak", rss_peak}};
    if (pg) {
      o["postgis"] = json::object{{"index", PostgisIndexName(*ParsePostgisIndex(a.postgis_index))},
                                  {"rows", pg_load.rows},
                                  {"copy_ms", pg_load.copy_ms},
                                  {"copy_rows_per_s", pg_copy_per_s},
                                  {"index_ms", pg_load.index_ms},
                                  {"analyze_ms", pg_load.analyze_ms},
                                  {"load_per_s", pg_load_per_s},
                                  {"load_ratio", load_per_s / pg_load_per_s},
                                  {"checks", pg_checks},
                                  {"checks_per_s", pg_checks_per_s},
                                  {"p50_us", pg_p50},
                                  {"p99_us", pg_p99},
                                  {"round_trip_p50_us", pg_round_trip_p50},
                                  {"conflicts_per_check", pg_conflicts_per_check},
                                  {"engine_checks_per_s_same_probes", engine_same_per_s},
                                  {"ratio", engine_same_per_s / pg_checks_per_s},
                                  {"mismatches", real_mismatches},
                                  {"rounding_mismatches", pg_run.rounding_mismatches},
                                  {"invalid_polygon_mismatches", pg_run.invalid_polygon_mismatches},
                                  {"invalid_polygons", pg_run.invalid_rows},
                                  {"plan", pg_run.plan}};
    }
    std::cout << json::serialize(o) << std::endl;
    return real_mismatches == 0 ? 0 : 1;
  }

  std::cout << "bench deconflict: " << a.active << " active over " << a.days << " days, "
            << a.checks << " checks\n"
            << "  build (start-up bulk load): " << build_ms << " ms (" << load_per_s
            << " entries/s)\n"
            << "  checks: " << checks_per_s << " checks/s, p50 " << p50 << " us, p99 " << p99
            << " us\n"
            << "  density: " << conflicts_per_check << " conflicts per check; " << with_conflict_pct
            << " % of checks conflict\n"
            << "  live: " << inserts_per_s << " inserts/s, " << removals_per_s
            << " removals/s (one by one, on the built index)\n"
            << "  resident memory (whole process): " << rss_loaded << " MiB after the build, "
            << rss_checked << " MiB after the checks; peak " << rss_peak
            << " MiB (while the synthetic input was still held)" << std::endl;
  if (!pg) return 0;
  std::cout << "PostGIS (index " << a.postgis_index << "), the first " << pg_checks
            << " of the checks:\n"
            << "  load: COPY of " << pg_load.rows << " rows " << pg_load.copy_ms << " ms ("
            << pg_copy_per_s << " rows/s), index " << pg_load.index_ms << " ms, VACUUM ANALYZE "
            << pg_load.analyze_ms << " ms: " << pg_load_per_s
            << " rows/s in all; the engine's build is " << load_per_s / pg_load_per_s << "x that\n"
            << "  checks: " << pg_checks_per_s << " checks/s, p50 " << pg_p50 << " us, p99 "
            << pg_p99 << " us (an empty statement's round trip: p50 " << pg_round_trip_p50
            << " us); " << pg_conflicts_per_check << " conflicts per check\n"
            << "  the engine on the same probes: " << engine_same_per_s << " checks/s, "
            << engine_same_per_s / pg_checks_per_s << "x PostGIS\n"
            << "  conflict sets: "
            << (real_mismatches == 0 ? "equal"
                                     : "FAILED: " + std::to_string(real_mismatches) +
                                           " ids in one set and not the other")
            << "; explained differences: " << pg_run.rounding_mismatches
            << " within 1e-6 m of the reach (rounding), " << pg_run.invalid_polygon_mismatches
            << " on invalid polygons (PostGIS agrees on their ST_MakeValid, which reads them by "
               "the engine's even-odd rule); "
            << pg_run.invalid_rows << " of the " << pg_load.rows << " rows are invalid polygons\n"
            << "  plan of the first check (after the run):\n";
  std::istringstream plan(pg_run.plan);
  for (std::string line; std::getline(plan, line);) std::cout << "    " << line << "\n";
  std::cout.flush();
  return real_mismatches == 0 ? 0 : 1;
}

}  // namespace

void RegisterBench(CLI::App& app, int& exit_code) {
  CLI::App* bench =
      app.add_subcommand("bench", "Benchmarks (figures only; no pass/fail on timing)");
  bench->require_subcommand(1);
  auto args = std::make_shared<BenchArgs>();
  CLI::App* w = bench->add_subcommand("writer", "Durable command throughput of the single writer");
  w->add_option("--commands", args->commands, "Commands to run")->check(CLI::Range(1, 10'000'000));
  w->add_option("--clients", args->clients, "Concurrent submitters")->check(CLI::Range(1, 4096));
  w->add_option("--data", args->dir, "Use (and keep) this directory instead of a temporary one");
  w->callback([args, &exit_code] { exit_code = BenchWriter(*args); });
  CLI::App* r = bench->add_subcommand(
      "requests", "Request placement, submission, list/queue/figure queries and the scheduler");
  r->add_option("--requests", args->requests, "Requests to submit")
      ->check(CLI::Range(1, 1'000'000));
  r->add_option("--clients", args->clients, "Concurrent submitters")->check(CLI::Range(1, 4096));
  r->add_option("--data", args->dir, "Use (and keep) this directory instead of a temporary one");
  r->add_option("--map-dir", args->map_dir, "Map layers and coordination rules (default: data/)");
  r->callback([args, &exit_code] { exit_code = BenchRequests(*args); });
  auto dargs = std::make_shared<DeconflictBenchArgs>();
  CLI::App* d = bench->add_subcommand(
      "deconflict",
      "Load rate, check rate and latency, and memory of the deconfliction engine; with "
      "--postgis, the same checks in PostGIS, whose conflicts must be the same");
  d->add_option("--active", dargs->active, "Active activities to load")
      ->check(CLI::Range(1, 10'000'000));
  d->add_option("--checks", dargs->checks, "Checks to run")->check(CLI::Range(1, 10'000'000));
  d->add_option("--seed", dargs->seed, "Seed of the synthetic footprints");
  d->add_option("--days", dargs->days, "Days over which the windows start (the issue's: 30)")
      ->check(CLI::Range(1, 3650));
  d->add_option("--postgis", dargs->postgis,
                "Also load the data into this PostgreSQL + PostGIS (a libpq connection string; "
                "bench/postgis.sh starts a throwaway one) and compare the conflict sets");
  d->add_option("--postgis-checks", dargs->postgis_checks,
                "How many of the checks (the first ones) PostGIS runs (default 1000)")
      ->check(CLI::Range(1, 10'000'000));
  d->add_option("--postgis-index", dargs->postgis_index,
                "How PostGIS indexes and queries: combined (the fastest, default), separate, plain "
                "or xyt (src/cli/bench_postgis.hpp)")
      ->check(CLI::IsMember({"combined", "separate", "plain", "xyt"}));
  d->add_flag("--json", dargs->json, "Print one JSON object with every figure");
  d->callback([dargs, &exit_code] { exit_code = BenchDeconflict(*dargs); });
  AddBenchStream(*bench, exit_code);
  AddBenchPersonnel(*bench, exit_code);
}

}  // namespace liaison::cli

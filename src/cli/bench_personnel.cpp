// liaison bench personnel: on a throwaway data directory with the shipped
// reference data,
//   1. generates the demo's synthetic force of N persons through the command
//      bus (SeedSyntheticForce: units, establishment, registrations, career
//      events) and reports persons/s;
//   2. times the five personnel analytics queries over it (p50, p99, max of
//      K runs each, every one in its own read transaction);
//   3. writes the registry out as a CSV import of the same shape (new service
//      numbers) and runs the import's dry run and commit on it, reporting
//      rows/s for each (the commit doubles the registry);
//   4. reports the process's resident memory.
// Figures only: the run fails when a step fails, never on timing.
#include "cli/bench_personnel.hpp"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "audit/sha256.hpp"
#include "cli/commands.hpp"
#include "core/bytes.hpp"
#include "domain/identity/identity.hpp"
#include "domain/personnel/analytics.hpp"
#include "domain/personnel/personnel.hpp"

namespace liaison::cli {
namespace {

struct PersonnelBenchArgs {
  int persons = 100'000;
  int iterations = 100;
  std::string dir;
  std::string map_dir;
};

// This thread's CPU time in ms: what a query costs whatever else the machine
// runs (the wall time includes waiting for a core).
double ThreadCpuMs() {
  timespec t{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double ElapsedMs(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
      .count();
}

// The value at fraction `p` of the sorted samples (nearest rank).
double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

// A figure of /proc/self/status in MiB: "VmRSS" (resident) or "VmHWM" (peak).
double StatusMiB(const std::string& field) {
  std::ifstream status("/proc/self/status");
  const std::string key = field + ":";
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) / 1024;  // "... kB"
  }
  return 0;
}

// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
void AppendCsvField(std::string& out, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += v;
    return;
  }
  out += '"';
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

// The registry as an import file: a BOM, the header, one CRLF row per person
// with its service number made new (BENCH-...), so the file registers anew.
Result<std::string> RegistryAsCsv(App& app, std::int64_t* rows) {
  std::string csv = "\xEF\xBB\xBF";
  for (size_t i = 0; i < std::size(personnel::kPersonColumns); ++i) {
    if (i > 0) csv += ',';
    csv += personnel::kPersonColumns[i];
  }
  csv += "\r\n";
  *rows = 0;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto result = tx.Query(
        "SELECT number, name_ar, name_en, sex, birth_date, joined_on, service, unit, post, rank, "
        "status, education, notes FROM persons ORDER BY number");
    if (!result) return std::move(result).error();
    for (const Row& r : *result) {
      AppendCsvField(csv, "BENCH-" + std::to_string(r.Int(0)));
      for (size_t c = 1; c < r.size(); ++c) {
        csv += ',';
        AppendCsvField(csv, r.Text(c));
      }
      csv += "\r\n";
      ++*rows;
    }
    return OkStatus();
  }));
  return csv;
}

Status CreateParties(App& app) {
  const Principal system = SystemPrincipal("cli:bench");
  for (const char* party : {"ussc", "isf", "pasf"}) {
    json::object p{{"id", party}, {"name_en", party}};
    if (std::string_view(party) == "ussc") p["is_coordinator"] = true;
    auto r =
        app.bus().Execute(system, [p](CommandContext& c) { return identity::CreateParty(c, p); });
    if (!r) return std::move(r).error();
  }
  return OkStatus();
}

struct QueryTiming {
  std::string name;
  std::vector<double> ms, cpu_ms;
};

int BenchPersonnel(const PersonnelBenchArgs& a) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const std::string dir =
      a.dir.empty()
          ? (fs::temp_directory_path() / ("liaison-bench-personnel-" + std::to_string(::getpid())))
                .string()
          : a.dir;
  if (a.dir.empty()) {
    fs::remove_all(dir, ec);
  } else if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return Fail(Error::Invalid("/data", "--data must name a new or empty directory; " + dir +
                                            " holds files and is never overwritten"));
  }
  if (auto created = InitDataDir(DataDir{dir}, true); !created) return Fail(created.error());
  SystemClock clock;
  auto opened = App::Open(DataDir{dir}, clock);
  if (!opened) return Fail(opened.error());
  App& app = **opened;
  const std::string maps = a.map_dir.empty() ? DefaultMapDir() : a.map_dir;
  if (Status s = app.LoadGeography(maps); !s) return Fail(s.error());
  if (Status s = CreateParties(app); !s) return Fail(s.error());
  const personnel::Settings settings = app.personnel_settings();

  // 1. The synthetic force.
  auto t0 = std::chrono::steady_clock::now();
  auto generated = SeedSyntheticForce(app, a.persons);
  if (!generated) return Fail(generated.error());
  const double generate_ms = ElapsedMs(t0);
  std::int64_t on_strength = 0, units = 0, career_events = 0;
  Status counted = app.store().RunRead([&](Tx& tx) -> Status {
    auto r = tx.Query(
        "SELECT (SELECT COUNT(*) FROM persons WHERE status IN ('active', 'suspended')), "
        "(SELECT COUNT(*) FROM org_units), (SELECT COUNT(*) FROM career_events)");
    if (!r) return std::move(r).error();
    on_strength = r->front().Int(0);
    units = r->front().Int(1);
    career_events = r->front().Int(2);
    return OkStatus();
  });
  if (!counted) return Fail(counted.error());
  const double rss_generated = StatusMiB("VmRSS");

  // 2. The analytics, as the registry party's HR officer reads them.
  Principal hr;
  hr.username = "pasf.bench";
  hr.party = settings.registry_party;
  hr.unit = settings.registry_party + "/hq";
  hr.roles = RoleSet{Role::kHr};
  const Micros now = clock.Now();
  const personnel::AnalyticsFilter all;
  const personnel::PyramidQuery pyramid{all, settings.target_ratio};
  personnel::VacancyQuery vacancies;
  vacancies.limit = kMaxPageSize;
  const personnel::RetirementQuery retirements{all, settings.retirement};
  using QueryFn = std::function<Result<json::value>(Tx&)>;
  const std::pair<const char*, QueryFn> queries[] = {
      {"headcount", [&](Tx& tx) { return personnel::Headcount(tx, hr, all, settings); }},
      {"rank-pyramid", [&](Tx& tx) { return personnel::RankPyramid(tx, hr, pyramid, settings); }},
      {"vacancies", [&](Tx& tx) { return personnel::Vacancies(tx, hr, vacancies, settings); }},
      {"retirements",
       [&](Tx& tx) { return personnel::Retirements(tx, hr, retirements, now, settings); }},
      {"payroll", [&](Tx& tx) { return personnel::Payroll(tx, hr, all, settings); }},
  };
  std::vector<QueryTiming> timings;
  for (const auto& [name, fn] : queries) {
    QueryTiming t{name, {}, {}};
    for (int i = 0; i < a.iterations; ++i) {
      Status s = app.store().RunRead([&](Tx& tx) -> Status {
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = ThreadCpuMs();
        auto r = fn(tx);
        t.cpu_ms.push_back(ThreadCpuMs() - cpu_start);
        t.ms.push_back(ElapsedMs(start));
        if (!r) return std::move(r).error();
        return OkStatus();
      });
      if (!s) return Fail(s.error());
    }
    timings.push_back(std::move(t));
  }
  const double rss_queried = StatusMiB("VmRSS");

  // 3. The import of a file of the force's shape.
  std::int64_t rows = 0;
  auto csv = RegistryAsCsv(app, &rows);
  if (!csv) return Fail(csv.error());
  t0 = std::chrono::steady_clock::now();
  personnel::ImportCheck check;
  Status dry = app.store().RunRead([&](Tx& tx) -> Status {
    auto r = personnel::DryRun(tx, hr, *csv, clock.Now(), settings);
    if (!r) return std::move(r).error();
    check = std::move(*r);
    return OkStatus();
  });
  if (!dry) return Fail(dry.error());
  const double dry_ms = ElapsedMs(t0);
  if (check.error_count > 0) {
    const personnel::ImportIssue& first = check.errors.front();
    return Fail(Error::Internal("the generated import file has " +
                                std::to_string(check.error_count) + " issue(s); the first, row " +
                                std::to_string(first.row) + " " + first.column + ": " +
                                first.message));
  }
  const std::string digest = HexEncode(audit::Sha256(*csv));
  t0 = std::chrono::steady_clock::now();
  auto committed = app.bus().Execute(
      hr, [&](CommandContext& c) { return personnel::CommitImport(c, *csv, digest, settings); });
  if (!committed) return Fail(committed.error());
  const double commit_ms = ElapsedMs(t0);
  app.Stop();

  const double mib = 1024.0 * 1024.0;
  std::cout << "bench personnel: " << a.persons << " persons, " << a.iterations
            << " runs of each query\n"
            << "  synthetic force: " << *generated << " persons (" << on_strength
            << " on strength), " << units << " units, " << career_events << " career events in "
            << generate_ms / 1000 << " s = " << static_cast<long>(*generated / (generate_ms / 1000))
            << " persons/s (durable)\n"
            << "  analytics over " << on_strength
            << " persons on strength, ms wall (ms CPU of the querying thread):\n";
  for (QueryTiming& t : timings) {
    std::cout << "    " << t.name << ": p50 " << Percentile(t.ms, 0.5) << " ("
              << Percentile(t.cpu_ms, 0.5) << "), p99 " << Percentile(t.ms, 0.99) << " ("
              << Percentile(t.cpu_ms, 0.99) << "), max " << Percentile(t.ms, 1.0) << " ("
              << Percentile(t.cpu_ms, 1.0) << ")\n";
  }
  std::cout << "  import of " << rows << " rows (" << static_cast<double>(csv->size()) / mib
            << " MiB of CSV):\n"
            << "    dry run: " << dry_ms / 1000
            << " s = " << static_cast<long>(static_cast<double>(rows) / (dry_ms / 1000))
            << " rows/s\n"
            << "    commit: " << commit_ms / 1000
            << " s = " << static_cast<long>(static_cast<double>(rows) / (commit_ms / 1000))
            << " rows/s (one transaction; the registry now holds " << 2 * rows << " persons)\n"
            << "  resident memory (whole process): " << rss_generated << " MiB after generating, "
            << rss_queried << " MiB after the queries; peak " << StatusMiB("VmHWM") << " MiB"
            << std::endl;
  if (a.dir.empty()) fs::remove_all(dir, ec);
  return 0;
}

}  // namespace

void AddBenchPersonnel(CLI::App& bench, int& exit_code) {
  auto args = std::make_shared<PersonnelBenchArgs>();
  CLI::App* p = bench.add_subcommand(
      "personnel",
      "The synthetic force's generation rate, the personnel analytics' latency at its size, and "
      "the CSV import's dry-run and commit rates");
  p->add_option("--persons", args->persons, "Persons in the synthetic force (default 100000)")
      ->check(CLI::Range(1, 100'000));
  p->add_option("--iterations", args->iterations, "Runs of each analytics query (default 100)")
      ->check(CLI::Range(1, 100'000));
  p->add_option("--data", args->dir, "Use (and keep) this directory instead of a temporary one");
  p->add_option("--map-dir", args->map_dir, "Map layers and reference data (default: data/)");
  p->callback([args, &exit_code] { exit_code = BenchPersonnel(*args); });
}

}  // namespace liaison::cli

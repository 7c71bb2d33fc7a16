// liaison bench writer: the single writer's durable throughput under
// concurrent load (group commit with synchronous=FULL), on a throwaway data
// directory. Prints figures; asserts nothing.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/app.hpp"
#include "cli/commands.hpp"
#include "domain/identity/identity.hpp"

namespace liaison::cli {
namespace {

struct BenchArgs {
  int commands = 20000;
  int clients = 64;
  std::string dir;
};

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
}

}  // namespace liaison::cli

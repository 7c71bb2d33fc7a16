#include <filesystem>
#include <iostream>

#include "app/app.hpp"
#include "app/data_lock.hpp"
#include "app/log.hpp"
#include "app/test_clock.hpp"
#include "cli/commands.hpp"
#include "http/server.hpp"

namespace liaison::cli {
namespace {

struct ServeArgs {
  std::string data;
  std::string listen;
  std::string test_clock_file;
};

int Serve(const ServeArgs& a) {
  auto lock = DataLock::Acquire(a.data);
  if (!lock) return Fail(lock.error());
  std::unique_ptr<Clock> clock;
  if (a.test_clock_file.empty()) {
    clock = std::make_unique<SystemClock>();
  } else {
    clock = std::make_unique<OffsetFileClock>(a.test_clock_file);
  }
  auto app = App::Open(DataDir{a.data}, *clock);
  if (!app) return Fail(app.error());
  const Config& cfg = (*app)->config();
  const std::string exe = ExecutableDir();
  const std::string console = !cfg.console_dir.empty()
                                  ? cfg.console_dir
                                  : FirstExisting({exe + "/../web/dist", exe + "/../../web/dist",
                                                   "/usr/share/liaison/web"});
  const std::string maps = !cfg.map_dir.empty() ? cfg.map_dir : DefaultMapDir();
  auto layers = MapLayers::Load(maps);
  if (!layers) return Fail(layers.error());
  if (layers->layers().empty()) {
    Log(LogLevel::kWarn, "no map layers found", {{"map_dir", maps}});
  }
  // Without the Oslo areas and the rules the mechanism still runs: requests
  // without a footprint are accepted, those with one are refused with 503.
  if (Status g = (*app)->LoadGeography(maps); !g) {
    Log(LogLevel::kError, "coordination rules and areas not loaded; footprints are refused",
        {{"map_dir", maps}, {"error", g.error().message}});
  }
  Server server(**app, ServerOptions{a.listen.empty() ? cfg.listen : a.listen, console, true},
                std::move(*layers));
  if (Status s = server.Start(); !s) return Fail(s.error());
  Log(LogLevel::kInfo, "serving",
      {{"data", a.data},
       {"console", console},
       {"maps", maps},
       {"events", (*app)->bus().last_seq()},
       {"require_totp", cfg.require_totp}});
  (*app)->StartBackground();
  server.Run();
  (*app)->Stop();
  Log(LogLevel::kInfo, "stopped", {{"events", (*app)->bus().last_seq()}});
  return 0;
}

}  // namespace

void RegisterServe(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the API, the stream and the console");
  cmd->add_option("--data", args->data, "Data directory")->required();
  cmd->add_option("--listen", args->listen,
                  "HOST:PORT (default from liaison.toml, 127.0.0.1:8080)");
  cmd->add_option("--test-clock-file", args->test_clock_file,
                  "For automated tests only: add the seconds written in this file to the clock");
  cmd->callback([args, &exit_code] { exit_code = Serve(*args); });
}

}  // namespace liaison::cli

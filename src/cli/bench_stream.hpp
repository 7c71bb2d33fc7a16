// liaison bench stream: live delivery on the WebSocket event stream to many
// clients (src/cli/bench_stream.cpp). Figures only; no pass/fail on timing.
#pragma once

#include <CLI/CLI.hpp>

namespace liaison::cli {

// Adds `stream` to the `bench` subcommand; its callback sets `exit_code`.
void AddBenchStream(CLI::App& bench, int& exit_code);

}  // namespace liaison::cli

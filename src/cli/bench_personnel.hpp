// liaison bench personnel: the synthetic force's generation rate, the CSV
// import's dry-run and commit rates, and the five personnel analytics
// queries' latency at the force's size (src/cli/bench_personnel.cpp).
// Figures only; fails on errors, never on timing.
#pragma once

#include <CLI/CLI.hpp>

namespace liaison::cli {

// Adds `personnel` to the `bench` subcommand; its callback sets `exit_code`.
void AddBenchPersonnel(CLI::App& bench, int& exit_code);

}  // namespace liaison::cli

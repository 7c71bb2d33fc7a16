// The `liaison` subcommands. Each Register* adds its subcommands to the CLI11
// app; the callbacks set the process exit code. Errors are printed to stderr
// as one clear line.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/result.hpp"

namespace liaison::cli {

void RegisterServe(CLI::App& app, int& exit_code);
void RegisterData(CLI::App& app, int& exit_code);  // init, demo, rebuild, backup
void RegisterUser(CLI::App& app, int& exit_code);
void RegisterAudit(CLI::App& app, int& exit_code);
void RegisterBench(CLI::App& app, int& exit_code);
void RegisterDirectory(CLI::App& app, int& exit_code);  // party add, unit add

// Prints "liaison: <message>" (with the field when there is one); returns 1.
int Fail(const Error& e);

// Directory of the running executable (for the console and map defaults).
std::string ExecutableDir();
// The first of `candidates` that is a directory, else the first.
std::string FirstExisting(std::initializer_list<std::string> candidates);
// The map layers and coordination rules next to the binary: ../data (installed
// or build/), ../../data (build/release), or /usr/share/liaison/data.
std::string DefaultMapDir();

}  // namespace liaison::cli

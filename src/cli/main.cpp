// liaison: the server and its operator commands. Parses arguments and hands
// over to the subcommands; all wiring lives in src/app.
#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Liaison: the security coordination mechanism", "liaison"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "liaison 0.1.0");
  int exit_code = 0;
  liaison::cli::RegisterServe(app, exit_code);
  liaison::cli::RegisterData(app, exit_code);
  liaison::cli::RegisterUser(app, exit_code);
  liaison::cli::RegisterAudit(app, exit_code);
  liaison::cli::RegisterDirectory(app, exit_code);
  liaison::cli::RegisterBench(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}

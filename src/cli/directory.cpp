// party add | unit add: bootstrap a deployment's directory from the console,
// before any administrator account exists (afterwards the API does the same).
#include <boost/json/serialize.hpp>
#include <iostream>

#include "app/app.hpp"
#include "app/data_lock.hpp"
#include "cli/commands.hpp"
#include "domain/identity/identity.hpp"

namespace liaison::cli {
namespace {

struct DirectoryArgs {
  std::string data, id, name_en, name_ar, name_he, parent, kind, district;
  bool coordinator = false;
};

int RunAsOperator(const std::string& dir, CommandFn fn) {
  auto lock = DataLock::Acquire(dir);
  if (!lock) return Fail(lock.error());
  SystemClock clock;
  auto app = App::Open(DataDir{dir}, clock);
  if (!app) return Fail(app.error());
  auto r = (*app)->bus().Execute(SystemPrincipal("cli:directory"), std::move(fn));
  (*app)->Stop();
  if (!r) return Fail(r.error());
  std::cout << json::serialize(r->reply) << std::endl;
  return 0;
}

void Names(json::object& o, const DirectoryArgs& a) {
  o["name_en"] = a.name_en;
  if (!a.name_ar.empty()) o["name_ar"] = a.name_ar;
  if (!a.name_he.empty()) o["name_he"] = a.name_he;
}

}  // namespace

void RegisterDirectory(CLI::App& app, int& exit_code) {
  {
    auto a = std::make_shared<DirectoryArgs>();
    CLI::App* party = app.add_subcommand("party", "Manage parties");
    party->require_subcommand(1);
    CLI::App* cmd = party->add_subcommand("add", "Add a party (exactly one is the coordinator)");
    cmd->add_option("--data", a->data, "Data directory")->required();
    cmd->add_option("--id", a->id, "Party id, e.g. isf")->required();
    cmd->add_option("--name-en", a->name_en, "Name in English")->required();
    cmd->add_option("--name-ar", a->name_ar, "Name in Arabic");
    cmd->add_option("--name-he", a->name_he, "Name in Hebrew");
    cmd->add_flag("--coordinator", a->coordinator, "This party is the coordinator");
    cmd->callback([a, &exit_code] {
      json::object in{{"id", a->id}, {"is_coordinator", a->coordinator}};
      Names(in, *a);
      exit_code =
          RunAsOperator(a->data, [in](CommandContext& c) { return identity::CreateParty(c, in); });
    });
  }
  {
    auto a = std::make_shared<DirectoryArgs>();
    CLI::App* unit = app.add_subcommand("unit", "Manage units");
    unit->require_subcommand(1);
    CLI::App* cmd = unit->add_subcommand("add", "Add a unit to a party's tree");
    cmd->add_option("--data", a->data, "Data directory")->required();
    cmd->add_option("--id", a->id, "Unit id: the party id, or a parent's id plus one segment")
        ->required();
    cmd->add_option("--parent", a->parent, "Parent unit id (omit for the party's root unit)");
    cmd->add_option("--kind", a->kind,
                    "party, command, liaison, duty_desk, service, unit or office")
        ->required();
    cmd->add_option("--name-en", a->name_en, "Name in English")->required();
    cmd->add_option("--name-ar", a->name_ar, "Name in Arabic");
    cmd->add_option("--name-he", a->name_he, "Name in Hebrew");
    cmd->add_option("--district", a->district, "Governorate P-code, e.g. PS0101");
    cmd->callback([a, &exit_code] {
      json::object in{{"id", a->id}, {"kind", a->kind}};
      Names(in, *a);
      if (!a->parent.empty()) in["parent"] = a->parent;
      if (!a->district.empty()) in["district"] = a->district;
      exit_code =
          RunAsOperator(a->data, [in](CommandContext& c) { return identity::CreateUnit(c, in); });
    });
  }
}

}  // namespace liaison::cli

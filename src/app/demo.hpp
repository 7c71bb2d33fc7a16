// Demo data: the parties, the coalition's nine nations, a liaison unit per
// West Bank governorate for each force, the coordinator's duty desk, and
// accounts for each. Plainly marked as demo data in the log.
#pragma once

#include <string>
#include <vector>

#include "app/app.hpp"

namespace liaison {

struct DemoAccount {
  std::string username;
  std::string party;
  std::string unit;
  std::string roles;
  bool existed = false;  // already there: its password was left unchanged
};

// Seeds the demo into an opened App. Idempotent: what exists is kept.
// Returns the accounts that can log in with `password`.
Result<std::vector<DemoAccount>> SeedDemo(App& app, const std::string& password);

}  // namespace liaison

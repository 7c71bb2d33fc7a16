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

// The principal of a demo account, for seeding as that officer.
Result<Principal> DemoPrincipal(App& app, const std::string& username);

// Seeds the demo into an opened App. Idempotent: what exists is kept.
// Returns the accounts that can log in with `password`.
Result<std::vector<DemoAccount>> SeedDemo(App& app, const std::string& password);

// A few coordination requests in different states between the demo liaison
// offices, so the console has something to show. Only into a database with no
// requests yet; requests with a footprint need the geography loaded. Returns
// how many were created.
Result<int> SeedSampleRequests(App& app);

// Sample protected sites and planned activities, two of which conflict with
// the other party's (one with a sample request), so the deconfliction
// screens have something to show. Only into a database with no activities
// yet, and only with the geography loaded. Returns how many records were
// created.
Result<int> SeedSampleDeconfliction(App& app);

// Sample incidents between the parties (one of severity 4, which alerts the
// duty desks), so the incidents screens and the map are not empty. Nothing
// when any incident exists.
Result<int> SeedSampleIncidents(App& app);

// Sample return cases at different stages (no names), and sample messages
// in a district desk channel, the coordinator channel and the crisis room of
// the sample severity-4 incident. Nothing when any exists.
Result<int> SeedSampleReturns(App& app);
Result<int> SeedSampleMessages(App& app);

// A synthetic force of `persons` persons (at most 100,000) for the registry
// party: units in each service and governorate, their establishment, and
// persons with career histories, from the name lists in data/personnel/.
// Every person is marked synthetic. Nothing when the registry holds anyone.
// Needs the personnel reference data loaded. Returns how many persons.
Result<int> SeedSyntheticForce(App& app, int persons);

// Sample vetting (clearances of units and persons, pending requests, one
// expiring soon), allegations, courses, sessions and a force-generation
// target over the synthetic force. Nothing when any exists.
Result<int> SeedSampleVetting(App& app);
Result<int> SeedSampleTraining(App& app);

}  // namespace liaison

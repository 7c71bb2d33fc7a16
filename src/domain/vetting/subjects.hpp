// What vetting and the allegations register share (internal to
// domain/vetting): the subjects (persons and units of the personnel
// registry), the registry's scope, their stored status, and who reads the
// confidential side of vetting.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "authz/policy.hpp"
#include "domain/json.hpp"
#include "domain/vetting/rules.hpp"
#include "store/store.hpp"

namespace liaison::vetting {

// A person or unit of the registry.
struct Subject {
  std::string kind, id;
  std::string party;                     // the registry party
  std::vector<std::string> shared_with;  // the coordinator parties
  std::string label, label_ar;           // the name in English and Arabic
  std::string service_number;            // a person's
  std::string unit;                      // a person's unit, a unit's parent
  std::string person_status;             // a person's (active, retired ...)

  liaison::Scope scope() const { return {party, shared_with}; }
  json::object Json() const;  // {kind, id, label, label_ar, service_number?, unit?}
};

// kind must be "person" or "unit"; nullopt when the registry has no such.
Result<std::optional<Subject>> FindSubject(Tx& tx, std::string_view kind, std::string_view id);

// The registry's scope: owned by `registry_party`, shared with the
// coordinator parties.
Result<liaison::Scope> RegistryScope(Tx& tx, const std::string& registry_party);

// Denied unless `p` may do `action` on the registry's records at all: a party
// that may not see the registry gets kPermissionDenied, not an empty list.
Status AuthorizeRegistry(Tx& tx, const Principal& p, Action action,
                         const std::string& registry_party);

// The coordinator's vetting officers (and its auditors, and the system): the
// readers of reasons, sources and allegations.
bool SeesConfidential(const Principal& p);

// A subject's stored status (vetting_status), if it was ever decided.
Result<std::optional<Stored>> LoadStored(Tx& tx, std::string_view kind, std::string_view id);

// A unit's chain (the unit and its ancestors, nearest first) with the stored
// status of each.
Result<std::vector<ChainLink>> LoadChain(Tx& tx, std::string_view unit);

// {"kind","id"} as event bodies carry the subject.
json::object SubjectRef(std::string_view kind, std::string_view id);

}  // namespace liaison::vetting

// Human-rights vetting of persons and units (docs/vetting.md): requests for a
// purpose, decisions by the coordinator's vetting officers only, validity,
// automatic expiry, and the allegations register whose substantiated
// allegations suspend a clearance.
//
// A request and the subject's status are owned by the subject's party and
// shared with the coordinator parties. The reason and sources of a decision
// live in their own event (vetting.reasons_recorded) scoped to the
// coordinator alone, so the subject's party never reads them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"

namespace liaison::vetting {

struct Settings {
  std::string registry_party = "pasf";
  int validity_months = 12;  // a clearance's default validity
  int decision_days = 10;    // a request's deadline
  int expiring_days = 30;    // the expiring queue's window
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- What training asks --------------------------------------------------

// A subject's standing at `now`: "cleared" only while a clearance is valid;
// otherwise "denied", "suspended", "expired" or "none" (never decided).
struct Standing {
  std::string status;
  std::optional<Micros> valid_until;
  bool cleared() const { return status == "cleared"; }
};
// kind: "person" or "unit".
Result<Standing> StandingOf(Tx& tx, std::string_view kind, std::string_view id, Micros now);

// --- Scheduler -----------------------------------------------------------

// Clearances past their validity without their vetting.expired event.
Result<std::int64_t> CountExpired(Tx& tx, Micros now);
// Emits vetting.expired for at most `limit` of them. Replies {"expired": n}.
Result<json::value> RaiseExpiry(CommandContext& ctx, std::int64_t limit, const Settings& s);

}  // namespace liaison::vetting

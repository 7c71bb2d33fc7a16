// Event: one entry of the append-only event log, the source of truth and the
// audit trail. See docs/audit-format.md for the canonical byte encoding.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"

namespace liaison {

struct Event {
  std::int64_t seq = 0;                  // 1-based, dense, assigned by the writer
  Micros at = 0;                         // commit time, from the injected Clock
  std::string actor;                     // username, "system", or "cli:<user>"
  std::string party;                     // owner party id ("isf", "pasf", "ussc", ...)
  std::string type;                      // "user.created", "party.created", ...
  std::string subject;                   // the record the event is about ("user/pasf.jenin")
  std::vector<std::string> shared_with;  // parties besides the owner that may see it, sorted
  std::string body;  // canonical JSON (sorted keys, no insignificant whitespace)
};

}  // namespace liaison

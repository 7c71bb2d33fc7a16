// Career events and the state they derive: the pure rules of a person's
// career (docs/personnel.md). A person's current rank, unit, post and status
// are the fold of their career events in (effective date, seq, idx) order,
// starting from the appointment that registered them. No I/O; thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::personnel {

// Every kind of career event; the appointment is the registration.
inline constexpr std::string_view kCareerKinds[] = {
    "appointment", "promotion",  "transfer", "suspension",        "reinstatement",
    "retirement",  "separation", "death",    "training_completed"};

// What career events change in a person's record. `district` and `post` are
// empty for none.
struct CareerState {
  std::string rank, band, unit, service, district, post, status;
  std::string status_since;  // the effective date of the latest status change
};

// The members an event sets; absent ones are unchanged. An empty district or
// post sets none.
struct CareerChanges {
  std::optional<std::string> rank, band, unit, service, district, post, status;
};

struct CareerStep {
  std::string kind;
  std::string effective;  // YYYY-MM-DD
  CareerChanges changes;
};

// The status an event of `kind` leads to; nullopt for kinds that keep it.
std::optional<std::string_view> StatusAfter(std::string_view kind);

// Applies one step to `state`.
void ApplyStep(CareerState& state, const CareerStep& step);

// The state after `steps`, which are in (effective, seq, idx) order.
CareerState Fold(CareerState start, std::span<const CareerStep> steps);

// The grade of a rank (higher is more senior); 0 for an unknown rank.
using GradeOf = std::function<int(std::string_view rank)>;

// Whether `step` may follow `before`: nullopt when it may, else why not (a
// message for the client). Training completions are not checked here.
std::optional<std::string> CheckStep(const CareerState& before, const CareerStep& step,
                                     const GradeOf& grade_of);

// Why an event may not join a person's career.
struct CareerConflict {
  std::string message;      // for the client
  bool with_later = false;  // the event itself may follow, but a later one may not then
};

// Whether `added` may join `existing` (in fold order, after the start): it
// goes after every step effective on or before its date, and it and every
// later step must still be allowed. nullopt when it may.
std::optional<CareerConflict> CheckInsertion(const CareerState& start,
                                             std::span<const CareerStep> existing,
                                             const CareerStep& added, const GradeOf& grade_of);

}  // namespace liaison::personnel

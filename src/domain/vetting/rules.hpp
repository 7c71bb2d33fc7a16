// The pure rules of human-rights vetting (docs/vetting.md): the vocabulary,
// a clearance's validity, a subject's standing at an instant, the bar a unit
// puts on the units and persons under it, and the allegations' status
// machine. Values in, values out: no SQL, no JSON, no clock; thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace liaison::vetting {

inline constexpr std::string_view kSubjectKinds[] = {"person", "unit"};
inline constexpr std::string_view kPurposes[] = {"course", "equipment", "assistance", "review"};
// What a vetting officer decides.
inline constexpr std::string_view kDecisions[] = {"cleared", "denied", "suspended"};
inline constexpr int kMaxValidityMonths = 60;

// A subject's standing at an instant: "cleared" only while a clearance is
// valid; otherwise "denied", "suspended", "expired" or "none" (never decided).
struct Standing {
  std::string status;
  std::optional<Micros> valid_until;
  bool cleared() const { return status == "cleared"; }
  std::optional<Micros> valid_from = std::nullopt;
  // For a unit: the unit whose decision applies (itself or the ancestor that
  // covers or bars it); empty when none does.
  std::string unit = {};
};

// A subject's stored status (vetting_status), as the projection holds it:
// cleared | denied | suspended | expired.
struct Stored {
  std::string status;
  std::optional<Micros> valid_from, valid_until;
};

// The standing a stored status gives at `now`: a clearance past its validity
// reads "expired" even before its vetting.expired event; no status is "none".
Standing StandingAt(const std::optional<Stored>& stored, Micros now);

// Denied and suspended bar a unit, and with it every unit and person under it.
bool IsBar(std::string_view status);

// One unit of a chain: the unit and its stored status, if it has one.
struct ChainLink {
  std::string unit;
  std::optional<Stored> stored;
};

// A unit's standing from its chain (the unit, then its ancestors, nearest
// first): barred when it or any ancestor is denied or suspended (the nearest
// bar); otherwise the standing of the nearest unit with a decision of its own,
// so a command's clearance covers the units under it unless they were vetted
// themselves; "none" when no unit of the chain was ever decided.
Standing UnitStanding(std::span<const ChainLink> chain, Micros now);

// The first link of `chain` that bars, or nullopt.
std::optional<size_t> FirstBar(std::span<const ChainLink> chain);

// `t` plus `months` calendar months (UTC), the day clamped to the month's
// last: 31 January + 1 month = 28 (or 29) February, same time of day.
Micros AddMonths(Micros t, int months);

// --- The allegations register ----------------------------------------------

enum class AllegationStatus {
  kReceived,
  kUnderReview,
  kReferred,
  kSubstantiated,
  kNotSubstantiated,
  kRemediated,
};
inline constexpr AllegationStatus kAllAllegationStatuses[] = {
    AllegationStatus::kReceived,         AllegationStatus::kUnderReview,
    AllegationStatus::kReferred,         AllegationStatus::kSubstantiated,
    AllegationStatus::kNotSubstantiated, AllegationStatus::kRemediated};

std::string_view AllegationStatusName(AllegationStatus s);
std::optional<AllegationStatus> ParseAllegationStatus(std::string_view name);

// received -> under_review -> referred | substantiated | not_substantiated;
// referred -> substantiated | not_substantiated; substantiated -> remediated.
// not_substantiated and remediated are final.
std::vector<AllegationStatus> NextAllegationStatuses(AllegationStatus from);
bool CanMoveAllegation(AllegationStatus from, AllegationStatus to);

// The categories of gross violations the register records (the Leahy laws'
// examples first), then the lesser ones that still bar assistance, and other.
inline constexpr std::string_view kAllegationCategories[] = {
    "extrajudicial_killing",   "torture",
    "enforced_disappearance",  "rape_under_color_of_law",
    "cruel_inhuman_treatment", "arbitrary_detention",
    "excessive_force",         "other"};

}  // namespace liaison::vetting

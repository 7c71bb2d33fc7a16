// The stages of a return case and who may take each (docs/returns.md,
// "Stages"): pure rules over values, no I/O. Thread-safe.
//
//   reported ──▶ located ──▶ secured ──▶ handover_arranged ──▶ handed_over ──▶ closed
//
// A case moves one stage at a time; `closed` is final.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace liaison::returns {

enum class Stage { kReported, kLocated, kSecured, kHandoverArranged, kHandedOver, kClosed };

inline constexpr std::array<Stage, 6> kAllStages = {Stage::kReported,   Stage::kLocated,
                                                    Stage::kSecured,    Stage::kHandoverArranged,
                                                    Stage::kHandedOver, Stage::kClosed};

// The stages a case can stay at, each with its limit in Settings::stage_limits
// (in this order): every stage but `closed`.
inline constexpr size_t kTimedStages = 5;

std::string_view StageName(Stage s);
std::optional<Stage> ParseStage(std::string_view name);

// The index of a stage in kAllStages.
constexpr size_t StageIndex(Stage s) { return static_cast<size_t>(s); }

// OK when `to` is the stage right after `from`; kConflict, saying why, when it
// skips one, goes back, repeats the current one or leaves `closed`.
Status CheckNext(Stage from, Stage to);

// The parties of a case as the rules see them.
struct CaseParties {
  std::string reporting;  // the owner
  std::string holding;    // empty while not known
  std::string receiving;
  std::vector<std::string> coordinators;  // the coordinator parties
};

// May an officer of `actor_party` (already allowed to advance cases at all by
// the policy) take the case to `to`? `coordinator_desk`: the actor is the
// coordinator's duty desk (IsCoordinatorDesk), which takes any stage.
// kForbidden names who takes the stage.
Status CheckTaker(Stage to, const CaseParties& c, std::string_view actor_party,
                  bool coordinator_desk);

// The parties entitled to the person's name: holding, receiving, coordinators.
bool EntitledToName(const CaseParties& c, std::string_view party);

// The case's scope besides its owner: the holding party (when known), the
// receiving party and the coordinators, sorted, without the owner.
std::vector<std::string> CaseSharedWith(const CaseParties& c);

// The scope of a return.name_recorded event besides the recorder's party: the
// other parties entitled to the name, sorted.
std::vector<std::string> NameSharedWith(const CaseParties& c, std::string_view recorder);

}  // namespace liaison::returns

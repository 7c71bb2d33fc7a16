// The rules of training, as pure functions over values (docs/training.md):
// calendar dates, when a qualification is valid, the enrolment gate, and the
// prerequisite graph. No I/O; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "domain/personnel/dates.hpp"

namespace liaison::training {

// --- Calendar dates ('YYYY-MM-DD', proleptic Gregorian, UTC) ----------------

// `text` when it is a real date between 1900-01-01 and 2999-12-31 written
// exactly as YYYY-MM-DD; nullopt otherwise.
std::optional<std::string> ParseDate(std::string_view text);
// The UTC calendar date of an instant: the registry's (personnel/dates.hpp).
using personnel::DateOf;
// REQUIRES: `date` passed ParseDate. `days` may be negative.
std::string AddDays(std::string_view date, std::int64_t days);
// The same day `months` later, or the month's last day when it is shorter
// (2026-01-31 + 1 month = 2026-02-28). REQUIRES: `date` passed ParseDate.
std::string AddMonths(std::string_view date, int months);
// Days from `from` to `to` (negative when `to` is earlier).
std::int64_t DaysBetween(std::string_view from, std::string_view to);
// The first instant of `date`, UTC. REQUIRES: `date` passed ParseDate.
Micros StartOf(std::string_view date);

// --- Qualifications ----------------------------------------------------------

// A qualification granted on `obtained_on` with `validity_months` (nullopt:
// it does not expire) expires on this date, or never (nullopt).
std::optional<std::string> ExpiryOf(std::string_view obtained_on,
                                    std::optional<int> validity_months);
// A qualification is valid on `date` until the day it expires: on its
// expires_on date it no longer is. `expires_on` nullopt: always valid.
bool ValidOn(const std::optional<std::string>& expires_on, std::string_view date);

// --- The enrolment gate --------------------------------------------------------

// The stable codes of a refusal, in the order they are reported.
inline constexpr std::string_view kNotCleared = "not_cleared";
inline constexpr std::string_view kUnitNotCleared = "unit_not_cleared";
inline constexpr std::string_view kPrerequisiteMissing = "prerequisite_missing";
inline constexpr std::string_view kSessionFull = "session_full";
inline constexpr std::string_view kNotActive = "not_active";

// What the gate looks at, as it stands when the enrolment is asked for.
struct EnrolmentFacts {
  bool person_cleared = false;             // the person's clearance is valid now
  bool unit_cleared = false;               // so is their unit's
  std::string person_status;               // active | suspended | retired | separated | deceased
  std::vector<std::string> prerequisites;  // qualification codes the course requires
  // The qualifications the person holds: code -> expires_on (nullopt: never).
  std::map<std::string, std::optional<std::string>> held;
  std::string session_starts_on;  // YYYY-MM-DD
  std::int64_t seats_taken = 0;   // enrolments not withdrawn
  std::int64_t capacity = 0;
};

struct EnrolmentDecision {
  std::vector<std::string_view> reasons;           // every code that holds, in kAll order
  std::vector<std::string> missing_prerequisites;  // in the course's order
  bool eligible() const { return reasons.empty(); }
};

// Checks every rule (not the first that fails): the person and their unit
// cleared now, each prerequisite held and valid on the session's first day,
// a seat left, and the person active.
EnrolmentDecision Decide(const EnrolmentFacts& f);

// --- Prerequisites -------------------------------------------------------------

// The prerequisite graph: for each course, the qualification it grants and
// the ones it requires. Several courses may grant the same qualification.
struct CourseEdge {
  std::string qualification;
  std::vector<std::string> prerequisites;
};
// A qualification that (through the courses granting it) requires itself, or
// nullopt when there is no such cycle.
std::optional<std::string> FindPrerequisiteCycle(const std::vector<CourseEdge>& courses);

}  // namespace liaison::training

// The coordination rules: which coordination a request needs, and from whom.
//
// The rules are data (data/coordination_rules.json, specified in
// docs/coordination-rules.md), not code: each rule names the requests it
// matches (requesting party, type, areas touched, armed or not) and what they
// need (a notification to, or the approval of, a party). Evaluate applies
// every matching rule; per party the strongest requirement wins.
//
// Pure: no I/O. A RuleSet is an immutable value once parsed; Evaluate is
// thread-safe for concurrent calls on the same RuleSet.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace liaison::requests {

// Ordered from weakest to strongest: a party's approval includes its notice.
enum class Requirement { kNone, kNotification, kApproval };

// "none", "notification" or "approval".
std::string_view RequirementName(Requirement r);

// In Rule::from_parties: any requesting party.
inline constexpr std::string_view kAnyParty = "*";
// In Rule::party: the request's receiving party (RuleInput::to_party).
inline constexpr std::string_view kToParty = "$to";
// In Rule::areas: matches a footprint with a vertex outside every Oslo area.
inline constexpr std::string_view kOutsideArea = "outside";

// What the rules look at in a request.
struct RuleInput {
  std::string from_party;          // the requesting party
  std::string to_party;            // the receiving party
  std::string type;                // movement, activity, medical, joint, notification, ...
  bool armed = false;              // the request carries weapons
  std::vector<std::string> areas;  // Oslo area codes the footprint touches (OsloAreaCode)
  bool outside = false;            // a footprint vertex lies outside every Oslo area
};

struct Rule {
  std::string id;                         // unique in the set, e.g. "pasf-armed-b-c"
  std::vector<std::string> from_parties;  // empty or containing "*": any
  std::vector<std::string> types;         // empty: any
  std::vector<std::string> areas;         // any of; "outside" matches input.outside; empty: any
  std::optional<bool> armed;              // unset: either
  Requirement requirement = Requirement::kNone;
  std::string party;               // the party to notify or ask, or "$to"
  std::vector<std::string> basis;  // citations, e.g. "Interim Agreement 1995, Annex I, Art. V"
  std::string summary_en;          // one line for people
};

struct RuleSet {
  int version = 1;
  std::vector<Rule> rules;
};

// One party's part in a request's coordination.
struct Coordination {
  std::string party;
  Requirement requirement = Requirement::kNone;
  std::vector<std::string> rules;  // ids of the rules that set this requirement, sorted
  std::vector<std::string> basis;  // their citations, sorted, unique
  std::vector<std::string> areas;  // the input areas (and "outside") those rules matched, sorted
};

// Applies every rule that matches `in`. A rule matches when each of its
// non-empty conditions holds: the requesting party is listed (or "*" is),
// the type is listed, one of its areas is among the input's areas ("outside"
// when input.outside), and `armed` equals the input's. The rule then asks its
// party (with "$to" replaced by in.to_party) for its requirement.
// Per party the strongest requirement wins; the rules, basis and areas of
// every matching rule with that strongest requirement are merged (sorted,
// unique). A requirement on the requesting party itself, on no party (an
// empty "$to"), or of kNone is dropped. The result is sorted by party.
std::vector<Coordination> Evaluate(const RuleSet& rules, const RuleInput& in);

// Parses a rules file (docs/coordination-rules.md). Strict: unknown members,
// wrong types, a version other than 1, an unknown requirement or request
// type, an empty or duplicate id, an empty party are Error::Invalid naming
// the member, e.g. "/rules/3/requirement".
Result<RuleSet> ParseRules(std::string_view json_text);

// The area code of an `oslo_class` value of data/oslo_areas.geojson: "A",
// "B", "C", "H1", "H2" unchanged; "Nature Reserve" -> "B" (the Wye River
// Memorandum's agreed nature reserve is Area B with special security
// provisions); "Israeli Declared East Jerusalem" -> "EJ"; "No Man's Land" ->
// "NML". Anything else is returned unchanged.
std::string OsloAreaCode(std::string_view oslo_class);

}  // namespace liaison::requests

#include "domain/requests/rules.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace liaison::requests {
namespace {

bool Contains(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool FromPartyMatches(const Rule& rule, const std::string& from_party) {
  return rule.from_parties.empty() || Contains(rule.from_parties, kAnyParty) ||
         Contains(rule.from_parties, from_party);
}

bool TypeMatches(const Rule& rule, const std::string& type) {
  return rule.types.empty() || Contains(rule.types, type);
}

bool ArmedMatches(const Rule& rule, bool armed) {
  return !rule.armed.has_value() || *rule.armed == armed;
}

// The rule's areas the input touches ("outside" when the input is outside).
std::vector<std::string> MatchedAreas(const Rule& rule, const RuleInput& in) {
  std::vector<std::string> matched;
  for (const std::string& area : rule.areas) {
    if (area == kOutsideArea ? in.outside : Contains(in.areas, area)) matched.push_back(area);
  }
  return matched;
}

// What the rules with the strongest requirement so far said about a party.
struct PartyRequirement {
  Requirement requirement = Requirement::kNone;
  std::set<std::string> rules;
  std::set<std::string> basis;
  std::set<std::string> areas;
};

}  // namespace

std::string_view RequirementName(Requirement r) {
  switch (r) {
    case Requirement::kNone:
      return "none";
    case Requirement::kNotification:
      return "notification";
    case Requirement::kApproval:
      return "approval";
  }
  return "none";
}

std::vector<Coordination> Evaluate(const RuleSet& rules, const RuleInput& in) {
  std::map<std::string, PartyRequirement> by_party;  // ordered: the result is sorted by party
  for (const Rule& rule : rules.rules) {
    if (rule.requirement == Requirement::kNone) continue;  // can never win
    if (!FromPartyMatches(rule, in.from_party) || !TypeMatches(rule, in.type) ||
        !ArmedMatches(rule, in.armed)) {
      continue;
    }
    std::vector<std::string> areas;
    if (!rule.areas.empty()) {
      areas = MatchedAreas(rule, in);
      if (areas.empty()) continue;
    }
    const std::string& party = rule.party == kToParty ? in.to_party : rule.party;
    // Nobody coordinates with themselves.
    if (party.empty() || party == in.from_party) continue;
    PartyRequirement& p = by_party[party];
    if (rule.requirement < p.requirement) continue;
    if (rule.requirement > p.requirement) p = PartyRequirement{rule.requirement, {}, {}, {}};
    p.rules.insert(rule.id);
    p.basis.insert(rule.basis.begin(), rule.basis.end());
    p.areas.insert(areas.begin(), areas.end());
  }
  std::vector<Coordination> out;
  out.reserve(by_party.size());
  for (auto& [party, p] : by_party) {
    out.push_back(Coordination{party,
                               p.requirement,
                               {p.rules.begin(), p.rules.end()},
                               {p.basis.begin(), p.basis.end()},
                               {p.areas.begin(), p.areas.end()}});
  }
  return out;
}

std::string OsloAreaCode(std::string_view oslo_class) {
  if (oslo_class == "Nature Reserve") return "B";
  if (oslo_class == "Israeli Declared East Jerusalem") return "EJ";
  if (oslo_class == "No Man's Land") return "NML";
  return std::string(oslo_class);
}

}  // namespace liaison::requests

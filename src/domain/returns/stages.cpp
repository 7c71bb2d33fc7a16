#include "domain/returns/stages.hpp"

#include <algorithm>

namespace liaison::returns {
namespace {

constexpr std::string_view kNames[] = {"reported",          "located",     "secured",
                                       "handover_arranged", "handed_over", "closed"};

bool Is(std::string_view party, const std::string& p) { return !p.empty() && party == p; }

bool IsCoordinator(const CaseParties& c, std::string_view party) {
  return std::find(c.coordinators.begin(), c.coordinators.end(), party) != c.coordinators.end();
}

std::vector<std::string> SortedUnique(std::vector<std::string> v) {
  std::erase(v, std::string());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

}  // namespace

std::string_view StageName(Stage s) { return kNames[StageIndex(s)]; }

std::optional<Stage> ParseStage(std::string_view name) {
  for (Stage s : kAllStages) {
    if (StageName(s) == name) return s;
  }
  return std::nullopt;
}

Status CheckNext(Stage from, Stage to) {
  if (from == Stage::kClosed) return Error::Conflict("the case is closed; a closed case is final");
  const Stage next = kAllStages[StageIndex(from) + 1];
  if (to == next) return OkStatus();
  const std::string now = "the case is at " + std::string(StageName(from)) + "; ";
  if (StageIndex(to) <= StageIndex(from)) {
    return Error::Conflict(now + "a case never goes back; its next stage is " +
                           std::string(StageName(next)));
  }
  return Error::Conflict(now + "a case moves one stage at a time; its next stage is " +
                         std::string(StageName(next)));
}

Status CheckTaker(Stage to, const CaseParties& c, std::string_view actor_party,
                  bool coordinator_desk) {
  if (coordinator_desk) return OkStatus();
  switch (to) {
    case Stage::kReported:
      break;
    case Stage::kLocated:
      if (c.holding.empty()) {
        if (Is(actor_party, c.reporting) || Is(actor_party, c.receiving) ||
            IsCoordinator(c, actor_party)) {
          return OkStatus();
        }
        return Error::Denied("only a party of the case or the coordinator locates the person");
      }
      if (Is(actor_party, c.holding)) return OkStatus();
      return Error::Denied("only the holding party or the coordinator records where the person is");
    case Stage::kSecured:
      if (Is(actor_party, c.holding)) return OkStatus();
      return Error::Denied("only the holding party secures the person in its custody");
    case Stage::kHandoverArranged:
      if (Is(actor_party, c.holding) || Is(actor_party, c.receiving)) return OkStatus();
      return Error::Denied(
          "only the holding or the receiving party, or the coordinator, arranges the handover");
    case Stage::kHandedOver:
      if (Is(actor_party, c.receiving)) return OkStatus();
      return Error::Denied(
          "only the receiving party (it confirms receipt) or the coordinator records the "
          "handover");
    case Stage::kClosed:
      if (Is(actor_party, c.receiving)) return OkStatus();
      return Error::Denied("only the receiving party or the coordinator closes a case");
  }
  return Error::Conflict("a case is reported only once");
}

bool EntitledToName(const CaseParties& c, std::string_view party) {
  return Is(party, c.holding) || Is(party, c.receiving) || IsCoordinator(c, party);
}

std::vector<std::string> CaseSharedWith(const CaseParties& c) {
  std::vector<std::string> v = c.coordinators;
  v.push_back(c.holding);
  v.push_back(c.receiving);
  v = SortedUnique(std::move(v));
  std::erase(v, c.reporting);
  return v;
}

std::vector<std::string> NameSharedWith(const CaseParties& c, std::string_view recorder) {
  std::vector<std::string> v = c.coordinators;
  v.push_back(c.holding);
  v.push_back(c.receiving);
  v = SortedUnique(std::move(v));
  std::erase(v, std::string(recorder));
  return v;
}

}  // namespace liaison::returns

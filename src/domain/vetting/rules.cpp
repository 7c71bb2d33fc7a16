#include "domain/vetting/rules.hpp"

#include <algorithm>
#include <chrono>

namespace liaison::vetting {
namespace {

namespace chr = std::chrono;

constexpr Micros kMicrosPerDay = Micros{86'400} * kMicrosPerSecond;

// Floor division: an instant before the epoch belongs to the day before.
Micros DaysOf(Micros t) { return t / kMicrosPerDay - (t % kMicrosPerDay < 0 ? 1 : 0); }

}  // namespace

Standing StandingAt(const std::optional<Stored>& stored, Micros now) {
  if (!stored) return Standing{"none", std::nullopt};
  Standing s{stored->status, stored->valid_until, stored->valid_from};
  if (s.status == "cleared" && (!s.valid_until || *s.valid_until <= now)) s.status = "expired";
  return s;
}

bool IsBar(std::string_view status) { return status == "denied" || status == "suspended"; }

std::optional<size_t> FirstBar(std::span<const ChainLink> chain) {
  for (size_t i = 0; i < chain.size(); ++i) {
    if (chain[i].stored && IsBar(chain[i].stored->status)) return i;
  }
  return std::nullopt;
}

Standing UnitStanding(std::span<const ChainLink> chain, Micros now) {
  if (const auto bar = FirstBar(chain)) {
    Standing s = StandingAt(chain[*bar].stored, now);
    s.unit = chain[*bar].unit;
    return s;
  }
  for (const ChainLink& link : chain) {
    if (!link.stored) continue;
    Standing s = StandingAt(link.stored, now);
    s.unit = link.unit;
    return s;
  }
  return Standing{"none", std::nullopt};
}

Micros AddMonths(Micros t, int months) {
  const Micros days = DaysOf(t);
  const Micros time_of_day = t - days * kMicrosPerDay;
  const chr::year_month_day d{chr::sys_days{chr::days{days}}};
  chr::year_month_day moved = d + chr::months{months};
  if (!moved.ok()) moved = moved.year() / moved.month() / chr::last;
  return Micros{chr::sys_days{moved}.time_since_epoch().count()} * kMicrosPerDay + time_of_day;
}

std::string_view AllegationStatusName(AllegationStatus s) {
  switch (s) {
    case AllegationStatus::kReceived:
      return "received";
    case AllegationStatus::kUnderReview:
      return "under_review";
    case AllegationStatus::kReferred:
      return "referred";
    case AllegationStatus::kSubstantiated:
      return "substantiated";
    case AllegationStatus::kNotSubstantiated:
      return "not_substantiated";
    case AllegationStatus::kRemediated:
      return "remediated";
  }
  return "received";
}

std::optional<AllegationStatus> ParseAllegationStatus(std::string_view name) {
  for (AllegationStatus s : kAllAllegationStatuses) {
    if (AllegationStatusName(s) == name) return s;
  }
  return std::nullopt;
}

std::vector<AllegationStatus> NextAllegationStatuses(AllegationStatus from) {
  using S = AllegationStatus;
  switch (from) {
    case S::kReceived:
      return {S::kUnderReview};
    case S::kUnderReview:
      return {S::kReferred, S::kSubstantiated, S::kNotSubstantiated};
    case S::kReferred:
      return {S::kSubstantiated, S::kNotSubstantiated};
    case S::kSubstantiated:
      return {S::kRemediated};
    case S::kNotSubstantiated:
    case S::kRemediated:
      return {};
  }
  return {};
}

bool CanMoveAllegation(AllegationStatus from, AllegationStatus to) {
  const std::vector<AllegationStatus> next = NextAllegationStatuses(from);
  return std::find(next.begin(), next.end(), to) != next.end();
}

}  // namespace liaison::vetting

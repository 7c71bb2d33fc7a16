// The pure rules of vetting: standing at an instant, the unit bar down the
// chain, calendar validity, dates, and the allegations' status machine.
#include "domain/vetting/rules.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/time.hpp"

namespace liaison::vetting {
namespace {

Micros At(std::string_view rfc3339) { return ParseRfc3339(rfc3339).value(); }

Stored Cleared(std::string_view from, std::string_view until) {
  return Stored{"cleared", At(from), At(until)};
}

// --- Standing --------------------------------------------------------------

TEST(VettingStandingTest, NeverDecidedIsNone) {
  const Standing s = StandingAt(std::nullopt, At("2026-03-01T00:00:00Z"));
  EXPECT_EQ(s.status, "none");
  EXPECT_FALSE(s.cleared());
  EXPECT_FALSE(s.valid_until.has_value());
}

TEST(VettingStandingTest, ClearedOnlyWhileValid) {
  const Stored c = Cleared("2026-01-10T08:00:00Z", "2027-01-10T08:00:00Z");
  EXPECT_TRUE(StandingAt(c, At("2026-06-01T00:00:00Z")).cleared());
  EXPECT_TRUE(StandingAt(c, At("2027-01-10T07:59:59.999999Z")).cleared());
  // The instant it ends it is no longer valid, before any vetting.expired.
  const Standing at_end = StandingAt(c, At("2027-01-10T08:00:00Z"));
  EXPECT_EQ(at_end.status, "expired");
  EXPECT_EQ(at_end.valid_until, At("2027-01-10T08:00:00Z"));
  EXPECT_EQ(StandingAt(c, At("2030-01-01T00:00:00Z")).status, "expired");
}

TEST(VettingStandingTest, StoredStatusesOtherThanClearedReadAsStored) {
  const Micros now = At("2026-06-01T00:00:00Z");
  for (const char* status : {"denied", "suspended", "expired"}) {
    const Standing s = StandingAt(Stored{status, std::nullopt, std::nullopt}, now);
    EXPECT_EQ(s.status, status);
    EXPECT_FALSE(s.cleared());
  }
}

TEST(VettingStandingTest, ClearedWithoutValidityIsNotCleared) {
  EXPECT_EQ(StandingAt(Stored{"cleared", std::nullopt, std::nullopt}, 0).status, "expired");
}

// --- The unit chain ---------------------------------------------------------

struct ChainCase {
  const char* name;
  std::vector<ChainLink> chain;  // nearest first
  const char* status;
  const char* unit;  // whose decision applies
};

TEST(VettingUnitChainTest, ScenarioTable) {
  const Micros now = At("2026-06-01T00:00:00Z");
  const Stored valid = Cleared("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
  const Stored lapsed = Cleared("2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
  const Stored denied{"denied", std::nullopt, std::nullopt};
  const Stored suspended{"suspended", std::nullopt, std::nullopt};
  const Stored expired{"expired", At("2025-01-01T00:00:00Z"), At("2026-01-01T00:00:00Z")};
  const ChainCase cases[] = {
      {"nothing decided", {{"NSF-PS0101-2", {}}, {"NSF-PS0101", {}}, {"NSF", {}}}, "none", ""},
      {"own clearance", {{"NSF-PS0101-2", valid}, {"NSF-PS0101", {}}}, "cleared", "NSF-PS0101-2"},
      {"covered by its command",
       {{"NSF-PS0101-2", {}}, {"NSF-PS0101", valid}, {"NSF", {}}},
       "cleared",
       "NSF-PS0101"},
      {"the nearest decision wins over a farther clearance",
       {{"NSF-PS0101-2", expired}, {"NSF-PS0101", valid}},
       "expired",
       "NSF-PS0101-2"},
      {"a lapsed clearance reads expired",
       {{"NSF-PS0101-2", {}}, {"NSF-PS0101", lapsed}},
       "expired",
       "NSF-PS0101"},
      {"denied itself",
       {{"NSF-PS0101-2", denied}, {"NSF-PS0101", valid}},
       "denied",
       "NSF-PS0101-2"},
      {"barred by a denied command despite its own clearance",
       {{"NSF-PS0101-2", valid}, {"NSF-PS0101", denied}, {"NSF", valid}},
       "denied",
       "NSF-PS0101"},
      {"barred by a suspension two levels up",
       {{"NSF-PS0101-2-1", valid}, {"NSF-PS0101-2", {}}, {"NSF-PS0101", valid}, {"NSF", suspended}},
       "suspended",
       "NSF"},
      {"the nearest bar names the unit",
       {{"A", {}}, {"B", suspended}, {"C", denied}},
       "suspended",
       "B"},
      {"an empty chain", {}, "none", ""},
  };
  for (const ChainCase& c : cases) {
    const Standing s = UnitStanding(c.chain, now);
    EXPECT_EQ(s.status, c.status) << c.name;
    EXPECT_EQ(s.unit, c.unit) << c.name;
    EXPECT_EQ(s.cleared(), std::string_view(c.status) == "cleared") << c.name;
  }
}

TEST(VettingUnitChainTest, FirstBarIgnoresExpiredAndCleared) {
  const std::vector<ChainLink> chain = {
      {"A", Stored{"expired", std::nullopt, std::nullopt}},
      {"B", Cleared("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")},
      {"C", Stored{"denied", std::nullopt, std::nullopt}}};
  ASSERT_TRUE(FirstBar(chain).has_value());
  EXPECT_EQ(*FirstBar(chain), 2u);
  EXPECT_FALSE(FirstBar(std::span(chain).first(2)).has_value());
  EXPECT_TRUE(IsBar("denied"));
  EXPECT_TRUE(IsBar("suspended"));
  EXPECT_FALSE(IsBar("expired"));
  EXPECT_FALSE(IsBar("cleared"));
  EXPECT_FALSE(IsBar("none"));
}

// --- Validity ---------------------------------------------------------------

TEST(VettingValidityTest, AddsCalendarMonthsKeepingTheTimeOfDay) {
  EXPECT_EQ(FormatRfc3339(AddMonths(At("2026-03-15T10:30:00Z"), 12)),
            "2027-03-15T10:30:00.000000Z");
  EXPECT_EQ(FormatRfc3339(AddMonths(At("2026-11-30T23:59:59Z"), 3)), "2027-02-28T23:59:59.000000Z");
  EXPECT_EQ(FormatRfc3339(AddMonths(At("2027-12-31T00:00:00Z"), 2)),
            "2028-02-29T00:00:00.000000Z");  // a leap year
  EXPECT_EQ(FormatRfc3339(AddMonths(At("2026-01-31T12:00:00Z"), 1)), "2026-02-28T12:00:00.000000Z");
  EXPECT_EQ(FormatRfc3339(AddMonths(At("2026-05-31T12:00:00Z"), 60)),
            "2031-05-31T12:00:00.000000Z");
  EXPECT_EQ(FormatRfc3339(AddMonths(At("1969-12-31T23:00:00Z"), 1)),
            "1970-01-31T23:00:00.000000Z");  // before the epoch
}

// --- Allegations --------------------------------------------------------------

TEST(AllegationStatusTest, NamesRoundTrip) {
  std::set<std::string_view> names;
  for (AllegationStatus s : kAllAllegationStatuses) {
    names.insert(AllegationStatusName(s));
    EXPECT_EQ(ParseAllegationStatus(AllegationStatusName(s)), s);
  }
  EXPECT_EQ(names.size(), std::size(kAllAllegationStatuses));
  EXPECT_FALSE(ParseAllegationStatus("closed").has_value());
  EXPECT_FALSE(ParseAllegationStatus("").has_value());
}

TEST(AllegationStatusTest, EveryPairAgainstTheMachine) {
  using S = AllegationStatus;
  // Written independently of NextAllegationStatuses.
  const std::set<std::pair<S, S>> allowed = {
      {S::kReceived, S::kUnderReview},      {S::kUnderReview, S::kReferred},
      {S::kUnderReview, S::kSubstantiated}, {S::kUnderReview, S::kNotSubstantiated},
      {S::kReferred, S::kSubstantiated},    {S::kReferred, S::kNotSubstantiated},
      {S::kSubstantiated, S::kRemediated}};
  for (S from : kAllAllegationStatuses) {
    for (S to : kAllAllegationStatuses) {
      EXPECT_EQ(CanMoveAllegation(from, to), allowed.count({from, to}) == 1)
          << AllegationStatusName(from) << " -> " << AllegationStatusName(to);
    }
  }
  EXPECT_TRUE(NextAllegationStatuses(S::kNotSubstantiated).empty());
  EXPECT_TRUE(NextAllegationStatuses(S::kRemediated).empty());
}

}  // namespace
}  // namespace liaison::vetting

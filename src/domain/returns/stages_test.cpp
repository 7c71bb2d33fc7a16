#include "domain/returns/stages.hpp"

#include <gtest/gtest.h>

namespace liaison::returns {
namespace {

using S = Stage;

TEST(ReturnStagesTest, NamesRoundTrip) {
  for (Stage s : kAllStages) EXPECT_EQ(ParseStage(StageName(s)), s) << StageName(s);
  EXPECT_EQ(StageName(S::kHandoverArranged), "handover_arranged");
  EXPECT_FALSE(ParseStage("active").has_value());
  EXPECT_FALSE(ParseStage("").has_value());
  EXPECT_FALSE(ParseStage("Closed").has_value());
}

TEST(ReturnStagesTest, OnlyTheNextStage) {
  struct Case {
    Stage from, to;
    bool allowed;
  };
  const Case cases[] = {
      {S::kReported, S::kLocated, true},
      {S::kLocated, S::kSecured, true},
      {S::kSecured, S::kHandoverArranged, true},
      {S::kHandoverArranged, S::kHandedOver, true},
      {S::kHandedOver, S::kClosed, true},
      // Skips.
      {S::kReported, S::kSecured, false},
      {S::kReported, S::kClosed, false},
      {S::kLocated, S::kHandedOver, false},
      {S::kSecured, S::kClosed, false},
      // Back, or the same again.
      {S::kLocated, S::kReported, false},
      {S::kHandedOver, S::kSecured, false},
      {S::kSecured, S::kSecured, false},
      {S::kReported, S::kReported, false},
      // Closed is final.
      {S::kClosed, S::kClosed, false},
      {S::kClosed, S::kReported, false},
  };
  for (const Case& c : cases) {
    const Status s = CheckNext(c.from, c.to);
    EXPECT_EQ(s.ok(), c.allowed) << StageName(c.from) << " -> " << StageName(c.to);
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, ErrorCode::kConflict);
      EXPECT_FALSE(s.error().message.empty());
    }
  }
  EXPECT_NE(CheckNext(S::kReported, S::kSecured).error().message.find("next stage is located"),
            std::string::npos);
  EXPECT_NE(CheckNext(S::kClosed, S::kClosed).error().message.find("final"), std::string::npos);
}

// isf reports; pasf holds; isf receives; ussc coordinates; eubam is outside.
CaseParties Held() { return CaseParties{"isf", "pasf", "isf", {"ussc"}}; }
CaseParties NotYetHeld() { return CaseParties{"isf", "", "isf", {"ussc"}}; }
// A reporter that neither holds nor receives.
CaseParties ReportedByOther() { return CaseParties{"eubam", "pasf", "isf", {"ussc"}}; }

TEST(ReturnStagesTest, WhoTakesEachStage) {
  struct Case {
    Stage to;
    CaseParties parties;
    const char* party;
    bool desk;
    bool allowed;
  };
  const Case cases[] = {
      // located: any party of the case while no one holds the person ...
      {S::kLocated, NotYetHeld(), "isf", false, true},
      {S::kLocated, NotYetHeld(), "ussc", false, true},
      {S::kLocated, NotYetHeld(), "pasf", false, false},
      {S::kLocated, CaseParties{"eubam", "", "isf", {"ussc"}}, "eubam", false, true},
      // ... then the holding party (or the desk) only.
      {S::kLocated, Held(), "pasf", false, true},
      {S::kLocated, Held(), "isf", false, false},
      {S::kLocated, Held(), "ussc", false, false},
      {S::kLocated, Held(), "ussc", true, true},
      {S::kLocated, ReportedByOther(), "eubam", false, false},
      // secured: the holding party.
      {S::kSecured, Held(), "pasf", false, true},
      {S::kSecured, Held(), "isf", false, false},
      {S::kSecured, ReportedByOther(), "eubam", false, false},
      {S::kSecured, Held(), "ussc", true, true},
      // handover_arranged: holding or receiving.
      {S::kHandoverArranged, Held(), "pasf", false, true},
      {S::kHandoverArranged, Held(), "isf", false, true},
      {S::kHandoverArranged, ReportedByOther(), "eubam", false, false},
      {S::kHandoverArranged, Held(), "ussc", false, false},
      {S::kHandoverArranged, Held(), "ussc", true, true},
      // handed_over: the receiving party confirms receipt.
      {S::kHandedOver, Held(), "isf", false, true},
      {S::kHandedOver, Held(), "pasf", false, false},
      {S::kHandedOver, Held(), "ussc", true, true},
      // closed: receiving party or the desk.
      {S::kClosed, Held(), "isf", false, true},
      {S::kClosed, Held(), "pasf", false, false},
      {S::kClosed, ReportedByOther(), "eubam", false, false},
      {S::kClosed, Held(), "ussc", true, true},
  };
  for (const Case& c : cases) {
    const Status s = CheckTaker(c.to, c.parties, c.party, c.desk);
    EXPECT_EQ(s.ok(), c.allowed) << StageName(c.to) << " by " << c.party
                                 << (c.desk ? " (desk)" : "");
    if (!s.ok()) {
      EXPECT_EQ(s.error().code, ErrorCode::kPermissionDenied);
    }
  }
  // An empty party is nobody, even while no one holds the person.
  EXPECT_FALSE(CheckTaker(S::kLocated, NotYetHeld(), "", false).ok());
  EXPECT_FALSE(CheckTaker(S::kSecured, NotYetHeld(), "", false).ok());
}

TEST(ReturnStagesTest, TheNameIsForHoldingReceivingAndCoordinator) {
  const CaseParties c = ReportedByOther();
  EXPECT_TRUE(EntitledToName(c, "pasf"));
  EXPECT_TRUE(EntitledToName(c, "isf"));
  EXPECT_TRUE(EntitledToName(c, "ussc"));
  EXPECT_FALSE(EntitledToName(c, "eubam"));  // the reporter itself
  EXPECT_FALSE(EntitledToName(c, ""));
  EXPECT_FALSE(EntitledToName(NotYetHeld(), "pasf"));
  EXPECT_EQ(NameSharedWith(c, "pasf"), (std::vector<std::string>{"isf", "ussc"}));
  EXPECT_EQ(NameSharedWith(c, "ussc"), (std::vector<std::string>{"isf", "pasf"}));
  EXPECT_EQ(NameSharedWith(NotYetHeld(), "isf"), (std::vector<std::string>{"ussc"}));
}

TEST(ReturnStagesTest, TheCaseScopeFollowsTheHoldingParty) {
  EXPECT_EQ(CaseSharedWith(NotYetHeld()), (std::vector<std::string>{"ussc"}));
  EXPECT_EQ(CaseSharedWith(Held()), (std::vector<std::string>{"pasf", "ussc"}));
  EXPECT_EQ(CaseSharedWith(ReportedByOther()), (std::vector<std::string>{"isf", "pasf", "ussc"}));
  // The coordinator reporting does not share with itself.
  EXPECT_EQ(CaseSharedWith(CaseParties{"ussc", "pasf", "isf", {"ussc"}}),
            (std::vector<std::string>{"isf", "pasf"}));
}

}  // namespace
}  // namespace liaison::returns

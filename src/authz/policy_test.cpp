#include "authz/policy.hpp"

#include <gtest/gtest.h>

namespace liaison {
namespace {

Principal P(std::string party, std::initializer_list<Role> roles) {
  Principal p;
  p.username = party + ".user";
  p.party = party;
  p.unit = party;
  p.roles = RoleSet(roles);
  p.is_coordinator = party == "ussc";
  return p;
}

struct Case {
  const char* name;
  std::string party;
  std::initializer_list<Role> roles;
  Action action;
  std::string owner;
  bool allowed;
};

TEST(PolicyTest, ScenarioTable) {
  const Case cases[] = {
      {"liaison reads own profile", "pasf", {Role::kLiaison}, Action::kReadSelf, "pasf", true},
      {"liaison reads directory", "isf", {Role::kLiaison}, Action::kReadDirectory, "isf", true},
      {"liaison cannot create party", "isf", {Role::kLiaison}, Action::kCreateParty, "isf", false},
      {"party admin cannot create party",
       "isf",
       {Role::kAdmin},
       Action::kCreateParty,
       "isf",
       false},
      {"coordinator admin creates party",
       "ussc",
       {Role::kAdmin},
       Action::kCreateParty,
       "eubam",
       true},
      {"admin creates own unit", "pasf", {Role::kAdmin}, Action::kCreateUnit, "pasf", true},
      {"admin cannot create other's unit",
       "pasf",
       {Role::kAdmin},
       Action::kCreateUnit,
       "isf",
       false},
      {"coordinator admin creates any unit",
       "ussc",
       {Role::kAdmin},
       Action::kCreateUnit,
       "pasf",
       true},
      {"admin manages own users", "isf", {Role::kAdmin}, Action::kManageUsers, "isf", true},
      {"admin cannot manage other's users",
       "isf",
       {Role::kAdmin},
       Action::kManageUsers,
       "pasf",
       false},
      {"coordinator admin cannot manage pasf users",
       "ussc",
       {Role::kAdmin},
       Action::kManageUsers,
       "pasf",
       false},
      {"commander cannot manage users",
       "isf",
       {Role::kCommander},
       Action::kManageUsers,
       "isf",
       false},
      {"admin reads own users", "pasf", {Role::kAdmin}, Action::kReadUsers, "pasf", true},
      {"auditor cannot read users", "pasf", {Role::kAuditor}, Action::kReadUsers, "pasf", false},
      {"admin manages own tokens", "pasf", {Role::kAdmin}, Action::kManageTokens, "pasf", true},
      {"admin cannot manage other's tokens",
       "ussc",
       {Role::kAdmin},
       Action::kManageTokens,
       "isf",
       false},
      {"auditor reads own audit events",
       "isf",
       {Role::kAuditor},
       Action::kReadAuditEvents,
       "isf",
       true},
      {"auditor cannot read other's audit events",
       "isf",
       {Role::kAuditor},
       Action::kReadAuditEvents,
       "pasf",
       false},
      {"liaison cannot read audit events",
       "isf",
       {Role::kLiaison},
       Action::kReadAuditEvents,
       "isf",
       false},
      {"anyone reads tree head", "pasf", {Role::kTrainer}, Action::kReadAuditHead, "ussc", true},
  };
  for (const Case& c : cases) {
    const Decision d = Can(P(c.party, c.roles), c.action, Scope{c.owner, {}});
    EXPECT_EQ(d.allowed, c.allowed) << c.name;
    if (!d.allowed) {
      EXPECT_FALSE(d.reason.empty()) << c.name;
    }
  }
}

// A request from pasf to isf, shared with the coordinator.
const Scope kPasfToIsf{"pasf", {"isf", "ussc"}};

struct RequestCase {
  const char* name;
  std::string party;
  std::initializer_list<Role> roles;
  Action action;
  Scope scope;
  bool allowed;
};

TEST(PolicyTest, RequestScenarioTable) {
  const Scope to_isf{"isf", {}};      // the receiving party, as the answer check passes it
  const Scope from_pasf{"pasf", {}};  // the requesting party
  const RequestCase cases[] = {
      {"requester liaison reads",
       "pasf",
       {Role::kLiaison},
       Action::kReadRequests,
       kPasfToIsf,
       true},
      {"receiver duty reads", "isf", {Role::kDuty}, Action::kReadRequests, kPasfToIsf, true},
      {"coordinator reads", "ussc", {Role::kDuty}, Action::kReadRequests, kPasfToIsf, true},
      {"analyst reads", "isf", {Role::kAnalyst}, Action::kReadRequests, kPasfToIsf, true},
      {"auditor reads", "pasf", {Role::kAuditor}, Action::kReadRequests, kPasfToIsf, true},
      {"fourth party reads nothing",
       "eubam",
       {Role::kDuty},
       Action::kReadRequests,
       kPasfToIsf,
       false},
      {"hr reads no requests", "pasf", {Role::kHr}, Action::kReadRequests, kPasfToIsf, false},
      {"admin reads no requests", "pasf", {Role::kAdmin}, Action::kReadRequests, kPasfToIsf, false},
      {"liaison submits for own party",
       "pasf",
       {Role::kLiaison},
       Action::kSubmitRequest,
       from_pasf,
       true},
      {"nobody submits for another party",
       "isf",
       {Role::kCommander},
       Action::kSubmitRequest,
       from_pasf,
       false},
      {"analyst does not submit",
       "pasf",
       {Role::kAnalyst},
       Action::kSubmitRequest,
       from_pasf,
       false},
      {"receiver answers", "isf", {Role::kDuty}, Action::kAnswerRequest, to_isf, true},
      {"requester does not answer", "pasf", {Role::kDuty}, Action::kAnswerRequest, to_isf, false},
      {"coordinator never decides for a party",
       "ussc",
       {Role::kDuty, Role::kCommander},
       Action::kAnswerRequest,
       to_isf,
       false},
      {"receiver analyst does not answer",
       "isf",
       {Role::kAnalyst},
       Action::kAnswerRequest,
       to_isf,
       false},
      {"requester starts", "pasf", {Role::kLiaison}, Action::kProgressRequest, from_pasf, true},
      {"receiver does not start",
       "isf",
       {Role::kLiaison},
       Action::kProgressRequest,
       from_pasf,
       false},
      {"coordinator comments", "ussc", {Role::kLiaison}, Action::kCommentRequest, kPasfToIsf, true},
      {"fourth party does not comment",
       "eubam",
       {Role::kLiaison},
       Action::kCommentRequest,
       kPasfToIsf,
       false},
      {"coordinator duty logs a call", "ussc", {Role::kDuty}, Action::kLogCall, kPasfToIsf, true},
      {"liaison without duty does not log calls",
       "ussc",
       {Role::kLiaison},
       Action::kLogCall,
       kPasfToIsf,
       false},
      {"analyst reads figures",
       "isf",
       {Role::kAnalyst},
       Action::kReadRequestStats,
       Scope{"isf", {}},
       true},
      {"auditor reads no figures",
       "isf",
       {Role::kAuditor},
       Action::kReadRequestStats,
       Scope{"isf", {}},
       false},
      {"duty hands over own desk", "isf", {Role::kDuty}, Action::kHandOver, Scope{"isf", {}}, true},
      {"coordinator does not hand over a party's desk",
       "ussc",
       {Role::kDuty},
       Action::kHandOver,
       Scope{"isf", {}},
       false},
      {"commander without duty does not hand over",
       "isf",
       {Role::kCommander},
       Action::kHandOver,
       Scope{"isf", {}},
       false},
  };
  for (const RequestCase& c : cases) {
    const Decision d = Can(P(c.party, c.roles), c.action, c.scope);
    EXPECT_EQ(d.allowed, c.allowed) << c.name;
    if (!d.allowed) {
      EXPECT_FALSE(d.reason.empty()) << c.name;
    }
  }
}

TEST(PolicyTest, UnauthenticatedPrincipalIsDeniedEverything) {
  for (Action a : kAllActions) {
    EXPECT_FALSE(Can(Principal{}, a, Scope{"isf", {}}).allowed) << ActionName(a);
  }
}

TEST(PolicyTest, PasfCannotSeeIsfRecordUnlessShared) {
  const Principal pasf = P("pasf", {Role::kLiaison});
  EXPECT_FALSE(CanSee(pasf, Scope{"isf", {}}));
  EXPECT_FALSE(CanSee(pasf, Scope{"isf", {"ussc"}}));
  EXPECT_TRUE(CanSee(pasf, Scope{"isf", {"pasf", "ussc"}}));
  EXPECT_TRUE(CanSee(pasf, Scope{"pasf", {}}));
  EXPECT_TRUE(CanSee(pasf, Scope{"isf", {std::string(kAllParties)}}));
}

TEST(PolicyTest, CoordinatorSeesOnlyWhatIsSharedWithIt) {
  const Principal ussc = P("ussc", {Role::kDuty});
  EXPECT_FALSE(CanSee(ussc, Scope{"isf", {}}));
  EXPECT_TRUE(CanSee(ussc, Scope{"isf", {"ussc"}}));
}

TEST(PolicyTest, SecurityEventsOnlyForAdminsAndAuditorsOfTheParty) {
  Event e{.seq = 1,
          .at = 0,
          .actor = "x",
          .party = "pasf",
          .type = "user.created",
          .subject = "user/x",
          .shared_with = {},
          .body = "{}"};
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kLiaison}), e));
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kAuditor}), e));
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kAdmin}), e));
  EXPECT_FALSE(CanSeeEvent(P("isf", {Role::kAdmin}), e));
  e.type = "unit.created";
  e.shared_with = {"isf", "ussc"};
  EXPECT_TRUE(CanSeeEvent(P("isf", {Role::kLiaison}), e));
}

TEST(PolicyTest, VisibilitySqlBindsThePrincipalsParty) {
  std::vector<std::string> params;
  const std::string sql = EventVisibilitySql(P("isf", {Role::kLiaison}), "e", params);
  // The owner, the shares, the owner again for its own activity.* events,
  // and the username for direct conversations.
  EXPECT_EQ(params, (std::vector<std::string>{"isf", "isf", "isf", ":isf.user:"}));
  EXPECT_NE(sql.find("event_shares"), std::string::npos);
  EXPECT_NE(sql.find("NOT LIKE 'user.%'"), std::string::npos);
  EXPECT_NE(sql.find("conflict.assessed"), std::string::npos);
  params.clear();
  EXPECT_EQ(EventVisibilitySql(P("isf", {Role::kAuditor}), "e", params).find("NOT LIKE 'user"),
            std::string::npos);
  params.clear();
  // The coordinator's desk sees every party's activities shared with it.
  EXPECT_EQ(EventVisibilitySql(P("ussc", {Role::kDuty}), "e", params).find("activity."),
            std::string::npos);
}

TEST(PolicyTest, DirectConversationsAreForTheirTwoUsers) {
  EXPECT_TRUE(IsDirectParticipant("isf.user", "channel/dm:isf.user:pasf.user"));
  EXPECT_TRUE(IsDirectParticipant("pasf.user", "channel/dm:isf.user:pasf.user"));
  EXPECT_FALSE(IsDirectParticipant("isf.use", "channel/dm:isf.user:pasf.user"));
  EXPECT_FALSE(IsDirectParticipant("user", "channel/dm:isf.user:pasf.user"));
  EXPECT_FALSE(IsDirectParticipant("isf.user", "channel/desk:PS0101"));
  Event e{1,       0,   "pasf.user", "pasf", "message.posted", "channel/dm:isf.user:pasf.user",
          {"isf"}, "{}"};
  EXPECT_TRUE(CanSeeEvent(P("isf", {Role::kLiaison}), e));
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kDuty}), e));
  Principal colleague = P("isf", {Role::kLiaison});
  colleague.username = "isf.other";
  EXPECT_FALSE(CanSeeEvent(colleague, e));
  colleague.roles = RoleSet{Role::kAuditor};
  EXPECT_TRUE(CanSeeEvent(colleague, e));                  // the record, for its parties' auditors
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kDuty}), e));  // not shared with the coordinator
}

struct DeconflictionCase {
  const char* name;
  std::string party;
  std::initializer_list<Role> roles;
  Action action;
  Scope scope;
  bool allowed;
};

TEST(PolicyTest, DeconflictionScenarioTable) {
  const Scope isf_activity{"isf", {"ussc"}};  // an activity: the owner and the coordinator
  const Scope conflict{"isf", {"pasf", "ussc"}};
  const Scope sides{"isf", {"pasf"}};
  const DeconflictionCase cases[] = {
      {"owner liaison reads its activity",
       "isf",
       {Role::kLiaison},
       Action::kReadActivities,
       isf_activity,
       true},
      {"owner analyst reads its activity",
       "isf",
       {Role::kAnalyst},
       Action::kReadActivities,
       isf_activity,
       true},
      {"other party never reads it",
       "pasf",
       {Role::kCommander},
       Action::kReadActivities,
       isf_activity,
       false},
      {"coordinator duty desk reads it",
       "ussc",
       {Role::kDuty},
       Action::kReadActivities,
       isf_activity,
       true},
      {"coordinator analyst does not",
       "ussc",
       {Role::kAnalyst},
       Action::kReadActivities,
       isf_activity,
       false},
      {"coordinator admin does not",
       "ussc",
       {Role::kAdmin},
       Action::kReadActivities,
       isf_activity,
       false},
      {"coordinator desk does not read what is not shared",
       "ussc",
       {Role::kDuty},
       Action::kReadActivities,
       Scope{"isf", {}},
       false},
      {"liaison plans for its party",
       "isf",
       {Role::kLiaison},
       Action::kPlanActivity,
       Scope{"isf", {}},
       true},
      {"analyst does not plan",
       "isf",
       {Role::kAnalyst},
       Action::kPlanActivity,
       Scope{"isf", {}},
       false},
      {"coordinator does not change a party's activity",
       "ussc",
       {Role::kDuty},
       Action::kPlanActivity,
       isf_activity,
       false},
      {"a side reads the conflict",
       "pasf",
       {Role::kLiaison},
       Action::kReadConflicts,
       conflict,
       true},
      {"a third party does not",
       "third",
       {Role::kLiaison},
       Action::kReadConflicts,
       conflict,
       false},
      {"a side acknowledges", "pasf", {Role::kDuty}, Action::kAcknowledgeConflict, sides, true},
      {"the coordinator does not acknowledge for a side",
       "ussc",
       {Role::kDuty},
       Action::kAcknowledgeConflict,
       sides,
       false},
      {"the coordinator desk resolves",
       "ussc",
       {Role::kDuty},
       Action::kResolveConflict,
       conflict,
       true},
      {"a side does not resolve",
       "isf",
       {Role::kCommander},
       Action::kResolveConflict,
       conflict,
       false},
      {"coordinator liaison without duty does not resolve",
       "ussc",
       {Role::kLiaison},
       Action::kResolveConflict,
       conflict,
       false},
      {"any party's officer runs a dry run",
       "pasf",
       {Role::kLiaison},
       Action::kCheckDeconfliction,
       Scope{"pasf", {}},
       true},
      {"an analyst does not",
       "pasf",
       {Role::kAnalyst},
       Action::kCheckDeconfliction,
       Scope{"pasf", {}},
       false},
      {"everyone reads protected sites",
       "pasf",
       {Role::kAnalyst},
       Action::kReadProtectedSites,
       Scope{"pasf", {}},
       true},
      {"coordinator admin registers a site",
       "ussc",
       {Role::kAdmin},
       Action::kManageProtectedSites,
       Scope{"ussc", {}},
       true},
      {"a party does not",
       "isf",
       {Role::kAdmin},
       Action::kManageProtectedSites,
       Scope{"isf", {}},
       false},
  };
  for (const DeconflictionCase& c : cases) {
    const Decision d = Can(P(c.party, c.roles), c.action, c.scope);
    EXPECT_EQ(d.allowed, c.allowed) << c.name;
    if (!d.allowed) {
      EXPECT_FALSE(d.reason.empty()) << c.name;
    }
  }
}

// Incidents, messaging and returns: record-level rules (docs/incidents.md,
// messaging.md, returns.md). The incident and the case are pasf's, shared
// with isf and the coordinator; eubam is a party they do not concern.
TEST(PolicyTest, IncidentMessagingAndReturnScenarios) {
  const Scope incident{"pasf", {"isf", "ussc"}};
  const Scope desk_channel{"ussc", {"isf", "pasf"}};
  const Scope coordinator_channel{"ussc", {}};
  struct Row {
    const char* name;
    std::string party;
    std::initializer_list<Role> roles;
    Action action;
    Scope scope;
    bool allowed;
  };
  const Row rows[] = {
      {"the reporter's officer reports",
       "pasf",
       {Role::kLiaison},
       Action::kReportIncident,
       Scope{"pasf", {}},
       true},
      {"nobody reports for another party",
       "pasf",
       {Role::kDuty},
       Action::kReportIncident,
       Scope{"isf", {}},
       false},
      {"an analyst does not report",
       "pasf",
       {Role::kAnalyst},
       Action::kReportIncident,
       Scope{"pasf", {}},
       false},
      {"a party it is shared with reads it",
       "isf",
       {Role::kAnalyst},
       Action::kReadIncidents,
       incident,
       true},
      {"a fourth party does not",
       "eubam",
       {Role::kCommander},
       Action::kReadIncidents,
       incident,
       false},
      {"an administrator does not",
       "pasf",
       {Role::kAdmin},
       Action::kReadIncidents,
       incident,
       false},
      {"a party it is shared with updates it",
       "isf",
       {Role::kDuty},
       Action::kUpdateIncident,
       incident,
       true},
      {"an auditor does not", "isf", {Role::kAuditor}, Action::kUpdateIncident, incident, false},
      {"a party it is shared with acknowledges",
       "isf",
       {Role::kLiaison},
       Action::kAcknowledgeIncident,
       incident,
       true},
      {"a fourth party does not acknowledge",
       "eubam",
       {Role::kDuty},
       Action::kAcknowledgeIncident,
       incident,
       false},
      {"the reporter closes", "pasf", {Role::kLiaison}, Action::kCloseIncident, incident, true},
      {"the other party does not close",
       "isf",
       {Role::kCommander},
       Action::kCloseIncident,
       incident,
       false},
      {"the coordinator desk closes",
       "ussc",
       {Role::kDuty},
       Action::kCloseIncident,
       incident,
       true},
      {"coordinator liaison without duty does not close",
       "ussc",
       {Role::kLiaison},
       Action::kCloseIncident,
       incident,
       false},
      {"a member reads the crisis room",
       "isf",
       {Role::kLiaison},
       Action::kReadChannels,
       incident,
       true},
      {"a member's auditor reads it",
       "pasf",
       {Role::kAuditor},
       Action::kReadChannels,
       incident,
       true},
      {"an analyst does not read messages",
       "pasf",
       {Role::kAnalyst},
       Action::kReadChannels,
       incident,
       false},
      {"a fourth party does not read it",
       "eubam",
       {Role::kLiaison},
       Action::kReadChannels,
       incident,
       false},
      {"a member posts", "pasf", {Role::kDuty}, Action::kPostMessage, incident, true},
      {"an auditor does not post", "pasf", {Role::kAuditor}, Action::kPostMessage, incident, false},
      {"a desk party posts in its desk channel",
       "isf",
       {Role::kLiaison},
       Action::kPostMessage,
       desk_channel,
       true},
      {"another party is not in a desk channel",
       "eubam",
       {Role::kLiaison},
       Action::kPostMessage,
       desk_channel,
       false},
      {"the coordinator channel is the coordinator's",
       "isf",
       {Role::kCommander},
       Action::kReadChannels,
       coordinator_channel,
       false},
      {"the coordinator's staff read it",
       "ussc",
       {Role::kLiaison},
       Action::kReadChannels,
       coordinator_channel,
       true},
      {"a party of the case reads it", "isf", {Role::kDuty}, Action::kReadReturns, incident, true},
      {"a fourth party does not read a case",
       "eubam",
       {Role::kDuty},
       Action::kReadReturns,
       incident,
       false},
      {"a party of the case advances it",
       "isf",
       {Role::kLiaison},
       Action::kAdvanceReturn,
       incident,
       true},
      {"an analyst does not advance it",
       "isf",
       {Role::kAnalyst},
       Action::kAdvanceReturn,
       incident,
       false},
      {"an analyst reads return figures",
       "eubam",
       {Role::kAnalyst},
       Action::kReadReturnStats,
       Scope{"eubam", {}},
       true},
      {"an auditor does not",
       "isf",
       {Role::kAuditor},
       Action::kReadReturnStats,
       Scope{"isf", {}},
       false},
  };
  for (const Row& r : rows) {
    const Decision d = Can(P(r.party, r.roles), r.action, r.scope);
    EXPECT_EQ(d.allowed, r.allowed) << r.name;
    if (!d.allowed) {
      EXPECT_FALSE(d.reason.empty()) << r.name;
    }
  }
}

TEST(PolicyTest, ActivityEventsOnlyForTheOwnerAndTheDeconflictionDesk) {
  Event e{.seq = 1,
          .at = 0,
          .actor = "isf.user",
          .party = "isf",
          .type = "activity.registered",
          .subject = "ACT-2026-000001",
          .shared_with = {"ussc"},
          .body = "{}"};
  EXPECT_TRUE(CanSeeEvent(P("isf", {Role::kLiaison}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kDuty}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kAuditor}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kAnalyst}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kAdmin}), e));
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kDuty}), e));
  // conflict.assessed names both sides: the desk's only, even within its party.
  e.type = "conflict.assessed";
  e.party = "ussc";
  e.shared_with = {};
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kDuty}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kAdmin}), e));
  EXPECT_FALSE(CanSeeEvent(P("isf", {Role::kDuty}), e));
  // The pointer event goes to both sides.
  e.type = "conflict.detected";
  e.party = "isf";
  e.shared_with = {"pasf", "ussc"};
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kLiaison}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kAnalyst}), e));
}

TEST(RoleSetTest, ParsesAndRejectsUnknown) {
  auto r = RoleSet::Parse("duty, liaison");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->Has(Role::kDuty));
  EXPECT_TRUE(r->Has(Role::kLiaison));
  EXPECT_EQ(r->Joined(), "liaison,duty");
  EXPECT_FALSE(RoleSet::Parse("liaison,root"));
}

TEST(PolicyTest, PersonnelVettingTrainingAndAllegationScenarios) {
  const Scope registry{"pasf", {"ussc"}};  // the personnel registry and vetting records
  const Scope training{"ussc", {"pasf"}};  // courses, sessions, enrolments, targets
  const Scope register_{"ussc", {}};       // the allegations register
  struct Row {
    const char* name;
    std::string party;
    std::initializer_list<Role> roles;
    Action action;
    Scope scope;
    bool allowed;
  };
  const Row rows[] = {
      {"the registry's HR reads it", "pasf", {Role::kHr}, Action::kReadPersonnel, registry, true},
      {"the registry's HR changes it",
       "pasf",
       {Role::kHr},
       Action::kManagePersonnel,
       registry,
       true},
      {"the coordinator's HR reads it",
       "ussc",
       {Role::kHr},
       Action::kReadPersonnel,
       registry,
       true},
      {"the coordinator advises: it does not change it",
       "ussc",
       {Role::kHr},
       Action::kManagePersonnel,
       registry,
       false},
      {"the coordinator's trainers read it",
       "ussc",
       {Role::kTrainer},
       Action::kReadPersonnel,
       registry,
       true},
      {"the coordinator's vetting officers read it",
       "ussc",
       {Role::kVetting},
       Action::kReadPersonnel,
       registry,
       true},
      {"another party's HR never reads it",
       "isf",
       {Role::kHr},
       Action::kReadPersonnel,
       registry,
       false},
      {"another party's HR never changes it",
       "isf",
       {Role::kHr},
       Action::kManagePersonnel,
       registry,
       false},
      {"the registry's liaison officers do not read it",
       "pasf",
       {Role::kLiaison, Role::kDuty},
       Action::kReadPersonnel,
       registry,
       false},
      {"the coordinator's duty desk does not read it",
       "ussc",
       {Role::kDuty, Role::kCommander},
       Action::kReadPersonnel,
       registry,
       false},
      {"the registry's commander reads the figures",
       "pasf",
       {Role::kCommander},
       Action::kReadPersonnelAnalytics,
       registry,
       true},
      {"the coordinator's analyst reads the figures",
       "ussc",
       {Role::kAnalyst},
       Action::kReadPersonnelAnalytics,
       registry,
       true},
      {"another party's analyst does not",
       "isf",
       {Role::kAnalyst},
       Action::kReadPersonnelAnalytics,
       registry,
       false},
      {"the registry's HR requests vetting",
       "pasf",
       {Role::kHr},
       Action::kRequestVetting,
       registry,
       true},
      {"the coordinator's trainer requests vetting",
       "ussc",
       {Role::kTrainer},
       Action::kRequestVetting,
       registry,
       true},
      {"the coordinator's HR does not request vetting",
       "ussc",
       {Role::kHr},
       Action::kRequestVetting,
       registry,
       false},
      {"the coordinator's vetting officer decides",
       "ussc",
       {Role::kVetting},
       Action::kDecideVetting,
       registry,
       true},
      {"a trainer does not decide",
       "ussc",
       {Role::kTrainer},
       Action::kDecideVetting,
       registry,
       false},
      {"the subject's HR does not decide",
       "pasf",
       {Role::kHr},
       Action::kDecideVetting,
       registry,
       false},
      {"a vetting role outside the coordinator does not decide",
       "pasf",
       {Role::kVetting},
       Action::kDecideVetting,
       registry,
       false},
      {"the subject's HR reads the status",
       "pasf",
       {Role::kHr},
       Action::kReadVetting,
       registry,
       true},
      {"another party's HR does not", "isf", {Role::kHr}, Action::kReadVetting, registry, false},
      {"the coordinator's trainer keeps the catalogue",
       "ussc",
       {Role::kTrainer},
       Action::kManageTraining,
       training,
       true},
      {"the registry's HR does not", "pasf", {Role::kHr}, Action::kManageTraining, training, false},
      {"the registry's HR reads training",
       "pasf",
       {Role::kHr},
       Action::kReadTraining,
       training,
       true},
      {"another party's trainer does not",
       "isf",
       {Role::kTrainer},
       Action::kReadTraining,
       training,
       false},
      {"the coordinator's trainer enrols",
       "ussc",
       {Role::kTrainer},
       Action::kEnrol,
       registry,
       true},
      {"the registry's HR enrols its own", "pasf", {Role::kHr}, Action::kEnrol, registry, true},
      {"another party's HR does not enrol them",
       "isf",
       {Role::kHr},
       Action::kEnrol,
       registry,
       false},
      {"the coordinator's vetting officer keeps the register",
       "ussc",
       {Role::kVetting},
       Action::kManageAllegations,
       register_,
       true},
      {"the coordinator's auditor reads it",
       "ussc",
       {Role::kAuditor},
       Action::kReadAllegations,
       register_,
       true},
      {"the coordinator's trainer does not",
       "ussc",
       {Role::kTrainer},
       Action::kReadAllegations,
       register_,
       false},
      {"the registry's HR never reads it",
       "pasf",
       {Role::kHr},
       Action::kReadAllegations,
       register_,
       false},
      {"another party's vetting role never reads it",
       "pasf",
       {Role::kVetting},
       Action::kReadAllegations,
       Scope{"pasf", {}},
       false},
  };
  for (const Row& r : rows) {
    const Decision d = Can(P(r.party, r.roles), r.action, r.scope);
    EXPECT_EQ(d.allowed, r.allowed) << r.name;
    if (!d.allowed) {
      EXPECT_FALSE(d.reason.empty()) << r.name;
    }
  }
}

TEST(PolicyTest, ProgrammeEventsOnlyForProgrammeStaffAndConfidentialOnesForVetting) {
  Event e{.seq = 1,
          .at = 0,
          .actor = "pasf.hr",
          .party = "pasf",
          .type = "personnel.registered",
          .subject = "person/PER-0000001",
          .shared_with = {"ussc"},
          .body = "{}"};
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kHr}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kTrainer}), e));
  EXPECT_TRUE(CanSeeEvent(P("pasf", {Role::kAuditor}), e));
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kLiaison}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kDuty}), e));
  EXPECT_FALSE(CanSeeEvent(P("isf", {Role::kHr}), e));
  // The reasons of a decision: the coordinator's vetting officers and auditors only.
  e.type = "vetting.reasons_recorded";
  e.party = "ussc";
  e.shared_with = {};
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kVetting}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kAuditor}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kTrainer}), e));
  EXPECT_FALSE(CanSeeEvent(P("ussc", {Role::kHr}), e));
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kHr}), e));
  // Even shared by mistake, an allegation stays with the coordinator's vetting officers.
  e.type = "allegation.registered";
  e.shared_with = {"pasf"};
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kHr}), e));
  EXPECT_FALSE(CanSeeEvent(P("pasf", {Role::kVetting}), e));
  EXPECT_TRUE(CanSeeEvent(P("ussc", {Role::kVetting}), e));
}

}  // namespace
}  // namespace liaison

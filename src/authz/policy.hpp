// The policy: the one place that decides every access.
//
//   Can(principal, action, scope)   may this principal do this to this record?
//   CanSee(principal, scope)        the visibility filter for lists and pushes
//   CanSeeEvent(principal, event)   the visibility filter for the event stream
//   VisibilitySql(principal, ...)   the same filter, pushed into SQL
//
// Need-to-know: a principal sees a record only if their party owns it or it
// is shared with their party. Nothing outside this module decides access.
// Pure: no I/O; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "authz/principal.hpp"
#include "core/event.hpp"

namespace liaison {

enum class Action {
  // Open to any authenticated principal.
  kReadSelf,         // GET /me, DELETE /session
  kReadDirectory,    // parties, nations, units: the shared directory
  kReadMap,          // map layers
  kReadAuditHead,    // tree heads and proofs: every party must be able to verify
  kSubscribeStream,  // the WebSocket stream (what it carries is filtered per event)
  // Administration.
  kCreateParty,   // coordinator admin only
  kCreateUnit,    // admin of the unit's party, or coordinator admin
  kReadUsers,     // admin of the users' party
  kManageUsers,   // admin of the users' party: create, update, disable, reset
  kManageTokens,  // admin of the token's party
  // Audit.
  kReadAuditEvents,  // auditor or admin, filtered by visibility
  // Coordination requests. Route level: the role; record level: the party.
  kReadRequests,      // liaison, duty, commander, analyst, auditor; visible records only
  kSubmitRequest,     // liaison, duty, commander of the requesting party
  kAnswerRequest,     // acknowledge and decide: the receiving party only, never the coordinator
  kProgressRequest,   // start, complete, withdraw: the requesting party only
  kCommentRequest,    // liaison, duty, commander of an involved party (incl. the coordinator)
  kLogCall,           // duty officers of an involved party: the fallback channel
  kReadRequestStats,  // liaison, duty, commander, analyst; figures over visible records
  // The duty desk.
  kReadDuty,  // liaison, duty, commander: roster, queue, handovers
  kHandOver,  // duty officers of the desk's party
  // Deconfliction (docs/deconfliction.md).
  kReadActivities,        // the owner's liaison, duty, command, analysts, auditors; the desk
  kPlanActivity,          // register, change, cancel: liaison, duty, command of the owner
  kReadConflicts,         // liaison, duty, commander, analyst, auditor of a side or the desk
  kAcknowledgeConflict,   // liaison, duty, commander of a side
  kResolveConflict,       // the coordinator's duty desk
  kCheckDeconfliction,    // the dry run: liaison, duty, commander of any party
  kReadProtectedSites,    // everyone
  kManageProtectedSites,  // the coordinator's duty desk and administrators
  // Incidents (docs/incidents.md).
  kReadIncidents,        // liaison, duty, commander, analyst, auditor of a party that sees it
  kReportIncident,       // liaison, duty, commander; the incident is their party's
  kUpdateIncident,       // liaison, duty, commander of a party that sees it
  kAcknowledgeIncident,  // liaison, duty, commander of a party that sees it (and must)
  kCloseIncident,        // liaison, duty, commander of the reporter, or the coordinator's desk
  // Messaging (docs/messaging.md).
  kReadChannels,  // liaison, duty, commander, auditor of a member party
  kPostMessage,   // liaison, duty, commander of a member party
  // The safe return of persons (docs/returns.md).
  kReadReturns,      // liaison, duty, commander, analyst, auditor of a party that sees it
  kReportReturn,     // liaison, duty, commander; the case is their party's
  kAdvanceReturn,    // liaison, duty, commander of a party of the case (per stage: the domain)
  kReadReturnStats,  // liaison, duty, commander, analyst; figures over visible cases
  // The personnel registry (docs/personnel.md): owned by one party, advised by
  // the coordinator.
  kReadPersonnel,           // hr of the registry party; the coordinator's hr, vetting, trainer
  kManagePersonnel,         // hr of the registry party: persons, career events, import, units
  kReadPersonnelAnalytics,  // hr, analyst, commander of the registry party or the coordinator
  // Human-rights vetting (docs/vetting.md).
  kReadVetting,     // hr of the subject's party (status only); the coordinator's programme roles
  kRequestVetting,  // hr of the subject's party; the coordinator's trainers and vetting officers
  kDecideVetting,   // the coordinator's vetting officers only
  // Training (docs/training.md).
  kReadTraining,    // hr, trainer, vetting of the registry party or the coordinator
  kManageTraining,  // the coordinator's trainers: courses, sessions, results, targets
  kEnrol,           // the coordinator's trainers; hr of the person's party
  // The allegations register (docs/vetting.md): the coordinator only.
  kReadAllegations,    // the coordinator's vetting officers and auditors
  kManageAllegations,  // the coordinator's vetting officers
};

inline constexpr Action kAllActions[] = {Action::kReadSelf,
                                         Action::kReadDirectory,
                                         Action::kReadMap,
                                         Action::kReadAuditHead,
                                         Action::kSubscribeStream,
                                         Action::kCreateParty,
                                         Action::kCreateUnit,
                                         Action::kReadUsers,
                                         Action::kManageUsers,
                                         Action::kManageTokens,
                                         Action::kReadAuditEvents,
                                         Action::kReadRequests,
                                         Action::kSubmitRequest,
                                         Action::kAnswerRequest,
                                         Action::kProgressRequest,
                                         Action::kCommentRequest,
                                         Action::kLogCall,
                                         Action::kReadRequestStats,
                                         Action::kReadDuty,
                                         Action::kHandOver,
                                         Action::kReadActivities,
                                         Action::kPlanActivity,
                                         Action::kReadConflicts,
                                         Action::kAcknowledgeConflict,
                                         Action::kResolveConflict,
                                         Action::kCheckDeconfliction,
                                         Action::kReadProtectedSites,
                                         Action::kManageProtectedSites,
                                         Action::kReadIncidents,
                                         Action::kReportIncident,
                                         Action::kUpdateIncident,
                                         Action::kAcknowledgeIncident,
                                         Action::kCloseIncident,
                                         Action::kReadChannels,
                                         Action::kPostMessage,
                                         Action::kReadReturns,
                                         Action::kReportReturn,
                                         Action::kAdvanceReturn,
                                         Action::kReadReturnStats,
                                         Action::kReadPersonnel,
                                         Action::kManagePersonnel,
                                         Action::kReadPersonnelAnalytics,
                                         Action::kReadVetting,
                                         Action::kRequestVetting,
                                         Action::kDecideVetting,
                                         Action::kReadTraining,
                                         Action::kManageTraining,
                                         Action::kEnrol,
                                         Action::kReadAllegations,
                                         Action::kManageAllegations};

std::string_view ActionName(Action a);

// In a shared_with list: every party, present and future (the directory of
// parties, nations and units).
inline constexpr std::string_view kAllParties = "*";

// Who owns a record and with whom it is shared.
struct Scope {
  std::string owner_party;
  std::vector<std::string> shared_with;
};

struct Decision {
  bool allowed = false;
  std::string reason;  // client-safe; why it was denied
  explicit operator bool() const { return allowed; }
};

// Decides an action. `scope` is the record acted on (or, for creations, the
// record as it would be). For actions that act on no record pass an empty
// scope owned by the principal's party.
Decision Can(const Principal& p, Action action, const Scope& scope);

// The coordinator's deconfliction desk: a principal of a coordinator party
// with the duty or commander role, or its auditors. It sees both sides of a
// conflict and the details of every party's planned activities; everyone else
// sees only the pointer (docs/deconfliction.md).
bool IsDeconflictionDesk(const Principal& p);

// The coordinator's duty desk: a principal of a coordinator party with the
// duty or commander role. It resolves conflicts, closes any incident and
// takes any stage of a return case.
bool IsCoordinatorDesk(const Principal& p);

// A direct conversation between two users: the subject of its message
// events is "channel/dm:<a>:<b>" (the usernames sorted). Its events are seen
// only by the two users and by auditors of their parties (docs/messaging.md).
inline constexpr std::string_view kDirectSubjectPrefix = "channel/dm:";
bool IsDirectParticipant(std::string_view username, std::string_view subject);

// The coordinator's programme staff and the registry party's HR: the roles
// that work personnel, vetting and training (hr, vetting, trainer). Events of
// those families (personnel.*, vetting.*, training.*) reach only them and
// auditors; allegation.* and vetting.reasons_recorded only the coordinator's
// vetting officers and auditors (docs/vetting.md).
bool IsProgrammeStaff(const Principal& p);
bool IsProgrammeEvent(std::string_view type);
bool IsVettingConfidentialEvent(std::string_view type);

// The visibility filter: owner or shared-with.
bool CanSee(const Principal& p, const Scope& scope);

// The stream and audit filter: visibility by party; security events
// (accounts, sessions, tokens) only for admins and auditors of that party;
// another party's planned activities and the sides of a conflict
// (activity.*, conflict.assessed) only for the deconfliction desk; and a
// direct conversation's messages only for its two users and auditors;
// personnel, vetting and training events only for programme staff and
// auditors, and allegations and vetting reasons only for the coordinator's
// vetting officers and auditors.
bool CanSeeEvent(const Principal& p, const Event& e);

// The visibility filter over a projection table whose rows carry an owner
// party column and a shared-with column (sorted party ids joined with ',',
// "*" for everyone), e.g. "(r.from_party = ? OR instr(...))". Equivalent to
// CanSee; params_out is extended by the bound values.
std::string RecordVisibilitySql(const Principal& p, std::string_view owner_column,
                                std::string_view shared_column,
                                std::vector<std::string>& params_out);

// True for event types that concern accounts, credentials and access to
// sensitive records (user.*, session.*, token.*, auth.*, access.*).
bool IsSecurityEvent(std::string_view type);

// A SQL condition equivalent to CanSee over a table with an owner column and
// the event_shares table keyed by `seq_column`, e.g.
//   "(e.party = ? OR EXISTS (SELECT 1 FROM event_shares s WHERE s.seq = e.seq AND s.party = ?))"
// with params_out extended by the bound values.
std::string EventVisibilitySql(const Principal& p, std::string_view alias,
                               std::vector<std::string>& params_out);

}  // namespace liaison

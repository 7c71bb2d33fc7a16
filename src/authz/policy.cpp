#include "authz/policy.hpp"

#include <algorithm>

namespace liaison {
namespace {

bool SameParty(const Principal& p, const Scope& s) { return p.party == s.owner_party; }

// The roles that work coordination requests: they ask, answer and mediate.
bool IsCoordinationOfficer(const Principal& p) {
  return p.roles.Has(Role::kLiaison) || p.roles.Has(Role::kDuty) || p.roles.Has(Role::kCommander);
}

Decision Allow() { return {true, {}}; }
Decision Deny(std::string reason) { return {false, std::move(reason)}; }

}  // namespace

std::string_view ActionName(Action a) {
  switch (a) {
    case Action::kReadSelf:
      return "read_self";
    case Action::kReadDirectory:
      return "read_directory";
    case Action::kReadMap:
      return "read_map";
    case Action::kReadAuditHead:
      return "read_audit_head";
    case Action::kSubscribeStream:
      return "subscribe_stream";
    case Action::kCreateParty:
      return "create_party";
    case Action::kCreateUnit:
      return "create_unit";
    case Action::kReadUsers:
      return "read_users";
    case Action::kManageUsers:
      return "manage_users";
    case Action::kManageTokens:
      return "manage_tokens";
    case Action::kReadAuditEvents:
      return "read_audit_events";
    case Action::kReadRequests:
      return "read_requests";
    case Action::kSubmitRequest:
      return "submit_request";
    case Action::kAnswerRequest:
      return "answer_request";
    case Action::kProgressRequest:
      return "progress_request";
    case Action::kCommentRequest:
      return "comment_request";
    case Action::kLogCall:
      return "log_call";
    case Action::kReadRequestStats:
      return "read_request_stats";
    case Action::kReadDuty:
      return "read_duty";
    case Action::kHandOver:
      return "hand_over";
    case Action::kReadActivities:
      return "read_activities";
    case Action::kPlanActivity:
      return "plan_activity";
    case Action::kReadConflicts:
      return "read_conflicts";
    case Action::kAcknowledgeConflict:
      return "acknowledge_conflict";
    case Action::kResolveConflict:
      return "resolve_conflict";
    case Action::kCheckDeconfliction:
      return "check_deconfliction";
    case Action::kReadProtectedSites:
      return "read_protected_sites";
    case Action::kManageProtectedSites:
      return "manage_protected_sites";
    case Action::kReadIncidents:
      return "read_incidents";
    case Action::kReportIncident:
      return "report_incident";
    case Action::kUpdateIncident:
      return "update_incident";
    case Action::kAcknowledgeIncident:
      return "acknowledge_incident";
    case Action::kCloseIncident:
      return "close_incident";
    case Action::kReadChannels:
      return "read_channels";
    case Action::kPostMessage:
      return "post_message";
    case Action::kReadReturns:
      return "read_returns";
    case Action::kReportReturn:
      return "report_return";
    case Action::kAdvanceReturn:
      return "advance_return";
    case Action::kReadReturnStats:
      return "read_return_stats";
    case Action::kReadPersonnel:
      return "read_personnel";
    case Action::kManagePersonnel:
      return "manage_personnel";
    case Action::kReadPersonnelAnalytics:
      return "read_personnel_analytics";
    case Action::kReadVetting:
      return "read_vetting";
    case Action::kRequestVetting:
      return "request_vetting";
    case Action::kDecideVetting:
      return "decide_vetting";
    case Action::kReadTraining:
      return "read_training";
    case Action::kManageTraining:
      return "manage_training";
    case Action::kEnrol:
      return "enrol";
    case Action::kReadAllegations:
      return "read_allegations";
    case Action::kManageAllegations:
      return "manage_allegations";
  }
  return "";
}

Decision Can(const Principal& p, Action action, const Scope& scope) {
  if (p.is_system) return Allow();
  if (p.username.empty() || p.party.empty()) return Deny("not authenticated");
  const bool admin = p.roles.Has(Role::kAdmin);
  switch (action) {
    case Action::kReadSelf:
    case Action::kReadDirectory:
    case Action::kReadMap:
    case Action::kReadAuditHead:
    case Action::kSubscribeStream:
      return Allow();
    case Action::kCreateParty:
      if (admin && p.is_coordinator) return Allow();
      return Deny("only the coordinator's administrators create parties");
    case Action::kCreateUnit:
      if (admin && (SameParty(p, scope) || p.is_coordinator)) return Allow();
      return Deny("only an administrator of the unit's party creates its units");
    case Action::kReadUsers:
    case Action::kManageUsers:
      if (admin && SameParty(p, scope)) return Allow();
      return Deny("only an administrator of the account's party manages its accounts");
    case Action::kManageTokens:
      if (admin && SameParty(p, scope)) return Allow();
      return Deny("only an administrator of the token's party manages its tokens");
    case Action::kReadAuditEvents:
      if ((admin || p.roles.Has(Role::kAuditor)) && CanSee(p, scope)) return Allow();
      return Deny("the audit log is for auditors and administrators");
    case Action::kReadRequests:
      if ((IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst) ||
           p.roles.Has(Role::kAuditor)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "coordination requests are for liaison, duty and command staff, analysts and "
          "auditors of the parties involved");
    case Action::kSubmitRequest:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of the requesting party submit requests");
    case Action::kAnswerRequest:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      if (p.is_coordinator && !SameParty(p, scope)) {
        return Deny("only the receiving party answers a request; the coordinator mediates");
      }
      return Deny("only liaison, duty and command staff of the receiving party answer a request");
    case Action::kProgressRequest:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      return Deny("only the requesting party starts, completes or withdraws its request");
    case Action::kCommentRequest:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of the parties involved comment");
    case Action::kLogCall:
      if (p.roles.Has(Role::kDuty) && CanSee(p, scope)) return Allow();
      return Deny("only duty officers of the parties involved log calls");
    case Action::kReadRequestStats:
      if (IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst)) return Allow();
      return Deny("request figures are for liaison, duty and command staff and analysts");
    case Action::kReadDuty:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("the duty desk is for liaison, duty and command staff");
    case Action::kHandOver:
      if (p.roles.Has(Role::kDuty) && SameParty(p, scope)) return Allow();
      return Deny("only duty officers of the desk's party hand it over");
    case Action::kReadActivities:
      if (SameParty(p, scope) && (IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst) ||
                                  p.roles.Has(Role::kAuditor))) {
        return Allow();
      }
      if (IsDeconflictionDesk(p) && CanSee(p, scope)) return Allow();
      return Deny(
          "planned activities are for their own party's liaison, duty and command staff, analysts "
          "and auditors, and the coordinator's duty desk");
    case Action::kPlanActivity:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of the owning party plan its activities");
    case Action::kReadConflicts:
      if ((IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst) ||
           p.roles.Has(Role::kAuditor)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "conflicts are for liaison, duty and command staff, analysts and auditors of the "
          "parties involved");
    case Action::kAcknowledgeConflict:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of a side acknowledge a conflict");
    case Action::kResolveConflict:
      if (IsCoordinatorDesk(p) && CanSee(p, scope)) return Allow();
      return Deny("only the coordinator's duty desk resolves a conflict");
    case Action::kCheckDeconfliction:
      if (IsCoordinationOfficer(p)) return Allow();
      return Deny("the deconfliction check is for liaison, duty and command staff");
    case Action::kReadProtectedSites:
      return Allow();
    case Action::kManageProtectedSites:
      if (p.is_coordinator &&
          (p.roles.Has(Role::kDuty) || p.roles.Has(Role::kCommander) || admin)) {
        return Allow();
      }
      return Deny("only the coordinator's duty desk and administrators register protected sites");
    case Action::kReadIncidents:
      if ((IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst) ||
           p.roles.Has(Role::kAuditor)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "incidents are for liaison, duty and command staff, analysts and auditors of the "
          "parties they are shared with");
    case Action::kReportIncident:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff report incidents, for their own party");
    case Action::kUpdateIncident:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny(
          "only liaison, duty and command staff of the parties involved update an incident");
    case Action::kAcknowledgeIncident:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of a party it is shared with acknowledge");
    case Action::kCloseIncident:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      if (IsCoordinatorDesk(p) && CanSee(p, scope)) return Allow();
      return Deny("only the reporting party or the coordinator's duty desk closes an incident");
    case Action::kReadChannels:
      if ((IsCoordinationOfficer(p) || p.roles.Has(Role::kAuditor)) && CanSee(p, scope)) {
        return Allow();
      }
      return Deny("channels are for liaison, duty and command staff and auditors of their parties");
    case Action::kPostMessage:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of a channel's parties send messages");
    case Action::kReadReturns:
      if ((IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst) ||
           p.roles.Has(Role::kAuditor)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "return cases are for liaison, duty and command staff, analysts and auditors of the "
          "parties involved");
    case Action::kReportReturn:
      if (IsCoordinationOfficer(p) && SameParty(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff report return cases, for their own party");
    case Action::kAdvanceReturn:
      if (IsCoordinationOfficer(p) && CanSee(p, scope)) return Allow();
      return Deny("only liaison, duty and command staff of the parties involved advance a case");
    case Action::kReadReturnStats:
      if (IsCoordinationOfficer(p) || p.roles.Has(Role::kAnalyst)) return Allow();
      return Deny("return figures are for liaison, duty and command staff and analysts");
    case Action::kReadPersonnel:
      if (p.roles.Has(Role::kHr) && SameParty(p, scope)) return Allow();
      if (p.is_coordinator && IsProgrammeStaff(p) && CanSee(p, scope)) return Allow();
      return Deny(
          "personnel records are for the registry party's HR staff and the coordinator's HR, "
          "vetting and training staff");
    case Action::kManagePersonnel:
      if (p.roles.Has(Role::kHr) && SameParty(p, scope)) return Allow();
      return Deny("only the registry party's HR staff change its personnel records");
    case Action::kReadPersonnelAnalytics:
      if ((p.roles.Has(Role::kHr) || p.roles.Has(Role::kAnalyst) ||
           p.roles.Has(Role::kCommander)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "personnel figures are for HR staff, analysts and commanders of the registry party and "
          "the coordinator");
    case Action::kReadVetting:
      if (p.roles.Has(Role::kHr) && CanSee(p, scope)) return Allow();
      if (p.is_coordinator && IsProgrammeStaff(p) && CanSee(p, scope)) return Allow();
      return Deny(
          "vetting is for the subject's party's HR staff and the coordinator's HR, vetting and "
          "training staff");
    case Action::kRequestVetting:
      if (p.roles.Has(Role::kHr) && SameParty(p, scope)) return Allow();
      if (p.is_coordinator && (p.roles.Has(Role::kTrainer) || p.roles.Has(Role::kVetting)) &&
          CanSee(p, scope)) {
        return Allow();
      }
      return Deny(
          "vetting is requested by the subject's party's HR staff or the coordinator's trainers "
          "and vetting officers");
    case Action::kDecideVetting:
      if (p.is_coordinator && p.roles.Has(Role::kVetting) && CanSee(p, scope)) return Allow();
      return Deny("only the coordinator's vetting officers decide vetting");
    case Action::kReadTraining:
      if (IsProgrammeStaff(p) && CanSee(p, scope)) return Allow();
      return Deny("training records are for HR, vetting and training staff");
    case Action::kManageTraining:
      if (p.is_coordinator && p.roles.Has(Role::kTrainer) && CanSee(p, scope)) return Allow();
      return Deny("only the coordinator's trainers manage courses, sessions, results and targets");
    case Action::kEnrol:
      if (p.is_coordinator && p.roles.Has(Role::kTrainer) && CanSee(p, scope)) return Allow();
      if (p.roles.Has(Role::kHr) && SameParty(p, scope)) return Allow();
      return Deny("enrolments are made by the coordinator's trainers or the person's party's HR");
    case Action::kReadAllegations:
      if (p.is_coordinator && (p.roles.Has(Role::kVetting) || p.roles.Has(Role::kAuditor)) &&
          SameParty(p, scope)) {
        return Allow();
      }
      return Deny("the allegations register is for the coordinator's vetting officers");
    case Action::kManageAllegations:
      if (p.is_coordinator && p.roles.Has(Role::kVetting) && SameParty(p, scope)) return Allow();
      return Deny("only the coordinator's vetting officers keep the allegations register");
  }
  return Deny("unknown action");
}

bool IsCoordinatorDesk(const Principal& p) {
  if (p.is_system) return true;
  return p.is_coordinator && (p.roles.Has(Role::kDuty) || p.roles.Has(Role::kCommander));
}

bool IsProgrammeStaff(const Principal& p) {
  return p.is_system || p.roles.Has(Role::kHr) || p.roles.Has(Role::kVetting) ||
         p.roles.Has(Role::kTrainer);
}

bool IsProgrammeEvent(std::string_view type) {
  return type.starts_with("personnel.") || type.starts_with("vetting.") ||
         type.starts_with("training.") || type.starts_with("allegation.");
}

bool IsVettingConfidentialEvent(std::string_view type) {
  return type.starts_with("allegation.") || type == "vetting.reasons_recorded";
}

bool IsDirectParticipant(std::string_view username, std::string_view subject) {
  if (!subject.starts_with(kDirectSubjectPrefix) || username.empty()) return false;
  std::string_view rest = subject.substr(kDirectSubjectPrefix.size());
  while (!rest.empty()) {
    const size_t colon = rest.find(':');
    if (rest.substr(0, colon) == username) return true;
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  return false;
}

bool IsDeconflictionDesk(const Principal& p) {
  if (p.is_system) return true;
  return p.is_coordinator &&
         (p.roles.Has(Role::kDuty) || p.roles.Has(Role::kCommander) || p.roles.Has(Role::kAuditor));
}

namespace {

// Events that disclose a party's planned activities: activity.* within the
// parties they are shared with (the coordinator) only for the deconfliction
// desk; conflict.assessed, which names both sides, only for the desk.
bool IsDeskOnlyEvent(const Principal& p, const Event& e) {
  if (e.type == "conflict.assessed") return true;
  return e.type.starts_with("activity.") && e.party != p.party;
}

}  // namespace

bool CanSee(const Principal& p, const Scope& scope) {
  if (p.is_system) return true;
  if (p.party.empty()) return false;
  if (scope.owner_party == p.party) return true;
  return std::any_of(scope.shared_with.begin(), scope.shared_with.end(),
                     [&](const std::string& s) { return s == p.party || s == kAllParties; });
}

bool IsSecurityEvent(std::string_view type) {
  return type.starts_with("user.") || type.starts_with("session.") || type.starts_with("token.") ||
         type.starts_with("auth.") || type.starts_with("access.");
}

bool CanSeeEvent(const Principal& p, const Event& e) {
  if (!CanSee(p, Scope{e.party, e.shared_with})) return false;
  if (IsSecurityEvent(e.type)) {
    return p.roles.Has(Role::kAdmin) || p.roles.Has(Role::kAuditor);
  }
  if (IsDeskOnlyEvent(p, e)) return IsDeconflictionDesk(p);
  if (IsVettingConfidentialEvent(e.type)) {
    return p.is_system ||
           (p.is_coordinator && (p.roles.Has(Role::kVetting) || p.roles.Has(Role::kAuditor)));
  }
  if (IsProgrammeEvent(e.type)) return IsProgrammeStaff(p) || p.roles.Has(Role::kAuditor);
  if (e.subject.starts_with(kDirectSubjectPrefix)) {
    return p.is_system || p.roles.Has(Role::kAuditor) || IsDirectParticipant(p.username, e.subject);
  }
  return true;
}

std::string RecordVisibilitySql(const Principal& p, std::string_view owner_column,
                                std::string_view shared_column,
                                std::vector<std::string>& params_out) {
  const std::string owner(owner_column);
  const std::string shared(shared_column);
  params_out.push_back(p.party);
  params_out.push_back("," + p.party + ",");
  return "(" + owner + " = ? OR instr(',' || " + shared + " || ',', ?) > 0 OR instr(',' || " +
         shared + " || ',', '," + std::string(kAllParties) + ",') > 0)";
}

std::string EventVisibilitySql(const Principal& p, std::string_view alias,
                               std::vector<std::string>& params_out) {
  const std::string a(alias);
  params_out.push_back(p.party);
  params_out.push_back(p.party);
  std::string sql = "(" + a +
                    ".party = ? OR EXISTS (SELECT 1 FROM event_shares s WHERE s.seq = " + a +
                    ".seq AND s.party IN (?, '*')))";
  if (!p.roles.Has(Role::kAdmin) && !p.roles.Has(Role::kAuditor)) {
    sql += " AND " + a + ".type NOT LIKE 'user.%' AND " + a + ".type NOT LIKE 'session.%' AND " +
           a + ".type NOT LIKE 'token.%' AND " + a + ".type NOT LIKE 'auth.%' AND " + a +
           ".type NOT LIKE 'access.%'";
  }
  if (!IsDeconflictionDesk(p)) {
    params_out.push_back(p.party);
    sql += " AND " + a + ".type <> 'conflict.assessed' AND (" + a + ".party = ? OR " + a +
           ".type NOT LIKE 'activity.%')";
  }
  if (!p.is_system &&
      !(p.is_coordinator && (p.roles.Has(Role::kVetting) || p.roles.Has(Role::kAuditor)))) {
    sql += " AND " + a + ".type NOT LIKE 'allegation.%' AND " + a +
           ".type <> 'vetting.reasons_recorded'";
  }
  if (!IsProgrammeStaff(p) && !p.roles.Has(Role::kAuditor)) {
    sql += " AND " + a + ".type NOT LIKE 'personnel.%' AND " + a +
           ".type NOT LIKE 'vetting.%' AND " + a + ".type NOT LIKE 'training.%' AND " + a +
           ".type NOT LIKE 'allegation.%'";
  }
  if (!p.is_system && !p.roles.Has(Role::kAuditor)) {
    // A direct conversation: the subject names both users, ':'-separated.
    params_out.push_back(":" + p.username + ":");
    sql += " AND (substr(" + a + ".subject, 1, " + std::to_string(kDirectSubjectPrefix.size()) +
           ") <> '" + std::string(kDirectSubjectPrefix) + "' OR instr(substr(" + a + ".subject, " +
           std::to_string(kDirectSubjectPrefix.size()) + ") || ':', ?) > 0)";
  }
  return sql;
}

}  // namespace liaison

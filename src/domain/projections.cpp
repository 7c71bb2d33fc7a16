#include "domain/projections.hpp"

#include "domain/deconfliction/deconfliction.hpp"
#include "domain/identity/identity.hpp"
#include "domain/incidents/incidents.hpp"
#include "domain/messaging/messaging.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/requests/duty.hpp"
#include "domain/requests/requests.hpp"
#include "domain/returns/returns.hpp"
#include "domain/training/training.hpp"
#include "domain/vetting/vetting.hpp"

namespace liaison {

Status ApplyEvent(WriteTx& tx, const Event& e, const json::object& body) {
  if (identity::Handles(e.type)) return identity::Apply(tx, e, body);
  if (requests::Handles(e.type)) return requests::Apply(tx, e, body);
  if (duty::Handles(e.type)) return duty::Apply(tx, e, body);
  if (deconfliction::Handles(e.type)) return deconfliction::Apply(tx, e, body);
  if (incidents::Handles(e.type)) return incidents::Apply(tx, e, body);
  if (messaging::Handles(e.type)) return messaging::Apply(tx, e, body);
  if (returns::Handles(e.type)) return returns::Apply(tx, e, body);
  if (personnel::Handles(e.type)) return personnel::Apply(tx, e, body);
  if (vetting::Handles(e.type)) return vetting::Apply(tx, e, body);
  if (training::Handles(e.type)) return training::Apply(tx, e, body);
  return OkStatus();
}

std::span<const std::string_view> ProjectionTables() {
  static constexpr std::string_view kTables[] = {"training_targets",
                                                 "qualifications",
                                                 "enrolments",
                                                 "training_sessions",
                                                 "courses",
                                                 "allegation_history",
                                                 "allegations",
                                                 "vetting_reasons",
                                                 "vetting_history",
                                                 "vetting_status",
                                                 "vetting_requests",
                                                 "career_events",
                                                 "personnel_imports",
                                                 "persons",
                                                 "establishment_posts",
                                                 "org_units",
                                                 "message_search",
                                                 "message_acks",
                                                 "message_edits",
                                                 "direct_channels",
                                                 "messages",
                                                 "return_names",
                                                 "return_stages",
                                                 "return_cases",
                                                 "incident_acks",
                                                 "incident_timeline",
                                                 "incidents",
                                                 "protected_sites",
                                                 "conflicts",
                                                 "activities",
                                                 "duty_handovers",
                                                 "duty_desks",
                                                 "requests",
                                                 "api_tokens",
                                                 "users",
                                                 "units",
                                                 "nations",
                                                 "parties"};
  return kTables;
}

}  // namespace liaison

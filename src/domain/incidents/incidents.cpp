#include "domain/incidents/incidents.hpp"

namespace liaison::incidents {

bool Handles(std::string_view event_type) { return event_type.starts_with("incident."); }

Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }

Result<json::value> RaiseDue(CommandContext&, std::int64_t) { return json::value(json::object{}); }

Result<std::int64_t> CountDue(Tx&, Micros) { return 0; }

}  // namespace liaison::incidents

#include "domain/returns/returns.hpp"

namespace liaison::returns {

class HandoverPoints {};

Result<std::shared_ptr<const HandoverPoints>> LoadHandoverPoints(const std::string&) {
  return std::make_shared<const HandoverPoints>();
}

bool Handles(std::string_view event_type) { return event_type.starts_with("return."); }

Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }

Result<json::value> RaiseDue(CommandContext&, std::int64_t, const Settings&) {
  return json::value(json::object{});
}

Result<std::int64_t> CountDue(Tx&, Micros, const Settings&) { return 0; }

}  // namespace liaison::returns

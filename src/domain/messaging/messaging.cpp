#include "domain/messaging/messaging.hpp"

namespace liaison::messaging {

class Phrasebook {};

Result<std::shared_ptr<const Phrasebook>> LoadPhrasebook(const std::string&) {
  return std::make_shared<const Phrasebook>();
}

bool Handles(std::string_view event_type) { return event_type.starts_with("message."); }

Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }

}  // namespace liaison::messaging

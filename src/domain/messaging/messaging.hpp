// Crisis rooms and messaging: channels, messages, FLASH acknowledgements,
// read positions, full-text search, and the phrasebook. See
// docs/messaging.md.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"

namespace liaison::messaging {

class Phrasebook;

// Loads data/phrasebook.json from `dir`.
Result<std::shared_ptr<const Phrasebook>> LoadPhrasebook(const std::string& dir);

struct Settings {
  const Phrasebook* phrasebook = nullptr;  // null: phrase messages are refused
  std::vector<std::string> desk_parties;   // the parties of each district desk channel
};

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

}  // namespace liaison::messaging

#include "domain/training/training.hpp"

namespace liaison::training {

// Placeholder until training lands.
bool Handles(std::string_view) { return false; }
Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }

}  // namespace liaison::training

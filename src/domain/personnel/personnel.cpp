#include "domain/personnel/personnel.hpp"

namespace liaison::personnel {

// Placeholder until the registry lands.
const Service* Reference::FindService(std::string_view) const { return nullptr; }
const Rank* Reference::FindRank(std::string_view) const { return nullptr; }
Result<std::shared_ptr<const Reference>> LoadReference(const std::string&) {
  return std::make_shared<const Reference>();
}
bool Handles(std::string_view) { return false; }
Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }
Result<std::optional<PersonRef>> FindPerson(Tx&, std::string_view) {
  return std::optional<PersonRef>();
}
Result<std::optional<UnitRef>> FindUnit(Tx&, std::string_view) { return std::optional<UnitRef>(); }
Result<std::vector<std::string>> UnitAncestry(Tx&, std::string_view) {
  return std::vector<std::string>();
}

}  // namespace liaison::personnel

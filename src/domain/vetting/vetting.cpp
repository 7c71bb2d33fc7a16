#include "domain/vetting/vetting.hpp"

namespace liaison::vetting {

// Placeholder until vetting lands.
bool Handles(std::string_view) { return false; }
Status Apply(WriteTx&, const Event&, const json::object&) { return OkStatus(); }
Result<Standing> StandingOf(Tx&, std::string_view, std::string_view, Micros) {
  return Standing{"none", std::nullopt};
}
Result<std::int64_t> CountExpired(Tx&, Micros) { return std::int64_t{0}; }
Result<json::value> RaiseExpiry(CommandContext&, std::int64_t, const Settings&) {
  return json::value(json::object{{"expired", 0}});
}

}  // namespace liaison::vetting

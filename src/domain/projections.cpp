#include "domain/projections.hpp"

#include "domain/identity/identity.hpp"

namespace liaison {

Status ApplyEvent(WriteTx& tx, const Event& e, const json::object& body) {
  if (identity::Handles(e.type)) return identity::Apply(tx, e, body);
  return OkStatus();
}

std::span<const std::string_view> ProjectionTables() {
  static constexpr std::string_view kTables[] = {"api_tokens", "users", "units", "nations",
                                                 "parties"};
  return kTables;
}

}  // namespace liaison

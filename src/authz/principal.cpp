#include "authz/principal.hpp"

namespace liaison {

Principal SystemPrincipal(std::string_view actor) {
  Principal p;
  p.username = std::string(actor);
  p.party = "system";
  p.is_system = true;
  return p;
}

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kLiaison:
      return "liaison";
    case Role::kDuty:
      return "duty";
    case Role::kCommander:
      return "commander";
    case Role::kHr:
      return "hr";
    case Role::kVetting:
      return "vetting";
    case Role::kTrainer:
      return "trainer";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAuditor:
      return "auditor";
    case Role::kAdmin:
      return "admin";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::vector<std::string> RoleSet::Names() const {
  std::vector<std::string> out;
  for (Role r : kAllRoles) {
    if (Has(r)) out.emplace_back(RoleName(r));
  }
  return out;
}

std::string RoleSet::Joined() const {
  std::string out;
  for (const auto& n : Names()) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

std::optional<RoleSet> RoleSet::Parse(std::string_view joined) {
  RoleSet set;
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find(',', start);
    if (end == std::string_view::npos) end = joined.size();
    std::string_view name = joined.substr(start, end - start);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!name.empty()) {
      auto r = ParseRole(name);
      if (!r) return std::nullopt;
      set.Add(*r);
    }
    start = end + 1;
  }
  return set;
}

}  // namespace liaison

// Principal: who is asking. Built by the HTTP layer from a session or an API
// token, consumed by the policy. A plain value; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace liaison {

enum class Role : std::uint8_t {
  kLiaison,
  kDuty,
  kCommander,
  kHr,
  kVetting,
  kTrainer,
  kAnalyst,
  kAuditor,
  kAdmin,
};

inline constexpr Role kAllRoles[] = {Role::kLiaison, Role::kDuty,    Role::kCommander,
                                     Role::kHr,      Role::kVetting, Role::kTrainer,
                                     Role::kAnalyst, Role::kAuditor, Role::kAdmin};

std::string_view RoleName(Role r);
std::optional<Role> ParseRole(std::string_view name);

// A set of roles as a bitmask.
class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) Add(r);
  }
  void Add(Role r) { bits_ |= Bit(r); }
  bool Has(Role r) const { return (bits_ & Bit(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::vector<std::string> Names() const;  // in kAllRoles order
  std::string Joined() const;              // names joined with ','
  // Parses "a,b"; returns nullopt naming nothing on an unknown role.
  static std::optional<RoleSet> Parse(std::string_view joined);
  bool operator==(const RoleSet&) const = default;

 private:
  static std::uint32_t Bit(Role r) { return 1u << static_cast<unsigned>(r); }
  std::uint32_t bits_ = 0;
};

struct Principal {
  std::string username;
  std::string party;
  std::string unit;
  RoleSet roles;
  bool is_coordinator = false;  // the principal's party is the coordinator
  std::string session_id;       // empty for API tokens
  std::string token_id;         // empty for sessions
  // The server acting on its own account (logins, expiries) or the operator
  // at the server's console (the CLI run with access to the data directory).
  // The policy allows it everything; it is never built from a request's
  // credentials.
  bool is_system = false;
};

// A system principal; `actor` is what the log records as the event's actor:
// "system:<task>" for the server's own work, "cli:<command>" for the operator.
Principal SystemPrincipal(std::string_view actor);

}  // namespace liaison

#include "http/api.hpp"

namespace liaison {

// Placeholder until the capability lands.
void Api::AddPersonnelAnalyticsRoutes() {}

}  // namespace liaison

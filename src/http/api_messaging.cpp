// Routes and handlers for messaging. See docs/messaging.md.
#include "domain/messaging/messaging.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {

void Api::AddMessagingRoutes() {}

}  // namespace liaison

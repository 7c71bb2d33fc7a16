// Routes and handlers for incidents. See docs/incidents.md.
#include "domain/incidents/incidents.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {

void Api::AddIncidentRoutes() {}

}  // namespace liaison

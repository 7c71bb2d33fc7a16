// Routes and handlers for returns. See docs/returns.md.
#include "domain/returns/returns.hpp"
#include "http/api.hpp"
#include "http/problem.hpp"

namespace liaison {

void Api::AddReturnRoutes() {}

}  // namespace liaison

#include "app/demo.hpp"

namespace liaison {

// Placeholder until training lands.
Result<int> SeedSampleTraining(App&) { return 0; }

}  // namespace liaison

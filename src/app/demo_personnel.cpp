#include "app/demo.hpp"

namespace liaison {

// Placeholder until the synthetic force lands.
Result<int> SeedSyntheticForce(App&, int) { return 0; }

}  // namespace liaison

#include "app/demo.hpp"

namespace liaison {

// Placeholder until vetting lands.
Result<int> SeedSampleVetting(App&) { return 0; }

}  // namespace liaison

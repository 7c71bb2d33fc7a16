#include "auth/crypto_init.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace liaison {

void EnsureCryptoInitialized() {
  static std::once_flag once;
  std::call_once(once, [] {
    // sodium_init returns 0 on success and 1 when already initialised (e.g. by another
    // library in the process); only a negative value is a failure.
    if (sodium_init() < 0) {
      std::fputs("liaison: sodium_init failed; refusing to run without a CSPRNG\n", stderr);
      std::abort();
    }
  });
}

}  // namespace liaison

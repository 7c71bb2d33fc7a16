// One-time initialisation of the cryptographic libraries used by liaison_auth.
//
// Every public function in src/auth that needs libsodium calls EnsureCryptoInitialized()
// itself, so callers never have to. Thread-safe: initialisation runs exactly once
// (std::call_once) however many threads call it concurrently.
#pragma once

namespace liaison {

// Initialises libsodium (sodium_init) on the first call; later calls return at once.
// If libsodium cannot initialise (no usable system randomness), the process is aborted:
// continuing without a working CSPRNG would silently weaken every secret it issues.
void EnsureCryptoInitialized();

}  // namespace liaison

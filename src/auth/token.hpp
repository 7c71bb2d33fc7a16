// Bearer tokens, their storage hashes, constant-time comparison and random record ids.
//
// A token is shown to its holder once; only HashToken(token) is stored, so a leaked
// database does not yield usable credentials. 256-bit tokens need no salt or slow hash.
//
// Thread-safe: free functions; randomness comes from libsodium's thread-safe CSPRNG.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace liaison {

inline constexpr std::size_t kTokenBytes = 32;     // 256 bits of entropy
inline constexpr std::size_t kIdRandomBytes = 10;  // 80 bits: 16 base32 characters

// A new bearer token: kTokenBytes random bytes, base64url without padding (43 characters).
std::string NewToken();

// SHA-256 of the token's characters, for storage and lookup.
Hash256 HashToken(std::string_view token);

// True iff a and b are equal. Runs in time that depends only on the lengths, never on the
// contents, so it is safe for comparing secrets (lengths are assumed not to be secret).
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// A new record id: `prefix` followed by 16 lowercase base32 characters (a-z, 2-7) drawn from
// kIdRandomBytes random bytes, e.g. NewId("tok_") -> "tok_k3v9...". Ids are unique in
// practice, not secret; never use one as a credential.
std::string NewId(std::string_view prefix);

}  // namespace liaison

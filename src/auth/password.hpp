// Password hashing (Argon2id, libsodium's crypto_pwhash_str format) and the password
// strength policy applied when a password is set.
//
// Encoded hashes are self-describing strings such as
//   $argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>
// so the parameters used for an old hash are always known and NeedsRehash can tell
// when a stored hash should be upgraded after a successful login.
//
// Thread-safe: free functions over values; the blocklist is immutable after first use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace liaison {

// Argon2id cost parameters. ops_limit is the number of passes, mem_limit is in bytes.
struct PasswordHashParams {
  std::uint64_t ops_limit = 0;
  std::size_t mem_limit = 0;
};

// libsodium's "interactive" Argon2id parameters (2 passes, 64 MiB): the production default.
PasswordHashParams InteractiveParams();

// The smallest parameters libsodium accepts (1 pass, 8 KiB). Fast and weak: tests only.
PasswordHashParams MinimalParamsForTest();

// Longest password accepted anywhere in this module, in bytes. Bounds hashing work.
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// Hashes `password` with Argon2id and a fresh random salt.
// Returns the encoded "$argon2id$..." string (ASCII, under 128 bytes).
// Errors: Invalid("/password") if the password exceeds kMaxPasswordBytes;
// Internal if the parameters are out of libsodium's range or memory cannot be allocated.
Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params);

// True iff `encoded` is a well-formed libsodium password hash and `password` matches it.
// False for any malformed, truncated or foreign-format `encoded` and for passwords longer
// than kMaxPasswordBytes. The comparison inside libsodium is constant-time.
bool VerifyPassword(std::string_view encoded, std::string_view password);

// True iff `encoded` should be replaced by a fresh HashPassword(..., params): it is not
// Argon2id, its parameters differ from `params`, or it is malformed.
bool NeedsRehash(std::string_view encoded, const PasswordHashParams& params);

// What a new password must satisfy (after NIST SP 800-63B §5.1.1.2: length and a
// blocklist, no composition rules).
struct PasswordPolicy {
  // Minimum length in Unicode code points, so that passwords in Arabic, Hebrew or any other
  // script are measured by characters typed, not by their UTF-8 byte count.
  std::size_t min_code_points = 12;
  // Maximum length in bytes. Must not exceed kMaxPasswordBytes or HashPassword rejects it.
  std::size_t max_bytes = kMaxPasswordBytes;
  // The "must not contain the username" rule applies only to usernames of at least this many
  // code points; shorter ones would forbid too many ordinary passwords. Equality with the
  // username is always forbidden.
  std::size_t min_username_code_points_for_containment = 3;
};

// OK if `password` may be set for the account `username` under `policy`; otherwise
// Error::Invalid("/password", <message for the user>). Checks, in order: at most
// max_bytes bytes; valid UTF-8; at least min_code_points code points; not equal to and not
// containing the username (ASCII case-insensitive); not on the common-password blocklist
// (ASCII case-insensitive). No Unicode normalisation is applied.
Status CheckPasswordStrength(std::string_view password, std::string_view username,
                             const PasswordPolicy& policy = {});

// True iff `password` is on the embedded blocklist (src/auth/common_passwords.txt),
// compared ASCII case-insensitively.
bool IsCommonPassword(std::string_view password);

}  // namespace liaison

// Time-based one-time passwords: RFC 6238 TOTP over RFC 4226 HOTP with HMAC-SHA1,
// a 30-second step and 6 digits, the parameters every authenticator app supports.
//
// Replay protection is the caller's job with help from VerifyTotp: it only accepts a code
// for a step later than the last step accepted for that account, and returns the step it
// matched so the caller can store it. Guessing must also be limited by the caller (the
// lockout rule in lockout.hpp): six digits are only 10^6 possibilities.
//
// Thread-safe: free functions over values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/clock.hpp"

namespace liaison {

inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, the RFC 4226 recommendation
inline constexpr std::int64_t kTotpPeriodSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr int kMaxTotpWindow = 10;  // VerifyTotp clamps larger windows to this

// A fresh random TOTP secret of kTotpSecretBytes bytes from the system CSPRNG.
Bytes NewTotpSecret();

// The kTotpDigits-digit code (zero-padded ASCII) for time step `step` (RFC 4226 HOTP with
// counter = step). REQUIRES: step >= 0. Returns an empty string only if the HMAC
// computation itself fails, which no valid code can equal.
std::string TotpCode(const Bytes& secret, std::int64_t step);

// The RFC 6238 time step containing `now`: floor(seconds since epoch / 30).
std::int64_t TotpStep(Micros now);

// Checks `code` against the steps TotpStep(now) - window .. TotpStep(now) + window.
// Returns the matched step iff the code is exactly kTotpDigits ASCII digits, matches one of
// those steps, and that step is greater than `last_used_step` (pass -1 when no code has been
// accepted yet). The caller must persist the returned step as the new last_used_step so that
// the same code, or an older one, is never accepted again. If several steps match, the
// latest is returned. Code comparison is constant-time. `window` is clamped to
// [0, kMaxTotpWindow].
std::optional<std::int64_t> VerifyTotp(const Bytes& secret, std::string_view code, Micros now,
                                       std::int64_t last_used_step, int window = 1);

// The provisioning URI shown as a QR code when enrolling an authenticator app:
//   otpauth://totp/Issuer:account?secret=BASE32&issuer=Issuer&algorithm=SHA1&digits=6&period=30
// Issuer and account are percent-encoded (everything except RFC 3986 unreserved characters,
// so a ':' inside either is escaped). An empty issuer yields the label "account" alone and
// no issuer parameter. The secret is base32 without padding.
std::string OtpauthUri(std::string_view issuer, std::string_view account, const Bytes& secret);

}  // namespace liaison

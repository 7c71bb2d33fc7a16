#include "auth/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <algorithm>
#include <array>

#include "auth/crypto_init.hpp"

namespace liaison {
namespace {

constexpr std::uint32_t kDigitsModulus = 1'000'000;  // 10^kTotpDigits
static_assert(kTotpDigits == 6, "kDigitsModulus must be 10^kTotpDigits");

constexpr Micros kPeriodMicros = kTotpPeriodSeconds * kMicrosPerSecond;

// floor(a / b) for b > 0, also for negative a (C++ division truncates toward zero).
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

bool IsSixAsciiDigits(std::string_view code) {
  return code.size() == static_cast<std::size_t>(kTotpDigits) &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

void AppendPercentEncoded(std::string& out, std::string_view s) {
  static constexpr char kHexUpper[] = "0123456789ABCDEF";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    const bool unreserved = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
                            (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';
    if (unreserved) {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHexUpper[b >> 4]);
      out.push_back(kHexUpper[b & 0xF]);
    }
  }
}

}  // namespace

Bytes NewTotpSecret() {
  EnsureCryptoInitialized();
  Bytes secret(kTotpSecretBytes);
  randombytes_buf(secret.data(), secret.size());
  return secret;
}

std::string TotpCode(const Bytes& secret, std::int64_t step) {
  // RFC 4226 §5.2: the counter is an 8-byte big-endian integer.
  std::array<unsigned char, 8> counter{};
  auto c = static_cast<std::uint64_t>(step);
  for (int i = 7; i >= 0; --i) {
    counter[static_cast<std::size_t>(i)] = static_cast<unsigned char>(c & 0xFF);
    c >>= 8;
  }
  // An empty vector may have a null data(); never hand HMAC() a null key pointer.
  static constexpr unsigned char kEmptyKey = 0;
  const unsigned char* key = secret.empty() ? &kEmptyKey : secret.data();
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  if (HMAC(EVP_sha1(), key, static_cast<int>(secret.size()), counter.data(), counter.size(),
           mac.data(), &mac_len) == nullptr ||
      mac_len < 20) {
    return {};
  }
  // RFC 4226 §5.3 dynamic truncation.
  const std::size_t offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t value = binary % kDigitsModulus;
  std::string code(static_cast<std::size_t>(kTotpDigits), '0');
  for (int i = kTotpDigits - 1; i >= 0; --i) {
    code[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return code;
}

std::int64_t TotpStep(Micros now) { return FloorDiv(now, kPeriodMicros); }

std::optional<std::int64_t> VerifyTotp(const Bytes& secret, std::string_view code, Micros now,
                                       std::int64_t last_used_step, int window) {
  EnsureCryptoInitialized();
  if (!IsSixAsciiDigits(code)) return std::nullopt;
  window = std::clamp(window, 0, kMaxTotpWindow);
  const std::int64_t current = TotpStep(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not reveal which
  // step (if any) matched.
  for (std::int64_t step = current - window; step <= current + window; ++step) {
    if (step < 0 || step <= last_used_step) continue;
    const std::string expected = TotpCode(secret, step);
    if (expected.size() != code.size()) continue;
    if (sodium_memcmp(expected.data(), code.data(), code.size()) == 0) matched = step;
  }
  return matched;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, const Bytes& secret) {
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) {
    AppendPercentEncoded(uri, issuer);
    uri.push_back(':');
  }
  AppendPercentEncoded(uri, account);
  uri += "?secret=";
  uri += Base32Encode(secret);
  if (!issuer.empty()) {
    uri += "&issuer=";
    AppendPercentEncoded(uri, issuer);
  }
  uri += "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpPeriodSeconds);
  return uri;
}

}  // namespace liaison

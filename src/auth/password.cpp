#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_set>

#include "auth/common_passwords.hpp"
#include "auth/crypto_init.hpp"

namespace liaison {
namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";
constexpr std::string_view kPasswordField = "/password";

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return AsciiLower(c); });
  return out;
}

// Wipes a copy of secret material before its memory is released.
void Wipe(std::string& s) {
  if (!s.empty()) sodium_memzero(s.data(), s.size());
}

// Number of code points in `s`, or nullopt if `s` is not well-formed UTF-8 (RFC 3629:
// no overlong forms, no surrogates, nothing above U+10FFFF).
std::optional<std::size_t> CountCodePoints(std::string_view s) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if (lead < 0x80) {
      len = 1;
      cp = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      len = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4;
      cp = lead & 0x07;
      min = 0x10000;
    } else {
      return std::nullopt;  // a continuation byte or 0xF8..0xFF cannot start a code point
    }
    if (s.size() - i < len) return std::nullopt;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cont = static_cast<unsigned char>(s[i + k]);
      if ((cont & 0xC0) != 0x80) return std::nullopt;
      cp = cp << 6 | (cont & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += len;
    ++count;
  }
  return count;
}

// The blocklist, parsed once from the embedded text. Magic-static initialisation is
// thread-safe and the set is never modified afterwards.
const std::unordered_set<std::string>& Blocklist() {
  static const std::unordered_set<std::string> set = [] {
    std::unordered_set<std::string> out;
    std::string_view text = CommonPasswordsText();
    while (!text.empty()) {
      const std::size_t end = std::min(text.find('\n'), text.size());
      std::string_view line = text.substr(0, end);
      text.remove_prefix(std::min(end + 1, text.size()));
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      out.insert(AsciiLower(line));
    }
    return out;
  }();
  return set;
}

bool ParamsInRange(const PasswordHashParams& params) {
  return params.ops_limit >= crypto_pwhash_argon2id_OPSLIMIT_MIN &&
         params.ops_limit <= crypto_pwhash_argon2id_OPSLIMIT_MAX &&
         params.mem_limit >= crypto_pwhash_argon2id_MEMLIMIT_MIN &&
         params.mem_limit <= crypto_pwhash_argon2id_MEMLIMIT_MAX;
}

// Copies `encoded` into the NUL-terminated fixed buffer libsodium expects, or returns
// nullopt if it cannot be a libsodium hash string.
std::optional<std::array<char, crypto_pwhash_STRBYTES>> ToHashBuffer(std::string_view encoded) {
  if (encoded.size() >= crypto_pwhash_STRBYTES) return std::nullopt;
  if (encoded.find('\0') != std::string_view::npos) return std::nullopt;
  std::array<char, crypto_pwhash_STRBYTES> buf{};
  std::copy(encoded.begin(), encoded.end(), buf.begin());
  return buf;
}

}  // namespace

PasswordHashParams InteractiveParams() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

PasswordHashParams MinimalParamsForTest() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

Result<std::string> HashPassword(std::string_view password, const PasswordHashParams& params) {
  EnsureCryptoInitialized();
  if (password.size() > kMaxPasswordBytes) {
    return Error::Invalid(
        std::string(kPasswordField),
        "Password must be at most " + std::to_string(kMaxPasswordBytes) + " bytes long.");
  }
  if (!ParamsInRange(params)) {
    return Error::Internal(
        "Argon2id parameters out of range: ops_limit=" + std::to_string(params.ops_limit) +
        " mem_limit=" + std::to_string(params.mem_limit));
  }
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), params.ops_limit,
                            params.mem_limit, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error::Internal("crypto_pwhash_str_alg failed (out of memory?) with mem_limit=" +
                           std::to_string(params.mem_limit));
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  EnsureCryptoInitialized();
  if (password.size() > kMaxPasswordBytes) return false;
  const auto buf = ToHashBuffer(encoded);
  if (!buf) return false;
  return crypto_pwhash_str_verify(buf->data(), password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view encoded, const PasswordHashParams& params) {
  EnsureCryptoInitialized();
  if (!encoded.starts_with(kArgon2idPrefix)) return true;
  const auto buf = ToHashBuffer(encoded);
  if (!buf) return true;
  // 0: same algorithm and parameters; 1: different parameters; -1: malformed.
  return crypto_pwhash_str_needs_rehash(buf->data(), params.ops_limit, params.mem_limit) != 0;
}

Status CheckPasswordStrength(std::string_view password, std::string_view username,
                             const PasswordPolicy& policy) {
  const std::string field(kPasswordField);
  if (password.size() > policy.max_bytes) {
    return Error::Invalid(
        field, "Password must be at most " + std::to_string(policy.max_bytes) + " bytes long.");
  }
  const std::optional<std::size_t> code_points = CountCodePoints(password);
  if (!code_points) return Error::Invalid(field, "Password must be valid UTF-8 text.");
  if (*code_points < policy.min_code_points) {
    return Error::Invalid(field, "Password must be at least " +
                                     std::to_string(policy.min_code_points) + " characters long.");
  }
  if (!username.empty()) {
    std::string lower_password = AsciiLower(password);
    const std::string lower_username = AsciiLower(username);
    const std::size_t username_code_points = CountCodePoints(username).value_or(username.size());
    const bool same = lower_password == lower_username;
    const bool contains = username_code_points >= policy.min_username_code_points_for_containment &&
                          lower_password.find(lower_username) != std::string::npos;
    Wipe(lower_password);
    if (same || contains) {
      return Error::Invalid(field, "Password must not contain the username.");
    }
  }
  if (IsCommonPassword(password)) {
    return Error::Invalid(field, "This password is too common and easy to guess; choose another.");
  }
  return OkStatus();
}

bool IsCommonPassword(std::string_view password) {
  std::string lower = AsciiLower(password);
  const bool found = Blocklist().contains(lower);
  Wipe(lower);
  return found;
}

}  // namespace liaison

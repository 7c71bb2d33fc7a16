#include "auth/token.hpp"

#include <sodium.h>

#include <algorithm>
#include <array>

#include "auth/crypto_init.hpp"

namespace liaison {

static_assert(crypto_hash_sha256_BYTES == std::tuple_size_v<Hash256>);

std::string NewToken() {
  EnsureCryptoInitialized();
  std::array<std::uint8_t, kTokenBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string token = Base64UrlEncode(raw.data(), raw.size());
  sodium_memzero(raw.data(), raw.size());
  return token;
}

Hash256 HashToken(std::string_view token) {
  EnsureCryptoInitialized();
  Hash256 out{};
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(token.data()),
                     token.size());
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  EnsureCryptoInitialized();
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;  // data() may be null; nothing to compare
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string NewId(std::string_view prefix) {
  EnsureCryptoInitialized();
  std::array<std::uint8_t, kIdRandomBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::string suffix = Base32Encode(raw.data(), raw.size());
  std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  std::string id(prefix);
  id += suffix;
  return id;
}

}  // namespace liaison

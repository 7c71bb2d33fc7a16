// SHA-256 (FIPS 180-4), the one hash function of the audit log.
//
// Sha256() hashes a whole buffer; Sha256Hasher hashes a message supplied in
// pieces. Both are backed by OpenSSL's EVP interface, which stays inside
// sha256.cpp.
//
// Thread-safety: Sha256() may be called from any thread. A Sha256Hasher is
// thread-compatible: distinct hashers may be used concurrently, one hasher
// needs external synchronization.
//
// Errors: hashing cannot fail on valid memory. If OpenSSL cannot allocate its
// context, std::bad_alloc is thrown (the truly exceptional case).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "core/bytes.hpp"

namespace liaison::audit {

Hash256 Sha256(std::span<const std::uint8_t> data);
Hash256 Sha256(std::string_view data);

// An incremental SHA-256:
//
//   Sha256Hasher h;
//   h.Update(prefix).Update(payload);
//   Hash256 digest = h.Finish();
//
// Move-only: it owns an OpenSSL digest context.
class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(Sha256Hasher&& other) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&& other) noexcept;
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;

  // Appends data to the message. REQUIRES: *this has not been moved from.
  Sha256Hasher& Update(std::span<const std::uint8_t> data);
  Sha256Hasher& Update(std::string_view data);

  // Returns the digest of everything appended since construction or the last
  // Finish(), and resets the hasher to the empty message.
  // REQUIRES: *this has not been moved from.
  Hash256 Finish();

 private:
  struct State;  // defined in sha256.cpp; holds the OpenSSL context
  std::unique_ptr<State> state_;
};

}  // namespace liaison::audit

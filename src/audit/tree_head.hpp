// Signed tree heads: a log size and Merkle root, timestamped and signed with
// the server's Ed25519 key, so that any party holding the public key can check
// later that the log it is shown still extends what was signed.
//
// Also: the Signer interface (the edge behind which the private key lives),
// its libsodium implementation, and the key file that holds the seed. Byte
// layouts are in docs/audit-format.md; libsodium stays inside tree_head.cpp.
//
// Thread-safety: the functions may be called from any thread; Signer
// implementations are immutable after construction and thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"

namespace liaison::audit {

struct TreeHead {
  std::uint64_t tree_size = 0;
  Hash256 root{};        // RFC 9162 MTH of the first tree_size leaves
  Micros timestamp = 0;  // when the head was signed
  Bytes signature;       // Ed25519 over TreeHeadMessage(tree_size, root, timestamp)
  std::string key_id;    // KeyIdFor(public key); a hint, not covered by the signature
};

// The first bytes of every signed message; names the layout and keeps these
// signatures from being valid for any other protocol using the same key.
inline constexpr std::string_view kTreeHeadTag = "liaison-tree-head-v1";

inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
inline constexpr size_t kKeyIdHexDigits = 16;

using Ed25519Seed = std::array<std::uint8_t, kEd25519SeedSize>;

// The exact bytes that are signed:
//   "liaison-tree-head-v1" || u64be(tree_size) || root || u64be(timestamp)
// (68 bytes; timestamp is the int64 microsecond count as two's complement).
Bytes TreeHeadMessage(std::uint64_t tree_size, const Hash256& root, Micros timestamp);

// The first 16 hex digits of SHA-256(public_key).
std::string KeyIdFor(std::span<const std::uint8_t> public_key);

// Signs messages with a private key it does not expose.
class Signer {
 public:
  virtual ~Signer();
  virtual Bytes Sign(std::span<const std::uint8_t> message) const = 0;
  virtual Bytes PublicKey() const = 0;
  virtual std::string KeyId() const = 0;
};

// Ed25519 (RFC 8032) through libsodium's crypto_sign_detached. Owns the secret
// key, which it wipes on destruction; not copyable.
class Ed25519Signer final : public Signer {
 public:
  // Derives the key pair from a 32-byte seed, as RFC 8032 §5.1.5 does.
  explicit Ed25519Signer(const Ed25519Seed& seed);
  ~Ed25519Signer() override;
  Ed25519Signer(const Ed25519Signer&) = delete;
  Ed25519Signer& operator=(const Ed25519Signer&) = delete;

  Bytes Sign(std::span<const std::uint8_t> message) const override;  // 64 bytes
  Bytes PublicKey() const override;                                  // 32 bytes
  std::string KeyId() const override;

 private:
  std::array<std::uint8_t, 64> secret_key_;  // libsodium layout: seed || public key
  Bytes public_key_;
  std::string key_id_;
};

// Builds and signs the head of a tree of tree_size leaves with root `root`.
TreeHead SignTreeHead(const Signer& signer, std::uint64_t tree_size, const Hash256& root,
                      Micros timestamp);

// True iff head.signature is a valid Ed25519 signature by public_key over
// TreeHeadMessage(head.tree_size, head.root, head.timestamp). False for a key
// or signature of the wrong length. head.key_id is not consulted.
bool VerifyTreeHead(const TreeHead& head, const Bytes& public_key);

// Writes a new random seed to `path` as 64 lowercase hex digits and a newline.
// The file is created with O_EXCL and mode 0600 (exactly, whatever the
// umask), so it is never readable by others, even briefly. Fails with
// kConflict if `path` exists (a signing key is never overwritten), kInternal
// on I/O errors; on failure no partial file is left behind.
Status CreateKeyFile(const std::string& path);

// Reads a key file written by CreateKeyFile. Refuses (kFailedPrecondition) a
// file that is not a regular file, whose mode grants any access to group or
// others, or that does not hold exactly one 32-byte hex seed (surrounding
// whitespace allowed); kNotFound if it does not exist. Messages name the path.
Result<std::unique_ptr<Ed25519Signer>> LoadKeyFile(const std::string& path);

// A deterministic signer whose seed is 32 copies of seed_byte. Tests only.
std::unique_ptr<Ed25519Signer> Ed25519SignerForTest(std::uint8_t seed_byte);

}  // namespace liaison::audit

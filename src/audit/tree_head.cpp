#include "audit/tree_head.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include "audit/sha256.hpp"

namespace liaison::audit {
namespace {

static_assert(crypto_sign_SEEDBYTES == kEd25519SeedSize);
static_assert(crypto_sign_PUBLICKEYBYTES == kEd25519PublicKeySize);
static_assert(crypto_sign_BYTES == kEd25519SignatureSize);
static_assert(crypto_sign_SECRETKEYBYTES == 64);

// A key file holds 64 hex digits and a newline; anything much longer is not one.
constexpr size_t kMaxKeyFileSize = 256;
constexpr mode_t kKeyFileMode = 0600;
constexpr mode_t kGroupOtherBits = 0077;
constexpr mode_t kPermissionBits = 07777;

// sodium_init() must run before any other libsodium call; it is idempotent
// but not documented as safe to race, hence call_once. A failure leaves the
// flag unset, so a later call retries.
void EnsureSodium() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  });
}

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

// Key files are read by the server at start-up and by the CLI; the operator
// needs the path and the reason, so the message carries them.
Error IoError(std::string message) {
  Error e = Error::Internal(message);
  e.message = std::move(message);
  return e;
}

std::string OctalMode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & kPermissionBits));
  return buf;
}

// Closes the descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now and reports close's errno (0 on success), e.g. to catch a
  // deferred write error.
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// Returns 0 or the errno of the failed write.
int WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return 0;
}

std::string_view TrimWhitespace(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  const size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const size_t end = s.find_last_not_of(kSpace);
  return s.substr(begin, end - begin + 1);
}

}  // namespace

Bytes TreeHeadMessage(std::uint64_t tree_size, const Hash256& root, Micros timestamp) {
  Bytes out;
  out.reserve(kTreeHeadTag.size() + sizeof(std::uint64_t) + root.size() + sizeof(std::uint64_t));
  AppendBytes(out, kTreeHeadTag);
  AppendU64Be(out, tree_size);
  out.insert(out.end(), root.begin(), root.end());
  AppendU64Be(out, static_cast<std::uint64_t>(timestamp));
  return out;
}

std::string KeyIdFor(std::span<const std::uint8_t> public_key) {
  const Hash256 digest = Sha256(public_key);
  return HexEncode(digest).substr(0, kKeyIdHexDigits);
}

Signer::~Signer() = default;

Ed25519Signer::Ed25519Signer(const Ed25519Seed& seed) : public_key_(kEd25519PublicKeySize) {
  EnsureSodium();
  crypto_sign_seed_keypair(public_key_.data(), secret_key_.data(), seed.data());
  key_id_ = KeyIdFor(public_key_);
}

Ed25519Signer::~Ed25519Signer() { sodium_memzero(secret_key_.data(), secret_key_.size()); }

Bytes Ed25519Signer::Sign(std::span<const std::uint8_t> message) const {
  Bytes signature(kEd25519SignatureSize);
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       secret_key_.data());
  return signature;
}

Bytes Ed25519Signer::PublicKey() const { return public_key_; }

std::string Ed25519Signer::KeyId() const { return key_id_; }

TreeHead SignTreeHead(const Signer& signer, std::uint64_t tree_size, const Hash256& root,
                      Micros timestamp) {
  TreeHead head;
  head.tree_size = tree_size;
  head.root = root;
  head.timestamp = timestamp;
  head.signature = signer.Sign(TreeHeadMessage(tree_size, root, timestamp));
  head.key_id = signer.KeyId();
  return head;
}

bool VerifyTreeHead(const TreeHead& head, const Bytes& public_key) {
  if (public_key.size() != kEd25519PublicKeySize) return false;
  if (head.signature.size() != kEd25519SignatureSize) return false;
  EnsureSodium();
  const Bytes message = TreeHeadMessage(head.tree_size, head.root, head.timestamp);
  return crypto_sign_verify_detached(head.signature.data(), message.data(), message.size(),
                                     public_key.data()) == 0;
}

Status CreateKeyFile(const std::string& path) {
  EnsureSodium();
  Ed25519Seed seed;
  randombytes_buf(seed.data(), seed.size());
  // Written as two pieces so the hex string is never reallocated, which would
  // leave an unwiped copy of the seed on the heap.
  std::string hex = HexEncode(seed.data(), seed.size());
  sodium_memzero(seed.data(), seed.size());

  // O_EXCL: never overwrite a key, and never follow a planted symlink.
  // The mode argument applies at creation, so the file is never wider than 0600.
  FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kKeyFileMode));
  if (fd.get() < 0) {
    const int err = errno;
    sodium_memzero(hex.data(), hex.size());
    if (err == EEXIST) {
      return Error::Conflict("key file " + path + " already exists; refusing to overwrite a key");
    }
    return IoError("cannot create key file " + path + ": " + ErrnoText(err));
  }
  // The umask can only have cleared bits; make the mode exactly 0600 so that
  // LoadKeyFile (which needs owner read) accepts what was written.
  int err = ::fchmod(fd.get(), kKeyFileMode) == 0 ? 0 : errno;
  if (err == 0) err = WriteAll(fd.get(), hex);
  if (err == 0) err = WriteAll(fd.get(), "\n");
  if (err == 0 && ::fsync(fd.get()) != 0) err = errno;
  const int close_err = fd.Close();
  if (err == 0) err = close_err;
  sodium_memzero(hex.data(), hex.size());
  if (err != 0) {
    ::unlink(path.c_str());
    return IoError("cannot write key file " + path + ": " + ErrnoText(err));
  }
  return OkStatus();
}

Result<std::unique_ptr<Ed25519Signer>> LoadKeyFile(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    const int err = errno;
    if (err == ENOENT) return Error::NotFound("key file " + path + " does not exist");
    return IoError("cannot open key file " + path + ": " + ErrnoText(err));
  }
  // fstat the opened file, not the path, so the checked file is the read one.
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    return IoError("cannot stat key file " + path + ": " + ErrnoText(errno));
  }
  if (!S_ISREG(st.st_mode)) {
    return Error::Precondition("key file " + path + " is not a regular file");
  }
  if ((st.st_mode & kGroupOtherBits) != 0) {
    const std::string fix = "run chmod 600 " + path;
    return Error::Precondition("key file " + path + " has mode " + OctalMode(st.st_mode) +
                               ", which gives group or others access to the signing key; " + fix);
  }

  std::array<char, kMaxKeyFileSize + 1> buf;
  size_t size = 0;
  while (size < buf.size()) {
    const ssize_t n = ::read(fd.get(), buf.data() + size, buf.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      sodium_memzero(buf.data(), buf.size());
      return IoError("cannot read key file " + path + ": " + ErrnoText(err));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }

  std::optional<Bytes> seed_bytes;
  if (size <= kMaxKeyFileSize) seed_bytes = HexDecode(TrimWhitespace({buf.data(), size}));
  sodium_memzero(buf.data(), buf.size());
  if (!seed_bytes || seed_bytes->size() != kEd25519SeedSize) {
    if (seed_bytes) sodium_memzero(seed_bytes->data(), seed_bytes->size());
    return Error::Precondition("key file " + path + " does not hold an Ed25519 seed (" +
                               std::to_string(2 * kEd25519SeedSize) + " hex digits)");
  }
  Ed25519Seed seed;
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  sodium_memzero(seed_bytes->data(), seed_bytes->size());
  auto signer = std::make_unique<Ed25519Signer>(seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

std::unique_ptr<Ed25519Signer> Ed25519SignerForTest(std::uint8_t seed_byte) {
  Ed25519Seed seed;
  seed.fill(seed_byte);
  return std::make_unique<Ed25519Signer>(seed);
}

}  // namespace liaison::audit

#include "audit/sha256.hpp"

#include <openssl/evp.h>

#include <new>
#include <utility>

namespace liaison::audit {
namespace {

// OpenSSL 3 looks an algorithm up by name on every EVP_sha256() init unless
// it is fetched once; this handle is immutable and lives for the process.
const EVP_MD* Md() {
  static const EVP_MD* const md = [] {
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    if (fetched == nullptr) throw std::bad_alloc();
    return fetched;
  }();
  return md;
}

void Check(int openssl_ok) {
  if (openssl_ok != 1) throw std::bad_alloc();
}

}  // namespace

Hash256 Sha256(std::span<const std::uint8_t> data) {
  Hash256 out;
  unsigned int size = 0;
  Check(EVP_Digest(data.data(), data.size(), out.data(), &size, Md(), nullptr));
  return out;
}

Hash256 Sha256(std::string_view data) {
  return Sha256(std::span(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

struct Sha256Hasher::State {
  State() : ctx(EVP_MD_CTX_new()) {
    if (ctx == nullptr) throw std::bad_alloc();
    Reset();
  }
  ~State() { EVP_MD_CTX_free(ctx); }
  State(const State&) = delete;
  State& operator=(const State&) = delete;

  void Reset() { Check(EVP_DigestInit_ex2(ctx, Md(), nullptr)); }

  EVP_MD_CTX* ctx;
};

Sha256Hasher::Sha256Hasher() : state_(std::make_unique<State>()) {}
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(Sha256Hasher&& other) noexcept = default;
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&& other) noexcept = default;

Sha256Hasher& Sha256Hasher::Update(std::span<const std::uint8_t> data) {
  Check(EVP_DigestUpdate(state_->ctx, data.data(), data.size()));
  return *this;
}

Sha256Hasher& Sha256Hasher::Update(std::string_view data) {
  Check(EVP_DigestUpdate(state_->ctx, data.data(), data.size()));
  return *this;
}

Hash256 Sha256Hasher::Finish() {
  Hash256 out;
  unsigned int size = 0;
  Check(EVP_DigestFinal_ex(state_->ctx, out.data(), &size));
  state_->Reset();
  return out;
}

}  // namespace liaison::audit

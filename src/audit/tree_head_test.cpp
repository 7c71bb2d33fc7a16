#include "audit/tree_head.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace liaison::audit {
namespace {

// RFC 8032 §7.1, TEST 1.
constexpr std::string_view kRfcSeed =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kRfcPublicKey =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kRfcEmptyMessageSignature =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
// First 16 hex digits of SHA-256(kRfcPublicKey), computed with Python's hashlib.
constexpr std::string_view kRfcKeyId = "21fe31dfa154a261";

// The worked example of docs/audit-format.md: the 8-leaf RFC 6962 test tree,
// signed at 2026-05-21T05:01:34.123456Z. Message computed with Python's
// struct; signature with `openssl pkeyutl -sign -rawin` and the RFC 8032 key.
constexpr std::string_view kExampleRoot =
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";
constexpr Micros kExampleTime = 1'779'339'694'123'456;
constexpr std::string_view kExampleMessage =
    "6c696169736f6e2d747265652d686561642d7631"                          // "liaison-tree-head-v1"
    "0000000000000008"                                                  // tree_size
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"  // root
    "0006524cce6729c0";                                                 // timestamp
constexpr std::string_view kExampleSignature =
    "7ad5d9fff33890c0be2a2319fa47784b1e05b326dca0682a38873de6d92fcbc6"
    "88afd644127ac6219bbb06a50b6a1d5dcba3a1652f72b2e47cb1cb9312eeba0a";

Ed25519Seed RfcSeed() {
  Ed25519Seed seed;
  const Bytes b = *HexDecode(kRfcSeed);
  std::copy(b.begin(), b.end(), seed.begin());
  return seed;
}

TEST(TreeHeadTest, MessageLayoutByteForByte) {
  const Bytes message = TreeHeadMessage(8, *HexDecodeHash(kExampleRoot), kExampleTime);
  EXPECT_EQ(message.size(), 68u);
  EXPECT_EQ(HexEncode(message), kExampleMessage);
}

TEST(TreeHeadTest, Ed25519MatchesRfc8032) {
  const Ed25519Signer signer(RfcSeed());
  EXPECT_EQ(HexEncode(signer.PublicKey()), kRfcPublicKey);
  EXPECT_EQ(HexEncode(signer.Sign({})), kRfcEmptyMessageSignature);
  EXPECT_EQ(signer.KeyId(), kRfcKeyId);
  EXPECT_EQ(KeyIdFor(signer.PublicKey()), kRfcKeyId);
}

TEST(TreeHeadTest, SignsExampleHeadAndVerifies) {
  const Ed25519Signer signer(RfcSeed());
  const TreeHead head = SignTreeHead(signer, 8, *HexDecodeHash(kExampleRoot), kExampleTime);
  EXPECT_EQ(head.tree_size, 8u);
  EXPECT_EQ(head.timestamp, kExampleTime);
  EXPECT_EQ(head.key_id, kRfcKeyId);
  EXPECT_EQ(HexEncode(head.signature), kExampleSignature);
  // As served in the "signature" member of GET /api/v1/audit/tree-head.
  EXPECT_EQ(
      Base64UrlEncode(head.signature),
      "etXZ__M4kMC-KiMZ-kd4Sx4FsybcoGgqOIc95tkvy8aIr9ZEEnrGIZu7BqULah1dy6OhZS9ysuR8scuTEu66Cg");
  EXPECT_TRUE(VerifyTreeHead(head, signer.PublicKey()));
}

TEST(TreeHeadTest, AnyFlippedBitOrChangedFieldFails) {
  const Ed25519Signer signer(RfcSeed());
  const TreeHead head = SignTreeHead(signer, 8, *HexDecodeHash(kExampleRoot), kExampleTime);
  const Bytes key = signer.PublicKey();
  for (size_t bit = 0; bit < head.signature.size() * 8; ++bit) {
    TreeHead forged = head;
    forged.signature[bit / 8] ^= static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_FALSE(VerifyTreeHead(forged, key)) << "signature bit " << bit;
  }
  TreeHead bigger = head;
  bigger.tree_size = 9;
  EXPECT_FALSE(VerifyTreeHead(bigger, key));
  TreeHead other_root = head;
  other_root.root[0] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(other_root, key));
  TreeHead later = head;
  later.timestamp += 1;
  EXPECT_FALSE(VerifyTreeHead(later, key));

  Bytes wrong_key = key;
  wrong_key[0] ^= 1;
  EXPECT_FALSE(VerifyTreeHead(head, wrong_key));
  EXPECT_FALSE(VerifyTreeHead(head, Ed25519SignerForTest(2)->PublicKey()));
  EXPECT_FALSE(VerifyTreeHead(head, Bytes(key.begin(), key.end() - 1)));
  TreeHead short_signature = head;
  short_signature.signature.pop_back();
  EXPECT_FALSE(VerifyTreeHead(short_signature, key));
}

TEST(TreeHeadTest, SignerForTestIsDeterministic) {
  EXPECT_EQ(Ed25519SignerForTest(5)->PublicKey(), Ed25519SignerForTest(5)->PublicKey());
  EXPECT_NE(Ed25519SignerForTest(5)->PublicKey(), Ed25519SignerForTest(6)->PublicKey());
}

// A fresh directory per test, removed afterwards.
class KeyFileTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = testing::TempDir() + "audit_key_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Path(const char* name) const { return (dir_ / name).string(); }

  static mode_t ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }

  // Writes `text` to a new file with the given mode (exactly).
  static void WriteFile(const std::string& path, std::string_view text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ASSERT_EQ(::fchmod(fd, mode), 0);
    ::close(fd);
  }

  std::filesystem::path dir_;
};

TEST_F(KeyFileTest, CreatesMode0600HexSeedWithNewline) {
  const std::string path = Path("tree.key");
  ASSERT_TRUE(CreateKeyFile(path).ok());
  EXPECT_EQ(ModeOf(path), 0600u);
  const std::string text = ReadAll(path);
  ASSERT_EQ(text.size(), 65u);
  EXPECT_EQ(text.back(), '\n');
  const auto seed = HexDecode(std::string_view(text).substr(0, 64));
  ASSERT_TRUE(seed.has_value());
  EXPECT_EQ(seed->size(), kEd25519SeedSize);
  EXPECT_EQ(text.substr(0, 64), HexEncode(*seed));  // lowercase
}

TEST_F(KeyFileTest, ModeIs0600WhateverTheUmask) {
  for (const mode_t mask : {mode_t{0}, mode_t{0022}, mode_t{0277}}) {
    const mode_t previous = ::umask(mask);
    const std::string path = Path(("key-" + std::to_string(mask)).c_str());
    const Status created = CreateKeyFile(path);
    ::umask(previous);
    ASSERT_TRUE(created.ok()) << created.error().message;
    EXPECT_EQ(ModeOf(path), 0600u) << "umask " << std::oct << mask;
  }
}

TEST_F(KeyFileTest, LoadsWhatWasCreated) {
  const std::string path = Path("tree.key");
  ASSERT_TRUE(CreateKeyFile(path).ok());
  auto signer = LoadKeyFile(path);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  const TreeHead head = SignTreeHead(**signer, 3, Hash256{}, 42);
  EXPECT_TRUE(VerifyTreeHead(head, (*signer)->PublicKey()));
  auto again = LoadKeyFile(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->PublicKey(), (*signer)->PublicKey());
}

TEST_F(KeyFileTest, TwoKeysDiffer) {
  ASSERT_TRUE(CreateKeyFile(Path("a.key")).ok());
  ASSERT_TRUE(CreateKeyFile(Path("b.key")).ok());
  EXPECT_NE(ReadAll(Path("a.key")), ReadAll(Path("b.key")));
}

TEST_F(KeyFileTest, FileHoldsTheRfc8032Seed) {
  const std::string path = Path("rfc.key");
  WriteFile(path, std::string(kRfcSeed) + "\n", 0600);
  auto signer = LoadKeyFile(path);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(HexEncode((*signer)->PublicKey()), kRfcPublicKey);
}

TEST_F(KeyFileTest, NeverOverwritesAKey) {
  const std::string path = Path("tree.key");
  ASSERT_TRUE(CreateKeyFile(path).ok());
  const std::string before = ReadAll(path);
  const Status again = CreateKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find(path), std::string::npos);
  EXPECT_EQ(ReadAll(path), before);
}

TEST_F(KeyFileTest, RefusesGroupOrOtherAccess) {
  for (const mode_t mode : {mode_t{0644}, mode_t{0640}, mode_t{0604}, mode_t{0601}}) {
    const std::string path = Path(("key-" + std::to_string(mode)).c_str());
    WriteFile(path, std::string(kRfcSeed) + "\n", mode);
    auto signer = LoadKeyFile(path);
    ASSERT_FALSE(signer.ok()) << "mode " << std::oct << mode;
    EXPECT_EQ(signer.error().code, ErrorCode::kFailedPrecondition);
    EXPECT_NE(signer.error().message.find(path), std::string::npos) << signer.error().message;
    char mode_text[8];
    std::snprintf(mode_text, sizeof mode_text, "%04o", static_cast<unsigned>(mode));
    EXPECT_NE(signer.error().message.find(mode_text), std::string::npos) << signer.error().message;
  }
  // 0400 is fine: only the owner can read.
  const std::string read_only = Path("read-only.key");
  WriteFile(read_only, std::string(kRfcSeed) + "\n", 0400);
  EXPECT_TRUE(LoadKeyFile(read_only).ok());
}

TEST_F(KeyFileTest, RefusesMalformedOrMissingFiles) {
  const std::vector<std::string> bad = {
      "",
      "\n",
      std::string(kRfcSeed.substr(0, 62)) + "\n",
      std::string(kRfcSeed) + "00\n",
      std::string(kRfcSeed.substr(0, 63)) + "g\n",
      std::string(kRfcSeed) + "\n" + std::string(300, 'a'),
  };
  for (size_t i = 0; i < bad.size(); ++i) {
    const std::string path = Path(("bad-" + std::to_string(i)).c_str());
    WriteFile(path, bad[i], 0600);
    auto signer = LoadKeyFile(path);
    ASSERT_FALSE(signer.ok()) << "case " << i;
    EXPECT_EQ(signer.error().code, ErrorCode::kFailedPrecondition) << "case " << i;
    EXPECT_NE(signer.error().message.find(path), std::string::npos);
  }
  auto missing = LoadKeyFile(Path("missing.key"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);

  auto directory = LoadKeyFile(dir_.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code, ErrorCode::kFailedPrecondition);
}

TEST_F(KeyFileTest, AcceptsSurroundingWhitespace) {
  const std::string path = Path("spaced.key");
  WriteFile(path, "  " + std::string(kRfcSeed) + "\r\n", 0600);
  auto signer = LoadKeyFile(path);
  ASSERT_TRUE(signer.ok()) << signer.error().message;
  EXPECT_EQ(HexEncode((*signer)->PublicKey()), kRfcPublicKey);
}

}  // namespace
}  // namespace liaison::audit

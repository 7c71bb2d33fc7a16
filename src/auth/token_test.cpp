#include "auth/token.hpp"

#include <gtest/gtest.h>

#include <set>
#include <thread>
#include <vector>

#include "auth/crypto_init.hpp"

namespace liaison {
namespace {

TEST(TokenTest, NewTokenIs256BitsOfBase64Url) {
  const std::string token = NewToken();
  EXPECT_EQ(token.size(), 43u);  // ceil(32 * 8 / 6), no padding
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
  const std::optional<Bytes> raw = Base64UrlDecode(token);
  ASSERT_TRUE(raw.has_value());
  EXPECT_EQ(raw->size(), 32u);
}

TEST(TokenTest, NewTokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) seen.insert(NewToken());
  EXPECT_EQ(seen.size(), 100u);
}

// FIPS 180-2 / NIST SHA-256 examples.
TEST(TokenTest, HashTokenIsSha256) {
  EXPECT_EQ(HexEncode(HashToken("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HexEncode(HashToken("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(HashToken("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(TokenTest, ConstantTimeEqual) {
  EXPECT_TRUE(ConstantTimeEqual("", ""));
  EXPECT_TRUE(ConstantTimeEqual("secret-token", "secret-token"));
  EXPECT_FALSE(ConstantTimeEqual("secret-token", "secret-tokeN"));
  EXPECT_FALSE(ConstantTimeEqual("Secret-token", "secret-token"));
  EXPECT_FALSE(ConstantTimeEqual("secret-token", "secret-token2"));
  EXPECT_FALSE(ConstantTimeEqual("secret", ""));
  EXPECT_FALSE(ConstantTimeEqual("", "secret"));
  EXPECT_TRUE(ConstantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(ConstantTimeEqual(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(TokenTest, NewIdHasPrefixAndSixteenLowercaseBase32Characters) {
  const std::string id = NewId("tok_");
  ASSERT_EQ(id.size(), 20u);
  EXPECT_TRUE(id.starts_with("tok_"));
  EXPECT_EQ(id.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567", 4), std::string::npos) << id;
  EXPECT_EQ(NewId("").size(), 16u);
}

TEST(TokenTest, NewIdsDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewId("usr_"));
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(CryptoInitTest, ConcurrentInitialisationIsSafe) {
  std::vector<std::thread> threads;
  std::vector<std::string> tokens(8);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    threads.emplace_back([&tokens, i] {
      EnsureCryptoInitialized();
      tokens[i] = NewToken();
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(std::set<std::string>(tokens.begin(), tokens.end()).size(), tokens.size());
}

}  // namespace
}  // namespace liaison

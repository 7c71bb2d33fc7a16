#include "core/bytes.hpp"

#include <gtest/gtest.h>

namespace liaison {
namespace {

Bytes B(std::string_view s) { return Bytes(s.begin(), s.end()); }

TEST(BytesTest, HexRoundTrip) {
  EXPECT_EQ(HexEncode(B("\x01\xab")), "01ab");
  EXPECT_EQ(HexDecode("01AB"), B("\x01\xab"));
  EXPECT_FALSE(HexDecode("0"));
  EXPECT_FALSE(HexDecode("zz"));
}

TEST(BytesTest, Base32Rfc4648Vectors) {
  EXPECT_EQ(Base32Encode(B("foobar")), "MZXW6YTBOI");
  EXPECT_EQ(Base32Encode(B("f")), "MY");
  EXPECT_EQ(Base32Decode("mzxw6ytboi======"), B("foobar"));
  EXPECT_FALSE(Base32Decode("MZ1"));
}

TEST(BytesTest, Base64UrlVectors) {
  EXPECT_EQ(Base64UrlEncode(B("foob")), "Zm9vYg");
  EXPECT_EQ(Base64UrlEncode(B("\xfb\xff")), "-_8");
  EXPECT_EQ(Base64UrlDecode("Zm9vYmFy"), B("foobar"));
  EXPECT_FALSE(Base64UrlDecode("Z"));
  EXPECT_FALSE(Base64UrlDecode("Zm+v"));
}

}  // namespace
}  // namespace liaison

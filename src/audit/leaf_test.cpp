#include "audit/leaf.hpp"

#include <gtest/gtest.h>

#include "audit/merkle.hpp"

namespace liaison::audit {
namespace {

// The worked example of docs/audit-format.md. The expected bytes and hashes
// were computed with Python's struct and hashlib, not with this code.
Event ExampleEvent() {
  Event e;
  e.seq = 1;
  e.at = 1'779'339'694'123'456;  // 2026-05-21T05:01:34.123456Z
  e.actor = "alice";
  e.party = "isf";
  e.type = "user.created";
  e.subject = "user/isf.alice";
  e.shared_with = {"ussc", "pasf"};  // unsorted on purpose
  e.body = R"({"name":"Alice"})";
  return e;
}

// clang-format off
constexpr std::string_view kExampleLeafInput =
    "4c455631"                                    // "LEV1"
    "0000000000000001"                            // seq
    "0006524cce6729c0"                            // at
    "00000005" "616c696365"                       // actor
    "00000003" "697366"                           // party
    "0000000c" "757365722e63726561746564"         // type
    "0000000e" "757365722f6973662e616c696365"     // subject
    "00000009" "706173662c75737363"               // shared_with "pasf,ussc"
    "00000010" "7b226e616d65223a22416c696365227d";  // body
// clang-format on
constexpr std::string_view kExampleLeafHash =
    "e8126c9cd2cd3f4c7c4c80260bcb8d25f9c7d1d4cee38bd3aee73f9487865133";
constexpr std::string_view kExampleChain1 =
    "9fecfe3e93ba98a062b4df8090e0721b8a90f262912897cfa830eb48cfa7aff5";

TEST(LeafTest, EncodesExampleByteForByte) {
  EXPECT_EQ(HexEncode(LeafInput(ExampleEvent())), kExampleLeafInput);
}

TEST(LeafTest, LeafHashIsRfc9162LeafHashOfInput) {
  EXPECT_EQ(HexEncode(LeafHash(ExampleEvent())), kExampleLeafHash);
  EXPECT_EQ(LeafHash(ExampleEvent()), HashLeaf(LeafInput(ExampleEvent())));
}

TEST(LeafTest, ChainStartsFromZeroSeed) {
  EXPECT_EQ(kChainSeed, Hash256{});
  EXPECT_EQ(HexEncode(ChainHash(kChainSeed, *HexDecodeHash(kExampleLeafHash))), kExampleChain1);
}

TEST(LeafTest, NegativeTimeAndEmptyFieldsAreTwosComplementAndZeroLengths) {
  Event e;
  e.seq = 2;
  e.at = -1;
  // clang-format off
  EXPECT_EQ(HexEncode(LeafInput(e)),
            "4c455631" "0000000000000002" "ffffffffffffffff"
            "00000000" "00000000" "00000000" "00000000" "00000000" "00000000");
  // clang-format on
}

TEST(LeafTest, EveryFieldChangesTheHash) {
  const Hash256 base = LeafHash(ExampleEvent());
  std::vector<Event> variants(8, ExampleEvent());
  variants[0].seq = 2;
  variants[1].at += 1;
  variants[2].actor = "alicf";
  variants[3].party = "pasf";
  variants[4].type = "user.updated";
  variants[5].subject = "user/isf.bob";
  variants[6].shared_with = {"pasf"};
  variants[7].body = R"({"name":"Alicf"})";
  for (size_t i = 0; i < variants.size(); ++i) {
    EXPECT_NE(LeafHash(variants[i]), base) << "variant " << i;
  }
}

TEST(LeafTest, LengthPrefixesKeepFieldBoundaries) {
  // Moving a byte across a field boundary must not give the same encoding.
  Event a = ExampleEvent();
  Event b = ExampleEvent();
  a.actor = "ab";
  a.party = "c";
  b.actor = "a";
  b.party = "bc";
  EXPECT_NE(LeafInput(a), LeafInput(b));
}

TEST(LeafTest, SharedWithOrderDoesNotMatter) {
  Event a = ExampleEvent();
  Event b = ExampleEvent();
  b.shared_with = {"pasf", "ussc"};
  EXPECT_EQ(LeafHash(a), LeafHash(b));
}

}  // namespace
}  // namespace liaison::audit

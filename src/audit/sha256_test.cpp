#include "audit/sha256.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace liaison::audit {
namespace {

// FIPS 180-2 Appendix B and the empty message.
constexpr std::string_view kEmptyDigest =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::string_view kAbcDigest =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
constexpr std::string_view kTwoBlockMessage =
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
constexpr std::string_view kTwoBlockDigest =
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

TEST(Sha256Test, MatchesFipsVectors) {
  EXPECT_EQ(HexEncode(Sha256(std::string_view())), kEmptyDigest);
  EXPECT_EQ(HexEncode(Sha256("abc")), kAbcDigest);
  EXPECT_EQ(HexEncode(Sha256(kTwoBlockMessage)), kTwoBlockDigest);
  const Bytes abc = {'a', 'b', 'c'};
  EXPECT_EQ(HexEncode(Sha256(abc)), kAbcDigest);
}

TEST(Sha256Test, IncrementalEqualsOneShotAtEverySplit) {
  for (size_t split = 0; split <= kTwoBlockMessage.size(); ++split) {
    Sha256Hasher h;
    h.Update(kTwoBlockMessage.substr(0, split)).Update(kTwoBlockMessage.substr(split));
    EXPECT_EQ(HexEncode(h.Finish()), kTwoBlockDigest) << "split at " << split;
  }
}

TEST(Sha256Test, FinishResetsAndMoveKeepsState) {
  Sha256Hasher h;
  h.Update("ab");
  Sha256Hasher moved = std::move(h);
  moved.Update("c");
  EXPECT_EQ(HexEncode(moved.Finish()), kAbcDigest);
  EXPECT_EQ(HexEncode(moved.Finish()), kEmptyDigest);
}

TEST(Sha256Test, MillionAs) {
  // FIPS 180-2 Appendix B.3, fed in uneven pieces.
  const std::string chunk(999, 'a');
  Sha256Hasher h;
  size_t fed = 0;
  for (; fed + chunk.size() <= 1'000'000; fed += chunk.size()) h.Update(chunk);
  h.Update(std::string(1'000'000 - fed, 'a'));
  EXPECT_EQ(HexEncode(h.Finish()),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

}  // namespace
}  // namespace liaison::audit

#include "audit/verify.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "audit/leaf.hpp"
#include "audit/merkle.hpp"

namespace liaison::audit {
namespace {

constexpr Micros kStart = 1'779'339'694'000'000;  // 2026-05-21T05:01:34Z
constexpr Micros kSecond = 1'000'000;
constexpr size_t kEvents = 20;

// A log of kEvents events as the writer stores it, with heads signed at
// sizes 5, 12 and 20 (timestamps kStart + size seconds).
class LogVerifierTest : public testing::Test {
 protected:
  void SetUp() override {
    Hash256 chain = kChainSeed;
    std::vector<Hash256> leaves;
    for (size_t i = 1; i <= kEvents; ++i) {
      Event e;
      e.seq = static_cast<std::int64_t>(i);
      e.at = kStart + static_cast<Micros>(i);
      e.actor = "alice";
      e.party = "isf";
      e.type = "note.created";
      e.subject = "note/" + std::to_string(i);
      e.shared_with = {"pasf"};
      e.body = R"({"n":)" + std::to_string(i) + "}";
      const Hash256 leaf = LeafHash(e);
      chain = ChainHash(chain, leaf);
      rows_.push_back({e, leaf, chain});
      leaves.push_back(leaf);
    }
    for (const std::uint64_t size : {5u, 12u, 20u}) {
      heads_.push_back(SignTreeHead(*signer_, size, RootFromLeaves(std::span(leaves).first(size)),
                                    kStart + static_cast<Micros>(size) * kSecond));
    }
  }

  // Feeds rows until one fails; returns the first failure or Finish's result.
  Status Run(const std::vector<StoredEvent>& rows, const std::vector<TreeHead>& heads) const {
    LogVerifier verifier;
    for (const StoredEvent& row : rows) LIAISON_TRY(verifier.Add(row));
    return verifier.Finish(heads, signer_->PublicKey());
  }

  static std::string MessageOf(const Status& s) { return s.ok() ? "OK" : s.error().message; }

  // Rewrites leaf and chain hashes from `from` (1-based seq) on, as someone
  // with write access to the database but not the signing key could.
  static void Rehash(std::vector<StoredEvent>& rows, size_t from) {
    Hash256 chain = from >= 2 ? rows[from - 2].chain_hash : kChainSeed;
    for (size_t i = from - 1; i < rows.size(); ++i) {
      rows[i].leaf_hash = LeafHash(rows[i].event);
      chain = ChainHash(chain, rows[i].leaf_hash);
      rows[i].chain_hash = chain;
    }
  }

  std::unique_ptr<Ed25519Signer> signer_ = Ed25519SignerForTest(7);
  std::vector<StoredEvent> rows_;
  std::vector<TreeHead> heads_;
};

TEST_F(LogVerifierTest, IntactLogPasses) {
  LogVerifier verifier;
  for (const StoredEvent& row : rows_) ASSERT_TRUE(verifier.Add(row).ok());
  EXPECT_EQ(verifier.size(), kEvents);
  EXPECT_EQ(verifier.chain_hash(), rows_.back().chain_hash);
  EXPECT_EQ(MessageOf(verifier.Finish(heads_, signer_->PublicKey())), "OK");
  // Order of heads does not matter; no heads is fine too.
  std::vector<TreeHead> reversed(heads_.rbegin(), heads_.rend());
  EXPECT_EQ(MessageOf(verifier.Finish(reversed, signer_->PublicKey())), "OK");
  EXPECT_EQ(MessageOf(verifier.Finish({}, signer_->PublicKey())), "OK");
}

TEST_F(LogVerifierTest, HeadsAtEverySizeVerify) {
  std::vector<Hash256> leaves;
  for (const StoredEvent& row : rows_) leaves.push_back(row.leaf_hash);
  std::vector<TreeHead> heads;
  for (size_t size = 0; size <= kEvents; ++size) {
    heads.push_back(
        SignTreeHead(*signer_, size, RootFromLeaves(std::span(leaves).first(size)), kStart));
  }
  EXPECT_EQ(MessageOf(Run(rows_, heads)), "OK");
}

TEST_F(LogVerifierTest, EmptyLogWithEmptyHeadPasses) {
  const std::vector<TreeHead> heads = {SignTreeHead(*signer_, 0, EmptyRoot(), kStart)};
  EXPECT_EQ(MessageOf(Run({}, heads)), "OK");
}

TEST_F(LogVerifierTest, AlteredBodyNamesItsSeq) {
  rows_[16].event.body = R"({"n":1700})";
  const Status s = Run(rows_, heads_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kCorruption);
  EXPECT_EQ(s.error().message, "event seq 17: contents do not match its leaf hash (altered)");
}

TEST_F(LogVerifierTest, AlteredSharedWithNamesItsSeq) {
  rows_[3].event.shared_with = {"pasf", "ussc"};
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 4: contents do not match its leaf hash (altered)");
}

TEST_F(LogVerifierTest, RemovedEventNamesTheGap) {
  rows_.erase(rows_.begin() + 5);  // seq 6
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 7: expected seq 6 (an event was removed or reordered)");
}

TEST_F(LogVerifierTest, RemovedFirstEventIsCaught) {
  rows_.erase(rows_.begin());
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 2: expected seq 1 (an event was removed or reordered)");
}

TEST_F(LogVerifierTest, SwappedEventsNameTheFirstOutOfPlace) {
  std::swap(rows_[9], rows_[10]);  // seq 10 and 11
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 11: expected seq 10 (an event was removed or reordered)");
}

TEST_F(LogVerifierTest, SwappedAndRenumberedEventsAreAltered) {
  // Swap the rows but keep seq dense: the leaf hashes still commit to the old seq.
  std::swap(rows_[9], rows_[10]);
  std::swap(rows_[9].event.seq, rows_[10].event.seq);
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 10: contents do not match its leaf hash (altered)");
}

TEST_F(LogVerifierTest, DuplicatedEventIsNamed) {
  rows_.insert(rows_.begin() + 5, rows_[4]);  // seq 5 twice
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 5: expected seq 6 (an event was duplicated or reordered)");
}

TEST_F(LogVerifierTest, BrokenChainNamesItsSeq) {
  rows_[3].chain_hash[0] ^= 1;
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "event seq 4: chain hash does not follow from the previous event "
            "(the log was rewritten)");
}

TEST_F(LogVerifierTest, RehashedRewriteIsCaughtByTheFirstHeadCoveringIt) {
  rows_[8].event.body = R"({"n":900})";  // seq 9, covered by the heads of size 12 and 20
  Rehash(rows_, 9);
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "tree head of size 12 signed at 2026-05-21T05:01:46.000000Z: root does not match "
            "the first 12 events (an event was altered, removed or inserted)");
}

TEST_F(LogVerifierTest, RemovedAndRenumberedEventIsCaughtByHead) {
  // Remove seq 3, renumber the rest and rehash: dense, linked, but not what was signed.
  rows_.erase(rows_.begin() + 2);
  for (size_t i = 2; i < rows_.size(); ++i) rows_[i].event.seq = static_cast<std::int64_t>(i + 1);
  Rehash(rows_, 3);
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "tree head of size 5 signed at 2026-05-21T05:01:39.000000Z: root does not match "
            "the first 5 events (an event was altered, removed or inserted)");
}

TEST_F(LogVerifierTest, TruncationBelowASignedHead) {
  rows_.resize(15);
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "the log is truncated: tree head of size 20 signed at 2026-05-21T05:01:54.000000Z but "
            "only 15 events");
}

TEST_F(LogVerifierTest, ForgedHeadSignatureIsNamed) {
  const auto forger = Ed25519SignerForTest(8);
  heads_[1] = SignTreeHead(*forger, heads_[1].tree_size, heads_[1].root, heads_[1].timestamp);
  const std::string expected =
      "tree head of size 12 signed at 2026-05-21T05:01:46.000000Z: "
      "signature does not verify with key " +
      signer_->KeyId() + " (the head names key " + forger->KeyId() + ") (forged or altered)";
  EXPECT_EQ(MessageOf(Run(rows_, heads_)), expected);
}

TEST_F(LogVerifierTest, HeadWithAlteredSizeFailsItsSignature) {
  heads_[0].tree_size = 6;
  EXPECT_EQ(MessageOf(Run(rows_, heads_)),
            "tree head of size 6 signed at 2026-05-21T05:01:39.000000Z: signature does not "
            "verify with key " +
                signer_->KeyId() + " (forged or altered)");
}

TEST_F(LogVerifierTest, FailureIsSticky) {
  LogVerifier verifier;
  ASSERT_TRUE(verifier.Add(rows_[0]).ok());
  const Status bad = verifier.Add(rows_[2]);
  ASSERT_FALSE(bad.ok());
  // Even the right next row is refused now, and Finish reports the same error.
  EXPECT_EQ(MessageOf(verifier.Add(rows_[1])), bad.error().message);
  EXPECT_EQ(MessageOf(verifier.Finish(heads_, signer_->PublicKey())), bad.error().message);
  EXPECT_EQ(verifier.size(), 1u);
}

TEST_F(LogVerifierTest, RejectsMalformedPublicKey) {
  LogVerifier verifier;
  const Status s = verifier.Finish(heads_, Bytes(31, 0));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace liaison::audit

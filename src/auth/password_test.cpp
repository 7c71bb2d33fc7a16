#include "auth/password.hpp"

#include <gtest/gtest.h>

#include <string>

namespace liaison {
namespace {

std::string Repeat(std::string_view unit, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += unit;
  return out;
}

void ExpectInvalidPassword(const Status& status) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(status.error().field, "/password");
  EXPECT_FALSE(status.error().message.empty());
}

TEST(PasswordHashTest, ProducesArgon2idStringWithRequestedParameters) {
  const Result<std::string> hash = HashPassword("correct horse battery", MinimalParamsForTest());
  ASSERT_TRUE(hash.ok());
  // libsodium's encoding: m in KiB (8192 bytes = 8), t = passes, p = 1.
  EXPECT_TRUE(hash->starts_with("$argon2id$v=19$m=8,t=1,p=1$")) << *hash;
}

TEST(PasswordHashTest, VerifiesOnlyTheRightPassword) {
  const Result<std::string> hash = HashPassword("correct horse battery", MinimalParamsForTest());
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse batter"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST(PasswordHashTest, SaltsDifferBetweenHashesOfTheSamePassword) {
  const Result<std::string> a = HashPassword("same password here", MinimalParamsForTest());
  const Result<std::string> b = HashPassword("same password here", MinimalParamsForTest());
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(VerifyPassword(*a, "same password here"));
  EXPECT_TRUE(VerifyPassword(*b, "same password here"));
}

TEST(PasswordHashTest, PasswordBytesAfterNulAreSignificant) {
  const std::string with_nul("abc\0def-ghij-klm", 16);
  const Result<std::string> hash = HashPassword(with_nul, MinimalParamsForTest());
  ASSERT_TRUE(hash.ok());
  EXPECT_TRUE(VerifyPassword(*hash, with_nul));
  EXPECT_FALSE(VerifyPassword(*hash, "abc"));
}

// Reference vector from the Argon2 reference implementation's test suite (argon2id,
// version 0x13, m=65536 KiB, t=2, p=1, password "password", salt "somesalt").
TEST(PasswordHashTest, VerifiesArgon2ReferenceVector) {
  constexpr std::string_view kEncoded =
      "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
  EXPECT_TRUE(VerifyPassword(kEncoded, "password"));
  EXPECT_FALSE(VerifyPassword(kEncoded, "Password"));
}

TEST(PasswordHashTest, MalformedEncodingsNeverVerify) {
  const Result<std::string> hash = HashPassword("correct horse battery", MinimalParamsForTest());
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("not a hash", "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash->substr(0, hash->size() - 5), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash + std::string(200, 'A'), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash + std::string(1, '\0'), "correct horse battery"));
  EXPECT_FALSE(VerifyPassword("$argon2id$v=19$m=8,t=1,p=1$$", "correct horse battery"));
}

TEST(PasswordHashTest, RejectsOverlongPasswords) {
  const Result<std::string> too_long =
      HashPassword(std::string(kMaxPasswordBytes + 1, 'x'), MinimalParamsForTest());
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().code, ErrorCode::kInvalidArgument);
  EXPECT_EQ(too_long.error().field, "/password");

  const std::string longest(kMaxPasswordBytes, 'x');
  const Result<std::string> ok = HashPassword(longest, MinimalParamsForTest());
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(VerifyPassword(*ok, longest));
  EXPECT_FALSE(VerifyPassword(*ok, longest + "x"));
}

TEST(PasswordHashTest, OutOfRangeParametersAreAnInternalError) {
  const Result<std::string> hash = HashPassword("correct horse battery", {0, 8192});
  ASSERT_FALSE(hash.ok());
  EXPECT_EQ(hash.error().code, ErrorCode::kInternal);
  const Result<std::string> tiny_memory = HashPassword("correct horse battery", {1, 1024});
  ASSERT_FALSE(tiny_memory.ok());
  EXPECT_EQ(tiny_memory.error().code, ErrorCode::kInternal);
}

TEST(PasswordHashTest, InteractiveParamsAreLibsodiumInteractive) {
  // crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE / MEMLIMIT_INTERACTIVE as documented.
  EXPECT_EQ(InteractiveParams().ops_limit, 2u);
  EXPECT_EQ(InteractiveParams().mem_limit, 64u * 1024 * 1024);
  EXPECT_EQ(MinimalParamsForTest().ops_limit, 1u);
  EXPECT_EQ(MinimalParamsForTest().mem_limit, 8u * 1024);
}

TEST(PasswordHashTest, NeedsRehashWhenParametersOrAlgorithmDiffer) {
  const Result<std::string> hash = HashPassword("correct horse battery", MinimalParamsForTest());
  ASSERT_TRUE(hash.ok());
  EXPECT_FALSE(NeedsRehash(*hash, MinimalParamsForTest()));
  EXPECT_TRUE(NeedsRehash(*hash, InteractiveParams()));
  EXPECT_TRUE(NeedsRehash(*hash, {2, MinimalParamsForTest().mem_limit}));
  EXPECT_TRUE(NeedsRehash("", MinimalParamsForTest()));
  EXPECT_TRUE(NeedsRehash("garbage", MinimalParamsForTest()));
  EXPECT_TRUE(NeedsRehash("$argon2i$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA",
                          MinimalParamsForTest()));
}

TEST(PasswordPolicyTest, AcceptsALongUnusualPassphrase) {
  EXPECT_TRUE(CheckPasswordStrength("tangerine-river-42", "alice").ok());
}

TEST(PasswordPolicyTest, EnforcesMinimumOfTwelveCharacters) {
  ExpectInvalidPassword(CheckPasswordStrength("", "alice"));
  ExpectInvalidPassword(CheckPasswordStrength("tangerine-r", "alice"));  // 11
  EXPECT_TRUE(CheckPasswordStrength("tangerine-ri", "alice").ok());      // 12
}

TEST(PasswordPolicyTest, CountsCodePointsNotBytes) {
  const std::string beh = "\xD8\xA8";  // U+0628 ARABIC LETTER BEH, 2 bytes in UTF-8
  ExpectInvalidPassword(CheckPasswordStrength(Repeat(beh, 11), "alice"));  // 22 bytes
  EXPECT_TRUE(CheckPasswordStrength(Repeat(beh, 12), "alice").ok());

  const std::string lock = "\xF0\x9F\x94\x92";  // U+1F512 LOCK, 4 bytes in UTF-8
  ExpectInvalidPassword(CheckPasswordStrength(Repeat(lock, 11), "alice"));  // 44 bytes
  EXPECT_TRUE(CheckPasswordStrength(Repeat(lock, 12), "alice").ok());
}

TEST(PasswordPolicyTest, AcceptsArabicAndHebrewPassphrases) {
  // "سلام عليكم يا صديقي": 18 code points.
  EXPECT_TRUE(CheckPasswordStrength("سلام عليكم يا صديقي", "omar").ok());
  // "שלום עולם יפה": 13 code points.
  EXPECT_TRUE(CheckPasswordStrength("שלום עולם יפה", "dana").ok());
  // "שלום עולם": 9 code points, 17 bytes: too short.
  ExpectInvalidPassword(CheckPasswordStrength("שלום עולם", "dana"));
}

TEST(PasswordPolicyTest, EnforcesMaximumBytes) {
  const std::string longest = "q7" + std::string(kMaxPasswordBytes - 2, 'z');
  EXPECT_TRUE(CheckPasswordStrength(longest, "alice").ok());
  ExpectInvalidPassword(CheckPasswordStrength(longest + "z", "alice"));
}

TEST(PasswordPolicyTest, RejectsMalformedUtf8) {
  const std::string base = "tangerine-river-42";
  ExpectInvalidPassword(CheckPasswordStrength(base + "\x80", "alice"));      // stray continuation
  ExpectInvalidPassword(CheckPasswordStrength(base + "\xC0\xAF", "alice"));  // overlong '/'
  ExpectInvalidPassword(CheckPasswordStrength(base + "\xED\xA0\x80", "alice"));      // surrogate
  ExpectInvalidPassword(CheckPasswordStrength(base + "\xF4\x90\x80\x80", "alice"));  // > U+10FFFF
  ExpectInvalidPassword(CheckPasswordStrength(base + "\xE2\x82", "alice"));          // truncated
  ExpectInvalidPassword(CheckPasswordStrength(base + "\xFF", "alice"));
}

TEST(PasswordPolicyTest, RejectsTheUsernameIgnoringAsciiCase) {
  ExpectInvalidPassword(CheckPasswordStrength("Alexander.Hamilton", "alexander.hamilton"));
  ExpectInvalidPassword(CheckPasswordStrength("my-ALICE-smith-2024", "alice-smith"));
  ExpectInvalidPassword(CheckPasswordStrength("bob-orchard-lantern", "bob"));
  EXPECT_TRUE(CheckPasswordStrength("my-ALICE-smith-2024", "carol").ok());
}

TEST(PasswordPolicyTest, ShortUsernamesAreNotSearchedForInsidePasswords) {
  EXPECT_TRUE(CheckPasswordStrength("always-alright-12", "al").ok());
  EXPECT_TRUE(CheckPasswordStrength("tangerine-river-42", "").ok());
}

TEST(PasswordPolicyTest, RejectsCommonPasswordsIgnoringCase) {
  for (const char* common :
       {"password1234", "PASSWORD1234", "Password1234", "123456789012", "qwertyuiop123",
        "QwertyUiop123", "iloveyou1234", "1q2w3e4r5t6y", "P@ssw0rd1234"}) {
    SCOPED_TRACE(common);
    ExpectInvalidPassword(CheckPasswordStrength(common, "alice"));
    EXPECT_TRUE(IsCommonPassword(common));
  }
}

TEST(PasswordPolicyTest, BlocklistIsReadToTheEndOfTheFile) {
  // The first, a middle and the last entry of common_passwords.txt.
  EXPECT_TRUE(IsCommonPassword("123456789012"));
  EXPECT_TRUE(IsCommonPassword("333333333333"));
  EXPECT_TRUE(IsCommonPassword("operatoroperator"));
  // Comment lines are not entries.
  EXPECT_FALSE(
      IsCommonPassword("# Common passwords of 12 or more characters, rejected by "
                       "CheckPasswordStrength."));
  EXPECT_FALSE(IsCommonPassword(""));
  EXPECT_FALSE(IsCommonPassword("tangerine-river-42"));
  EXPECT_FALSE(IsCommonPassword("password1234 "));
}

TEST(PasswordPolicyTest, CustomPolicyLimits) {
  PasswordPolicy policy;
  policy.min_code_points = 16;
  policy.max_bytes = 20;
  ExpectInvalidPassword(CheckPasswordStrength("tangerine-river", "alice", policy));  // 15
  EXPECT_TRUE(CheckPasswordStrength("tangerine-river-", "alice", policy).ok());
  ExpectInvalidPassword(CheckPasswordStrength("tangerine-river-42-xy", "alice", policy));  // 21
}

}  // namespace
}  // namespace liaison

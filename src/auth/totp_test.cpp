#include "auth/totp.hpp"

#include <gtest/gtest.h>

#include <string>

namespace liaison {
namespace {

// The RFC 4226 / RFC 6238 (SHA-1) test secret: the ASCII string "12345678901234567890".
Bytes RfcSecret() {
  const std::string s = "12345678901234567890";
  return Bytes(s.begin(), s.end());
}

constexpr Micros Seconds(std::int64_t s) { return s * kMicrosPerSecond; }

struct Rfc6238Vector {
  std::int64_t unix_seconds;
  std::int64_t step;        // "T (hex)" column of RFC 6238 Appendix B
  const char* eight_digit;  // "TOTP" column for SHA1
};

// RFC 6238 Appendix B, SHA1 rows.
constexpr Rfc6238Vector kRfc6238Sha1[] = {
    {59, 0x0000000000000001, "94287082"},         {1111111109, 0x00000000023523EC, "07081804"},
    {1111111111, 0x00000000023523ED, "14050471"}, {1234567890, 0x000000000273EF07, "89005924"},
    {2000000000, 0x0000000003F940AA, "69279037"}, {20000000000, 0x0000000027BC86AA, "65353130"},
};

TEST(TotpTest, Rfc6238AppendixBSha1Vectors) {
  for (const Rfc6238Vector& v : kRfc6238Sha1) {
    SCOPED_TRACE(v.unix_seconds);
    const std::string expected_code = std::string(v.eight_digit).substr(2);  // last 6 digits
    EXPECT_EQ(TotpStep(Seconds(v.unix_seconds)), v.step);
    EXPECT_EQ(TotpCode(RfcSecret(), v.step), expected_code);
    EXPECT_EQ(VerifyTotp(RfcSecret(), expected_code, Seconds(v.unix_seconds), -1, 0), v.step);
  }
}

TEST(TotpTest, Rfc6238LastSixDigitsSpelledOut) {
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(59))), "287082");
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(1111111109))), "081804");
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(1111111111))), "050471");
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(1234567890))), "005924");
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(2000000000))), "279037");
  EXPECT_EQ(TotpCode(RfcSecret(), TotpStep(Seconds(20000000000))), "353130");
}

// RFC 4226 Appendix D: HOTP values for counters 0..9, the same truncation TOTP uses.
TEST(TotpTest, Rfc4226AppendixDHotpVectors) {
  constexpr const char* kExpected[] = {"755224", "287082", "359152", "969429", "338314",
                                       "254676", "287922", "162583", "399871", "520489"};
  for (std::int64_t counter = 0; counter < 10; ++counter) {
    EXPECT_EQ(TotpCode(RfcSecret(), counter), kExpected[counter]) << "counter " << counter;
  }
}

TEST(TotpTest, StepIsFloorOfThirtySecondPeriods) {
  EXPECT_EQ(TotpStep(0), 0);
  EXPECT_EQ(TotpStep(Seconds(30) - 1), 0);
  EXPECT_EQ(TotpStep(Seconds(30)), 1);
  EXPECT_EQ(TotpStep(Seconds(59)), 1);
  EXPECT_EQ(TotpStep(Seconds(60)), 2);
  EXPECT_EQ(TotpStep(-1), -1);  // before the epoch rounds down, not toward zero
}

TEST(TotpTest, CodeIsAcceptedOnceOnly) {
  const Micros now = Seconds(59);  // step 1, code 287082
  const std::optional<std::int64_t> first = VerifyTotp(RfcSecret(), "287082", now, -1);
  ASSERT_EQ(first, 1);
  // The caller stores step 1; replaying the same code is refused, now and a step later.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", now, *first), std::nullopt);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", Seconds(60), *first), std::nullopt);
  // The next step's code is still fine.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "359152", Seconds(60), *first), 2);
}

TEST(TotpTest, OlderCodeIsRefusedAfterANewerOneWasUsed) {
  const Micros now = Seconds(60);  // step 2
  ASSERT_EQ(VerifyTotp(RfcSecret(), "359152", now, -1), 2);
  // Step 1's code is inside the window but not newer than the stored step.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", now, 2), std::nullopt);
}

TEST(TotpTest, WindowOfOneAcceptsAdjacentStepsOnly) {
  const Micros now = Seconds(60);                                       // step 2
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", now, -1), 1);             // step 1
  EXPECT_EQ(VerifyTotp(RfcSecret(), "359152", now, -1), 2);             // step 2
  EXPECT_EQ(VerifyTotp(RfcSecret(), "969429", now, -1), 3);             // step 3
  EXPECT_EQ(VerifyTotp(RfcSecret(), "755224", now, -1), std::nullopt);  // step 0
  EXPECT_EQ(VerifyTotp(RfcSecret(), "338314", now, -1), std::nullopt);  // step 4
}

TEST(TotpTest, WindowEdgesInTime) {
  // Step 1's code (287082) is valid through the end of step 2 with window 1.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", Seconds(90) - 1, -1), 1);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", Seconds(90), -1), std::nullopt);
  // ... and from the start of step 0.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", 0, -1), 1);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", -1, -1), std::nullopt);
}

TEST(TotpTest, WindowZeroAndWindowTwo) {
  const Micros now = Seconds(60);  // step 2
  EXPECT_EQ(VerifyTotp(RfcSecret(), "359152", now, -1, 0), 2);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", now, -1, 0), std::nullopt);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "969429", now, -1, 0), std::nullopt);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "755224", now, -1, 2), 0);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "338314", now, -1, 2), 4);
  // Negative windows are clamped to 0.
  EXPECT_EQ(VerifyTotp(RfcSecret(), "287082", now, -1, -5), std::nullopt);
  EXPECT_EQ(VerifyTotp(RfcSecret(), "359152", now, -1, -5), 2);
}

TEST(TotpTest, MalformedCodesAreRejected) {
  const Micros now = Seconds(59);  // step 1, code 287082
  for (const std::string_view bad :
       {"", "28708", "2870820", " 287082", "287082 ", "28708a", "287 82", "-28708", "+287082",
        "28708\n", "\xEF\xBC\x92\xEF\xBC\x98\xEF\xBC\x97\xEF\xBC\x90\xEF\xBC\x98\xEF\xBC\x92"}) {
    SCOPED_TRACE(bad);
    EXPECT_EQ(VerifyTotp(RfcSecret(), bad, now, -1), std::nullopt);
  }
  EXPECT_EQ(VerifyTotp(RfcSecret(), std::string_view("287082\0", 7), now, -1), std::nullopt);
}

TEST(TotpTest, WrongSecretIsRejected) {
  Bytes other = RfcSecret();
  other[0] ^= 1;
  EXPECT_EQ(VerifyTotp(other, "287082", Seconds(59), -1), std::nullopt);
}

TEST(TotpTest, NewSecretsAreTwentyRandomBytes) {
  const Bytes a = NewTotpSecret();
  const Bytes b = NewTotpSecret();
  EXPECT_EQ(a.size(), 20u);
  EXPECT_EQ(b.size(), 20u);
  EXPECT_NE(a, b);
  const std::string code = TotpCode(a, 12345);
  ASSERT_EQ(code.size(), 6u);
  EXPECT_EQ(VerifyTotp(a, code, Seconds(12345 * 30), -1), 12345);
}

TEST(TotpTest, OtpauthUriForTheRfcSecret) {
  EXPECT_EQ(OtpauthUri("Liaison", "alice@example.com", RfcSecret()),
            "otpauth://totp/Liaison:alice%40example.com"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Liaison"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, OtpauthUriPercentEncodesLabelAndIssuer) {
  // "عمر" is U+0639 U+0645 U+0631.
  EXPECT_EQ(OtpauthUri("ACME Co:Ops", "عمر", RfcSecret()),
            "otpauth://totp/ACME%20Co%3AOps:%D8%B9%D9%85%D8%B1"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co%3AOps"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(OtpauthUri("A&B=C?", "x/y#z", RfcSecret()),
            "otpauth://totp/A%26B%3DC%3F:x%2Fy%23z"
            "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=A%26B%3DC%3F"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, OtpauthUriWithoutIssuer) {
  EXPECT_EQ(OtpauthUri("", "bob", RfcSecret()),
            "otpauth://totp/bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace liaison

#include "domain/json.hpp"

#include <gtest/gtest.h>

namespace liaison {
namespace {

TEST(CanonicalJsonTest, SortsKeysRecursivelyWithoutWhitespace) {
  auto v = ParseObject(R"({ "b": 1, "a": {"z": [3, {"y": true, "x": null}], "c": "\u0639"} })");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(CanonicalJson(*v),
            "{\"a\":{\"c\":\"\xd8\xb9\",\"z\":[3,{\"x\":null,\"y\":true}]},\"b\":1}");
}

TEST(CanonicalJsonTest, SameValueSameBytesWhateverTheInputOrder) {
  auto a = ParseObject(R"({"x":1,"y":"two"})");
  auto b = ParseObject(R"({"y":"two",   "x":1})");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(CanonicalJson(*a), CanonicalJson(*b));
}

TEST(JsonFieldsTest, ErrorsNameTheFieldAtFault) {
  auto o = ParseObject(R"({"name": 5, "extra": 1})");
  ASSERT_TRUE(o.ok());
  auto r = RequireString(*o, "name");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "/name");
  auto missing = RequireString(*o, "title");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "/title");
  Status s = OnlyKnownFields(*o, {"name"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "/extra");
}

TEST(JsonFieldsTest, RejectsMalformedBodies) {
  EXPECT_FALSE(ParseObject("{").ok());
  EXPECT_FALSE(ParseObject("[1,2]").ok());
  EXPECT_FALSE(ParseObject(std::string(100, '[') + std::string(100, ']')).ok());
}

TEST(Utf8Test, ValidatesAndCountsCodePoints) {
  EXPECT_TRUE(IsCleanUtf8("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"));  // مرحبا
  EXPECT_EQ(Utf8Length("\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7"), 5u);
  EXPECT_FALSE(IsCleanUtf8("\xc3"));
  EXPECT_FALSE(IsCleanUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsCleanUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsCleanUtf8(std::string("a\0b", 3)));
}

TEST(IdentifierTest, AcceptsPathsRejectsOthers) {
  EXPECT_TRUE(CheckIdentifier("pasf/dcl/jenin", "id").ok());
  EXPECT_FALSE(CheckIdentifier("Pasf", "id").ok());
  EXPECT_FALSE(CheckIdentifier("a b", "id").ok());
  EXPECT_FALSE(CheckIdentifier("", "id").ok());
}

}  // namespace
}  // namespace liaison

#include "http/message.hpp"

#include <gtest/gtest.h>

namespace liaison {
namespace {

TEST(MessageTest, ParsesQueryAndRejectsBadEscapes) {
  auto q = ParseQuery("a=1&b=x%20y&c=&d=%E2%9C%93&e=a+b");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->at("a"), "1");
  EXPECT_EQ(q->at("b"), "x y");
  EXPECT_EQ(q->at("c"), "");
  EXPECT_EQ(q->at("d"), "\xe2\x9c\x93");
  EXPECT_EQ(q->at("e"), "a b");
  EXPECT_FALSE(ParseQuery("a=%zz"));
  EXPECT_FALSE(ParseQuery("a=%2"));
}

TEST(MessageTest, FindsCookieAmongOthers) {
  HttpRequest r;
  r.headers["cookie"] = "theme=dark; liaison_session=abc.def ;x=1";
  EXPECT_EQ(r.Cookie("liaison_session"), "abc.def");
  EXPECT_EQ(r.Cookie("x"), "1");
  EXPECT_FALSE(r.Cookie("missing"));
}

}  // namespace
}  // namespace liaison

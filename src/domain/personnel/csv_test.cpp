#include "domain/personnel/csv.hpp"

#include <gtest/gtest.h>

#include "domain/personnel/dates.hpp"

namespace liaison::personnel {
namespace {

using Outcome = CsvReader::Outcome;
using Fields = std::vector<std::string>;

// Every record of `text`; a malformed one reads as {"!", <its error>}.
std::vector<Fields> ReadAll(std::string_view text, std::vector<std::int64_t>* lines = nullptr) {
  CsvReader reader(text);
  std::vector<Fields> out;
  Fields fields;
  for (;;) {
    const Outcome o = reader.Next(fields);
    if (o == Outcome::kEnd) return out;
    if (lines) lines->push_back(reader.record_line());
    out.push_back(o == Outcome::kRecord ? fields : Fields{"!", reader.error()});
  }
}

TEST(CsvReaderTest, PlainRecordsWithEveryLineEnd) {
  EXPECT_EQ(ReadAll("a,b\r\nc,d\r\n"), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(ReadAll("a,b\nc,d\n"), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(ReadAll("a,b\rc,d"), (std::vector<Fields>{{"a", "b"}, {"c", "d"}}));
  EXPECT_EQ(ReadAll("a,b"), (std::vector<Fields>{{"a", "b"}}));  // no final line end
  EXPECT_TRUE(ReadAll("").empty());
}

TEST(CsvReaderTest, EmptyFieldsAndEmptyLines) {
  EXPECT_EQ(ReadAll("a,,c\n,\n\nx,"),
            (std::vector<Fields>{{"a", "", "c"}, {"", ""}, {""}, {"x", ""}}));
}

TEST(CsvReaderTest, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  EXPECT_EQ(ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nnext\r\n"),
            (std::vector<Fields>{{"a,b", "say \"hi\"", "two\r\nlines"}, {"next"}}));
  EXPECT_EQ(ReadAll("\"\",\"\"\"\""), (std::vector<Fields>{{"", "\""}}));
}

TEST(CsvReaderTest, ByteOrderMarkIsSkippedOnlyAtTheStart) {
  const std::string text = std::string(kUtf8Bom) + "name_ar\r\n\"محمد\"\r\n";
  EXPECT_EQ(ReadAll(text), (std::vector<Fields>{{"name_ar"}, {"محمد"}}));
  const std::string inner = "a\n" + std::string(kUtf8Bom) + "b\n";
  EXPECT_EQ(ReadAll(inner)[1], (Fields{std::string(kUtf8Bom) + "b"}));
}

TEST(CsvReaderTest, ArabicBytesPassThroughUnchanged) {
  const std::string name = "عبد الرحمن بن عوف، أبو محمد";  // holds an Arabic comma
  EXPECT_EQ(ReadAll("\"" + name + "\"," + name)[0], (Fields{name, name}));
}

TEST(CsvReaderTest, LinesCountPhysicalLinesIncludingThoseInsideQuotes) {
  std::vector<std::int64_t> lines;
  ReadAll("h\r\n\"one\r\ntwo\nthree\"\r\nnext\r\n\r\nlast", &lines);
  EXPECT_EQ(lines, (std::vector<std::int64_t>{1, 2, 5, 6, 7}));
}

TEST(CsvReaderTest, MalformedRecordsAreReportedAndReadingResumes) {
  auto out = ReadAll("ok\nab\"c,d\nfine\n\"x\"y\nlast\n");
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], Fields{"ok"});
  EXPECT_EQ(out[1][0], "!");
  EXPECT_NE(out[1][1].find("quote inside an unquoted field"), std::string::npos);
  EXPECT_EQ(out[2], Fields{"fine"});
  EXPECT_EQ(out[3][0], "!");
  EXPECT_NE(out[3][1].find("closing quote"), std::string::npos);
  EXPECT_EQ(out[4], Fields{"last"});
}

TEST(CsvReaderTest, AnUnclosedQuoteEndsTheFile) {
  std::vector<std::int64_t> lines;
  auto out = ReadAll("a\n\"open,\nmore\nlines", &lines);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1][0], "!");
  EXPECT_NE(out[1][1].find("line 2 is not closed"), std::string::npos);
  EXPECT_EQ(lines[1], 2);
}

TEST(CsvWriterTest, QuotesOnlyWhenNeededAndReadsBack) {
  std::string out;
  const std::string_view fields[] = {"plain", "a,b", "say \"hi\"", "two\nlines", "", "محمد"};
  AppendCsvRecord(out, fields);
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,محمد\r\n");
  EXPECT_EQ(ReadAll(out)[0], (Fields{"plain", "a,b", "say \"hi\"", "two\nlines", "", "محمد"}));
}

TEST(CsvWriterTest, FormulasAreNeutralisedAndRestored) {
  for (std::string_view v : {"=1+1", "+972", "-x", "@SUM(A1)", "\tx", "\rx"}) {
    const std::string safe = NeutraliseFormula(v);
    EXPECT_EQ(safe, "'" + std::string(v));
    EXPECT_EQ(RestoreFormula(safe), v);
  }
  for (std::string_view v : {"plain", "'quoted", "", "'", "a=b"}) {
    EXPECT_EQ(NeutraliseFormula(v), v);
    EXPECT_EQ(RestoreFormula(v), v);
  }
}

TEST(DatesTest, OnlyRealDaysInTheExactFormat) {
  EXPECT_EQ(ParseDate("1970-01-01"), 0);
  EXPECT_EQ(ParseDate("1970-01-02"), 1);
  EXPECT_EQ(ParseDate("1969-12-31"), -1);
  EXPECT_TRUE(ParseDate("2024-02-29"));
  EXPECT_FALSE(ParseDate("2023-02-29"));
  EXPECT_FALSE(ParseDate("2026-13-01"));
  EXPECT_FALSE(ParseDate("2026-04-31"));
  EXPECT_FALSE(ParseDate("2026-4-1"));
  EXPECT_FALSE(ParseDate("2026/04/01"));
  EXPECT_FALSE(ParseDate(" 2026-04-01"));
  EXPECT_FALSE(ParseDate("1899-12-31"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_EQ(FormatDate(*ParseDate("2000-02-29")), "2000-02-29");
  EXPECT_EQ(DateOf(0), "1970-01-01");
  EXPECT_EQ(DateOf(-1), "1969-12-31");
  EXPECT_EQ(DateOf(Micros{86'400} * kMicrosPerSecond * 365), "1971-01-01");
}

}  // namespace
}  // namespace liaison::personnel

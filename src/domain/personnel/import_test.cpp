#include "domain/personnel/import.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/personnel/csv.hpp"
#include "domain/personnel/personnel.hpp"

namespace liaison::personnel {
namespace {

constexpr std::string_view kToday = "2026-05-01";
constexpr std::string_view kHeader =
    "service_number,name_ar,name_en,sex,birth_date,joined_on,service,unit,post,rank,status,"
    "education,notes\r\n";

class FakeRegistry : public RegistryView {
 public:
  FakeRegistry() {
    units_["NSF"] = {"NSF", ""};
    units_["NSF-PS0101"] = {"NSF", "PS0101"};
    units_["CP-PS0115"] = {"CP", "PS0115"};
    taken_.insert("NSF-000001");
  }
  const UnitInfo* FindUnit(std::string_view id) override {
    auto it = units_.find(std::string(id));
    return it == units_.end() ? nullptr : &it->second;
  }
  bool ServiceNumberTaken(std::string_view n) override {
    ++lookups;
    return taken_.count(std::string(n)) > 0;
  }
  int lookups = 0;

 private:
  std::map<std::string, UnitInfo> units_;
  std::set<std::string> taken_;
};

const Reference& Ref() {
  static const std::shared_ptr<const Reference> ref = [] {
    auto r = LoadReference(LIAISON_SOURCE_DIR "/data");
    EXPECT_TRUE(r.ok());
    return *r;
  }();
  return *ref;
}

std::string Row(std::string_view number, std::string_view extra = "") {
  std::string out = std::string(number) +
                    ",\"محمد أحمد\",Mohammad Ahmad,m,1990-03-14,2012-07-01,NSF,NSF-PS0101,,SGT,"
                    "active,,";
  out += extra;
  return out + "\r\n";
}

ImportCheck Check(std::string_view csv) {
  FakeRegistry registry;
  return CheckImport(csv, Ref(), registry, {std::string(kToday), 1000});
}

// (row, column, code) of every issue.
std::vector<std::tuple<std::int64_t, std::string, std::string>> Issues(const ImportCheck& c) {
  std::vector<std::tuple<std::int64_t, std::string, std::string>> out;
  for (const auto& i : c.errors) out.emplace_back(i.row, i.column, i.code);
  return out;
}

using Issue = std::tuple<std::int64_t, std::string, std::string>;

TEST(PersonnelReferenceTest, TheShippedReferenceHoldsTheServicesAndRanks) {
  const Reference& ref = Ref();
  EXPECT_EQ(ref.currency, "ILS");
  for (std::string_view code : {"NSF", "CP", "PSS", "GIS", "PG", "CD", "MI", "MLO", "MMS"}) {
    EXPECT_NE(ref.FindService(code), nullptr) << code;
  }
  ASSERT_EQ(ref.ranks.size(), 15u);
  EXPECT_EQ(ref.ranks.front().code, "PVT");
  EXPECT_EQ(ref.ranks.back().code, "LTG");
  for (size_t i = 1; i < ref.ranks.size(); ++i) {
    EXPECT_LT(ref.ranks[i - 1].grade, ref.ranks[i].grade);
    EXPECT_LE(ref.ranks[i - 1].monthly_pay, ref.ranks[i].monthly_pay);
  }
  EXPECT_EQ(ref.FindRank("CPT")->band, "officer");
  EXPECT_EQ(ref.FindRank("WO")->band, "nco");
  EXPECT_EQ(ref.FindRank("CPL")->band, "enlisted");
  EXPECT_TRUE(LooksArabic(ref.FindRank("CPT")->title_ar));
}

TEST(ImportCheckTest, ACleanFileWithABomAndColumnsInAnyOrder) {
  const std::string csv = std::string(kUtf8Bom) +
                          "id,rank,unit,service,joined_on,birth_date,name_en,name_ar,"
                          "service_number\n"
                          "PER-0000009,CPT,NSF-PS0101,NSF,2001-01-01,1980-05-05,Samir Odeh,"
                          "سمير عودة,NSF-1\n"
                          "\n"
                          ",PVT,NSF,NSF,2020-01-01,2000-01-01,Lina Saleh,لينا صالح,NSF-2\n";
  const ImportCheck c = Check(csv);
  EXPECT_EQ(c.error_count, 0) << c.errors.front().message;
  EXPECT_EQ(c.rows, 2);
  EXPECT_EQ(c.valid_rows, 2);
  ASSERT_EQ(c.persons.size(), 2u);
  EXPECT_EQ(c.persons[0].name_ar, "سمير عودة");
  EXPECT_EQ(c.persons[0].rank, "CPT");
  EXPECT_EQ(c.persons[1].unit, "NSF");
}

TEST(ImportCheckTest, EachCodeAtItsRowAndColumn) {
  std::string csv(kHeader);
  csv += Row("NSF-10");                                                         // row 1: clean
  csv += ",\"محمد\",M,x,1990-02-30,2031-01-01,XX,NSF-PS0101,,GEN,gone,,\r\n";   // row 2
  csv += "NSF-10,Mohammad,M,,1990-01-01,2010-01-01,CP,NSF-PS0101,,SGT,,,\r\n";  // row 3
  csv += "NSF-000001,\"محمد\",M,,1990-01-01,2012-01-01,NSF,NOPE,,SGT,,,\r\n";   // row 4
  csv += Row("NSF-11", "\"" + std::string(4001, 'x') + "\"");                   // row 5
  const ImportCheck c = Check(csv);
  EXPECT_EQ(c.rows, 5);
  EXPECT_EQ(c.valid_rows, 1);
  const std::vector<Issue> expected = {
      {2, "service_number", "required"},
      {2, "sex", "invalid_value"},
      {2, "birth_date", "invalid_date"},
      {2, "joined_on", "invalid_date"},
      {2, "service", "unknown_service"},
      {2, "rank", "unknown_rank"},
      {2, "status", "invalid_status"},
      {3, "name_ar", "not_arabic"},
      {3, "unit", "unit_service_mismatch"},
      {3, "service_number", "duplicate_in_file"},
      {4, "service_number", "duplicate_in_registry"},
      {4, "unit", "unknown_unit"},
      {5, "notes", "too_long"},
  };
  EXPECT_EQ(Issues(c), expected);
  EXPECT_EQ(c.error_count, static_cast<std::int64_t>(expected.size()));
  // Lines: the header is line 1.
  EXPECT_EQ(c.errors.front().line, 3);
  EXPECT_EQ(c.errors.back().line, 6);
}

TEST(ImportCheckTest, JoiningBeforeSixteenAndTheLineOfAMultiLineRow) {
  std::string csv(kHeader);
  csv += Row("NSF-20", "\"first line\nsecond line\"");                    // lines 2-3
  csv += "NSF-21,\"محمد\",M,,2000-06-01,2016-05-31,NSF,NSF,,PVT,,,\r\n";  // line 4
  const ImportCheck c = Check(csv);
  EXPECT_EQ(Issues(c), (std::vector<Issue>{{2, "joined_on", "invalid_date"}}));
  EXPECT_EQ(c.errors[0].line, 4);
  EXPECT_EQ(c.persons[0].notes, "first line\nsecond line");
}

TEST(ImportCheckTest, TheHeaderIsCheckedFirst) {
  const ImportCheck c = Check("service_number,name_ar,colour,name_ar\r\n" + Row("NSF-30"));
  EXPECT_EQ(Issues(c), (std::vector<Issue>{{0, "colour", "unknown_column"},
                                           {0, "name_ar", "duplicate_column"},
                                           {0, "name_en", "missing_column"},
                                           {0, "birth_date", "missing_column"},
                                           {0, "joined_on", "missing_column"},
                                           {0, "service", "missing_column"},
                                           {0, "unit", "missing_column"},
                                           {0, "rank", "missing_column"}}));
  EXPECT_EQ(c.rows, 1);
  EXPECT_EQ(c.valid_rows, 0);
  EXPECT_EQ(c.errors[0].line, 1);
}

TEST(ImportCheckTest, MalformedRowsAndWrongFieldCounts) {
  std::string csv(kHeader);
  csv += "NSF-40,a\"b\r\n";
  csv += "NSF-41,too,few\r\n";
  csv += Row("NSF-42");
  const ImportCheck c = Check(csv);
  EXPECT_EQ(Issues(c), (std::vector<Issue>{{1, "", "malformed_csv"}, {2, "", "malformed_csv"}}));
  EXPECT_EQ(c.rows, 3);
  EXPECT_EQ(c.valid_rows, 1);
  EXPECT_EQ(Issues(Check("")), (std::vector<Issue>{{0, "", "malformed_csv"}}));
}

TEST(ImportCheckTest, InvalidUtf8IsAnEncodingIssue) {
  std::string csv(kHeader);
  csv += "NSF-50,\"\xD9\",Name,,1990-01-01,2012-01-01,NSF,NSF,,PVT,,,\r\n";
  EXPECT_EQ(Issues(Check(csv)), (std::vector<Issue>{{1, "name_ar", "invalid_encoding"}}));
}

TEST(ImportCheckTest, NeutralisedFormulasAndSpacesAroundCodesAreUndone) {
  std::string csv(kHeader);
  csv +=
      " NSF-60 ,\"محمد\",'=HYPERLINK(x),,1990-01-01,2012-01-01, NSF ,NSF,,PVT , active,,'-note\r\n";
  const ImportCheck c = Check(csv);
  ASSERT_EQ(c.error_count, 0) << c.errors.front().message;
  EXPECT_EQ(c.persons[0].service_number, "NSF-60");
  EXPECT_EQ(c.persons[0].name_en, "=HYPERLINK(x)");
  EXPECT_EQ(c.persons[0].notes, "-note");
  EXPECT_EQ(c.persons[0].rank, "PVT");
}

TEST(ImportCheckTest, IssuesBeyondTheLimitAreCountedNotListed) {
  std::string csv(kHeader);
  for (int i = 0; i < 30; ++i) csv += "NSF-x" + std::to_string(i) + ",abc,N,,,,,,,,,,\r\n";
  FakeRegistry registry;
  const ImportCheck c = CheckImport(csv, Ref(), registry, {std::string(kToday), 10});
  EXPECT_EQ(c.errors.size(), 10u);
  EXPECT_TRUE(c.truncated);
  EXPECT_EQ(c.error_count, 30 * 6);  // not_arabic and five required fields per row
}

}  // namespace
}  // namespace liaison::personnel

// Search: the FTS5 expression built from a user's words, the text the index
// holds, and the visibility condition applied inside the search query, which
// must select exactly the messages whose events the principal may see
// (CanSeeEvent: a direct conversation only for its users and the auditors).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "authz/policy.hpp"
#include "domain/messaging/messaging.hpp"
#include "store/store.hpp"

namespace liaison::messaging {
namespace {

TEST(SearchExpressionTest, QuotesEveryTermSoNoOperatorReachesFts) {
  struct Case {
    const char* q;
    const char* expr;
  };
  const Case cases[] = {
      {"convoy delayed", R"("convoy" "delayed")"},
      {R"("stand by" now)", R"("stand by" "now")"},
      {"conv*", R"("conv"*)"},
      {R"("stand b"*)", R"("stand b"*)"},
      {"text:secret OR NOT x", R"("text:secret" "OR" "NOT" "x")"},
      {"NEAR(a b)", R"x("NEAR(a" "b)")x"},
      {R"(unclosed "quote here)", R"("unclosed" "quote here")"},
      {"  اكتملت   الحركة ", R"("اكتملت" "الحركة")"},
      {"سُمح", R"("سمح")"},
  };
  for (const Case& c : cases) {
    auto expr = SearchExpression(c.q);
    ASSERT_TRUE(expr.ok()) << c.q;
    EXPECT_EQ(*expr, c.expr) << c.q;
  }
  for (const char* empty : {"", "   ", R"("")", R"(" " *)", "*"}) {
    auto expr = SearchExpression(empty);
    ASSERT_FALSE(expr.ok()) << empty;
    EXPECT_EQ(expr.error().field, "/q");
  }
}

TEST(SearchTextTest, DropsArabicHarakatAndHebrewPointsOnly) {
  EXPECT_EQ(SearchText("يُفتح معبر"), "يفتح معبر");
  EXPECT_EQ(SearchText("مرحبًا بالحَرَكة"), "مرحبا بالحركة");
  EXPECT_EQ(SearchText("مـــرحبا"), "مرحبا");  // tatweel
  EXPECT_EQ(SearchText("שָׁלוֹם"), "שלום");
  EXPECT_EQ(SearchText("café Za'tara 14:30"), "café Za'tara 14:30");
  EXPECT_EQ(SearchText("אושר מעבר"), "אושר מעבר");
}

// --- Visibility inside the search query ----------------------------------------------

struct Posted {
  std::string channel;
  std::string owner;
  std::vector<std::string> shared_with;
  std::string actor;
  std::string text;  // empty: a phrase, rendered below
};

Principal Officer(std::string username, std::string party, Role role = Role::kLiaison) {
  Principal p;
  p.username = std::move(username);
  p.party = std::move(party);
  p.roles = RoleSet{role};
  p.is_coordinator = p.party == "ussc";
  return p;
}

class SearchVisibilityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("liaison_search_test_" + std::to_string(::getpid()) + ".db");
    std::filesystem::remove(path_);
    auto store = OpenSqliteStore({.path = path_.string(), .read_connections = 1, .create = true});
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove(path_);
  }

  void Post(const std::vector<Posted>& messages) {
    ASSERT_TRUE(store_
                    ->RunWrite([&](WriteTx& tx) -> Status {
                      for (const Posted& m : messages) {
                        Event e;
                        e.seq = static_cast<std::int64_t>(events_.size()) + 1;
                        e.at = 1'800'000'000'000'000 + e.seq;
                        e.actor = m.actor;
                        e.party = m.owner;
                        e.type = "message.posted";
                        e.subject = "channel/" + m.channel;
                        e.shared_with = m.shared_with;
                        json::object body{{"id", "MSG-2027-" + std::to_string(100000 + e.seq)},
                                          {"year", 2027},
                                          {"number", e.seq},
                                          {"channel_id", m.channel},
                                          {"sender_party", m.actor.substr(0, m.actor.find('.'))},
                                          {"priority", "routine"}};
                        if (m.text.empty()) {
                          body["phrase"] = "movement_completed";
                          body["params"] = json::object{{"unit", "DCL Nablus"}};
                          body["rendered"] =
                              json::object{{"en", "Movement completed (DCL Nablus)."},
                                           {"ar", "اكتملت الحركة (DCL Nablus)."},
                                           {"he", "התנועה הושלמה (DCL Nablus)."}};
                        } else {
                          body["text"] = m.text;
                        }
                        LIAISON_TRY(Apply(tx, e, body));
                        events_.push_back(std::move(e));
                      }
                      return OkStatus();
                    })
                    .ok());
  }

  std::set<std::int64_t> Search(const Principal& p, const std::string& q) {
    std::set<std::int64_t> seqs;
    EXPECT_TRUE(store_
                    ->RunRead([&](Tx& tx) -> Status {
                      SearchQuery sq;
                      sq.q = q;
                      sq.limit = 200;
                      auto r = SearchMessages(tx, p, sq, Lang::kEn, Settings{});
                      if (!r) return std::move(r).error();
                      for (const auto& item : r->at("items").as_array()) {
                        seqs.insert(item.at("seq").as_int64());
                        EXPECT_NE(item.at("snippet").as_string().find("**"), json::string::npos);
                      }
                      return OkStatus();
                    })
                    .ok());
    return seqs;
  }

  std::filesystem::path path_;
  std::unique_ptr<Store> store_;
  std::vector<Event> events_;
};

TEST_F(SearchVisibilityTest, FindsExactlyWhatThePrincipalMaySee) {
  Post({
      {"desk:PS0101", "ussc", {"isf", "pasf"}, "isf.jenin", "marker at the desk"},
      {"coordinator", "ussc", {}, "ussc.duty", "marker for coordinator staff"},
      {"dm:isf.jenin:pasf.jenin", "isf", {"pasf"}, "isf.jenin", "marker direct across"},
      {"dm:isf.jenin:isf.tubas", "isf", {}, "isf.tubas", "marker direct within"},
      {"incident:INC-2027-000001", "pasf", {"ussc"}, "pasf.jenin", "marker in a crisis room"},
      {"desk:PS0115", "ussc", {"isf", "pasf"}, "pasf.nablus", ""},
  });
  const Principal principals[] = {
      Officer("isf.jenin", "isf"),
      Officer("isf.tubas", "isf"),
      Officer("pasf.jenin", "pasf"),
      Officer("pasf.nablus", "pasf", Role::kDuty),
      Officer("ussc.duty", "ussc"),
      Officer("isf.auditor", "isf", Role::kAuditor),
      Officer("ussc.auditor", "ussc", Role::kAuditor),
      Officer("eubam.duty", "eubam"),
  };
  for (const Principal& p : principals) {
    std::set<std::int64_t> expected;
    for (const Event& e : events_) {
      if (e.seq == 6) continue;  // the phrase has no "marker"
      if (CanSeeEvent(p, e)) expected.insert(e.seq);
    }
    EXPECT_EQ(Search(p, "marker"), expected) << p.username;
  }
  // The cases that matter, spelled out.
  EXPECT_EQ(Search(Officer("isf.tubas", "isf"), "marker"), (std::set<std::int64_t>{1, 4}));
  EXPECT_EQ(Search(Officer("pasf.jenin", "pasf"), "marker"), (std::set<std::int64_t>{1, 3, 5}));
  EXPECT_EQ(Search(Officer("isf.auditor", "isf", Role::kAuditor), "marker"),
            (std::set<std::int64_t>{1, 3, 4}));
  EXPECT_EQ(Search(Officer("ussc.auditor", "ussc", Role::kAuditor), "marker"),
            (std::set<std::int64_t>{1, 2, 5}));
  EXPECT_TRUE(Search(Officer("eubam.duty", "eubam"), "marker").empty());
}

TEST_F(SearchVisibilityTest, APhraseIsFoundInEachLanguageAndAnEditReplacesTheIndexedText) {
  Post({{"desk:PS0115", "ussc", {"isf", "pasf"}, "pasf.nablus", ""},
        {"desk:PS0115", "ussc", {"isf", "pasf"}, "isf.nablus", "convoy delayed at Zatara"}});
  const Principal reader = Officer("isf.nablus", "isf");
  EXPECT_EQ(Search(reader, "اكتملت"), (std::set<std::int64_t>{1}));
  EXPECT_EQ(Search(reader, "הושלמה"), (std::set<std::int64_t>{1}));
  EXPECT_EQ(Search(reader, "\"movement completed\""), (std::set<std::int64_t>{1}));
  EXPECT_EQ(Search(reader, "zat*"), (std::set<std::int64_t>{2}));

  ASSERT_TRUE(store_
                  ->RunWrite([&](WriteTx& tx) -> Status {
                    Event e = events_[1];
                    e.seq = 3;
                    e.type = "message.edited";
                    return Apply(tx, e,
                                 json::object{{"id", "MSG-2027-100002"},
                                              {"text", "convoy delayed at Huwwara"},
                                              {"previous", "convoy delayed at Zatara"}});
                  })
                  .ok());
  EXPECT_TRUE(Search(reader, "zatara").empty());
  EXPECT_EQ(Search(reader, "huwwara"), (std::set<std::int64_t>{2}));
}

}  // namespace
}  // namespace liaison::messaging

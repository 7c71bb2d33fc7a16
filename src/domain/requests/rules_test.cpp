#include "domain/requests/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "geo/geojson.hpp"

namespace liaison::requests {
namespace {

using Strings = std::vector<std::string>;

std::string ReadDataFile(const std::string& name) {
  std::ifstream in(std::string(LIAISON_SOURCE_DIR) + "/data/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const RuleSet& ShippedRules() {
  static const RuleSet* rules = [] {
    auto parsed = ParseRules(ReadDataFile("coordination_rules.json"));
    if (!parsed) {
      ADD_FAILURE() << "data/coordination_rules.json: " << parsed.error().field << ": "
                    << parsed.error().message;
      return new RuleSet();
    }
    return new RuleSet(std::move(*parsed));
  }();
  return *rules;
}

RuleInput Input(std::string from, std::string to, std::string type, bool armed, Strings areas,
                bool outside = false) {
  return RuleInput{std::move(from), std::move(to),    std::move(type),
                   armed,           std::move(areas), outside};
}

// What a test expects of one Coordination.
struct Expected {
  std::string party;
  Requirement requirement;
  Strings rules;
  Strings areas;
};

std::string Describe(const std::vector<Coordination>& cs) {
  std::string out;
  for (const Coordination& c : cs) {
    out += c.party + ":" + std::string(RequirementName(c.requirement)) + "[";
    for (const std::string& r : c.rules) out += r + " ";
    out += "|";
    for (const std::string& a : c.areas) out += " " + a;
    out += "] ";
  }
  return out.empty() ? "(none)" : out;
}

TEST(ShippedRulesTest, ScenarioTable) {
  struct Case {
    const char* name;
    RuleInput in;
    std::vector<Expected> expected;
  };
  using R = Requirement;
  const Case cases[] = {
      // Palestinian security forces, armed.
      {"armed pasf convoy through A, B and C",
       Input("pasf", "isf", "movement", true, {"A", "B", "C"}),
       {{"isf", R::kApproval, {"pasf-armed-b-c"}, {"B", "C"}}}},
      {"armed pasf movement inside A only", Input("pasf", "isf", "movement", true, {"A"}), {}},
      {"armed pasf movement inside H1 only", Input("pasf", "isf", "movement", true, {"H1"}), {}},
      {"armed pasf activity in H2",
       Input("pasf", "isf", "activity", true, {"H1", "H2"}),
       {{"isf", R::kApproval, {"pasf-armed-b-c"}, {"H2"}}}},
      {"armed pasf medical escort through no man's land",
       Input("pasf", "isf", "medical", true, {"A", "NML"}),
       {{"isf", R::kApproval, {"pasf-armed-b-c"}, {"NML"}}}},
      {"armed pasf movement into East Jerusalem, addressed to the coordinator",
       Input("pasf", "ussc", "movement", true, {"EJ"}),
       {{"isf", R::kApproval, {"pasf-armed-b-c"}, {"EJ"}}}},
      {"armed pasf joint activity in B: two approval rules merge",
       Input("pasf", "isf", "joint", true, {"B"}),
       {{"isf", R::kApproval, {"joint-approval", "pasf-armed-b-c"}, {"B"}}}},
      {"armed pasf joint activity via the coordinator: two parties, sorted",
       Input("pasf", "ussc", "joint", true, {"C"}),
       {{"isf", R::kApproval, {"pasf-armed-b-c"}, {"C"}},
        {"ussc", R::kApproval, {"joint-approval"}, {}}}},
      // Palestinian security forces, unarmed.
      {"unarmed pasf movement in B",
       Input("pasf", "isf", "movement", false, {"A", "B"}),
       {{"isf", R::kNotification, {"pasf-unarmed-b"}, {"B"}}}},
      {"unarmed pasf activity in C",
       Input("pasf", "isf", "activity", false, {"C"}),
       {{"isf", R::kApproval, {"pasf-unarmed-c-h2-ej"}, {"C"}}}},
      {"unarmed pasf movement in B and C: approval beats notification",
       Input("pasf", "isf", "movement", false, {"B", "C"}),
       {{"isf", R::kApproval, {"pasf-unarmed-c-h2-ej"}, {"C"}}}},
      {"unarmed pasf movement in B, H2 and EJ",
       Input("pasf", "isf", "movement", false, {"B", "EJ", "H2"}),
       {{"isf", R::kApproval, {"pasf-unarmed-c-h2-ej"}, {"EJ", "H2"}}}},
      {"unarmed pasf movement in no man's land is not listed",
       Input("pasf", "isf", "movement", false, {"NML"}),
       {}},
      {"unarmed pasf ambulance through C and H2",
       Input("pasf", "isf", "medical", false, {"A", "C", "H2"}),
       {{"isf", R::kApproval, {"pasf-medical-c-h2-ej"}, {"C", "H2"}}}},
      {"unarmed pasf ambulance inside A and B",
       Input("pasf", "isf", "medical", false, {"A", "B"}),
       {}},
      {"pasf information request in C", Input("pasf", "isf", "information", true, {"C"}), {}},
      // Israeli security forces.
      {"isf activity in A (the issue's example)",
       Input("isf", "pasf", "activity", true, {"A"}),
       {{"pasf", R::kNotification, {"isf-a-h1"}, {"A"}}}},
      {"isf movement through A, B and C",
       Input("isf", "pasf", "movement", true, {"A", "B", "C"}),
       {{"pasf", R::kNotification, {"isf-a-h1", "isf-movement-b"}, {"A", "B"}}}},
      {"isf activity in H1 addressed to the coordinator",
       Input("isf", "ussc", "activity", false, {"H1"}),
       {{"pasf", R::kNotification, {"isf-a-h1"}, {"H1"}}}},
      {"isf activity in B is not listed", Input("isf", "pasf", "activity", true, {"B"}), {}},
      {"isf movement in C only", Input("isf", "pasf", "movement", true, {"C", "EJ"}), {}},
      // Medical transfers leaving the West Bank: approval by the receiving party.
      {"pasf medical transfer to Israel",
       Input("pasf", "isf", "medical", false, {"A", "C"}, true),
       {{"isf", R::kApproval, {"medical-outside", "pasf-medical-c-h2-ej"}, {"C", "outside"}}}},
      {"isf medical transfer out, to pasf",
       Input("isf", "pasf", "medical", false, {"C"}, true),
       {{"pasf", R::kApproval, {"medical-outside"}, {"outside"}}}},
      {"armed pasf medical transfer out: one party, both rules",
       Input("pasf", "isf", "medical", true, {"B"}, true),
       {{"isf", R::kApproval, {"medical-outside", "pasf-armed-b-c"}, {"B", "outside"}}}},
      {"medical transfer out to oneself is dropped",
       Input("isf", "isf", "medical", false, {}, true),
       {}},
      {"outside matters only for medical", Input("pasf", "isf", "movement", false, {}, true), {}},
      // Joint activities and notifications: the receiving party.
      {"isf joint activity with pasf in A",
       Input("isf", "pasf", "joint", false, {"A"}),
       {{"pasf", R::kApproval, {"joint-approval"}, {}}}},
      {"joint activity addressed to oneself is dropped",
       Input("pasf", "pasf", "joint", false, {"A"}),
       {}},
      {"a notification to pasf",
       Input("isf", "pasf", "notification", true, {"A", "C"}),
       {{"pasf", R::kNotification, {"notification-ack"}, {}}}},
      {"a notification from the coordinator",
       Input("ussc", "isf", "notification", false, {}),
       {{"isf", R::kNotification, {"notification-ack"}, {}}}},
      {"an armed pasf notification in C: only an acknowledgement",
       Input("pasf", "ussc", "notification", true, {"C"}),
       {{"ussc", R::kNotification, {"notification-ack"}, {}}}},
      {"a notification without a receiving party", Input("isf", "", "notification", false, {}), {}},
      {"another party moving in C", Input("eubam", "isf", "movement", true, {"C"}), {}},
  };
  ASSERT_FALSE(ShippedRules().rules.empty());
  for (const Case& c : cases) {
    const std::vector<Coordination> got = Evaluate(ShippedRules(), c.in);
    ASSERT_EQ(got.size(), c.expected.size()) << c.name << ": " << Describe(got);
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].party, c.expected[i].party) << c.name;
      EXPECT_EQ(got[i].requirement, c.expected[i].requirement) << c.name;
      EXPECT_EQ(got[i].rules, c.expected[i].rules) << c.name;
      EXPECT_EQ(got[i].areas, c.expected[i].areas) << c.name;
      EXPECT_FALSE(got[i].basis.empty()) << c.name;
    }
  }
}

TEST(ShippedRulesTest, BasisIsTheMergedCitationsOfTheWinningRules) {
  const auto got = Evaluate(ShippedRules(), Input("pasf", "isf", "joint", true, {"B"}));
  ASSERT_EQ(got.size(), 1u);
  std::set<std::string> expected;
  for (const Rule& r : ShippedRules().rules) {
    if (r.id == "pasf-armed-b-c" || r.id == "joint-approval") {
      expected.insert(r.basis.begin(), r.basis.end());
    }
  }
  EXPECT_EQ(got[0].basis, Strings(expected.begin(), expected.end()));
  EXPECT_TRUE(std::find(got[0].basis.begin(), got[0].basis.end(),
                        "Interim Agreement 1995, Annex I, Art. V") != got[0].basis.end());
}

TEST(ShippedRulesTest, EveryRuleIsDocumentedAndNamesKnownAreas) {
  const RuleSet& rules = ShippedRules();
  EXPECT_EQ(rules.version, 1);
  EXPECT_GE(rules.rules.size(), 8u);
  // The codes the shipped Oslo layer yields, and the pseudo-area.
  auto layer = geo::ParseFeatureCollection(ReadDataFile("oslo_areas.geojson"), "oslo_class");
  ASSERT_TRUE(layer.ok()) << layer.error().message;
  std::set<std::string> codes{"outside"};
  for (const geo::Feature& f : *layer) codes.insert(OsloAreaCode(f.key));
  EXPECT_EQ(codes, (std::set<std::string>{"A", "B", "C", "H1", "H2", "EJ", "NML", "outside"}));
  for (const Rule& r : rules.rules) {
    EXPECT_FALSE(r.basis.empty()) << r.id;
    EXPECT_FALSE(r.summary_en.empty()) << r.id;
    EXPECT_NE(r.requirement, Requirement::kNone) << r.id;
    for (const std::string& a : r.areas) EXPECT_TRUE(codes.count(a)) << r.id << ": " << a;
  }
}

// ---------------------------------------------------------------------------
// Evaluate on hand-made rule sets: the semantics independent of the file.

Rule MakeRule(std::string id, Requirement req, std::string party) {
  Rule r;
  r.id = std::move(id);
  r.requirement = req;
  r.party = std::move(party);
  r.basis = {"basis of " + r.id};
  return r;
}

TEST(EvaluateTest, EmptyConditionsMatchAnything) {
  RuleSet set{1, {MakeRule("any", Requirement::kNotification, "ussc")}};
  const auto got = Evaluate(set, Input("isf", "pasf", "other", true, {"A"}, true));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].party, "ussc");
  EXPECT_EQ(got[0].rules, Strings{"any"});
  EXPECT_EQ(got[0].areas, Strings{});  // no area condition, so no area matched
  EXPECT_EQ(got[0].basis, Strings{"basis of any"});
}

TEST(EvaluateTest, StarMatchesAnyRequestingParty) {
  Rule r = MakeRule("star", Requirement::kApproval, "ussc");
  r.from_parties = {"isf", "*"};
  const auto got = Evaluate(RuleSet{1, {r}}, Input("eubam", "isf", "other", false, {}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].party, "ussc");
}

TEST(EvaluateTest, ArmedConditionIsExact) {
  Rule armed = MakeRule("armed", Requirement::kApproval, "isf");
  armed.armed = true;
  Rule unarmed = MakeRule("unarmed", Requirement::kNotification, "isf");
  unarmed.armed = false;
  const RuleSet set{1, {armed, unarmed}};
  EXPECT_EQ(Evaluate(set, Input("pasf", "isf", "x", true, {}))[0].rules, Strings{"armed"});
  EXPECT_EQ(Evaluate(set, Input("pasf", "isf", "x", false, {}))[0].rules, Strings{"unarmed"});
}

TEST(EvaluateTest, StrongestWinsWhateverTheOrder) {
  Rule weak = MakeRule("weak", Requirement::kNotification, "isf");
  Rule strong = MakeRule("strong", Requirement::kApproval, "isf");
  for (const RuleSet& set : {RuleSet{1, {weak, strong}}, RuleSet{1, {strong, weak}}}) {
    const auto got = Evaluate(set, Input("pasf", "isf", "movement", false, {}));
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].requirement, Requirement::kApproval);
    EXPECT_EQ(got[0].rules, Strings{"strong"});
    EXPECT_EQ(got[0].basis, Strings{"basis of strong"});
  }
}

TEST(EvaluateTest, NoneNeverAppearsNorOverrides) {
  Rule none = MakeRule("none", Requirement::kNone, "isf");
  Rule note = MakeRule("note", Requirement::kNotification, "pasf");
  const auto got = Evaluate(RuleSet{1, {none, note}}, Input("ussc", "isf", "other", false, {}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].party, "pasf");
}

TEST(EvaluateTest, ToPartyAndOwnPartyAndSorting) {
  const RuleSet set{1,
                    {MakeRule("to", Requirement::kApproval, "$to"),
                     MakeRule("self", Requirement::kApproval, "pasf"),
                     MakeRule("c", Requirement::kNotification, "ussc"),
                     MakeRule("a", Requirement::kNotification, "eubam")}};
  const auto got = Evaluate(set, Input("pasf", "isf", "other", false, {}));
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0].party, "eubam");
  EXPECT_EQ(got[1].party, "isf");
  EXPECT_EQ(got[1].rules, Strings{"to"});
  EXPECT_EQ(got[2].party, "ussc");
}

TEST(EvaluateTest, AreaConditionIsAnyOf) {
  Rule r = MakeRule("bc", Requirement::kApproval, "isf");
  r.areas = {"B", "C", "outside"};
  const RuleSet set{1, {r}};
  EXPECT_TRUE(Evaluate(set, Input("pasf", "isf", "x", false, {"A"})).empty());
  EXPECT_TRUE(Evaluate(set, Input("pasf", "isf", "x", false, {})).empty());
  EXPECT_EQ(Evaluate(set, Input("pasf", "isf", "x", false, {"C"}))[0].areas, Strings{"C"});
  EXPECT_EQ(Evaluate(set, Input("pasf", "isf", "x", false, {"A"}, true))[0].areas,
            Strings{"outside"});
}

TEST(RequirementTest, NamesAndOrder) {
  EXPECT_EQ(RequirementName(Requirement::kNone), "none");
  EXPECT_EQ(RequirementName(Requirement::kNotification), "notification");
  EXPECT_EQ(RequirementName(Requirement::kApproval), "approval");
  EXPECT_LT(Requirement::kNone, Requirement::kNotification);
  EXPECT_LT(Requirement::kNotification, Requirement::kApproval);
}

TEST(OsloAreaCodeTest, MapsTheLayerClasses) {
  EXPECT_EQ(OsloAreaCode("A"), "A");
  EXPECT_EQ(OsloAreaCode("B"), "B");
  EXPECT_EQ(OsloAreaCode("C"), "C");
  EXPECT_EQ(OsloAreaCode("H1"), "H1");
  EXPECT_EQ(OsloAreaCode("H2"), "H2");
  EXPECT_EQ(OsloAreaCode("Nature Reserve"), "B");
  EXPECT_EQ(OsloAreaCode("Israeli Declared East Jerusalem"), "EJ");
  EXPECT_EQ(OsloAreaCode("No Man's Land"), "NML");
  EXPECT_EQ(OsloAreaCode("Seam Zone"), "Seam Zone");
  EXPECT_EQ(OsloAreaCode(""), "");
}

// ---------------------------------------------------------------------------
// ParseRules.

constexpr const char* kGoodRule = R"({"id": "r0", "requirement": "approval", "party": "isf"})";

std::string Doc(const std::vector<std::string>& rules) {
  std::string out = R"({"version": 1, "rules": [)";
  for (size_t i = 0; i < rules.size(); ++i) out += (i ? ", " : "") + rules[i];
  return out + "]}";
}

TEST(ParseRulesTest, ReadsEveryMember) {
  auto set = ParseRules(Doc({R"({
      "id": "x", "from_parties": ["pasf", "*"], "types": ["movement", "joint"],
      "areas": ["B", "outside"], "armed": false, "requirement": "notification",
      "party": "$to", "basis": ["Annex I, Art. V"], "summary_en": "Say so."})",
                             R"({"id": "y", "armed": null, "requirement": "none",
                                 "party": "ussc"})"}));
  ASSERT_TRUE(set.ok()) << set.error().field << ": " << set.error().message;
  ASSERT_EQ(set->rules.size(), 2u);
  const Rule& x = set->rules[0];
  EXPECT_EQ(x.id, "x");
  EXPECT_EQ(x.from_parties, (Strings{"pasf", "*"}));
  EXPECT_EQ(x.types, (Strings{"movement", "joint"}));
  EXPECT_EQ(x.areas, (Strings{"B", "outside"}));
  EXPECT_EQ(x.armed, std::optional<bool>(false));
  EXPECT_EQ(x.requirement, Requirement::kNotification);
  EXPECT_EQ(x.party, "$to");
  EXPECT_EQ(x.basis, Strings{"Annex I, Art. V"});
  EXPECT_EQ(x.summary_en, "Say so.");
  const Rule& y = set->rules[1];
  EXPECT_FALSE(y.armed.has_value());
  EXPECT_EQ(y.requirement, Requirement::kNone);
  EXPECT_TRUE(y.from_parties.empty() && y.types.empty() && y.areas.empty() && y.basis.empty());
}

TEST(ParseRulesTest, ErrorsNameTheMemberAtFault) {
  struct Case {
    const char* name;
    std::string text;
    std::string field;
  };
  auto with = [](const std::string& members) {
    return Doc({R"({"id": "r0", "requirement": "approval", "party": "isf", )" + members + "}"});
  };
  const Case cases[] = {
      {"not JSON", "{\"version\": 1,", ""},
      {"not an object", "[]", ""},
      {"unknown top-level member", R"({"version": 1, "rules": [], "rulez": []})", "/rulez"},
      {"no version", R"({"rules": []})", "/version"},
      {"version 2", R"({"version": 2, "rules": []})", "/version"},
      {"version as a string", R"({"version": "1", "rules": []})", "/version"},
      {"no rules", R"({"version": 1})", "/rules"},
      {"rules not an array", R"({"version": 1, "rules": {}})", "/rules"},
      {"rule not an object", Doc({kGoodRule, "3"}), "/rules/1"},
      {"unknown rule member", Doc({kGoodRule, R"({"id": "r1", "requirement": "approval",
                                                  "party": "isf", "comment": "x"})"}),
       "/rules/1/comment"},
      {"no id", Doc({R"({"requirement": "approval", "party": "isf"})"}), "/rules/0/id"},
      {"empty id", Doc({R"({"id": "", "requirement": "approval", "party": "isf"})"}),
       "/rules/0/id"},
      {"numeric id", Doc({R"({"id": 7, "requirement": "approval", "party": "isf"})"}),
       "/rules/0/id"},
      {"duplicate id",
       Doc({kGoodRule, R"({"id": "r1", "requirement": "approval", "party": "isf"})", kGoodRule}),
       "/rules/2/id"},
      {"bad requirement name",
       Doc({kGoodRule, R"({"id": "r1", "requirement": "approval", "party": "isf"})",
            R"({"id": "r2", "requirement": "approval", "party": "isf"})",
            R"({"id": "r3", "requirement": "required", "party": "isf"})"}),
       "/rules/3/requirement"},
      {"upper-case requirement",
       Doc({R"({"id": "r0", "requirement": "APPROVAL", "party": "isf"})"}), "/rules/0/requirement"},
      {"no requirement", Doc({R"({"id": "r0", "party": "isf"})"}), "/rules/0/requirement"},
      {"no party", Doc({R"({"id": "r0", "requirement": "approval"})"}), "/rules/0/party"},
      {"empty party", Doc({R"({"id": "r0", "requirement": "approval", "party": ""})"}),
       "/rules/0/party"},
      {"upper-case party", Doc({R"({"id": "r0", "requirement": "approval", "party": "ISF"})"}),
       "/rules/0/party"},
      {"star as the party", Doc({R"({"id": "r0", "requirement": "approval", "party": "*"})"}),
       "/rules/0/party"},
      {"from_parties not an array", with(R"("from_parties": "pasf")"), "/rules/0/from_parties"},
      {"from_parties holding a number", with(R"("from_parties": ["pasf", 2])"),
       "/rules/0/from_parties/1"},
      {"from_parties holding $to", with(R"("from_parties": ["$to"])"), "/rules/0/from_parties/0"},
      {"misspelt type", with(R"("types": ["movment"])"), "/rules/0/types/0"},
      {"unknown area", with(R"("areas": ["A", "D"])"), "/rules/0/areas/1"},
      {"lower-case area", with(R"("areas": ["c"])"), "/rules/0/areas/0"},
      {"armed as a string", with(R"("armed": "yes")"), "/rules/0/armed"},
      {"empty citation", with(R"("basis": [""])"), "/rules/0/basis/0"},
      {"summary not a string", with(R"("summary_en": 5)"), "/rules/0/summary_en"},
  };
  for (const Case& c : cases) {
    auto set = ParseRules(c.text);
    ASSERT_FALSE(set.ok()) << c.name;
    EXPECT_EQ(set.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(set.error().field, c.field) << c.name << ": " << set.error().message;
    EXPECT_FALSE(set.error().message.empty()) << c.name;
  }
}

TEST(ParseRulesTest, EmptyRuleListIsValid) {
  auto set = ParseRules(R"({"version": 1, "rules": []})");
  ASSERT_TRUE(set.ok());
  EXPECT_TRUE(set->rules.empty());
  EXPECT_TRUE(Evaluate(*set, Input("pasf", "isf", "movement", true, {"C"})).empty());
}

}  // namespace
}  // namespace liaison::requests

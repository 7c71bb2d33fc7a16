#include "app/demo.hpp"

#include <thread>

#include "domain/identity/identity.hpp"

namespace liaison {
namespace {

struct Governorate {
  const char* slug;
  const char* pcode;
  const char* en;
  const char* ar;
  const char* he;
};

// The eleven West Bank governorates (OCHA COD-AB P-codes; see data/README.md).
constexpr Governorate kGovernorates[] = {
    {"jenin", "PS0101", "Jenin", "جنين", "ג'נין"},
    {"tubas", "PS0105", "Tubas", "طوباس", "טובאס"},
    {"tulkarm", "PS0110", "Tulkarm", "طولكرم", "טול כרם"},
    {"nablus", "PS0115", "Nablus", "نابلس", "שכם"},
    {"qalqilya", "PS0120", "Qalqilya", "قلقيلية", "קלקיליה"},
    {"salfit", "PS0125", "Salfit", "سلفيت", "סלפית"},
    {"ramallah", "PS0130", "Ramallah and Al-Bireh", "رام الله والبيرة", "רמאללה ואל-בירה"},
    {"jericho", "PS0135", "Jericho and Al-Aghwar", "أريحا والأغوار", "יריחו"},
    {"jerusalem", "PS0140", "Jerusalem", "القدس", "ירושלים"},
    {"bethlehem", "PS0145", "Bethlehem", "بيت لحم", "בית לחם"},
    {"hebron", "PS0150", "Hebron", "الخليل", "חברון"},
};

struct Nation {
  const char* code;
  const char* en;
  const char* ar;
  const char* he;
};

// The coalition's contributing nations, as the coordinator lists them.
constexpr Nation kNations[] = {
    {"BG", "Bulgaria", "بلغاريا", "בולגריה"},
    {"CA", "Canada", "كندا", "קנדה"},
    {"GR", "Greece", "اليونان", "יוון"},
    {"IT", "Italy", "إيطاليا", "איטליה"},
    {"NL", "Netherlands", "هولندا", "הולנד"},
    {"PL", "Poland", "بولندا", "פולין"},
    {"TR", "Türkiye", "تركيا", "טורקיה"},
    {"GB", "United Kingdom", "المملكة المتحدة", "הממלכה המאוחדת"},
    {"US", "United States", "الولايات المتحدة", "ארצות הברית"},
};

// Runs a command as the operator, treating "already exists" as done.
Status Ensure(App& app, CommandFn fn) {
  auto r = app.bus().Execute(SystemPrincipal("cli:demo"), std::move(fn));
  if (!r && r.error().code != ErrorCode::kConflict) return std::move(r).error();
  return OkStatus();
}

json::object Unit(std::string id, std::string parent, std::string kind, std::string en,
                  std::string ar, std::string he, std::string district = {}) {
  json::object o{{"id", id}, {"kind", kind}, {"name_en", en}, {"name_ar", ar}, {"name_he", he}};
  if (!parent.empty()) o["parent"] = parent;
  if (!district.empty()) o["district"] = district;
  return o;
}

}  // namespace

Result<std::vector<DemoAccount>> SeedDemo(App& app, const std::string& password) {
  const json::object parties[] = {
      {{"id", "ussc"},
       {"name_en", "Office of the U.S. Security Coordinator"},
       {"name_ar", "مكتب المنسق الأمني الأمريكي"},
       {"name_he", "משרד מתאם הביטחון האמריקאי"},
       {"is_coordinator", true}},
      {{"id", "isf"},
       {"name_en", "Israeli Security Forces"},
       {"name_ar", "قوات الأمن الإسرائيلية"},
       {"name_he", "כוחות הביטחון הישראליים"}},
      {{"id", "pasf"},
       {"name_en", "Palestinian Authority Security Forces"},
       {"name_ar", "قوى الأمن الفلسطينية"},
       {"name_he", "כוחות הביטחון של הרשות הפלסטינית"}},
  };
  for (const auto& p : parties) {
    LIAISON_TRY(Ensure(app, [p](CommandContext& ctx) { return identity::CreateParty(ctx, p); }));
  }
  for (const Nation& n : kNations) {
    json::object o{{"code", n.code}, {"name_en", n.en}, {"name_ar", n.ar}, {"name_he", n.he}};
    LIAISON_TRY(Ensure(app, [o](CommandContext& ctx) { return identity::AddNation(ctx, o); }));
  }

  std::vector<json::object> units = {
      Unit("ussc", "", "party", "USSC", "المنسق الأمني", "מתאם הביטחון"),
      Unit("ussc/ops", "ussc", "command", "Operations", "العمليات", "מבצעים"),
      Unit("ussc/ops/duty", "ussc/ops", "duty_desk", "Coordinator duty desk",
           "مكتب المناوبة للمنسق", "דסק תורנות המתאם"),
      Unit("ussc/hq", "ussc", "office", "Headquarters", "القيادة", "מטה"),
      Unit("isf", "", "party", "ISF", "قوات الأمن الإسرائيلية", "כוחות הביטחון"),
      Unit("isf/dco", "isf", "command", "District Coordination Offices", "مكاتب التنسيق اللوائية",
           "מנהלות התיאום והקישור"),
      Unit("isf/hq", "isf", "office", "Headquarters", "القيادة", "מטה"),
      Unit("pasf", "", "party", "PASF", "قوى الأمن الفلسطينية", "כוחות הביטחון הפלסטיניים"),
      Unit("pasf/dcl", "pasf", "command", "District Coordination and Liaison",
           "الارتباط العسكري والتنسيق اللوائي", "התיאום והקישור הפלסטיני"),
      Unit("pasf/hq", "pasf", "office", "Headquarters", "القيادة", "מטה"),
  };
  for (const Governorate& g : kGovernorates) {
    units.push_back(Unit(std::string("isf/dco/") + g.slug, "isf/dco", "liaison",
                         std::string("DCO ") + g.en, std::string("مكتب التنسيق ") + g.ar,
                         std::string("מת\"ק ") + g.he, g.pcode));
    units.push_back(Unit(std::string("pasf/dcl/") + g.slug, "pasf/dcl", "liaison",
                         std::string("DCL ") + g.en, std::string("الارتباط ") + g.ar,
                         std::string("קישור פלסטיני ") + g.he, g.pcode));
  }
  for (const auto& u : units) {
    LIAISON_TRY(Ensure(app, [u](CommandContext& ctx) { return identity::CreateUnit(ctx, u); }));
  }

  std::vector<DemoAccount> accounts;
  for (const Governorate& g : kGovernorates) {
    accounts.push_back(
        {std::string("isf.") + g.slug, "isf", std::string("isf/dco/") + g.slug, "liaison,duty"});
    accounts.push_back(
        {std::string("pasf.") + g.slug, "pasf", std::string("pasf/dcl/") + g.slug, "liaison,duty"});
  }
  accounts.push_back({"ussc.duty", "ussc", "ussc/ops/duty", "duty,liaison"});
  accounts.push_back({"ussc.duty2", "ussc", "ussc/ops/duty", "duty,liaison"});
  accounts.push_back({"ussc.commander", "ussc", "ussc/ops", "commander,duty"});
  accounts.push_back({"isf.commander", "isf", "isf/dco", "commander"});
  accounts.push_back({"pasf.commander", "pasf", "pasf/dcl", "commander"});
  for (const char* party : {"isf", "pasf", "ussc"}) {
    accounts.push_back({std::string(party) + ".admin", party, std::string(party) + "/hq", "admin"});
    accounts.push_back(
        {std::string(party) + ".auditor", party, std::string(party) + "/hq", "auditor"});
    accounts.push_back(
        {std::string(party) + ".analyst", party, std::string(party) + "/hq", "analyst"});
  }

  // Accounts that exist keep their password; only new ones are hashed.
  std::vector<size_t> missing;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    for (size_t i = 0; i < accounts.size(); ++i) {
      auto u = identity::FindUser(tx, accounts[i].username);
      if (!u) return std::move(u).error();
      if (u->has_value()) {
        accounts[i].existed = true;
      } else {
        missing.push_back(i);
      }
    }
    return OkStatus();
  }));

  // Hash on all cores: Argon2id is deliberately slow.
  std::vector<std::string> hashes(accounts.size());
  std::vector<std::thread> threads;
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned t = 0; t < n; ++t) {
    threads.emplace_back([&] {
      for (size_t k = next++; k < missing.size(); k = next++) {
        auto h = HashPassword(password, app.auth().hash_params());
        if (!h) {
          failed = true;
          return;
        }
        hashes[missing[k]] = std::move(*h);
      }
    });
  }
  for (auto& t : threads) t.join();
  if (failed) return Error::Internal("password hashing failed");

  for (size_t i : missing) {
    const DemoAccount& a = accounts[i];
    json::array roles;
    for (const auto& r : SplitShares(a.roles)) roles.emplace_back(r);
    json::object in{{"username", a.username}, {"unit", a.unit}, {"roles", roles}};
    const std::string hash = hashes[i];
    LIAISON_TRY(Ensure(
        app, [in, hash](CommandContext& ctx) { return identity::CreateUser(ctx, in, hash); }));
  }
  return accounts;
}

}  // namespace liaison

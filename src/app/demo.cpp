#include "app/demo.hpp"

#include <thread>

#include "core/time.hpp"
#include "domain/identity/identity.hpp"
#include "domain/incidents/incidents.hpp"
#include "domain/messaging/messaging.hpp"
#include "domain/requests/requests.hpp"
#include "domain/returns/returns.hpp"

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
  // The personnel, vetting and training programmes.
  accounts.push_back({"pasf.hr", "pasf", "pasf/hq", "hr"});
  accounts.push_back({"ussc.hr", "ussc", "ussc/hq", "hr"});
  accounts.push_back({"ussc.vetting", "ussc", "ussc/hq", "vetting"});
  accounts.push_back({"ussc.trainer", "ussc", "ussc/hq", "trainer"});
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

namespace liaison {
namespace {

struct SampleStep {
  const char* actor;  // demo username
  requests::Op op;
  const char* body;  // JSON
};

struct Sample {
  const char* requester;
  const char* request;  // JSON, with {start} and {end} replaced by the window
  int start_hours;      // window start, from now
  int length_hours;
  std::vector<SampleStep> steps;
};

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

Result<Principal> DemoPrincipal(App& app, const std::string& username) {
  Principal p;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto u = identity::FindUser(tx, username);
    if (!u) return std::move(u).error();
    if (!u->has_value()) return Error::NotFound("no demo account " + username);
    auto principal = identity::PrincipalFor(tx, **u);
    if (!principal) return std::move(principal).error();
    p = std::move(*principal);
    return OkStatus();
  }));
  return p;
}

Result<int> SeedSampleRequests(App& app) {
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM requests LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  using requests::Op;
  const std::vector<Sample> samples = {
      {"pasf.jenin",
       R"({"type":"movement","to_party":"isf","precedence":"PRIORITY",
           "title":"Armed patrol Jenin to Qabatiya","details":"Two vehicles, returning the same day.",
           "footprint":{"geometry":{"type":"LineString","coordinates":[[35.300,32.461],[35.290,32.430],[35.281,32.409]]},
                        "buffer_m":150,"start":"{start}","end":"{end}"},
           "movement":{"personnel":8,"vehicles":[{"plate":"PA-1024","description":"jeep"},{"plate":"PA-1031"}],
                       "weapons":[{"kind":"rifle","count":8}],"route_description":"Route 60 south"}})",
       2,
       4,
       {}},
      {"isf.nablus",
       R"({"type":"notification","to_party":"pasf","precedence":"IMMEDIATE",
           "title":"Road closure at Huwwara","details":"Closed for three hours for road works.",
           "footprint":{"geometry":{"type":"Point","coordinates":[35.257,32.155]},"buffer_m":300,
                        "start":"{start}","end":"{end}"}})",
       1,
       3,
       {}},
      {"pasf.hebron",
       R"({"type":"medical","to_party":"isf","precedence":"FLASH",
           "title":"Medical evacuation from Hebron old city","details":"One patient, ambulance, to Al-Ahli hospital.",
           "footprint":{"geometry":{"type":"LineString","coordinates":[[35.105,31.527],[35.099,31.538]]},
                        "buffer_m":50,"start":"{start}","end":"{end}"}})",
       0,
       2,
       {{"isf.hebron", Op::kAcknowledge, R"({"note":"Checking the route with the brigade."})"}}},
      {"pasf.ramallah",
       R"({"type":"activity","to_party":"isf","precedence":"ROUTINE",
           "title":"Police training at Beitunia range","details":"Live fire, daytime only.",
           "footprint":{"geometry":{"type":"Polygon","coordinates":[[[35.160,31.880],[35.175,31.880],[35.175,31.892],[35.160,31.892],[35.160,31.880]]]},
                        "buffer_m":0,"start":"{start}","end":"{end}"},
           "movement":{"personnel":40,"weapons":[{"kind":"rifle","count":40}]}})",
       24,
       8,
       {{"isf.ramallah", Op::kAcknowledge, "{}"},
        {"isf.ramallah", Op::kDecide,
         R"({"outcome":"approved_with_conditions","conditions":"Between 08:00 and 14:00 only; notify the DCO on start and end."})"}}},
      {"isf.bethlehem",
       R"({"type":"activity","to_party":"pasf","precedence":"ROUTINE",
           "title":"Engineering survey near Bethlehem","details":"Survey team with escort.",
           "footprint":{"geometry":{"type":"Point","coordinates":[35.200,31.705]},"buffer_m":500,
                        "start":"{start}","end":"{end}"}})",
       -6,
       4,
       {{"pasf.bethlehem", Op::kAcknowledge, "{}"},
        {"pasf.bethlehem", Op::kDecide, R"({"outcome":"approved"})"},
        {"isf.bethlehem", Op::kStart, "{}"},
        {"isf.bethlehem", Op::kComplete, R"({"note":"Team withdrawn, no incidents."})"}}},
      {"pasf.tulkarm",
       R"({"type":"information","to_party":"isf","precedence":"ROUTINE",
           "title":"Opening hours of the Eyal crossing next week","details":"For planning worker movements."})",
       0,
       0,
       {{"isf.tulkarm", Op::kAcknowledge, "{}"},
        {"isf.tulkarm", Op::kDecide,
         R"({"outcome":"approved","reason":"Open 04:00 to 19:00, Sunday to Thursday."})"}}},
      {"pasf.jericho",
       R"({"type":"joint","to_party":"isf","precedence":"PRIORITY",
           "title":"Joint patrol on Route 90","details":"Proposed joint patrol after the incidents last week.",
           "footprint":{"geometry":{"type":"LineString","coordinates":[[35.440,31.870],[35.460,31.900],[35.470,31.950]]},
                        "buffer_m":200,"start":"{start}","end":"{end}"}})",
       30,
       6,
       {{"isf.jericho", Op::kAcknowledge, "{}"},
        {"isf.jericho", Op::kDecide,
         R"({"outcome":"counter_proposed","conditions":"Propose the following morning, with a liaison officer from each side."})"}}},
      {"pasf.qalqilya",
       R"({"type":"movement","to_party":"isf","precedence":"ROUTINE",
           "title":"Escort for a municipal convoy","details":"Unarmed escort.",
           "footprint":{"geometry":{"type":"LineString","coordinates":[[34.970,32.190],[35.000,32.170]]},
                        "buffer_m":100,"start":"{start}","end":"{end}"},
           "movement":{"personnel":4,"vehicles":[{"plate":"PA-2201"}]}})",
       48,
       3,
       {{"pasf.qalqilya", Op::kWithdraw, R"({"reason":"Convoy postponed by the municipality."})"}}},
  };
  const requests::Settings settings = app.request_settings();
  const Micros now = app.clock().Now();
  const Micros hour = Micros{3600} * kMicrosPerSecond;
  int created = 0;
  for (const Sample& s : samples) {
    std::string text = Replace(s.request, "{start}", FormatRfc3339(now + s.start_hours * hour));
    text = Replace(text, "{end}", FormatRfc3339(now + (s.start_hours + s.length_hours) * hour));
    auto in = ParseObject(text);
    if (!in) return std::move(in).error();
    if (in->contains("footprint") && settings.geography == nullptr) continue;
    auto requester = DemoPrincipal(app, s.requester);
    if (!requester) return std::move(requester).error();
    auto r = app.bus().Execute(*requester, [in = *in, settings](CommandContext& c) {
      return requests::Submit(c, in, settings);
    });
    if (!r) return std::move(r).error();
    const std::string id(r->reply.as_object().at("id").as_string());
    for (const SampleStep& step : s.steps) {
      auto actor = DemoPrincipal(app, step.actor);
      if (!actor) return std::move(actor).error();
      auto body = ParseObject(step.body);
      if (!body) return std::move(body).error();
      auto t =
          app.bus().Execute(*actor, [id, op = step.op, b = *body, settings](CommandContext& c) {
            return requests::Transition(c, id, op, b, settings);
          });
      if (!t) return std::move(t).error();
    }
    ++created;
  }
  return created;
}

Result<int> SeedSampleDeconfliction(App& app) {
  const deconfliction::Settings settings = app.deconfliction_settings();
  if (settings.geography == nullptr) return 0;
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows =
        tx.Query("SELECT 1 FROM activities UNION ALL SELECT 1 FROM protected_sites LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  // Illustrative positions, not surveyed ones: demo data.
  const char* sites[] = {
      R"({"kind":"hospital","name":"Sample: Jenin hospital","buffer_m":300,
          "geometry":{"type":"Point","coordinates":[35.2925,32.4620]}})",
      R"({"kind":"school","name":"Sample: Qabatiya girls' school","buffer_m":200,
          "geometry":{"type":"Point","coordinates":[35.2830,32.4110]}})",
      R"({"kind":"un_facility","name":"Sample: UN field office, Nablus","buffer_m":150,
          "geometry":{"type":"Point","coordinates":[35.2570,32.2210]}})",
      R"({"kind":"hospital","name":"Sample: Hebron hospital","buffer_m":300,
          "geometry":{"type":"Point","coordinates":[35.0960,31.5330]}})",
  };
  struct SampleActivity {
    const char* planner;
    const char* activity;  // JSON, with {start} and {end} replaced by the window
    int start_hours;
    int length_hours;
  };
  const SampleActivity activities[] = {
      // Crosses the sample Jenin–Qabatiya movement request.
      {"isf.jenin",
       R"({"kind":"patrol","title":"Route security patrol, Route 60","unit":"isf/dco/jenin",
           "details":"Two vehicles along Route 60 between the junctions.","poc":"DCO Jenin operations room",
           "footprint":{"geometry":{"type":"LineString","coordinates":[[35.270,32.440],[35.310,32.420]]},
                        "buffer_m":200,"start":"{start}","end":"{end}"}})",
       3, 4},
      {"isf.hebron",
       R"({"kind":"operation","title":"Search operation, eastern Hebron","unit":"isf/dco/hebron",
           "details":"Search of an industrial area.","confidentiality":"secret",
           "footprint":{"geometry":{"type":"Polygon","coordinates":[[[35.105,31.530],[35.120,31.530],[35.120,31.545],[35.105,31.545],[35.105,31.530]]]},
                        "buffer_m":100,"start":"{start}","end":"{end}"}})",
       20, 6},
      {"pasf.hebron",
       R"({"kind":"exercise","title":"Civil defence evacuation drill","unit":"pasf/dcl/hebron",
           "details":"Evacuation drill with two fire engines and an ambulance.","poc":"DCL Hebron",
           "footprint":{"geometry":{"type":"Point","coordinates":[35.112,31.540]},
                        "buffer_m":400,"start":"{start}","end":"{end}"}})",
       22, 3},
      {"pasf.ramallah",
       R"({"kind":"static_site","title":"Security post, Ramallah centre","unit":"pasf/dcl/ramallah",
           "footprint":{"geometry":{"type":"Point","coordinates":[35.205,31.903]},
                        "buffer_m":100,"start":"{start}","end":"{end}"}})",
       1, 24 * 20},
  };
  const Micros now = app.clock().Now();
  const Micros hour = Micros{3600} * kMicrosPerSecond;
  int created = 0;
  auto coordinator = DemoPrincipal(app, "ussc.duty");
  if (!coordinator) return std::move(coordinator).error();
  for (const char* site : sites) {
    auto in = ParseObject(site);
    if (!in) return std::move(in).error();
    auto r = app.bus().Execute(*coordinator, [in = *in, settings](CommandContext& c) {
      return deconfliction::RegisterSite(c, in, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }
  for (const SampleActivity& a : activities) {
    std::string text = Replace(a.activity, "{start}", FormatRfc3339(now + a.start_hours * hour));
    text = Replace(text, "{end}", FormatRfc3339(now + (a.start_hours + a.length_hours) * hour));
    auto in = ParseObject(text);
    if (!in) return std::move(in).error();
    auto planner = DemoPrincipal(app, a.planner);
    if (!planner) return std::move(planner).error();
    auto r = app.bus().Execute(*planner, [in = *in, settings](CommandContext& c) {
      return deconfliction::Register(c, in, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }
  return created;
}

Result<int> SeedSampleIncidents(App& app) {
  const incidents::Settings settings = app.incident_settings();
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM incidents LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  struct SampleIncident {
    const char* reporter;
    const char* incident;  // JSON, with {at} replaced by when it occurred
    int minutes_ago;
  };
  // Illustrative places and events, not real ones: demo data.
  const SampleIncident samples[] = {
      {"isf.nablus",
       R"({"type":"joint_accident","severity":4,"title":"Sample: collision at Huwwara junction",
           "description":"An ISF jeep and a Palestinian civilian car collided; three injured, PASF ambulance requested.",
           "location":{"type":"Point","coordinates":[35.2590,32.1530]},"occurred_at":"{at}",
           "shared_with":["pasf"],
           "casualties":{"killed":0,"injured":3,"by_side":[{"side":"isf","killed":0,"injured":1},{"side":"civilian","killed":0,"injured":2}]}})",
       25},
      {"pasf.jenin",
       R"({"type":"road_closure","severity":2,"title":"Sample: road closed by protest, Qabatiya",
           "description":"الطريق مغلق بسبب تظاهرة؛ قوى الأمن الفلسطينية في المكان.",
           "location":{"type":"Polygon","coordinates":[[[35.278,32.405],[35.288,32.405],[35.288,32.415],[35.278,32.415],[35.278,32.405]]]},
           "occurred_at":"{at}","shared_with":["isf"]})",
       90},
      {"isf.hebron",
       R"({"type":"straying_person","severity":3,"title":"Sample: Israeli civilian drove into Hebron H1",
           "description":"A civilian vehicle entered H1 following a navigation app; PASF informed.",
           "location":{"type":"Point","coordinates":[35.0950,31.5290]},"occurred_at":"{at}",
           "shared_with":["pasf"]})",
       10},
  };
  const Micros now = app.clock().Now();
  int created = 0;
  for (const SampleIncident& sample : samples) {
    const std::string text =
        Replace(sample.incident, "{at}",
                FormatRfc3339(now - Micros{sample.minutes_ago} * 60 * kMicrosPerSecond));
    auto in = ParseObject(text);
    if (!in) return std::move(in).error();
    auto reporter = DemoPrincipal(app, sample.reporter);
    if (!reporter) return std::move(reporter).error();
    auto r = app.bus().Execute(*reporter, [in = *in, settings](CommandContext& c) {
      return incidents::Report(c, in, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }
  return created;
}

Result<int> SeedSampleReturns(App& app) {
  const returns::Settings settings = app.return_settings();
  bool any = false;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM return_cases LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    return OkStatus();
  }));
  if (any) return 0;
  struct Step {
    const char* officer;
    const char* body;  // the advance body
  };
  struct SampleCase {
    const char* reporter;
    const char* report;
    std::vector<Step> steps;
  };
  // Illustrative cases, not real people: demo data (no names are seeded).
  const SampleCase samples[] = {
      {"isf.hebron",
       R"({"category":"israeli_civilian","count":1,"receiving_party":"isf",
           "circumstances":"Sample: a civilian car entered H1 following a navigation app.",
           "location":{"type":"Point","coordinates":[35.0950,31.5290]},"holding_party":"pasf",
           "medical_status":"uninjured"})",
       {{"pasf.hebron",
         R"({"stage":"located","note":"Found near the market; PASF patrol with him."})"},
        {"pasf.hebron", R"({"stage":"secured","holding_unit":"pasf/dcl/hebron"})"}}},
      {"pasf.jenin",
       R"({"category":"israeli_civilian","count":2,"receiving_party":"isf",
           "circumstances":"Sample: two hikers crossed into Area A near Jenin.",
           "location":{"type":"Point","coordinates":[35.3010,32.4650]},"holding_party":"pasf"})",
       {}},
      {"isf.tulkarm",
       R"({"category":"palestinian","count":1,"receiving_party":"pasf",
           "circumstances":"Sample: a farmer crossed the Barrier gate after closing time.",
           "location":{"type":"Point","coordinates":[35.0420,32.3150]},"holding_party":"isf",
           "medical_status":"lightly_injured"})",
       {{"isf.tulkarm", R"({"stage":"located"})"},
        {"isf.tulkarm", R"({"stage":"secured","holding_unit":"isf/dco/tulkarm"})"}}},
  };
  int created = 0;
  for (const SampleCase& sample : samples) {
    auto in = ParseObject(sample.report);
    if (!in) return std::move(in).error();
    auto reporter = DemoPrincipal(app, sample.reporter);
    if (!reporter) return std::move(reporter).error();
    auto r = app.bus().Execute(*reporter, [in = *in, settings](CommandContext& c) {
      return returns::Report(c, in, settings);
    });
    if (!r) return std::move(r).error();
    const std::string id = JsonString(r->reply.as_object(), "id");
    for (const Step& step : sample.steps) {
      auto body = ParseObject(step.body);
      if (!body) return std::move(body).error();
      auto officer = DemoPrincipal(app, step.officer);
      if (!officer) return std::move(officer).error();
      auto a = app.bus().Execute(*officer, [id, body = *body, settings](CommandContext& c) {
        return returns::Advance(c, id, body, settings);
      });
      if (!a) return std::move(a).error();
    }
    ++created;
  }
  return created;
}

Result<int> SeedSampleMessages(App& app) {
  const messaging::Settings settings = app.messaging_settings();
  if (settings.phrasebook == nullptr) return 0;
  bool any = false;
  std::string incident;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query("SELECT 1 FROM messages LIMIT 1");
    if (!rows) return std::move(rows).error();
    any = !rows->empty();
    auto grave = tx.Query(
        "SELECT id FROM incidents WHERE party = 'isf' AND severity >= 4 ORDER BY created_seq "
        "LIMIT 1");
    if (!grave) return std::move(grave).error();
    if (!grave->empty()) incident = grave->front().Text(0);
    return OkStatus();
  }));
  if (any) return 0;
  struct Sample {
    const char* sender;
    std::string channel;
    const char* message;
    messaging::Lang lang;
  };
  std::vector<Sample> samples = {
      {"isf.nablus", "desk:PS0115",
       R"({"phrase":"movement_started","params":{"unit":"DCO Nablus convoy"}})",
       messaging::Lang::kEn},
      {"pasf.nablus", "desk:PS0115", R"({"phrase":"received_understood"})", messaging::Lang::kAr},
      {"ussc.duty", "coordinator", R"({"text":"Shift handover at 14:00; two open incidents."})",
       messaging::Lang::kEn},
  };
  if (!incident.empty()) {
    const std::string room = "incident:" + incident;
    samples.push_back(
        {"isf.nablus", room,
         R"({"phrase":"ambulance_passage_requested","params":{"place":"Huwwara junction"},"priority":"flash"})",
         messaging::Lang::kEn});
    samples.push_back({"pasf.nablus", room, R"({"text":"سيارة الإسعاف في الطريق إلى المفترق"})",
                       messaging::Lang::kAr});
  }
  int created = 0;
  for (const Sample& sample : samples) {
    auto in = ParseObject(sample.message);
    if (!in) return std::move(in).error();
    auto sender = DemoPrincipal(app, sample.sender);
    if (!sender) return std::move(sender).error();
    auto r = app.bus().Execute(*sender, [in = *in, sample, settings](CommandContext& c) {
      return messaging::Post(c, sample.channel, in, sample.lang, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
  }
  return created;
}

}  // namespace liaison

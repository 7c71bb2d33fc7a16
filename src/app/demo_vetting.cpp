// Sample vetting over the synthetic force (docs/vetting.md): most district
// commands cleared, one denied, some persons cleared, requests left pending
// with their deadlines, one clearance about to expire, and two allegations.
// Every text says it is a sample; the subjects are synthetic.
#include "app/demo.hpp"
#include "core/time.hpp"
#include "domain/identity/identity.hpp"
#include "domain/personnel/dates.hpp"
#include "domain/vetting/allegations.hpp"
#include "domain/vetting/vetting.hpp"

namespace liaison {
namespace {

constexpr Micros kDay = Micros{86'400} * kMicrosPerSecond;
// One district command in this many is left pending; the one at kDeniedAt
// is denied.
constexpr size_t kPendingEvery = 6;
constexpr size_t kDeniedAt = 4;
constexpr size_t kExpiringAt = 1;
constexpr int kSamplePersons = 24;
constexpr int kPendingPersonsEvery = 5;
// The sample clearance that ends within the expiring window.
constexpr Micros kExpiresIn = 20 * kDay;

Result<json::value> Run(App& app, const Principal& actor, CommandFn fn) {
  auto r = app.bus().Execute(actor, std::move(fn));
  if (!r) return std::move(r).error();
  return std::move(r->reply);
}

Result<std::string> RequestVetting(App& app, const Principal& actor, const std::string& kind,
                                   const std::string& id, const std::string& purpose,
                                   const std::string& justification) {
  const json::object in{{"subject", json::object{{"kind", kind}, {"id", id}}},
                        {"purpose", purpose},
                        {"justification", justification}};
  auto r = Run(app, actor, [in, s = app.vetting_settings()](CommandContext& c) {
    return vetting::Request(c, in, s);
  });
  if (!r) return std::move(r).error();
  return JsonString(r->as_object(), "id");
}

Status DecideVetting(App& app, const Principal& officer, const std::string& id, json::object in) {
  auto r =
      Run(app, officer, [id, in = std::move(in), s = app.vetting_settings()](CommandContext& c) {
        return vetting::Decide(c, id, in, s);
      });
  if (!r) return std::move(r).error();
  return OkStatus();
}

json::object Clearance() {
  return json::object{
      {"status", "cleared"},
      {"reason", "Sample: no credible information of gross violations of human rights found."},
      {"sources", "Sample: embassy files, open sources and the allegations register."}};
}

}  // namespace

Result<int> SeedSampleVetting(App& app) {
  bool any = false;
  std::vector<std::string> commands;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT (SELECT COUNT(*) FROM vetting_requests) + (SELECT COUNT(*) FROM allegations)");
    if (!rows) return std::move(rows).error();
    any = rows->front().Int(0) > 0;
    // The district commands: a governorate's unit directly under a service's
    // headquarters.
    auto units = tx.Query(
        "SELECT u.id FROM org_units u JOIN org_units hq ON hq.id = u.parent "
        "WHERE u.district IS NOT NULL AND hq.parent IS NULL ORDER BY u.id");
    if (!units) return std::move(units).error();
    for (const Row& r : *units) commands.push_back(r.Text(0));
    return OkStatus();
  }));
  if (any || commands.empty()) return 0;
  auto hr = DemoPrincipal(app, "pasf.hr");
  if (!hr) return std::move(hr).error();
  auto trainer = DemoPrincipal(app, "ussc.trainer");
  if (!trainer) return std::move(trainer).error();
  auto officer = DemoPrincipal(app, "ussc.vetting");
  if (!officer) return std::move(officer).error();
  const Micros now = app.clock().Now();
  int created = 0;

  // The district commands: requested by the registry's HR for assistance.
  std::string denied_unit;
  for (size_t i = 0; i < commands.size(); ++i) {
    auto id = RequestVetting(app, *hr, "unit", commands[i], "assistance",
                             "Sample: equipment and mentoring programme for the command.");
    if (!id) return std::move(id).error();
    ++created;
    if (i % kPendingEvery == kPendingEvery - 1) continue;  // left pending, with its deadline
    json::object decision = Clearance();
    if (i == kDeniedAt) {
      denied_unit = commands[i];
      decision = json::object{
          {"status", "denied"},
          {"reason", "Sample: credible information of a gross violation by the command."},
          {"sources", "Sample: a substantiated report in the allegations register."}};
    } else if (i == kExpiringAt) {
      // Decided almost a year ago: the clearance ends within the window.
      const Micros from = vetting::AddMonths(now + kExpiresIn, -12);
      decision["valid_from"] = FormatRfc3339(from);
      decision["valid_months"] = 12;
    }
    LIAISON_TRY(DecideVetting(app, *officer, *id, std::move(decision)));
  }

  // Persons of cleared commands, requested by the coordinator's trainers for
  // a course; most cleared, some left pending.
  std::vector<std::string> persons;
  LIAISON_TRY(app.store().RunRead([&](Tx& tx) -> Status {
    auto rows = tx.Query(
        "SELECT id, unit FROM persons WHERE status = 'active' AND band = 'officer' "
        "ORDER BY number LIMIT ?",
        {std::int64_t{kSamplePersons * 4}});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      if (static_cast<int>(persons.size()) == kSamplePersons) break;
      auto unit = vetting::StandingOf(tx, "unit", r.Text(1), now);
      if (!unit) return std::move(unit).error();
      if (unit->cleared()) persons.push_back(r.Text(0));
    }
    return OkStatus();
  }));
  for (size_t i = 0; i < persons.size(); ++i) {
    auto id = RequestVetting(app, *trainer, "person", persons[i], "course",
                             "Sample: nominated for a coalition course.");
    if (!id) return std::move(id).error();
    ++created;
    if (static_cast<int>(i) % kPendingPersonsEvery == kPendingPersonsEvery - 1) continue;
    LIAISON_TRY(DecideVetting(app, *officer, *id, Clearance()));
  }

  // Two allegations: one about the denied command, under review; one about
  // a unit of another party, named as the source names it, just received.
  const vetting::Settings settings = app.vetting_settings();
  struct SampleAllegation {
    json::object in;
    bool review;
  };
  std::vector<SampleAllegation> samples;
  if (!denied_unit.empty()) {
    samples.push_back(
        {json::object{{"subject", json::object{{"kind", "unit"},
                                               {"id", denied_unit},
                                               {"party", settings.registry_party}}},
                      {"source", "Sample: a human-rights NGO's report"},
                      {"received_on", personnel::DateOf(now - 12 * kDay)},
                      {"category", "arbitrary_detention"},
                      {"summary", "Sample: detainees held without charge beyond the legal limit."}},
         true});
  }
  samples.push_back(
      {json::object{{"subject", json::object{{"kind", "unit"},
                                             {"party", "isf"},
                                             {"label", "Sample: a checkpoint company"}}},
                    {"source", "Sample: a press report"},
                    {"received_on", personnel::DateOf(now - 2 * kDay)},
                    {"category", "excessive_force"},
                    {"summary", "Sample: force used against a crowd at a checkpoint."}},
       false});
  for (SampleAllegation& a : samples) {
    auto r = Run(app, *officer, [in = std::move(a.in), settings](CommandContext& c) {
      return allegations::Register(c, in, settings);
    });
    if (!r) return std::move(r).error();
    ++created;
    if (!a.review) continue;
    const std::string id = JsonString(r->as_object(), "id");
    auto moved = Run(app, *officer, [id, settings](CommandContext& c) {
      return allegations::ChangeStatus(
          c, id, json::object{{"status", "under_review"}, {"note", "Sample: assigned."}}, settings);
    });
    if (!moved) return std::move(moved).error();
  }
  return created;
}

}  // namespace liaison

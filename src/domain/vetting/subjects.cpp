#include "domain/vetting/subjects.hpp"

#include "domain/identity/identity.hpp"
#include "domain/personnel/personnel.hpp"
#include "store/event_log.hpp"

namespace liaison::vetting {

json::object Subject::Json() const {
  json::object o{{"kind", kind}, {"id", id}, {"label", label}, {"label_ar", label_ar}};
  if (kind == "person") {
    o["service_number"] = service_number;
    o["unit"] = unit;
    o["person_status"] = person_status;
  } else {
    o["parent"] = unit.empty() ? json::value() : json::value(unit);
  }
  return o;
}

Result<std::optional<Subject>> FindSubject(Tx& tx, std::string_view kind, std::string_view id) {
  Subject s;
  s.kind = std::string(kind);
  if (kind == "person") {
    auto person = personnel::FindPerson(tx, id);
    if (!person) return std::move(person).error();
    if (!person->has_value()) return std::optional<Subject>();
    const personnel::PersonRef& p = **person;
    s.id = p.id;
    s.party = p.party;
    s.shared_with = SplitShares(p.shared_with);
    s.label = p.name_en;
    s.label_ar = p.name_ar;
    s.service_number = p.service_number;
    s.unit = p.unit;
    s.person_status = p.status;
    return std::optional<Subject>(std::move(s));
  }
  if (kind == "unit") {
    auto unit = personnel::FindUnit(tx, id);
    if (!unit) return std::move(unit).error();
    if (!unit->has_value()) return std::optional<Subject>();
    const personnel::UnitRef& u = **unit;
    s.id = u.id;
    s.party = u.party;
    s.shared_with = SplitShares(u.shared_with);
    s.label = u.name_en;
    s.label_ar = u.name_ar;
    s.unit = u.parent;
    return std::optional<Subject>(std::move(s));
  }
  return std::optional<Subject>();
}

Result<liaison::Scope> RegistryScope(Tx& tx, const std::string& registry_party) {
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  return liaison::Scope{registry_party, std::move(*coordinators)};
}

Status AuthorizeRegistry(Tx& tx, const Principal& p, Action action,
                         const std::string& registry_party) {
  auto scope = RegistryScope(tx, registry_party);
  if (!scope) return std::move(scope).error();
  const Decision d = Can(p, action, *scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

bool SeesConfidential(const Principal& p) {
  return p.is_system ||
         (p.is_coordinator && (p.roles.Has(Role::kVetting) || p.roles.Has(Role::kAuditor)));
}

Result<std::optional<Stored>> LoadStored(Tx& tx, std::string_view kind, std::string_view id) {
  auto rows = tx.Query(
      "SELECT status, valid_from, valid_until FROM vetting_status "
      "WHERE subject_kind = ? AND subject_id = ?",
      {std::string(kind), std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<Stored>();
  const Row& r = rows->front();
  Stored s{r.Text(0), r.IsNull(1) ? std::nullopt : std::optional<Micros>(r.Int(1)),
           r.IsNull(2) ? std::nullopt : std::optional<Micros>(r.Int(2))};
  return std::optional<Stored>(std::move(s));
}

Result<std::vector<ChainLink>> LoadChain(Tx& tx, std::string_view unit) {
  auto ancestry = personnel::UnitAncestry(tx, unit);
  if (!ancestry) return std::move(ancestry).error();
  std::vector<std::string> units = std::move(*ancestry);
  // An unknown unit has no ancestry; it still answers for itself.
  if (units.empty() || units.front() != unit) units.insert(units.begin(), std::string(unit));
  std::vector<ChainLink> chain;
  chain.reserve(units.size());
  for (std::string& u : units) {
    auto stored = LoadStored(tx, "unit", u);
    if (!stored) return std::move(stored).error();
    chain.push_back(ChainLink{std::move(u), std::move(*stored)});
  }
  return chain;
}

json::object SubjectRef(std::string_view kind, std::string_view id) {
  return json::object{{"kind", kind}, {"id", id}};
}

}  // namespace liaison::vetting

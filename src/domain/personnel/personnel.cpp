// The registry's projection (personnel.* events), the lookups other
// capabilities use, and what its commands and queries share.
#include "domain/personnel/personnel.hpp"

#include <cstdio>

#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/identity/identity.hpp"
#include "domain/personnel/registry_internal.hpp"
#include "store/event_log.hpp"

namespace liaison::personnel {
namespace internal {

json::object PersonJson(const Row& r) {
  return json::object{{"id", r.Text(kPId)},
                      {"service_number", r.Text(kPServiceNumber)},
                      {"name_ar", r.Text(kPNameAr)},
                      {"name_en", r.Text(kPNameEn)},
                      {"sex", TextOrNull(r, kPSex)},
                      {"birth_date", r.Text(kPBirthDate)},
                      {"joined_on", r.Text(kPJoinedOn)},
                      {"service", r.Text(kPService)},
                      {"unit", r.Text(kPUnit)},
                      {"district", TextOrNull(r, kPDistrict)},
                      {"post", TextOrNull(r, kPPost)},
                      {"rank", r.Text(kPRank)},
                      {"band", r.Text(kPBand)},
                      {"status", r.Text(kPStatus)},
                      {"status_since", r.Text(kPStatusSince)},
                      {"education", TextOrNull(r, kPEducation)},
                      {"notes", TextOrNull(r, kPNotes)},
                      {"synthetic", r.Int(kPSynthetic) != 0},
                      {"import", TextOrNull(r, kPImport)},
                      {"party", r.Text(kPParty)},
                      {"shared_with", StringArray(SplitShares(r.Text(kPSharedWith)))},
                      {"seq", r.Int(kPCreatedSeq)},
                      {"updated_seq", r.Int(kPUpdatedSeq)},
                      {"updated_at", FormatRfc3339(r.Int(kPUpdatedAt))}};
}

json::object UnitJson(const Row& r) {
  return json::object{{"id", r.Text(kUId)},
                      {"parent", TextOrNull(r, kUParent)},
                      {"service", r.Text(kUService)},
                      {"name_en", r.Text(kUNameEn)},
                      {"name_ar", r.Text(kUNameAr)},
                      {"name_he", TextOrNull(r, kUNameHe)},
                      {"district", TextOrNull(r, kUDistrict)},
                      {"party", r.Text(kUParty)},
                      {"shared_with", StringArray(SplitShares(r.Text(kUSharedWith)))},
                      {"seq", r.Int(kUCreatedSeq)},
                      {"updated_seq", r.Int(kUUpdatedSeq)}};
}

std::string PersonId(std::int64_t number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "PER-%07lld", static_cast<long long>(number));
  return buf;
}

Status Authorize(const Principal& p, Action action, const liaison::Scope& scope) {
  const Decision d = Can(p, action, scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

namespace {

std::optional<std::string> TextMember(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) return std::string(v->get_string());
  return std::string();  // null: none
}

CareerChanges ChangesOf(const json::object& o) {
  CareerChanges c;
  c.rank = TextMember(o, "rank");
  c.band = TextMember(o, "band");
  c.unit = TextMember(o, "unit");
  c.service = TextMember(o, "service");
  c.district = TextMember(o, "district");
  c.post = TextMember(o, "post");
  c.status = TextMember(o, "status");
  return c;
}

}  // namespace

Result<Career> LoadCareer(Tx& tx, std::string_view person) {
  auto rows = tx.Query(
      "SELECT kind, effective, data FROM career_events WHERE person = ? "
      "ORDER BY effective, seq, idx",
      {std::string(person)});
  if (!rows) return std::move(rows).error();
  Career c;
  bool appointed = false;
  for (const Row& r : *rows) {
    const json::object data = ParseStoredBody(r.Text(2));
    if (r.Text(0) == "appointment" && !appointed) {
      // The registration: the whole initial state.
      appointed = true;
      const CareerChanges initial = ChangesOf(data);
      c.start = CareerState{initial.rank.value_or(""),     initial.band.value_or(""),
                            initial.unit.value_or(""),     initial.service.value_or(""),
                            initial.district.value_or(""), initial.post.value_or(""),
                            initial.status.value_or(""),   r.Text(1)};
      continue;
    }
    c.steps.push_back(CareerStep{r.Text(0), r.Text(1), ChangesOf(data)});
  }
  if (!appointed) return Error::Internal("no appointment in the career of " + std::string(person));
  return c;
}

const UnitInfo* TxRegistry::FindUnit(std::string_view id) {
  auto it = units_.find(std::string(id));
  if (it == units_.end()) {
    std::optional<UnitInfo> info;
    auto rows =
        tx_.Query("SELECT service, district FROM org_units WHERE id = ?", {std::string(id)});
    if (!rows) {
      if (status_) status_ = std::move(rows).error();
    } else if (!rows->empty()) {
      info = UnitInfo{rows->front().Text(0), rows->front().Text(1)};
    }
    it = units_.emplace(std::string(id), std::move(info)).first;
  }
  return it->second ? &*it->second : nullptr;
}

bool TxRegistry::ServiceNumberTaken(std::string_view service_number) {
  auto rows =
      tx_.Query("SELECT 1 FROM persons WHERE service_number = ?", {std::string(service_number)});
  if (!rows) {
    if (status_) status_ = std::move(rows).error();
    return false;
  }
  return !rows->empty();
}

}  // namespace internal

namespace {

using internal::kPersonSelect;
using internal::kUnitSelect;

constexpr std::string_view kInsertPerson =
    "INSERT INTO persons (id, number, party, shared_with, service_number, name_ar, name_en, sex, "
    "birth_date, joined_on, service, unit, district, post, rank, band, status, status_since, "
    "education, notes, synthetic, import_id, created_seq, updated_seq, updated_at) VALUES (?, ?, "
    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kInsertCareerEvent =
    "INSERT INTO career_events (seq, idx, person, kind, effective, author, at, data, note) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

std::int64_t IntOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

bool BoolOf(const json::object& b, std::string_view key) {
  const json::value* v = b.if_contains(key);
  return v && v->is_bool() && v->get_bool();
}

Status ApplyUnitDefined(WriteTx& tx, const Event& e, const json::object& b) {
  return tx.Exec(
      "INSERT INTO org_units (id, party, shared_with, parent, service, name_en, name_ar, name_he, "
      "district, created_seq, updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET party = excluded.party, shared_with = excluded.shared_with, "
      "parent = excluded.parent, service = excluded.service, name_en = excluded.name_en, "
      "name_ar = excluded.name_ar, name_he = excluded.name_he, district = excluded.district, "
      "updated_seq = excluded.updated_seq",
      {JsonString(b, "id"), e.party, JoinShares(e.shared_with), OptionalTextColumn(b, "parent"),
       JsonString(b, "service"), JsonString(b, "name_en"), JsonString(b, "name_ar"),
       OptionalTextColumn(b, "name_he"), OptionalTextColumn(b, "district"), e.seq, e.seq});
}

Status ApplyEstablishmentSet(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string unit = JsonString(b, "unit");
  LIAISON_TRY(tx.Exec("DELETE FROM establishment_posts WHERE unit = ?", {unit}));
  const json::value* posts = b.if_contains("posts");
  if (posts == nullptr || !posts->is_array()) return OkStatus();
  for (const json::value& v : posts->get_array()) {
    if (!v.is_object()) continue;
    const json::object& p = v.get_object();
    LIAISON_TRY(tx.Exec(
        "INSERT INTO establishment_posts (unit, post, title_en, title_ar, band, authorised, "
        "set_seq) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {unit, JsonString(p, "post"), JsonString(p, "title_en"), JsonString(p, "title_ar"),
         JsonString(p, "band"), IntOf(p, "authorised"), e.seq}));
  }
  return OkStatus();
}

// "IMP-2026-000042" -> {2026, 42}.
std::pair<std::int64_t, std::int64_t> ImportNumber(std::string_view id) {
  long long year = 0, number = 0;
  if (std::sscanf(std::string(id).c_str(), "IMP-%lld-%lld", &year, &number) != 2) return {0, 0};
  return {year, number};
}

Status ApplyRegistered(WriteTx& tx, const Event& e, const json::object& b) {
  const SqlValue import = OptionalTextColumn(b, "import");
  const bool synthetic = BoolOf(b, "synthetic");
  const std::string shares = JoinShares(e.shared_with);
  if (const std::string* id = std::get_if<std::string>(&import); id && IntOf(b, "part") <= 1) {
    const auto [year, number] = ImportNumber(*id);
    LIAISON_TRY(tx.Exec(
        "INSERT INTO personnel_imports (id, year, number, party, shared_with, digest, persons, "
        "synthetic, created_by, created_at, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {*id, year, number, e.party, shares, JsonString(b, "digest"), IntOf(b, "rows"),
         std::int64_t{synthetic}, e.actor, e.at, e.seq}));
  }
  const json::value* persons = b.if_contains("persons");
  if (persons == nullptr || !persons->is_array()) return OkStatus();
  std::int64_t idx = 0;
  // The same two statements for every person: prepared once, reused.
  for (const json::value& v : persons->get_array()) {
    if (!v.is_object()) continue;
    const json::object& p = v.get_object();
    const std::string id = JsonString(p, "id");
    const std::string joined = JsonString(p, "joined_on");
    LIAISON_TRY(tx.Exec(kInsertPerson, {id,
                                        IntOf(p, "number"),
                                        e.party,
                                        shares,
                                        JsonString(p, "service_number"),
                                        JsonString(p, "name_ar"),
                                        JsonString(p, "name_en"),
                                        OptionalTextColumn(p, "sex"),
                                        JsonString(p, "birth_date"),
                                        joined,
                                        JsonString(p, "service"),
                                        JsonString(p, "unit"),
                                        OptionalTextColumn(p, "district"),
                                        OptionalTextColumn(p, "post"),
                                        JsonString(p, "rank"),
                                        JsonString(p, "band"),
                                        JsonString(p, "status"),
                                        joined,
                                        OptionalTextColumn(p, "education"),
                                        OptionalTextColumn(p, "notes"),
                                        std::int64_t{synthetic},
                                        import,
                                        e.seq,
                                        e.seq,
                                        e.at}));
    LIAISON_TRY(tx.Exec(kInsertCareerEvent, {e.seq, idx++, id, std::string("appointment"), joined,
                                             e.actor, e.at, CanonicalJson(v), SqlValue{}}));
  }
  return OkStatus();
}

// Re-derives the person's row from all their career events.
Status Refold(WriteTx& tx, const Event& e, const std::string& person) {
  auto career = internal::LoadCareer(tx, person);
  if (!career) return std::move(career).error();
  const CareerState s = Fold(std::move(career->start), career->steps);
  auto text_or_null = [](const std::string& v) { return v.empty() ? SqlValue{} : SqlValue{v}; };
  return tx.Exec(
      "UPDATE persons SET rank = ?, band = ?, unit = ?, service = ?, district = ?, post = ?, "
      "status = ?, status_since = ?, updated_seq = ?, updated_at = ? WHERE id = ?",
      {s.rank, s.band, s.unit, s.service, text_or_null(s.district), text_or_null(s.post), s.status,
       s.status_since, e.seq, e.at, person});
}

Status ApplyCareerRecorded(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string person = JsonString(b, "person");
  json::object data;
  if (const json::value* c = b.if_contains("changes"); c && c->is_object()) data = c->get_object();
  for (std::string_view key : {"course", "session", "qualification"}) {
    if (const json::value* v = b.if_contains(key)) data[key] = *v;
  }
  LIAISON_TRY(tx.Exec(kInsertCareerEvent, {e.seq, std::int64_t{0}, person, JsonString(b, "kind"),
                                           JsonString(b, "effective"), e.actor, e.at,
                                           CanonicalJson(data), OptionalTextColumn(b, "note")}));
  return Refold(tx, e, person);
}

}  // namespace

// --- Projection ----------------------------------------------------------

bool Handles(std::string_view event_type) { return event_type.starts_with("personnel."); }

Status Apply(WriteTx& tx, const Event& e, const json::object& b) {
  const std::string& t = e.type;
  if (t == "personnel.registered") return ApplyRegistered(tx, e, b);
  if (t == "personnel.career_recorded") return ApplyCareerRecorded(tx, e, b);
  if (t == "personnel.unit_defined") return ApplyUnitDefined(tx, e, b);
  if (t == "personnel.establishment_set") return ApplyEstablishmentSet(tx, e, b);
  return OkStatus();
}

// --- Lookups -------------------------------------------------------------

Result<std::optional<PersonRef>> FindPerson(Tx& tx, std::string_view id) {
  auto rows = tx.Query("SELECT " + std::string(kPersonSelect) + " FROM persons p WHERE p.id = ?",
                       {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<PersonRef>();
  const Row& r = rows->front();
  using namespace internal;
  return std::optional<PersonRef>(
      PersonRef{r.Text(kPId), r.Text(kPParty), r.Text(kPSharedWith), r.Text(kPServiceNumber),
                r.Text(kPNameEn), r.Text(kPNameAr), r.Text(kPService), r.Text(kPUnit),
                r.Text(kPRank), r.Text(kPBand), r.Text(kPStatus), r.Text(kPDistrict)});
}

Result<std::optional<UnitRef>> FindUnit(Tx& tx, std::string_view id) {
  auto rows = tx.Query("SELECT " + std::string(kUnitSelect) + " FROM org_units u WHERE u.id = ?",
                       {std::string(id)});
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return std::optional<UnitRef>();
  const Row& r = rows->front();
  using namespace internal;
  return std::optional<UnitRef>(UnitRef{r.Text(kUId), r.Text(kUParty), r.Text(kUSharedWith),
                                        r.Text(kUParent), r.Text(kUService), r.Text(kUNameEn),
                                        r.Text(kUNameAr), r.Text(kUDistrict)});
}

Result<std::vector<std::string>> UnitAncestry(Tx& tx, std::string_view unit) {
  // A unit's parent is defined before it, so the chain ends; the bound
  // guards against a database edited by hand.
  constexpr size_t kMaxDepth = 64;
  std::vector<std::string> out;
  std::string id(unit);
  while (!id.empty() && out.size() < kMaxDepth) {
    auto rows = tx.Query("SELECT parent FROM org_units WHERE id = ?", {id});
    if (!rows) return std::move(rows).error();
    if (rows->empty()) break;
    out.push_back(id);
    id = rows->front().Text(0);
  }
  return out;
}

Result<liaison::Scope> RegistryScope(Tx& tx, const Settings& s) {
  auto coordinators = identity::CoordinatorParties(tx);
  if (!coordinators) return std::move(coordinators).error();
  return liaison::Scope{s.registry_party, std::move(*coordinators)};
}

}  // namespace liaison::personnel

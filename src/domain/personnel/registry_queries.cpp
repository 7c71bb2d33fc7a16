// The registry's queries: the reference data, the import's dry run, search,
// export, one person, their career and the establishment.
#include <boost/json/serialize.hpp>

#include "core/time.hpp"
#include "domain/columns.hpp"
#include "domain/personnel/csv.hpp"
#include "domain/personnel/dates.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/personnel/registry_internal.hpp"
#include "domain/training/training.hpp"
#include "domain/vetting/vetting.hpp"
#include "store/event_log.hpp"

namespace liaison::personnel {
namespace {

using internal::Authorize;
using internal::kPersonSelect;
using internal::kUnitSelect;

constexpr size_t kMaxListedIssues = 1000;
constexpr size_t kMaxFilterValues = 50;
constexpr size_t kMaxFilterBytes = 64;
constexpr size_t kMaxQueryChars = 100;
// The export reads the registry in pages of this many persons (one snapshot).
constexpr std::int64_t kExportPage = 5000;

// The registry, once `p` may read it.
Status MayRead(Tx& tx, const Principal& p, const Settings& s) {
  auto scope = RegistryScope(tx, s);
  if (!scope) return std::move(scope).error();
  return Authorize(p, Action::kReadPersonnel, *scope);
}

std::string Placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i ? ", ?" : "?";
  return out;
}

void AppendIn(std::string& sql, std::vector<SqlValue>& params, std::string_view column,
              const std::vector<std::string>& values) {
  if (values.empty()) return;
  sql += " AND " + std::string(column) + " IN (" + Placeholders(values.size()) + ")";
  for (const auto& v : values) params.emplace_back(v);
}

// LIKE pattern text: '\' escapes the wildcards.
std::string LikeEscaped(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::string AsciiLower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

Result<std::vector<std::string>> ReadSet(const QueryParam& get, std::string_view name,
                                         std::span<const std::string_view> allowed = {}) {
  std::vector<std::string> out;
  auto v = get(name);
  if (!v) return out;
  out = SplitParam(*v);
  const std::string ptr = "/" + std::string(name);
  if (out.size() > kMaxFilterValues) {
    return Error::Invalid(
        ptr, std::string(name) + " takes at most " + std::to_string(kMaxFilterValues) + " values");
  }
  for (const auto& item : out) {
    if (item.size() > kMaxFilterBytes) {
      return Error::Invalid(ptr, std::string(name) + " value is too long");
    }
    if (!allowed.empty() && !OneOf(item, allowed)) {
      return Error::Invalid(ptr, "unknown " + std::string(name) + " " + item);
    }
  }
  return out;
}

// " AND ..." for the filters of `q`, on persons aliased p.
void AppendPersonFilters(std::string& sql, std::vector<SqlValue>& params, const PersonQuery& q) {
  if (!q.q.empty()) {
    const std::string text = LikeEscaped(q.q);
    sql +=
        " AND (p.service_number LIKE ? ESCAPE '\\' OR LOWER(p.name_en) LIKE ? ESCAPE '\\' OR "
        "p.name_ar LIKE ? ESCAPE '\\')";
    params.emplace_back(text + "%");
    params.emplace_back("%" + AsciiLower(text) + "%");
    params.emplace_back("%" + text + "%");
  }
  AppendIn(sql, params, "p.service", q.services);
  AppendIn(sql, params, "p.rank", q.ranks);
  AppendIn(sql, params, "p.band", q.bands);
  AppendIn(sql, params, "p.district", q.districts);
  std::vector<std::string> statuses;
  for (const auto& st : q.statuses) {
    if (st == "on_strength") {
      statuses.insert(statuses.end(), {"active", "suspended"});
    } else {
      statuses.push_back(st);
    }
  }
  AppendIn(sql, params, "p.status", statuses);
  if (!q.units.empty()) {
    // A unit stands for its whole subtree.
    sql += " AND p.unit IN (WITH RECURSIVE sub(id) AS (SELECT id FROM org_units WHERE id IN (" +
           Placeholders(q.units.size()) +
           ") UNION SELECT o.id FROM org_units o JOIN sub ON o.parent = sub.id) SELECT id FROM "
           "sub)";
    for (const auto& u : q.units) params.emplace_back(u);
  }
}

// The persons `p` may see, with `q`'s filters: "SELECT ... WHERE ...".
std::string PersonsSql(const Principal& p, const PersonQuery& q, std::vector<SqlValue>& params) {
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kPersonSelect) + " FROM persons p WHERE " +
                    RecordVisibilitySql(p, "p.party", "p.shared_with", vis);
  params.assign(vis.begin(), vis.end());
  AppendPersonFilters(sql, params, q);
  return sql;
}

json::value StandingJson(const vetting::Standing& s) {
  return json::object{
      {"status", s.status},
      {"valid_until", s.valid_until ? json::value(FormatRfc3339(*s.valid_until)) : json::value()}};
}

json::object BandCounts() {
  json::object o;
  for (std::string_view b : kBands) o[b] = 0;
  o["total"] = 0;
  return o;
}

}  // namespace

namespace internal {

Status AddEstablishment(Tx& tx, json::object& unit) {
  const std::string id(unit.at("id").as_string());
  auto posts = tx.Query(
      "SELECT post, title_en, title_ar, band, authorised FROM establishment_posts WHERE unit = ? "
      "ORDER BY post",
      {id});
  if (!posts) return std::move(posts).error();
  json::array items;
  json::object authorised = BandCounts();
  for (const Row& r : *posts) {
    items.push_back(json::object{{"post", r.Text(0)},
                                 {"title_en", r.Text(1)},
                                 {"title_ar", r.Text(2)},
                                 {"band", r.Text(3)},
                                 {"authorised", r.Int(4)}});
    if (authorised.contains(r.Text(3))) {
      authorised[r.Text(3)] = authorised[r.Text(3)].as_int64() + r.Int(4);
    }
    authorised["total"] = authorised["total"].as_int64() + r.Int(4);
  }
  auto strength = tx.Query(
      "SELECT band, COUNT(*) FROM persons WHERE unit = ? AND status IN ('active', 'suspended') "
      "GROUP BY band",
      {id});
  if (!strength) return std::move(strength).error();
  json::object on_strength = BandCounts();
  for (const Row& r : *strength) {
    if (on_strength.contains(r.Text(0))) on_strength[r.Text(0)] = r.Int(1);
    on_strength["total"] = on_strength["total"].as_int64() + r.Int(1);
  }
  unit["posts"] = std::move(items);
  unit["authorised"] = std::move(authorised);
  unit["strength"] = std::move(on_strength);
  return OkStatus();
}

}  // namespace internal

Result<json::value> ReferenceJson(const Settings& s) {
  if (s.reference == nullptr) {
    return Error::Unavailable("the personnel reference data is not loaded on this server");
  }
  const Reference& ref = *s.reference;
  json::array services, ranks, bands, statuses, kinds, districts;
  for (const Service& sv : ref.services) {
    services.push_back(json::object{{"code", sv.code},
                                    {"name_en", sv.name_en},
                                    {"name_ar", sv.name_ar},
                                    {"name_he", sv.name_he}});
  }
  for (const Rank& r : ref.ranks) {
    ranks.push_back(json::object{{"code", r.code},
                                 {"band", r.band},
                                 {"grade", r.grade},
                                 {"title_en", r.title_en},
                                 {"title_ar", r.title_ar},
                                 {"title_he", r.title_he},
                                 {"monthly_pay", r.monthly_pay}});
  }
  for (std::string_view b : kBands) bands.emplace_back(b);
  for (std::string_view st : kStatuses) statuses.emplace_back(st);
  for (std::string_view k : kCareerKinds) kinds.emplace_back(k);
  if (s.geography != nullptr) {
    for (const requests::District& d : s.geography->districts()) {
      districts.push_back(json::object{{"pcode", d.pcode},
                                       {"name_en", d.name_en},
                                       {"name_ar", d.name_ar},
                                       {"name_he", d.name_he}});
    }
  }
  return json::value(json::object{{"services", std::move(services)},
                                  {"ranks", std::move(ranks)},
                                  {"bands", std::move(bands)},
                                  {"statuses", std::move(statuses)},
                                  {"career_event_kinds", std::move(kinds)},
                                  {"currency", ref.currency},
                                  {"districts", std::move(districts)}});
}

// --- Import --------------------------------------------------------------

Result<ImportCheck> DryRun(Tx& tx, const Principal& p, std::string_view csv, Micros now,
                           const Settings& s) {
  auto scope = RegistryScope(tx, s);
  if (!scope) return std::move(scope).error();
  LIAISON_TRY(Authorize(p, Action::kManagePersonnel, *scope));
  if (s.reference == nullptr) {
    return Error::Unavailable("the personnel reference data is not loaded on this server");
  }
  internal::TxRegistry registry(tx);
  ImportCheck check = CheckImport(csv, *s.reference, registry, {DateOf(now), kMaxListedIssues});
  LIAISON_TRY(registry.status());
  check.persons.clear();
  return check;
}

json::object ImportReportJson(const ImportCheck& check) {
  json::array errors;
  for (const ImportIssue& i : check.errors) {
    errors.push_back(
        json::object{{"row", i.row},
                     {"line", i.line},
                     {"column", i.column.empty() ? json::value() : json::value(i.column)},
                     {"code", i.code},
                     {"message", i.message}});
  }
  return json::object{{"rows", check.rows},
                      {"valid_rows", check.valid_rows},
                      {"error_count", check.error_count},
                      {"errors", std::move(errors)},
                      {"truncated", check.truncated}};
}

// --- Persons -------------------------------------------------------------

Result<PersonQuery> ParsePersonQuery(const QueryParam& get) {
  PersonQuery q;
  q.q = get("q").value_or("");
  while (!q.q.empty() && q.q.front() == ' ') q.q.erase(q.q.begin());
  while (!q.q.empty() && q.q.back() == ' ') q.q.pop_back();
  if (!IsCleanText(q.q, false) || CharCount(q.q) > kMaxQueryChars) {
    return Error::Invalid("/q", "q is at most 100 characters of text");
  }
  static constexpr std::string_view kStatusFilters[] = {"active",    "suspended", "retired",
                                                        "separated", "deceased",  "on_strength"};
  struct Set {
    const char* name;
    std::vector<std::string>* out;
    std::span<const std::string_view> allowed;
  };
  for (const Set& set :
       {Set{"service", &q.services, {}}, Set{"unit", &q.units, {}}, Set{"rank", &q.ranks, {}},
        Set{"band", &q.bands, kBands}, Set{"status", &q.statuses, kStatusFilters},
        Set{"district", &q.districts, {}}}) {
    auto values = ReadSet(get, set.name, set.allowed);
    if (!values) return std::move(values).error();
    *set.out = std::move(*values);
  }
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> Search(Tx& tx, const Principal& p, const PersonQuery& q, const Settings& s) {
  LIAISON_TRY(MayRead(tx, p, s));
  std::vector<SqlValue> params;
  std::string sql = PersonsSql(p, q, params);
  return QueryPage(
      tx, std::move(sql), std::move(params), "p.number", internal::kPNumber, q.limit, q.cursor,
      [](const Row& r) -> Result<json::value> { return json::value(internal::PersonJson(r)); });
}

Result<std::string> Export(Tx& tx, const Principal& p, const PersonQuery& q, const Settings& s) {
  LIAISON_TRY(MayRead(tx, p, s));
  std::string out(kUtf8Bom);
  std::vector<std::string_view> header{"id"};
  header.insert(header.end(), std::begin(kPersonColumns), std::end(kPersonColumns));
  AppendCsvRecord(out, header);
  std::vector<SqlValue> base;
  const std::string sql = PersonsSql(p, q, base) + " AND p.number > ? ORDER BY p.number LIMIT ?";
  std::int64_t after = 0;
  std::vector<std::string> cells(1 + std::size(kPersonColumns));
  std::vector<std::string_view> views(cells.size());
  for (;;) {
    std::vector<SqlValue> params = base;
    params.emplace_back(after);
    params.emplace_back(kExportPage);
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    using namespace internal;
    for (const Row& r : *rows) {
      const int columns[] = {kPId,        kPServiceNumber, kPNameAr,    kPNameEn, kPSex,
                             kPBirthDate, kPJoinedOn,      kPService,   kPUnit,   kPPost,
                             kPRank,      kPStatus,        kPEducation, kPNotes};
      for (size_t i = 0; i < cells.size(); ++i) {
        cells[i] = NeutraliseFormula(r.Text(static_cast<size_t>(columns[i])));
        views[i] = cells[i];
      }
      AppendCsvRecord(out, views);
      after = r.Int(kPNumber);
    }
    if (static_cast<std::int64_t>(rows->size()) < kExportPage) break;
  }
  return out;
}

Result<json::value> GetPerson(Tx& tx, const Principal& p, std::string_view id, Micros now,
                              const Settings& s) {
  LIAISON_TRY(MayRead(tx, p, s));
  std::vector<std::string> vis;
  const std::string sql = "SELECT " + std::string(kPersonSelect) +
                          ", u.name_en, u.name_ar FROM persons p LEFT JOIN org_units u ON "
                          "u.id = p.unit WHERE p.id = ? AND " +
                          RecordVisibilitySql(p, "p.party", "p.shared_with", vis);
  std::vector<SqlValue> params{std::string(id)};
  for (auto& v : vis) params.emplace_back(std::move(v));
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  if (rows->empty()) return Error::NotFound("no such person");
  const Row& r = rows->front();
  LIAISON_TRY(Authorize(
      p, Action::kReadPersonnel,
      liaison::Scope{r.Text(internal::kPParty), SplitShares(r.Text(internal::kPSharedWith))}));
  json::object out = internal::PersonJson(r);
  out["unit_name_en"] = TextOrNull(r, internal::kPersonColumnCount);
  out["unit_name_ar"] = TextOrNull(r, internal::kPersonColumnCount + 1);
  const Reference* ref = s.reference;
  const Rank* rank = ref != nullptr ? ref->FindRank(r.Text(internal::kPRank)) : nullptr;
  const Service* service = ref != nullptr ? ref->FindService(r.Text(internal::kPService)) : nullptr;
  auto or_null = [](bool has, const std::string& v) {
    return has ? json::value(v) : json::value();
  };
  out["rank_title_en"] = or_null(rank != nullptr, rank ? rank->title_en : "");
  out["rank_title_ar"] = or_null(rank != nullptr, rank ? rank->title_ar : "");
  out["rank_title_he"] = or_null(rank != nullptr, rank ? rank->title_he : "");
  out["service_name_en"] = or_null(service != nullptr, service ? service->name_en : "");
  out["service_name_ar"] = or_null(service != nullptr, service ? service->name_ar : "");
  auto person = vetting::StandingOf(tx, "person", id, now);
  if (!person) return std::move(person).error();
  auto unit = vetting::StandingOf(tx, "unit", r.Text(internal::kPUnit), now);
  if (!unit) return std::move(unit).error();
  json::value vetting = StandingJson(*person);
  vetting.as_object()["unit"] = StandingJson(*unit);
  out["vetting"] = std::move(vetting);
  // What the person is qualified in, and until when (docs/training.md).
  auto qualifications = training::QualificationsOf(tx, id, now);
  if (!qualifications) return std::move(qualifications).error();
  out["qualifications"] = std::move(*qualifications);
  return json::value(std::move(out));
}

Result<json::value> CareerEventsOf(Tx& tx, const Principal& p, std::string_view id,
                                   const Settings& s) {
  LIAISON_TRY(MayRead(tx, p, s));
  auto person = FindPerson(tx, id);
  if (!person) return std::move(person).error();
  if (!person->has_value() ||
      !CanSee(p, liaison::Scope{(*person)->party, SplitShares((*person)->shared_with)})) {
    return Error::NotFound("no such person");
  }
  auto rows = tx.Query(
      "SELECT seq, idx, kind, effective, author, at, data, note FROM career_events "
      "WHERE person = ? ORDER BY effective, seq, idx",
      {std::string(id)});
  if (!rows) return std::move(rows).error();
  json::array items;
  for (const Row& r : *rows) {
    json::value changes = StoredJson(r, 6);
    if (r.Text(2) == "appointment" && changes.is_object()) {
      // The appointment holds the whole registration; its changes are the
      // career's starting state.
      json::object start;
      for (std::string_view key :
           {"rank", "band", "unit", "service", "district", "post", "status"}) {
        if (const json::value* v = changes.as_object().if_contains(key)) start[key] = *v;
      }
      changes = std::move(start);
    }
    items.push_back(json::object{{"seq", r.Int(0)},
                                 {"idx", r.Int(1)},
                                 {"kind", r.Text(2)},
                                 {"effective", r.Text(3)},
                                 {"author", r.Text(4)},
                                 {"at", FormatRfc3339(r.Int(5))},
                                 {"changes", std::move(changes)},
                                 {"note", TextOrNull(r, 7)}});
  }
  return json::value(json::object{{"items", std::move(items)}, {"next", nullptr}});
}

// --- Establishment -------------------------------------------------------

Result<UnitQuery> ParseUnitQuery(const QueryParam& get) {
  UnitQuery q;
  auto services = ReadSet(get, "service");
  if (!services) return std::move(services).error();
  q.services = std::move(*services);
  auto districts = ReadSet(get, "district");
  if (!districts) return std::move(districts).error();
  q.districts = std::move(*districts);
  LIAISON_TRY(ParsePageParams(get, &q.limit, &q.cursor));
  return q;
}

Result<json::value> Establishment(Tx& tx, const Principal& p, const UnitQuery& q,
                                  const Settings& s) {
  LIAISON_TRY(MayRead(tx, p, s));
  std::vector<std::string> vis;
  std::string sql = "SELECT " + std::string(kUnitSelect) + " FROM org_units u WHERE " +
                    RecordVisibilitySql(p, "u.party", "u.shared_with", vis);
  std::vector<SqlValue> params(vis.begin(), vis.end());
  AppendIn(sql, params, "u.service", q.services);
  AppendIn(sql, params, "u.district", q.districts);
  auto page = QueryPage(
      tx, std::move(sql), std::move(params), "u.created_seq", internal::kUCreatedSeq, q.limit,
      q.cursor,
      [](const Row& r) -> Result<json::value> { return json::value(internal::UnitJson(r)); });
  if (!page) return page;
  for (json::value& unit : page->as_object()["items"].as_array()) {
    LIAISON_TRY(internal::AddEstablishment(tx, unit.as_object()));
  }
  return page;
}

}  // namespace liaison::personnel

#include "domain/personnel/analytics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>

#include "authz/policy.hpp"
#include "core/time.hpp"

namespace liaison::personnel {
namespace {

// On strength: what every figure counts. Each query runs once per status so
// that its GROUP BY follows the index (a status IN (...) would need a sort).
constexpr std::string_view kOnStrength[] = {"active", "suspended"};

constexpr std::int64_t kDefaultVacancyPage = 50;
constexpr size_t kMaxDistrictBytes = 16;
constexpr int kMinRetirementAge = 30, kMaxRetirementAge = 90;
constexpr int kMinServiceYears = 5, kMaxServiceYears = 60;
// Shares and ratios are given to four decimals: a hundredth of a percent.
constexpr double kShareScale = 10'000;

double Round4(double v) { return std::round(v * kShareScale) / kShareScale; }

json::value TextOrNull(std::string_view v) {
  return v.empty() ? json::value(nullptr) : json::value(v);
}

template <class T>
json::object BandObject(const std::array<T, kBandCount>& v, bool round = false) {
  json::object o;
  for (size_t i = 0; i < kBandCount; ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      o[kBands[i]] = round ? Round4(v[i]) : v[i];
    } else {
      o[kBands[i]] = v[i];
    }
  }
  return o;
}

std::optional<std::int64_t> ParseInt(std::string_view v) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size()) return std::nullopt;
  return n;
}

// " AND service = ? AND district = ?" for the filters that are set.
void AppendFilter(std::string& sql, std::vector<SqlValue>& params, const AnalyticsFilter& f) {
  if (!f.service.empty()) {
    sql += " AND service = ?";
    params.emplace_back(f.service);
  }
  if (!f.district.empty()) {
    sql += " AND district = ?";
    params.emplace_back(f.district);
  }
}

// One group of persons on strength.
struct StrengthCell {
  std::string status, service, district, band, rank;  // rank: empty unless asked for
  std::int64_t count = 0;
};

// The persons on strength grouped by service, district and band, and with
// `by_rank` by rank too: a few thousand cells at most, read from
// persons_by_service (or, with a district filter, persons_by_district) in
// index order. Only the payroll needs the rank; a shorter group key is a
// quarter cheaper per person.
Result<std::vector<StrengthCell>> StrengthOf(Tx& tx, const AnalyticsFilter& f, bool by_rank) {
  const std::string columns = by_rank ? "service, district, band, rank" : "service, district, band";
  std::vector<StrengthCell> cells;
  for (std::string_view status : kOnStrength) {
    std::string sql = "SELECT " + columns + ", COUNT(*) FROM persons WHERE status = ?";
    std::vector<SqlValue> params{std::string(status)};
    AppendFilter(sql, params, f);
    sql += " GROUP BY " + columns;
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      StrengthCell c{std::string(status), r.Text(0), r.Text(1), r.Text(2), {}, 0};
      if (by_rank) c.rank = r.Text(3);
      c.count = r.Int(by_rank ? 4 : 3);
      cells.push_back(std::move(c));
    }
  }
  return cells;
}

// The services to list: the reference's, in its order, then any other code
// the data holds (sorted); only the filtered one when filtered.
std::vector<std::string> ServicesToList(const Settings& s, const AnalyticsFilter& f,
                                        const std::map<std::string, std::int64_t>& present) {
  if (!f.service.empty()) return {f.service};
  std::vector<std::string> out;
  std::set<std::string> listed;
  if (s.reference != nullptr) {
    for (const Service& svc : s.reference->services) {
      out.push_back(svc.code);
      listed.insert(svc.code);
    }
  }
  for (const auto& [code, n] : present) {
    if (!listed.contains(code)) out.push_back(code);
  }
  return out;
}

// The districts to list, likewise from the geography; "" (units without a
// district) last, only when it holds anyone.
std::vector<std::string> DistrictsToList(const Settings& s, const AnalyticsFilter& f,
                                         const std::map<std::string, std::int64_t>& present) {
  if (!f.district.empty()) return {f.district};
  std::vector<std::string> out;
  std::set<std::string> listed;
  if (s.geography != nullptr) {
    for (const requests::District& d : s.geography->districts()) {
      out.push_back(d.pcode);
      listed.insert(d.pcode);
    }
  }
  for (const auto& [code, n] : present) {
    if (!code.empty() && !listed.contains(code)) out.push_back(code);
  }
  if (present.contains("")) out.emplace_back();
  return out;
}

json::object ServiceNames(const Settings& s, const std::string& code) {
  const Service* svc = s.reference != nullptr ? s.reference->FindService(code) : nullptr;
  return json::object{{"service", code},
                      {"name_en", svc != nullptr ? json::value(svc->name_en) : nullptr},
                      {"name_ar", svc != nullptr ? json::value(svc->name_ar) : nullptr}};
}

json::object DistrictNames(const Settings& s, const std::string& code) {
  const requests::District* d =
      s.geography != nullptr && !code.empty() ? s.geography->FindDistrict(code) : nullptr;
  return json::object{{"district", TextOrNull(code)},
                      {"name_en", d != nullptr ? json::value(d->name_en) : nullptr},
                      {"name_ar", d != nullptr ? json::value(d->name_ar) : nullptr}};
}

template <class T>
T Get(const std::map<std::string, T>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? T{} : it->second;
}

json::object PyramidJson(const BandCounts& counts, const BandShares& target) {
  const BandShares share = SharesOf(counts);
  BandShares deviation{};
  for (size_t i = 0; i < kBandCount; ++i) deviation[i] = share[i] - target[i];
  const std::optional<BandShares> per_officer = PerOfficer(counts);
  json::object o = BandObject(counts);
  o["total"] = Total(counts);
  o["share"] = BandObject(share, true);
  o["target_share"] = BandObject(target, true);
  o["deviation"] = BandObject(deviation, true);
  o["per_officer"] = per_officer ? json::value(BandObject(*per_officer, true)) : nullptr;
  return o;
}

// The vacancy cursor: "<band>:<unit>" of the last item of a page.
std::string VacancyCursor(std::string_view unit, size_t band) {
  return std::string(kBands[band]) + ":" + std::string(unit);
}

std::optional<std::pair<std::string, size_t>> ParseVacancyCursor(std::string_view cursor) {
  const size_t colon = cursor.find(':');
  if (colon == std::string_view::npos || colon + 1 == cursor.size()) return std::nullopt;
  const auto band = BandIndex(cursor.substr(0, colon));
  if (!band) return std::nullopt;
  return std::make_pair(std::string(cursor.substr(colon + 1)), *band);
}

Result<int> IntParam(const QueryParam& get, const char* key, int min, int max, int fallback) {
  auto v = get(key);
  if (!v) return fallback;
  const auto n = ParseInt(*v);
  if (!n || *n < min || *n > max) {
    return Error::Invalid(std::string("/") + key, std::string(key) + " must be an integer from " +
                                                      std::to_string(min) + " to " +
                                                      std::to_string(max));
  }
  return static_cast<int>(*n);
}

}  // namespace

Result<AnalyticsFilter> ParseAnalyticsFilter(const QueryParam& get, const Settings& s) {
  AnalyticsFilter f;
  if (auto v = get("service"); v && !v->empty()) {
    const bool known = s.reference == nullptr || s.reference->services.empty() ||
                       s.reference->FindService(*v) != nullptr;
    if (!known) return Error::Invalid("/service", "service must be a service code");
    f.service = *v;
  }
  if (auto v = get("district"); v && !v->empty()) {
    // Without the geography loaded any short code is taken as given.
    const bool known = s.geography == nullptr || s.geography->districts().empty()
                           ? v->size() <= kMaxDistrictBytes
                           : s.geography->FindDistrict(*v) != nullptr;
    if (!known) return Error::Invalid("/district", "district must be a governorate P-code");
    f.district = *v;
  }
  return f;
}

Status CheckAnalyticsAccess(Tx& tx, const Principal& p, const Settings& s) {
  auto scope = RegistryScope(tx, s);
  if (!scope) return std::move(scope).error();
  const Decision d = Can(p, Action::kReadPersonnelAnalytics, *scope);
  if (!d) return Error::Denied(d.reason);
  return OkStatus();
}

Result<json::value> Headcount(Tx& tx, const Principal& p, const AnalyticsFilter& f,
                              const Settings& s) {
  LIAISON_TRY(CheckAnalyticsAccess(tx, p, s));
  auto cells = StrengthOf(tx, f, /*by_rank=*/false);
  if (!cells) return std::move(cells).error();
  std::int64_t total = 0, suspended = 0;
  std::map<std::string, std::int64_t> by_service, by_district;
  std::map<std::string, BandCounts> by_service_band;
  BandCounts by_band{};
  for (const StrengthCell& c : *cells) {
    total += c.count;
    if (c.status == "suspended") suspended += c.count;
    by_service[c.service] += c.count;
    by_district[c.district] += c.count;
    if (auto b = BandIndex(c.band)) {
      by_band[*b] += c.count;
      by_service_band[c.service][*b] += c.count;
    }
  }
  json::array services, districts, bands, service_bands;
  for (const std::string& code : ServicesToList(s, f, by_service)) {
    json::object o = ServiceNames(s, code);
    o["count"] = Get(by_service, code);
    services.push_back(std::move(o));
    const BandCounts counts = Get(by_service_band, code);
    for (size_t i = 0; i < kBandCount; ++i) {
      service_bands.push_back(
          json::object{{"service", code}, {"band", kBands[i]}, {"count", counts[i]}});
    }
  }
  for (const std::string& code : DistrictsToList(s, f, by_district)) {
    json::object o = DistrictNames(s, code);
    o["count"] = Get(by_district, code);
    districts.push_back(std::move(o));
  }
  for (size_t i = 0; i < kBandCount; ++i) {
    bands.push_back(json::object{{"band", kBands[i]}, {"count", by_band[i]}});
  }
  return json::value(json::object{{"service", TextOrNull(f.service)},
                                  {"district", TextOrNull(f.district)},
                                  {"total", total},
                                  {"active", total - suspended},
                                  {"suspended", suspended},
                                  {"by_service", std::move(services)},
                                  {"by_district", std::move(districts)},
                                  {"by_band", std::move(bands)},
                                  {"by_service_band", std::move(service_bands)}});
}

Result<PyramidQuery> ParsePyramidQuery(const QueryParam& get, const Settings& s) {
  auto f = ParseAnalyticsFilter(get, s);
  if (!f) return std::move(f).error();
  PyramidQuery q{std::move(*f), s.target_ratio};
  if (auto v = get("target"); v && !v->empty()) {
    auto ratio = ParseTargetRatio(*v);
    if (!ratio) {
      return Error::Invalid("/target",
                            "target must be three positive numbers officer:nco:enlisted, e.g. "
                            "1:3:6");
    }
    q.target = *ratio;
  }
  return q;
}

Result<json::value> RankPyramid(Tx& tx, const Principal& p, const PyramidQuery& q,
                                const Settings& s) {
  LIAISON_TRY(CheckAnalyticsAccess(tx, p, s));
  auto cells = StrengthOf(tx, q.filter, /*by_rank=*/false);
  if (!cells) return std::move(cells).error();
  std::map<std::string, BandCounts> per_service;
  std::map<std::string, std::int64_t> present;
  BandCounts all{};
  for (const StrengthCell& c : *cells) {
    const auto b = BandIndex(c.band);
    if (!b) continue;
    per_service[c.service][*b] += c.count;
    present[c.service] += c.count;
    all[*b] += c.count;
  }
  const BandShares target = SharesOf(q.target);
  json::array items;
  for (const std::string& code : ServicesToList(s, q.filter, present)) {
    const BandCounts counts = Get(per_service, code);
    if (Total(counts) == 0) continue;
    json::object o = ServiceNames(s, code);
    for (const auto& member : PyramidJson(counts, target)) o[member.key()] = member.value();
    items.push_back(std::move(o));
  }
  return json::value(json::object{{"service", TextOrNull(q.filter.service)},
                                  {"district", TextOrNull(q.filter.district)},
                                  {"target", json::object{{"officer", q.target.officer},
                                                          {"nco", q.target.nco},
                                                          {"enlisted", q.target.enlisted}}},
                                  {"target_share", BandObject(target, true)},
                                  {"items", std::move(items)},
                                  {"all", PyramidJson(all, target)}});
}

Result<VacancyQuery> ParseVacancyQuery(const QueryParam& get, const Settings& s) {
  auto f = ParseAnalyticsFilter(get, s);
  if (!f) return std::move(f).error();
  VacancyQuery q;
  q.filter = std::move(*f);
  q.limit = kDefaultVacancyPage;
  if (auto v = get("only"); v && !v->empty()) {
    if (*v != "vacant" && *v != "over") {
      return Error::Invalid("/only", "only must be vacant or over");
    }
    q.only = *v;
  }
  // The cursor here is a key, not a sequence number: ParsePageParams reads
  // only the limit.
  const QueryParam limit_only = [&get](std::string_view key) -> std::optional<std::string> {
    if (key == "cursor") return std::nullopt;
    return get(key);
  };
  std::optional<std::int64_t> unused;
  LIAISON_TRY(ParsePageParams(limit_only, &q.limit, &unused));
  if (auto v = get("cursor"); v && !v->empty()) {
    if (!ParseVacancyCursor(*v)) {
      return Error::Invalid("/cursor", "cursor must be the next value of a previous page");
    }
    q.cursor = *v;
  }
  return q;
}

Result<json::value> Vacancies(Tx& tx, const Principal& p, const VacancyQuery& q,
                              const Settings& s) {
  LIAISON_TRY(CheckAnalyticsAccess(tx, p, s));
  struct Cell {
    std::int64_t authorised = 0, filled = 0;
  };
  // Keyed by (unit, band index): the order of the answer.
  std::map<std::pair<std::string, size_t>, Cell> cells;
  auto posts =
      tx.Query("SELECT unit, band, SUM(authorised) FROM establishment_posts GROUP BY unit, band");
  if (!posts) return std::move(posts).error();
  for (const Row& r : *posts) {
    if (auto b = BandIndex(r.Text(1))) cells[{r.Text(0), *b}].authorised += r.Int(2);
  }
  for (std::string_view status : kOnStrength) {
    auto rows =
        tx.Query("SELECT unit, band, COUNT(*) FROM persons WHERE status = ? GROUP BY unit, band",
                 {std::string(status)});
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      if (auto b = BandIndex(r.Text(1))) cells[{r.Text(0), *b}].filled += r.Int(2);
    }
  }
  struct UnitInfo {
    std::string name_en, name_ar, service, district;
  };
  std::map<std::string, UnitInfo> units;
  {
    std::string sql =
        "SELECT id, name_en, name_ar, service, district FROM org_units WHERE party = ?";
    std::vector<SqlValue> params{s.registry_party};
    AppendFilter(sql, params, q.filter);
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      units.emplace(r.Text(0), UnitInfo{r.Text(1), r.Text(2), r.Text(3), r.Text(4)});
    }
  }
  const bool filtered = !q.filter.service.empty() || !q.filter.district.empty();
  std::optional<std::pair<std::string, size_t>> after;
  if (q.cursor) after = ParseVacancyCursor(*q.cursor);

  std::int64_t authorised = 0, filled = 0, vacant = 0, over = 0;
  json::array items;
  std::optional<std::pair<std::string, size_t>> last;
  bool more = false;
  for (const auto& [key, cell] : cells) {
    const auto& [unit, band] = key;
    const auto info = units.find(unit);
    // A unit outside the filter, or (filtered) one not in the unit tree.
    if (info == units.end() && filtered) continue;
    const std::int64_t cell_vacant = std::max<std::int64_t>(cell.authorised - cell.filled, 0);
    const std::int64_t cell_over = std::max<std::int64_t>(cell.filled - cell.authorised, 0);
    if (q.only == "vacant" && cell_vacant == 0) continue;
    if (q.only == "over" && cell_over == 0) continue;
    if (cell.authorised == 0 && cell.filled == 0) continue;
    authorised += cell.authorised;
    filled += cell.filled;
    vacant += cell_vacant;
    over += cell_over;
    if (after && key <= *after) continue;
    if (static_cast<std::int64_t>(items.size()) == q.limit) {
      more = true;
      continue;
    }
    const UnitInfo none;
    const UnitInfo& u = info == units.end() ? none : info->second;
    items.push_back(json::object{{"unit", unit},
                                 {"name_en", TextOrNull(u.name_en)},
                                 {"name_ar", TextOrNull(u.name_ar)},
                                 {"service", TextOrNull(u.service)},
                                 {"district", TextOrNull(u.district)},
                                 {"band", kBands[band]},
                                 {"authorised", cell.authorised},
                                 {"filled", cell.filled},
                                 {"vacant", cell_vacant},
                                 {"over", cell_over}});
    last = key;
  }
  return json::value(json::object{
      {"items", std::move(items)},
      {"totals",
       json::object{
           {"authorised", authorised}, {"filled", filled}, {"vacant", vacant}, {"over", over}}},
      {"next", more && last ? json::value(VacancyCursor(last->first, last->second)) : nullptr}});
}

Result<RetirementQuery> ParseRetirementQuery(const QueryParam& get, const Settings& s) {
  auto f = ParseAnalyticsFilter(get, s);
  if (!f) return std::move(f).error();
  RetirementQuery q{std::move(*f), s.retirement};
  auto age = IntParam(get, "age", kMinRetirementAge, kMaxRetirementAge, s.retirement.age);
  if (!age) return std::move(age).error();
  auto years = IntParam(get, "service_years", kMinServiceYears, kMaxServiceYears,
                        s.retirement.service_years);
  if (!years) return std::move(years).error();
  q.rules = RetirementRules{*age, *years};
  return q;
}

Result<json::value> Retirements(Tx& tx, const Principal& p, const RetirementQuery& q, Micros now,
                                const Settings& s) {
  LIAISON_TRY(CheckAnalyticsAccess(tx, p, s));
  const std::optional<int> this_year = YearOfDate(FormatRfc3339(now));
  if (!this_year) return Error::Internal("the clock's year is unreadable");
  RetirementForecast forecast(*this_year, q.rules);
  std::int64_t persons = 0;
  for (std::string_view status : kOnStrength) {
    // The expressions are persons_retirement's own, so the index serves the
    // grouping and no row is read from the table.
    std::string sql =
        "SELECT substr(birth_date, 1, 4), substr(joined_on, 1, 4), band, COUNT(*) FROM persons "
        "WHERE status = ?";
    std::vector<SqlValue> params{std::string(status)};
    AppendFilter(sql, params, q.filter);
    sql += " GROUP BY substr(birth_date, 1, 4), substr(joined_on, 1, 4), band";
    auto rows = tx.Query(sql, params);
    if (!rows) return std::move(rows).error();
    for (const Row& r : *rows) {
      const auto born = YearOfDate(r.Text(0));
      const auto joined = YearOfDate(r.Text(1));
      persons += r.Int(3);
      // The registry validates both dates; an unreadable one is left out of
      // the forecast rather than guessed.
      if (!born || !joined) continue;
      forecast.Add(*born, *joined, BandIndex(r.Text(2)).value_or(kBandCount), r.Int(3));
    }
  }
  json::array years;
  for (const RetirementForecast::Year& y : forecast.years()) {
    years.push_back(
        json::object{{"year", y.year},
                     {"count", y.count},
                     {"by_band", BandObject(y.by_band)},
                     {"by_reason", json::object{{"age", y.by_age}, {"service", y.by_service}}}});
  }
  return json::value(json::object{
      {"service", TextOrNull(q.filter.service)},
      {"district", TextOrNull(q.filter.district)},
      {"rules", json::object{{"age", q.rules.age}, {"service_years", q.rules.service_years}}},
      {"from_year", *this_year},
      {"to_year", *this_year + kForecastYears - 1},
      {"years", std::move(years)},
      {"overdue", forecast.overdue()},
      {"overdue_by_band", BandObject(forecast.overdue_by_band())},
      {"later", forecast.later()},
      {"persons", persons}});
}

Result<json::value> Payroll(Tx& tx, const Principal& p, const AnalyticsFilter& f,
                            const Settings& s) {
  LIAISON_TRY(CheckAnalyticsAccess(tx, p, s));
  auto cells = StrengthOf(tx, f, /*by_rank=*/true);
  if (!cells) return std::move(cells).error();
  struct Line {
    std::int64_t persons = 0, monthly = 0;
  };
  std::map<std::string, Line> by_service, by_rank;
  std::array<Line, kBandCount> by_band{};
  Line total;
  std::int64_t unpriced = 0;
  for (const StrengthCell& c : *cells) {
    const Rank* rank = s.reference != nullptr ? s.reference->FindRank(c.rank) : nullptr;
    const std::int64_t monthly = rank != nullptr ? MonthlyCost(c.count, rank->monthly_pay) : 0;
    if (rank == nullptr) unpriced += c.count;
    for (Line* line : {&total, &by_service[c.service], &by_rank[c.rank]}) {
      line->persons += c.count;
      line->monthly += monthly;
    }
    if (auto b = BandIndex(c.band)) {
      by_band[*b].persons += c.count;
      by_band[*b].monthly += monthly;
    }
  }
  std::map<std::string, std::int64_t> present;
  for (const auto& [code, line] : by_service) present[code] = line.persons;
  json::array services, bands, ranks;
  for (const std::string& code : ServicesToList(s, f, present)) {
    const Line line = Get(by_service, code);
    json::object o = ServiceNames(s, code);
    o["persons"] = line.persons;
    o["monthly"] = line.monthly;
    o["annual"] = AnnualCost(line.monthly);
    services.push_back(std::move(o));
  }
  for (size_t i = 0; i < kBandCount; ++i) {
    bands.push_back(json::object{{"band", kBands[i]},
                                 {"persons", by_band[i].persons},
                                 {"monthly", by_band[i].monthly},
                                 {"annual", AnnualCost(by_band[i].monthly)}});
  }
  // Every rank of the pay scale, lowest grade first, then ranks the data
  // holds without one.
  std::set<std::string> listed;
  auto rank_item = [&](const std::string& code, const Rank* rank) {
    const Line line = Get(by_rank, code);
    listed.insert(code);
    ranks.push_back(
        json::object{{"rank", code},
                     {"band", rank != nullptr ? json::value(rank->band) : nullptr},
                     {"title_en", rank != nullptr ? json::value(rank->title_en) : nullptr},
                     {"title_ar", rank != nullptr ? json::value(rank->title_ar) : nullptr},
                     {"persons", line.persons},
                     {"monthly_pay", rank != nullptr ? json::value(rank->monthly_pay) : nullptr},
                     {"monthly", line.monthly},
                     {"annual", AnnualCost(line.monthly)}});
  };
  if (s.reference != nullptr) {
    for (const Rank& rank : s.reference->ranks) rank_item(rank.code, &rank);
  }
  for (const auto& [code, line] : by_rank) {
    if (!listed.contains(code)) rank_item(code, nullptr);
  }
  return json::value(json::object{
      {"service", TextOrNull(f.service)},
      {"district", TextOrNull(f.district)},
      {"currency", s.reference != nullptr ? TextOrNull(s.reference->currency) : nullptr},
      {"persons", total.persons},
      {"monthly_total", total.monthly},
      {"annual_total", AnnualCost(total.monthly)},
      {"unpriced", unpriced},
      {"by_service", std::move(services)},
      {"by_band", std::move(bands)},
      {"by_rank", std::move(ranks)}});
}

}  // namespace liaison::personnel

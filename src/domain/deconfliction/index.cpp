#include "domain/deconfliction/index.hpp"

#include <charconv>
#include <cstdio>
#include <mutex>

#include "domain/footprint.hpp"
#include "geo/geojson.hpp"

namespace liaison::deconfliction {
namespace {

// Engine ids: kind tag * 10^14 + year * 10^9 + number. Record numbers are at
// most 999,999 a year (NextRecordNumber), so ids never collide.
constexpr std::uint64_t kTagScale = 100'000'000'000'000ULL;
constexpr std::uint64_t kYearScale = 1'000'000'000ULL;

struct Prefix {
  std::string_view text;
  std::uint64_t tag;
};
constexpr Prefix kPrefixes[] = {{"ACT-", 1}, {"REQ-", 2}};

// A protected site without a window is in force from 1970 to 2100.
constexpr Micros kAlwaysStart = 0;
constexpr Micros kAlwaysEnd = Micros{4'102'444'800} * kMicrosPerSecond;

bool ParseDigits(std::string_view s, std::uint64_t* out) {
  if (s.empty()) return false;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

deconflict::Footprint SiteFootprint(geo::Geometry g, double buffer_m, std::optional<Micros> start,
                                    std::optional<Micros> end) {
  return deconflict::Footprint{std::move(g), buffer_m, start.value_or(kAlwaysStart),
                               end.value_or(kAlwaysEnd)};
}

std::optional<std::uint64_t> EngineId(std::string_view ref) {
  for (const Prefix& p : kPrefixes) {
    if (!ref.starts_with(p.text)) continue;
    const std::string_view rest = ref.substr(p.text.size());
    if (rest.size() < 6 || rest[4] != '-') return std::nullopt;
    std::uint64_t year = 0, number = 0;
    if (!ParseDigits(rest.substr(0, 4), &year) || !ParseDigits(rest.substr(5), &number) ||
        number >= kYearScale) {
      return std::nullopt;
    }
    return p.tag * kTagScale + year * kYearScale + number;
  }
  return std::nullopt;
}

std::string RefOf(std::uint64_t engine_id) {
  const std::uint64_t tag = engine_id / kTagScale;
  const std::uint64_t year = engine_id % kTagScale / kYearScale;
  const std::uint64_t number = engine_id % kYearScale;
  std::string_view prefix = "?-";
  for (const Prefix& p : kPrefixes) {
    if (p.tag == tag) prefix = p.text;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*s%04llu-%06llu", static_cast<int>(prefix.size()),
                prefix.data(), static_cast<unsigned long long>(year),
                static_cast<unsigned long long>(number));
  return buf;
}

Index::Index(deconflict::Options options, deconflict::RuleTable rules)
    : options_(options),
      records_(options, std::move(rules)),
      // Sites are checked against every activity, whoever registered them.
      sites_(deconflict::Options{0, 0, /*same_party=*/true}, deconflict::RuleTable{}) {}

Result<std::size_t> Index::Load(Tx& tx, Micros now) {
  std::vector<deconflict::Entry> records;
  std::vector<deconflict::Entry> sites;
  const Micros horizon = now - options_.margin_time;
  // Open requests, each as requests::FootprintChange::kind says.
  auto rows = tx.Query(
      "SELECT id, party, kind, footprint FROM ("
      "  SELECT id, party, kind, footprint, window_end FROM activities WHERE state = 'planned'"
      "  UNION ALL"
      "  SELECT id, from_party, CASE WHEN type IN ('movement', 'medical') THEN 'movement' "
      "         ELSE 'other' END, footprint, window_end FROM requests"
      "  WHERE footprint IS NOT NULL AND closed_at IS NULL)"
      " WHERE window_end >= ?",
      {horizon});
  if (!rows) return std::move(rows).error();
  records.reserve(rows->size());
  for (const Row& r : *rows) {
    const auto id = EngineId(r.Text(0));
    auto fp = StoredFootprint(r.Text(3));
    if (!id || !fp) return Error::Internal("record " + r.Text(0) + " cannot be indexed");
    records.push_back({*id, r.Text(1), r.Text(2), std::move(*fp)});
  }
  auto site_rows = tx.Query(
      "SELECT number, geometry, buffer_m, window_start, window_end FROM protected_sites", {});
  if (!site_rows) return std::move(site_rows).error();
  for (const Row& r : *site_rows) {
    auto object = ParseObject(r.Text(1));
    if (!object) return Error::Internal("a protected site's geometry is not JSON");
    auto g = geo::ParseGeometry(*object, "");
    if (!g) return Error::Internal("a protected site's geometry does not read back");
    sites.push_back({static_cast<std::uint64_t>(r.Int(0)), "site", "site",
                     SiteFootprint(std::move(*g), r.Real(2),
                                   r.IsNull(3) ? std::nullopt : std::optional<Micros>(r.Int(3)),
                                   r.IsNull(4) ? std::nullopt : std::optional<Micros>(r.Int(4)))});
  }
  std::unique_lock lock(mu_);
  sites_.Build(std::move(sites));
  return records_.Build(std::move(records));
}

void Index::Set(std::uint64_t id, const std::optional<Placed>& placed) {
  std::unique_lock lock(mu_);
  if (!placed) {
    records_.Remove(id);
  } else if (!records_.Update({id, placed->party, placed->kind, placed->fp})) {
    records_.Insert({id, placed->party, placed->kind, placed->fp});
  }
}

void Index::Put(CommandContext& ctx, std::string_view ref, std::optional<Placed> before,
                std::optional<Placed> after) {
  const std::optional<std::uint64_t> id = EngineId(ref);
  if (!id) return;
  Set(*id, after);
  ctx.undo.push_back([this, id = *id, before = std::move(before)] { Set(id, before); });
}

void Index::PutSite(CommandContext& ctx, std::int64_t number, deconflict::Footprint fp) {
  const auto id = static_cast<std::uint64_t>(number);
  {
    std::unique_lock lock(mu_);
    sites_.Insert({id, "site", "site", std::move(fp)});
  }
  ctx.undo.push_back([this, id] {
    std::unique_lock lock(mu_);
    sites_.Remove(id);
  });
}

std::vector<deconflict::Hit> Index::Check(const deconflict::Footprint& fp, std::string_view party,
                                          std::string_view kind,
                                          std::optional<std::string_view> exclude) const {
  std::optional<std::uint64_t> excluded;
  if (exclude) excluded = EngineId(*exclude);
  std::shared_lock lock(mu_);
  return records_.Check(fp, party, kind, excluded);
}

std::vector<SiteHit> Index::NearSites(const deconflict::Footprint& fp) const {
  std::vector<deconflict::Hit> hits;
  {
    std::shared_lock lock(mu_);
    hits = sites_.Check(fp, "activity", "activity", std::nullopt);
  }
  std::vector<SiteHit> out;
  out.reserve(hits.size());
  for (const auto& h : hits) out.push_back({static_cast<std::int64_t>(h.id), h.distance_m});
  return out;
}

void Index::SetRules(deconflict::RuleTable rules, bool same_party) {
  std::unique_lock lock(mu_);
  options_.same_party = same_party;
  records_.SetRules(std::move(rules), same_party);
}

std::size_t Index::ExpireBefore(Micros t) {
  std::unique_lock lock(mu_);
  return records_.ExpireBefore(t) + sites_.ExpireBefore(t);
}

std::size_t Index::size() const {
  std::shared_lock lock(mu_);
  return records_.size();
}

}  // namespace liaison::deconfliction

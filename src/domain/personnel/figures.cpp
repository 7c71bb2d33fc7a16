#include "domain/personnel/figures.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace liaison::personnel {

std::optional<size_t> BandIndex(std::string_view band) {
  for (size_t i = 0; i < kBandCount; ++i) {
    if (kBands[i] == band) return i;
  }
  return std::nullopt;
}

std::int64_t Total(const BandCounts& counts) {
  std::int64_t total = 0;
  for (std::int64_t n : counts) total += n;
  return total;
}

BandShares SharesOf(const BandCounts& counts) {
  BandShares out{};
  const std::int64_t total = Total(counts);
  if (total == 0) return out;
  for (size_t i = 0; i < kBandCount; ++i) {
    out[i] = static_cast<double>(counts[i]) / static_cast<double>(total);
  }
  return out;
}

BandShares SharesOf(const BandRatio& target) {
  const double total = target.officer + target.nco + target.enlisted;
  if (!(total > 0)) return BandShares{};
  return BandShares{target.officer / total, target.nco / total, target.enlisted / total};
}

std::optional<BandShares> PerOfficer(const BandCounts& counts) {
  if (counts[0] == 0) return std::nullopt;
  BandShares out{};
  for (size_t i = 0; i < kBandCount; ++i) {
    out[i] = static_cast<double>(counts[i]) / static_cast<double>(counts[0]);
  }
  return out;
}

std::optional<BandRatio> ParseTargetRatio(std::string_view text) {
  // A part is a plain decimal: digits with at most one '.', no sign, no
  // exponent; the whole ratio at most a few characters per part.
  constexpr size_t kMaxPartChars = 12;
  std::array<double, kBandCount> parts{};
  for (size_t i = 0; i < kBandCount; ++i) {
    const size_t colon = text.find(':');
    const bool last = i + 1 == kBandCount;
    if (last != (colon == std::string_view::npos)) return std::nullopt;
    const std::string_view part = text.substr(0, colon);
    if (part.empty() || part.size() > kMaxPartChars) return std::nullopt;
    if (std::count(part.begin(), part.end(), '.') > 1 ||
        !std::all_of(part.begin(), part.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; })) {
      return std::nullopt;
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
    if (ec != std::errc() || end != part.data() + part.size() || !(v > 0) || !std::isfinite(v)) {
      return std::nullopt;
    }
    parts[i] = v;
    if (!last) text.remove_prefix(colon + 1);
  }
  return BandRatio{parts[0], parts[1], parts[2]};
}

RetirementYear RetirementYearOf(int birth_year, int joined_year, const RetirementRules& rules) {
  const int by_age = birth_year + rules.age;
  const int by_service = joined_year + rules.service_years;
  if (by_service < by_age) return {by_service, RetirementReason::kService};
  return {by_age, RetirementReason::kAge};
}

std::optional<int> YearOfDate(std::string_view date) {
  constexpr size_t kYearDigits = 4;
  if (date.size() < kYearDigits) return std::nullopt;
  int year = 0;
  const char* last = date.data() + kYearDigits;
  const auto [end, ec] = std::from_chars(date.data(), last, year);
  if (ec != std::errc() || end != last || year < 0) return std::nullopt;
  return year;
}

RetirementForecast::RetirementForecast(int first_year, RetirementRules rules)
    : first_year_(first_year), rules_(rules) {
  for (int i = 0; i < kForecastYears; ++i) years_[static_cast<size_t>(i)].year = first_year + i;
}

void RetirementForecast::Add(int birth_year, int joined_year, size_t band, std::int64_t count) {
  const RetirementYear r = RetirementYearOf(birth_year, joined_year, rules_);
  if (r.year < first_year_) {
    overdue_ += count;
    if (band < kBandCount) overdue_by_band_[band] += count;
    return;
  }
  if (r.year >= first_year_ + kForecastYears) {
    later_ += count;
    return;
  }
  Year& y = years_[static_cast<size_t>(r.year - first_year_)];
  y.count += count;
  if (band < kBandCount) y.by_band[band] += count;
  (r.reason == RetirementReason::kAge ? y.by_age : y.by_service) += count;
}

std::int64_t MonthlyCost(std::int64_t persons, std::int64_t monthly_pay) {
  return persons * monthly_pay;
}

std::int64_t AnnualCost(std::int64_t monthly) { return monthly * kMonthsPerYear; }

}  // namespace liaison::personnel

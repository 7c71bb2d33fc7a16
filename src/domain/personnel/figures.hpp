// Personnel figures: the arithmetic behind the analytics (analytics.hpp).
// The retirement year under the rules and the forecast built from it, the
// rank pyramid's shares against a target ratio, and the payroll estimate.
//
// Pure: values in, values out; no I/O. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "domain/personnel/personnel.hpp"

namespace liaison::personnel {

// --- Bands ---------------------------------------------------------------

inline constexpr size_t kBandCount = std::size(kBands);

// The band's place in kBands (officer 0, nco 1, enlisted 2), or nullopt.
std::optional<size_t> BandIndex(std::string_view band);

// A count per band, in kBands order.
using BandCounts = std::array<std::int64_t, kBandCount>;
// A fraction per band, in kBands order.
using BandShares = std::array<double, kBandCount>;

std::int64_t Total(const BandCounts& counts);

// Each band's share of the total; all zero when the total is zero, so the
// shares sum to 1 or to 0.
BandShares SharesOf(const BandCounts& counts);
// The target ratio as shares: 1:3:6 is 0.1, 0.3, 0.6.
BandShares SharesOf(const BandRatio& target);

// The counts relative to the officers, e.g. 1 : 1.4 : 2.1; nullopt without
// officers (the ratio is undefined).
std::optional<BandShares> PerOfficer(const BandCounts& counts);

// "1:3:6": three positive numbers separated by ':' (officer:nco:enlisted).
std::optional<BandRatio> ParseTargetRatio(std::string_view text);

// --- Retirement ------------------------------------------------------------

enum class RetirementReason { kAge, kService };

struct RetirementYear {
  int year = 0;
  RetirementReason reason = RetirementReason::kAge;
};

// The calendar year a person retires in under `rules`: the year they reach
// `rules.age` (birth year + age) or complete `rules.service_years` (joining
// year + service years), whichever comes first. When both fall in the same
// year the reason is the age.
RetirementYear RetirementYearOf(int birth_year, int joined_year, const RetirementRules& rules);

// The year of a "YYYY-MM-DD" date (four leading digits), or nullopt.
std::optional<int> YearOfDate(std::string_view date);

inline constexpr int kForecastYears = 10;

// The retirement forecast: how many retire in each of the kForecastYears
// calendar years from `first_year`, by band and by reason, and how many are
// already past the rules (their retirement year is before `first_year`).
class RetirementForecast {
 public:
  struct Year {
    int year = 0;
    std::int64_t count = 0;
    BandCounts by_band{};
    std::int64_t by_age = 0, by_service = 0;
  };

  RetirementForecast(int first_year, RetirementRules rules);

  // Adds `count` persons born in `birth_year` who joined in `joined_year`,
  // of the band at `band` (a BandIndex; out of range: counted in no band).
  void Add(int birth_year, int joined_year, size_t band, std::int64_t count);

  const RetirementRules& rules() const { return rules_; }
  const std::array<Year, kForecastYears>& years() const { return years_; }
  std::int64_t overdue() const { return overdue_; }
  const BandCounts& overdue_by_band() const { return overdue_by_band_; }
  // Persons who retire after the forecast's last year.
  std::int64_t later() const { return later_; }

 private:
  int first_year_;
  RetirementRules rules_;
  std::array<Year, kForecastYears> years_{};
  std::int64_t overdue_ = 0;
  BandCounts overdue_by_band_{};
  std::int64_t later_ = 0;
};

// --- Payroll -------------------------------------------------------------

inline constexpr std::int64_t kMonthsPerYear = 12;

// The monthly cost of `persons` on a monthly pay scale of `monthly_pay`.
std::int64_t MonthlyCost(std::int64_t persons, std::int64_t monthly_pay);
std::int64_t AnnualCost(std::int64_t monthly);

}  // namespace liaison::personnel

// The personnel reference data: the services and the ranks, each rank in a
// band with its pay scale (data/personnel/reference.json, see
// data/README.md). Loaded once at start; immutable and thread-safe after.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace liaison::personnel {

// The rank bands, in pyramid order from the top.
inline constexpr std::string_view kBands[] = {"officer", "nco", "enlisted"};

// The statuses; "on strength" (counted by the analytics and the payroll) is
// active and suspended.
inline constexpr std::string_view kStatuses[] = {"active", "suspended", "retired", "separated",
                                                 "deceased"};

struct Service {
  std::string code;  // e.g. NSF
  std::string name_en, name_ar, name_he;
};

struct Rank {
  std::string code;  // e.g. CPT
  std::string band;  // officer | nco | enlisted
  int grade = 0;     // 1 = the lowest rank; orders promotions
  std::string title_en, title_ar, title_he;
  std::int64_t monthly_pay = 0;  // the pay scale's base, in the reference's currency
};

// data/personnel/reference.json (see data/README.md).
struct Reference {
  std::vector<Service> services;
  std::vector<Rank> ranks;  // by grade, ascending
  std::string currency;     // ISO 4217, e.g. ILS
  const Service* FindService(std::string_view code) const;
  const Rank* FindRank(std::string_view code) const;
};

}  // namespace liaison::personnel

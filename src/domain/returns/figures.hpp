// Return figures: how many cases, how many handed over, the time from report
// to handover (p50, p90, in minutes), and counts per month, district and
// stage (docs/returns.md, GET /stats/returns).
//
// Pure: Summarize takes the visible cases as values. Percentiles use the
// nearest-rank method, as the request figures do (requests/stats.hpp): the
// p-th percentile of n sorted samples is the ceil(p/100 * n)-th smallest.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "domain/returns/stages.hpp"

namespace liaison::returns {

struct FigureRecord {
  Micros reported_at = 0;
  std::optional<Micros> handed_over_at;
  Stage stage = Stage::kReported;
  std::string district;  // empty when not known
};

struct Figures {
  std::int64_t cases = 0;
  std::int64_t handed_over = 0;  // cases that reached handed_over (and maybe closed)
  std::optional<double> p50_minutes, p90_minutes;
  std::map<std::string, std::int64_t> per_month;            // "2026-11" → cases reported in it
  std::map<std::string, std::int64_t> per_district;         // "" for cases without a district
  std::array<std::int64_t, kAllStages.size()> per_stage{};  // by StageIndex
};

Figures Summarize(const std::vector<FigureRecord>& records);

// The UTC month of `t` as "YYYY-MM".
std::string MonthOf(Micros t);

}  // namespace liaison::returns

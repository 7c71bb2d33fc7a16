#include "domain/returns/figures.hpp"

#include "core/time.hpp"
#include "domain/requests/stats.hpp"

namespace liaison::returns {

Figures Summarize(const std::vector<FigureRecord>& records) {
  Figures f;
  std::vector<double> minutes;
  for (const FigureRecord& r : records) {
    ++f.cases;
    ++f.per_month[MonthOf(r.reported_at)];
    ++f.per_district[r.district];
    ++f.per_stage[StageIndex(r.stage)];
    if (r.handed_over_at) {
      ++f.handed_over;
      minutes.push_back(static_cast<double>(*r.handed_over_at - r.reported_at) /
                        (60.0 * kMicrosPerSecond));
    }
  }
  f.p50_minutes = requests::Percentile(minutes, 50);
  f.p90_minutes = requests::Percentile(minutes, 90);
  return f;
}

std::string MonthOf(Micros t) { return FormatRfc3339(t).substr(0, 7); }

}  // namespace liaison::returns

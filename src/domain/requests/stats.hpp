// Request figures: time to acknowledge and to decide (p50, p90), the share
// answered within the deadline, and counts by outcome, per receiving party,
// requesting party, district, type and precedence.
//
// The arithmetic (Summarize) is pure; Figures reads the visible requests.
// Percentiles use the nearest-rank method: the p-th percentile of n sorted
// samples is the ceil(p/100 * n)-th smallest.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/command.hpp"

namespace liaison::requests {

struct StatRecord {
  std::string to_party, from_party, district, type, precedence;
  std::string state;    // the current state
  std::string outcome;  // the decision, if any
  Micros created_at = 0;
  std::optional<Micros> acknowledged_at, decided_at, closed_at;
  Micros acknowledge_by = 0;
  std::optional<Micros> decide_by;  // none for a notification
};

struct Summary {
  std::int64_t count = 0;
  std::int64_t acknowledged = 0;
  std::int64_t decided = 0;
  std::optional<double> acknowledge_p50_s, acknowledge_p90_s;
  std::optional<double> decide_p50_s, decide_p90_s;
  std::optional<double> acknowledged_in_time;  // share 0..1 of those due
  std::optional<double> decided_in_time;
  std::map<std::string, std::int64_t> outcomes;
};

// The nearest-rank percentile of `samples` (sorted in place); nullopt when empty.
std::optional<double> Percentile(std::vector<double>& samples, double p);

// Summarizes `records` as of `now` (a deadline that passed unanswered counts
// as missed).
Summary Summarize(const std::vector<const StatRecord*>& records, Micros now);

// The figures for requests submitted in [from, to) that `p` can see.
Result<json::value> Figures(Tx& tx, const Principal& p, Micros from, Micros to, Micros now);

}  // namespace liaison::requests

#include "domain/requests/stats.hpp"

#include <algorithm>
#include <cmath>

#include "authz/policy.hpp"
#include "core/time.hpp"

namespace liaison::requests {
namespace {

double Seconds(Micros d) { return static_cast<double>(d) / kMicrosPerSecond; }

// What a request's outcome counts as: the decision, else how it closed, else
// still pending.
std::string OutcomeOf(const StatRecord& r) {
  if (!r.outcome.empty()) return r.outcome;
  if (r.state == "withdrawn" || r.state == "expired") return r.state;
  if (r.type == "notification" && r.state == "acknowledged") return "acknowledged";
  return "pending";
}

json::value OptionalNumber(const std::optional<double>& v) {
  if (!v) return nullptr;
  return json::value(std::round(*v * 1000) / 1000);
}

json::object SummaryJson(const Summary& s) {
  json::object outcomes;
  for (const auto& [k, n] : s.outcomes) outcomes[k] = n;
  return json::object{{"count", s.count},
                      {"acknowledged", s.acknowledged},
                      {"decided", s.decided},
                      {"acknowledge_p50_s", OptionalNumber(s.acknowledge_p50_s)},
                      {"acknowledge_p90_s", OptionalNumber(s.acknowledge_p90_s)},
                      {"decide_p50_s", OptionalNumber(s.decide_p50_s)},
                      {"decide_p90_s", OptionalNumber(s.decide_p90_s)},
                      {"acknowledged_in_time", OptionalNumber(s.acknowledged_in_time)},
                      {"decided_in_time", OptionalNumber(s.decided_in_time)},
                      {"outcomes", std::move(outcomes)}};
}

json::array GroupJson(const std::vector<StatRecord>& records, std::string StatRecord::*key,
                      Micros now) {
  std::map<std::string, std::vector<const StatRecord*>> groups;
  for (const StatRecord& r : records) groups[r.*key].push_back(&r);
  json::array out;
  for (const auto& [k, rs] : groups) {
    json::object o = SummaryJson(Summarize(rs, now));
    o["key"] = k.empty() ? json::value() : json::value(k);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace

std::optional<double> Percentile(std::vector<double>& samples, double p) {
  if (samples.empty()) return std::nullopt;
  std::sort(samples.begin(), samples.end());
  const double rank = std::ceil(p / 100.0 * static_cast<double>(samples.size()));
  const size_t index = rank < 1 ? 0 : static_cast<size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

Summary Summarize(const std::vector<const StatRecord*>& records, Micros now) {
  Summary s;
  std::vector<double> ack, decide;
  std::int64_t ack_due = 0, ack_on_time = 0, decide_due = 0, decide_on_time = 0;
  for (const StatRecord* r : records) {
    ++s.count;
    ++s.outcomes[OutcomeOf(*r)];
    // Until when the request could still be answered: now, or when it closed.
    const Micros horizon = r->closed_at ? std::min(*r->closed_at, now) : now;
    if (r->acknowledged_at) {
      ++s.acknowledged;
      ack.push_back(Seconds(*r->acknowledged_at - r->created_at));
      ++ack_due;
      if (*r->acknowledged_at <= r->acknowledge_by) ++ack_on_time;
    } else if (r->acknowledge_by <= horizon) {
      ++ack_due;  // missed
    }
    if (!r->decide_by) continue;  // a notification is never decided
    if (r->decided_at) {
      ++s.decided;
      decide.push_back(Seconds(*r->decided_at - r->created_at));
      ++decide_due;
      if (*r->decided_at <= *r->decide_by) ++decide_on_time;
    } else if (*r->decide_by <= horizon) {
      ++decide_due;
    }
  }
  s.acknowledge_p50_s = Percentile(ack, 50);
  s.acknowledge_p90_s = Percentile(ack, 90);
  s.decide_p50_s = Percentile(decide, 50);
  s.decide_p90_s = Percentile(decide, 90);
  if (ack_due > 0) s.acknowledged_in_time = static_cast<double>(ack_on_time) / ack_due;
  if (decide_due > 0) s.decided_in_time = static_cast<double>(decide_on_time) / decide_due;
  return s;
}

Result<json::value> Figures(Tx& tx, const Principal& p, Micros from, Micros to, Micros now) {
  std::vector<std::string> vis;
  const std::string sql =
      "SELECT to_party, from_party, district, type, precedence, state, outcome, created_at, "
      "acknowledged_at, decided_at, closed_at, acknowledge_by, decide_by FROM requests r WHERE " +
      RecordVisibilitySql(p, "r.from_party", "r.shared_with", vis) +
      " AND r.created_at >= ? AND r.created_at < ?";
  std::vector<SqlValue> params(vis.begin(), vis.end());
  params.emplace_back(from);
  params.emplace_back(to);
  auto rows = tx.Query(sql, params);
  if (!rows) return std::move(rows).error();
  std::vector<StatRecord> records;
  records.reserve(rows->size());
  auto opt = [](const Row& r, size_t i) -> std::optional<Micros> {
    if (r.IsNull(i)) return std::nullopt;
    return r.Int(i);
  };
  for (const Row& r : *rows) {
    records.push_back(StatRecord{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                                 r.Text(6), r.Int(7), opt(r, 8), opt(r, 9), opt(r, 10), r.Int(11),
                                 opt(r, 12)});
  }
  std::vector<const StatRecord*> all;
  for (const StatRecord& r : records) all.push_back(&r);
  return json::value(json::object{
      {"period", json::object{{"from", FormatRfc3339(from)}, {"to", FormatRfc3339(to)}}},
      {"overall", SummaryJson(Summarize(all, now))},
      {"by_party", GroupJson(records, &StatRecord::to_party, now)},
      {"by_requesting_party", GroupJson(records, &StatRecord::from_party, now)},
      {"by_district", GroupJson(records, &StatRecord::district, now)},
      {"by_type", GroupJson(records, &StatRecord::type, now)},
      {"by_precedence", GroupJson(records, &StatRecord::precedence, now)}});
}

}  // namespace liaison::requests

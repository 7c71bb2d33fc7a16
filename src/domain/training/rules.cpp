#include "domain/training/rules.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

namespace liaison::training {
namespace {

namespace chr = std::chrono;

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2999;
constexpr Micros kMicrosPerDay = Micros{86'400} * kMicrosPerSecond;

// REQUIRES: `date` is YYYY-MM-DD with digits where digits belong.
chr::year_month_day Split(std::string_view date) {
  auto number = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (date[i] - '0');
    return v;
  };
  return chr::year_month_day{chr::year{number(0, 4)}, chr::month{unsigned(number(5, 2))},
                             chr::day{unsigned(number(8, 2))}};
}

std::string Format(const chr::year_month_day& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(d.year()), unsigned(d.month()),
                unsigned(d.day()));
  return buf;
}

}  // namespace

std::optional<std::string> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const chr::year_month_day d = Split(text);
  if (!d.ok() || int(d.year()) < kMinYear || int(d.year()) > kMaxYear) return std::nullopt;
  return std::string(text);
}

std::string AddDays(std::string_view date, std::int64_t days) {
  return Format(chr::year_month_day{chr::sys_days{Split(date)} + chr::days{days}});
}

std::string AddMonths(std::string_view date, int months) {
  const chr::year_month_day d = Split(date);
  const chr::year_month_day moved = d + chr::months{months};
  if (moved.ok()) return Format(moved);
  // The day does not exist in the target month: its last day.
  const chr::year_month_day_last last{moved.year(), chr::month_day_last{moved.month()}};
  return Format(chr::year_month_day{last});
}

std::int64_t DaysBetween(std::string_view from, std::string_view to) {
  return (chr::sys_days{Split(to)} - chr::sys_days{Split(from)}).count();
}

Micros StartOf(std::string_view date) {
  return chr::sys_days{Split(date)}.time_since_epoch().count() * kMicrosPerDay;
}

std::optional<std::string> ExpiryOf(std::string_view obtained_on,
                                    std::optional<int> validity_months) {
  if (!validity_months) return std::nullopt;
  return AddMonths(obtained_on, *validity_months);
}

bool ValidOn(const std::optional<std::string>& expires_on, std::string_view date) {
  return !expires_on || date < std::string_view(*expires_on);
}

EnrolmentDecision Decide(const EnrolmentFacts& f) {
  EnrolmentDecision out;
  for (const std::string& q : f.prerequisites) {
    const auto held = f.held.find(q);
    if (held == f.held.end() || !ValidOn(held->second, f.session_starts_on)) {
      out.missing_prerequisites.push_back(q);
    }
  }
  if (!f.person_cleared) out.reasons.push_back(kNotCleared);
  if (!f.unit_cleared) out.reasons.push_back(kUnitNotCleared);
  if (!out.missing_prerequisites.empty()) out.reasons.push_back(kPrerequisiteMissing);
  if (f.seats_taken >= f.capacity) out.reasons.push_back(kSessionFull);
  if (f.person_status != "active") out.reasons.push_back(kNotActive);
  return out;
}

std::optional<std::string> FindPrerequisiteCycle(const std::vector<CourseEdge>& courses) {
  // qualification -> the qualifications any course granting it needs.
  std::map<std::string, std::set<std::string>> needs;
  for (const CourseEdge& c : courses) {
    auto& out = needs[c.qualification];
    out.insert(c.prerequisites.begin(), c.prerequisites.end());
  }
  enum class Mark { kNone, kOpen, kDone };
  std::map<std::string, Mark> mark;
  // Iterative depth-first search; a node met again while open closes a cycle.
  for (const auto& entry : needs) {
    const std::string& start = entry.first;
    if (mark[start] != Mark::kNone) continue;
    std::vector<std::pair<std::string, std::vector<std::string>>> stack;
    auto open = [&](const std::string& q) {
      mark[q] = Mark::kOpen;
      const auto it = needs.find(q);
      std::vector<std::string> next;
      if (it != needs.end()) next.assign(it->second.rbegin(), it->second.rend());
      stack.emplace_back(q, std::move(next));
    };
    open(start);
    while (!stack.empty()) {
      auto& [q, next] = stack.back();
      if (next.empty()) {
        mark[q] = Mark::kDone;
        stack.pop_back();
        continue;
      }
      const std::string n = std::move(next.back());
      next.pop_back();
      const Mark m = mark[n];
      if (m == Mark::kOpen) return n;
      if (m == Mark::kNone) open(n);
    }
  }
  return std::nullopt;
}

}  // namespace liaison::training

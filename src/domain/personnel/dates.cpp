#include "domain/personnel/dates.hpp"

#include <chrono>
#include <cstdio>

namespace liaison::personnel {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2199;
constexpr Micros kMicrosPerDay = Micros{86'400} * kMicrosPerSecond;

int Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

std::optional<std::int64_t> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const int y = Digits(text.substr(0, 4));
  const int m = Digits(text.substr(5, 2));
  const int d = Digits(text.substr(8, 2));
  if (y < kFirstYear || y > kLastYear || m < 0 || d < 0) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y),
                                        std::chrono::month(static_cast<unsigned>(m)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days(ymd).time_since_epoch().count();
}

std::string FormatDate(std::int64_t days) {
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days(std::chrono::days(static_cast<std::chrono::days::rep>(days)))};
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return out;
}

std::string DateOf(Micros t) {
  // Floor division: an instant before 1970 belongs to the day it falls in.
  const Micros day = t >= 0 ? t / kMicrosPerDay : -((-t + kMicrosPerDay - 1) / kMicrosPerDay);
  return FormatDate(day);
}

}  // namespace liaison::personnel

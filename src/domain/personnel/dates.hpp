// Calendar dates as the registry keeps them: "YYYY-MM-DD" strings (the
// proleptic Gregorian calendar, no time zone), compared as strings and
// converted to day numbers for arithmetic. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace liaison::personnel {

// Days since 1970-01-01 of an exact "YYYY-MM-DD" that names a real day of the
// years 1900 to 2199; nullopt for anything else ("2026-02-30", "2026-2-1").
std::optional<std::int64_t> ParseDate(std::string_view text);

// "YYYY-MM-DD" of a day number.
std::string FormatDate(std::int64_t days);

// The UTC calendar date of an instant.
std::string DateOf(Micros t);

}  // namespace liaison::personnel

// RFC 3339 formatting and parsing of UTC timestamps.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace liaison {

// Formats as "2026-11-21T05:01:34.123456Z" (always UTC, microsecond precision).
std::string FormatRfc3339(Micros t);

// Parses an RFC 3339 date-time with any offset ("Z" or "+02:00") and optional
// fractional seconds (up to microseconds; more digits are truncated).
std::optional<Micros> ParseRfc3339(std::string_view s);

}  // namespace liaison

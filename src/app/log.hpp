// Structured logging: one JSON object per line on stderr, e.g.
//   {"ts":"2026-11-21T05:30:00.000000Z","level":"info","msg":"request",
//    "request_id":"...","method":"GET","path":"/api/v1/me","status":200,"ms":1.2}
// Thread-safe. Never log secrets: tokens, passwords, TOTP codes.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace liaison {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

using LogValue = std::variant<std::string_view, std::int64_t, double, bool>;
using LogField = std::pair<std::string_view, LogValue>;

void Log(LogLevel level, std::string_view msg, std::initializer_list<LogField> fields = {});

// Lines below this level are dropped. Default kInfo.
void SetLogLevel(LogLevel level);

}  // namespace liaison

// Config: what `liaison.toml` in the data directory holds. Values are plain;
// defaults are the documented ones (docs/operations.md).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace liaison {

struct Config {
  // [server]
  std::string listen = "127.0.0.1:8080";
  int io_threads = 2;
  std::string tls_cert;  // PEM paths; both set means HTTPS only
  std::string tls_key;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  // The body limit of the personnel CSV imports (POST /api/v1/personnel/import/*).
  std::size_t max_import_bytes = 64 * 1024 * 1024;
  int request_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
  std::string console_dir;  // built console; empty: next to the binary
  std::string map_dir;      // map layers; empty: next to the binary

  // [security]
  bool require_totp = true;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  int lockout_after_failures = 10;
  int lockout_base_seconds = 60;
  int lockout_max_seconds = 3600;
  int throttle_failures_per_address = 20;
  int throttle_window_seconds = 300;
  std::string password_hash = "interactive";  // or "minimal" (tests only)
  int hash_workers = 2;
  int hash_queue = 64;

  // [audit]
  int tree_head_every_events = 100;
  int tree_head_every_seconds = 60;

  // [store]
  int read_connections = 4;
  int writer_queue = 4096;
  int writer_batch = 256;

  // [stream]
  int stream_queue = 256;
  int stream_ping_seconds = 20;

  // [deadlines]: per precedence, seconds from submission. The Interim
  // Agreement answers a routine request within 24 h, an emergency within 2 h.
  std::int64_t routine_acknowledge_seconds = 7200;
  std::int64_t routine_decide_seconds = 86400;
  std::int64_t priority_acknowledge_seconds = 1800;
  std::int64_t priority_decide_seconds = 28800;
  std::int64_t immediate_acknowledge_seconds = 600;
  std::int64_t immediate_decide_seconds = 7200;
  std::int64_t flash_acknowledge_seconds = 120;
  std::int64_t flash_decide_seconds = 1800;

  // [duty]
  int shift_hours = 8;
  std::string first_shift_start_utc = "04:00";  // 06:00 in Jerusalem in winter

  // [deconfliction]: docs/deconfliction.md.
  int deconfliction_margin_m = 0;                     // added to the sum of the buffers
  int deconfliction_margin_minutes = 0;               // windows this close count as overlapping
  std::string deconfliction_contact = "coordinator";  // or "counterpart"

  // [incidents]: how long each party an incident is shared with has to
  // acknowledge it, by severity 1..5, in seconds (docs/incidents.md).
  std::int64_t incident_acknowledge_seconds[5] = {3600, 1800, 900, 300, 120};

  // [messaging]: the parties of each district desk channel, joined with ','
  // (docs/messaging.md).
  std::string messaging_desk_parties = "isf,pasf";

  // [returns]: how long a return case may stay at each stage before it
  // escalates to the coordinator, in seconds (docs/returns.md).
  std::int64_t return_reported_seconds = 3600;
  std::int64_t return_located_seconds = 3600;
  std::int64_t return_secured_seconds = 7200;
  std::int64_t return_handover_arranged_seconds = 14400;
  std::int64_t return_handed_over_seconds = 86400;

  // [personnel]: the registry (docs/personnel.md).
  std::string personnel_party = "pasf";        // owns the registry
  std::int64_t personnel_retirement_age = 60;  // forecast default
  std::int64_t personnel_retirement_service_years = 35;
  std::string personnel_target_ratio = "1:3:6";  // officer:nco:enlisted

  // [vetting]: human-rights vetting (docs/vetting.md).
  std::int64_t vetting_validity_months = 12;
  std::int64_t vetting_decision_days = 10;
  std::int64_t vetting_expiring_days = 30;

  Micros session_idle() const { return Micros{session_idle_minutes} * 60 * kMicrosPerSecond; }
  Micros session_absolute() const {
    return Micros{session_absolute_hours} * 3600 * kMicrosPerSecond;
  }
};

// Reads a TOML file; unknown keys are errors naming the key, so a typo never
// silently leaves a default in force.
Result<Config> LoadConfig(const std::string& path);

// Minutes after midnight for "HH:MM", or nullopt.
std::optional<int> ParseClockTime(std::string_view hhmm);

// "1:3:6" -> {1, 3, 6}: three positive numbers separated by ':'.
std::optional<std::array<double, 3>> ParseBandRatio(std::string_view text);

// The commented file `liaison init` writes.
std::string DefaultConfigText(bool demo);

}  // namespace liaison

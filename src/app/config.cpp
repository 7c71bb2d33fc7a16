#include "app/config.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <functional>
#include <map>

namespace liaison {
namespace {

template <class T>
Status Read(const toml::node& node, const std::string& key, T& out) {
  if constexpr (std::is_same_v<T, std::string>) {
    if (auto v = node.value<std::string>()) {
      out = *v;
      return OkStatus();
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    if (auto v = node.value<bool>()) {
      out = *v;
      return OkStatus();
    }
  } else {
    if (auto v = node.value<std::int64_t>()) {
      if (*v < 0) return Error::Invalid(key, key + " must not be negative");
      out = static_cast<T>(*v);
      return OkStatus();
    }
  }
  return Error::Invalid(key, key + " has the wrong type");
}

}  // namespace

Result<Config> LoadConfig(const std::string& path) {
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::Invalid("", "cannot read " + path + ": " + std::string(e.description()));
  }
  Config c;
  using Setter = std::function<Status(const toml::node&, const std::string&)>;
  auto bind = [](auto& field) -> Setter {
    return [&field](const toml::node& n, const std::string& k) { return Read(n, k, field); };
  };
  const std::map<std::string, Setter> keys = {
      {"server.listen", bind(c.listen)},
      {"server.io_threads", bind(c.io_threads)},
      {"server.tls_cert", bind(c.tls_cert)},
      {"server.tls_key", bind(c.tls_key)},
      {"server.max_header_bytes", bind(c.max_header_bytes)},
      {"server.max_body_bytes", bind(c.max_body_bytes)},
      {"server.max_import_bytes", bind(c.max_import_bytes)},
      {"server.request_timeout_seconds", bind(c.request_timeout_seconds)},
      {"server.shutdown_grace_seconds", bind(c.shutdown_grace_seconds)},
      {"server.console_dir", bind(c.console_dir)},
      {"server.map_dir", bind(c.map_dir)},
      {"security.require_totp", bind(c.require_totp)},
      {"security.session_idle_minutes", bind(c.session_idle_minutes)},
      {"security.session_absolute_hours", bind(c.session_absolute_hours)},
      {"security.lockout_after_failures", bind(c.lockout_after_failures)},
      {"security.lockout_base_seconds", bind(c.lockout_base_seconds)},
      {"security.lockout_max_seconds", bind(c.lockout_max_seconds)},
      {"security.throttle_failures_per_address", bind(c.throttle_failures_per_address)},
      {"security.throttle_window_seconds", bind(c.throttle_window_seconds)},
      {"security.password_hash", bind(c.password_hash)},
      {"security.hash_workers", bind(c.hash_workers)},
      {"security.hash_queue", bind(c.hash_queue)},
      {"audit.tree_head_every_events", bind(c.tree_head_every_events)},
      {"audit.tree_head_every_seconds", bind(c.tree_head_every_seconds)},
      {"store.read_connections", bind(c.read_connections)},
      {"store.writer_queue", bind(c.writer_queue)},
      {"store.writer_batch", bind(c.writer_batch)},
      {"stream.queue", bind(c.stream_queue)},
      {"stream.ping_seconds", bind(c.stream_ping_seconds)},
      {"deadlines.routine_acknowledge_seconds", bind(c.routine_acknowledge_seconds)},
      {"deadlines.routine_decide_seconds", bind(c.routine_decide_seconds)},
      {"deadlines.priority_acknowledge_seconds", bind(c.priority_acknowledge_seconds)},
      {"deadlines.priority_decide_seconds", bind(c.priority_decide_seconds)},
      {"deadlines.immediate_acknowledge_seconds", bind(c.immediate_acknowledge_seconds)},
      {"deadlines.immediate_decide_seconds", bind(c.immediate_decide_seconds)},
      {"deadlines.flash_acknowledge_seconds", bind(c.flash_acknowledge_seconds)},
      {"deadlines.flash_decide_seconds", bind(c.flash_decide_seconds)},
      {"duty.shift_hours", bind(c.shift_hours)},
      {"duty.first_shift_start_utc", bind(c.first_shift_start_utc)},
      {"deconfliction.margin_m", bind(c.deconfliction_margin_m)},
      {"deconfliction.margin_minutes", bind(c.deconfliction_margin_minutes)},
      {"deconfliction.contact", bind(c.deconfliction_contact)},
      {"incidents.severity1_acknowledge_seconds", bind(c.incident_acknowledge_seconds[0])},
      {"incidents.severity2_acknowledge_seconds", bind(c.incident_acknowledge_seconds[1])},
      {"incidents.severity3_acknowledge_seconds", bind(c.incident_acknowledge_seconds[2])},
      {"incidents.severity4_acknowledge_seconds", bind(c.incident_acknowledge_seconds[3])},
      {"incidents.severity5_acknowledge_seconds", bind(c.incident_acknowledge_seconds[4])},
      {"messaging.desk_parties", bind(c.messaging_desk_parties)},
      {"returns.reported_seconds", bind(c.return_reported_seconds)},
      {"returns.located_seconds", bind(c.return_located_seconds)},
      {"returns.secured_seconds", bind(c.return_secured_seconds)},
      {"returns.handover_arranged_seconds", bind(c.return_handover_arranged_seconds)},
      {"returns.handed_over_seconds", bind(c.return_handed_over_seconds)},
      {"personnel.party", bind(c.personnel_party)},
      {"personnel.retirement_age", bind(c.personnel_retirement_age)},
      {"personnel.retirement_service_years", bind(c.personnel_retirement_service_years)},
      {"personnel.target_ratio", bind(c.personnel_target_ratio)},
      {"vetting.validity_months", bind(c.vetting_validity_months)},
      {"vetting.decision_days", bind(c.vetting_decision_days)},
      {"vetting.expiring_days", bind(c.vetting_expiring_days)},
  };
  for (const auto& [section, node] : table) {
    const std::string s(section.str());
    const toml::table* t = node.as_table();
    if (t == nullptr) return Error::Invalid(s, "unknown setting " + s + " in " + path);
    for (const auto& [key, value] : *t) {
      const std::string full = s + "." + std::string(key.str());
      auto it = keys.find(full);
      if (it == keys.end()) return Error::Invalid(full, "unknown setting " + full + " in " + path);
      if (Status st = it->second(value, full); !st) {
        return Error::Invalid(full, st.error().message + " in " + path);
      }
    }
  }
  if (c.password_hash != "interactive" && c.password_hash != "minimal") {
    return Error::Invalid("security.password_hash",
                          "security.password_hash must be interactive or minimal");
  }
  if (c.io_threads < 1 || c.hash_workers < 1 || c.read_connections < 1 || c.writer_batch < 1) {
    return Error::Invalid("server", "thread, worker and connection counts must be at least 1");
  }
  if (c.max_body_bytes < 1 || c.max_import_bytes < 1) {
    return Error::Invalid("server", "max_body_bytes and max_import_bytes must be at least 1");
  }
  if (c.tls_cert.empty() != c.tls_key.empty()) {
    return Error::Invalid("server.tls_cert",
                          "set both server.tls_cert and server.tls_key, or neither");
  }
  if (c.tree_head_every_events < 1 || c.tree_head_every_seconds < 1) {
    return Error::Invalid("audit", "tree head intervals must be at least 1");
  }
  for (const std::int64_t* d :
       {&c.routine_acknowledge_seconds, &c.routine_decide_seconds, &c.priority_acknowledge_seconds,
        &c.priority_decide_seconds, &c.immediate_acknowledge_seconds, &c.immediate_decide_seconds,
        &c.flash_acknowledge_seconds, &c.flash_decide_seconds}) {
    if (*d < 1) return Error::Invalid("deadlines", "every deadline must be at least 1 second");
  }
  if (c.shift_hours < 1 || c.shift_hours > 24 || 24 % c.shift_hours != 0) {
    return Error::Invalid("duty.shift_hours", "duty.shift_hours must divide a day (1..24)");
  }
  if (!ParseClockTime(c.first_shift_start_utc)) {
    return Error::Invalid("duty.first_shift_start_utc",
                          "duty.first_shift_start_utc must be HH:MM (UTC)");
  }
  if (c.deconfliction_margin_m > 10'000 || c.deconfliction_margin_minutes > 24 * 60) {
    return Error::Invalid("deconfliction",
                          "deconfliction margins are at most 10000 m and 1440 minutes");
  }
  if (c.deconfliction_contact != "coordinator" && c.deconfliction_contact != "counterpart") {
    return Error::Invalid("deconfliction.contact",
                          "deconfliction.contact must be coordinator or counterpart");
  }
  for (const std::int64_t d : c.incident_acknowledge_seconds) {
    if (d < 1)
      return Error::Invalid("incidents",
                            "every acknowledgement deadline must be at least 1 second");
  }
  for (const std::int64_t* d :
       {&c.return_reported_seconds, &c.return_located_seconds, &c.return_secured_seconds,
        &c.return_handover_arranged_seconds, &c.return_handed_over_seconds}) {
    if (*d < 1) return Error::Invalid("returns", "every stage limit must be at least 1 second");
  }
  if (c.personnel_party.empty()) {
    return Error::Invalid("personnel.party", "personnel.party names the party owning the registry");
  }
  if (c.personnel_retirement_age < 40 || c.personnel_retirement_age > 80 ||
      c.personnel_retirement_service_years < 10 || c.personnel_retirement_service_years > 50) {
    return Error::Invalid("personnel",
                          "retirement_age is 40..80 and retirement_service_years 10..50");
  }
  if (!ParseBandRatio(c.personnel_target_ratio)) {
    return Error::Invalid("personnel.target_ratio",
                          "personnel.target_ratio is three positive numbers, officer:nco:enlisted");
  }
  if (c.vetting_validity_months < 1 || c.vetting_validity_months > 60 ||
      c.vetting_decision_days < 1 || c.vetting_expiring_days < 1 || c.vetting_expiring_days > 365) {
    return Error::Invalid("vetting",
                          "validity_months is 1..60, decision_days at least 1 and expiring_days "
                          "1..365");
  }
  return c;
}

std::optional<std::array<double, 3>> ParseBandRatio(std::string_view text) {
  std::array<double, 3> out{};
  size_t i = 0;
  while (i < 3) {
    const size_t colon = text.find(':');
    const std::string part(text.substr(0, colon));
    char* end = nullptr;
    const double v = std::strtod(part.c_str(), &end);
    if (part.empty() || end != part.c_str() + part.size() || !(v > 0) || v > 1e6) {
      return std::nullopt;
    }
    out[i++] = v;
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
    if (i == 3) return std::nullopt;  // a fourth part
  }
  if (i != 3) return std::nullopt;
  return out;
}

std::optional<int> ParseClockTime(std::string_view hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
  if (!digit(hhmm[0]) || !digit(hhmm[1]) || !digit(hhmm[3]) || !digit(hhmm[4])) {
    return std::nullopt;
  }
  const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
  const int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

std::string DefaultConfigText(bool demo) {
  std::string s = R"(# Liaison configuration. Every setting is optional; the value shown is the
# default. Times are in seconds unless the name says otherwise.
# See docs/operations.md.

[server]
# Address to listen on. Use 127.0.0.1:0 to pick a free port.
listen = "127.0.0.1:8080"
io_threads = 2
# HTTPS: name a PEM certificate (chain) and its private key. When both are
# set the server speaks HTTPS only and session cookies are marked Secure.
# tls_cert = "/etc/liaison/cert.pem"
# tls_key = "/etc/liaison/key.pem"
max_header_bytes = 16384
max_body_bytes = 1048576
# The body limit of the personnel CSV import (dry run and commit) only: a
# 100,000-row file is about 15 MiB. See docs/personnel.md.
max_import_bytes = 67108864
request_timeout_seconds = 30
# On SIGTERM, in-flight requests get this long to finish.
shutdown_grace_seconds = 10
# Where the built console and the map layers are; empty means next to the
# binary (../web/dist and ../data).
# console_dir = ""
# map_dir = ""

[security]
)";
  s += demo ? "# Demo data: accounts have no second factor.\nrequire_totp = false\n"
            : "# Every account must use a TOTP second factor.\nrequire_totp = true\n";
  s += R"(session_idle_minutes = 30
session_absolute_hours = 12
# After this many consecutive failures an account is locked, first for
# lockout_base_seconds, doubling with each further failure up to the maximum.
lockout_after_failures = 10
lockout_base_seconds = 60
lockout_max_seconds = 3600
# Failed logins from one address beyond this budget get 429 Too Many Requests.
throttle_failures_per_address = 20
throttle_window_seconds = 300
# Argon2id cost: "interactive" (libsodium's interactive limits). "minimal" is
# for automated tests only.
password_hash = "interactive"
hash_workers = 2
hash_queue = 64

[audit]
# A signed tree head is produced after this many events, or this many
# seconds after the last one when new events arrived, whichever is first.
tree_head_every_events = 100
tree_head_every_seconds = 60

[store]
read_connections = 4
writer_queue = 4096
writer_batch = 256

[stream]
# Events queued for one WebSocket client; a client that falls further behind
# is disconnected with close code 4008.
queue = 256
ping_seconds = 20

[deadlines]
# How long the receiving party has to acknowledge and to decide a request,
# per precedence, in seconds from submission. A late answer raises
# request.overdue to the coordinator's duty desk and the receiving party's
# commanders. See docs/requests.md.
routine_acknowledge_seconds = 7200
routine_decide_seconds = 86400
priority_acknowledge_seconds = 1800
priority_decide_seconds = 28800
immediate_acknowledge_seconds = 600
immediate_decide_seconds = 7200
flash_acknowledge_seconds = 120
flash_decide_seconds = 1800

[duty]
# Duty shifts: shift_hours must divide 24; the first shift of the day starts
# at first_shift_start_utc (HH:MM, UTC).
shift_hours = 8
first_shift_start_utc = "04:00"

[deconfliction]
# Two footprints conflict when their geometries are within the sum of their
# buffers plus margin_m metres, and their windows overlap or are less than
# margin_minutes apart. A side is told to call the coordinator's duty desk
# (contact = "coordinator") or the other party's desk ("counterpart"; the
# coordinator's for a secret activity). See docs/deconfliction.md.
margin_m = 0
margin_minutes = 0
contact = "coordinator"

[incidents]
# How long each party an incident is shared with has to acknowledge it, by
# severity, in seconds. A missed acknowledgement raises incident.ack_overdue
# to the coordinator's duty desk. See docs/incidents.md.
severity1_acknowledge_seconds = 3600
severity2_acknowledge_seconds = 1800
severity3_acknowledge_seconds = 900
severity4_acknowledge_seconds = 300
severity5_acknowledge_seconds = 120

[messaging]
# The parties of each district desk channel (with the coordinator), joined
# with ','. See docs/messaging.md.
desk_parties = "isf,pasf"

[returns]
# How long a return case may stay at a stage before it escalates to the
# coordinator's duty desk, in seconds. See docs/returns.md.
reported_seconds = 3600
located_seconds = 3600
secured_seconds = 7200
handover_arranged_seconds = 14400
handed_over_seconds = 86400

[personnel]
# The party that owns the personnel registry; the coordinator advises. The
# retirement forecast's default rules (the age, or the years of service,
# whichever comes first) and the target rank pyramid officer:nco:enlisted.
# See docs/personnel.md.
party = "pasf"
retirement_age = 60
retirement_service_years = 35
target_ratio = "1:3:6"

[vetting]
# A clearance's validity, a request's decision deadline and the window of the
# expiring queue. See docs/vetting.md.
validity_months = 12
decision_days = 10
expiring_days = 30
)";
  return s;
}

}  // namespace liaison

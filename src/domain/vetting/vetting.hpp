// Human-rights vetting of persons and units (docs/vetting.md): requests for a
// purpose, decisions by the coordinator's vetting officers only, validity,
// automatic expiry, and the allegations register whose substantiated
// allegations suspend a clearance (domain/vetting/allegations.hpp).
//
// A request and the subject's status are owned by the subject's party and
// shared with the coordinator parties. The reason and sources of a decision
// live in their own event (vetting.reasons_recorded) scoped to the
// coordinator alone, so the subject's party never reads them.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/vetting/rules.hpp"

namespace liaison::vetting {

struct Settings {
  std::string registry_party = "pasf";
  int validity_months = 12;  // a clearance's default validity
  int decision_days = 10;    // a request's deadline
  int expiring_days = 30;    // the expiring queue's window
};

// --- Projection ----------------------------------------------------------

// vetting.* and allegation.*.
bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- What training asks --------------------------------------------------

// A subject's standing at `now` (struct Standing, domain/vetting/rules.hpp):
// "cleared" only while a clearance is valid; otherwise "denied",
// "suspended", "expired" or "none" (never decided). kind: "person" or
// "unit". A person's standing is their own; a unit's is barred by a bar on
// it or any ancestor and otherwise covered by the nearest decided unit of its
// chain (UnitStanding).
Result<Standing> StandingOf(Tx& tx, std::string_view kind, std::string_view id, Micros now);

// --- Commands ------------------------------------------------------------

// {"subject":{"kind","id"},"purpose","purpose_ref"?,"justification"?}: by the
// subject's party's HR or the coordinator's trainers and vetting officers.
// Replies with the request (due_at = now + decision_days).
Result<json::value> Request(CommandContext& ctx, const json::object& in, const Settings& s);

// {"reason"?}: the party that requested the vetting (or the coordinator)
// withdraws a request still pending: vetting.withdrawn; the subject's
// standing does not change.
Result<json::value> Withdraw(CommandContext& ctx, std::string_view id, const json::object& in,
                             const Settings& s);

// {"status":"cleared"|"denied"|"suspended","reason","sources"?,
//  "valid_months"?,"valid_from"?}: the coordinator's vetting officers only.
// Emits vetting.decided (the subject's scope: status and validity) and
// vetting.reasons_recorded (the coordinator's alone). Replies with the
// request as the decider sees it.
Result<json::value> Decide(CommandContext& ctx, std::string_view id, const json::object& in,
                           const Settings& s);

// --- Scheduler -----------------------------------------------------------

// Clearances past their validity without their vetting.expired event.
Result<std::int64_t> CountExpired(Tx& tx, Micros now);
// Emits vetting.expired for at most `limit` of them. Replies {"expired": n}.
Result<json::value> RaiseExpiry(CommandContext& ctx, std::int64_t limit, const Settings& s);

// --- Queries -------------------------------------------------------------

struct QueueQuery {
  std::string state = "pending";  // pending | decided | all
  std::string subject_kind, subject_id, purpose;
  std::optional<bool> overdue;
  std::int64_t limit = 50;
  std::string cursor;  // opaque: the `next` of a previous page
};
Result<QueueQuery> ParseQueueQuery(const QueryParam& get);

// {"items":[request...],"next"}: pending requests by deadline (oldest due
// first); decided and all newest first. Needs read_vetting on the registry.
Result<json::value> Queue(Tx& tx, const Principal& p, const QueueQuery& q, Micros now,
                          const Settings& s);

// {"days","items":[{subject, subject_label, status, valid_from, valid_until,
// days_left, request}],"next"}: clearances valid at `now` that end within
// `days` (default expiring_days), soonest first.
Result<json::value> Expiring(Tx& tx, const Principal& p, const QueryParam& get, Micros now,
                             const Settings& s);

// The request with its decision; the reason and sources only for the
// coordinator's vetting officers. kNotFound when `p` may not see it.
Result<json::value> GetRequest(Tx& tx, const Principal& p, std::string_view id, Micros now,
                               const Settings& s);

// {"subject","standing","unit_standing"?,"history","requests"}.
Result<json::value> GetSubject(Tx& tx, const Principal& p, std::string_view kind,
                               std::string_view id, Micros now, const Settings& s);

}  // namespace liaison::vetting

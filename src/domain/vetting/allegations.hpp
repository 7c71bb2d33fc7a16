// The allegations register (docs/vetting.md): allegations of gross
// human-rights violations by a unit or person of any party, kept by the
// coordinator's vetting officers alone. Each moves through
// received -> under_review -> referred | substantiated | not_substantiated,
// referred -> substantiated | not_substantiated, substantiated -> remediated
// (domain/vetting/rules.hpp); every step is an event.
//
// An allegation and its events (allegation.*) are owned by the coordinator
// party that registered it and shared with no one. Substantiating one about
// a person or unit of the personnel registry also emits vetting.suspended in
// the subject's scope, without the allegation's id or any detail: the
// subject's standing is then suspended (a unit barred) until a vetting
// officer decides on a new request.
//
// Commands run on the writer thread (domain/command.hpp); queries take a read
// transaction and are safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "domain/command.hpp"
#include "domain/list_query.hpp"
#include "domain/vetting/vetting.hpp"

namespace liaison::allegations {

// --- Projection ----------------------------------------------------------

// allegation.*; vetting::Apply dispatches here.
bool Handles(std::string_view event_type);
Status Apply(WriteTx& tx, const Event& e, const json::object& body);

// --- Commands ------------------------------------------------------------

// {"subject":{"kind":"person"|"unit","id"?,"party","label"?},"source",
//  "received_on":"YYYY-MM-DD","category","summary"}. An id names a person or
// unit of the registry (then the label defaults to its name); a subject of
// another party is named by its label. Replies with the allegation.
Result<json::value> Register(CommandContext& ctx, const json::object& in,
                             const vetting::Settings& s);

// {"status","note"?}: the next status (409 when the status machine does not
// allow it). Replies with the allegation.
Result<json::value> ChangeStatus(CommandContext& ctx, std::string_view id, const json::object& in,
                                 const vetting::Settings& s);

// --- Queries -------------------------------------------------------------

struct ListQuery {
  std::vector<std::string> statuses;
  std::string category, subject_kind, subject_id, subject_party;
  std::int64_t limit = 50;
  std::optional<std::int64_t> cursor;
};
Result<ListQuery> ParseListQuery(const QueryParam& get);

// {"items","next"}: the allegations of `p`'s party, newest first.
Result<json::value> List(Tx& tx, const Principal& p, const ListQuery& q);

// An allegation with its history, the statuses it may move to, and the
// subject's vetting standing when the subject is in the registry.
// kNotFound for another party's.
Result<json::value> Get(Tx& tx, const Principal& p, std::string_view id, Micros now);

// [{"id","status","category","received_on"}]: the allegations of `p`'s party
// about a registry subject, newest first (for the vetting officer's view of
// the subject).
Result<json::array> AboutSubject(Tx& tx, const Principal& p, std::string_view kind,
                                 std::string_view id);

}  // namespace liaison::allegations

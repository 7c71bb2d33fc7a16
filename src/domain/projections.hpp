// Projections: tables derived from the event log by pure appliers.
//
// ApplyEvent is called by the CommandBus right after each event is appended,
// in the same transaction, and by `liaison rebuild` when it replays the log
// into emptied projection tables. Given the same log, both paths must produce
// identical tables.
#pragma once

#include <span>
#include <string_view>

#include "core/event.hpp"
#include "domain/json.hpp"
#include "store/store.hpp"

namespace liaison {

// REQUIRES: inside a write transaction. Unknown event types are ignored
// (they may belong to projections added later, which rebuild will fill).
Status ApplyEvent(WriteTx& tx, const Event& e, const json::object& body);

// Every projection table, in an order safe for deletion.
std::span<const std::string_view> ProjectionTables();

}  // namespace liaison

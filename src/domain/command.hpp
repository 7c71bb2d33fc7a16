// Commands: the only way state changes.
//
// A command runs on the CommandBus writer thread inside the group-commit
// transaction. It loads state through ctx.tx, asks the policy, validates,
// and emits events; it may also write operational tables (credentials,
// sessions) that are deliberately outside the log. Its reply is the JSON
// returned to the caller. If it fails, everything it wrote is rolled back.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "authz/principal.hpp"
#include "core/clock.hpp"
#include "domain/json.hpp"
#include "store/store.hpp"

namespace liaison {

struct EventDraft {
  std::string type;
  std::string subject;
  std::string party;                     // owner
  std::vector<std::string> shared_with;  // besides the owner; "*" for everyone
  json::object body;
  // Empty: the command's actor. Set when the event reaches parties that must
  // not learn who caused it, e.g. "system:deconfliction" for a conflict that
  // one side's planning revealed to the other (docs/deconfliction.md).
  std::string actor = {};
};

struct CommandContext {
  WriteTx& tx;
  Micros now;
  const Principal& actor;
  std::vector<EventDraft> events;  // emitted, appended and applied by the bus in order
  // Optional: run by the bus after the events are applied, in the same
  // transaction, to turn the command's reply into one that shows the
  // projections as they now stand (e.g. the whole updated record). Its
  // failure fails the command.
  std::function<Result<json::value>(Tx&, json::value reply)> finish;
  // Compensations for in-memory state the command changed besides the
  // projections (the deconfliction index): run by the bus in reverse order
  // when the command's writes are rolled back, alone or with its batch, so
  // the memory never holds what the database does not. They must not fail.
  std::vector<std::function<void()>> undo;

  void Emit(EventDraft e) { events.push_back(std::move(e)); }
};

using CommandFn = std::function<Result<json::value>(CommandContext&)>;

}  // namespace liaison

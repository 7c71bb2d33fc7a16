// CommandBus: the single writer. Every state change goes through it.
//
// Callers Submit() a command from any thread. One writer thread takes every
// queued command (up to a batch limit) and runs them in ONE transaction
// (group commit): each command in its own savepoint, so one command's failure
// rolls back only its own writes. Events a command emits are appended to the
// log and applied to the projections in the same transaction. After COMMIT
// (synchronous=FULL) the events are published in log order and each caller's
// callback runs, on the writer thread: callbacks must not block.
//
// Thread-safety: Submit, Execute and QueueDepth are thread-safe. Stop() drains
// the queue and joins the writer; Submit after Stop fails with kUnavailable.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/event_bus.hpp"
#include "authz/principal.hpp"
#include "domain/command.hpp"
#include "store/event_log.hpp"

namespace liaison {

struct CommandResult {
  json::value reply;
  std::vector<std::int64_t> seqs;  // of the events the command emitted
};

class CommandBus {
 public:
  using Callback = std::function<void(Result<CommandResult>)>;

  struct Options {
    size_t max_queue = 4096;
    size_t max_batch = 256;
  };

  CommandBus(Store& store, EventLog log, const Clock& clock, const EventBus& events,
             Options options);
  ~CommandBus();
  CommandBus(const CommandBus&) = delete;
  CommandBus& operator=(const CommandBus&) = delete;

  // Enqueues a command. `done` is always called exactly once: with
  // kUnavailable at once when the queue is full or the bus stopped.
  void Submit(Principal actor, CommandFn fn, Callback done);

  // Submits and waits. For the CLI and start-up work, never for I/O threads.
  Result<CommandResult> Execute(Principal actor, CommandFn fn);

  void Stop();
  size_t QueueDepth() const;
  std::int64_t last_seq() const;
  std::uint64_t batches_committed() const;

 private:
  struct Pending {
    Principal actor;
    CommandFn fn;
    Callback done;
  };

  void Run();
  void RunBatch(std::vector<Pending>& batch);

  Store& store_;
  EventLog log_;  // writer thread only
  const Clock& clock_;
  const EventBus& events_;
  const Options options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;      // GUARDED_BY(mu_)
  std::atomic<std::int64_t> last_seq_{0};
  std::atomic<std::uint64_t> batches_{0};
  std::thread writer_;
};

}  // namespace liaison

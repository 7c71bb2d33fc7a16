#include "app/command_bus.hpp"

#include <future>

#include "domain/projections.hpp"

namespace liaison {

CommandBus::CommandBus(Store& store, EventLog log, const Clock& clock, const EventBus& events,
                       Options options)
    : store_(store), log_(log), clock_(clock), events_(events), options_(options) {
  last_seq_ = log_.last_seq();
  writer_ = std::thread([this] { Run(); });
}

CommandBus::~CommandBus() { Stop(); }

void CommandBus::Submit(Principal actor, CommandFn fn, Callback done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_ && queue_.size() < options_.max_queue) {
      queue_.push_back({std::move(actor), std::move(fn), std::move(done)});
      cv_.notify_one();
      return;
    }
  }
  done(Error::Unavailable("the server is busy or shutting down; try again"));
}

Result<CommandResult> CommandBus::Execute(Principal actor, CommandFn fn) {
  std::promise<Result<CommandResult>> promise;
  auto future = promise.get_future();
  Submit(std::move(actor), std::move(fn),
         [&promise](Result<CommandResult> r) { promise.set_value(std::move(r)); });
  return future.get();
}

void CommandBus::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && !writer_.joinable()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
}

size_t CommandBus::QueueDepth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

std::int64_t CommandBus::last_seq() const { return last_seq_.load(); }
std::uint64_t CommandBus::batches_committed() const { return batches_.load(); }

void CommandBus::Run() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
    batch.clear();
  }
}

void CommandBus::RunBatch(std::vector<Pending>& batch) {
  struct Outcome {
    Result<CommandResult> result = Error::Internal("not run");
    std::vector<audit::StoredEvent> events;
    std::vector<std::function<void()>> undo;  // of a command whose writes stand so far
  };
  const auto run_undo = [](std::vector<std::function<void()>>& undo) {
    for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
    undo.clear();
  };
  std::vector<Outcome> outcomes(batch.size());
  const EventLog::Mark start = log_.mark();
  const Micros now = clock_.Now();

  Status commit = store_.RunWrite([&](WriteTx& tx) -> Status {
    for (size_t i = 0; i < batch.size(); ++i) {
      Pending& p = batch[i];
      const EventLog::Mark mark = log_.mark();
      LIAISON_TRY(tx.Savepoint());
      CommandContext ctx{tx, now, p.actor, {}, {}, {}};
      Result<json::value> reply = Error::Internal("no reply");
      try {
        reply = p.fn(ctx);
      } catch (const std::exception& e) {
        reply = Error::Internal(std::string("command threw: ") + e.what());
      }
      std::vector<audit::StoredEvent> appended;
      Status applied = OkStatus();
      if (reply) {
        for (EventDraft& d : ctx.events) {
          Event e{0,
                  now,
                  d.actor.empty() ? p.actor.username : std::move(d.actor),
                  std::move(d.party),
                  std::move(d.type),
                  std::move(d.subject),
                  std::move(d.shared_with),
                  CanonicalJson(d.body)};
          auto stored = log_.Append(tx, std::move(e));
          if (!stored) {
            applied = std::move(stored).error();
            break;
          }
          // Apply from the stored canonical bytes, exactly as `liaison rebuild`
          // will, so the live projections and a rebuild cannot diverge.
          applied = ApplyEvent(tx, stored->event, ParseStoredBody(stored->event.body));
          if (!applied) break;
          appended.push_back(std::move(*stored));
        }
      }
      if (reply && applied && ctx.finish) {
        // The reply as the projections now stand, read in this transaction.
        auto finished = ctx.finish(tx, std::move(*reply));
        if (finished) {
          reply = std::move(*finished);
        } else {
          applied = std::move(finished).error();
        }
      }
      if (!reply || !applied) {
        run_undo(ctx.undo);
        LIAISON_TRY(tx.RollbackToSavepoint());
        log_.Reset(mark);
        outcomes[i].result = !reply ? std::move(reply).error() : std::move(applied).error();
        continue;
      }
      outcomes[i].undo = std::move(ctx.undo);
      LIAISON_TRY(tx.ReleaseSavepoint());
      CommandResult r{std::move(*reply), {}};
      for (const auto& s : appended) r.seqs.push_back(s.event.seq);
      outcomes[i].result = std::move(r);
      outcomes[i].events = std::move(appended);
    }
    return OkStatus();
  });

  if (!commit) {
    for (size_t i = batch.size(); i-- > 0;) run_undo(outcomes[i].undo);
    log_.Reset(start);
    for (size_t i = 0; i < batch.size(); ++i) batch[i].done(commit.error());
    return;
  }
  batches_.fetch_add(1);
  last_seq_ = log_.last_seq();
  for (size_t i = 0; i < batch.size(); ++i) {
    for (const auto& e : outcomes[i].events) events_.Publish(e);
    batch[i].done(std::move(outcomes[i].result));
  }
}

}  // namespace liaison

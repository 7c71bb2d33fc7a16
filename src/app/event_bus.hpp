// EventBus: in-process publication of committed events.
//
// Publish() is called by the CommandBus writer thread after each commit, in
// log order. Subscribers run on that thread and must not block: they copy
// what they need and hand work to their own executors.
// Subscribe() is meant for wiring time; it is thread-safe all the same.
#pragma once

#include <functional>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "audit/verify.hpp"

namespace liaison {

class EventBus {
 public:
  using Subscriber = std::function<void(const audit::StoredEvent&)>;

  void Subscribe(Subscriber s) {
    std::unique_lock lock(mu_);
    subscribers_.push_back(std::move(s));
  }

  // Copies the list under the lock and calls the subscribers after releasing
  // it: no lock is held across a callback.
  void Publish(const audit::StoredEvent& e) const {
    std::vector<Subscriber> subscribers;
    {
      std::shared_lock lock(mu_);
      subscribers = subscribers_;
    }
    for (const auto& s : subscribers) s(e);
  }

 private:
  mutable std::shared_mutex mu_;
  std::vector<Subscriber> subscribers_;  // GUARDED_BY(mu_)
};

}  // namespace liaison

// StreamHub: fans committed events out to WebSocket clients, through the one
// visibility filter (CanSeeEvent). Each event is encoded once and the same
// frame is shared by every client allowed to see it.
//
// Thread-safety: all methods are thread-safe. Publish copies the client list
// under the lock and delivers after releasing it; clients enqueue without
// blocking (a client whose queue is full is dropped by the client itself).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "audit/verify.hpp"
#include "authz/principal.hpp"

namespace liaison {

class StreamClient {
 public:
  virtual ~StreamClient() = default;
  virtual const Principal& principal() const = 0;
  // Queues a text frame; never blocks.
  virtual void Send(std::shared_ptr<const std::string> frame) = 0;
  // Closes with a WebSocket close code (4001: session ended).
  virtual void Close(std::uint16_t code, std::string reason) = 0;
};

class StreamHub {
 public:
  using StillValid = std::function<bool(const Principal&)>;
  explicit StreamHub(StillValid still_valid) : still_valid_(std::move(still_valid)) {}

  void Add(const std::shared_ptr<StreamClient>& c);
  void Remove(const StreamClient* c);
  void Publish(const audit::StoredEvent& e);
  // Closes every client (at shutdown).
  void CloseAll(std::uint16_t code, const std::string& reason);
  size_t size() const;

  // The JSON frame for an event: {"type":"event","event":{...}}.
  static std::string EventFrame(const Event& e);

 private:
  StillValid still_valid_;
  mutable std::mutex mu_;
  std::vector<std::weak_ptr<StreamClient>> clients_;  // GUARDED_BY(mu_)
};

inline constexpr std::uint16_t kCloseSessionEnded = 4001;
inline constexpr std::uint16_t kCloseReconnect = 4002;
inline constexpr std::uint16_t kCloseTooSlow = 4008;
inline constexpr std::uint16_t kCloseShutdown = 1001;

}  // namespace liaison

#include "http/stream_hub.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "authz/policy.hpp"
#include "core/time.hpp"

namespace liaison {

void StreamHub::Add(const std::shared_ptr<StreamClient>& c) {
  std::lock_guard lock(mu_);
  clients_.push_back(c);
}

void StreamHub::Remove(const StreamClient* c) {
  std::lock_guard lock(mu_);
  std::erase_if(clients_, [c](const std::weak_ptr<StreamClient>& w) {
    auto s = w.lock();
    return !s || s.get() == c;
  });
}

size_t StreamHub::size() const {
  std::lock_guard lock(mu_);
  return clients_.size();
}

std::string StreamHub::EventFrame(const Event& e) {
  boost::system::error_code ec;
  boost::json::value body = boost::json::parse(e.body, ec);
  if (ec) body = boost::json::object{};
  boost::json::array shared;
  for (const auto& p : e.shared_with) shared.emplace_back(p);
  boost::json::object ev{{"seq", e.seq},         {"at", FormatRfc3339(e.at)},
                         {"actor", e.actor},     {"party", e.party},
                         {"type", e.type},       {"subject", e.subject},
                         {"shared_with", shared}, {"body", body}};
  return boost::json::serialize(boost::json::object{{"type", "event"}, {"event", ev}});
}

void StreamHub::Publish(const audit::StoredEvent& e) {
  std::vector<std::shared_ptr<StreamClient>> targets;
  {
    std::lock_guard lock(mu_);
    targets.reserve(clients_.size());
    for (const auto& w : clients_) {
      if (auto s = w.lock()) targets.push_back(std::move(s));
    }
  }
  std::shared_ptr<const std::string> frame;
  for (const auto& c : targets) {
    if (!still_valid_(c->principal())) {
      c->Close(kCloseSessionEnded, "session ended");
      continue;
    }
    if (!CanSeeEvent(c->principal(), e.event)) continue;
    if (!frame) frame = std::make_shared<const std::string>(EventFrame(e.event));
    c->Send(frame);
  }
}

void StreamHub::CloseAll(std::uint16_t code, const std::string& reason) {
  std::vector<std::shared_ptr<StreamClient>> targets;
  {
    std::lock_guard lock(mu_);
    for (const auto& w : clients_) {
      if (auto s = w.lock()) targets.push_back(std::move(s));
    }
  }
  for (const auto& c : targets) c->Close(code, reason);
}

}  // namespace liaison

#include "http/stream_hub.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <optional>

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
  boost::json::object ev{
      {"seq", e.seq},   {"at", FormatRfc3339(e.at)}, {"actor", e.actor},      {"party", e.party},
      {"type", e.type}, {"subject", e.subject},      {"shared_with", shared}, {"body", body}};
  return boost::json::serialize(boost::json::object{{"type", "event"}, {"event", ev}});
}

namespace {

// The close an account or credential event forces on a client, if any:
// the session or token ended (4001), or the account's roles or unit changed
// so the client must reconnect with its new principal (4002).
std::optional<std::uint16_t> ForcedClose(const Event& e, const boost::json::object& body,
                                         const Principal& p) {
  auto str = [&](std::string_view k) {
    const auto* v = body.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  if (e.type == "user.disabled") {
    if (str("username") == p.username) return kCloseSessionEnded;
  } else if (e.type == "user.password_changed") {
    if (str("username") == p.username && str("kept_session") != p.session_id) {
      return kCloseSessionEnded;
    }
  } else if (e.type == "user.updated") {
    if (str("username") == p.username) return kCloseReconnect;
  } else if (e.type == "session.closed") {
    if (!p.session_id.empty() && str("session") == p.session_id) return kCloseSessionEnded;
  } else if (e.type == "token.revoked") {
    if (!p.token_id.empty() && str("id") == p.token_id) return kCloseSessionEnded;
  }
  return std::nullopt;
}

bool IsAccountEvent(std::string_view type) {
  return type == "user.disabled" || type == "user.password_changed" || type == "user.updated" ||
         type == "session.closed" || type == "token.revoked";
}

}  // namespace

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
  boost::json::object account_body;
  const bool account_event = IsAccountEvent(e.event.type);
  if (account_event) {
    boost::system::error_code ec;
    auto v = boost::json::parse(e.event.body, ec);
    if (!ec && v.is_object()) account_body = std::move(v.as_object());
  }
  for (const auto& c : targets) {
    if (account_event) {
      if (auto code = ForcedClose(e.event, account_body, c->principal())) {
        c->Close(*code, *code == kCloseReconnect ? "account changed; reconnect" : "session ended");
        continue;
      }
    }
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

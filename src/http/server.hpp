// Server: HTTP/1.1 and WebSocket over TCP, or over TLS when the config names
// a certificate and key. One coroutine per connection on its own strand;
// capped header and body sizes; read timeouts; keep-alive; graceful shutdown.
//
// Run() blocks until Shutdown() (or SIGINT/SIGTERM when install_signals) and
// returns after in-flight requests finished or the grace period ran out.
// Thread-safety: Shutdown() may be called from any thread.
#pragma once

#include <memory>
#include <string>

#include "app/app.hpp"
#include "core/result.hpp"
#include "http/api.hpp"

namespace liaison {

struct ServerOptions {
  std::string listen;       // "HOST:PORT"; port 0 picks a free one
  std::string console_dir;  // the built console
  bool install_signals = true;
};

class Server {
 public:
  Server(App& app, ServerOptions options, MapLayers maps);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; prints "listening on http(s)://HOST:PORT" to stdout.
  Status Start();
  void Run();
  void Shutdown();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace liaison

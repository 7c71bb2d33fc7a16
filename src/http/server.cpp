// The Beast server. The only translation unit with Beast's HTTP and
// WebSocket templates, so the heavy instantiations are compiled once.
// Structure follows Beast's example/advanced/server-flex-awaitable and
// example/websocket/server/chat-multi at tag boost-1.81.0.
#include "http/server.hpp"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "app/log.hpp"
#include "auth/token.hpp"
#include "http/problem.hpp"
#include "http/static_files.hpp"

namespace liaison {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kTlsHandshakeTimeout = 10s;
// Events replayed to a reconnecting stream client (?after=SEQ); older gaps
// are for the audit events API.
constexpr std::int64_t kMaxReplay = 1000;

constexpr std::string_view kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Sets *malformed_target (when given) if the path or the query has bad
// percent-encoding: such a request is answered 400, not routed with a guess.
HttpRequest ToRequest(const bhttp::request<bhttp::string_body>& r, std::string remote, bool tls,
                      std::string request_id, bool* malformed_target = nullptr) {
  HttpRequest req;
  req.method = std::string(r.method_string());
  req.target = std::string(r.target());
  const std::string_view target = r.target();
  const size_t q = target.find('?');
  auto path = PercentDecode(target.substr(0, q), false);
  req.path = path.value_or("\x01");
  bool malformed = !path;
  if (q != std::string_view::npos) {
    if (auto parsed = ParseQuery(target.substr(q + 1))) {
      req.query = std::move(*parsed);
    } else {
      malformed = true;
    }
  }
  if (malformed_target) *malformed_target = malformed;
  for (const auto& f : r) {
    std::string key = Lower(f.name_string());
    auto [it, inserted] = req.headers.emplace(key, std::string(f.value()));
    if (!inserted) it->second += ", " + std::string(f.value());
  }
  req.body = r.body();
  req.remote_address = std::move(remote);
  req.tls = tls;
  req.request_id = std::move(request_id);
  return req;
}

bhttp::response<bhttp::string_body> ToBeast(HttpResponse&& r, unsigned version, bool keep_alive,
                                            bool tls, const std::string& request_id, bool head) {
  bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
  res.set(bhttp::field::server, "liaison");
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  bool has_cache = false;
  for (auto& [k, v] : r.headers) {
    if (Lower(k) == "cache-control") has_cache = true;
    res.insert(k, v);
  }
  if (!has_cache) res.set(bhttp::field::cache_control, "no-store");
  res.set("X-Request-Id", request_id);
  res.set("Content-Security-Policy", kCsp);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  if (tls) res.set("Strict-Transport-Security", "max-age=31536000");
  res.keep_alive(keep_alive);
  const size_t size = r.body.size();
  if (!head) res.body() = std::move(r.body);
  res.content_length(size);
  return res;
}

// The personnel CSV import's routes, whose bodies have their own limit
// ([server] max_import_bytes).
bool IsImportRequest(const bhttp::request<bhttp::string_body>& req) {
  constexpr std::string_view kImportPrefix = "/api/v1/personnel/import/";
  return req.method() == bhttp::verb::post &&
         std::string_view(req.target()).starts_with(kImportPrefix);
}

// Waits for Api::Handle's Respond without blocking the strand: the callback
// may fire on any thread, and the completion is posted back to the
// coroutine's executor.
template <class Token>
auto AsyncHandle(Api& api, HttpRequest req, Token&& token) {
  return asio::async_initiate<Token, void(HttpResponse)>(
      [&api](auto handler, HttpRequest r) {
        auto ex = asio::get_associated_executor(handler);
        auto h = std::make_shared<decltype(handler)>(std::move(handler));
        api.Handle(std::move(r), [h, ex](HttpResponse resp) {
          asio::post(ex, [h, resp = std::move(resp)]() mutable { (*h)(std::move(resp)); });
        });
      },
      token, std::move(req));
}

}  // namespace

// ---------------------------------------------------------------------------

struct Server::Impl {
  Impl(App& a, ServerOptions o, MapLayers maps)
      : app(a),
        options(std::move(o)),
        ioc(a.config().io_threads),
        hub([&a](const Principal& p) { return a.auth().StillValid(p); }),
        api(a, metrics, hub, std::move(maps)),
        statics(options.console_dir),
        signals(ioc) {}

  App& app;
  ServerOptions options;
  asio::io_context ioc;
  std::unique_ptr<ssl::context> tls;
  Metrics metrics;
  StreamHub hub;
  Api api;
  StaticFiles statics;
  std::unique_ptr<tcp::acceptor> acceptor;
  asio::signal_set signals;
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0};
  std::atomic<std::uint64_t> next_request{0};
  const std::string request_prefix = NewId("").substr(0, 8);

  // Idle keep-alive connections, closed at shutdown. Each entry cancels its
  // stream on the stream's own strand.
  std::mutex idle_mu;
  std::unordered_map<std::uint64_t, std::function<void()>> idle;  // GUARDED_BY(idle_mu)

  std::string NextRequestId() {
    return request_prefix + "-" + std::to_string(next_request.fetch_add(1) + 1);
  }

  asio::awaitable<void> Listen();
  template <class Stream>
  asio::awaitable<void> Serve(Stream stream, std::string remote, std::uint64_t conn_id);
  template <class Stream>
  asio::awaitable<void> UpgradeToStream(Stream stream, bhttp::request<bhttp::string_body> req,
                                        std::string remote);
  void BeginShutdown();
};

// --- WebSocket client ------------------------------------------------------

template <class Stream>
class WsClient final : public StreamClient, public std::enable_shared_from_this<WsClient<Stream>> {
 public:
  WsClient(websocket::stream<Stream> ws, Principal p, StreamHub& hub, Metrics& metrics,
           size_t max_queue)
      : ws_(std::move(ws)),
        principal_(std::move(p)),
        hub_(hub),
        metrics_(metrics),
        max_queue_(max_queue) {
    metrics_.StreamOpened();
  }
  ~WsClient() override { metrics_.StreamClosed(); }

  const Principal& principal() const override { return principal_; }

  void Send(std::shared_ptr<const std::string> frame) override {
    asio::post(ws_.get_executor(), [self = this->shared_from_this(), frame = std::move(frame)] {
      if (self->closing_) return;
      if (self->queue_.size() >= self->max_queue_) {
        self->metrics_.StreamDropped();
        self->DoClose(kCloseTooSlow, "too slow: events were not read in time");
        return;
      }
      self->queue_.push_back(frame);
      if (!self->writing_) self->DoWrite();
    });
  }

  void Close(std::uint16_t code, std::string reason) override {
    asio::post(ws_.get_executor(),
               [self = this->shared_from_this(), code, reason] { self->DoClose(code, reason); });
  }

  // Reads (and discards) client frames so control frames are processed and a
  // disconnect is noticed. Runs until the connection ends.
  asio::awaitable<void> ReadLoop() {
    beast::flat_buffer buffer;
    for (;;) {
      auto [ec, n] = co_await ws_.async_read(buffer, asio::as_tuple(asio::use_awaitable));
      if (ec) break;
      buffer.consume(n);
    }
    closing_ = true;
    hub_.Remove(this);
  }

 private:
  void DoWrite() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front()),
                    [self = this->shared_from_this()](beast::error_code ec, size_t) {
                      self->queue_.pop_front();
                      if (ec || self->closing_) {
                        self->writing_ = false;
                        self->queue_.clear();
                        return;
                      }
                      if (!self->queue_.empty()) {
                        self->DoWrite();
                      } else {
                        self->writing_ = false;
                      }
                    });
  }

  void DoClose(std::uint16_t code, const std::string& reason) {
    if (closing_) return;
    closing_ = true;
    // Keep only the frame being written; the close frame follows it.
    if (queue_.size() > 1) queue_.resize(writing_ ? 1 : 0);
    websocket::close_reason why;
    why.code = code;
    why.reason = reason;
    ws_.async_close(why, [self = this->shared_from_this()](beast::error_code) {
      self->hub_.Remove(self.get());
    });
  }

  websocket::stream<Stream> ws_;
  const Principal principal_;
  StreamHub& hub_;
  Metrics& metrics_;
  const size_t max_queue_;
  std::deque<std::shared_ptr<const std::string>> queue_;  // on the strand
  bool writing_ = false;                                  // on the strand
  bool closing_ = false;                                  // on the strand
};

// --- Connections -------------------------------------------------------------

asio::awaitable<void> Server::Impl::Listen() {
  for (;;) {
    auto [ec, socket] = co_await acceptor->async_accept(asio::make_strand(ioc),
                                                        asio::as_tuple(asio::use_awaitable));
    if (ec) {
      if (stopping) co_return;
      Log(LogLevel::kWarn, "accept failed", {{"error", ec.message()}});
      continue;
    }
    if (stopping) co_return;
    beast::error_code ep_ec;
    auto ep = socket.remote_endpoint(ep_ec);
    std::string remote = ep_ec ? "unknown" : ep.address().to_string();
    static std::atomic<std::uint64_t> ids{0};
    const std::uint64_t id = ++ids;
    auto ex = socket.get_executor();
    if (tls) {
      asio::co_spawn(ex,
                     Serve(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *tls),
                           std::move(remote), id),
                     asio::detached);
    } else {
      asio::co_spawn(ex, Serve(beast::tcp_stream(std::move(socket)), std::move(remote), id),
                     asio::detached);
    }
  }
}

template <class Stream>
asio::awaitable<void> Server::Impl::Serve(Stream stream, std::string remote,
                                          std::uint64_t conn_id) {
  connections.fetch_add(1);
  // Read and written only on this connection's strand.
  auto alive = std::make_shared<bool>(true);
  struct Leave {
    Impl* self;
    std::uint64_t id;
    std::shared_ptr<bool> alive;
    ~Leave() {
      *alive = false;
      {
        std::lock_guard lock(self->idle_mu);
        self->idle.erase(id);
      }
      self->connections.fetch_sub(1);
    }
  } leave{this, conn_id, alive};

  const Config& cfg = app.config();
  constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
  beast::flat_buffer buffer;
  if constexpr (kTls) {
    beast::get_lowest_layer(stream).expires_after(kTlsHandshakeTimeout);
    auto [ec] = co_await stream.async_handshake(ssl::stream_base::server,
                                                asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
  }

  for (;;) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(cfg.max_header_bytes));
    // The header decides the body's limit (a CSV import may be larger than
    // any other body), so the header is read with the larger one and the
    // limit narrowed before the body is read.
    std::size_t body_limit = cfg.max_body_bytes;
    parser.body_limit(std::max(cfg.max_body_bytes, cfg.max_import_bytes));
    beast::get_lowest_layer(stream).expires_after(
        std::chrono::seconds(cfg.request_timeout_seconds));
    {
      std::lock_guard lock(idle_mu);
      auto ex = stream.get_executor();
      auto* lowest = &beast::get_lowest_layer(stream);
      idle[conn_id] = [ex, lowest, alive] {
        asio::post(ex, [lowest, alive] {
          if (*alive) lowest->cancel();
        });
      };
    }
    if (stopping) co_return;
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser,
                                                     asio::as_tuple(asio::use_awaitable));
    if (!ec) {
      if (IsImportRequest(parser.get())) body_limit = cfg.max_import_bytes;
      const auto length = parser.content_length();
      if (length && *length > body_limit) {
        ec = bhttp::error::body_limit;
      } else if (!parser.is_done()) {
        parser.body_limit(body_limit);
        std::tie(ec, n) =
            co_await bhttp::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
      }
    }
    {
      std::lock_guard lock(idle_mu);
      idle.erase(conn_id);
    }
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = NextRequestId();
    if (ec) {
      if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
          ec == beast::error::timeout || ec == asio::error::connection_reset ||
          ec == asio::error::eof) {
        break;
      }
      // A malformed or oversized request: answer with a problem, then close.
      Error err = Error::Invalid("", "malformed HTTP request");
      int status = 400;
      if (ec == bhttp::error::body_limit) {
        err = Error{ErrorCode::kPayloadTooLarge,
                    "the body exceeds " + std::to_string(body_limit) + " bytes",
                    "",
                    "",
                    0,
                    {}};
        status = 413;
      } else if (ec == bhttp::error::header_limit) {
        err = Error::Invalid("", "the request headers are too large");
        status = 431;
      }
      HttpResponse resp = ProblemResponse(err, request_id, status);
      auto res = ToBeast(std::move(resp), 11, false, kTls, request_id, false);
      beast::get_lowest_layer(stream).expires_after(
          std::chrono::seconds(cfg.request_timeout_seconds));
      co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
      metrics.RecordRequest(status, 0);
      break;
    }
    bhttp::request<bhttp::string_body> raw = parser.release();

    if (websocket::is_upgrade(raw) && raw.target().starts_with("/api/v1/stream")) {
      beast::get_lowest_layer(stream).expires_never();
      co_await UpgradeToStream(std::move(stream), std::move(raw), std::move(remote));
      co_return;
    }

    bool malformed_target = false;
    HttpRequest req = ToRequest(raw, remote, kTls, request_id, &malformed_target);
    const bool head = req.method == "HEAD";
    HttpResponse resp;
    const bool api_path =
        req.path.starts_with("/api/") || req.path == "/healthz" || req.path == "/metrics";
    if (malformed_target) {
      resp = ProblemResponse(
          Error::Invalid("", "the request target has malformed percent-encoding"), request_id);
    } else if (!api_path) {
      auto r = statics.Serve(req);
      if (r) {
        resp = std::move(*r);
      } else {
        resp = ProblemResponse(Error::Invalid("", "only GET and HEAD are allowed here"), request_id,
                               405);
        resp.headers.emplace_back("Allow", "GET, HEAD");
      }
    } else {
      resp = co_await AsyncHandle(api, std::move(req), asio::use_awaitable);
    }
    const int status = resp.status;
    const bool keep_alive = raw.keep_alive() && !stopping;
    auto res = ToBeast(std::move(resp), raw.version(), keep_alive, kTls, request_id, head);
    auto [wec, wn] = co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.RecordRequest(status, seconds);
    Log(status >= 500 ? LogLevel::kError : LogLevel::kInfo, "request",
        {{"request_id", request_id},
         {"method", std::string_view(raw.method_string())},
         {"path", std::string_view(raw.target()).substr(0, raw.target().find('?'))},
         {"status", std::int64_t{status}},
         {"ms", seconds * 1000},
         {"remote", remote}});
    if (wec || !keep_alive) break;
  }
  beast::error_code ignored;
  if constexpr (kTls) {
    beast::get_lowest_layer(stream).expires_after(kTlsHandshakeTimeout);
    co_await stream.async_shutdown(asio::as_tuple(asio::use_awaitable));
  } else {
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
}

template <class Stream>
asio::awaitable<void> Server::Impl::UpgradeToStream(Stream stream,
                                                    bhttp::request<bhttp::string_body> raw,
                                                    std::string remote) {
  const std::string request_id = NextRequestId();
  HttpRequest req = ToRequest(raw, remote, !std::is_same_v<Stream, beast::tcp_stream>, request_id);
  bool via_cookie = false;
  auto principal = api.Authenticate(req, &via_cookie);
  Status allowed = principal ? OkStatus() : Status(principal.error());
  if (allowed && via_cookie) {
    // Browsers send Origin on WebSocket handshakes; refuse other sites'.
    if (!Api::SameOriginOrNone(req)) allowed = Error::Denied("cross-origin stream refused");
  }
  if (allowed) {
    if (Decision d = Can(*principal, Action::kSubscribeStream, Scope{principal->party, {}}); !d) {
      allowed = Error::Denied(d.reason);
    }
  }
  if (!allowed) {
    HttpResponse resp = ProblemResponse(allowed.error(), request_id);
    auto res = ToBeast(std::move(resp), raw.version(), false, req.tls, request_id, false);
    co_await bhttp::async_write(stream, res, asio::as_tuple(asio::use_awaitable));
    metrics.RecordRequest(res.result_int(), 0);
    co_return;
  }
  websocket::stream<Stream> ws(std::move(stream));
  ws.set_option(websocket::stream_base::timeout{
      std::chrono::seconds(10), std::chrono::seconds(app.config().stream_ping_seconds * 2), true});
  ws.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(bhttp::field::server, "liaison"); }));
  ws.read_message_max(64 * 1024);
  auto [ec] = co_await ws.async_accept(raw, asio::as_tuple(asio::use_awaitable));
  if (ec) co_return;
  metrics.RecordRequest(101, 0);
  Log(LogLevel::kInfo, "stream opened",
      {{"request_id", request_id}, {"user", principal->username}, {"remote", remote}});
  auto client = std::make_shared<WsClient<Stream>>(std::move(ws), *principal, hub, metrics,
                                                   static_cast<size_t>(app.config().stream_queue));
  // Registered before the replay is read, so nothing committed in between is
  // lost; an event may then arrive twice, and clients drop repeated seqs.
  hub.Add(client);
  client->Send(std::make_shared<const std::string>(boost::json::serialize(boost::json::object{
      {"type", "hello"}, {"seq", app.bus().last_seq()}, {"user", principal->username}})));
  if (auto after = req.Query("after")) {
    std::int64_t from = 0;
    auto [p, pec] = std::from_chars(after->data(), after->data() + after->size(), from);
    if (pec == std::errc() && p == after->data() + after->size() && from >= 0) {
      // Half the send queue at most, so a replay can never trip the slow-client drop.
      const std::int64_t limit = std::min<std::int64_t>(kMaxReplay, app.config().stream_queue / 2);
      auto frames = api.ReplayFrames(*principal, from, limit);
      if (frames) {
        for (auto& f : *frames) client->Send(std::make_shared<const std::string>(std::move(f)));
      }
    }
  }
  co_await client->ReadLoop();
}

void Server::Impl::BeginShutdown() {
  if (stopping.exchange(true)) return;
  Log(LogLevel::kInfo, "shutting down", {{"connections", std::int64_t{connections.load()}}});
  asio::post(ioc, [this] {
    beast::error_code ignored;
    if (acceptor) acceptor->close(ignored);
    signals.cancel();
  });
  hub.CloseAll(kCloseShutdown, "server shutting down");
  std::vector<std::function<void()>> cancels;
  {
    std::lock_guard lock(idle_mu);
    for (auto& [id, fn] : idle) cancels.push_back(fn);
  }
  for (auto& fn : cancels) fn();
}

// ---------------------------------------------------------------------------

Server::Server(App& app, ServerOptions options, MapLayers maps)
    : impl_(std::make_unique<Impl>(app, std::move(options), std::move(maps))) {
  app.events().Subscribe([hub = &impl_->hub](const audit::StoredEvent& e) { hub->Publish(e); });
}

Server::~Server() = default;

Status Server::Start() {
  Impl& s = *impl_;
  const Config& cfg = s.app.config();
  if (!cfg.tls_cert.empty()) {
    s.tls = std::make_unique<ssl::context>(ssl::context::tls_server);
    s.tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                       ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    beast::error_code ec;
    s.tls->use_certificate_chain_file(cfg.tls_cert, ec);
    if (ec)
      return Error::Invalid("server.tls_cert", "cannot load " + cfg.tls_cert + ": " + ec.message());
    s.tls->use_private_key_file(cfg.tls_key, ssl::context::pem, ec);
    if (ec)
      return Error::Invalid("server.tls_key", "cannot load " + cfg.tls_key + ": " + ec.message());
  }
  const std::string& listen = s.options.listen;
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Error::Invalid("/listen", "listen must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto [p, pec] = std::from_chars(listen.data() + colon + 1, listen.data() + listen.size(), port);
  if (pec != std::errc() || p != listen.data() + listen.size() || port > 65535) {
    return Error::Invalid("/listen", "the port must be a number from 0 to 65535");
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) return Error::Invalid("/listen", "not an IP address: " + host);
  tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  s.acceptor = std::make_unique<tcp::acceptor>(s.ioc);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Error::Unavailable("cannot listen on " + listen + ": " + ec.message());
  // Catch SIGINT and SIGTERM before announcing the address: whoever reads it
  // may stop the server at once, and that must be the graceful shutdown, not
  // the signal's default action. Signals are queued until Run() waits.
  if (s.options.install_signals) {
    s.signals.add(SIGINT, ec);
    if (!ec) s.signals.add(SIGTERM, ec);
    if (ec) return Error::Unavailable("cannot install signal handlers: " + ec.message());
  }
  const auto bound = s.acceptor->local_endpoint();
  std::string shown = bound.address().to_string();
  if (bound.address().is_v6()) shown = "[" + shown + "]";
  std::cout << "listening on " << (s.tls ? "https://" : "http://") << shown << ":" << bound.port()
            << std::endl;
  return OkStatus();
}

void Server::Run() {
  Impl& s = *impl_;
  asio::co_spawn(s.ioc, s.Listen(), asio::detached);
  if (s.options.install_signals) {
    s.signals.async_wait([this](beast::error_code ec, int) {
      if (!ec) Shutdown();
    });
  }
  // Keeps run() from returning while idle; released once shutdown is done.
  auto work = std::make_shared<asio::executor_work_guard<asio::io_context::executor_type>>(
      s.ioc.get_executor());
  std::thread drain([this, &s, work]() mutable {
    while (!s.stopping) std::this_thread::sleep_for(50ms);
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::seconds(s.app.config().shutdown_grace_seconds);
    while (s.connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(20ms);
    }
    work.reset();
    s.ioc.stop();
  });
  std::vector<std::thread> threads;
  for (int i = 1; i < s.app.config().io_threads; ++i) threads.emplace_back([&s] { s.ioc.run(); });
  s.ioc.run();
  for (auto& t : threads) t.join();
  drain.join();
}

void Server::Shutdown() { impl_->BeginShutdown(); }

}  // namespace liaison

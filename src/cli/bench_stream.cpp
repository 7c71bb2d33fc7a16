// liaison bench stream: live delivery on the WebSocket event stream to many
// clients at once. Starts a real server over a throwaway data directory seeded
// with the demo accounts, opens N streams spread over the demo's isf, pasf and
// ussc officers, posts messages at a set rate through the API, and measures,
// for every frame delivered, the time from the event's commit to its receipt.
//
// Figures only: the run fails when setup or a post fails, or when a client
// receives a message it may not see; never on timing.
//
// The client is asynchronous (Beast WebSocket streams on a few io_contexts,
// one thread each), not a thread per connection; its structure follows Beast's
// example/websocket/client/awaitable at tag boost-1.81.0.
#include "cli/bench_stream.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "app/app.hpp"
#include "app/demo.hpp"
#include "cli/commands.hpp"
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/stream_hub.hpp"

namespace liaison::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

constexpr const char* kPassword = "stream-bench-passphrase";
constexpr auto kConnectTimeout = 30s;
constexpr auto kHttpTimeout = 30s;
// Logins in flight. The server queues at most [security] hash_queue (64)
// password checks and answers 503 beyond; failed logins are what its
// per-address throttle counts, so successful ones need no change to it.
constexpr int kLoginWorkers = 32;
// Descriptors the server and this process need besides one per stream: the
// database and its WAL, the log, the login and posting connections.
constexpr rlim_t kSpareDescriptors = 256;
// After the last post, how long delivery may stall before the run ends.
constexpr auto kDrainQuiet = 2s;
constexpr auto kDrainMax = 30s;

struct StreamBenchArgs {
  int clients = 1000;
  int rate = 50;
  int seconds = 10;
  int io_threads = 2;
  int connect_batch = 100;
  std::string dir;
};

// Messages are posted through POST /api/v1/channels/{id}/messages, the path an
// officer's console takes, rather than committed on the CommandBus from
// inside: each event then pays what a real one does before the hub fans it out
// (authentication, CSRF, validation, the durable group commit, the projection
// and the full-text index), and the three kinds of channel exercise the
// stream's visibility filter three ways.
enum class Audience { kEveryone, kCoordinator, kTwoUsers };

struct Slot {
  const char* poster;
  const char* channel;
  Audience audience;
  const char* users[2];  // kTwoUsers: the conversation's two users
};

// Event i is posted by slot i % 10: six of ten to district desks (isf, pasf
// and the coordinator see them), two to the coordinator's own channel (ussc
// only), two as direct messages (their two users only).
constexpr Slot kSlots[] = {
    {"isf.jenin", "desk:PS0101", Audience::kEveryone, {}},
    {"pasf.nablus", "desk:PS0115", Audience::kEveryone, {}},
    {"ussc.duty", "coordinator", Audience::kCoordinator, {}},
    {"isf.hebron", "desk:PS0150", Audience::kEveryone, {}},
    {"ussc.duty", "dm:isf.jenin:ussc.duty", Audience::kTwoUsers, {"isf.jenin", "ussc.duty"}},
    {"pasf.ramallah", "desk:PS0130", Audience::kEveryone, {}},
    {"isf.tulkarm", "desk:PS0110", Audience::kEveryone, {}},
    {"ussc.duty2", "coordinator", Audience::kCoordinator, {}},
    {"pasf.bethlehem", "desk:PS0145", Audience::kEveryone, {}},
    {"pasf.hebron",
     "dm:isf.hebron:pasf.hebron",
     Audience::kTwoUsers,
     {"isf.hebron", "pasf.hebron"}},
};
constexpr size_t kSlotCount = std::size(kSlots);

struct User {
  std::string username;
  std::string party;
};

bool Sees(const Slot& s, const User& u) {
  switch (s.audience) {
    case Audience::kEveryone:
      return true;
    case Audience::kCoordinator:
      return u.party == "ussc";
    case Audience::kTwoUsers:
      return u.username == s.users[0] || u.username == s.users[1];
  }
  return false;
}

// --- The process ------------------------------------------------------------

// A field of /proc/<pid>/status in KiB ("VmRSS" resident, "VmHWM" its peak);
// 0 if unknown.
double StatusKiB(const std::string& pid, const std::string& field) {
  std::ifstream status("/proc/" + pid + "/status");
  const std::string key = field + ":";
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size()));  // "... kB"
  }
  return 0;
}

// CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
double CpuSeconds(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t comm_end = stat.rfind(')');  // the command name may hold spaces
  if (comm_end == std::string::npos) return 0;
  std::istringstream fields(stat.substr(comm_end + 2));
  std::string field;
  double ticks = 0;
  // After the name: state is field 3, utime 14 and stime 15.
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

// Raises this process's descriptor limit to its hard limit (children inherit
// it): each side of every stream is a descriptor. A hard limit below `needed`
// can only be raised by root (ulimit -Hn, LimitNOFILE=, limits.conf), so the
// run refuses to start rather than fail halfway with EMFILE.
Result<rlim_t> RaiseDescriptorLimit(rlim_t needed) {
  rlimit lim{};
  if (::getrlimit(RLIMIT_NOFILE, &lim) != 0) return Error::Internal("getrlimit failed");
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < needed) {
    return Error::Invalid("/clients", "the streams need " + std::to_string(needed) +
                                          " file descriptors per process but the hard limit is " +
                                          std::to_string(lim.rlim_max) +
                                          "; raise it (ulimit -Hn as root, or LimitNOFILE) or "
                                          "use fewer --clients");
  }
  if (lim.rlim_cur < needed) {
    lim.rlim_cur = lim.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &lim) != 0) return Error::Internal("setrlimit failed");
  }
  return lim.rlim_cur;
}

// A throwaway data directory with the demo accounts, whose passwords use the
// "minimal" Argon2id cost so thousands of logins take seconds, not minutes.
Result<std::vector<DemoAccount>> PrepareData(const std::string& dir) {
  auto created = InitDataDir(DataDir{dir}, true);
  if (!created) return std::move(created).error();
  const std::string path = DataDir{dir}.config();
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  std::string config = text.str();
  const std::string from = "password_hash = \"interactive\"";
  const size_t at = config.find(from);
  if (at == std::string::npos) return Error::Internal(path + " has no " + from);
  config.replace(at, from.size(), "password_hash = \"minimal\"");
  std::ofstream(path, std::ios::trunc) << config;
  SystemClock clock;
  auto app = App::Open(DataDir{dir}, clock);
  if (!app) return std::move(app).error();
  auto accounts = SeedDemo(**app, kPassword);
  (*app)->Stop();
  return accounts;
}

// `liaison serve` on loopback as a child process: the server's memory is its
// own (not mixed with the clients'), each process needs one descriptor per
// stream rather than one needing two, and the server runs exactly as deployed
// (its own I/O threads, logging and shutdown). Stopped with SIGTERM when this
// goes out of scope, and by the kernel if this process dies first.
class ServerProcess {
 public:
  ServerProcess() = default;
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() { Stop(); }

  Status Start(const std::string& dir) {
    log_ = dir + "/server.log";
    std::error_code ec;
    const std::string exe = std::filesystem::read_symlink("/proc/self/exe", ec).string();
    if (ec) return Error::Internal("cannot find this executable: " + ec.message());
    const int fd = ::open(log_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) return Error::Internal("cannot create " + log_);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      ::execl(exe.c_str(), "liaison", "serve", "--data", dir.c_str(), "--listen", "127.0.0.1:0",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fd);
    if (pid_ < 0) return Error::Internal("fork failed");
    // `serve` prints "listening on http://HOST:PORT" once it accepts.
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::ifstream in(log_);
      for (std::string line; std::getline(in, line);) {
        constexpr std::string_view kListening = "listening on http://";
        if (line.rfind(kListening, 0) == 0) {
          address_ = line.substr(kListening.size());
          return OkStatus();
        }
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return Error::Unavailable("the server exited at start; see " + log_);
      }
      std::this_thread::sleep_for(20ms);
    }
    return Error::Unavailable("the server did not start within 60 s; see " + log_);
  }

  // Graceful shutdown (SIGTERM), then SIGKILL after the server's grace.
  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    int status = 0;
    while (::waitpid(pid_, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    pid_ = -1;
  }

  std::string pid() const { return std::to_string(pid_); }
  const std::string& address() const { return address_; }  // "127.0.0.1:PORT"

 private:
  pid_t pid_ = -1;
  std::string log_;
  std::string address_;
};

// --- The clients ------------------------------------------------------------

struct Sample {
  std::int64_t seq;
  std::int64_t latency_us;
  std::uint32_t client;
};

// What one I/O thread saw. Written only on that thread; `frames` is also read
// by the main thread to see when delivery is done.
struct alignas(64) ThreadStats {
  std::vector<Sample> samples;
  std::atomic<std::int64_t> frames{0};
  Micros last_receipt = 0;
  std::int64_t unreadable = 0;  // frames that are not events
};

struct Client {
  std::uint32_t user = 0;
  int thread = 0;
  bool open = false;
  // How the stream ended while measuring: a WebSocket close code, or -1 when
  // the connection was lost without one.
  int closed = 0;
  std::string error;  // why it did not open
};

struct Posted {
  bool ok = false;
  std::int64_t seq = 0;
  double post_ms = 0;
  std::string error;
};

// The state shared by the coroutines. Vectors are sized before the I/O
// threads start; each element is written by one coroutine at a time.
struct Bench {
  tcp::endpoint endpoint;
  std::string host;  // the Host header
  std::vector<User> users;
  std::vector<std::string> logins;    // usernames: the clients', then the slots'
  std::vector<std::string> sessions;  // their session tokens
  std::vector<std::string> login_errors;
  std::vector<Client> clients;
  std::vector<std::unique_ptr<ThreadStats>> threads;
  std::vector<Posted> posted;
  std::vector<std::int64_t> audience;  // per slot: the open clients that may see its events
  std::atomic<size_t> next_login{0};
  std::atomic<size_t> next_client{0};
  std::atomic<std::int64_t> expected{0};
  std::atomic<bool> measuring{true};
  std::chrono::steady_clock::time_point start;
  int rate = 0;
};

Micros NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct FrameEvent {
  std::int64_t seq;
  Micros at;
};

// The seq and commit time of an event frame. StreamHub::EventFrame writes
// {"type":"event","event":{"seq":N,"at":"...",...}}, so both are read in place
// (a full parse of every frame would cost the shared cores more than the
// server's send); any other shape is parsed in full.
std::optional<FrameEvent> ReadEvent(std::string_view f) {
  constexpr std::string_view kHead = R"({"type":"event","event":{"seq":)";
  constexpr std::string_view kAt = R"(,"at":")";
  if (f.starts_with(kHead)) {
    const char* end = f.data() + f.size();
    std::int64_t seq = 0;
    auto [p, ec] = std::from_chars(f.data() + kHead.size(), end, seq);
    const std::string_view rest(p, static_cast<size_t>(end - p));
    if (ec == std::errc() && rest.starts_with(kAt)) {
      const std::string_view at = rest.substr(kAt.size(), rest.find('"', kAt.size()) - kAt.size());
      if (auto t = ParseRfc3339(at)) return FrameEvent{seq, *t};
    }
  }
  boost::system::error_code ec;
  json::value v = json::parse(f, ec);
  if (ec || !v.is_object()) return std::nullopt;
  const json::value* type = v.as_object().if_contains("type");
  const json::value* event = v.as_object().if_contains("event");
  if (!type || !type->is_string() || type->get_string() != "event" || !event || !event->is_object())
    return std::nullopt;
  const json::value* seq = event->as_object().if_contains("seq");
  const json::value* at = event->as_object().if_contains("at");
  if (!seq || !seq->is_int64() || !at || !at->is_string()) return std::nullopt;
  auto t = ParseRfc3339(at->get_string());
  if (!t) return std::nullopt;
  return FrameEvent{seq->get_int64(), *t};
}

asio::awaitable<beast::error_code> Connect(beast::tcp_stream& s, const tcp::endpoint& ep) {
  s.expires_after(kConnectTimeout);
  auto [ec] = co_await s.async_connect(ep, asio::as_tuple(asio::use_awaitable));
  co_return ec;
}

struct HttpReply {
  unsigned status = 0;
  std::string body;
  std::string session;  // from Set-Cookie, if any
};

// One request on a keep-alive connection: a transport failure is an error,
// any HTTP status a reply.
asio::awaitable<Result<HttpReply>> Call(beast::tcp_stream& s, const std::string& host,
                                        std::string target, std::string body,
                                        const std::string& session) {
  bhttp::request<bhttp::string_body> req{bhttp::verb::post, target, 11};
  req.set(bhttp::field::host, host);
  req.set(bhttp::field::content_type, "application/json");
  // The CSRF proof that cookie-authenticated writes and the login carry.
  req.set(kCsrfHeader, "1");
  if (!session.empty()) req.set(bhttp::field::cookie, std::string(kSessionCookie) + "=" + session);
  req.body() = std::move(body);
  req.prepare_payload();
  s.expires_after(kHttpTimeout);
  auto [wec, wn] = co_await bhttp::async_write(s, req, asio::as_tuple(asio::use_awaitable));
  if (wec) co_return Error::Unavailable("POST " + target + ": " + wec.message());
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  auto [rec, rn] = co_await bhttp::async_read(s, buffer, res, asio::as_tuple(asio::use_awaitable));
  if (rec) co_return Error::Unavailable("POST " + target + ": " + rec.message());
  HttpReply reply{res.result_int(), std::move(res.body()), {}};
  const std::string prefix = std::string(kSessionCookie) + "=";
  for (const auto& f : res) {
    if (f.name() != bhttp::field::set_cookie || !f.value().starts_with(prefix)) continue;
    const std::string_view v = f.value().substr(prefix.size());
    reply.session = std::string(v.substr(0, v.find(';')));
  }
  co_return reply;
}

// Logs in b.logins[i] for each i it takes, over one keep-alive connection.
asio::awaitable<void> LoginWorker(Bench& b) {
  auto ex = co_await asio::this_coro::executor;
  std::optional<beast::tcp_stream> s;
  for (size_t i = b.next_login++; i < b.logins.size(); i = b.next_login++) {
    // A connection the server closed (or that failed) is opened again once.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!s) {
        s.emplace(ex);
        if (auto ec = co_await Connect(*s, b.endpoint)) {
          b.login_errors[i] = "connect: " + ec.message();
          s.reset();
          continue;
        }
      }
      const json::object in{{"username", b.logins[i]}, {"password", kPassword}};
      auto r = co_await Call(*s, b.host, "/api/v1/session", json::serialize(in), "");
      if (!r) {
        b.login_errors[i] = r.error().message;
        s.reset();
        continue;
      }
      if (r->status != 200 || r->session.empty()) {
        b.login_errors[i] = "login of " + b.logins[i] + ": HTTP " + std::to_string(r->status) +
                            " " + r->body.substr(0, 200);
      } else {
        b.sessions[i] = std::move(r->session);
        b.login_errors[i].clear();
      }
      break;
    }
  }
}

// Reads frames until the stream ends, timing each event on arrival.
asio::awaitable<void> ReadFrames(websocket::stream<beast::tcp_stream> ws, Bench& b,
                                 std::uint32_t index) {
  Client& c = b.clients[index];
  ThreadStats& t = *b.threads[static_cast<size_t>(c.thread)];
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
    const Micros received = NowMicros();
    if (!b.measuring.load(std::memory_order_relaxed)) co_return;
    if (ec) {
      c.closed = ec == websocket::error::closed ? ws.reason().code : -1;
      co_return;
    }
    const auto data = buffer.cdata();
    if (auto e = ReadEvent({static_cast<const char*>(data.data()), data.size()})) {
      t.samples.push_back({e->seq, received - e->at, index});
      t.last_receipt = std::max(t.last_receipt, received);
      t.frames.fetch_add(1, std::memory_order_relaxed);
    } else {
      ++t.unreadable;
    }
    buffer.consume(n);
  }
}

// Opens the streams it takes, one at a time: the connect workers together
// hold at most --connect-batch handshakes in flight, so the server's accept
// backlog is never overrun. Each opened stream reads on this worker's thread.
asio::awaitable<void> OpenStreams(Bench& b, int thread) {
  auto ex = co_await asio::this_coro::executor;
  for (size_t i = b.next_client++; i < b.clients.size(); i = b.next_client++) {
    Client& c = b.clients[i];
    c.thread = thread;
    if (b.sessions[i].empty()) {
      c.error = "no session";
      continue;
    }
    websocket::stream<beast::tcp_stream> ws(ex);
    if (auto ec = co_await Connect(beast::get_lowest_layer(ws), b.endpoint)) {
      c.error = "connect: " + ec.message();
      continue;
    }
    beast::get_lowest_layer(ws).expires_never();
    ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    const std::string cookie = std::string(kSessionCookie) + "=" + b.sessions[i];
    ws.set_option(websocket::stream_base::decorator(
        [cookie](websocket::request_type& req) { req.set(bhttp::field::cookie, cookie); }));
    auto [hec] =
        co_await ws.async_handshake(b.host, "/api/v1/stream", asio::as_tuple(asio::use_awaitable));
    if (hec) {
      c.error = "handshake: " + hec.message();
      continue;
    }
    beast::flat_buffer buffer;
    auto [rec, n] = co_await ws.async_read(buffer, asio::as_tuple(asio::use_awaitable));
    if (rec ||
        beast::buffers_to_string(buffer.data()).find(R"("type":"hello")") == std::string::npos) {
      c.error = "no hello frame" + (rec ? ": " + rec.message() : std::string());
      continue;
    }
    c.open = true;
    asio::co_spawn(ex, ReadFrames(std::move(ws), b, static_cast<std::uint32_t>(i)), asio::detached);
  }
}

// Posts the events of one slot (i = slot, slot + 10, ...) at their times,
// start + i / rate, on one keep-alive connection with the slot's session.
asio::awaitable<void> PostSlot(Bench& b, size_t slot) {
  auto ex = co_await asio::this_coro::executor;
  const Slot& s = kSlots[slot];
  const std::string& session = b.sessions[b.clients.size() + slot];
  const std::string target = std::string("/api/v1/channels/") + s.channel + "/messages";
  asio::steady_timer timer(ex);
  std::optional<beast::tcp_stream> conn;
  for (size_t i = slot; i < b.posted.size(); i += kSlotCount) {
    timer.expires_at(
        b.start + std::chrono::nanoseconds(static_cast<std::int64_t>(i) * 1'000'000'000 / b.rate));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    Posted& p = b.posted[i];
    const json::object in{{"text", "Stream benchmark message " + std::to_string(i)}};
    const auto t0 = std::chrono::steady_clock::now();
    // Sent again once on a new connection if the first failed; should the
    // lost attempt have committed, its frames count as "other events".
    for (int attempt = 0; attempt < 2 && !p.ok; ++attempt) {
      if (!conn) {
        conn.emplace(ex);
        if (auto ec = co_await Connect(*conn, b.endpoint)) {
          p.error = "connect: " + ec.message();
          conn.reset();
          continue;
        }
      }
      auto r = co_await Call(*conn, b.host, target, json::serialize(in), session);
      if (!r) {
        p.error = r.error().message;
        conn.reset();
        continue;
      }
      boost::system::error_code ec;
      const json::value v = json::parse(r->body, ec);
      const json::value* seq = !ec && v.is_object() ? v.as_object().if_contains("seq") : nullptr;
      if (r->status != 201 || !seq || !seq->is_int64()) {
        p.error =
            "POST " + target + ": HTTP " + std::to_string(r->status) + " " + r->body.substr(0, 200);
        break;
      }
      p.ok = true;
      p.seq = seq->get_int64();
      p.error.clear();
      b.expected.fetch_add(b.audience[slot], std::memory_order_relaxed);
    }
    p.post_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
}

// Runs `make(i)` as n coroutines spread over the io_contexts and waits for all.
template <class Make>
void RunAll(std::vector<std::unique_ptr<asio::io_context>>& iocs, size_t n, Make make) {
  std::vector<std::future<void>> done;
  for (size_t i = 0; i < n; ++i) {
    done.push_back(asio::co_spawn(*iocs[i % iocs.size()], make(i), asio::use_future));
  }
  for (auto& f : done) f.get();
}

// --- Figures -----------------------------------------------------------------

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  return sorted[static_cast<size_t>(p * static_cast<double>(sorted.size() - 1))];
}

std::string Fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

// 12345678 -> "12,345,678".
std::string Grouped(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) {
    digits.insert(static_cast<size_t>(at), ",");
  }
  return (v < 0 ? "-" : "") + digits;
}

std::string Latencies(std::vector<double>& ms) {
  std::sort(ms.begin(), ms.end());
  return "p50 " + Fixed(Percentile(ms, 0.5), 1) + " ms, p90 " + Fixed(Percentile(ms, 0.9), 1) +
         " ms, p99 " + Fixed(Percentile(ms, 0.99), 1) + " ms, max " +
         Fixed(ms.empty() ? 0 : ms.back(), 1) + " ms";
}

void Row(std::string_view label, const std::string& value) {
  std::cout << "  " << std::left << std::setw(30) << label << value << "\n";
}

int BenchStream(const StreamBenchArgs& a) {
  namespace fs = std::filesystem;
  const std::string load_before = LoadAverage();
  auto limit = RaiseDescriptorLimit(static_cast<rlim_t>(a.clients) + kSpareDescriptors);
  if (!limit) return Fail(limit.error());

  std::error_code fs_ec;
  const std::string dir =
      a.dir.empty()
          ? (fs::temp_directory_path() / ("liaison-bench-stream-" + std::to_string(::getpid())))
                .string()
          : a.dir;
  if (a.dir.empty()) {
    fs::remove_all(dir, fs_ec);
  } else if (fs::exists(dir, fs_ec) && !fs::is_empty(dir, fs_ec)) {
    return Fail(Error::Invalid("/data", "--data must name a new or empty directory; " + dir +
                                            " holds files and is never overwritten"));
  }
  struct RemoveDir {
    std::string dir;
    ~RemoveDir() {
      std::error_code ec;
      if (!dir.empty()) std::filesystem::remove_all(dir, ec);
    }
  } remove_dir{a.dir.empty() ? dir : ""};

  auto accounts = PrepareData(dir);
  if (!accounts) return Fail(accounts.error());
  auto config = LoadConfig(DataDir{dir}.config());
  if (!config) return Fail(config.error());

  Bench b;
  b.rate = a.rate;
  // Every officer who works the desks: liaison and duty officers and
  // commanders of all three parties (not the admins, auditors and analysts).
  for (const DemoAccount& acc : *accounts) {
    if (acc.roles.find("liaison") != std::string::npos ||
        acc.roles.find("duty") != std::string::npos ||
        acc.roles.find("commander") != std::string::npos) {
      b.users.push_back({acc.username, acc.party});
    }
  }
  for (const Slot& s : kSlots) {
    if (std::none_of(b.users.begin(), b.users.end(),
                     [&](const User& u) { return u.username == s.poster; })) {
      return Fail(Error::Internal(std::string("the demo has no account ") + s.poster));
    }
  }
  b.clients.resize(static_cast<size_t>(a.clients));
  for (size_t i = 0; i < b.clients.size(); ++i) {
    b.clients[i].user = static_cast<std::uint32_t>(i % b.users.size());
    b.logins.push_back(b.users[b.clients[i].user].username);
  }
  // The posters have sessions of their own, as a second console would.
  for (const Slot& s : kSlots) b.logins.push_back(s.poster);
  b.sessions.resize(b.logins.size());
  b.login_errors.resize(b.logins.size());
  b.posted.resize(static_cast<size_t>(a.rate) * static_cast<size_t>(a.seconds));

  ServerProcess server;
  if (Status s = server.Start(dir); !s) return Fail(s.error());
  b.host = server.address();
  {
    const size_t colon = b.host.rfind(':');
    b.endpoint = tcp::endpoint(asio::ip::make_address(b.host.substr(0, colon)),
                               static_cast<unsigned short>(std::stoi(b.host.substr(colon + 1))));
  }
  const double server_idle_kib = StatusKiB(server.pid(), "VmRSS");

  std::vector<std::unique_ptr<asio::io_context>> iocs;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work;
  std::vector<std::thread> io_threads;
  for (int t = 0; t < a.io_threads; ++t) {
    iocs.push_back(std::make_unique<asio::io_context>(1));
    work.push_back(asio::make_work_guard(*iocs.back()));
    b.threads.push_back(std::make_unique<ThreadStats>());
  }
  for (auto& ioc : iocs) io_threads.emplace_back([&ioc] { ioc->run(); });
  auto stop_threads = [&] {
    b.measuring = false;
    work.clear();
    for (auto& ioc : iocs) ioc->stop();
    for (auto& t : io_threads) t.join();
    io_threads.clear();
  };

  const auto t_login = std::chrono::steady_clock::now();
  RunAll(iocs, std::min<size_t>(kLoginWorkers, b.logins.size()),
         [&b](size_t) { return LoginWorker(b); });
  const double login_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_login).count();
  for (size_t i = b.clients.size(); i < b.logins.size(); ++i) {
    if (b.sessions[i].empty()) {
      stop_threads();
      return Fail(Error::Unavailable("the poster could not log in: " + b.login_errors[i]));
    }
  }

  const auto t_open = std::chrono::steady_clock::now();
  RunAll(iocs, static_cast<size_t>(std::min(a.connect_batch, a.clients)),
         [&b, &iocs](size_t w) { return OpenStreams(b, static_cast<int>(w % iocs.size())); });
  const double open_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t_open).count();
  std::int64_t opened = 0;
  std::string first_error;
  std::map<std::string, std::int64_t> parties;
  for (size_t i = 0; i < b.clients.size(); ++i) {
    const Client& c = b.clients[i];
    if (c.open) {
      ++opened;
      ++parties[b.users[c.user].party];
    } else if (first_error.empty()) {
      first_error = !b.login_errors[i].empty() ? b.login_errors[i] : c.error;
    }
  }
  for (const Slot& s : kSlots) {
    b.audience.push_back(std::count_if(b.clients.begin(), b.clients.end(), [&](const Client& c) {
      return c.open && Sees(s, b.users[c.user]);
    }));
  }
  // Let the server settle after the connection storm before timing anything.
  std::this_thread::sleep_for(500ms);
  const double server_open_kib = StatusKiB(server.pid(), "VmRSS");

  const double server_cpu_before = CpuSeconds(server.pid());
  const double bench_cpu_before = CpuSeconds("self");
  b.start = std::chrono::steady_clock::now() + 100ms;
  const Micros first_post = NowMicros() + 100'000;
  RunAll(iocs, kSlotCount, [&b](size_t slot) { return PostSlot(b, slot); });
  const double post_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - b.start).count();

  // Delivery is done when every expected frame arrived, or when nothing more
  // arrives for a while (a dropped client's frames never will).
  auto frames = [&b] {
    std::int64_t n = 0;
    for (const auto& t : b.threads) n += t->frames.load(std::memory_order_relaxed);
    return n;
  };
  const auto drain_end = std::chrono::steady_clock::now() + kDrainMax;
  std::int64_t last = -1;
  auto last_change = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < drain_end) {
    const std::int64_t n = frames();
    if (n >= b.expected.load()) break;
    if (n != last) {
      last = n;
      last_change = std::chrono::steady_clock::now();
    } else if (std::chrono::steady_clock::now() - last_change > kDrainQuiet) {
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  const double server_cpu_s = CpuSeconds(server.pid()) - server_cpu_before;
  const double bench_cpu_s = CpuSeconds("self") - bench_cpu_before;
  const double server_end_kib = StatusKiB(server.pid(), "VmRSS");
  const double server_peak_kib = StatusKiB(server.pid(), "VmHWM");
  stop_threads();
  const std::string load_after = LoadAverage();

  // Match every frame with the post that made it.
  std::unordered_map<std::int64_t, size_t> by_seq;
  std::vector<double> post_ms;
  std::int64_t posted_ok = 0;
  std::string post_error;
  for (size_t i = 0; i < b.posted.size(); ++i) {
    const Posted& p = b.posted[i];
    if (p.ok) {
      by_seq[p.seq] = i;
      ++posted_ok;
      post_ms.push_back(p.post_ms);
    } else if (post_error.empty()) {
      post_error = p.error;
    }
  }
  std::vector<bool> seen(b.posted.size() * b.clients.size());
  std::vector<double> latency_ms, slowest_ms(b.posted.size(), 0);
  std::int64_t delivered = 0, leaked = 0, duplicated = 0, other = 0, unreadable = 0;
  Micros last_receipt = 0;
  for (const auto& t : b.threads) {
    unreadable += t->unreadable;
    last_receipt = std::max(last_receipt, t->last_receipt);
    for (const Sample& s : t->samples) {
      auto it = by_seq.find(s.seq);
      if (it == by_seq.end()) {
        ++other;
        continue;
      }
      const size_t event = it->second;
      if (!Sees(kSlots[event % kSlotCount], b.users[b.clients[s.client].user])) {
        ++leaked;
        continue;
      }
      const size_t key = event * b.clients.size() + s.client;
      if (seen[key]) {
        ++duplicated;
        continue;
      }
      seen[key] = true;
      ++delivered;
      const double ms = static_cast<double>(s.latency_us) / 1000;
      latency_ms.push_back(ms);
      slowest_ms[event] = std::max(slowest_ms[event], ms);
    }
  }
  std::erase_if(slowest_ms, [](double v) { return v == 0; });
  std::int64_t too_slow = 0, closed_other = 0;
  std::map<int, std::int64_t> close_codes;
  for (const Client& c : b.clients) {
    if (c.closed == kCloseTooSlow) {
      ++too_slow;
    } else if (c.closed != 0) {
      ++closed_other;
      ++close_codes[c.closed];
    }
  }
  const std::int64_t expected = b.expected.load();
  const double window_s = static_cast<double>(std::max<Micros>(last_receipt - first_post, 1)) / 1e6;

  std::cout << "bench stream: " << Grouped(a.clients) << " clients, " << a.rate
            << " messages/s for " << a.seconds << " s (server: " << config->io_threads
            << " I/O threads, stream queue " << config->stream_queue << "; client: " << a.io_threads
            << " I/O threads)\n";
  std::ostringstream spread;
  spread << b.users.size() << " officers:";
  for (const auto& [party, n] : parties) spread << " " << party << " " << Grouped(n);
  Row("streams open", Grouped(opened) + " of " + Grouped(a.clients) + " (" + spread.str() + ")" +
                          (first_error.empty() ? "" : "; first failure: " + first_error));
  Row("setup", Grouped(static_cast<std::int64_t>(b.logins.size())) + " logins in " +
                   Fixed(login_s, 1) + " s; streams opened in " + Fixed(open_s, 1) + " s (" +
                   std::to_string(a.connect_batch) + " handshakes in flight)");
  Row("messages posted", Grouped(posted_ok) + " of " +
                             Grouped(static_cast<std::int64_t>(b.posted.size())) + " in " +
                             Fixed(post_s, 1) +
                             " s (6 in 10 to desks: all see them; 2 to the "
                             "coordinator channel: ussc; 2 direct: two users)" +
                             (post_error.empty() ? "" : "; first failure: " + post_error));
  Row("POST round trip", Latencies(post_ms));
  Row("frames delivered",
      Grouped(delivered) + " of " + Grouped(expected) + " expected (" +
          Fixed(
              expected ? 100.0 * static_cast<double>(delivered) / static_cast<double>(expected) : 0,
              2) +
          " %); leaked " + Grouped(leaked) + ", duplicated " + Grouped(duplicated) +
          ", other events " + Grouped(other) + ", other frames " + Grouped(unreadable));
  Row("delivery rate",
      Grouped(static_cast<std::int64_t>(static_cast<double>(delivered) / window_s)) +
          " frames/s (first post to last receipt, " + Fixed(window_s, 1) + " s)");
  Row("latency commit -> receipt", Latencies(latency_ms));
  Row("slowest client of an event", Latencies(slowest_ms));
  const double per_frame_us = delivered ? 1e6 / static_cast<double>(delivered) : 0;
  Row("CPU while posting",
      "server " + Fixed(server_cpu_s, 1) + " s (" + Fixed(server_cpu_s * per_frame_us, 1) +
          " us a frame), bench clients " + Fixed(bench_cpu_s, 1) + " s (" +
          Fixed(bench_cpu_s * per_frame_us, 1) + " us a frame), over " + Fixed(window_s, 1) +
          " s on " + std::to_string(std::thread::hardware_concurrency()) + " cores");
  std::ostringstream closes;
  closes << too_slow << " too slow (4008), " << closed_other << " other";
  for (const auto& [code, n] : close_codes)
    closes << (code == -1 ? " [lost " : " [code ") << code << ": " << n << "]";
  Row("streams closed while running", closes.str());
  Row("server memory (RSS)",
      Fixed(server_idle_kib / 1024, 0) + " MiB before the streams, " +
          Fixed(server_open_kib / 1024, 0) + " MiB with them (" +
          Fixed(opened ? (server_open_kib - server_idle_kib) / static_cast<double>(opened) : 0, 1) +
          " KiB a stream), " + Fixed(server_end_kib / 1024, 0) + " MiB at the end; peak " +
          Fixed(server_peak_kib / 1024, 0) + " MiB");
  Row("bench process (RSS)", Fixed(StatusKiB("self", "VmRSS") / 1024, 0) +
                                 " MiB (clients and samples); descriptor limit " +
                                 std::to_string(*limit));
  Row("load average", load_before + " before, " + load_after + " after (1, 5, 15 min)");
  std::cout.flush();
  if (leaked > 0) {
    std::cerr << "liaison: FAILED: " << leaked
              << " frames reached clients whose party or user may not see them" << std::endl;
  }
  return posted_ok == static_cast<std::int64_t>(b.posted.size()) && leaked == 0 &&
                 opened == a.clients
             ? 0
             : 1;
}

}  // namespace

void AddBenchStream(CLI::App& bench, int& exit_code) {
  auto args = std::make_shared<StreamBenchArgs>();
  CLI::App* s = bench.add_subcommand(
      "stream",
      "Live delivery to many WebSocket clients: messages posted at a set rate, latency from "
      "commit to receipt, delivered ratio, drops and server memory");
  s->add_option("--clients", args->clients, "WebSocket clients (default 1000)")
      ->check(CLI::Range(1, 100'000));
  s->add_option("--rate", args->rate, "Messages posted per second (default 50)")
      ->check(CLI::Range(1, 10'000));
  s->add_option("--seconds", args->seconds, "How long to post (default 10)")
      ->check(CLI::Range(1, 3600));
  s->add_option("--io-threads", args->io_threads, "Client I/O threads (default 2)")
      ->check(CLI::Range(1, 64));
  s->add_option("--connect-batch", args->connect_batch,
                "Stream handshakes in flight while connecting (default 100)")
      ->check(CLI::Range(1, 10'000));
  s->add_option("--data", args->dir, "Use (and keep) this directory instead of a temporary one");
  s->callback([args, &exit_code] { exit_code = BenchStream(*args); });
}

}  // namespace liaison::cli

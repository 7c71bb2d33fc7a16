#include "app/app.hpp"

#include <filesystem>
#include <fstream>

#include "audit/tree_head.hpp"

namespace liaison {
namespace {

constexpr Micros kSweepEvery = 60 * kMicrosPerSecond;

}  // namespace

Result<bool> InitDataDir(const DataDir& dir, bool demo) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool has_db = fs::exists(dir.db(), ec);
  const bool has_key = fs::exists(dir.key(), ec);
  const bool has_config = fs::exists(dir.config(), ec);
  if (has_db && has_key && has_config) return false;
  if (has_db || has_key) {
    return Error::Precondition("the data directory " + dir.root +
                               " is incomplete (database or signing key missing); restore it "
                               "from a backup rather than re-initialising it");
  }
  fs::create_directories(dir.root, ec);
  if (ec) return Error::Invalid("/data", "cannot create " + dir.root + ": " + ec.message());
  fs::permissions(dir.root, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (!has_config) {
    std::ofstream out(dir.config());
    out << DefaultConfigText(demo);
    if (!out) return Error::Internal("cannot write " + dir.config());
  }
  LIAISON_TRY(audit::CreateKeyFile(dir.key()));
  auto store = OpenSqliteStore({.path = dir.db(), .read_connections = 1, .create = true});
  if (!store) return std::move(store).error();
  // The database holds password hashes and TOTP secrets: owner only.
  fs::permissions(dir.db(), fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace, ec);
  return true;
}

Result<std::unique_ptr<App>> App::Open(const DataDir& dir, const Clock& clock) {
  auto config = LoadConfig(dir.config());
  if (!config) return std::move(config).error();
  std::unique_ptr<App> app(new App(std::move(*config), clock));
  const Config& c = app->config_;
  auto store = OpenSqliteStore({.path = dir.db(), .read_connections = c.read_connections});
  if (!store) return std::move(store).error();
  app->store_ = std::move(*store);
  auto signer = audit::LoadKeyFile(dir.key());
  if (!signer) return std::move(signer).error();
  app->audit_ = std::make_unique<AuditService>(
      *app->store_, std::move(*signer), clock,
      AuditService::Options{static_cast<std::uint64_t>(c.tree_head_every_events),
                            Micros{c.tree_head_every_seconds} * kMicrosPerSecond});
  LIAISON_TRY(app->audit_->Load());
  auto log = EventLog::Open(*app->store_);
  if (!log) return std::move(log).error();
  app->hashers_ = std::make_unique<WorkerPool>(c.hash_workers, static_cast<size_t>(c.hash_queue));
  app->bus_ =
      std::make_unique<CommandBus>(*app->store_, *log, clock, app->events_,
                                   CommandBus::Options{static_cast<size_t>(c.writer_queue),
                                                       static_cast<size_t>(c.writer_batch)});
  app->auth_ = std::make_unique<AuthService>(*app->store_, *app->bus_, *app->hashers_, clock, c);
  AuditService* audit = app->audit_.get();
  AuthService* auth = app->auth_.get();
  app->events_.Subscribe([audit](const audit::StoredEvent& e) { audit->OnEvent(e); });
  app->events_.Subscribe([auth](const audit::StoredEvent& e) { auth->OnEvent(e); });
  return app;
}

App::~App() { Stop(); }

void App::Tick() {
  if (audit_) audit_->Tick();
  const Micros now = clock_.Now();
  if (auth_ && now - last_sweep_ >= kSweepEvery) {
    last_sweep_ = now;
    auth_->Sweep();
  }
}

void App::StartBackground(std::chrono::milliseconds period) {
  background_ = std::thread([this, period] {
    std::unique_lock lock(background_mu_);
    while (!background_cv_.wait_for(lock, period, [this] { return background_stop_; })) {
      lock.unlock();
      Tick();
      lock.lock();
    }
  });
}

void App::Stop() {
  {
    std::lock_guard lock(background_mu_);
    background_stop_ = true;
  }
  background_cv_.notify_all();
  if (background_.joinable()) background_.join();
  if (hashers_) hashers_->Stop();
  if (bus_) bus_->Stop();
  // Sign whatever the log holds, so a clean shutdown leaves a head covering
  // every event.
  if (audit_) (void)audit_->SignNow();
}

}  // namespace liaison

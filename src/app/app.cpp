#include "app/app.hpp"

#include <filesystem>
#include <fstream>

#include "app/log.hpp"
#include "audit/tree_head.hpp"

namespace liaison {
namespace {

constexpr Micros kSweepEvery = 60 * kMicrosPerSecond;
constexpr std::int64_t kDueBatch = 200;
// A tick raises at most this many batches; the rest waits for the next tick,
// so a backlog after a long outage never starves the other periodic work.
constexpr int kMaxDueBatchesPerTick = 100;

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
  LIAISON_TRY(app->OpenDeconfliction());
  return app;
}

Status App::OpenDeconfliction() {
  // Every kind against every other until LoadGeography reads the rule table.
  const deconflict::Options options{
      static_cast<double>(config_.deconfliction_margin_m),
      Micros{config_.deconfliction_margin_minutes} * 60 * kMicrosPerSecond, false};
  auto index = std::make_unique<deconfliction::Index>(options, deconflict::RuleTable{});
  const Micros started = clock_.Now();
  std::size_t loaded = 0;
  LIAISON_TRY(store_->RunRead([&](Tx& tx) -> Status {
    auto n = index->Load(tx, clock_.Now());
    if (!n) return std::move(n).error();
    loaded = *n;
    return OkStatus();
  }));
  deconfliction_ = std::move(index);
  Log(LogLevel::kInfo, "deconfliction index loaded",
      {{"footprints", std::to_string(loaded)},
       {"ms", std::to_string((clock_.Now() - started) / 1000)}});
  return OkStatus();
}

App::~App() { Stop(); }

Status App::LoadGeography(const std::string& dir) {
  auto g = requests::Geography::Load(dir);
  if (!g) return std::move(g).error();
  geography_ = std::move(*g);
  auto rules = deconfliction::LoadRules(dir + "/deconfliction_rules.json");
  if (!rules) return std::move(rules).error();
  // Open loaded the index already; the rules are read only by checks.
  deconfliction_->SetRules(std::move(rules->table), rules->same_party);
  auto phrasebook = messaging::LoadPhrasebook(dir);
  if (!phrasebook) return std::move(phrasebook).error();
  phrasebook_ = std::move(*phrasebook);
  auto points = returns::LoadHandoverPoints(dir);
  if (!points) return std::move(points).error();
  handover_points_ = std::move(*points);
  auto reference = personnel::LoadReference(dir);
  if (!reference) return std::move(reference).error();
  personnel_reference_ = std::move(*reference);
  geography_dir_ = dir;
  return OkStatus();
}

incidents::Settings App::incident_settings() const {
  incidents::Settings s;
  for (size_t i = 0; i < s.acknowledge.size(); ++i) {
    s.acknowledge[i] = config_.incident_acknowledge_seconds[i] * kMicrosPerSecond;
  }
  s.geography = geography_.get();
  return s;
}

messaging::Settings App::messaging_settings() const {
  messaging::Settings s;
  s.phrasebook = phrasebook_.get();
  std::string_view rest = config_.messaging_desk_parties;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    std::string_view party = rest.substr(0, comma);
    while (!party.empty() && party.front() == ' ') party.remove_prefix(1);
    while (!party.empty() && party.back() == ' ') party.remove_suffix(1);
    if (!party.empty()) s.desk_parties.emplace_back(party);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return s;
}

personnel::Settings App::personnel_settings() const {
  const Config& c = config_;
  personnel::Settings s;
  s.registry_party = c.personnel_party;
  s.retirement = {static_cast<int>(c.personnel_retirement_age),
                  static_cast<int>(c.personnel_retirement_service_years)};
  if (auto r = ParseBandRatio(c.personnel_target_ratio)) {
    s.target_ratio = {(*r)[0], (*r)[1], (*r)[2]};
  }
  s.reference = personnel_reference_.get();
  s.geography = geography_.get();
  return s;
}

vetting::Settings App::vetting_settings() const {
  const Config& c = config_;
  vetting::Settings s;
  s.registry_party = c.personnel_party;
  s.validity_months = static_cast<int>(c.vetting_validity_months);
  s.decision_days = static_cast<int>(c.vetting_decision_days);
  s.expiring_days = static_cast<int>(c.vetting_expiring_days);
  return s;
}

training::Settings App::training_settings() const {
  training::Settings s;
  s.registry_party = config_.personnel_party;
  s.reference = personnel_reference_.get();
  return s;
}

returns::Settings App::return_settings() const {
  const Config& c = config_;
  returns::Settings s;
  s.stage_limits = {c.return_reported_seconds * kMicrosPerSecond,
                    c.return_located_seconds * kMicrosPerSecond,
                    c.return_secured_seconds * kMicrosPerSecond,
                    c.return_handover_arranged_seconds * kMicrosPerSecond,
                    c.return_handed_over_seconds * kMicrosPerSecond};
  s.geography = geography_.get();
  s.handover_points = handover_points_.get();
  return s;
}

deconfliction::Settings App::deconfliction_settings() const {
  return deconfliction::Settings{deconfliction_.get(), geography_.get(),
                                 config_.deconfliction_contact == "counterpart"
                                     ? deconfliction::Contact::kCounterpart
                                     : deconfliction::Contact::kCoordinator};
}

requests::Settings App::request_settings() const {
  const Config& c = config_;
  requests::DeadlineTable t;
  auto s = [](std::int64_t seconds) { return seconds * kMicrosPerSecond; };
  t.acknowledge = {s(c.routine_acknowledge_seconds), s(c.priority_acknowledge_seconds),
                   s(c.immediate_acknowledge_seconds), s(c.flash_acknowledge_seconds)};
  t.decide = {s(c.routine_decide_seconds), s(c.priority_decide_seconds),
              s(c.immediate_decide_seconds), s(c.flash_decide_seconds)};
  return requests::Settings{
      t, geography_.get(),
      [d = deconfliction_settings()](CommandContext& ctx, const requests::FootprintChange& change) {
        return deconfliction::TrackRequest(ctx, change, d);
      }};
}

duty::ShiftPlan App::shift_plan() const {
  return duty::ShiftPlan{config_.shift_hours,
                         ParseClockTime(config_.first_shift_start_utc).value_or(4 * 60)};
}

Result<std::int64_t> App::RaiseDueDeadlines() {
  if (!bus_ || !store_) return 0;
  const Micros now = clock_.Now();
  // A cheap read first: most seconds nothing is due, and a write would cost
  // a durable commit.
  const returns::Settings return_limits = return_settings();
  const vetting::Settings vetting = vetting_settings();
  std::int64_t due_requests = 0, due_incidents = 0, due_returns = 0, due_clearances = 0;
  LIAISON_TRY(store_->RunRead([&](Tx& tx) -> Status {
    auto r = requests::CountDue(tx, now);
    if (!r) return std::move(r).error();
    auto i = incidents::CountDue(tx, now);
    if (!i) return std::move(i).error();
    auto c = returns::CountDue(tx, now, return_limits);
    if (!c) return std::move(c).error();
    due_requests = *r;
    due_incidents = *i;
    due_returns = *c;
    auto v = vetting::CountExpired(tx, now);
    if (!v) return std::move(v).error();
    due_clearances = *v;
    return OkStatus();
  }));
  std::int64_t written = 0;
  // Batches of at most kDueBatch events per kind, until nothing is left.
  auto raise = [&](CommandFn fn) -> Status {
    for (int round = 0; round < kMaxDueBatchesPerTick; ++round) {
      auto r = bus_->Execute(SystemPrincipal("system:deadlines"), fn);
      if (!r) return std::move(r).error();
      const auto n = static_cast<std::int64_t>(r->seqs.size());
      written += n;
      if (n < kDueBatch) break;
    }
    return OkStatus();
  };
  if (due_requests > 0) {
    LIAISON_TRY(raise([](CommandContext& ctx) { return requests::RaiseDue(ctx, kDueBatch); }));
  }
  if (due_incidents > 0) {
    LIAISON_TRY(raise([](CommandContext& ctx) { return incidents::RaiseDue(ctx, kDueBatch); }));
  }
  if (due_returns > 0) {
    LIAISON_TRY(raise([return_limits](CommandContext& ctx) {
      return returns::RaiseDue(ctx, kDueBatch, return_limits);
    }));
  }
  if (due_clearances > 0) {
    LIAISON_TRY(raise(
        [vetting](CommandContext& ctx) { return vetting::RaiseExpiry(ctx, kDueBatch, vetting); }));
  }
  return written;
}

void App::Tick() {
  if (audit_) audit_->Tick();
  if (auto r = RaiseDueDeadlines(); !r) {
    Log(LogLevel::kError, "deadline scheduler failed", {{"error", r.error().message}});
  }
  const Micros now = clock_.Now();
  if (auth_ && now - last_sweep_ >= kSweepEvery) {
    last_sweep_ = now;
    auth_->Sweep();
  }
  if (deconfliction_ && now - last_expiry_ >= kSweepEvery) {
    // Footprints whose window (and margin) ended can no longer conflict.
    last_expiry_ = now;
    deconfliction_->ExpireBefore(now - deconfliction_->options().margin_time);
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

// App: the wiring of one Liaison instance over a data directory. The one
// place where the store, the writer, the audit tree, authentication and the
// event subscribers are composed. Used by `serve` and by the CLI commands.
//
// Thread-safety: the accessors are safe from any thread once Open returned.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "app/audit_service.hpp"
#include "app/auth_service.hpp"
#include "app/command_bus.hpp"
#include "app/config.hpp"
#include "app/event_bus.hpp"
#include "app/worker_pool.hpp"
#include "domain/deconfliction/deconfliction.hpp"
#include "domain/deconfliction/rules.hpp"
#include "domain/incidents/incidents.hpp"
#include "domain/messaging/messaging.hpp"
#include "domain/personnel/personnel.hpp"
#include "domain/requests/duty.hpp"
#include "domain/requests/requests.hpp"
#include "domain/returns/returns.hpp"
#include "domain/training/training.hpp"
#include "domain/vetting/vetting.hpp"

namespace liaison {

struct DataDir {
  std::string root;
  std::string db() const { return root + "/liaison.db"; }
  std::string key() const { return root + "/signing.key"; }
  std::string config() const { return root + "/liaison.toml"; }
};

// Creates the directory, database (WAL), signing key (0600) and commented
// config. Returns false (and changes nothing) when it already holds a
// database; an error when it is only partly there.
Result<bool> InitDataDir(const DataDir& dir, bool demo);

class App {
 public:
  // REQUIRES: `clock` outlives the App.
  static Result<std::unique_ptr<App>> Open(const DataDir& dir, const Clock& clock);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  const Config& config() const { return config_; }
  Config& mutable_config() { return config_; }
  const Clock& clock() const { return clock_; }
  Store& store() { return *store_; }
  EventBus& events() { return events_; }
  CommandBus& bus() { return *bus_; }
  AuditService& audit() { return *audit_; }
  AuthService& auth() { return *auth_; }
  WorkerPool& hashers() { return *hashers_; }

  // The map data, the coordination rules, the deconfliction rules, the
  // phrasebook, the handover points and the personnel reference data in
  // `dir` (see data/README.md). Call once at start, before serving; without
  // it requests cannot carry a footprint, and every kind of activity is
  // checked against every other.
  Status LoadGeography(const std::string& dir);
  // The directory LoadGeography read; empty before (the demo's name lists
  // for the synthetic force live beside the reference data in it).
  const std::string& geography_dir() const { return geography_dir_; }
  // What request commands need: the deadline table from the config, the
  // geography, if loaded, and deconfliction's hook.
  requests::Settings request_settings() const;
  // What deconfliction needs: the live index, the geography and the contact
  // rule.
  deconfliction::Settings deconfliction_settings() const;
  duty::ShiftPlan shift_plan() const;
  // Acknowledgement deadlines by severity and the geography.
  incidents::Settings incident_settings() const;
  // The phrasebook (read by LoadGeography) and the desk parties.
  messaging::Settings messaging_settings() const;
  // Stage limits, the geography and the handover points.
  returns::Settings return_settings() const;
  // The registry party, the retirement rules, the target pyramid, the
  // reference data (read by LoadGeography) and the geography.
  personnel::Settings personnel_settings() const;
  // Validity, decision deadline and expiring window.
  vetting::Settings vetting_settings() const;
  training::Settings training_settings() const;

  // The deadline scheduler's pass: raises overdue deadlines and expires
  // requests whose window ended. Called by Tick; returns the events written.
  Result<std::int64_t> RaiseDueDeadlines();

  // Periodic work: tree heads due by time, expired sessions. It writes
  // durably, so it runs on its own thread, never on an I/O thread.
  void Tick();
  // Starts a thread that calls Tick() every `period` until Stop().
  void StartBackground(std::chrono::milliseconds period = std::chrono::seconds(1));
  // Drains the writer and the hashing pool. Idempotent.
  void Stop();

 private:
  App(Config config, const Clock& clock) : config_(std::move(config)), clock_(clock) {}

  Config config_;
  const Clock& clock_;
  std::unique_ptr<Store> store_;
  EventBus events_;
  std::unique_ptr<WorkerPool> hashers_;
  std::unique_ptr<CommandBus> bus_;
  std::unique_ptr<AuditService> audit_;
  std::unique_ptr<AuthService> auth_;
  std::shared_ptr<const requests::Geography> geography_;
  std::unique_ptr<deconfliction::Index> deconfliction_;  // never null once Open returned
  std::shared_ptr<const messaging::Phrasebook> phrasebook_;
  std::shared_ptr<const returns::HandoverPoints> handover_points_;
  std::shared_ptr<const personnel::Reference> personnel_reference_;
  std::string geography_dir_;
  Micros last_sweep_ = 0;   // background thread only
  Micros last_expiry_ = 0;  // background thread only

  // Builds the deconfliction index and loads it from the projections.
  Status OpenDeconfliction();

  std::mutex background_mu_;
  std::condition_variable background_cv_;
  bool background_stop_ = false;  // GUARDED_BY(background_mu_)
  std::thread background_;
};

}  // namespace liaison

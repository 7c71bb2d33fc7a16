// The deconfliction index: the live set of footprints that take part in
// checks (planned activities, open coordination requests with a footprint)
// and the protected sites, over the pure engine (src/deconflict/).
//
// Records are named by their ids ("ACT-2026-000001", "REQ-2026-000123"); the
// engine's numeric ids are derived from them. The index holds what the
// projections hold: it is loaded from them at start (Load), and every command
// that changes a footprint changes the index on the writer thread and
// registers the inverse in CommandContext::undo, so a rolled-back command
// leaves it as it was.
//
// Thread-safety: thread-safe. Changes take an exclusive lock, checks a shared
// one, so the dry run may run on I/O threads while the writer changes it.
#pragma once

#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "deconflict/engine.hpp"
#include "domain/command.hpp"
#include "store/store.hpp"

namespace liaison::deconfliction {

// The kinds of a planned activity, and what an open request counts as.
inline constexpr std::string_view kKinds[] = {"operation",  "patrol",      "movement", "exercise",
                                              "checkpoint", "static_site", "other"};

// A record's engine id, or nullopt when `ref` is no activity or request id.
std::optional<std::uint64_t> EngineId(std::string_view ref);
// The record id of an engine id made by EngineId.
std::string RefOf(std::uint64_t engine_id);

// A protected site's footprint: without a window it is in force always
// (from 1970 to 2100, which the engine's time axis holds exactly).
deconflict::Footprint SiteFootprint(geo::Geometry g, double buffer_m, std::optional<Micros> start,
                                    std::optional<Micros> end);

struct SiteHit {
  std::int64_t number = 0;  // SITE-<number>
  double distance_m = 0;
};

class Index {
 public:
  Index(deconflict::Options options, deconflict::RuleTable rules);

  // Replaces the contents with the projections' live records at `now`:
  // planned activities and open requests whose window has not ended, and
  // every protected site. Returns how many footprints it holds.
  Result<std::size_t> Load(Tx& tx, Micros now);

  // A record's part in the checks.
  struct Placed {
    std::string party;
    std::string kind;
    deconflict::Footprint fp;
  };

  // Sets the footprint of `ref` to `after`, or (nullopt) takes it out, and
  // registers in ctx.undo the return to `before`: what the projections held
  // (the engine cannot read its entries back). REQUIRES: `ref` is an
  // activity or request id.
  void Put(CommandContext& ctx, std::string_view ref, std::optional<Placed> before,
           std::optional<Placed> after);
  void PutSite(CommandContext& ctx, std::int64_t number, deconflict::Footprint fp);

  // What `fp` would conflict with, leaving out `exclude` (the record being
  // changed); sorted by engine id.
  std::vector<deconflict::Hit> Check(const deconflict::Footprint& fp, std::string_view party,
                                     std::string_view kind,
                                     std::optional<std::string_view> exclude) const;
  // The protected sites within the buffers of `fp`, in its window.
  std::vector<SiteHit> NearSites(const deconflict::Footprint& fp) const;

  // Replaces the rule table and the same-party switch; what the index holds
  // stays. REQUIRES: no check runs concurrently (called at start).
  void SetRules(deconflict::RuleTable rules, bool same_party);

  // Drops the footprints whose window ended before `t`; returns how many.
  // Not undoable, and it need not be: it only drops what no check can hit.
  std::size_t ExpireBefore(Micros t);

  std::size_t size() const;
  const deconflict::Options& options() const { return options_; }

 private:
  void Set(std::uint64_t id, const std::optional<Placed>& placed);

  deconflict::Options options_;  // same_party changes only in SetRules
  mutable std::shared_mutex mu_;
  deconflict::Engine records_;  // GUARDED_BY(mu_)
  deconflict::Engine sites_;    // GUARDED_BY(mu_)
};

}  // namespace liaison::deconfliction

// Rebuild: replays the event log into emptied projection tables, in one
// transaction, and reports whether the result equals what was there.
#pragma once

#include <cstdint>
#include <string>

#include "store/store.hpp"

namespace liaison {

struct RebuildReport {
  std::int64_t events = 0;
  std::string digest_before;  // hex SHA-256 over every projection row
  std::string digest_after;
  bool identical() const { return digest_before == digest_after; }
};

// REQUIRES: no writer is running on this store (serve is stopped).
// With dry_run the rebuilt tables are compared and then rolled back.
Result<RebuildReport> Rebuild(Store& store, bool dry_run);

// The digest of the projection tables as they are.
Result<std::string> ProjectionDigest(Store& store);

}  // namespace liaison

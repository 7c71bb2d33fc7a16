// Versioned schema migrations, compiled into the binary from
// src/store/migrations/NNNN_name.sql. They are applied in order at start;
// a database whose version is newer than the newest migration is refused.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace liaison {

struct Migration {
  std::int64_t version;
  std::string_view name;
  std::string_view sql;
};

// In ascending version order, dense from 1.
std::span<const Migration> AllMigrations();

}  // namespace liaison

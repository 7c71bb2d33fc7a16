// DataLock: an exclusive advisory lock (flock) on DIR/liaison.lock, held by
// every process that writes the event log. The writer keeps the log's tail in
// memory, so two writers on one data directory would corrupt the sequence;
// the lock makes the second one fail fast with a clear message instead.
#pragma once

#include <memory>
#include <string>

#include "core/result.hpp"

namespace liaison {

class DataLock {
 public:
  static Result<std::unique_ptr<DataLock>> Acquire(const std::string& dir);
  ~DataLock();
  DataLock(const DataLock&) = delete;
  DataLock& operator=(const DataLock&) = delete;

 private:
  explicit DataLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace liaison

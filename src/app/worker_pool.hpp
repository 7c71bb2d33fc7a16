// WorkerPool: a fixed set of threads with a bounded queue, for CPU-heavy work
// (Argon2id password hashing) that must never run on an I/O thread.
//
// Thread-safe. TryPost refuses work when the queue is full, so a burst of
// logins degrades into fast 503s instead of an unbounded backlog.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace liaison {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queue);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Returns false (and drops `job`) when the queue is full or stopped.
  bool TryPost(std::function<void()> job);
  void Stop();  // finishes queued jobs, then joins

 private:
  const size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;
};

}  // namespace liaison

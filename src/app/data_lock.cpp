#include "app/data_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace liaison {

Result<std::unique_ptr<DataLock>> DataLock::Acquire(const std::string& dir) {
  const std::string path = dir + "/liaison.lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Error::Unavailable("cannot open " + path);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Error::Unavailable("another liaison process (a running server?) is writing to " + dir +
                              "; stop it first, or make this change through the API");
  }
  return std::unique_ptr<DataLock>(new DataLock(fd));
}

DataLock::~DataLock() {
  ::flock(fd_, LOCK_UN);
  ::close(fd_);
}

}  // namespace liaison

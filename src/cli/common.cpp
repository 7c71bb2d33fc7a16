#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"

namespace liaison::cli {

int Fail(const Error& e) {
  std::cerr << "liaison: " << e.message;
  if (!e.field.empty() && e.message.find(e.field.substr(1)) == std::string::npos) {
    std::cerr << " (" << e.field << ")";
  }
  if (e.code == ErrorCode::kInternal && !e.detail.empty()) std::cerr << ": " << e.detail;
  std::cerr << std::endl;
  return 1;
}

std::string ExecutableDir() {
  std::error_code ec;
  auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return ".";
  return p.parent_path().string();
}

}  // namespace liaison::cli

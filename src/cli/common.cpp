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

std::string FirstExisting(std::initializer_list<std::string> candidates) {
  std::error_code ec;
  for (const auto& c : candidates) {
    if (std::filesystem::is_directory(c, ec)) {
      return std::filesystem::weakly_canonical(c, ec).string();
    }
  }
  return *candidates.begin();
}

std::string DefaultMapDir() {
  const std::string exe = ExecutableDir();
  return FirstExisting({exe + "/../data", exe + "/../../data", "/usr/share/liaison/data"});
}

}  // namespace liaison::cli

find_package(spdlog REQUIRED)

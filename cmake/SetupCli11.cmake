find_package(CLI11 REQUIRED)

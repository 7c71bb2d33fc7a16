# toml++ (libtomlplusplus-dev) is header-only; Debian ships a pkg-config file and a CMake config.
find_package(tomlplusplus REQUIRED)

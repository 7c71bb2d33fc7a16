find_package(OpenSSL 3 REQUIRED)

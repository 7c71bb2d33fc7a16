# Generates a C++ source holding openapi.json as a raw string. -DSRC=... -DOUT=...
file(READ "${SRC}" doc)
file(WRITE "${OUT}.tmp" "// Generated from src/http/openapi.json; do not edit.\n#include \"http/api.hpp\"\n\nnamespace liaison {\n\nstd::string_view OpenApiDocument() {\n  static constexpr std::string_view kDoc = R\"liaisonopenapi(${doc})liaisonopenapi\";\n  return kDoc;\n}\n\n}  // namespace liaison\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")

# Generates a C++ source holding openapi.json as a raw string. -DSRC=... -DOUT=...
file(READ "${SRC}" doc)
file(WRITE "${OUT}.tmp" "// Generated from src/http/openapi.json; do not edit.\n#include \"http/api.hpp\"\n\nnamespace liaison {\n\nstd::string_view OpenApiDocument() {\n  // An array, not a constexpr string_view: measuring a literal this long at\n  // compile time exceeds the compiler's constexpr loop limit.\n  static constexpr char kDoc[] = R\"liaisonopenapi(${doc})liaisonopenapi\";\n  return std::string_view(kDoc, sizeof kDoc - 1);\n}\n\n}  // namespace liaison\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")

# Generates a C++ source holding common_passwords.txt as one raw string.
# Invoked with -DIN=<path to common_passwords.txt> -DOUT=<path to generated .cpp>.
file(READ "${IN}" text)
string(FIND "${text}" ")liaisonpw\"" collision)
if(NOT collision EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )liaisonpw\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from src/auth/common_passwords.txt; do not edit.\n#include \"auth/common_passwords.hpp\"\n\nnamespace liaison {\n\nstd::string_view CommonPasswordsText() {\n  return R\"liaisonpw(${text})liaisonpw\";\n}\n\n}  // namespace liaison\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")

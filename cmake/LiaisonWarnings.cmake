# liaison_set_warnings(<target>): the project's warning set; errors when LIAISON_WERROR is on.
function(liaison_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                         -Wnon-virtual-dtor -Wimplicit-fallthrough)
  if(LIAISON_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Proves that the UI cannot include the sandbox's headers: a file compiled with crmdesk_ui's
# include paths builds when it includes what the UI links, and fails on "sandbox/...".
# Run with: cmake -DBINARY_DIR=<build dir> -P test_layering.cmake
execute_process(COMMAND ${CMAKE_COMMAND} --build "${BINARY_DIR}" --target crmdesk_layering_allowed
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the control file, which includes only what the UI links, did not build:\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build "${BINARY_DIR}" --target crmdesk_layering_forbidden
                RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(code EQUAL 0)
  message(FATAL_ERROR "a UI file included sandbox/sandboxserver.h and compiled: the layers leak")
endif()
# gcc: "sandbox/sandboxserver.h: No such file or directory"; clang (the sanitizer build):
# "'sandbox/sandboxserver.h' file not found".
string(REGEX MATCH "sandbox/sandboxserver\\.h(: No such file or directory|' file not found)" found "${out}${err}")
if(NOT found)
  message(FATAL_ERROR "the forbidden include failed, but not because the header is out of reach:\n${out}\n${err}")
endif()
message(STATUS "crmdesk_ui cannot include sandbox headers")

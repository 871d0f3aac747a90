# One INTERFACE target carries the language level, strict Qt defines and warnings into every
# target of the project, tests included, so no target can quietly opt out.
add_library(crmdesk_common INTERFACE)
target_compile_features(crmdesk_common INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_definitions(crmdesk_common INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_CONTEXTLESS_CONNECT
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)
target_compile_options(crmdesk_common INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  # gcc's -Wshadow=local; clang (the sanitizer and fuzz builds) spells the same check differently.
  $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
  $<$<CXX_COMPILER_ID:Clang>:-Wshadow-uncaptured-local>)

# crmdesk_add_test(<dir> <Name> [LIBS ...]) builds tests/<dir>/tst_<name>.cpp, links the given
# libraries with the test support library and runs it headless (offscreen platform).
function(crmdesk_add_test dir name)
  cmake_parse_arguments(ARG "" "" "LIBS" ${ARGN})
  string(TOLOWER "${name}" lower)
  set(target "tst_${lower}")
  add_executable(${target} "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/tst_${lower}.cpp")
  target_link_libraries(${target} PRIVATE crmdesk_common crmdesk_test_support Qt6::Test ${ARG_LIBS})
  target_compile_definitions(${target} PRIVATE QT_FORCE_ASSERTS)
  add_test(NAME ${dir}/${name} COMMAND ${target})
  set_tests_properties(${dir}/${name} PROPERTIES
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=qt.qpa.*=false"
    TIMEOUT 300)
endfunction()

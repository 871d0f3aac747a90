# Sanitizer and fuzzing flags, applied to every target of the project (libraries, tests, the
# executable) so that no code path runs uninstrumented. Qt itself is not rebuilt: its code runs
# unchecked, only our calls into it are checked.
if(CRMDESK_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CRMDESK_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(CRMDESK_SANITIZE ON)
  # Coverage feedback for libFuzzer in every object file; only the fuzz targets link its main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(CRMDESK_SANITIZE)
  # -fno-sanitize-recover=all: any undefined behaviour aborts the test that hit it, so a report
  # can never scroll by in a passing run.
  set(crmdesk_sanitizer_flags -fsanitize=address,undefined -fno-sanitize-recover=all
                              -fno-omit-frame-pointer)
  add_compile_options(${crmdesk_sanitizer_flags})
  # -O1 as the sanitizer docs advise: several times faster than -O0 for fuzzing and the test
  # suite, while Q_ASSERT and the debug information stay.
  add_compile_options(-O1)
  add_link_options(${crmdesk_sanitizer_flags})
endif()

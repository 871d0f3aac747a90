# Sourced by scripts/test.sh and scripts/fuzz.sh: configures the clang sanitizer build tree
# (AddressSanitizer + UndefinedBehaviorSanitizer, libFuzzer targets in the same tree) and the
# runtime options every sanitized run uses. README "Hardening" says why each option is there.

sanitizer_configure() { # <build dir>
  local launcher=()
  if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  CC=clang CXX=clang++ cmake -S . -B "$1" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DCRMDESK_FUZZ=ON -DCRMDESK_BUILD_BENCH=OFF "${launcher[@]}" >/dev/null
}

# halt_on_error / abort_on_error: the first report fails the run. detect_leaks stays on (the
# default). Nothing is suppressed: the suite runs clean without it. Should a leak inside Qt ever
# need one, add LSAN_OPTIONS=suppressions=<file> here with a comment per entry saying why.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"

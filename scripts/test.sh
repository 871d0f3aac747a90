#!/usr/bin/env bash
# Sets up, builds and runs every test. Used by .ci/run.
#  1. The normal suite (gcc, Debug, benchmarks built), in build/ (CRMDESK_BUILD_DIR).
#  2. The hardening suite (README "Hardening"), in build-sanitize/ (CRMDESK_SANITIZE_BUILD_DIR):
#     the whole ctest suite again under clang's AddressSanitizer and UndefinedBehaviorSanitizer,
#     then every fuzz target replayed over its corpus (tests/fuzz/corpus), no new mutations.
#     CRMDESK_SKIP_SANITIZERS=1 skips it for a quick local run; CI never sets it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=${CRMDESK_JOBS:-$(nproc)}
build_dir=${CRMDESK_BUILD_DIR:-build}
# The benchmarks are built too (not run), so they cannot rot unnoticed.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRMDESK_BUILD_BENCH=ON
cmake --build "$build_dir" -j"$jobs"
(cd "$build_dir" && ctest --output-on-failure -j"$jobs" --timeout 300)

if [ "${CRMDESK_SKIP_SANITIZERS:-0}" = 1 ]; then
  echo "CRMDESK_SKIP_SANITIZERS=1: sanitizer suite and fuzz corpus replay skipped"
  exit 0
fi

san_dir=${CRMDESK_SANITIZE_BUILD_DIR:-build-sanitize}
source scripts/sanitizer-env.sh
stage() { echo "== $1: $(( $(date +%s) - started )) s"; }
started=$(date +%s)
sanitizer_configure "$san_dir"
cmake --build "$san_dir" -j"$jobs"
stage "sanitizer build"
started=$(date +%s)
# Sanitized code runs a few times slower; the timeout leaves room for that.
(cd "$san_dir" && ctest --output-on-failure -j"$jobs" --timeout 600)
stage "ctest under ASan+UBSan"
started=$(date +%s)
for source in tests/fuzz/fuzz_*.cpp; do
  name=$(basename "$source" .cpp)
  # -runs=0: run every corpus file once (seeds and fixed crashes), then stop; no fuzzing.
  "$san_dir/tests/fuzz/$name" -runs=0 -timeout=10 "tests/fuzz/corpus/${name#fuzz_}" \
    >"$san_dir/$name.replay.log" 2>&1 || { cat "$san_dir/$name.replay.log"; exit 1; }
  echo "$name: $(ls "tests/fuzz/corpus/${name#fuzz_}" | wc -l) corpus inputs, no failure"
done
stage "fuzz corpus replay"

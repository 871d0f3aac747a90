#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, -fsanitize=fuzzer,address,undefined) in build-fuzz/ and
# runs each for SECONDS (default 60), one at a time, under nice. Prints executions, coverage and
# crashes per target. New interesting inputs go to build-fuzz/fuzz-corpus/<target>/, crashing
# ones to build-fuzz/fuzz-artifacts/<target>/; the seed corpus in tests/fuzz/corpus/ is read,
# never written: copy a crash there (as regress-<what>) once it is fixed.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600 querydecoder
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build_dir=${CRMDESK_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${CRMDESK_FUZZ_BUILD_JOBS:-$(nproc)}
source scripts/sanitizer-env.sh

sanitizer_configure "$build_dir"
nice -n 10 cmake --build "$build_dir" --target fuzz_targets -j"$jobs"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

failed=0
printf '%-16s %12s %10s %8s %8s  %s\n' target executions exec/s cov ft crashes
for target in "${targets[@]}"; do
  work="$build_dir/fuzz-corpus/$target"
  artifacts="$build_dir/fuzz-artifacts/$target"
  log="$build_dir/fuzz-logs/$target.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  before=$(find "$artifacts" -type f | wc -l)
  status=0
  # -timeout: a run over 10 s is a hang; -rss_limit_mb: libFuzzer's default memory ceiling.
  nice -n 15 "$build_dir/tests/fuzz/fuzz_$target" "$work" "tests/fuzz/corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" >"$log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
  ft=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo '?')
  after=$(find "$artifacts" -type f | wc -l)
  note=$((after - before))
  if [ "$status" -ne 0 ]; then
    note="$note (exit $status, see $log)"
    failed=1
  fi
  printf '%-16s %12s %10s %8s %8s  %s\n' "$target" "${execs:-0}" "${speed:-0}" "$cov" "$ft" "$note"
done
exit $failed

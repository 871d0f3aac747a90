#!/usr/bin/env bash
# Builds a Release tree in build-bench/ and runs the benchmarks in bench/ (product §7).
# Figures are ratios against references measured in the same run; see each bench's output.
#
# Usage: scripts/bench.sh [bench_name ...] [-- arguments for those benches]
#   scripts/bench.sh                                   every benchmark, default settings
#   scripts/bench.sh bench_inspector -- --runs 5 --sizes 1,10,80
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-bench"
lock=/tmp/crmdesk-build.lock # the machine's cores are shared: one build at a time

targets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    targets+=("$1")
    shift
done
[ "${1:-}" = "--" ] && shift
if [ ${#targets[@]} -eq 0 ]; then
    for source in "$root"/bench/*.cpp; do
        targets+=("$(basename "$source" .cpp)")
    done
fi

flock "$lock" cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCRMDESK_BUILD_TESTS=OFF -DCRMDESK_BUILD_BENCH=ON > /dev/null
flock "$lock" cmake --build "$build" --target "${targets[@]}" -j2

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-qt.qpa.*=false}"
status=0
for target in "${targets[@]}"; do
    echo "=== $target"
    "$build/bench/$target" "$@" || status=1
done
exit $status

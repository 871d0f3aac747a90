#!/usr/bin/env bash
# Builds a Release tree in build-bench/ and runs the benchmarks in bench/ (product §7).
# Figures are ratios against references measured in the same run; see each bench's output.
# It ends with one table of every figure, its goal and PASS/FAIL.
#
# Usage: scripts/bench.sh [--quick] [bench_name ...] [-- arguments for those benches]
#   scripts/bench.sh                     every benchmark, default settings
#   scripts/bench.sh --quick             every figure, fewer runs (a few minutes; the first run
#                                        also generates a 1,000,000-entry history, kept in
#                                        build-bench/bench-data/ for the next runs)
#   scripts/bench.sh bench_inspector -- --runs 5 --sizes 1,10,80
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$root/build-bench"
lock=/tmp/crmdesk-build.lock # the machine's cores are shared: one build at a time

quick=0
targets=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    case "$1" in
        --quick) quick=1 ;;
        *) targets+=("$1") ;;
    esac
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

# Each bench's arguments: the caller's, or the quick set.
arguments_for() {
    if [ $# -gt 1 ]; then
        shift
        printf '%s\n' "$@"
        return
    fi
    [ "$quick" = 1 ] || return 0
    case "$1" in
        bench_startup) printf '%s\n' --runs 5 ;;
        bench_store) printf '%s\n' --runs 3 ;;
        bench_inspector) printf '%s\n' --runs 2 --stream-mb 0 ;;
        bench_bulk) printf '%s\n' --runs 3 ;;
    esac
}

export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
export QT_LOGGING_RULES="${QT_LOGGING_RULES:-qt.qpa.*=false}"
mkdir -p "$build/bench-data"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
status=0
for target in "${targets[@]}"; do
    echo "=== $target"
    mapfile -t args < <(arguments_for "$target" "$@")
    [ "$target" = bench_store ] && args+=(--data-dir "$build/bench-data")
    # The figures are shown as they come and kept for the table.
    set +e
    "$build/bench/$target" "${args[@]}" | tee -a "$results" | { grep -v '^RESULT|' || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
    set -e
done

echo
echo "=== Summary"
printf '%-52s | %-12s | %-10s | %s\n' "figure" "measured" "goal" "verdict"
printf '%s\n' "-----------------------------------------------------+--------------+------------+--------"
grep '^RESULT|' "$results" | while IFS='|' read -r _ figure value goal verdict; do
    printf '%-52s | %-12s | %-10s | %s\n' "$figure" "$value" "$goal" "$verdict"
done
if grep -q '^RESULT|.*|FAIL$' "$results"; then
    echo "Some goals are not met."
    status=1
fi
exit $status

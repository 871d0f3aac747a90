#!/usr/bin/env bash
# Sets up, builds and runs every test. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
build_dir=${CRMDESK_BUILD_DIR:-build}
# The benchmarks are built too (not run), so they cannot rot unnoticed.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCRMDESK_BUILD_BENCH=ON
cmake --build "$build_dir" -j"$(nproc)"
cd "$build_dir"
ctest --output-on-failure -j"$(nproc)" --timeout 300

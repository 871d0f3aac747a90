#!/usr/bin/env bash
# Sets up, builds and starts CRM Desk on its embedded sandbox (no account, no network needed).
# Extra arguments go to the app, e.g. `scripts/run.sh --describe notes --provider hubspot`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
build_dir=${CRMDESK_BUILD_DIR:-build-release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRMDESK_BUILD_TESTS=OFF -DCRMDESK_BUILD_BENCH=OFF
cmake --build "$build_dir" -j"$(nproc)" --target crmdesk
exec "$build_dir/app/crmdesk" "$@"

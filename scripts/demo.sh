#!/usr/bin/env bash
# `make demo`: a newcomer's first minute. Installs what is missing, builds,
# and runs the demo against a loopback peer, then stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh demo
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
exec bash demo/run_demo.sh build

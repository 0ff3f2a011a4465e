#!/usr/bin/env bash
# `make bench`: builds optimised and runs every bench_* program. Each prints
# its own figures and a ratio against a baseline measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DTERN_BUILD_BENCH=ON \
    -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" >build-bench.log 2>&1 || {
    tail -n 40 build-bench.log
    exit 1
}
status=0
for bin in $(find build-bench/bench -type f -name 'bench_*' -perm -u+x | sort); do
    echo "=== $(basename "$bin")"
    "$bin" || status=1
done
exit $status

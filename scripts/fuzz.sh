#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with clang and runs each for
# FUZZ_SECONDS (default 600), growing the seed corpus in a work copy.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
seconds=${FUZZ_SECONDS:-600}
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTERN_BUILD_FUZZ=ON -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_EXAMPLES=OFF \
    -DTERN_SANITIZE=address,undefined >/dev/null
cmake --build build-fuzz -j"$(nproc)"
status=0
for bin in build-fuzz/fuzz/*_fuzz; do
    name=$(basename "$bin" _fuzz)
    work=build-fuzz/fuzz/corpus-long/$name
    mkdir -p "$work"
    [ -d "fuzz/corpus/$name" ] && cp -rn "fuzz/corpus/$name/." "$work/"
    echo "=== fuzz $name for ${seconds}s"
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "$work" 2>"build-fuzz/fuzz/$name.log"; then
        status=1
        tail -n 40 "build-fuzz/fuzz/$name.log"
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "build-fuzz/fuzz/$name.log" || true
done
exit $status

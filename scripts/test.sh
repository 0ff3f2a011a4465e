#!/usr/bin/env bash
# `make test`: install what is missing, build, run the whole suite, then run it
# again under ASan+UBSan (leaks fail the run), then the fuzz smoke runs.
# Prints ctest's summary for each pass and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
bash scripts/deps.sh test || exit 1

status=0
run_pass() {
    local name=$1 dir=$2
    shift 2
    echo "=== $name: configure and build ($dir)"
    if ! cmake -S . -B "$dir" "$@" >"$dir.configure.log" 2>&1; then
        cat "$dir.configure.log"
        echo "=== $name: configure FAILED"
        status=1
        return
    fi
    if ! cmake --build "$dir" -j"$JOBS" >"$dir.build.log" 2>&1; then
        tail -n 60 "$dir.build.log"
        echo "=== $name: build FAILED"
        status=1
        return
    fi
    echo "=== $name: ctest"
    (cd "$dir" && ctest --output-on-failure -j"$JOBS") || status=1
}

mkdir -p build build-asan build-fuzz

run_pass "plain" build -DCMAKE_BUILD_TYPE=RelWithDebInfo

ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    run_pass "ASan+UBSan" build-asan -DCMAKE_BUILD_TYPE=Debug \
    -DTERN_SANITIZE=address,undefined

if [ -d fuzz ] && [ -f fuzz/CMakeLists.txt ]; then
    FUZZ_SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-20} \
        run_pass "fuzz smoke" build-fuzz -DCMAKE_C_COMPILER=clang \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTERN_BUILD_FUZZ=ON \
        -DTERN_BUILD_TESTS=OFF -DTERN_BUILD_EXAMPLES=OFF \
        -DTERN_SANITIZE=address,undefined
fi

if [ "$status" -ne 0 ]; then
    echo "make test: FAILED"
else
    echo "make test: all passes succeeded"
fi
exit "$status"

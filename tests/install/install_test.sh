#!/usr/bin/env bash
# Usage: install_test.sh BUILD_DIR TEST_SRC_DIR SCRATCH_DIR CC
set -euo pipefail
build=$1 src=$2 scratch=$3 cc=$4
prefix=$scratch/prefix
rm -rf "$scratch"
mkdir -p "$scratch"

cmake --install "$build" --prefix "$prefix" >"$scratch/install.log"
for f in include/avsystem/commons/avs_socket.h \
    include/avsystem/commons/avs_commons_config.h \
    lib/libtern.a lib/pkgconfig/tern.pc lib/cmake/tern/ternConfig.cmake; do
    if [ ! -e "$prefix/$f" ]; then
        echo "missing after install: $f"
        exit 1
    fi
done
ls "$prefix"/lib/libtern.so* >/dev/null

# Sanitizer builds need the same runtime flags in every consumer.
extra=()
if grep -q 'TERN_SANITIZE:STRING=.\+' "$build/CMakeCache.txt"; then
    san=$(sed -n 's/^TERN_SANITIZE:STRING=//p' "$build/CMakeCache.txt")
    extra=("-fsanitize=$san")
fi

echo "--- layer code compiles against the installed headers"
"$cc" -std=c99 -Wall -Wextra -Werror -I"$prefix/include" -c \
    "$src/layer_compile.c" -o "$scratch/layer_compile.o"

echo "--- pkg-config consumer"
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
# shellcheck disable=SC2046
"$cc" -std=c99 -Wall -Wextra -Werror "${extra[@]}" "$src/consumer.c" \
    -o "$scratch/consumer_pc" $(pkg-config --cflags --libs tern) \
    -Wl,-rpath,"$prefix/lib"

echo "--- find_package consumer"
mkdir -p "$scratch/fp"
cat >"$scratch/fp/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.16)
project(consumer C)
find_package(tern REQUIRED)
add_executable(consumer_fp $src/consumer.c)
target_compile_options(consumer_fp PRIVATE ${extra[*]})
target_link_options(consumer_fp PRIVATE ${extra[*]})
target_link_libraries(consumer_fp PRIVATE tern::tern)
CMAKE
cmake -S "$scratch/fp" -B "$scratch/fp/build" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_PREFIX_PATH="$prefix" >"$scratch/fp.log"
cmake --build "$scratch/fp/build" >>"$scratch/fp.log"

echo "--- both consumers talk to a loopback echo peer"
port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
timeout 30 socat UDP4-RECVFROM:"$port",bind=127.0.0.1,fork EXEC:cat &
peer=$!
trap 'kill $peer 2>/dev/null || true' EXIT
sleep 0.3
"$scratch/consumer_pc" 127.0.0.1 "$port"
"$scratch/fp/build/consumer_fp" 127.0.0.1 "$port"
echo "install consumers: OK"

#!/usr/bin/env bash
# Usage: dual_localhost.sh PROGRAM
# Runs PROGRAM with "localhost" resolving to both 127.0.0.1 and ::1, in a
# private mount namespace so that the machine's /etc/hosts is left alone.
# Exits 77 (skipped) where that cannot be arranged.
set -u
prog=$1
if ! ip -6 addr show dev lo 2>/dev/null | grep -q '::1'; then
    echo "skipped: no IPv6 loopback address"
    exit 77
fi
if ! unshare -m true 2>/dev/null; then
    echo "skipped: cannot create a mount namespace (needs root)"
    exit 77
fi
hosts=$(mktemp)
trap 'rm -f "$hosts"' EXIT
printf '127.0.0.1 localhost\n::1 localhost\n' >"$hosts"
TERN_TEST_REQUIRE_DUAL_LOCALHOST=1 unshare -m sh -c \
    'mount --bind "$1" /etc/hosts && exec "$2"' sh "$hosts" "$prog"

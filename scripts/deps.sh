#!/usr/bin/env bash
# Installs the Debian packages Tern needs to build, test and demo, and only those that are missing.
# Usage: scripts/deps.sh [build|test|all]   (default: all)
set -euo pipefail

profile=${1:-all}

build_pkgs="build-essential cmake pkg-config libssl-dev openssl libcoap3-dev"
test_pkgs="clang libclang-rt-14-dev gnutls-bin libcoap3-bin libcoap3-dev socat iproute2 clang-format"
demo_pkgs="libcoap3-dev libcoap3-bin"

case "$profile" in
build) want="$build_pkgs" ;;
demo) want="$build_pkgs $demo_pkgs" ;;
test | all) want="$build_pkgs $test_pkgs" ;;
*)
    echo "deps.sh: unknown profile '$profile' (build, demo, test, all)" >&2
    exit 2
    ;;
esac

# tests/interop runs tern-demo against an LwM2M server from npm.
install_interop_modules() {
    case "$profile" in
    test | all) ;;
    *) return 0 ;;
    esac
    local dir
    dir="$(cd "$(dirname "$0")/.." && pwd)/tests/interop"
    if [ -d "$dir/node_modules/lwm2m-node-lib" ] || ! command -v npm >/dev/null 2>&1; then
        return 0
    fi
    echo "deps.sh: npm ci in tests/interop"
    (cd "$dir" && npm ci --no-audit --no-fund >/dev/null)
}

if [ "$profile" = test ] || [ "$profile" = all ]; then
    if ! command -v npm >/dev/null 2>&1; then
        want="$want nodejs npm"
    fi
fi

missing=""
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

if [ -z "$missing" ]; then
    install_interop_modules
    exit 0
fi

echo "deps.sh: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "deps.sh: need root to install:$missing" >&2
        exit 1
    fi
else
    SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
install_interop_modules

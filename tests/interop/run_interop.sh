#!/usr/bin/env bash
# Runs interop.js (tern-demo against lwm2m-node-lib) if Node.js and the npm
# modules are there; exit code 77 (skipped) with the reason otherwise.
# Usage: bash tests/interop/run_interop.sh <tern-demo>
set -u
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null 2>&1; then
    echo "SKIP: node is not installed (scripts/deps.sh test installs it)"
    exit 77
fi
if [ ! -d "$here/node_modules/lwm2m-node-lib" ]; then
    echo "SKIP: npm modules missing: run 'npm ci' in tests/interop" \
        "(scripts/deps.sh test does)"
    exit 77
fi
exec timeout 90 node --no-warnings "$here/interop.js" "$1"

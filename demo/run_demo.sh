#!/usr/bin/env bash
# The `make demo` show: tern-demo registers over DTLS-PSK with
# tern-test-server on loopback and is managed by it, step by step.
# Usage: bash demo/run_demo.sh <build-dir>
# Exits 0 only if every step was seen; stops everything it started.
set -u

build=${1:-build}
server_bin="$build/tests/server/tern-test-server"
demo_bin="$build/demo/tern-demo"
for bin in "$server_bin" "$demo_bin"; do
    if [ ! -x "$bin" ]; then
        echo "run_demo: $bin is missing; build the tree first" >&2
        exit 1
    fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/tern-demo.XXXXXX")
server_pid=""
demo_pid=""
cleanup() {
    exec 3>&- 2>/dev/null
    for pid in $demo_pid $server_pid; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null
            sleep 0.2
            kill -9 "$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    done
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psk_identity="tern-demo"
psk_key="tern-demo-secret"

if [ -t 1 ]; then
    bold=$'\e[1m' dim=$'\e[2m' green=$'\e[32m' red=$'\e[31m' plain=$'\e[0m'
else
    bold="" dim="" green="" red="" plain=""
fi

server_seen=0
client_seen=0

say() {
    printf '\n%s==> %s%s\n' "$bold" "$*" "$plain"
}

# Prints the lines each side wrote since the last call.
show_new_lines() {
    local total
    total=$(wc -l <"$work/server.out")
    if [ "$total" -gt "$server_seen" ]; then
        sed -n "$((server_seen + 1)),${total}p" "$work/server.out" |
            sed "s/^/   server | /"
        server_seen=$total
    fi
    total=$(wc -l <"$work/demo.log")
    if [ "$total" -gt "$client_seen" ]; then
        sed -n "$((client_seen + 1)),${total}p" "$work/demo.log" |
            sed "s/^/${dim}   client | /;s/\$/${plain}/"
        client_seen=$total
    fi
}

# expect <extended regex> <seconds>: waits for a new server line matching.
expect() {
    local pattern=$1 deadline=$((SECONDS + $2)) from=$((server_seen + 1))
    while [ "$SECONDS" -le "$deadline" ]; do
        if sed -n "${from},\$p" "$work/server.out" | grep -Eq -- "$pattern"; then
            # Give the client's log lines of the same exchange a moment.
            sleep 0.1
            show_new_lines
            return 0
        fi
        sleep 0.1
    done
    show_new_lines
    printf '%sFAILED: no server line matching /%s/ within %s s%s\n' \
        "$red" "$pattern" "$2" "$plain"
    exit 1
}

command() {
    printf '%s   server < %s%s\n' "$dim" "$1" "$plain"
    printf '%s\n' "$1" >&3
}

say "Starting tern-test-server (a libcoap LwM2M server) on 127.0.0.1 with DTLS-PSK"
mkfifo "$work/server.in"
: >"$work/server.out"
: >"$work/demo.log"
timeout 60 "$server_bin" --bind 127.0.0.1 --port 0 --secure-port 0 --no-tcp \
    --psk-identity "$psk_identity" --psk-key "$psk_key" --quiet \
    <"$work/server.in" >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
exec 3>"$work/server.in"
expect '^READY ' 5
port=$(sed -n 's/^READY .*coaps=\([0-9]*\).*/\1/p' "$work/server.out" | head -1)
if [ -z "$port" ]; then
    echo "${red}FAILED: the server announced no coaps port${plain}"
    exit 1
fi

say "Starting tern-demo against coaps://127.0.0.1:$port (PSK identity \"$psk_identity\")"
timeout 60 "$demo_bin" -e urn:dev:os:tern-demo -u "coaps://127.0.0.1:$port" \
    -s psk --identity-as-string "$psk_identity" --key-as-string "$psk_key" \
    -l 300 >/dev/null 2>"$work/demo.log" &
demo_pid=$!

say "1. The client completes the DTLS handshake and registers (POST /rd)"
expect '^REGISTERED ' 10

say "2. The server reads the Device Object, /3/0 (manufacturer, model, serial, ...)"
command "read 1 /3/0"
expect '^RESPONSE 2\.05 .*/3/0/0=Tern' 10

say "3. The server writes \"demo\" into Application Type, /3333/0/5750"
command "write 1 /3333/0/5750 text demo"
expect '^RESPONSE 2\.04' 10

say "4. Reading it back shows the new value"
command "read 1 /3333/0/5750"
expect '^RESPONSE 2\.05 ct=0 demo$' 10

say "5. The server observes Current Time, /3333/0/5506: a Notify every second"
command "observe 1 /3333/0/5506"
expect '^RESPONSE 2\.05' 10
expect '^NOTIFY 1 /3333/0/5506 ' 5
expect '^NOTIFY 1 /3333/0/5506 ' 5

say "6. SIGINT to tern-demo: it de-registers (DELETE /rd/...) before it exits"
kill -INT "$demo_pid"
expect '^DEREGISTERED ' 10
if ! timeout 10 tail --pid="$demo_pid" -f /dev/null; then
    echo "${red}FAILED: tern-demo did not exit${plain}"
    exit 1
fi
wait "$demo_pid"
demo_status=$?
demo_pid=""
show_new_lines
if [ "$demo_status" -ne 0 ]; then
    echo "${red}FAILED: tern-demo exited with status $demo_status${plain}"
    exit 1
fi

say "7. Stopping the server"
command "quit"
exec 3>&-
wait "$server_pid"
server_pid=""
show_new_lines

printf '\n%s%sDemo complete: registration, Read, Write, Observe and De-register all seen.%s\n' \
    "$bold" "$green" "$plain"

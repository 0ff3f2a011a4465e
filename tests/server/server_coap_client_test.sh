#!/usr/bin/env bash
# Copyright 2026 The Tern Authors
# SPDX-License-Identifier: Apache-2.0
#
# Drives tern-test-server with libcoap's command-line clients acting as a
# device: Register, Update, De-register over coap, coap+tcp, coaps (PSK and
# certificates) and coaps+tcp; the control FIFO and socket; a clean exit on
# SIGINT. Usage: server_coap_client_test.sh path/to/tern-test-server
set -u

SERVER=$1
for tool in coap-client-notls coap-client-openssl openssl; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not installed (apt-get install libcoap3-bin openssl)"
        exit 77
    fi
done

WORK=$(mktemp -d)
PID=
failures=0
trap 'stop_server; rm -rf "$WORK"' EXIT

log() { printf '%s\n' "$*" >&2; }

# Starts the server with extra options; stdin is a FIFO kept open on fd 3.
start_server() {
    rm -f "$WORK/in" "$WORK/out" "$WORK/err"
    mkfifo "$WORK/in"
    timeout 60 "$SERVER" --port 0 --secure-port 0 "$@" \
        <"$WORK/in" >"$WORK/out" 2>"$WORK/err" &
    PID=$!
    exec 3>"$WORK/in"
    SEEN=0
    if ! expect_line '^READY '; then
        log "server did not start"; cat "$WORK/err" >&2
        return 1
    fi
    PORT=$(sed -n 's/^READY coap=\([0-9]*\).*/\1/p' "$WORK/out")
    SPORT=$(sed -n 's/^READY.* coaps=\([0-9]*\).*/\1/p' "$WORK/out")
    TPORT=$(sed -n 's/^READY.* coap+tcp=\([0-9]*\).*/\1/p' "$WORK/out")
    STPORT=$(sed -n 's/^READY.* coaps+tcp=\([0-9]*\).*/\1/p' "$WORK/out")
}

# Ends the server and returns its exit status.
stop_server() {
    local rc=0
    if [ -n "$PID" ]; then
        exec 3>&- 2>/dev/null
        kill -TERM "$PID" 2>/dev/null
        wait "$PID"
        rc=$?
        PID=
    fi
    return $rc
}

cmd() { printf '%s\n' "$*" >&3; }

# Waits up to $2 seconds (default 5) for a new output line matching the
# extended regex $1; lines before it are consumed.
expect_line() {
    local pattern=$1 tries=$((${2:-5} * 10)) line total
    while :; do
        total=$(wc -l <"$WORK/out")
        while [ "$SEEN" -lt "$total" ]; do
            SEEN=$((SEEN + 1))
            line=$(sed -n "${SEEN}p" "$WORK/out")
            if printf '%s\n' "$line" | grep -Eq -- "$pattern"; then
                return 0
            fi
        done
        tries=$((tries - 1))
        if [ "$tries" -lt 0 ]; then
            log "no line matching '$pattern'; output was:"
            cat "$WORK/out" >&2
            return 1
        fi
        sleep 0.1
    done
}

# True if no new line matches within $2 seconds.
expect_no_line() {
    sleep "$2"
    ! tail -n +"$((SEEN + 1))" "$WORK/out" | grep -Eq -- "$1"
}

check() {
    local name=$1
    shift
    if "$@"; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        failures=$((failures + 1))
    fi
}

LINKS='</1/0>,</3/0>'
notls() { timeout 10 coap-client-notls -B 3 "$@" 2>&1; }
ossl() { timeout 10 coap-client-openssl -B 3 "$@" 2>&1; }

t_plain_register_update_deregister() {
    start_server || return 1
    notls -m post -t 40 -e "$LINKS" \
        "coap://127.0.0.1:$PORT/rd?ep=test&lt=60&lwm2m=1.1&b=U" >/dev/null
    expect_line '^REGISTERED 1 ep=test lt=60 lwm2m=1.1 b=U links=</1/0>,</3/0>$' || return 1
    cmd list
    expect_line '^CLIENT 1 ep=test lt=60 lwm2m=1.1 b=U links=</1/0>,</3/0>$' || return 1
    expect_line '^END 1$' || return 1
    notls -m post "coap://127.0.0.1:$PORT/rd/1?lt=90" >/dev/null
    expect_line '^UPDATED 1 ep=test lt=90 lwm2m=1.1 b=U links=</1/0>,</3/0>$' || return 1
    notls -m post -t 40 -e '</1/0>,</3/0>,</5/0>' \
        "coap://127.0.0.1:$PORT/rd/1" >/dev/null
    expect_line '^UPDATED 1 ep=test lt=90 .*links=</1/0>,</3/0>,</5/0>$' || return 1
    notls -m delete "coap://127.0.0.1:$PORT/rd/1" >/dev/null
    expect_line '^DEREGISTERED 1 ep=test$' || return 1
    cmd list
    expect_line '^END 0$' || return 1
    stop_server
}

t_bad_register_refused() {
    start_server || return 1
    local out
    out=$(notls -m post -t 40 -e "$LINKS" "coap://127.0.0.1:$PORT/rd?lt=60")
    printf '%s\n' "$out" | grep -q '4\.00' || { log "got: $out"; return 1; }
    out=$(notls -m post -e "$LINKS" "coap://127.0.0.1:$PORT/rd?ep=x&lwm2m=2.0")
    printf '%s\n' "$out" | grep -q '4\.12' || { log "got: $out"; return 1; }
    out=$(notls -m post "coap://127.0.0.1:$PORT/rd/42?lt=60")
    printf '%s\n' "$out" | grep -q '4\.04' || { log "got: $out"; return 1; }
    cmd list
    expect_line '^END 0$' || return 1
    stop_server
}

t_tcp_register() {
    start_server || return 1
    notls -m post -t 40 -e "$LINKS" \
        "coap+tcp://127.0.0.1:$TPORT/rd?ep=tcpdev&lt=60&lwm2m=1.1&b=T" >/dev/null
    expect_line '^REGISTERED 1 ep=tcpdev lt=60 lwm2m=1.1 b=T ' || return 1
    stop_server
}

t_dtls_psk() {
    start_server --psk-identity dev1 --psk-key secret123 || return 1
    ossl -u dev1 -k secret123 -m post -t 40 -e "$LINKS" \
        "coaps://127.0.0.1:$SPORT/rd?ep=secure&lt=60&lwm2m=1.1" >/dev/null
    expect_line '^REGISTERED 1 ep=secure ' || return 1
    # Another identity is refused during the handshake.
    ossl -u intruder -k secret123 -m post -t 40 -e "$LINKS" \
        "coaps://127.0.0.1:$SPORT/rd?ep=intruder" >/dev/null
    expect_no_line '^REGISTERED .*ep=intruder' 1 || return 1
    grep -q "rejected PSK identity 'intruder'" "$WORK/err" || return 1
    # The right identity with a wrong key never completes the handshake.
    ossl -u dev1 -k wrongkey -m post -t 40 -e "$LINKS" \
        "coaps://127.0.0.1:$SPORT/rd?ep=wrongkey" >/dev/null
    expect_no_line '^REGISTERED .*ep=wrongkey' 1 || return 1
    # PSK over TLS on the TCP port.
    ossl -u dev1 -k secret123 -m post -t 40 -e "$LINKS" \
        "coaps+tcp://127.0.0.1:$STPORT/rd?ep=securetcp&lt=60" >/dev/null
    expect_line '^REGISTERED 2 ep=securetcp ' || return 1
    stop_server
}

t_dtls_psk_hex_key() {
    # "secret" in hex; no identity given, so any identity is accepted.
    start_server --psk-key-hex 736563726574 --no-tcp || return 1
    ossl -u anyone -k secret -m post -t 40 -e "$LINKS" \
        "coaps://127.0.0.1:$SPORT/rd?ep=hexkey&lt=60" >/dev/null
    expect_line '^REGISTERED 1 ep=hexkey ' || return 1
    stop_server
}

make_certs() {
    local d=$WORK/pki
    mkdir -p "$d"
    (
        cd "$d" || exit 1
        for ca in ca other; do
            openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
                -nodes -keyout "$ca.key" -out "$ca.crt" -days 2 \
                -subj "/CN=Test $ca" 2>/dev/null || exit 1
        done
        for leaf in server:ca client:ca rogue:other; do
            name=${leaf%%:*} ca=${leaf##*:}
            openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
                -keyout "$name.key" -out "$name.csr" -subj "/CN=$name" \
                2>/dev/null || exit 1
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$name.ext"
            openssl x509 -req -in "$name.csr" -CA "$ca.crt" -CAkey "$ca.key" \
                -CAcreateserial -out "$name.crt" -days 2 -extfile "$name.ext" \
                2>/dev/null || exit 1
        done
    )
}

t_dtls_certificates() {
    make_certs || { log "cannot make certificates"; return 1; }
    local d=$WORK/pki
    start_server --cert "$d/server.crt" --key "$d/server.key" --ca "$d/ca.crt" \
        --no-tcp || return 1
    ossl -c "$d/client.crt" -j "$d/client.key" -R "$d/ca.crt" -m post -t 40 \
        -e "$LINKS" "coaps://127.0.0.1:$SPORT/rd?ep=certdev&lt=60" >/dev/null
    expect_line '^REGISTERED 1 ep=certdev ' || return 1
    # A certificate from another CA is refused.
    ossl -c "$d/rogue.crt" -j "$d/rogue.key" -R "$d/ca.crt" -m post -t 40 \
        -e "$LINKS" "coaps://127.0.0.1:$SPORT/rd?ep=rogue&lt=60" >/dev/null
    expect_no_line '^REGISTERED .*ep=rogue' 1 || return 1
    stop_server
}

t_control_fifo_and_socket() {
    mkfifo "$WORK/ctl.fifo"
    start_server --control "$WORK/ctl.fifo" || return 1
    echo "echo from-fifo" >"$WORK/ctl.fifo"
    expect_line '^from-fifo$' || return 1
    stop_server || return 1
    if command -v socat >/dev/null 2>&1; then
        start_server --control "$WORK/ctl.sock" || return 1
        local reply
        reply=$(printf 'list\n' | timeout 5 socat -t 1 - "UNIX-CONNECT:$WORK/ctl.sock")
        [ "$reply" = "END 0" ] || { log "socket reply: $reply"; return 1; }
        stop_server || return 1
        [ ! -e "$WORK/ctl.sock" ] || { log "socket left behind"; return 1; }
    fi
}

t_serves_after_stdin_eof_and_exits_on_sigint() {
    timeout 30 "$SERVER" --port 0 --no-tcp </dev/null >"$WORK/eof.out" 2>/dev/null &
    local pid=$! port="" i
    for i in $(seq 50); do
        port=$(sed -n 's/^READY coap=\([0-9]*\).*/\1/p' "$WORK/eof.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    notls -m post -t 40 -e "$LINKS" "coap://127.0.0.1:$port/rd?ep=late&lt=60" >/dev/null
    sleep 0.3
    kill -INT "$pid"
    wait "$pid"
    local rc=$?
    grep -q '^REGISTERED 1 ep=late ' "$WORK/eof.out" || return 1
    [ "$rc" -eq 0 ] || { log "exit status $rc"; return 1; }
}

check plain_register_update_deregister t_plain_register_update_deregister
stop_server
check bad_register_refused t_bad_register_refused
stop_server
check tcp_register t_tcp_register
stop_server
check dtls_psk t_dtls_psk
stop_server
check dtls_psk_hex_key t_dtls_psk_hex_key
stop_server
check dtls_certificates t_dtls_certificates
stop_server
check control_fifo_and_socket t_control_fifo_and_socket
stop_server
check serves_after_stdin_eof_and_exits_on_sigint t_serves_after_stdin_eof_and_exits_on_sigint

if [ "$failures" -ne 0 ]; then
    echo "$failures failed"
    exit 1
fi
echo "all passed"

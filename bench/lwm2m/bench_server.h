/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The server side of bench_lwm2m: a small LwM2M server on libcoap, in a
 * child process, so that the client's figures are not mixed with its work.
 * It accepts Register / Update / De-register over CoAP and DTLS-PSK and,
 * on request, reads /3/0 from the last registered client as fast as the
 * client answers, one request in flight.
 */
#ifndef TERN_BENCH_SERVER_H
#define TERN_BENCH_SERVER_H

#include <stdbool.h>
#include <sys/types.h>

#define BENCH_PSK_IDENTITY "bench-id"
#define BENCH_PSK_KEY "bench-psk-key-16"

typedef struct {
    pid_t pid;
    /** Commands to the child. */
    int cmd_fd;
    /** Lines from the child. */
    int result_fd;
    unsigned udp_port;
    unsigned dtls_port;
} bench_server_t;

/** Forks the server; false on failure. */
bool bench_server_start(bench_server_t *server);

/** Asks for Reads of /3/0 during @p ms from the last registered client. */
void bench_server_request_reads(bench_server_t *server, unsigned ms);

/**
 * Reads the answer to bench_server_request_reads() if it is there
 * (non-blocking). Returns true once it is, with the number of answered
 * Reads (0 if no client was registered) and the size of the last payload.
 */
bool bench_server_poll_reads(bench_server_t *server, unsigned long *out_count,
                             unsigned long *out_payload_size);

/** Stops the child (by PID). */
void bench_server_stop(bench_server_t *server);

#endif /* TERN_BENCH_SERVER_H */

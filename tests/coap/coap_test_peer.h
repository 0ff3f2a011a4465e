/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Running libcoap's tools next to a test: free loopback ports, child
 * processes bounded by `timeout` and killed by PID, and a poll loop that
 * drives a context on a real socket. */
#ifndef TERN_COAP_TEST_PEER_H
#define TERN_COAP_TEST_PEER_H

#include <sys/types.h>

#include <tern/coap.h>

/** Exit code of a test that could not run (ctest's SKIP_RETURN_CODE). */
#define TT_SKIP_CODE 77

/** A loopback port free for both UDP and TCP (and, with @p pair, the next
 * one too); 0 if none was found. */
int peer_free_port(bool pair);

/** True if @p program can be found in PATH. */
bool peer_available(const char *program);

/**
 * Starts `timeout <seconds> argv...` with stdin from /dev/null, stderr to
 * /dev/null and stdout to a pipe (if @p out_stdout is not NULL) or to
 * /dev/null. Returns the PID, or -1.
 */
pid_t peer_spawn(int seconds, const char *const argv[], int *out_stdout);

/** True once the child exited; its exit status goes to @p out_status. */
bool peer_exited(pid_t pid, int *out_status);

/** Sends SIGTERM and reaps the child. */
void peer_kill(pid_t pid);

/** Appends what the pipe has (non-blocking) to @p buf; returns the new
 * length. */
size_t peer_drain(int fd, char *buf, size_t len, size_t cap);

/**
 * Runs the scheduler and tern_coap_handle_incoming() on @p ctx whenever
 * its socket is readable, until @p *flag becomes non-zero, @p child (if
 * not 0) exits, or @p ms pass. Returns true if @p *flag became non-zero
 * (or the child exited, when @p flag is NULL).
 */
bool peer_loop(tern_coap_ctx_t *ctx, avs_sched_t *sched, const int *flag,
               pid_t child, int ms);

/** A connected UDP socket bound to @p local_port (0: any) towards
 * 127.0.0.1:@p remote_port; NULL on failure. */
avs_net_socket_t *peer_udp_socket(int local_port, int remote_port);

/** A TCP socket connected to 127.0.0.1:@p port; NULL on failure. */
avs_net_socket_t *peer_tcp_socket(int port);

#endif /* TERN_COAP_TEST_PEER_H */

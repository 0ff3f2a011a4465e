/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * An in-memory socket layer for the CoAP tests: datagram or stream sockets
 * whose sends land in an outbox (or in a peer's inbox) and whose receives
 * read what the test injected. Receives never wait: an empty inbox is
 * AVS_ETIMEDOUT, whatever the timeout.
 */
#ifndef TERN_COAP_TEST_SOCKET_H
#define TERN_COAP_TEST_SOCKET_H

#include <avsystem/commons/avs_socket.h>

/** Creates a socket; @p stream selects byte-stream semantics. */
avs_net_socket_t *test_socket_new(bool stream);

/** Connects two sockets: each one's sends arrive in the other's inbox. */
void test_socket_link(avs_net_socket_t *a, avs_net_socket_t *b);

/** Queues bytes to be received (one datagram, or stream bytes). */
void test_socket_inject(avs_net_socket_t *socket, const void *data,
                        size_t size);

/** Takes the oldest sent datagram (or chunk) off the outbox; 0 if none. */
size_t test_socket_pop_sent(avs_net_socket_t *socket, void *buf, size_t cap);

/** Number of messages in the outbox. */
size_t test_socket_sent_count(avs_net_socket_t *socket);

/** Drops messages this socket sends when @p drop returns true. */
void test_socket_set_drop(avs_net_socket_t *socket,
                          bool (*drop)(void *arg, const uint8_t *data,
                                       size_t size),
                          void *arg);

/** INNER_MTU to report (0: unsupported). */
void test_socket_set_mtu(avs_net_socket_t *socket, int mtu);

/** Stream sockets return at most this many bytes per receive (0: any). */
void test_socket_set_chunk(avs_net_socket_t *socket, size_t chunk);

/** Makes every send fail (true) or work again. */
void test_socket_set_send_failure(avs_net_socket_t *socket, bool fail);

/** Once the inbox is empty, a stream socket reports the peer closed. */
void test_socket_set_eof(avs_net_socket_t *socket);

/** How many times receive() was called. */
unsigned test_socket_receive_count(avs_net_socket_t *socket);

/** The receive timeout last set. */
avs_time_duration_t test_socket_recv_timeout(avs_net_socket_t *socket);

#endif /* TERN_COAP_TEST_SOCKET_H */

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Requests the server sends to a device (Device Management and Bootstrap
 * interfaces), their responses, block-wise transfers in both directions,
 * observations and their notifications.
 */
#ifndef TERN_SERVER_REQUESTS_H
#define TERN_SERVER_REQUESTS_H

#include <coap3/coap.h>
#include <stddef.h>
#include <stdint.h>

#include "server_registry.h"

typedef struct {
    /* Name or endpoint of a registration (or bootstrap entry). */
    const char *client;
    int bootstrap;
    coap_pdu_code_t code;
    /* "/3/0/1"; "/" addresses the root. */
    const char *path;
    /* Uri-Query items joined by '&', or NULL. */
    const char *query;
    /* SRV_CT_NONE leaves the option out. */
    int accept;
    int content_format;
    const uint8_t *payload;
    size_t payload_len;
} srv_request_spec_t;

/** Called once a request has printed its result (RESPONSE or ERR). */
typedef void (*srv_request_done_t)(void *arg);

void srv_requests_init(coap_context_t *ctx);
void srv_requests_set_timeout(uint64_t timeout_ms);
/** Payloads longer than this go block-wise; a power of two in 16..1024. */
void srv_requests_set_block_size(size_t size);

/**
 * Sends a request. 0 if sent (@p done follows), -1 with the reason in
 * @p err if nothing was sent.
 */
int srv_request_start(const srv_request_spec_t *spec, srv_request_done_t done,
                      void *arg, char *err, size_t err_size);
/** Sends a GET with Observe 0; notifications follow as NOTIFY lines. */
int srv_observe_start(const srv_request_spec_t *spec, srv_request_done_t done,
                      void *arg, char *err, size_t err_size);
/**
 * Cancels the newest observation of @p path: with @p use_rst the next
 * notification is answered with a Reset (then 1 is returned: nothing to
 * wait for); otherwise a GET with Observe 1 is sent (0, @p done follows).
 */
int srv_observe_cancel(const char *client, const char *path, int use_rst,
                       srv_request_done_t done, void *arg, char *err,
                       size_t err_size);

/** Fails requests past their deadline. */
void srv_requests_tick(uint64_t now_ms);
uint64_t srv_requests_next_deadline(void);
/** Fails the requests of, and drops the observations of, @p client. */
void srv_requests_forget_client(const srv_client_t *client);
void srv_requests_cleanup(void);

#endif /* TERN_SERVER_REQUESTS_H */

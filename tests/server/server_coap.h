/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Small helpers over libcoap's PDU API shared by both directions. */
#ifndef TERN_SERVER_COAP_H
#define TERN_SERVER_COAP_H

#include <coap3/coap.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t num;
    int more;
    unsigned szx;
} srv_block_t;

/** Reads a uint option: 1 if present (value in @p out), 0 if absent. */
int srv_opt_uint(const coap_pdu_t *pdu, uint16_t number, uint32_t *out);
/** Adds a uint option with the shortest encoding. */
void srv_opt_add_uint(coap_pdu_t *pdu, uint16_t number, uint32_t value);
/** Reads a Block1 or Block2 option: 1 if present. */
int srv_opt_block(const coap_pdu_t *pdu, uint16_t number, srv_block_t *out);
void srv_opt_add_block(coap_pdu_t *pdu, uint16_t number,
                       const srv_block_t *block);
static inline size_t srv_block_size(unsigned szx) {
    return (size_t) 16 << szx;
}
/** Renders a code as "2.05". */
void srv_code_format(coap_pdu_code_t code, char out[8]);
/** Renders the peer as "coaps://127.0.0.1:5555" for diagnostics. */
void srv_session_describe(const coap_session_t *session, char *out,
                          size_t size);

#endif /* TERN_SERVER_COAP_H */

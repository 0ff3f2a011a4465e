/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_coap.h"

#include <stdio.h>

int srv_opt_uint(const coap_pdu_t *pdu, uint16_t number, uint32_t *out) {
    coap_opt_iterator_t it;
    coap_opt_t *opt = coap_check_option(pdu, number, &it);
    if (!opt) {
        return 0;
    }
    *out = coap_decode_var_bytes(coap_opt_value(opt), coap_opt_length(opt));
    return 1;
}

void srv_opt_add_uint(coap_pdu_t *pdu, uint16_t number, uint32_t value) {
    uint8_t buf[4];
    coap_add_option(pdu, number, coap_encode_var_safe(buf, sizeof(buf), value),
                    buf);
}

int srv_opt_block(const coap_pdu_t *pdu, uint16_t number, srv_block_t *out) {
    uint32_t v;
    if (!srv_opt_uint(pdu, number, &v)) {
        return 0;
    }
    out->num = v >> 4;
    out->more = (v >> 3) & 1;
    out->szx = v & 7;
    /* szx 7 is BERT, which only TCP may use; treat it as 1024. */
    if (out->szx == 7) {
        out->szx = 6;
    }
    return 1;
}

void srv_opt_add_block(coap_pdu_t *pdu, uint16_t number,
                       const srv_block_t *block) {
    srv_opt_add_uint(pdu, number,
                     block->num << 4 | (uint32_t) (block->more ? 8 : 0) |
                             block->szx);
}

void srv_code_format(coap_pdu_code_t code, char out[8]) {
    snprintf(out, 8, "%u.%02u", ((unsigned) code >> 5) & 7,
             (unsigned) code & 0x1f);
}

void srv_session_describe(const coap_session_t *session, char *out,
                          size_t size) {
    static const char *const schemes[] = {"?", "coap", "coaps", "coap+tcp",
                                          "coaps+tcp"};
    unsigned proto = (unsigned) coap_session_get_proto(session);
    unsigned char addr[64] = "";
    coap_print_addr(coap_session_get_addr_remote(session), addr, sizeof(addr));
    snprintf(out, size, "%s://%s",
             proto < sizeof(schemes) / sizeof(schemes[0]) ? schemes[proto]
                                                          : "?",
             (const char *) addr);
}

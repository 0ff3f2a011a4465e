/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "coap_opt.h"

int tern_coap_block_szx_for_size(size_t size) {
    for (int szx = 6; szx >= 0; --szx) {
        if (tern_coap_block_size((uint8_t) szx) <= size) {
            return szx;
        }
    }
    return -1;
}

int tern_coap_block_decode(const uint8_t *value, size_t size, bool allow_bert,
                           tern_coap_block_t *out) {
    uint32_t raw;
    if (size > 3 || tern_coap_uint_decode(value, size, &raw)) {
        return TERN_COAP_ERR_OPTION_LENGTH;
    }
    uint8_t szx = (uint8_t) (raw & 0x07);
    if (szx == TERN_COAP_BLOCK_SZX_BERT && !allow_bert) {
        return TERN_COAP_ERR_OPTION_LENGTH;
    }
    out->num = raw >> 4;
    out->more = (raw & 0x08) != 0;
    out->szx = szx;
    return 0;
}

uint32_t tern_coap_block_encode(const tern_coap_block_t *block) {
    return (block->num << 4) | (block->more ? 0x08u : 0u) |
           (uint32_t) (block->szx & 0x07);
}

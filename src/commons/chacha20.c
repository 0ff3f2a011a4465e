/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "chacha20.h"

static uint32_t load_le32(const uint8_t *p) {
    return (uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16) |
           ((uint32_t) p[3] << 24);
}

static void store_le32(uint8_t *p, uint32_t value) {
    p[0] = (uint8_t) value;
    p[1] = (uint8_t) (value >> 8);
    p[2] = (uint8_t) (value >> 16);
    p[3] = (uint8_t) (value >> 24);
}

static uint32_t rotl32(uint32_t value, unsigned bits) {
    return (value << bits) | (value >> (32 - bits));
}

static void quarter_round(uint32_t *x, int a, int b, int c, int d) {
    x[a] += x[b];
    x[d] = rotl32(x[d] ^ x[a], 16);
    x[c] += x[d];
    x[b] = rotl32(x[b] ^ x[c], 12);
    x[a] += x[b];
    x[d] = rotl32(x[d] ^ x[a], 8);
    x[c] += x[d];
    x[b] = rotl32(x[b] ^ x[c], 7);
}

void tern_chacha20_block(const uint8_t key[TERN_CHACHA20_KEY_SIZE],
                         uint32_t counter,
                         const uint8_t nonce[TERN_CHACHA20_NONCE_SIZE],
                         uint8_t out[TERN_CHACHA20_BLOCK_SIZE]) {
    uint32_t input[16];
    uint32_t x[16];
    int i;
    /* "expand 32-byte k" as four little-endian words. */
    input[0] = 0x61707865;
    input[1] = 0x3320646e;
    input[2] = 0x79622d32;
    input[3] = 0x6b206574;
    for (i = 0; i < 8; ++i) {
        input[4 + i] = load_le32(key + 4 * i);
    }
    input[12] = counter;
    for (i = 0; i < 3; ++i) {
        input[13 + i] = load_le32(nonce + 4 * i);
    }
    for (i = 0; i < 16; ++i) {
        x[i] = input[i];
    }
    for (i = 0; i < 10; ++i) {
        quarter_round(x, 0, 4, 8, 12);
        quarter_round(x, 1, 5, 9, 13);
        quarter_round(x, 2, 6, 10, 14);
        quarter_round(x, 3, 7, 11, 15);
        quarter_round(x, 0, 5, 10, 15);
        quarter_round(x, 1, 6, 11, 12);
        quarter_round(x, 2, 7, 8, 13);
        quarter_round(x, 3, 4, 9, 14);
    }
    for (i = 0; i < 16; ++i) {
        store_le32(out + 4 * i, x[i] + input[i]);
    }
    /* The working state is key material; the caller wipes its own copies,
     * so leave nothing behind here either. */
    {
        volatile uint32_t *wipe_x = x;
        volatile uint32_t *wipe_input = input;
        for (i = 0; i < 16; ++i) {
            wipe_x[i] = 0;
            wipe_input[i] = 0;
        }
    }
}

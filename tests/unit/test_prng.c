/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_prng.h>

#include "commons/chacha20.h"

#include "tern_test.h"

static void chacha20_rfc8439_block(void) {
    /* RFC 8439, section 2.3.2. */
    static const uint8_t NONCE[12] = {0x00, 0x00, 0x00, 0x09, 0x00, 0x00,
                                      0x00, 0x4a, 0x00, 0x00, 0x00, 0x00};
    static const uint8_t EXPECTED[64] = {
            0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd,
            0x1f, 0xa3, 0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0,
            0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2,
            0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05,
            0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e,
            0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e};
    uint8_t key[32];
    uint8_t out[64];
    size_t i;
    for (i = 0; i < sizeof(key); ++i) {
        key[i] = (uint8_t) i;
    }
    tern_chacha20_block(key, 1, NONCE, out);
    TT_CHECK(memcmp(out, EXPECTED, sizeof(out)) == 0);
}

static void chacha20_zero_key_block(void) {
    /* RFC 8439, appendix A.1, test vector #1. */
    static const uint8_t ZERO[32] = {0};
    static const uint8_t EXPECTED[64] = {
            0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a,
            0xe5, 0x53, 0x86, 0xbd, 0x28, 0xbd, 0xd2, 0x19, 0xb8, 0xa0, 0x8d,
            0xed, 0x1a, 0xa8, 0x36, 0xef, 0xcc, 0x8b, 0x77, 0x0d, 0xc7, 0xda,
            0x41, 0x59, 0x7c, 0x51, 0x57, 0x48, 0x8d, 0x77, 0x24, 0xe0, 0x3f,
            0xb8, 0xd8, 0x4a, 0x37, 0x6a, 0x43, 0xb8, 0xf4, 0x15, 0x18, 0xa1,
            0x1c, 0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86};
    uint8_t out[64];
    tern_chacha20_block(ZERO, 0, ZERO, out);
    TT_CHECK(memcmp(out, EXPECTED, sizeof(out)) == 0);
}

static void os_seeded_contexts_differ(void) {
    avs_crypto_prng_ctx_t *a = avs_crypto_prng_new(NULL, NULL);
    avs_crypto_prng_ctx_t *b = avs_crypto_prng_new(NULL, NULL);
    unsigned char out_a[32];
    unsigned char out_b[32];
    unsigned char again[32];
    TT_CHECK(a && b);
    TT_EQ(avs_crypto_prng_bytes(a, out_a, sizeof(out_a)), 0);
    TT_EQ(avs_crypto_prng_bytes(b, out_b, sizeof(out_b)), 0);
    TT_CHECK(memcmp(out_a, out_b, sizeof(out_a)) != 0);
    TT_EQ(avs_crypto_prng_bytes(a, again, sizeof(again)), 0);
    TT_CHECK(memcmp(out_a, again, sizeof(again)) != 0);
    avs_crypto_prng_free(&a);
    avs_crypto_prng_free(&b);
    TT_CHECK(a == NULL && b == NULL);
    avs_crypto_prng_free(&a);
    avs_crypto_prng_free(NULL);
}

typedef struct {
    unsigned char fill;
    int calls;
    int fail_from_call; /* 0: never fail */
} entropy_state_t;

static int test_entropy(unsigned char *out, size_t len, void *user_ptr) {
    entropy_state_t *state = (entropy_state_t *) user_ptr;
    ++state->calls;
    if (state->fail_from_call && state->calls >= state->fail_from_call) {
        return -1;
    }
    memset(out, state->fill, len);
    return 0;
}

static void callback_seeding(void) {
    entropy_state_t s1 = {0x5a, 0, 0};
    entropy_state_t s2 = {0x5a, 0, 0};
    entropy_state_t s3 = {0xa5, 0, 0};
    avs_crypto_prng_ctx_t *a = avs_crypto_prng_new(test_entropy, &s1);
    avs_crypto_prng_ctx_t *b = avs_crypto_prng_new(test_entropy, &s2);
    avs_crypto_prng_ctx_t *c = avs_crypto_prng_new(test_entropy, &s3);
    unsigned char out_a[100];
    unsigned char out_b[100];
    unsigned char out_c[100];
    TT_CHECK(a && b && c);
    TT_CHECK(s1.calls >= 1);
    /* Same seed, same stream; another seed, another stream. */
    TT_EQ(avs_crypto_prng_bytes(a, out_a, sizeof(out_a)), 0);
    TT_EQ(avs_crypto_prng_bytes(b, out_b, sizeof(out_b)), 0);
    TT_EQ(avs_crypto_prng_bytes(c, out_c, sizeof(out_c)), 0);
    TT_CHECK(memcmp(out_a, out_b, sizeof(out_a)) == 0);
    TT_CHECK(memcmp(out_a, out_c, sizeof(out_a)) != 0);
    avs_crypto_prng_free(&a);
    avs_crypto_prng_free(&b);
    avs_crypto_prng_free(&c);
}

static void callback_failure(void) {
    entropy_state_t failing = {0, 0, 1};
    TT_CHECK(avs_crypto_prng_new(test_entropy, &failing) == NULL);
    TT_EQ(failing.calls, 1);
}

static void periodic_reseed(void) {
    entropy_state_t state = {0x11, 0, 0};
    avs_crypto_prng_ctx_t *ctx = avs_crypto_prng_new(test_entropy, &state);
    size_t big_size = 3 * 1024 * 1024;
    unsigned char *big = (unsigned char *) malloc(big_size);
    int calls_after_new;
    TT_CHECK(ctx && big);
    calls_after_new = state.calls;
    TT_EQ(avs_crypto_prng_bytes(ctx, big, big_size), 0);
    TT_CHECK(state.calls > calls_after_new);

    /* Once the source fails, requests that need a reseed fail too. */
    state.fail_from_call = state.calls + 1;
    TT_EQ(avs_crypto_prng_bytes(ctx, big, big_size), -1);
    free(big);
    avs_crypto_prng_free(&ctx);
}

static void bad_arguments(void) {
    avs_crypto_prng_ctx_t *ctx = avs_crypto_prng_new(NULL, NULL);
    unsigned char byte;
    TT_CHECK(ctx);
    TT_CHECK(avs_crypto_prng_bytes(NULL, &byte, 1) < 0);
    TT_CHECK(avs_crypto_prng_bytes(ctx, NULL, 1) < 0);
    TT_EQ(avs_crypto_prng_bytes(ctx, NULL, 0), 0);
    avs_crypto_prng_free(&ctx);
}

static void output_looks_uniform(void) {
    /* A coarse check that catches gross mistakes (zeros, repeated blocks,
     * a stuck counter), not a statistical test suite. */
    avs_crypto_prng_ctx_t *ctx = avs_crypto_prng_new(NULL, NULL);
    static unsigned char buf[1 << 20];
    size_t counts[256] = {0};
    size_t i;
    size_t min = SIZE_MAX;
    size_t max = 0;
    TT_CHECK(ctx);
    /* Many small requests, then one big one, to cover both paths. */
    for (i = 0; i < sizeof(buf) / 2; i += 7) {
        TT_EQ(avs_crypto_prng_bytes(ctx, buf + i,
                                    AVS_MIN(7, sizeof(buf) / 2 - i)),
              0);
    }
    TT_EQ(avs_crypto_prng_bytes(ctx, buf + sizeof(buf) / 2, sizeof(buf) / 2),
          0);
    for (i = 0; i < sizeof(buf); ++i) {
        ++counts[buf[i]];
    }
    for (i = 0; i < 256; ++i) {
        min = AVS_MIN(min, counts[i]);
        max = AVS_MAX(max, counts[i]);
    }
    /* Expected 4096 per value; +-15% is over 9 standard deviations. */
    TT_CHECK(min > 3480);
    TT_CHECK(max < 4710);
    avs_crypto_prng_free(&ctx);
}

int main(void) {
    TT_RUN(chacha20_rfc8439_block);
    TT_RUN(chacha20_zero_key_block);
    TT_RUN(os_seeded_contexts_differ);
    TT_RUN(callback_seeding);
    TT_RUN(callback_failure);
    TT_RUN(periodic_reseed);
    TT_RUN(bad_arguments);
    TT_RUN(output_looks_uniform);
    return TT_SUMMARY();
}

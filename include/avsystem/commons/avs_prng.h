/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_prng.h
 * Cryptographically secure pseudo-random numbers, for message IDs, tokens and
 * the (D)TLS layers.
 */
#ifndef AVS_COMMONS_CRYPTO_PRNG_H
#define AVS_COMMONS_CRYPTO_PRNG_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque PRNG state. */
typedef struct avs_crypto_prng_ctx_struct avs_crypto_prng_ctx_t;

/**
 * Fills @p out_buf with @p out_buf_len bytes of entropy.
 * @returns 0 on success, non-zero on failure.
 */
typedef int (*avs_prng_entropy_callback_t)(unsigned char *out_buf,
                                           size_t out_buf_len, void *user_ptr);

/**
 * Creates a PRNG. With @p entropy_cb NULL it is seeded from the operating
 * system (getrandom()); otherwise from the callback, e.g. a hardware RNG.
 * @returns the context, or NULL if allocation or seeding failed.
 */
avs_crypto_prng_ctx_t *
avs_crypto_prng_new(avs_prng_entropy_callback_t entropy_cb, void *user_ptr);

/** Wipes and frees the context and NULLs @p *ctx; NULL is accepted. */
void avs_crypto_prng_free(avs_crypto_prng_ctx_t **ctx);

/**
 * Fills @p out_buf with random bytes.
 * @returns 0 on success, negative on failure (NULL context, reseed failure).
 */
int avs_crypto_prng_bytes(avs_crypto_prng_ctx_t *ctx, unsigned char *out_buf,
                          size_t out_buf_size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_CRYPTO_PRNG_H */

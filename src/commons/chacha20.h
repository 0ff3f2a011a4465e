/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The ChaCha20 block function of RFC 8439, the core of the PRNG. Private to
 * commons; exposed in a header only so that tests can check it against the
 * RFC's test vectors. */
#ifndef TERN_COMMONS_CHACHA20_H
#define TERN_COMMONS_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define TERN_CHACHA20_KEY_SIZE 32
#define TERN_CHACHA20_NONCE_SIZE 12
#define TERN_CHACHA20_BLOCK_SIZE 64

/** Writes the 64-byte key-stream block number @p counter of (key, nonce). */
void tern_chacha20_block(const uint8_t key[TERN_CHACHA20_KEY_SIZE],
                         uint32_t counter,
                         const uint8_t nonce[TERN_CHACHA20_NONCE_SIZE],
                         uint8_t out[TERN_CHACHA20_BLOCK_SIZE]);

#endif /* TERN_COMMONS_CHACHA20_H */

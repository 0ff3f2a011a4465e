/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A ChaCha20 generator with fast key erasure: each request is served from the
 * key stream of the current key, whose first 32 bytes become the next key
 * before anything is returned, so a later compromise of the state reveals
 * nothing already handed out. Fresh entropy is mixed into the key after every
 * RESEED_INTERVAL bytes and after fork(), so that parent and child never
 * share a stream.
 */

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_prng.h>

#include "chacha20.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>
#include <unistd.h>

#define RESEED_INTERVAL (1024 * 1024)
/* Bytes served from one key; keeps the 32-bit block counter far from
 * wrapping and bounds how much output one key ever produced. */
#define MAX_BYTES_PER_KEY (64 * 1024)
#define SEED_SIZE TERN_CHACHA20_KEY_SIZE

struct avs_crypto_prng_ctx_struct {
    pthread_mutex_t mutex;
    avs_prng_entropy_callback_t entropy_cb;
    void *user_ptr;
    uint8_t key[TERN_CHACHA20_KEY_SIZE];
    size_t bytes_since_reseed;
    pid_t pid;
};

/* Distinct nonces keep the reseed derivation and the output stream apart
 * even though they use the same key. */
static const uint8_t OUTPUT_NONCE[TERN_CHACHA20_NONCE_SIZE] = {0};
static const uint8_t RESEED_NONCE[TERN_CHACHA20_NONCE_SIZE] = {1};

/* Commons may not use avs_crypto_clear_buffer() (the TLS layer provides it),
 * so secrets are wiped through a volatile pointer, which the compiler has to
 * honour. */
static void wipe(void *buf, size_t size) {
    volatile uint8_t *p = (volatile uint8_t *) buf;
    while (size--) {
        *p++ = 0;
    }
}

static int os_entropy(unsigned char *out, size_t size) {
    while (size) {
        ssize_t got = getrandom(out, size, 0);
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            avs_log(prng, ERROR, "getrandom() failed: errno %d", errno);
            return -1;
        }
        out += got;
        size -= (size_t) got;
    }
    return 0;
}

static int reseed_unlocked(avs_crypto_prng_ctx_t *ctx) {
    uint8_t seed[SEED_SIZE];
    uint8_t block[TERN_CHACHA20_BLOCK_SIZE];
    size_t i;
    int result;
    if (ctx->entropy_cb) {
        result = ctx->entropy_cb(seed, sizeof(seed), ctx->user_ptr) ? -1 : 0;
        if (result) {
            avs_log(prng, ERROR, "entropy callback failed");
        }
    } else {
        result = os_entropy(seed, sizeof(seed));
    }
    if (result == 0) {
        /* Mixing into the old key, not replacing it, means a weak seed can
         * never make the state worse than it was. */
        for (i = 0; i < sizeof(ctx->key); ++i) {
            ctx->key[i] ^= seed[i];
        }
        tern_chacha20_block(ctx->key, 0, RESEED_NONCE, block);
        memcpy(ctx->key, block, sizeof(ctx->key));
        ctx->bytes_since_reseed = 0;
        ctx->pid = getpid();
    }
    wipe(seed, sizeof(seed));
    wipe(block, sizeof(block));
    return result;
}

/* Serves up to MAX_BYTES_PER_KEY bytes and replaces the key. */
static void generate_unlocked(avs_crypto_prng_ctx_t *ctx, unsigned char *out,
                              size_t size) {
    uint8_t block[TERN_CHACHA20_BLOCK_SIZE];
    uint8_t next_key[TERN_CHACHA20_KEY_SIZE];
    uint32_t counter = 0;
    size_t chunk;

    tern_chacha20_block(ctx->key, counter++, OUTPUT_NONCE, block);
    memcpy(next_key, block, sizeof(next_key));
    chunk = AVS_MIN(size, sizeof(block) - sizeof(next_key));
    memcpy(out, block + sizeof(next_key), chunk);
    out += chunk;
    size -= chunk;
    while (size) {
        tern_chacha20_block(ctx->key, counter++, OUTPUT_NONCE, block);
        chunk = AVS_MIN(size, sizeof(block));
        memcpy(out, block, chunk);
        out += chunk;
        size -= chunk;
    }
    memcpy(ctx->key, next_key, sizeof(ctx->key));
    wipe(next_key, sizeof(next_key));
    wipe(block, sizeof(block));
}

avs_crypto_prng_ctx_t *
avs_crypto_prng_new(avs_prng_entropy_callback_t entropy_cb, void *user_ptr) {
    avs_crypto_prng_ctx_t *ctx =
            (avs_crypto_prng_ctx_t *) avs_calloc(1, sizeof(*ctx));
    if (!ctx) {
        avs_log(prng, ERROR, "out of memory");
        return NULL;
    }
    ctx->entropy_cb = entropy_cb;
    ctx->user_ptr = user_ptr;
    if (reseed_unlocked(ctx)) {
        wipe(ctx, sizeof(*ctx));
        avs_free(ctx);
        return NULL;
    }
    if (pthread_mutex_init(&ctx->mutex, NULL)) {
        avs_log(prng, ERROR, "cannot create mutex");
        wipe(ctx, sizeof(*ctx));
        avs_free(ctx);
        return NULL;
    }
    return ctx;
}

void avs_crypto_prng_free(avs_crypto_prng_ctx_t **ctx) {
    if (ctx && *ctx) {
        pthread_mutex_destroy(&(*ctx)->mutex);
        wipe(*ctx, sizeof(**ctx));
        avs_free(*ctx);
        *ctx = NULL;
    }
}

int avs_crypto_prng_bytes(avs_crypto_prng_ctx_t *ctx, unsigned char *out_buf,
                          size_t out_buf_size) {
    int result = 0;
    if (!ctx || (!out_buf && out_buf_size)) {
        return -1;
    }
    pthread_mutex_lock(&ctx->mutex);
    while (out_buf_size && result == 0) {
        size_t chunk = AVS_MIN(out_buf_size, (size_t) MAX_BYTES_PER_KEY);
        if (ctx->bytes_since_reseed >= RESEED_INTERVAL ||
            ctx->pid != getpid()) {
            result = reseed_unlocked(ctx);
            if (result) {
                break;
            }
        }
        generate_unlocked(ctx, out_buf, chunk);
        ctx->bytes_since_reseed += chunk;
        out_buf += chunk;
        out_buf_size -= chunk;
    }
    pthread_mutex_unlock(&ctx->mutex);
    return result;
}

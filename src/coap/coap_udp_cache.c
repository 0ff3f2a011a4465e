/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "coap_udp_cache.h"

/* Entries are packed back to back; headers are copied in and out with
 * memcpy because the data before them has arbitrary length. */
typedef struct {
    avs_time_monotonic_t expires;
    uint32_t peer;
    uint32_t size;
    uint16_t msg_id;
    tern_coap_token_t token;
} entry_header_t;

#define HEADER_SIZE sizeof(entry_header_t)

int coap_udp_cache_init(coap_udp_cache_t *cache, size_t capacity) {
    cache->capacity = 0;
    cache->used = 0;
    cache->buf = NULL;
    if (!capacity) {
        return 0;
    }
    if (!(cache->buf = (uint8_t *) avs_malloc(capacity))) {
        return -1;
    }
    cache->capacity = capacity;
    return 0;
}

void coap_udp_cache_cleanup(coap_udp_cache_t *cache) {
    avs_free(cache->buf);
    cache->buf = NULL;
    cache->capacity = 0;
    cache->used = 0;
}

static entry_header_t header_at(const coap_udp_cache_t *cache, size_t offset) {
    entry_header_t header;
    memcpy(&header, cache->buf + offset, HEADER_SIZE);
    return header;
}

static void drop_oldest(coap_udp_cache_t *cache) {
    entry_header_t oldest = header_at(cache, 0);
    size_t size = HEADER_SIZE + oldest.size;
    memmove(cache->buf, cache->buf + size, cache->used - size);
    cache->used -= size;
}

/* Entries all live EXCHANGE_LIFETIME, so the oldest expire first. */
static void drop_expired(coap_udp_cache_t *cache, avs_time_monotonic_t now) {
    while (cache->used) {
        entry_header_t oldest = header_at(cache, 0);
        if (avs_time_monotonic_before(now, oldest.expires)) {
            break;
        }
        drop_oldest(cache);
    }
}

void coap_udp_cache_add(coap_udp_cache_t *cache, uint32_t peer, uint16_t msg_id,
                        const tern_coap_token_t *token, const uint8_t *data,
                        size_t size, avs_time_monotonic_t expires) {
    if (cache->capacity < HEADER_SIZE) {
        return;
    }
    if (HEADER_SIZE + size > cache->capacity) {
        size = 0;
    }
    drop_expired(cache, avs_time_monotonic_now());
    while (cache->used + HEADER_SIZE + size > cache->capacity) {
        drop_oldest(cache);
    }
    entry_header_t header;
    memset(&header, 0, sizeof(header));
    header.expires = expires;
    header.peer = peer;
    header.size = (uint32_t) size;
    header.msg_id = msg_id;
    if (token) {
        header.token = *token;
    }
    memcpy(cache->buf + cache->used, &header, HEADER_SIZE);
    if (size) {
        memcpy(cache->buf + cache->used + HEADER_SIZE, data, size);
    }
    cache->used += HEADER_SIZE + size;
}

bool coap_udp_cache_find(coap_udp_cache_t *cache, uint32_t peer,
                         uint16_t msg_id, const tern_coap_token_t *token,
                         avs_time_monotonic_t now, const uint8_t **out_data,
                         size_t *out_size) {
    drop_expired(cache, now);
    /* Newest first: a reused message ID must find its latest answer. */
    const uint8_t *match = NULL;
    size_t match_size = 0;
    for (size_t offset = 0; offset < cache->used;) {
        entry_header_t header = header_at(cache, offset);
        if (header.peer == peer && header.msg_id == msg_id &&
            tern_coap_token_equal(&header.token, token)) {
            match = cache->buf + offset + HEADER_SIZE;
            match_size = header.size;
        }
        offset += HEADER_SIZE + header.size;
    }
    if (!match) {
        return false;
    }
    *out_data = match;
    *out_size = match_size;
    return true;
}

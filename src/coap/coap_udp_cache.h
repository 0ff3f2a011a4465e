/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Responses recently sent over UDP, by peer and message ID, so that a
 * duplicate request gets the same answer instead of a second execution. A
 * fixed number of bytes holds entries oldest first; new entries push the
 * oldest out, and entries expire after EXCHANGE_LIFETIME. The token is part
 * of the key too: a retransmission repeats it, while a peer that restarted
 * and reuses a message ID almost surely does not. */
#ifndef TERN_COAP_UDP_CACHE_H
#define TERN_COAP_UDP_CACHE_H

#include <avsystem/commons/avs_time.h>
#include <tern/coap_msg.h>

typedef struct {
    uint8_t *buf;
    size_t capacity;
    size_t used;
} coap_udp_cache_t;

/* Returns 0, or -1 on OOM. A zero @p capacity makes a cache that keeps
 * nothing. */
int coap_udp_cache_init(coap_udp_cache_t *cache, size_t capacity);
void coap_udp_cache_cleanup(coap_udp_cache_t *cache);

/* Remembers that @p msg_id from @p peer was answered with @p data (which
 * may be empty: a request that needed no answer). Entries too large for
 * the cache are remembered without their data. */
void coap_udp_cache_add(coap_udp_cache_t *cache, uint32_t peer, uint16_t msg_id,
                        const tern_coap_token_t *token, const uint8_t *data,
                        size_t size, avs_time_monotonic_t expires);

/* Finds @p msg_id and @p token of @p peer. Returns false if unknown; otherwise
 * *out_data and *out_size describe the stored answer (size 0: none). */
bool coap_udp_cache_find(coap_udp_cache_t *cache, uint32_t peer,
                         uint16_t msg_id, const tern_coap_token_t *token,
                         avs_time_monotonic_t now, const uint8_t **out_data,
                         size_t *out_size);

#endif /* TERN_COAP_UDP_CACHE_H */

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The UDP duplicate cache on its own: byte bound, oldest-first eviction,
 * expiry, and the key (peer, message ID, token). */

#include <avsystem/commons/avs_time.h>

#include "coap/coap_udp_cache.h"
#include "tern_test.h"

static avs_time_monotonic_t in_seconds(int s) {
    return avs_time_monotonic_add(avs_time_monotonic_now(),
                                  avs_time_duration_from_scalar(s, AVS_TIME_S));
}

static void test_find_and_key(void) {
    coap_udp_cache_t cache;
    TT_EQ(coap_udp_cache_init(&cache, 512), 0);
    tern_coap_token_t token = {2, {1, 2}};
    tern_coap_token_t other = {2, {1, 3}};
    coap_udp_cache_add(&cache, 7, 100, &token, (const uint8_t *) "abc", 3,
                       in_seconds(60));
    const uint8_t *data;
    size_t size;
    TT_CHECK(coap_udp_cache_find(&cache, 7, 100, &token,
                                 avs_time_monotonic_now(), &data, &size));
    TT_EQ(size, 3);
    TT_CHECK(!memcmp(data, "abc", 3));
    /* another peer, message ID or token is not a duplicate */
    TT_CHECK(!coap_udp_cache_find(&cache, 8, 100, &token,
                                  avs_time_monotonic_now(), &data, &size));
    TT_CHECK(!coap_udp_cache_find(&cache, 7, 101, &token,
                                  avs_time_monotonic_now(), &data, &size));
    TT_CHECK(!coap_udp_cache_find(&cache, 7, 100, &other,
                                  avs_time_monotonic_now(), &data, &size));
    /* remembered without an answer */
    coap_udp_cache_add(&cache, 7, 102, &token, NULL, 0, in_seconds(60));
    TT_CHECK(coap_udp_cache_find(&cache, 7, 102, &token,
                                 avs_time_monotonic_now(), &data, &size));
    TT_EQ(size, 0);
    /* an answer larger than the cache is remembered without its bytes */
    static uint8_t big[1000];
    coap_udp_cache_add(&cache, 7, 103, &token, big, sizeof(big),
                       in_seconds(60));
    TT_CHECK(coap_udp_cache_find(&cache, 7, 103, &token,
                                 avs_time_monotonic_now(), &data, &size));
    TT_EQ(size, 0);
    coap_udp_cache_cleanup(&cache);
}

static void test_bounded_and_oldest_first(void) {
    coap_udp_cache_t cache;
    TT_EQ(coap_udp_cache_init(&cache, 1024), 0);
    tern_coap_token_t token = {0, {0}};
    static uint8_t answer[200];
    for (uint16_t id = 0; id < 20; ++id) {
        memset(answer, id, sizeof(answer));
        coap_udp_cache_add(&cache, 1, id, &token, answer, sizeof(answer),
                           in_seconds(60));
        TT_CHECK(cache.used <= cache.capacity);
    }
    const uint8_t *data;
    size_t size;
    /* the newest entries survive, the oldest went first */
    TT_CHECK(coap_udp_cache_find(&cache, 1, 19, &token,
                                 avs_time_monotonic_now(), &data, &size));
    TT_EQ(size, 200);
    TT_EQ(data[0], 19);
    TT_CHECK(coap_udp_cache_find(&cache, 1, 17, &token,
                                 avs_time_monotonic_now(), &data, &size));
    TT_CHECK(!coap_udp_cache_find(&cache, 1, 0, &token,
                                  avs_time_monotonic_now(), &data, &size));
    TT_CHECK(!coap_udp_cache_find(&cache, 1, 10, &token,
                                  avs_time_monotonic_now(), &data, &size));
    coap_udp_cache_cleanup(&cache);

    /* a zero-sized cache keeps nothing */
    TT_EQ(coap_udp_cache_init(&cache, 0), 0);
    coap_udp_cache_add(&cache, 1, 1, &token, answer, 10, in_seconds(60));
    TT_CHECK(!coap_udp_cache_find(&cache, 1, 1, &token,
                                  avs_time_monotonic_now(), &data, &size));
    coap_udp_cache_cleanup(&cache);
}

static void test_expiry(void) {
    coap_udp_cache_t cache;
    TT_EQ(coap_udp_cache_init(&cache, 512), 0);
    tern_coap_token_t token = {1, {9}};
    coap_udp_cache_add(&cache, 1, 1, &token, (const uint8_t *) "x", 1,
                       in_seconds(10));
    coap_udp_cache_add(&cache, 1, 2, &token, (const uint8_t *) "y", 1,
                       in_seconds(20));
    const uint8_t *data;
    size_t size;
    TT_CHECK(coap_udp_cache_find(&cache, 1, 1, &token, in_seconds(5), &data,
                                 &size));
    /* 15 s later the first has expired, the second not */
    TT_CHECK(!coap_udp_cache_find(&cache, 1, 1, &token, in_seconds(15), &data,
                                  &size));
    TT_CHECK(coap_udp_cache_find(&cache, 1, 2, &token, in_seconds(15), &data,
                                 &size));
    TT_CHECK(!coap_udp_cache_find(&cache, 1, 2, &token, in_seconds(25), &data,
                                  &size));
    TT_EQ(cache.used, 0);
    coap_udp_cache_cleanup(&cache);
}

int main(void) {
    TT_RUN(test_find_and_key);
    TT_RUN(test_bounded_and_oldest_first);
    TT_RUN(test_expiry);
    return TT_SUMMARY();
}

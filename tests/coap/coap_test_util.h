/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Shared pieces of the CoAP engine tests: a context on an in-memory
 * socket, hand-made peer messages and a clock-driven loop. */
#ifndef TERN_COAP_TEST_UTIL_H
#define TERN_COAP_TEST_UTIL_H

#include <time.h>

#include <avsystem/commons/avs_log.h>
#include <tern/coap.h>

#include "coap_test_socket.h"
#include "tern_test.h"

typedef struct {
    avs_sched_t *sched;
    avs_crypto_prng_ctx_t *prng;
    avs_net_socket_t *socket;
    tern_coap_ctx_t *ctx;
    avs_coap_udp_tx_params_t tx;
} env_t;

/* Transmission parameters that keep the tests fast and deterministic:
 * 100 ms, no randomness, 2 retransmissions. */
static inline avs_coap_udp_tx_params_t fast_tx(void) {
    avs_coap_udp_tx_params_t tx = {.ack_timeout = {0, 100000000},
                                   .ack_random_factor = 1.0,
                                   .max_retransmit = 2,
                                   .nstart = 1};
    return tx;
}

static inline void env_init(env_t *env, tern_coap_transport_t transport,
                            tern_coap_config_t *config) {
    memset(env, 0, sizeof(*env));
    env->sched = avs_sched_new("test", NULL);
    env->prng = avs_crypto_prng_new(NULL, NULL);
    env->socket = test_socket_new(transport == TERN_COAP_TRANSPORT_TCP);
    env->tx = fast_tx();
    config->transport = transport;
    config->sched = env->sched;
    config->prng = env->prng;
    if (!config->udp_tx_params) {
        config->udp_tx_params = &env->tx;
    }
    env->ctx = tern_coap_ctx_new(env->socket, config);
}

static inline void env_cleanup(env_t *env) {
    tern_coap_ctx_delete(&env->ctx);
    avs_net_socket_cleanup(&env->socket);
    avs_sched_cleanup(&env->sched);
    avs_crypto_prng_free(&env->prng);
}

/* Runs the scheduler for @p ms milliseconds of real time. */
static inline void run_for(avs_sched_t *sched, int ms) {
    avs_time_monotonic_t end = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(ms, AVS_TIME_MS));
    while (avs_time_monotonic_before(avs_time_monotonic_now(), end)) {
        avs_sched_run(sched);
        struct timespec pause = {0, 2000000};
        nanosleep(&pause, NULL);
    }
    avs_sched_run(sched);
}

/* Serializes a UDP message built from the pieces given. */
static inline size_t udp_msg(uint8_t *buf, size_t cap, uint8_t type,
                             uint8_t code, uint16_t msg_id,
                             const tern_coap_token_t *token,
                             const tern_coap_opts_t *opts, const void *payload,
                             size_t payload_size) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.type = type;
    msg.code = code;
    msg.msg_id = msg_id;
    if (token) {
        msg.token = *token;
    }
    if (opts) {
        tern_coap_msg_set_opts(&msg, opts);
    }
    msg.payload = (const uint8_t *) payload;
    msg.payload_size = payload_size;
    size_t size = 0;
    if (tern_coap_udp_serialize(&msg, buf, cap, &size)) {
        abort();
    }
    return size;
}

static inline size_t tcp_msg(uint8_t *buf, size_t cap, uint8_t code,
                             const tern_coap_token_t *token,
                             const tern_coap_opts_t *opts, const void *payload,
                             size_t payload_size) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = code;
    if (token) {
        msg.token = *token;
    }
    if (opts) {
        tern_coap_msg_set_opts(&msg, opts);
    }
    msg.payload = (const uint8_t *) payload;
    msg.payload_size = payload_size;
    size_t size = 0;
    if (tern_coap_tcp_serialize(&msg, buf, cap, &size)) {
        abort();
    }
    return size;
}

/* Takes the next sent datagram and parses it; false if none. */
static inline bool pop_udp(avs_net_socket_t *socket, uint8_t *buf, size_t cap,
                           tern_coap_msg_t *out) {
    size_t size = test_socket_pop_sent(socket, buf, cap);
    return size && tern_coap_udp_parse(out, buf, size, NULL) == 0;
}

/* A recorded outcome of a request. */
typedef struct {
    int calls;
    int partials;
    tern_coap_result_t result;
    uint8_t code;
    uint8_t payload[2048];
    size_t payload_size;
    uint8_t *assembled; /* optional: all blocks concatenated */
    size_t assembled_size;
    size_t assembled_cap;
} outcome_t;

static inline void record_response(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                                   tern_coap_result_t result,
                                   const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    (void) id;
    outcome_t *out = (outcome_t *) arg;
    if (result == TERN_COAP_RESULT_PARTIAL) {
        ++out->partials;
    } else {
        ++out->calls;
    }
    out->result = result;
    if (response) {
        out->code = response->code;
        out->payload_size = response->payload_size < sizeof(out->payload)
                                    ? response->payload_size
                                    : sizeof(out->payload);
        if (out->payload_size) {
            memcpy(out->payload, response->payload, out->payload_size);
        }
        if (out->assembled && out->assembled_size + response->payload_size <=
                                      out->assembled_cap) {
            if (response->payload_size) {
                memcpy(out->assembled + out->assembled_size, response->payload,
                       response->payload_size);
            }
            out->assembled_size += response->payload_size;
        }
    }
}

#endif /* TERN_COAP_TEST_UTIL_H */

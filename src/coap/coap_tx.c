/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "coap_ctx.h"

/* A random duration in [ACK_TIMEOUT, ACK_TIMEOUT * ACK_RANDOM_FACTOR]
 * (RFC 7252, 4.2). */
static avs_time_duration_t initial_timeout(tern_coap_ctx_t *ctx) {
    uint8_t bytes[4] = {0};
    double fraction = 0.0;
    if (!avs_crypto_prng_bytes(ctx->prng, bytes, sizeof(bytes))) {
        uint32_t raw = ((uint32_t) bytes[0] << 24) |
                       ((uint32_t) bytes[1] << 16) |
                       ((uint32_t) bytes[2] << 8) | bytes[3];
        fraction = (double) raw / 4294967296.0;
    }
    double factor = 1.0 + fraction * (ctx->tx_params.ack_random_factor - 1.0);
    return avs_time_duration_fmul(ctx->tx_params.ack_timeout, factor);
}

static size_t in_flight(tern_coap_ctx_t *ctx) {
    size_t count = 0;
    coap_exch_t *exch;
    AVS_LIST_FOREACH(exch, ctx->exchanges) {
        if (exch->tx == TX_WAIT_ACK) {
            ++count;
        }
    }
    return count;
}

static bool can_send_now(tern_coap_ctx_t *ctx) {
    if (ctx->closed || ctx->delete_pending) {
        return false;
    }
    if (coap_is_tcp(ctx)) {
        return ctx->csm_received;
    }
    return in_flight(ctx) < ctx->tx_params.nstart;
}

/* Sends the exchange's next message. Returns <0 without touching handlers
 * if that failed; the caller decides how the failure is reported. */
static int transmit(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    const uint8_t *data;
    size_t size;
    if (exch->kind == EXCH_REQUEST || exch->kind == EXCH_PING) {
        int result = coap_tx_build(ctx, exch, &size);
        if (result) {
            return result;
        }
        if (!coap_is_tcp(ctx)) {
            coap_tx_drop_wire(exch);
            if (!(exch->wire = (uint8_t *) avs_malloc(size))) {
                avs_log(coap, ERROR,
                        "out of memory for a retransmission "
                        "copy");
                return TERN_COAP_ERR_NO_MEMORY;
            }
            memcpy(exch->wire, ctx->out_buf, size);
            exch->wire_size = size;
        }
        data = ctx->out_buf;
    } else {
        data = exch->wire;
        size = exch->wire_size;
    }
    int result = coap_send_raw(ctx, data, size);
    if (result) {
        return result;
    }
    avs_time_monotonic_t now = avs_time_monotonic_now();
    if (coap_is_tcp(ctx)) {
        exch->tx = TX_SENT;
        exch->deadline = avs_time_monotonic_add(now, ctx->tcp_request_timeout);
    } else {
        exch->tx = TX_WAIT_ACK;
        exch->retransmissions = 0;
        exch->max_retransmit = ctx->tx_params.max_retransmit;
        exch->retransmit_timeout = initial_timeout(ctx);
        exch->deadline = avs_time_monotonic_add(now, exch->retransmit_timeout);
    }
    return 0;
}

/* Reports that the exchange can go no further. */
static void give_up(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                    tern_coap_result_t result) {
    if (exch->kind == EXCH_RESPONSE) {
        tern_coap_id_t observation = exch->observation;
        coap_exch_free(ctx, exch);
        if (observation) {
            coap_observe_notification_done(ctx, observation,
                                           result == TERN_COAP_RESULT_TIMEOUT
                                                   ? TERN_COAP_OBSERVE_TIMEOUT
                                           : result == TERN_COAP_RESULT_RESET
                                                   ? TERN_COAP_OBSERVE_CANCELLED
                                                   : TERN_COAP_OBSERVE_CLOSED);
        }
    } else {
        coap_exch_finish(ctx, exch, result, NULL);
    }
}

int coap_tx_send_or_queue(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    if (!can_send_now(ctx)) {
        exch->tx = TX_QUEUED;
        if (coap_is_tcp(ctx)) {
            /* The request timeout also bounds the wait for the peer's CSM. */
            exch->deadline = avs_time_monotonic_add(avs_time_monotonic_now(),
                                                    ctx->tcp_request_timeout);
        }
        return 0;
    }
    return transmit(ctx, exch);
}

void coap_tx_start(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    exch->tx = TX_QUEUED;
    exch->deadline = AVS_TIME_MONOTONIC_INVALID;
    if (coap_is_tcp(ctx) && !ctx->csm_received) {
        exch->deadline = avs_time_monotonic_add(avs_time_monotonic_now(),
                                                ctx->tcp_request_timeout);
    }
    coap_tx_pump(ctx);
}

void coap_tx_pump(tern_coap_ctx_t *ctx) {
    while (can_send_now(ctx)) {
        coap_exch_t *next = NULL;
        coap_exch_t *exch;
        AVS_LIST_FOREACH(exch, ctx->exchanges) {
            if (exch->tx == TX_QUEUED) {
                next = exch;
                break;
            }
        }
        if (!next) {
            return;
        }
        if (transmit(ctx, next)) {
            give_up(ctx, next, TERN_COAP_RESULT_FAILED);
        }
    }
}

void coap_tx_timeout(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    avs_time_monotonic_t now = avs_time_monotonic_now();
    if (exch->tx == TX_WAIT_ACK &&
        exch->retransmissions < exch->max_retransmit) {
        if (coap_send_raw(ctx, exch->wire, exch->wire_size)) {
            give_up(ctx, exch, TERN_COAP_RESULT_FAILED);
            coap_tx_pump(ctx);
            return;
        }
        ++exch->retransmissions;
        ++ctx->stats.outgoing_retransmissions;
        exch->retransmit_timeout =
                avs_time_duration_mul(exch->retransmit_timeout, 2);
        exch->deadline = avs_time_monotonic_add(now, exch->retransmit_timeout);
        return;
    }
    if (exch->tx == TX_WAIT_ACK || exch->tx == TX_SENT ||
        exch->tx == TX_QUEUED) {
        avs_log(coap, WARNING, "exchange %u: no answer in time",
                (unsigned) exch->id);
        give_up(ctx, exch, TERN_COAP_RESULT_TIMEOUT);
        coap_tx_pump(ctx);
        return;
    }
    exch->deadline = AVS_TIME_MONOTONIC_INVALID;
}

void coap_tx_acked(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                   const tern_coap_msg_t *ack) {
    switch (exch->kind) {
        case EXCH_REQUEST:
            if (ack->code == TERN_COAP_CODE_EMPTY) {
                /* A separate response will follow (RFC 7252, 5.2.2). */
                coap_tx_drop_wire(exch);
                exch->tx = TX_SENT;
                exch->deadline = avs_time_monotonic_add(
                        avs_time_monotonic_now(), ctx->exchange_lifetime);
            } else {
                coap_client_response(ctx, exch, ack);
            }
            break;
        case EXCH_PING:
            coap_exch_finish(ctx, exch, TERN_COAP_RESULT_OK, ack);
            break;
        case EXCH_RESPONSE: {
            tern_coap_id_t observation = exch->observation;
            coap_exch_free(ctx, exch);
            if (observation) {
                coap_observe_notification_done(ctx, observation,
                                               TERN_COAP_OBSERVE_DELIVERED);
            }
            break;
        }
        default:
            break;
    }
    coap_tx_pump(ctx);
}

void coap_tx_reset(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    if (exch->kind == EXCH_PING) {
        /* The Reset is the expected answer to a CoAP ping. */
        coap_exch_finish(ctx, exch, TERN_COAP_RESULT_OK, NULL);
    } else {
        avs_log(coap, WARNING, "exchange %u: rejected by the peer (Reset)",
                (unsigned) exch->id);
        give_up(ctx, exch, TERN_COAP_RESULT_RESET);
    }
    coap_tx_pump(ctx);
}

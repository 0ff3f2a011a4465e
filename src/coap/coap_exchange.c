/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_memory.h>

#include "coap_ctx.h"

coap_exch_t *coap_exch_new(tern_coap_ctx_t *ctx, coap_exch_kind_t kind,
                           size_t extra) {
    coap_exch_t *exch =
            (coap_exch_t *) AVS_LIST_NEW_BUFFER(sizeof(coap_exch_t) + extra);
    if (!exch) {
        avs_log(coap, ERROR, "out of memory for an exchange");
        return NULL;
    }
    exch->id = coap_next_id(ctx);
    exch->kind = kind;
    exch->deadline = AVS_TIME_MONOTONIC_INVALID;
    exch->last_con = AVS_TIME_MONOTONIC_INVALID;
    AVS_LIST_APPEND(&ctx->exchanges, exch);
    return exch;
}

coap_exch_t *coap_exch_find(tern_coap_ctx_t *ctx, tern_coap_id_t id) {
    coap_exch_t *exch;
    AVS_LIST_FOREACH(exch, ctx->exchanges) {
        if (exch->id == id) {
            return exch;
        }
    }
    return NULL;
}

coap_exch_t *coap_exch_find_msg_id(tern_coap_ctx_t *ctx, uint16_t msg_id) {
    coap_exch_t *exch;
    AVS_LIST_FOREACH(exch, ctx->exchanges) {
        if (exch->tx == TX_WAIT_ACK && exch->msg_id == msg_id) {
            return exch;
        }
    }
    return NULL;
}

coap_exch_t *coap_exch_find_token(tern_coap_ctx_t *ctx, coap_exch_kind_t kind,
                                  const tern_coap_token_t *token) {
    coap_exch_t *exch;
    AVS_LIST_FOREACH(exch, ctx->exchanges) {
        if (exch->kind == kind && exch->tx != TX_QUEUED &&
            tern_coap_token_equal(&exch->token, token)) {
            return exch;
        }
    }
    return NULL;
}

void coap_tx_drop_wire(coap_exch_t *exch) {
    avs_free(exch->wire);
    exch->wire = NULL;
    exch->wire_size = 0;
}

void coap_exch_free(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    AVS_LIST(coap_exch_t) *ptr =
            (AVS_LIST(coap_exch_t) *) AVS_LIST_FIND_PTR(&ctx->exchanges, exch);
    coap_tx_drop_wire(exch);
    if (ptr) {
        AVS_LIST_DELETE(ptr);
    }
}

void coap_exch_finish(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                      tern_coap_result_t result,
                      const tern_coap_msg_t *response) {
    tern_coap_response_handler_t *handler = exch->handler;
    void *arg = exch->handler_arg;
    tern_coap_id_t id = exch->id;
    coap_exch_free(ctx, exch);
    if (handler) {
        handler(ctx, id, result, response, arg);
    }
}

coap_exch_t *coap_exch_partial(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                               const tern_coap_msg_t *response) {
    tern_coap_id_t id = exch->id;
    if (exch->handler) {
        exch->handler(ctx, id, TERN_COAP_RESULT_PARTIAL, response,
                      exch->handler_arg);
    }
    return ctx->delete_pending ? NULL : coap_exch_find(ctx, id);
}

void tern_coap_cancel(tern_coap_ctx_t *ctx, tern_coap_id_t id) {
    if (!ctx || ctx->delete_pending) {
        return;
    }
    coap_exch_t *exch = coap_exch_find(ctx, id);
    if (!exch) {
        return;
    }
    coap_enter(ctx);
    bool was_in_flight = (exch->tx == TX_WAIT_ACK);
    switch (exch->kind) {
        case EXCH_REQUEST:
        case EXCH_PING:
            coap_exch_finish(ctx, exch, TERN_COAP_RESULT_CANCELLED, NULL);
            break;
        case EXCH_OBSERVE:
            coap_observe_end(ctx, exch, TERN_COAP_OBSERVE_CLOSED);
            break;
        default:
            coap_exch_free(ctx, exch);
            break;
    }
    if (was_in_flight) {
        coap_tx_pump(ctx);
    }
    coap_leave(ctx);
}

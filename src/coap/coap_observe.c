/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_ctx.h"

/* RFC 7641, 4.5: a server must learn at least once a day that the client
 * is still interested. */
#define CONFIRMABLE_INTERVAL_S (24 * 60 * 60)

coap_exch_t *coap_observe_find_token(tern_coap_ctx_t *ctx,
                                     const tern_coap_token_t *token) {
    return coap_exch_find_token(ctx, EXCH_OBSERVE, token);
}

void coap_observe_end(tern_coap_ctx_t *ctx, coap_exch_t *obs,
                      tern_coap_observe_event_t event) {
    tern_coap_observe_handler_t *handler = obs->observe_handler;
    void *arg = obs->observe_arg;
    tern_coap_id_t id = obs->id;
    coap_exch_free(ctx, obs);
    if (handler) {
        handler(ctx, id, event, arg);
    }
}

static coap_exch_t *find_observation(tern_coap_ctx_t *ctx, tern_coap_id_t id) {
    coap_exch_t *obs = coap_exch_find(ctx, id);
    return obs && obs->kind == EXCH_OBSERVE ? obs : NULL;
}

bool coap_observe_reset(tern_coap_ctx_t *ctx, uint16_t msg_id) {
    coap_exch_t *obs;
    AVS_LIST_FOREACH(obs, ctx->exchanges) {
        if (obs->kind == EXCH_OBSERVE && obs->notified &&
            obs->last_notify_msg_id == msg_id) {
            avs_log(coap, INFO, "observation %u cancelled by a Reset",
                    (unsigned) obs->id);
            coap_observe_end(ctx, obs, TERN_COAP_OBSERVE_CANCELLED);
            return true;
        }
    }
    return false;
}

void coap_observe_notification_done(tern_coap_ctx_t *ctx,
                                    tern_coap_id_t observation,
                                    tern_coap_observe_event_t event) {
    coap_exch_t *obs = find_observation(ctx, observation);
    if (!obs) {
        return;
    }
    if (event == TERN_COAP_OBSERVE_DELIVERED) {
        if (obs->observe_handler) {
            obs->observe_handler(ctx, obs->id, event, obs->observe_arg);
        }
        return;
    }
    avs_log(coap, INFO, "observation %u dropped: confirmable notification %s",
            (unsigned) observation,
            event == TERN_COAP_OBSERVE_TIMEOUT ? "not acknowledged"
                                               : "rejected or not sent");
    coap_observe_end(ctx, obs, event);
}

void coap_observe_registered(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                             uint8_t code, uint16_t msg_id) {
    coap_exch_t *obs = find_observation(ctx, observation);
    if (!obs) {
        return;
    }
    if (TERN_COAP_CODE_CLASS(code) != 2) {
        /* Any other code ends the observation (RFC 7641, 3.2 and 4.2). */
        coap_observe_end(ctx, obs, TERN_COAP_OBSERVE_CLOSED);
        return;
    }
    if (!obs->observe_active) {
        obs->observe_active = true;
        obs->last_con = avs_time_monotonic_now();
    }
    obs->last_notify_msg_id = msg_id;
    obs->notified = true;
}

int tern_coap_notify(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                     const tern_coap_msg_t *notification, bool confirmable) {
    if (!ctx || !notification || ctx->delete_pending) {
        avs_log(coap, ERROR, "notify: invalid arguments");
        return TERN_COAP_ERR_INVALID;
    }
    if (ctx->closed) {
        avs_log(coap, ERROR, "notify: the connection ended");
        return TERN_COAP_ERR_STATE;
    }
    coap_exch_t *obs = find_observation(ctx, observation);
    if (!obs) {
        avs_log(coap, WARNING, "notify: no observation %u",
                (unsigned) observation);
        return TERN_COAP_ERR_NOT_FOUND;
    }
    if (!obs->observe_active) {
        avs_log(coap, ERROR, "notify: observation %u not started yet",
                (unsigned) observation);
        return TERN_COAP_ERR_STATE;
    }
    avs_time_monotonic_t now = avs_time_monotonic_now();
    avs_time_duration_t since_con = avs_time_monotonic_diff(now, obs->last_con);
    if (!confirmable &&
        !avs_time_duration_less(
                since_con, avs_time_duration_from_scalar(CONFIRMABLE_INTERVAL_S,
                                                         AVS_TIME_S))) {
        confirmable = true;
    }
    coap_req_info_t info;
    memset(&info, 0, sizeof(info));
    info.type = confirmable ? TERN_COAP_TYPE_CON : TERN_COAP_TYPE_NON;
    info.acked = true; /* nothing to piggyback on */
    info.code = obs->code;
    info.token = obs->token;
    info.observe = obs->id;
    info.key = obs->observe_key;
    info.key_size = obs->observe_key_size;
    coap_enter(ctx);
    int result = coap_server_respond(ctx, &info, notification, false);
    if (!result && confirmable && (obs = find_observation(ctx, observation))) {
        obs->last_con = now;
    }
    coap_leave(ctx);
    return result;
}

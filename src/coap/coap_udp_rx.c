/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_ctx.h"

static void send_reset(tern_coap_ctx_t *ctx, uint16_t msg_id) {
    tern_coap_msg_t rst;
    memset(&rst, 0, sizeof(rst));
    rst.type = TERN_COAP_TYPE_RST;
    rst.msg_id = msg_id;
    coap_send_msg(ctx, &rst, NULL);
}

static avs_time_monotonic_t cache_expiry(tern_coap_ctx_t *ctx) {
    return avs_time_monotonic_add(avs_time_monotonic_now(),
                                  ctx->exchange_lifetime);
}

/* Answers a duplicate from the cache; true if @p msg was one. */
static bool duplicate(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg) {
    const uint8_t *data;
    size_t size;
    if (!coap_udp_cache_find(&ctx->cache, ctx->peer_hash, msg->msg_id,
                             &msg->token, avs_time_monotonic_now(), &data,
                             &size)) {
        return false;
    }
    ++ctx->stats.incoming_retransmissions;
    avs_log(coap, DEBUG, "duplicate message %u%s", (unsigned) msg->msg_id,
            size && msg->type == TERN_COAP_TYPE_CON ? ": answer resent" : "");
    if (size && msg->type == TERN_COAP_TYPE_CON) {
        coap_send_raw(ctx, data, size);
    }
    return true;
}

/* A separate response (CON or NON) to one of our requests. */
static void separate_response(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                              int parse_result) {
    coap_exch_t *exch = coap_exch_find_token(ctx, EXCH_REQUEST, &msg->token);
    if (!exch || parse_result) {
        /* Unknown, or carrying a critical option we cannot honour: reject
         * (RFC 7252, 4.2 and 5.4.1). */
        avs_log(coap, DEBUG, "%s response %u rejected",
                exch ? "unacceptable" : "unexpected", (unsigned) msg->msg_id);
        if (msg->type == TERN_COAP_TYPE_CON) {
            send_reset(ctx, msg->msg_id);
        }
        if (exch) {
            coap_exch_finish(ctx, exch, TERN_COAP_RESULT_FAILED, NULL);
            coap_tx_pump(ctx);
        }
        return;
    }
    if (msg->type == TERN_COAP_TYPE_CON) {
        coap_server_empty_ack(ctx, msg->msg_id, &msg->token);
    } else {
        coap_udp_cache_add(&ctx->cache, ctx->peer_hash, msg->msg_id,
                           &msg->token, NULL, 0, cache_expiry(ctx));
    }
    coap_client_response(ctx, exch, msg);
}

static void dispatch(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                     int parse_result, uint16_t bad_option) {
    coap_exch_t *exch;
    switch (msg->type) {
        case TERN_COAP_TYPE_ACK:
            exch = coap_exch_find_msg_id(ctx, msg->msg_id);
            if (!exch) {
                avs_log(coap, DEBUG, "unexpected ACK %u ignored",
                        (unsigned) msg->msg_id);
            } else if (msg->code != TERN_COAP_CODE_EMPTY &&
                       !tern_coap_token_equal(&msg->token, &exch->token)) {
                avs_log(coap, DEBUG, "ACK %u with a foreign token ignored",
                        (unsigned) msg->msg_id);
            } else if (parse_result) {
                avs_log(coap, WARNING, "response with option %u: %s",
                        (unsigned) bad_option,
                        tern_coap_strerror(parse_result));
                coap_exch_finish(ctx, exch, TERN_COAP_RESULT_FAILED, NULL);
                coap_tx_pump(ctx);
            } else {
                coap_tx_acked(ctx, exch, msg);
            }
            return;
        case TERN_COAP_TYPE_RST:
            exch = coap_exch_find_msg_id(ctx, msg->msg_id);
            if (exch) {
                coap_tx_reset(ctx, exch);
            } else if (!coap_observe_reset(ctx, msg->msg_id)) {
                avs_log(coap, DEBUG, "unexpected Reset %u ignored",
                        (unsigned) msg->msg_id);
            }
            return;
        default:
            break;
    }
    if (msg->code == TERN_COAP_CODE_EMPTY) {
        if (msg->type == TERN_COAP_TYPE_CON) {
            /* CoAP ping (RFC 7252, 4.3). */
            send_reset(ctx, msg->msg_id);
        }
        return;
    }
    if (duplicate(ctx, msg)) {
        return;
    }
    if (tern_coap_code_is_request(msg->code)) {
        if (msg->type == TERN_COAP_TYPE_NON) {
            coap_udp_cache_add(&ctx->cache, ctx->peer_hash, msg->msg_id,
                               &msg->token, NULL, 0, cache_expiry(ctx));
        }
        coap_server_request(ctx, msg, parse_result, bad_option);
    } else if (tern_coap_code_is_response(msg->code)) {
        separate_response(ctx, msg, parse_result);
    } else {
        avs_log(coap, DEBUG, "message with reserved code %u.%02u rejected",
                TERN_COAP_CODE_CLASS(msg->code),
                TERN_COAP_CODE_DETAIL(msg->code));
        if (msg->type == TERN_COAP_TYPE_CON) {
            send_reset(ctx, msg->msg_id);
        }
    }
}

/* What we can still do with a datagram that did not fit: its header and
 * token are intact. */
static void truncated(tern_coap_ctx_t *ctx, size_t size) {
    tern_coap_msg_t header;
    memset(&header, 0, sizeof(header));
    const uint8_t *bytes = ctx->in_buf;
    if (size < 4 || (bytes[0] >> 6) != 1 || (bytes[0] & 0x0F) > 8 ||
        size < 4u + (bytes[0] & 0x0Fu)) {
        avs_log(coap, WARNING, "oversized datagram dropped");
        return;
    }
    header.type = (uint8_t) ((bytes[0] >> 4) & 0x03);
    header.code = bytes[1];
    header.msg_id = (uint16_t) ((bytes[2] << 8) | bytes[3]);
    header.token.size = (uint8_t) (bytes[0] & 0x0F);
    memcpy(header.token.bytes, bytes + 4, header.token.size);
    coap_exch_t *exch = NULL;
    if (tern_coap_code_is_request(header.code) &&
        header.type != TERN_COAP_TYPE_ACK &&
        header.type != TERN_COAP_TYPE_RST) {
        if (!duplicate(ctx, &header)) {
            coap_server_request_too_big(ctx, &header);
        }
        return;
    }
    if (tern_coap_code_is_response(header.code)) {
        if (header.type == TERN_COAP_TYPE_ACK) {
            exch = coap_exch_find_msg_id(ctx, header.msg_id);
        } else if (!duplicate(ctx, &header)) {
            exch = coap_exch_find_token(ctx, EXCH_REQUEST, &header.token);
            if (exch && header.type == TERN_COAP_TYPE_CON) {
                coap_server_empty_ack(ctx, header.msg_id, &header.token);
            }
        }
    }
    if (exch && exch->kind == EXCH_REQUEST &&
        tern_coap_token_equal(&exch->token, &header.token)) {
        coap_client_response_too_big(ctx, exch);
    } else {
        avs_log(coap, WARNING, "oversized datagram dropped");
    }
}

avs_error_t coap_udp_receive(tern_coap_ctx_t *ctx, bool *out_more) {
    size_t size = 0;
    *out_more = false;
    avs_error_t err = avs_net_socket_receive(ctx->socket, &size, ctx->in_buf,
                                             ctx->in_cap);
    if (avs_is_ok(err) ||
        (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_EMSGSIZE)) {
        ++ctx->stats.incoming_messages;
    }
    if (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_EMSGSIZE) {
        truncated(ctx, size);
        return AVS_OK;
    }
    if (avs_is_err(err)) {
        if (err.category != AVS_ERRNO_CATEGORY || err.code != AVS_ETIMEDOUT) {
            char why[64];
            avs_log(coap, ERROR, "receive failed: %s",
                    avs_error_describe(err, why, sizeof(why)));
        }
        return err;
    }
    tern_coap_msg_t msg;
    uint16_t bad_option = 0;
    int result = tern_coap_udp_parse(&msg, ctx->in_buf, size, &bad_option);
    if (result && !tern_coap_err_is_bad_option(result)) {
        avs_log(coap, WARNING, "malformed datagram dropped: %s",
                tern_coap_strerror(result));
        /* A confirmable message we cannot understand is rejected
         * (RFC 7252, 4.2). */
        if (size >= 4 && result != TERN_COAP_ERR_VERSION &&
            msg.type == TERN_COAP_TYPE_CON) {
            send_reset(ctx, msg.msg_id);
        }
        return AVS_OK;
    }
    dispatch(ctx, &msg, result, bad_option);
    return AVS_OK;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_ctx.h"

static void dispatch(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                     int parse_result, uint16_t bad_option) {
    if (parse_result && !tern_coap_err_is_bad_option(parse_result)) {
        coap_tcp_abort(ctx, 0, tern_coap_strerror(parse_result));
        return;
    }
    if (tern_coap_code_is_signaling(msg->code)) {
        if (parse_result) {
            coap_tcp_abort(ctx,
                           msg->code == TERN_COAP_CODE_CSM ? bad_option : 0,
                           "unsupported critical option in a signal");
            return;
        }
        coap_tcp_handle_signal(ctx, msg);
        return;
    }
    if (!ctx->csm_received) {
        /* The CSM must come first (RFC 8323, 5.3). */
        coap_tcp_abort(ctx, 0, "message before the CSM");
        return;
    }
    if (msg->code == TERN_COAP_CODE_EMPTY) {
        return; /* RFC 8323, 4.4: Empty messages are ignored. */
    }
    if (tern_coap_code_is_request(msg->code)) {
        coap_server_request(ctx, msg, parse_result, bad_option);
        return;
    }
    coap_exch_t *exch = coap_exch_find_token(ctx, EXCH_REQUEST, &msg->token);
    if (!exch || !tern_coap_code_is_response(msg->code)) {
        avs_log(coap, DEBUG, "unexpected %u.%02u message ignored",
                TERN_COAP_CODE_CLASS(msg->code),
                TERN_COAP_CODE_DETAIL(msg->code));
        return;
    }
    if (parse_result) {
        avs_log(coap, WARNING, "response with option %u: %s",
                (unsigned) bad_option, tern_coap_strerror(parse_result));
        coap_exch_finish(ctx, exch, TERN_COAP_RESULT_FAILED, NULL);
        coap_tx_pump(ctx);
        return;
    }
    coap_client_response(ctx, exch, msg);
}

static void consume(tern_coap_ctx_t *ctx, size_t size) {
    memmove(ctx->in_buf, ctx->in_buf + size, ctx->in_len - size);
    ctx->in_len -= size;
}

/* A frame larger than the buffer: react on its header, then skip it. */
static bool oversized(tern_coap_ctx_t *ctx, uint64_t frame_size) {
    const uint8_t *bytes = ctx->in_buf;
    static const uint8_t EXT[16] = {[13] = 1, [14] = 2, [15] = 4};
    size_t header = 1 + (size_t) EXT[bytes[0] >> 4] + 1;
    size_t token_size = bytes[0] & 0x0F;
    if (ctx->in_len < header + token_size) {
        return false;
    }
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = bytes[header - 1];
    msg.token.size = (uint8_t) token_size;
    memcpy(msg.token.bytes, bytes + header, token_size);
    if (!ctx->csm_received || tern_coap_code_is_signaling(msg.code)) {
        coap_tcp_abort(ctx, 0, "oversized signal");
        return true;
    }
    ctx->tcp_discard = frame_size;
    if (tern_coap_code_is_request(msg.code)) {
        coap_server_request_too_big(ctx, &msg);
    } else {
        coap_exch_t *exch = coap_exch_find_token(ctx, EXCH_REQUEST, &msg.token);
        if (exch) {
            coap_client_response_too_big(ctx, exch);
        } else {
            avs_log(coap, WARNING, "oversized message dropped");
        }
    }
    return true;
}

/* Handles every complete frame in the buffer. */
static void process(tern_coap_ctx_t *ctx) {
    while (ctx->in_len && !ctx->closed && !ctx->delete_pending) {
        if (ctx->tcp_discard) {
            size_t size = ctx->tcp_discard < ctx->in_len
                                  ? (size_t) ctx->tcp_discard
                                  : ctx->in_len;
            consume(ctx, size);
            ctx->tcp_discard -= size;
            continue;
        }
        uint64_t frame_size;
        int result =
                tern_coap_tcp_frame_size(ctx->in_buf, ctx->in_len, &frame_size);
        if (result == TERN_COAP_ERR_TRUNCATED) {
            return;
        }
        if (result) {
            coap_tcp_abort(ctx, 0, tern_coap_strerror(result));
            return;
        }
        if (frame_size > ctx->in_cap) {
            if (!oversized(ctx, frame_size)) {
                return;
            }
            ++ctx->stats.incoming_messages;
            continue;
        }
        if (frame_size > ctx->in_len) {
            return;
        }
        ++ctx->stats.incoming_messages;
        tern_coap_msg_t msg;
        uint16_t bad_option = 0;
        result = tern_coap_tcp_parse(&msg, ctx->in_buf, (size_t) frame_size,
                                     &bad_option);
        dispatch(ctx, &msg, result, bad_option);
        if (ctx->delete_pending) {
            return;
        }
        consume(ctx, (size_t) frame_size);
    }
}

avs_error_t coap_tcp_receive(tern_coap_ctx_t *ctx, bool *out_more) {
    size_t size = 0;
    *out_more = false;
    avs_error_t err = avs_net_socket_receive(ctx->socket, &size,
                                             ctx->in_buf + ctx->in_len,
                                             ctx->in_cap - ctx->in_len);
    if (avs_is_err(err)) {
        if (err.category != AVS_ERRNO_CATEGORY || err.code != AVS_ETIMEDOUT) {
            char why[64];
            avs_log(coap, ERROR, "receive failed: %s",
                    avs_error_describe(err, why, sizeof(why)));
            ctx->closed = true;
            coap_fail_everything(ctx);
        }
        return err;
    }
    if (size == 0) {
        avs_log(coap, WARNING, "peer closed the connection");
        ctx->closed = true;
        coap_fail_everything(ctx);
        return avs_errno(AVS_ECONNRESET);
    }
    ctx->in_len += size;
    process(ctx);
    /* A full buffer may hold more frames behind a partial one only if the
     * socket still has bytes: let the caller's loop ask again. */
    *out_more =
            !ctx->closed && !ctx->delete_pending && ctx->in_len == ctx->in_cap;
    return AVS_OK;
}

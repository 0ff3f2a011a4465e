/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_ctx.h"

static int send_signal(tern_coap_ctx_t *ctx, uint8_t code,
                       const tern_coap_token_t *token,
                       const tern_coap_opts_t *opts, const char *diagnostic) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = code;
    if (token) {
        msg.token = *token;
    }
    if (opts) {
        tern_coap_msg_set_opts(&msg, opts);
    }
    if (diagnostic) {
        msg.payload = (const uint8_t *) diagnostic;
        msg.payload_size = strlen(diagnostic);
    }
    return coap_send_msg(ctx, &msg, NULL);
}

int coap_tcp_send_csm(tern_coap_ctx_t *ctx) {
    uint8_t buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    /* We take messages as large as the receive buffer, and blocks. */
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_MAX_MESSAGE_SIZE,
                            ctx->in_cap > UINT32_MAX ? UINT32_MAX
                                                     : (uint32_t) ctx->in_cap);
    tern_coap_opts_add_empty(&opts, TERN_COAP_OPT_BLOCK_WISE_TRANSFER);
    return send_signal(ctx, TERN_COAP_CODE_CSM, NULL, &opts, NULL);
}

void coap_tcp_abort(tern_coap_ctx_t *ctx, uint16_t bad_csm_option,
                    const char *why) {
    avs_log(coap, ERROR, "aborting the connection: %s", why);
    uint8_t buf[8];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    if (bad_csm_option) {
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_BAD_CSM_OPTION,
                                bad_csm_option);
    }
    send_signal(ctx, TERN_COAP_CODE_ABORT, NULL, &opts, why);
    ctx->closed = true;
    coap_fail_everything(ctx);
}

void coap_tcp_release(tern_coap_ctx_t *ctx) {
    send_signal(ctx, TERN_COAP_CODE_RELEASE, NULL, NULL, NULL);
}

static void peer_closes(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                        const char *what) {
    char diagnostic[64] = "";
    size_t size = msg->payload_size < sizeof(diagnostic) - 1
                          ? msg->payload_size
                          : sizeof(diagnostic) - 1;
    if (size) {
        memcpy(diagnostic, msg->payload, size);
    }
    diagnostic[size] = '\0';
    avs_log(coap, WARNING, "peer sent %s%s%s", what, size ? ": " : "",
            diagnostic);
    ctx->closed = true;
    coap_fail_everything(ctx);
}

int coap_tcp_handle_signal(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg) {
    switch (msg->code) {
        case TERN_COAP_CODE_CSM: {
            uint32_t max_size;
            if (!tern_coap_msg_get_uint(msg, TERN_COAP_OPT_MAX_MESSAGE_SIZE,
                                        &max_size)) {
                ctx->peer_max_message_size = max_size;
            }
            ctx->peer_block_wise = tern_coap_msg_has_opt(
                    msg, TERN_COAP_OPT_BLOCK_WISE_TRANSFER);
            if (!ctx->csm_received) {
                ctx->csm_received = true;
                coap_exch_t *exch;
                /* Requests waiting for the CSM get their full timeout now. */
                AVS_LIST_FOREACH(exch, ctx->exchanges) {
                    if (exch->tx == TX_QUEUED) {
                        exch->deadline = AVS_TIME_MONOTONIC_INVALID;
                    }
                }
                coap_tx_pump(ctx);
            }
            return 0;
        }
        case TERN_COAP_CODE_PING:
            return send_signal(ctx, TERN_COAP_CODE_PONG, &msg->token, NULL,
                               NULL)
                           ? -1
                           : 0;
        case TERN_COAP_CODE_PONG: {
            coap_exch_t *exch =
                    coap_exch_find_token(ctx, EXCH_PING, &msg->token);
            if (!exch) {
                /* Some peers (libcoap 4.3) answer with an empty token: the
                 * oldest ping is the one answered, as the stream keeps order.
                 */
                AVS_LIST_FOREACH(exch, ctx->exchanges) {
                    if (exch->kind == EXCH_PING && exch->tx == TX_SENT) {
                        break;
                    }
                }
            }
            if (exch) {
                coap_exch_finish(ctx, exch, TERN_COAP_RESULT_OK, msg);
            }
            return 0;
        }
        case TERN_COAP_CODE_RELEASE:
            peer_closes(ctx, msg, "Release");
            return -1;
        case TERN_COAP_CODE_ABORT:
            peer_closes(ctx, msg, "Abort");
            return -1;
        default:
            /* Unknown signals are ignored (RFC 8323, 5.1). */
            avs_log(coap, DEBUG, "unknown signal 7.%02u ignored",
                    TERN_COAP_CODE_DETAIL(msg->code));
            return 0;
    }
}

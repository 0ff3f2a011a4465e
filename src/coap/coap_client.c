/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include "coap_ctx.h"

/* Options the engine manages itself in block-wise transfers. */
static const uint16_t BLOCK_OPTS[] = {
        TERN_COAP_OPT_BLOCK1, TERN_COAP_OPT_BLOCK2, TERN_COAP_OPT_SIZE1,
        TERN_COAP_OPT_SIZE2, TERN_COAP_OPT_OBSERVE};

/* Guess at the options of a response, to pick a block size whose
 * responses fit the receive buffer. */
#define RESPONSE_OPTS_ESTIMATE 64

static int fitting_szx(size_t room) {
    int szx = tern_coap_block_szx_for_size(room);
    return szx < 0 ? 0 : szx;
}

/* Largest block a response can carry into our receive buffer. */
static uint8_t receive_szx(tern_coap_ctx_t *ctx) {
    size_t overhead = COAP_MAX_HEADER_SIZE + RESPONSE_OPTS_ESTIMATE;
    return (uint8_t) fitting_szx(ctx->in_cap > overhead ? ctx->in_cap - overhead
                                                        : 0);
}

static tern_coap_msg_t stored_request(const coap_exch_t *exch) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = exch->code;
    msg.options = exch->opts;
    msg.options_size = exch->opts_size;
    return msg;
}

static int build_ping(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                      size_t *out_size) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    if (coap_is_tcp(ctx)) {
        msg.code = TERN_COAP_CODE_PING;
        int result = coap_random_token(ctx, &exch->token);
        if (result) {
            return result;
        }
        msg.token = exch->token;
        return tern_coap_tcp_serialize(&msg, ctx->out_buf, ctx->out_cap,
                                       out_size);
    }
    msg.type = TERN_COAP_TYPE_CON;
    msg.code = TERN_COAP_CODE_EMPTY;
    msg.msg_id = exch->msg_id = coap_next_msg_id(ctx);
    return tern_coap_udp_serialize(&msg, ctx->out_buf, ctx->out_cap, out_size);
}

int coap_tx_build(tern_coap_ctx_t *ctx, coap_exch_t *exch, size_t *out_size) {
    if (exch->kind == EXCH_PING) {
        return build_ping(ctx, exch, out_size);
    }
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, ctx->opts_buf, ctx->opts_cap);
    tern_coap_msg_t original = stored_request(exch);
    /* Observe belongs to the first request only (RFC 7959, 2.3). */
    size_t skip_count = sizeof(BLOCK_OPTS) / sizeof(BLOCK_OPTS[0]) -
                        (exch->block2_offset ? 0 : 1);
    int result = tern_coap_opts_copy(&opts, &original, BLOCK_OPTS, skip_count);

    const uint8_t *payload = NULL;
    size_t payload_size = 0;
    bool last_block1 = true;
    if (!result && !exch->payload_done && exch->payload_size) {
        if (!exch->block1_fixed && exch->block1_offset == 0) {
            size_t room = coap_max_payload(
                    ctx, exch->opts_size + COAP_ENGINE_OPTS_RESERVE);
            exch->block1_active = exch->payload_size > room;
            if (exch->block1_active) {
                int szx = tern_coap_block_szx_for_size(room);
                if (szx < 0) {
                    avs_log(coap, ERROR,
                            "exchange %u: no room for a payload "
                            "block next to the options",
                            (unsigned) exch->id);
                    return TERN_COAP_ERR_NO_SPACE;
                }
                exch->block1_szx = (uint8_t) szx;
            }
        }
        if (exch->block1_active) {
            size_t bs = tern_coap_block_size(exch->block1_szx);
            size_t remaining = exch->payload_size - exch->block1_offset;
            tern_coap_block_t block = {
                    .num = (uint32_t) (exch->block1_offset / bs),
                    .more = remaining > bs,
                    .szx = exch->block1_szx};
            last_block1 = !block.more;
            payload = exch->payload + exch->block1_offset;
            payload_size = block.more ? bs : remaining;
            result = tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1,
                                              &block);
            if (!result && block.num == 0) {
                result = tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_SIZE1,
                                                 (uint32_t) exch->payload_size);
            }
        } else {
            payload = exch->payload;
            payload_size = exch->payload_size;
        }
        exch->block1_sent = payload_size;
    }
    if (!result && !exch->block2_active && last_block1 && !coap_is_tcp(ctx) &&
        receive_szx(ctx) < 6) {
        /* A small receive buffer: ask for responses in blocks that fit it
         * from the start (RFC 7959, 2.4), as a truncated response to a
         * non-idempotent request could not be asked for again. */
        exch->block2_active = true;
        exch->block2_szx = receive_szx(ctx);
    }
    if (!result && exch->block2_active && last_block1) {
        size_t bs = tern_coap_block_size(exch->block2_szx);
        tern_coap_block_t block = {.num = (uint32_t) (exch->block2_offset / bs),
                                   .more = false,
                                   .szx = exch->block2_szx};
        result = tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &block);
    }
    if (result) {
        avs_log(coap, ERROR, "exchange %u: cannot assemble the options: %s",
                (unsigned) exch->id, tern_coap_strerror(result));
        return result;
    }
    if ((result = coap_random_token(ctx, &exch->token))) {
        return result;
    }
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.type = TERN_COAP_TYPE_CON;
    msg.code = exch->code;
    msg.token = exch->token;
    tern_coap_msg_set_opts(&msg, &opts);
    msg.payload = payload;
    msg.payload_size = payload_size;
    if (coap_is_tcp(ctx)) {
        result = tern_coap_tcp_serialize(&msg, ctx->out_buf, ctx->out_cap,
                                         out_size);
    } else {
        msg.msg_id = exch->msg_id = coap_next_msg_id(ctx);
        result = tern_coap_udp_serialize(&msg, ctx->out_buf, ctx->out_cap,
                                         out_size);
    }
    if (result) {
        avs_log(coap, ERROR, "exchange %u: cannot encode the request: %s",
                (unsigned) exch->id, tern_coap_strerror(result));
    }
    return result;
}

/* Starts an exchange from an API call: sends at once if possible. A
 * failure then is returned, not reported to the handler. */
static int launch(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                  tern_coap_id_t *out_id) {
    coap_enter(ctx);
    int result = coap_tx_send_or_queue(ctx, exch);
    if (result) {
        coap_exch_free(ctx, exch);
    } else if (out_id) {
        *out_id = exch->id;
    }
    coap_leave(ctx);
    return result;
}

int tern_coap_send_request(tern_coap_ctx_t *ctx, const tern_coap_msg_t *request,
                           tern_coap_response_handler_t *handler, void *arg,
                           tern_coap_id_t *out_id) {
    if (!ctx || !request || ctx->delete_pending) {
        avs_log(coap, ERROR, "send_request: invalid arguments");
        return TERN_COAP_ERR_INVALID;
    }
    if (ctx->closed) {
        avs_log(coap, ERROR, "cannot send a request: the connection ended");
        return TERN_COAP_ERR_STATE;
    }
    if (!tern_coap_code_is_request(request->code) ||
        (request->options_size && !request->options) ||
        (request->payload_size && !request->payload)) {
        avs_log(coap, ERROR, "not a valid request (code %u.%02u)",
                TERN_COAP_CODE_CLASS(request->code),
                TERN_COAP_CODE_DETAIL(request->code));
        return TERN_COAP_ERR_INVALID;
    }
    if (coap_max_payload(ctx, request->options_size +
                                      COAP_ENGINE_OPTS_RESERVE) < 16) {
        avs_log(coap, ERROR,
                "request options of %u bytes leave no room in a "
                "message",
                (unsigned) request->options_size);
        return TERN_COAP_ERR_NO_SPACE;
    }
    coap_exch_t *exch = coap_exch_new(
            ctx, EXCH_REQUEST, request->options_size + request->payload_size);
    if (!exch) {
        return TERN_COAP_ERR_NO_MEMORY;
    }
    exch->handler = handler;
    exch->handler_arg = arg;
    exch->code = request->code;
    exch->opts = (uint8_t *) (exch + 1);
    exch->opts_size = request->options_size;
    if (request->options_size) {
        memcpy(exch->opts, request->options, request->options_size);
    }
    exch->payload = exch->opts + exch->opts_size;
    exch->payload_size = request->payload_size;
    if (request->payload_size) {
        memcpy(exch->payload, request->payload, request->payload_size);
    }
    tern_coap_block_t early;
    if (!tern_coap_msg_get_block(request, TERN_COAP_OPT_BLOCK2,
                                 coap_is_tcp(ctx), &early)) {
        /* The caller asked for a block size (or a starting block) up front
         * (RFC 7959, 2.4). */
        exch->block2_active = true;
        exch->block2_szx = early.szx;
        exch->block2_offset =
                (size_t) early.num * tern_coap_block_size(early.szx);
    }
    return launch(ctx, exch, out_id);
}

int tern_coap_ping(tern_coap_ctx_t *ctx, tern_coap_response_handler_t *handler,
                   void *arg, tern_coap_id_t *out_id) {
    if (!ctx || ctx->delete_pending) {
        avs_log(coap, ERROR, "ping: invalid arguments");
        return TERN_COAP_ERR_INVALID;
    }
    if (ctx->closed) {
        avs_log(coap, ERROR, "cannot ping: the connection ended");
        return TERN_COAP_ERR_STATE;
    }
    coap_exch_t *exch = coap_exch_new(ctx, EXCH_PING, 0);
    if (!exch) {
        return TERN_COAP_ERR_NO_MEMORY;
    }
    exch->handler = handler;
    exch->handler_arg = arg;
    return launch(ctx, exch, out_id);
}

static void fail(tern_coap_ctx_t *ctx, coap_exch_t *exch, const char *why) {
    avs_log(coap, WARNING, "exchange %u failed: %s", (unsigned) exch->id, why);
    coap_exch_finish(ctx, exch, TERN_COAP_RESULT_FAILED, NULL);
}

/* Block1: what the answer to one block of our request means. Returns true
 * if it was consumed (next block queued or the exchange ended). */
static bool block1_response(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                            const tern_coap_msg_t *msg) {
    tern_coap_block_t block;
    bool has_block = !tern_coap_msg_get_block(msg, TERN_COAP_OPT_BLOCK1,
                                              coap_is_tcp(ctx), &block);
    if (msg->code == TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE && has_block &&
        exch->payload_size && !exch->payload_done && exch->block1_offset == 0 &&
        (!exch->block1_active || block.szx < exch->block1_szx) &&
        block.szx < TERN_COAP_BLOCK_SZX_BERT) {
        /* The peer wants smaller blocks, or blocks at all (RFC 7959,
         * 2.9.3): start again with its size. */
        exch->block1_active = true;
        exch->block1_fixed = true;
        exch->block1_szx = block.szx;
        coap_tx_start(ctx, exch);
        return true;
    }
    if (!exch->block1_active) {
        return false;
    }
    if (msg->code != TERN_COAP_CODE_CONTINUE) {
        /* The final response, or an error that ends the transfer. */
        exch->block1_active = false;
        exch->payload_done = true;
        return false;
    }
    size_t bs = tern_coap_block_size(exch->block1_szx);
    if (!has_block || block.num != exch->block1_offset / bs) {
        fail(ctx, exch, "2.31 Continue for a block we did not send");
        return true;
    }
    exch->block1_offset += exch->block1_sent;
    if (block.szx < exch->block1_szx) {
        /* Smaller blocks from now on; never larger (RFC 7959, 2.5). The
         * offset stays a multiple of the new size. */
        exch->block1_szx = block.szx;
        exch->block1_fixed = true;
    }
    if (exch->block1_offset >= exch->payload_size) {
        fail(ctx, exch, "2.31 Continue after the last block");
        return true;
    }
    coap_tx_start(ctx, exch);
    return true;
}

static bool etag_of(const tern_coap_msg_t *msg, tern_coap_token_t *out) {
    const uint8_t *value;
    size_t size;
    if (tern_coap_msg_find_opt(msg, TERN_COAP_OPT_ETAG, &value, &size) ||
        size > sizeof(out->bytes)) {
        return false;
    }
    out->size = (uint8_t) size;
    memcpy(out->bytes, value, size);
    return true;
}

/* Block2: one block of a response. Returns true if it was consumed. */
static bool block2_response(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                            const tern_coap_msg_t *msg) {
    tern_coap_block_t block;
    if (TERN_COAP_CODE_CLASS(msg->code) != 2 ||
        tern_coap_msg_get_block(msg, TERN_COAP_OPT_BLOCK2, coap_is_tcp(ctx),
                                &block)) {
        return false;
    }
    size_t bs = tern_coap_block_size(block.szx);
    size_t offset = (size_t) block.num * bs;
    if (offset != exch->block2_offset) {
        fail(ctx, exch, "block-wise response at an unexpected offset");
        return true;
    }
    tern_coap_token_t etag;
    bool has_etag = etag_of(msg, &etag);
    if (offset == 0) {
        exch->etag_known = has_etag;
        exch->etag = etag;
    } else if (has_etag != exch->etag_known ||
               (has_etag && !tern_coap_token_equal(&etag, &exch->etag))) {
        fail(ctx, exch, "ETag changed during a block-wise transfer");
        return true;
    }
    if (!block.more) {
        return false;
    }
    bool bert = tern_coap_block_is_bert(&block);
    if (bert ? (msg->payload_size == 0 || msg->payload_size % bs)
             : msg->payload_size != bs) {
        fail(ctx, exch, "block-wise response with a wrong block length");
        return true;
    }
    exch->block2_offset = offset + msg->payload_size;
    uint8_t szx = block.szx;
    if (!bert) {
        uint8_t limit = receive_szx(ctx);
        if (exch->block2_active && exch->block2_szx < szx) {
            szx = exch->block2_szx;
        }
        if (limit < szx) {
            szx = limit;
        }
    }
    exch->block2_active = true;
    exch->block2_szx = szx;
    exch->payload_done = (exch->code != TERN_COAP_CODE_FETCH);
    if (!(exch = coap_exch_partial(ctx, exch, msg))) {
        return true;
    }
    coap_tx_start(ctx, exch);
    return true;
}

void coap_client_response(tern_coap_ctx_t *ctx, coap_exch_t *exch,
                          const tern_coap_msg_t *msg) {
    coap_tx_drop_wire(exch);
    exch->tx = TX_NONE;
    exch->deadline = AVS_TIME_MONOTONIC_INVALID;
    if (!block1_response(ctx, exch, msg) && !block2_response(ctx, exch, msg)) {
        coap_exch_finish(ctx, exch, TERN_COAP_RESULT_OK, msg);
    }
    coap_tx_pump(ctx);
}

void coap_client_response_too_big(tern_coap_ctx_t *ctx, coap_exch_t *exch) {
    coap_tx_drop_wire(exch);
    exch->tx = TX_NONE;
    exch->deadline = AVS_TIME_MONOTONIC_INVALID;
    uint8_t szx = receive_szx(ctx);
    bool can_retry = (exch->code == TERN_COAP_CODE_GET ||
                      exch->code == TERN_COAP_CODE_FETCH) &&
                     !exch->block1_active &&
                     (!exch->block2_active || szx < exch->block2_szx) &&
                     exch->block2_offset % tern_coap_block_size(szx) == 0;
    if (!can_retry) {
        fail(ctx, exch, "response larger than the receive buffer");
    } else {
        /* Ask again for smaller blocks (RFC 7959, 2.4). */
        avs_log(coap, DEBUG,
                "exchange %u: response too large, asking for "
                "%u-byte blocks",
                (unsigned) exch->id, (unsigned) tern_coap_block_size(szx));
        exch->block2_active = true;
        exch->block2_szx = szx;
        coap_tx_start(ctx, exch);
    }
    coap_tx_pump(ctx);
}

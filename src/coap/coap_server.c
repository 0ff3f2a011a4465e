/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "coap_ctx.h"

struct tern_coap_incoming {
    tern_coap_ctx_t *ctx;
    coap_req_info_t info;
    bool answered;
    bool deferred;
};

/* Options that do not identify what is being transferred block-wise: the
 * block options themselves, sizes, Observe (absent from follow-up block
 * requests), No-Response and ETag validation. */
static const uint16_t NON_KEY_OPTS[] = {
        TERN_COAP_OPT_ETAG,       TERN_COAP_OPT_OBSERVE, TERN_COAP_OPT_BLOCK2,
        TERN_COAP_OPT_BLOCK1,     TERN_COAP_OPT_SIZE2,   TERN_COAP_OPT_SIZE1,
        TERN_COAP_OPT_NO_RESPONSE};

int coap_block_key(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                   size_t *out_size) {
    tern_coap_opts_t key;
    tern_coap_opts_init(&key, ctx->key_buf, ctx->key_cap);
    int result =
            tern_coap_opts_copy(&key, msg, NON_KEY_OPTS,
                                sizeof(NON_KEY_OPTS) / sizeof(NON_KEY_OPTS[0]));
    *out_size = key.size;
    return result;
}

/* RFC 7967: bit 1 suppresses 2.xx, bit 3 4.xx, bit 4 5.xx. */
static bool suppressed(uint8_t mask, uint8_t code) {
    switch (TERN_COAP_CODE_CLASS(code)) {
        case 2:
            return (mask & 0x02) != 0;
        case 4:
            return (mask & 0x08) != 0;
        case 5:
            return (mask & 0x10) != 0;
        default:
            return false;
    }
}

void coap_server_empty_ack(tern_coap_ctx_t *ctx, uint16_t msg_id,
                           const tern_coap_token_t *token) {
    tern_coap_msg_t ack;
    memset(&ack, 0, sizeof(ack));
    ack.type = TERN_COAP_TYPE_ACK;
    ack.msg_id = msg_id;
    size_t size;
    if (!coap_send_msg(ctx, &ack, &size)) {
        coap_udp_cache_add(&ctx->cache, ctx->peer_hash, msg_id, token,
                           ctx->out_buf, size,
                           avs_time_monotonic_add(avs_time_monotonic_now(),
                                                  ctx->exchange_lifetime));
    }
}

/* Sends a confirmable response or notification, reliably. A notification
 * replaces an older one of the same observation still waiting to go or to
 * be acknowledged, inheriting its retransmission state (RFC 7641, 4.5.2). */
static int send_confirmable(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                            uint16_t msg_id, size_t size) {
    coap_exch_t *previous = NULL;
    if (observation) {
        coap_exch_t *exch;
        AVS_LIST_FOREACH(exch, ctx->exchanges) {
            if (exch->kind == EXCH_RESPONSE &&
                exch->observation == observation) {
                previous = exch;
                break;
            }
        }
    }
    uint8_t *wire = (uint8_t *) avs_malloc(size);
    if (!wire) {
        avs_log(coap, ERROR, "out of memory for a confirmable message");
        return TERN_COAP_ERR_NO_MEMORY;
    }
    memcpy(wire, ctx->out_buf, size);
    if (previous) {
        if (previous->tx == TX_WAIT_ACK) {
            int result = coap_send_raw(ctx, wire, size);
            if (result) {
                avs_free(wire);
                return result;
            }
        }
        coap_tx_drop_wire(previous);
        previous->wire = wire;
        previous->wire_size = size;
        previous->msg_id = msg_id;
        return 0;
    }
    coap_exch_t *exch = coap_exch_new(ctx, EXCH_RESPONSE, 0);
    if (!exch) {
        avs_free(wire);
        return TERN_COAP_ERR_NO_MEMORY;
    }
    exch->observation = observation;
    exch->msg_id = msg_id;
    exch->wire = wire;
    exch->wire_size = size;
    int result = coap_tx_send_or_queue(ctx, exch);
    if (result) {
        coap_exch_free(ctx, exch);
    }
    return result;
}

int coap_server_respond(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                        const tern_coap_msg_t *response, bool from_store) {
    if (!tern_coap_code_is_response(response->code) ||
        (response->options_size && !response->options) ||
        (response->payload_size && !response->payload)) {
        avs_log(coap, ERROR, "not a valid response (code %u.%02u)",
                TERN_COAP_CODE_CLASS(response->code),
                TERN_COAP_CODE_DETAIL(response->code));
        return TERN_COAP_ERR_INVALID;
    }
    if (response->options_size + COAP_ENGINE_OPTS_RESERVE > ctx->opts_cap) {
        avs_log(coap, ERROR, "response options of %u bytes do not fit",
                (unsigned) response->options_size);
        return TERN_COAP_ERR_NO_SPACE;
    }
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, ctx->opts_buf, ctx->opts_cap);
    if (response->options_size) {
        memcpy(opts.buf, response->options, response->options_size);
        opts.size = response->options_size;
    }
    int result = 0;
    const uint8_t *payload = response->payload;
    size_t payload_size = response->payload_size;
    bool more_blocks = false;
    bool user_blocks = tern_coap_msg_has_opt(response, TERN_COAP_OPT_BLOCK2);
    size_t room = coap_max_payload(ctx, opts.size + COAP_ENGINE_OPTS_RESERVE);
    /* Block-wise for what does not fit, and for what the client asked to
     * get in blocks; an error answer to a block request is sent whole. */
    req->more_blocks = false;
    if (!user_blocks &&
        ((req->has_block2 && TERN_COAP_CODE_CLASS(response->code) == 2) ||
         payload_size > room)) {
        int szx = tern_coap_block_szx_for_size(room);
        if (szx < 0) {
            avs_log(coap, ERROR,
                    "no room for a payload block next to the "
                    "response options");
            return TERN_COAP_ERR_NO_SPACE;
        }
        size_t offset = 0;
        if (req->has_block2) {
            uint8_t asked = req->block2.szx;
            offset = (size_t) req->block2.num * tern_coap_block_size(asked);
            if (asked < TERN_COAP_BLOCK_SZX_BERT && asked < szx) {
                szx = asked;
            }
        }
        size_t bs = tern_coap_block_size((uint8_t) szx);
        if (offset && offset >= payload_size) {
            /* A block past the end: nothing sensible to send. */
            tern_coap_msg_t bad;
            memset(&bad, 0, sizeof(bad));
            bad.code = TERN_COAP_CODE_BAD_REQUEST;
            req->has_block2 = false;
            avs_log(coap, WARNING,
                    "block at offset %u requested from a "
                    "%u-byte response",
                    (unsigned) offset, (unsigned) payload_size);
            return coap_server_respond(ctx, req, &bad, true);
        }
        size_t chunk = payload_size - offset < bs ? payload_size - offset : bs;
        more_blocks = offset + chunk < payload_size;
        tern_coap_block_t block = {.num = (uint32_t) (offset / bs),
                                   .more = more_blocks,
                                   .szx = (uint8_t) szx};
        result = tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &block);
        if (!result && !tern_coap_msg_has_opt(response, TERN_COAP_OPT_SIZE2)) {
            result = tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_SIZE2,
                                             (uint32_t) payload_size);
        }
        uint8_t etag[8];
        bool add_etag = !tern_coap_msg_has_opt(response, TERN_COAP_OPT_ETAG);
        if (!result && add_etag) {
            coap_block_etag(response->payload, response->payload_size, etag);
            result = tern_coap_opts_add_opaque(&opts, TERN_COAP_OPT_ETAG, etag,
                                               sizeof(etag));
        }
        payload = response->payload + offset;
        payload_size = chunk;
        req->more_blocks = more_blocks;
        if (!from_store && more_blocks && req->key) {
            coap_block_store_put(ctx, req->key, req->key_size, req->code,
                                 response, add_etag ? etag : NULL);
        }
    }
    coap_exch_t *obs = req->observe ? coap_exch_find(ctx, req->observe) : NULL;
    bool observing = obs && TERN_COAP_CODE_CLASS(response->code) == 2;
    if (!result && observing) {
        /* One counter for all observations keeps numbers fresh across
         * re-registrations with the same token (RFC 7641, 3.4). */
        ctx->observe_seq = (ctx->observe_seq + 1) & 0xFFFFFFu;
        obs->observe_seq = ctx->observe_seq;
        result = tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_OBSERVE,
                                         obs->observe_seq);
    }
    if (!result && req->has_block1) {
        tern_coap_block_t echo = req->block1;
        echo.more = (response->code == TERN_COAP_CODE_CONTINUE);
        result = tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1, &echo);
    }
    if (result) {
        avs_log(coap, ERROR, "cannot assemble response options: %s",
                tern_coap_strerror(result));
        return result;
    }

    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = response->code;
    msg.token = req->token;
    tern_coap_msg_set_opts(&msg, &opts);
    msg.payload = payload;
    msg.payload_size = payload_size;
    bool piggybacked = false;
    if (!coap_is_tcp(ctx)) {
        if (req->type == TERN_COAP_TYPE_CON && !req->acked) {
            msg.type = TERN_COAP_TYPE_ACK;
            msg.msg_id = req->msg_id;
            piggybacked = true;
        } else {
            msg.type = req->type == TERN_COAP_TYPE_CON ? TERN_COAP_TYPE_CON
                                                       : TERN_COAP_TYPE_NON;
            msg.msg_id = coap_next_msg_id(ctx);
        }
    }
    if (suppressed(req->no_response, response->code)) {
        if (piggybacked) {
            coap_server_empty_ack(ctx, req->msg_id, &req->token);
        }
        if (obs) {
            coap_observe_registered(ctx, obs->id, response->code, msg.msg_id);
        }
        return 0;
    }
    size_t size;
    if (!coap_is_tcp(ctx) && msg.type == TERN_COAP_TYPE_CON) {
        result = tern_coap_udp_serialize(&msg, ctx->out_buf, ctx->out_cap,
                                         &size);
        if (!result) {
            result = send_confirmable(ctx, obs ? obs->id : 0, msg.msg_id, size);
        }
    } else {
        result = coap_send_msg(ctx, &msg, &size);
        if (!result && piggybacked) {
            coap_udp_cache_add(&ctx->cache, ctx->peer_hash, req->msg_id,
                               &req->token, ctx->out_buf, size,
                               avs_time_monotonic_add(avs_time_monotonic_now(),
                                                      ctx->exchange_lifetime));
        }
    }
    if (result) {
        return result;
    }
    if (obs) {
        coap_observe_registered(ctx, obs->id, response->code, msg.msg_id);
    }
    return 0;
}

/* Answers with just a code (and optional options). */
static void respond_code(tern_coap_ctx_t *ctx, coap_req_info_t *req,
                         uint8_t code, const tern_coap_opts_t *opts) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = code;
    if (opts) {
        tern_coap_msg_set_opts(&msg, opts);
    }
    coap_server_respond(ctx, req, &msg, true);
}

static void info_from_header(coap_req_info_t *info,
                             const tern_coap_msg_t *msg) {
    memset(info, 0, sizeof(*info));
    info->type = msg->type;
    info->code = msg->code;
    info->msg_id = msg->msg_id;
    info->token = msg->token;
}

void coap_server_request_too_big(tern_coap_ctx_t *ctx,
                                 const tern_coap_msg_t *header) {
    coap_req_info_t info;
    info_from_header(&info, header);
    /* Tell the client which blocks would fit and how much we take in
     * total (RFC 7959, 2.9.3). */
    size_t overhead = COAP_MAX_HEADER_SIZE + ctx->in_cap / 4;
    int szx = tern_coap_block_szx_for_size(
            ctx->in_cap > overhead ? ctx->in_cap - overhead : 0);
    uint8_t buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, buf, sizeof(buf));
    tern_coap_block_t hint = {0, false, (uint8_t) (szx < 0 ? 0 : szx)};
    tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1, &hint);
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_SIZE1,
                            (uint32_t) ctx->max_reassembly);
    avs_log(coap, WARNING,
            "request larger than the %u-byte receive buffer: "
            "answering 4.13",
            (unsigned) ctx->in_cap);
    respond_code(ctx, &info, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE, &opts);
}

/* Fills the request description; returns a code to answer with at once,
 * or 0. */
static uint8_t describe_request(tern_coap_ctx_t *ctx, coap_req_info_t *info,
                                const tern_coap_msg_t *msg) {
    info_from_header(info, msg);
    bool tcp = coap_is_tcp(ctx);
    int result;
    if (TERN_COAP_CODE_DETAIL(msg->code) > 7) {
        return TERN_COAP_CODE_METHOD_NOT_ALLOWED;
    }
    result = tern_coap_msg_get_block(msg, TERN_COAP_OPT_BLOCK1, tcp,
                                     &info->block1);
    info->has_block1 = !result;
    if (result == TERN_COAP_ERR_OPTION_LENGTH) {
        return TERN_COAP_CODE_BAD_OPTION;
    }
    result = tern_coap_msg_get_block(msg, TERN_COAP_OPT_BLOCK2, tcp,
                                     &info->block2);
    info->has_block2 = !result;
    if (result == TERN_COAP_ERR_OPTION_LENGTH) {
        return TERN_COAP_CODE_BAD_OPTION;
    }
    uint32_t value;
    if (!tern_coap_msg_get_uint(msg, TERN_COAP_OPT_NO_RESPONSE, &value)) {
        info->no_response = (uint8_t) value;
    }
    if ((msg->code == TERN_COAP_CODE_GET ||
         msg->code == TERN_COAP_CODE_FETCH) &&
        !tern_coap_msg_get_uint(msg, TERN_COAP_OPT_OBSERVE, &value)) {
        coap_exch_t *existing = coap_observe_find_token(ctx, &msg->token);
        /* Deregistration (1) or a new registration with the same token
         * both end the current observation (RFC 7641, 3.6 and 4.1). */
        if (existing && (value == 0 || value == 1)) {
            coap_observe_end(ctx, existing, TERN_COAP_OBSERVE_CANCELLED);
        }
        info->observe_register = (value == 0);
    }
    size_t key_size;
    if (coap_block_key(ctx, msg, &key_size)) {
        return TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE;
    }
    info->key = ctx->key_buf;
    info->key_size = key_size;
    return 0;
}

void coap_server_request(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                         int parse_result, uint16_t bad_option) {
    tern_coap_incoming_t in;
    memset(&in, 0, sizeof(in));
    in.ctx = ctx;
    if (tern_coap_err_is_bad_option(parse_result)) {
        info_from_header(&in.info, msg);
        avs_log(coap, WARNING, "request with option %u: %s; answering 4.02",
                (unsigned) bad_option, tern_coap_strerror(parse_result));
        respond_code(ctx, &in.info, TERN_COAP_CODE_BAD_OPTION, NULL);
        return;
    }
    uint8_t early = describe_request(ctx, &in.info, msg);
    if (ctx->delete_pending) {
        return;
    }
    if (early) {
        avs_log(coap, WARNING, "request %u.%02u refused with %u.%02u",
                TERN_COAP_CODE_CLASS(msg->code),
                TERN_COAP_CODE_DETAIL(msg->code), TERN_COAP_CODE_CLASS(early),
                TERN_COAP_CODE_DETAIL(early));
        respond_code(ctx, &in.info, early, NULL);
        return;
    }
    tern_coap_msg_t whole = *msg;
    if (in.info.has_block1) {
        int result = coap_block1_receive(ctx, &in.info, msg, &whole);
        if (result <= 0) {
            return;
        }
    }
    if (in.info.has_block2 && in.info.block2.num > 0) {
        coap_block_entry_t *entry = coap_block_store_find(
                ctx, in.info.key, in.info.key_size, in.info.code);
        if (entry) {
            tern_coap_msg_t stored;
            memset(&stored, 0, sizeof(stored));
            stored.code = entry->code;
            stored.options = entry->opts;
            stored.options_size = entry->opts_size;
            stored.payload = entry->payload;
            stored.payload_size = entry->payload_size;
            if (!coap_server_respond(ctx, &in.info, &stored, true) &&
                !in.info.more_blocks) {
                /* The last block went out: the copy has served its
                 * purpose. A lost answer is regenerated by the handler. */
                coap_block_store_drop(ctx, entry);
            }
            return;
        }
    }
    if (!ctx->request_handler) {
        respond_code(ctx, &in.info, TERN_COAP_CODE_NOT_FOUND, NULL);
    } else {
        ctx->request_handler(ctx, &in, &whole, ctx->request_handler_arg);
        if (!ctx->delete_pending && !ctx->closed && !in.answered &&
            !in.deferred) {
            avs_log(coap, WARNING,
                    "request handler left the request "
                    "unanswered: answering 5.00");
            respond_code(ctx, &in.info, TERN_COAP_CODE_INTERNAL_SERVER_ERROR,
                         NULL);
        }
    }
    if (in.info.has_block1) {
        coap_block1_done(ctx);
    }
}

int tern_coap_respond(tern_coap_incoming_t *request,
                      const tern_coap_msg_t *response) {
    if (!request || !response) {
        avs_log(coap, ERROR, "respond: request and response are required");
        return TERN_COAP_ERR_INVALID;
    }
    tern_coap_ctx_t *ctx = request->ctx;
    if (request->answered || request->deferred || ctx->delete_pending ||
        ctx->closed) {
        avs_log(coap, ERROR,
                "respond: already answered or deferred, or the context is "
                "closing");
        return TERN_COAP_ERR_STATE;
    }
    int result = coap_server_respond(ctx, &request->info, response, false);
    if (!result) {
        request->answered = true;
    }
    return result;
}

int tern_coap_defer(tern_coap_incoming_t *request, tern_coap_id_t *out_id) {
    if (!request || !out_id) {
        avs_log(coap, ERROR, "defer: request and out_id are required");
        return TERN_COAP_ERR_INVALID;
    }
    tern_coap_ctx_t *ctx = request->ctx;
    if (request->answered || request->deferred || ctx->delete_pending) {
        avs_log(coap, ERROR, "defer: already answered or deferred");
        return TERN_COAP_ERR_STATE;
    }
    coap_exch_t *exch =
            coap_exch_new(ctx, EXCH_DEFERRED, request->info.key_size);
    if (!exch) {
        return TERN_COAP_ERR_NO_MEMORY;
    }
    exch->req = request->info;
    exch->token = request->info.token;
    if (request->info.key_size) {
        memcpy(exch + 1, request->info.key, request->info.key_size);
    }
    exch->req.key = (const uint8_t *) (exch + 1);
    if (!coap_is_tcp(ctx) && request->info.type == TERN_COAP_TYPE_CON) {
        coap_server_empty_ack(ctx, request->info.msg_id, &request->info.token);
        exch->req.acked = true;
    }
    request->deferred = true;
    *out_id = exch->id;
    return 0;
}

int tern_coap_respond_deferred(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                               const tern_coap_msg_t *response) {
    if (!ctx || !response || ctx->delete_pending) {
        avs_log(coap, ERROR, "respond_deferred: invalid arguments");
        return TERN_COAP_ERR_INVALID;
    }
    if (ctx->closed) {
        avs_log(coap, ERROR, "respond_deferred: the connection ended");
        return TERN_COAP_ERR_STATE;
    }
    coap_exch_t *exch = coap_exch_find(ctx, id);
    if (!exch || exch->kind != EXCH_DEFERRED) {
        avs_log(coap, ERROR, "respond_deferred: no deferred request %u",
                (unsigned) id);
        return TERN_COAP_ERR_NOT_FOUND;
    }
    coap_enter(ctx);
    int result = coap_server_respond(ctx, &exch->req, response, false);
    if (!result && (exch = coap_exch_find(ctx, id))) {
        coap_exch_free(ctx, exch);
    }
    coap_leave(ctx);
    return result;
}

int tern_coap_observe_accept(tern_coap_incoming_t *request,
                             tern_coap_observe_handler_t *handler, void *arg,
                             tern_coap_id_t *out_id) {
    if (!request || !out_id) {
        avs_log(coap, ERROR, "observe_accept: request and out_id are required");
        return TERN_COAP_ERR_INVALID;
    }
    tern_coap_ctx_t *ctx = request->ctx;
    if (!request->info.observe_register || request->info.observe ||
        request->answered || request->deferred || ctx->delete_pending) {
        avs_log(coap, ERROR,
                "observe_accept: not a registration, or already answered");
        return TERN_COAP_ERR_STATE;
    }
    coap_exch_t *obs = coap_exch_new(ctx, EXCH_OBSERVE, request->info.key_size);
    if (!obs) {
        return TERN_COAP_ERR_NO_MEMORY;
    }
    obs->token = request->info.token;
    obs->code = request->info.code;
    obs->observe_handler = handler;
    obs->observe_arg = arg;
    obs->observe_key = (uint8_t *) (obs + 1);
    obs->observe_key_size = request->info.key_size;
    if (request->info.key_size) {
        memcpy(obs->observe_key, request->info.key, request->info.key_size);
    }
    request->info.observe = obs->id;
    *out_id = obs->id;
    return 0;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "coap_ctx.h"

#define DEFAULT_BUFFER_SIZE 4096
#define DEFAULT_MAX_REASSEMBLY 65536
#define DEFAULT_TCP_REQUEST_TIMEOUT_S 30
/* Bounds the work of one tern_coap_handle_incoming() call when a socket
 * never runs dry, so that the caller's loop keeps running. */
#define MAX_RECEIVES_PER_CALL 64

bool coap_is_tcp(const tern_coap_ctx_t *ctx) {
    return ctx->transport == TERN_COAP_TRANSPORT_TCP;
}

tern_coap_id_t coap_next_id(tern_coap_ctx_t *ctx) {
    if (++ctx->last_id == 0) {
        ++ctx->last_id;
    }
    return ctx->last_id;
}

uint16_t coap_next_msg_id(tern_coap_ctx_t *ctx) {
    return ++ctx->last_msg_id;
}

int coap_random_token(tern_coap_ctx_t *ctx, tern_coap_token_t *out) {
    out->size = TERN_COAP_MAX_TOKEN_SIZE;
    if (avs_crypto_prng_bytes(ctx->prng, out->bytes, out->size)) {
        avs_log(coap, ERROR, "cannot generate a token: PRNG failure");
        return TERN_COAP_ERR_STATE;
    }
    return 0;
}

int coap_send_raw(tern_coap_ctx_t *ctx, const uint8_t *data, size_t size) {
    avs_error_t err = avs_net_socket_send(ctx->socket, data, size);
    if (avs_is_err(err)) {
        char why[64];
        avs_log(coap, ERROR, "send of %u bytes failed: %s", (unsigned) size,
                avs_error_describe(err, why, sizeof(why)));
        return TERN_COAP_ERR_NETWORK;
    }
    ++ctx->stats.outgoing_messages;
    return 0;
}

int coap_send_msg(tern_coap_ctx_t *ctx, const tern_coap_msg_t *msg,
                  size_t *out_size) {
    size_t size;
    int result = coap_is_tcp(ctx)
                         ? tern_coap_tcp_serialize(msg, ctx->out_buf,
                                                   ctx->out_cap, &size)
                         : tern_coap_udp_serialize(msg, ctx->out_buf,
                                                   ctx->out_cap, &size);
    if (result) {
        avs_log(coap, ERROR, "cannot encode a %u.%02u message: %s",
                TERN_COAP_CODE_CLASS(msg->code),
                TERN_COAP_CODE_DETAIL(msg->code), tern_coap_strerror(result));
        return result;
    }
    if (out_size) {
        *out_size = size;
    }
    return coap_send_raw(ctx, ctx->out_buf, size);
}

size_t coap_max_out_message(tern_coap_ctx_t *ctx) {
    size_t limit = ctx->out_cap;
    if (coap_is_tcp(ctx)) {
        return limit < ctx->peer_max_message_size ? limit
                                                  : ctx->peer_max_message_size;
    }
    avs_net_socket_opt_value_t mtu;
    /* An unknown MTU is not an error: the buffer size is then the limit. */
    if (avs_is_ok(avs_net_socket_get_opt(ctx->socket,
                                         AVS_NET_SOCKET_OPT_INNER_MTU, &mtu)) &&
        mtu.mtu > 0 && (size_t) mtu.mtu < limit) {
        limit = (size_t) mtu.mtu;
    }
    return limit;
}

size_t coap_max_payload(tern_coap_ctx_t *ctx, size_t opts_size) {
    size_t limit = coap_max_out_message(ctx);
    size_t overhead = COAP_MAX_HEADER_SIZE + opts_size + 1;
    return limit > overhead ? limit - overhead : 0;
}

static void timer_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_coap_ctx_t *ctx = *(tern_coap_ctx_t *const *) data;
    coap_enter(ctx);
    avs_time_monotonic_t now = avs_time_monotonic_now();
    /* Restart the search after each step: the step may run handlers that
     * add or remove exchanges. Every step moves the exchange's deadline
     * into the future or removes the exchange, so this ends. */
    while (!ctx->delete_pending) {
        coap_exch_t *due = NULL;
        coap_exch_t *exch;
        AVS_LIST_FOREACH(exch, ctx->exchanges) {
            if (avs_time_monotonic_valid(exch->deadline) &&
                !avs_time_monotonic_before(now, exch->deadline)) {
                due = exch;
                break;
            }
        }
        if (!due) {
            break;
        }
        coap_tx_timeout(ctx, due);
    }
    coap_leave(ctx);
}

void coap_timer_update(tern_coap_ctx_t *ctx) {
    avs_time_monotonic_t earliest = AVS_TIME_MONOTONIC_INVALID;
    coap_exch_t *exch;
    AVS_LIST_FOREACH(exch, ctx->exchanges) {
        if (avs_time_monotonic_valid(exch->deadline) &&
            (!avs_time_monotonic_valid(earliest) ||
             avs_time_monotonic_before(exch->deadline, earliest))) {
            earliest = exch->deadline;
        }
    }
    if (!avs_time_monotonic_valid(earliest)) {
        avs_sched_del(&ctx->timer);
        return;
    }
    if (ctx->timer) {
        if (avs_time_monotonic_equal(avs_sched_time(&ctx->timer), earliest) ||
            !AVS_RESCHED_AT(&ctx->timer, earliest)) {
            return;
        }
    }
    if (AVS_SCHED_AT(ctx->sched, &ctx->timer, earliest, timer_job, &ctx,
                     sizeof(ctx))) {
        avs_log(coap, ERROR, "cannot schedule the retransmission timer");
    }
}

static void destroy(tern_coap_ctx_t *ctx) {
    /* Handlers called from here may call back; depth keeps coap_leave()
     * from destroying twice and delete_pending makes the API refuse. */
    ++ctx->depth;
    while (ctx->exchanges) {
        coap_exch_t *exch = ctx->exchanges;
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
    }
    avs_sched_del(&ctx->timer);
    coap_block_cleanup(ctx);
    coap_udp_cache_cleanup(&ctx->cache);
    avs_free(ctx->in_buf);
    avs_free(ctx->out_buf);
    avs_free(ctx->opts_buf);
    avs_free(ctx->key_buf);
    avs_free(ctx);
}

void coap_enter(tern_coap_ctx_t *ctx) {
    ++ctx->depth;
}

bool coap_leave(tern_coap_ctx_t *ctx) {
    if (--ctx->depth == 0) {
        if (ctx->delete_pending) {
            destroy(ctx);
            return true;
        }
        coap_timer_update(ctx);
    }
    return false;
}

void coap_fail_everything(tern_coap_ctx_t *ctx) {
    while (ctx->exchanges && !ctx->delete_pending) {
        coap_exch_t *exch = ctx->exchanges;
        switch (exch->kind) {
            case EXCH_REQUEST:
            case EXCH_PING:
                coap_exch_finish(ctx, exch, TERN_COAP_RESULT_FAILED, NULL);
                break;
            case EXCH_OBSERVE:
                coap_observe_end(ctx, exch, TERN_COAP_OBSERVE_CLOSED);
                break;
            default:
                coap_exch_free(ctx, exch);
                break;
        }
    }
}

/* Identifies the peer for the duplicate cache. */
static uint32_t peer_hash(avs_net_socket_t *socket) {
    char host[64] = "";
    char port[16] = "";
    uint32_t hash = 2166136261u;
    avs_net_socket_get_remote_host(socket, host, sizeof(host));
    avs_net_socket_get_remote_port(socket, port, sizeof(port));
    for (const char *s = host; *s; ++s) {
        hash = (hash ^ (uint8_t) *s) * 16777619u;
    }
    hash = (hash ^ ':') * 16777619u;
    for (const char *s = port; *s; ++s) {
        hash = (hash ^ (uint8_t) *s) * 16777619u;
    }
    return hash;
}

tern_coap_ctx_t *tern_coap_ctx_new(avs_net_socket_t *socket,
                                   const tern_coap_config_t *config) {
    const char *problem = NULL;
    if (!socket || !config || !config->sched || !config->prng) {
        avs_log(coap, ERROR,
                "socket, configuration, scheduler and PRNG are "
                "required");
        return NULL;
    }
    if (config->transport != TERN_COAP_TRANSPORT_UDP &&
        config->transport != TERN_COAP_TRANSPORT_TCP) {
        avs_log(coap, ERROR, "unknown transport %d", (int) config->transport);
        return NULL;
    }
    if (config->udp_tx_params &&
        !avs_coap_udp_tx_params_valid(config->udp_tx_params, &problem)) {
        avs_log(coap, ERROR, "invalid UDP transmission parameters: %s",
                problem);
        return NULL;
    }
    tern_coap_ctx_t *ctx = (tern_coap_ctx_t *) avs_calloc(1, sizeof(*ctx));
    if (!ctx) {
        avs_log(coap, ERROR, "out of memory for a context");
        return NULL;
    }
    ctx->transport = config->transport;
    ctx->socket = socket;
    ctx->sched = config->sched;
    ctx->prng = config->prng;
    ctx->tx_params = config->udp_tx_params ? *config->udp_tx_params
                                           : AVS_COAP_DEFAULT_UDP_TX_PARAMS;
    ctx->exchange_lifetime = avs_coap_udp_exchange_lifetime(&ctx->tx_params);
    ctx->tcp_request_timeout = config->tcp_request_timeout;
    if (!avs_time_duration_valid(ctx->tcp_request_timeout) ||
        !avs_time_duration_less(AVS_TIME_DURATION_ZERO,
                                ctx->tcp_request_timeout)) {
        ctx->tcp_request_timeout = avs_time_duration_from_scalar(
                DEFAULT_TCP_REQUEST_TIMEOUT_S, AVS_TIME_S);
    }
    ctx->request_handler = config->request_handler;
    ctx->request_handler_arg = config->request_handler_arg;
    ctx->max_reassembly = config->max_reassembly_size
                                  ? config->max_reassembly_size
                                  : DEFAULT_MAX_REASSEMBLY;
    ctx->in_cap = config->in_buffer_size ? config->in_buffer_size
                                         : DEFAULT_BUFFER_SIZE;
    ctx->out_cap = config->out_buffer_size ? config->out_buffer_size
                                           : DEFAULT_BUFFER_SIZE;
    ctx->opts_cap = ctx->out_cap;
    ctx->key_cap = ctx->in_cap;
    ctx->peer_max_message_size = COAP_TCP_DEFAULT_MAX_MESSAGE_SIZE;
    if (ctx->in_cap < 64 || ctx->out_cap < 64) {
        avs_log(coap, ERROR, "buffers of at least 64 bytes are required");
        avs_free(ctx);
        return NULL;
    }
    ctx->in_buf = (uint8_t *) avs_malloc(ctx->in_cap);
    ctx->out_buf = (uint8_t *) avs_malloc(ctx->out_cap);
    ctx->opts_buf = (uint8_t *) avs_malloc(ctx->opts_cap);
    ctx->key_buf = (uint8_t *) avs_malloc(ctx->key_cap);
    if (!ctx->in_buf || !ctx->out_buf || !ctx->opts_buf || !ctx->key_buf ||
        (!coap_is_tcp(ctx) &&
         coap_udp_cache_init(&ctx->cache, config->msg_cache_size))) {
        avs_log(coap, ERROR, "out of memory for the context's buffers");
        destroy(ctx);
        return NULL;
    }
    uint8_t seed[2];
    if (avs_crypto_prng_bytes(ctx->prng, seed, sizeof(seed))) {
        avs_log(coap, ERROR, "cannot seed message IDs: PRNG failure");
        destroy(ctx);
        return NULL;
    }
    ctx->last_msg_id = (uint16_t) ((seed[0] << 8) | seed[1]);
    if (!coap_is_tcp(ctx)) {
        ctx->peer_hash = peer_hash(socket);
    } else if (coap_tcp_send_csm(ctx)) {
        destroy(ctx);
        return NULL;
    }
    return ctx;
}

void tern_coap_ctx_delete(tern_coap_ctx_t **ctx_ptr) {
    if (!ctx_ptr || !*ctx_ptr) {
        return;
    }
    tern_coap_ctx_t *ctx = *ctx_ptr;
    *ctx_ptr = NULL;
    if (ctx->delete_pending) {
        return;
    }
    /* The socket is only known to be alive now: the owner may close it as
     * soon as this returns, even when the context outlives the call. */
    if (coap_is_tcp(ctx) && !ctx->closed) {
        coap_tcp_release(ctx);
    }
    ctx->delete_pending = true;
    if (!ctx->depth) {
        destroy(ctx);
    }
}

avs_net_socket_t *tern_coap_ctx_socket(tern_coap_ctx_t *ctx) {
    return ctx ? ctx->socket : NULL;
}

int tern_coap_ctx_set_udp_tx_params(tern_coap_ctx_t *ctx,
                                    const avs_coap_udp_tx_params_t *tx_params) {
    const char *problem = NULL;
    if (!ctx || ctx->delete_pending) {
        return TERN_COAP_ERR_INVALID;
    }
    if (!avs_coap_udp_tx_params_valid(tx_params, &problem)) {
        avs_log(coap, ERROR, "invalid UDP transmission parameters: %s",
                problem);
        return TERN_COAP_ERR_INVALID;
    }
    ctx->tx_params = *tx_params;
    ctx->exchange_lifetime = avs_coap_udp_exchange_lifetime(&ctx->tx_params);
    /* A larger NSTART frees slots for messages already queued. */
    coap_enter(ctx);
    coap_tx_pump(ctx);
    coap_leave(ctx);
    return 0;
}

int tern_coap_ctx_set_request_timeout(tern_coap_ctx_t *ctx,
                                      avs_time_duration_t timeout) {
    if (!ctx || ctx->delete_pending || !coap_is_tcp(ctx) ||
        !avs_time_duration_valid(timeout) ||
        !avs_time_duration_less(AVS_TIME_DURATION_ZERO, timeout)) {
        return TERN_COAP_ERR_INVALID;
    }
    ctx->tcp_request_timeout = timeout;
    return 0;
}

int tern_coap_ctx_get_stats(const tern_coap_ctx_t *ctx,
                            tern_coap_stats_t *out) {
    if (!ctx || !out) {
        return TERN_COAP_ERR_INVALID;
    }
    *out = ctx->stats;
    return 0;
}

avs_error_t tern_coap_handle_incoming(tern_coap_ctx_t *ctx) {
    if (!ctx || ctx->delete_pending) {
        return avs_errno(AVS_EBADF);
    }
    if (ctx->closed) {
        return avs_errno(AVS_ECONNRESET);
    }
    char why[64];
    avs_net_socket_opt_value_t saved_timeout;
    avs_net_socket_opt_value_t zero;
    avs_error_t err = avs_net_socket_get_opt(
            ctx->socket, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, &saved_timeout);
    if (avs_is_ok(err)) {
        zero.recv_timeout = AVS_TIME_DURATION_ZERO;
        err = avs_net_socket_set_opt(ctx->socket,
                                     AVS_NET_SOCKET_OPT_RECV_TIMEOUT, zero);
    }
    if (avs_is_err(err)) {
        avs_log(coap, ERROR,
                "cannot switch the socket to non-blocking "
                "receive: %s",
                avs_error_describe(err, why, sizeof(why)));
        return err;
    }
    coap_enter(ctx);
    if (!coap_is_tcp(ctx) && ctx->cache.capacity) {
        ctx->peer_hash = peer_hash(ctx->socket);
    }
    avs_error_t result = AVS_OK;
    for (unsigned i = 0; i < MAX_RECEIVES_PER_CALL; ++i) {
        bool more = false;
        err = coap_is_tcp(ctx) ? coap_tcp_receive(ctx, &more)
                               : coap_udp_receive(ctx, &more);
        if (avs_is_err(err)) {
            if (err.category != AVS_ERRNO_CATEGORY ||
                err.code != AVS_ETIMEDOUT) {
                result = err;
            }
            break;
        }
        if (ctx->delete_pending || ctx->closed) {
            break;
        }
        avs_net_socket_opt_value_t buffered;
        if (!more &&
            avs_is_ok(avs_net_socket_get_opt(ctx->socket,
                                             AVS_NET_SOCKET_HAS_BUFFERED_DATA,
                                             &buffered)) &&
            !buffered.flag) {
            break;
        }
    }
    if (!ctx->delete_pending) {
        err = avs_net_socket_set_opt(
                ctx->socket, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, saved_timeout);
        if (avs_is_err(err)) {
            avs_log(coap, ERROR, "cannot restore the receive timeout: %s",
                    avs_error_describe(err, why, sizeof(why)));
            if (avs_is_ok(result)) {
                result = err;
            }
        }
        if (ctx->closed && avs_is_ok(result)) {
            result = avs_errno(AVS_ECONNRESET);
        }
    }
    coap_leave(ctx);
    return result;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoAP over TCP (RFC 8323) against a hand-driven peer on an in-memory
 * stream: CSM exchange, framing across partial receives, Ping/Pong,
 * Release, Abort, oversized frames, request timeouts. */

#include <stdlib.h>

#include "coap_test_util.h"

static uint8_t g_buf[8192];
static uint8_t g_wire[8192];

/* Pops one frame the context sent (test sockets keep sends apart). */
static bool pop_tcp(avs_net_socket_t *socket, tern_coap_msg_t *out) {
    size_t n = test_socket_pop_sent(socket, g_buf, sizeof(g_buf));
    return n && tern_coap_tcp_parse(out, g_buf, n, NULL) == 0;
}

static void inject_csm(env_t *env, uint32_t max_message_size) {
    uint8_t opts_buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    if (max_message_size) {
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_MAX_MESSAGE_SIZE,
                                max_message_size);
    }
    size_t n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_CSM, NULL, &opts,
                       NULL, 0);
    test_socket_inject(env->socket, g_wire, n);
}

static int post(env_t *env, size_t payload_size, outcome_t *out) {
    static uint8_t payload[4096];
    memset(payload, 'p', sizeof(payload));
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_POST;
    req.payload = payload;
    req.payload_size = payload_size;
    return tern_coap_send_request(env->ctx, &req, record_response, out, NULL);
}

static void test_csm_then_request(void) {
    env_t env;
    tern_coap_config_t config = {.in_buffer_size = 2000};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_CSM);
    uint32_t mms;
    TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_MAX_MESSAGE_SIZE, &mms),
          0);
    TT_EQ(mms, 2000);
    TT_CHECK(tern_coap_msg_has_opt(&msg, TERN_COAP_OPT_BLOCK_WISE_TRANSFER));
    outcome_t out = {0};
    TT_EQ(post(&env, 10, &out), 0);
    /* waits for the peer's CSM */
    TT_EQ(test_socket_sent_count(env.socket), 0);
    inject_csm(&env, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_POST);
    TT_EQ(msg.payload_size, 10);
    /* the response arrives one byte per receive, glued to a Ping */
    size_t n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_CHANGED,
                       &msg.token, NULL, "done", 4);
    tern_coap_token_t ping_token = {3, {7, 8, 9}};
    n += tcp_msg(g_wire + n, sizeof(g_wire) - n, TERN_COAP_CODE_PING,
                 &ping_token, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    test_socket_set_chunk(env.socket, 1);
    for (size_t i = 0; i < n && out.calls == 0; ++i) {
        TT_OK(tern_coap_handle_incoming(env.ctx));
    }
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_EQ(out.code, TERN_COAP_CODE_CHANGED);
    TT_EQ(out.payload_size, 4);
    /* the Ping was answered */
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_PONG);
    TT_CHECK(tern_coap_token_equal(&msg.token, &ping_token));
    env_cleanup(&env);
}

static void test_peer_max_message_size(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    inject_csm(&env, 128);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    outcome_t out = {0};
    TT_EQ(post(&env, 300, &out), 0);
    size_t total = 0;
    for (int i = 0; i < 10 && out.calls == 0; ++i) {
        size_t n = test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf));
        TT_CHECK(n > 0 && n <= 128);
        TT_EQ(tern_coap_tcp_parse(&msg, g_buf, n, NULL), 0);
        tern_coap_block_t block;
        TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK1, true, &block),
              0);
        total += msg.payload_size;
        uint8_t opts_buf[8];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1, &block);
        n = tcp_msg(g_wire, sizeof(g_wire),
                    block.more ? TERN_COAP_CODE_CONTINUE
                               : TERN_COAP_CODE_CHANGED,
                    &msg.token, &opts, NULL, 0);
        test_socket_inject(env.socket, g_wire, n);
        TT_OK(tern_coap_handle_incoming(env.ctx));
    }
    TT_EQ(total, 300);
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    env_cleanup(&env);
}

static void test_ping(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    inject_csm(&env, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    outcome_t pong = {0};
    TT_EQ(tern_coap_ping(env.ctx, record_response, &pong, NULL), 0);
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_PING);
    size_t n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_PONG, &msg.token,
                       NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(pong.calls, 1);
    TT_EQ(pong.result, TERN_COAP_RESULT_OK);
    TT_EQ(pong.code, TERN_COAP_CODE_PONG);
    env_cleanup(&env);
}

static void test_release_and_abort(void) {
    for (int variant = 0; variant < 4; ++variant) {
        env_t env;
        tern_coap_config_t config = {0};
        env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
        tern_coap_msg_t msg;
        TT_CHECK(pop_tcp(env.socket, &msg));
        outcome_t out = {0};
        TT_EQ(post(&env, 1, &out), 0);
        size_t n = 0;
        switch (variant) {
            case 0: /* Release */
                inject_csm(&env, 0);
                n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_RELEASE,
                            NULL, NULL, NULL, 0);
                break;
            case 1: /* Abort with a diagnostic */
                inject_csm(&env, 0);
                n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_ABORT, NULL,
                            NULL, "bye", 3);
                break;
            case 2: /* a request before the CSM: we abort */
                n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_GET, NULL,
                            NULL, NULL, 0);
                break;
            default: /* the peer closes the stream */
                test_socket_set_eof(env.socket);
                break;
        }
        if (n) {
            test_socket_inject(env.socket, g_wire, n);
        }
        avs_error_t err = tern_coap_handle_incoming(env.ctx);
        TT_ERRNO(err, AVS_ECONNRESET);
        TT_EQ(out.calls, 1);
        TT_EQ(out.result, TERN_COAP_RESULT_FAILED);
        if (variant == 2) {
            TT_CHECK(pop_tcp(env.socket, &msg));
            TT_EQ(msg.code, TERN_COAP_CODE_ABORT);
        }
        TT_EQ(post(&env, 1, &out), TERN_COAP_ERR_STATE);
        TT_ERRNO(tern_coap_handle_incoming(env.ctx), AVS_ECONNRESET);
        env_cleanup(&env);
    }
}

static void test_bad_csm_option(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    uint8_t opts_buf[8];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_empty(&opts, 9);
    size_t n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_CSM, NULL, &opts,
                       NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_ERRNO(tern_coap_handle_incoming(env.ctx), AVS_ECONNRESET);
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_ABORT);
    uint32_t bad;
    TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_BAD_CSM_OPTION, &bad), 0);
    TT_EQ(bad, 9);
    env_cleanup(&env);
}

typedef struct {
    int calls;
} counter_t;

static void answer_ok(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                      const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    (void) msg;
    ++((counter_t *) arg)->calls;
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    tern_coap_respond(request, &response);
}

static void test_oversized_frame(void) {
    env_t env;
    counter_t counter = {0};
    tern_coap_config_t config = {.in_buffer_size = 256,
                                 .request_handler = answer_ok,
                                 .request_handler_arg = &counter};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    inject_csm(&env, 0);
    static uint8_t big[3000];
    memset(big, 'z', sizeof(big));
    tern_coap_token_t t1 = {1, {1}};
    tern_coap_token_t t2 = {1, {2}};
    size_t n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_PUT, &t1, NULL,
                       big, sizeof(big));
    n += tcp_msg(g_wire + n, sizeof(g_wire) - n, TERN_COAP_CODE_GET, &t2, NULL,
                 NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    for (int i = 0; i < 40; ++i) {
        TT_OK(tern_coap_handle_incoming(env.ctx));
    }
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE);
    TT_CHECK(tern_coap_token_equal(&msg.token, &t1));
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_CONTENT);
    TT_CHECK(tern_coap_token_equal(&msg.token, &t2));
    TT_EQ(counter.calls, 1);
    env_cleanup(&env);
}

static void test_timeouts(void) {
    env_t env;
    tern_coap_config_t config = {.tcp_request_timeout = {0, 200000000}};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    /* no CSM ever: the queued request times out */
    outcome_t out = {0};
    TT_EQ(post(&env, 1, &out), 0);
    run_for(env.sched, 150);
    TT_EQ(out.calls, 0);
    run_for(env.sched, 100);
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_TIMEOUT);
    /* with the CSM, a request without a response times out too */
    inject_csm(&env, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    outcome_t second = {0};
    TT_EQ(post(&env, 1, &second), 0);
    TT_CHECK(pop_tcp(env.socket, &msg));
    run_for(env.sched, 260);
    TT_EQ(second.calls, 1);
    TT_EQ(second.result, TERN_COAP_RESULT_TIMEOUT);
    /* deleting sends a Release */
    tern_coap_ctx_delete(&env.ctx);
    TT_CHECK(pop_tcp(env.socket, &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_RELEASE);
    env_cleanup(&env);
}

/* Milliseconds from @p start until @p out gets its outcome (bounded). */
static int64_t ms_until_outcome(env_t *env, outcome_t *out,
                                avs_time_monotonic_t start) {
    int64_t ms = 0;
    while (out->calls == 0 && ms < 2000) {
        run_for(env->sched, 5);
        avs_time_duration_to_scalar(
                &ms, AVS_TIME_MS,
                avs_time_monotonic_diff(avs_time_monotonic_now(), start));
    }
    return ms;
}

static void test_request_timeout_update(void) {
    env_t env;
    tern_coap_config_t config = {.tcp_request_timeout = {1, 0}};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    tern_coap_msg_t msg;
    TT_CHECK(pop_tcp(env.socket, &msg));
    inject_csm(&env, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(tern_coap_ctx_set_request_timeout(env.ctx, AVS_TIME_DURATION_ZERO),
          TERN_COAP_ERR_INVALID);
    TT_EQ(tern_coap_ctx_set_request_timeout(env.ctx, AVS_TIME_DURATION_INVALID),
          TERN_COAP_ERR_INVALID);
    /* A request already sent keeps the timeout it started with... */
    outcome_t before = {0};
    avs_time_monotonic_t start = avs_time_monotonic_now();
    TT_EQ(post(&env, 1, &before), 0);
    TT_EQ(tern_coap_ctx_set_request_timeout(
                  env.ctx, avs_time_duration_from_scalar(100, AVS_TIME_MS)),
          0);
    /* ...and later ones get the new one. */
    outcome_t after = {0};
    TT_EQ(post(&env, 1, &after), 0);
    int64_t ms = ms_until_outcome(&env, &after, start);
    TT_EQ(after.result, TERN_COAP_RESULT_TIMEOUT);
    TT_CHECK(ms >= 95 && ms < 600);
    TT_EQ(before.calls, 0);
    ms = ms_until_outcome(&env, &before, start);
    TT_EQ(before.result, TERN_COAP_RESULT_TIMEOUT);
    TT_CHECK(ms >= 990 && ms < 1500);

    /* Frames are counted both ways; TCP never retransmits. CSM, two POSTs
     * out; the peer's CSM in. */
    tern_coap_stats_t stats;
    TT_EQ(tern_coap_ctx_get_stats(env.ctx, &stats), 0);
    TT_EQ(stats.outgoing_messages, 3);
    TT_EQ(stats.incoming_messages, 1);
    TT_EQ(stats.outgoing_retransmissions, 0);
    TT_EQ(stats.incoming_retransmissions, 0);
    TT_EQ(tern_coap_ctx_get_stats(env.ctx, NULL), TERN_COAP_ERR_INVALID);
    env_cleanup(&env);

    /* UDP has no such timeout. */
    tern_coap_config_t udp_config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &udp_config);
    TT_EQ(tern_coap_ctx_set_request_timeout(
                  env.ctx, avs_time_duration_from_scalar(1, AVS_TIME_S)),
          TERN_COAP_ERR_INVALID);
    env_cleanup(&env);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_QUIET);
    TT_RUN(test_csm_then_request);
    TT_RUN(test_peer_max_message_size);
    TT_RUN(test_ping);
    TT_RUN(test_release_and_abort);
    TT_RUN(test_bad_csm_option);
    TT_RUN(test_oversized_frame);
    TT_RUN(test_timeouts);
    TT_RUN(test_request_timeout_update);
    return TT_SUMMARY();
}

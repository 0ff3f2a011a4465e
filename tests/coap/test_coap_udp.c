/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* The UDP transport against a hand-driven peer on an in-memory socket:
 * confirmable retransmission, piggybacked and separate responses, Reset,
 * NSTART, duplicates, pings, oversized datagrams, No-Response. */

#include <stdlib.h>

#include "coap_test_util.h"

static uint8_t g_buf[4096];
static uint8_t g_wire[4096];

static int send_get(env_t *env, const char *path, outcome_t *out,
                    tern_coap_id_t *id) {
    uint8_t opts_buf[64];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, path);
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_GET;
    tern_coap_msg_set_opts(&req, &opts);
    return tern_coap_send_request(env->ctx, &req, record_response, out, id);
}

static void test_piggybacked_response(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    TT_CHECK(env.ctx);
    outcome_t out = {0};
    tern_coap_id_t id = 0;
    TT_EQ(send_get(&env, "/3/0/0", &out, &id), 0);
    TT_CHECK(id != 0);
    tern_coap_msg_t sent;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    TT_EQ(sent.type, TERN_COAP_TYPE_CON);
    TT_EQ(sent.code, TERN_COAP_CODE_GET);
    TT_EQ(sent.token.size, 8);
    char seg[8];
    TT_EQ(tern_coap_msg_get_string(&sent, TERN_COAP_OPT_URI_PATH, seg,
                                   sizeof(seg)),
          0);
    TT_STREQ(seg, "3");

    /* A stranger's ACK changes nothing. */
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_ACK,
                       TERN_COAP_CODE_CONTENT, (uint16_t) (sent.msg_id + 1),
                       &sent.token, NULL, "x", 1);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(out.calls, 0);

    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_ACK,
                TERN_COAP_CODE_CONTENT, sent.msg_id, &sent.token, NULL, "Tern",
                4);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_EQ(out.code, TERN_COAP_CODE_CONTENT);
    TT_EQ(out.payload_size, 4);
    TT_CHECK(!memcmp(out.payload, "Tern", 4));
    /* The receive timeout is back to what it was. */
    TT_CHECK(avs_time_duration_equal(
            test_socket_recv_timeout(env.socket),
            avs_time_duration_from_scalar(30, AVS_TIME_S)));
    /* Nothing more is retransmitted. */
    run_for(env.sched, 350);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    env_cleanup(&env);
}

static void test_separate_response(void) {
    env_t env;
    tern_coap_config_t config = {.msg_cache_size = 1024};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t out = {0};
    TT_EQ(send_get(&env, "a", &out, NULL), 0);
    tern_coap_msg_t sent;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_ACK, 0,
                       sent.msg_id, NULL, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    /* Acknowledged: no more retransmissions while the response is due. */
    run_for(env.sched, 350);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    TT_EQ(out.calls, 0);
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                TERN_COAP_CODE_CONTENT, 0x7777, &sent.token, NULL, "late", 4);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(out.calls, 1);
    TT_EQ(out.payload_size, 4);
    tern_coap_msg_t ack;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &ack));
    TT_EQ(ack.type, TERN_COAP_TYPE_ACK);
    TT_EQ(ack.code, 0);
    TT_EQ(ack.msg_id, 0x7777);
    /* Our ACK got lost: the retransmitted response is acknowledged again
     * but not delivered twice. */
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(out.calls, 1);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &ack));
    TT_EQ(ack.type, TERN_COAP_TYPE_ACK);
    TT_EQ(ack.msg_id, 0x7777);
    /* An unknown confirmable response is rejected. */
    tern_coap_token_t other = {1, {9}};
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                TERN_COAP_CODE_CONTENT, 0x7778, &other, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &ack));
    TT_EQ(ack.type, TERN_COAP_TYPE_RST);
    TT_EQ(ack.msg_id, 0x7778);
    /* Out: GET, two ACKs, RST. In: Empty ACK, the response twice, the
     * stranger; the second copy of the response is a duplicate. */
    tern_coap_stats_t stats;
    TT_EQ(tern_coap_ctx_get_stats(env.ctx, &stats), 0);
    TT_EQ(stats.outgoing_messages, 4);
    TT_EQ(stats.incoming_messages, 4);
    TT_EQ(stats.incoming_retransmissions, 1);
    TT_EQ(stats.outgoing_retransmissions, 0);
    env_cleanup(&env);
}

static void test_retransmission_and_timeout(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t out = {0};
    avs_time_monotonic_t start = avs_time_monotonic_now();
    TT_EQ(send_get(&env, "a", &out, NULL), 0);
    tern_coap_msg_t first;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &first));
    uint8_t first_wire[64];
    memcpy(first_wire, g_buf, 64);
    /* 100 ms, then 200 ms, then 400 ms of waiting: 700 ms in all. */
    int transmissions = 1;
    while (out.calls == 0) {
        run_for(env.sched, 10);
        tern_coap_msg_t again;
        if (pop_udp(env.socket, g_buf, sizeof(g_buf), &again)) {
            ++transmissions;
            TT_EQ(again.msg_id, first.msg_id);
            TT_CHECK(tern_coap_token_equal(&again.token, &first.token));
        }
        TT_CHECK(avs_time_duration_less(
                avs_time_monotonic_diff(avs_time_monotonic_now(), start),
                avs_time_duration_from_scalar(2, AVS_TIME_S)));
    }
    int64_t ms;
    avs_time_duration_to_scalar(
            &ms, AVS_TIME_MS,
            avs_time_monotonic_diff(avs_time_monotonic_now(), start));
    TT_EQ(transmissions, 3);
    TT_EQ(out.result, TERN_COAP_RESULT_TIMEOUT);
    TT_CHECK(ms >= 690 && ms < 1000);
    tern_coap_stats_t stats;
    TT_EQ(tern_coap_ctx_get_stats(env.ctx, &stats), 0);
    TT_EQ(stats.outgoing_retransmissions, 2);
    TT_EQ(stats.outgoing_messages, 3);
    TT_EQ(stats.incoming_messages, 0);
    env_cleanup(&env);
}

/* Milliseconds from @p start until the next datagram goes out (bounded). */
static int64_t ms_until_sent(env_t *env, avs_time_monotonic_t start) {
    int64_t ms = 0;
    while (test_socket_sent_count(env->socket) == 0 && ms < 2000) {
        run_for(env->sched, 2);
        avs_time_duration_to_scalar(
                &ms, AVS_TIME_MS,
                avs_time_monotonic_diff(avs_time_monotonic_now(), start));
    }
    return ms;
}

static void test_tx_params_update(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    avs_coap_udp_tx_params_t bad = fast_tx();
    bad.ack_random_factor = 0.5;
    TT_EQ(tern_coap_ctx_set_udp_tx_params(env.ctx, &bad),
          TERN_COAP_ERR_INVALID);
    TT_EQ(tern_coap_ctx_set_udp_tx_params(env.ctx, NULL),
          TERN_COAP_ERR_INVALID);

    /* With the parameters of the configuration: 100 ms to the first
     * retransmission. */
    outcome_t first = {0};
    tern_coap_msg_t sent;
    avs_time_monotonic_t start = avs_time_monotonic_now();
    TT_EQ(send_get(&env, "a", &first, NULL), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    int64_t slow_ms = ms_until_sent(&env, start);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    TT_CHECK(slow_ms >= 95);

    /* New parameters: 20 ms and a single retransmission. The request in
     * flight keeps its own: 200 ms to its next retransmission. */
    avs_coap_udp_tx_params_t quick = fast_tx();
    quick.ack_timeout = avs_time_duration_from_scalar(20, AVS_TIME_MS);
    quick.max_retransmit = 1;
    quick.nstart = 2;
    TT_EQ(tern_coap_ctx_set_udp_tx_params(env.ctx, &quick), 0);
    /* NSTART 2 lets a second request go out at once. */
    outcome_t second = {0};
    start = avs_time_monotonic_now();
    TT_EQ(send_get(&env, "b", &second, NULL), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    int64_t quick_ms = ms_until_sent(&env, start);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    TT_CHECK(quick_ms >= 18 && quick_ms < 80);
    TT_CHECK(quick_ms < slow_ms);
    char seg[8];
    TT_EQ(tern_coap_msg_get_string(&sent, TERN_COAP_OPT_URI_PATH, seg,
                                   sizeof(seg)),
          0);
    TT_STREQ(seg, "b");
    /* One retransmission only: the second request gives up 20 + 40 ms
     * after it started, before the first retransmits again. */
    while (second.calls == 0 && first.calls == 0) {
        run_for(env.sched, 2);
    }
    TT_EQ(second.calls, 1);
    TT_EQ(second.result, TERN_COAP_RESULT_TIMEOUT);
    TT_EQ(first.calls, 0);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    /* The first still retransmits twice, as it started with. */
    while (first.calls == 0) {
        run_for(env.sched, 5);
    }
    TT_EQ(first.result, TERN_COAP_RESULT_TIMEOUT);
    TT_EQ(test_socket_sent_count(env.socket), 1);

    tern_coap_stats_t stats;
    TT_EQ(tern_coap_ctx_get_stats(env.ctx, &stats), 0);
    TT_EQ(stats.outgoing_retransmissions, 3);
    TT_EQ(stats.outgoing_messages, 5);
    env_cleanup(&env);
}

static void test_reset_and_nstart(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t first = {0};
    outcome_t second = {0};
    TT_EQ(send_get(&env, "one", &first, NULL), 0);
    TT_EQ(send_get(&env, "two", &second, NULL), 0);
    /* NSTART 1: the second waits. */
    TT_EQ(test_socket_sent_count(env.socket), 1);
    tern_coap_msg_t sent;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_RST, 0,
                       sent.msg_id, NULL, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(first.calls, 1);
    TT_EQ(first.result, TERN_COAP_RESULT_RESET);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &sent));
    char seg[8];
    TT_EQ(tern_coap_msg_get_string(&sent, TERN_COAP_OPT_URI_PATH, seg,
                                   sizeof(seg)),
          0);
    TT_STREQ(seg, "two");
    /* Cancelling calls the handler and frees the slot. */
    tern_coap_id_t third_id;
    outcome_t third = {0};
    TT_EQ(send_get(&env, "three", &third, &third_id), 0);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    tern_coap_cancel(env.ctx, third_id);
    TT_EQ(third.calls, 1);
    TT_EQ(third.result, TERN_COAP_RESULT_CANCELLED);
    env_cleanup(&env);
    /* Deleting the context cancels what is left. */
    TT_EQ(second.calls, 1);
    TT_EQ(second.result, TERN_COAP_RESULT_CANCELLED);
}

typedef struct {
    int calls;
    bool defer;
    tern_coap_id_t deferred;
    uint8_t code;
    size_t payload_size;
    uint8_t last_payload[64];
    const void *response_payload;
    size_t response_size;
    bool delete_ctx;
    env_t *env;
} server_t;

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    server_t *server = (server_t *) arg;
    (void) ctx;
    ++server->calls;
    server->code = msg->code;
    server->payload_size = msg->payload_size;
    if (msg->payload_size) {
        memcpy(server->last_payload, msg->payload,
               msg->payload_size < 64 ? msg->payload_size : 64);
    }
    if (server->delete_ctx) {
        tern_coap_ctx_delete(&server->env->ctx);
        return;
    }
    if (server->defer) {
        tern_coap_defer(request, &server->deferred);
        return;
    }
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    response.payload = (const uint8_t *) server->response_payload;
    response.payload_size = server->response_size;
    tern_coap_respond(request, &response);
}

static void test_server_piggybacked_and_duplicate(void) {
    env_t env;
    server_t server = {.response_payload = "hello", .response_size = 5};
    tern_coap_config_t config = {.msg_cache_size = 2048,
                                 .request_handler = serve,
                                 .request_handler_arg = &server};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {3, {1, 2, 3}};
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                       TERN_COAP_CODE_GET, 0x1234, &token, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(server.calls, 1);
    tern_coap_msg_t ack;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &ack));
    TT_EQ(ack.type, TERN_COAP_TYPE_ACK);
    TT_EQ(ack.code, TERN_COAP_CODE_CONTENT);
    TT_EQ(ack.msg_id, 0x1234);
    TT_CHECK(tern_coap_token_equal(&ack.token, &token));
    TT_EQ(ack.payload_size, 5);
    /* The duplicate gets the same bytes without a second execution. */
    uint8_t first[64];
    memcpy(first, g_buf, 64);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(server.calls, 1);
    size_t m = test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf));
    TT_CHECK(m > 0 && !memcmp(g_buf, first, m));
    /* A non-confirmable request gets a non-confirmable answer; its
     * duplicate is ignored. */
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_NON, TERN_COAP_CODE_GET,
                0x2000, &token, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &ack));
    TT_EQ(ack.type, TERN_COAP_TYPE_NON);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(server.calls, 2);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    env_cleanup(&env);
}

static void test_server_deferred(void) {
    env_t env;
    server_t server = {.defer = true};
    tern_coap_config_t config = {.msg_cache_size = 2048,
                                 .request_handler = serve,
                                 .request_handler_arg = &server};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {2, {7, 7}};
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                       TERN_COAP_CODE_POST, 0x4000, &token, NULL, "abc", 3);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(server.calls, 1);
    TT_EQ(server.payload_size, 3);
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_ACK);
    TT_EQ(msg.code, 0);
    TT_EQ(msg.msg_id, 0x4000);
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CHANGED;
    TT_EQ(tern_coap_respond_deferred(env.ctx, server.deferred, &response), 0);
    TT_EQ(tern_coap_respond_deferred(env.ctx, server.deferred, &response),
          TERN_COAP_ERR_NOT_FOUND);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_CON);
    TT_EQ(msg.code, TERN_COAP_CODE_CHANGED);
    TT_CHECK(tern_coap_token_equal(&msg.token, &token));
    uint16_t response_id = msg.msg_id;
    /* Retransmitted until acknowledged. */
    run_for(env.sched, 130);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.msg_id, response_id);
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_ACK, 0, response_id,
                NULL, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    run_for(env.sched, 400);
    TT_EQ(test_socket_sent_count(env.socket), 0);
    env_cleanup(&env);
}

static void test_server_errors(void) {
    env_t env;
    server_t server = {0};
    tern_coap_config_t config = {.in_buffer_size = 128,
                                 .request_handler = serve,
                                 .request_handler_arg = &server};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {1, {5}};
    /* unknown critical option 9 */
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_empty(&opts, 9);
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                       TERN_COAP_CODE_GET, 1, &token, &opts, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_ACK);
    TT_EQ(msg.code, TERN_COAP_CODE_BAD_OPTION);
    TT_EQ(server.calls, 0);
    /* a malformed confirmable message is rejected */
    uint8_t bad[] = {0x40, 0x01, 0x00, 0x02, 0xF1};
    test_socket_inject(env.socket, bad, sizeof(bad));
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_RST);
    TT_EQ(msg.msg_id, 2);
    /* unknown method 0.08 */
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                TERN_COAP_CODE(0, 8), 3, &token, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_METHOD_NOT_ALLOWED);
    /* ping: Empty CON is answered with Reset */
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON, 0, 4, NULL, NULL,
                NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_RST);
    TT_EQ(msg.msg_id, 4);
    /* a request larger than the 128-byte buffer: 4.13 with hints */
    static uint8_t big[400];
    memset(big, 'B', sizeof(big));
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON, TERN_COAP_CODE_PUT,
                5, &token, NULL, big, sizeof(big));
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_ACK);
    TT_EQ(msg.msg_id, 5);
    TT_EQ(msg.code, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE);
    tern_coap_block_t hint;
    TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK1, false, &hint), 0);
    TT_CHECK(tern_coap_block_size(hint.szx) <= 128);
    uint32_t size1;
    TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_SIZE1, &size1), 0);
    TT_EQ(server.calls, 0);
    /* No-Response 2 suppresses the 2.05: only an Empty ACK goes back */
    server.response_payload = "x";
    server.response_size = 1;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_NO_RESPONSE, 2);
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON, TERN_COAP_CODE_GET,
                6, &token, &opts, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(server.calls, 1);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_ACK);
    TT_EQ(msg.code, 0);
    env_cleanup(&env);
}

static void test_ping_and_delete_in_handler(void) {
    env_t env;
    server_t server = {.delete_ctx = true};
    server.env = &env;
    tern_coap_config_t config = {.request_handler = serve,
                                 .request_handler_arg = &server};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t pong = {0};
    TT_EQ(tern_coap_ping(env.ctx, record_response, &pong, NULL), 0);
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_CON);
    TT_EQ(msg.code, 0);
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_RST, 0,
                       msg.msg_id, NULL, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(pong.calls, 1);
    TT_EQ(pong.result, TERN_COAP_RESULT_OK);
    /* A request whose handler deletes the context; a pending request is
     * cancelled by that. */
    outcome_t pending = {0};
    TT_EQ(send_get(&env, "p", &pending, NULL), 0);
    tern_coap_token_t token = {1, {1}};
    n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON, TERN_COAP_CODE_GET,
                9, &token, NULL, NULL, 0);
    test_socket_inject(env.socket, g_wire, n);
    test_socket_inject(env.socket, g_wire, n);
    tern_coap_ctx_t *ctx = env.ctx;
    TT_CHECK(avs_is_err(tern_coap_handle_incoming(ctx)) || !env.ctx);
    TT_CHECK(env.ctx == NULL);
    TT_EQ(server.calls, 1);
    TT_EQ(pending.calls, 1);
    TT_EQ(pending.result, TERN_COAP_RESULT_CANCELLED);
    env_cleanup(&env);
}

static void test_send_failure(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t out = {0};
    test_socket_set_send_failure(env.socket, true);
    TT_EQ(send_get(&env, "a", &out, NULL), TERN_COAP_ERR_NETWORK);
    TT_EQ(out.calls, 0);
    test_socket_set_send_failure(env.socket, false);
    TT_EQ(send_get(&env, "a", &out, NULL), 0);
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_CONTENT;
    TT_EQ(tern_coap_send_request(env.ctx, &req, NULL, NULL, NULL),
          TERN_COAP_ERR_INVALID);
    env_cleanup(&env);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_QUIET);
    TT_RUN(test_piggybacked_response);
    TT_RUN(test_separate_response);
    TT_RUN(test_retransmission_and_timeout);
    TT_RUN(test_reset_and_nstart);
    TT_RUN(test_tx_params_update);
    TT_RUN(test_server_piggybacked_and_duplicate);
    TT_RUN(test_server_deferred);
    TT_RUN(test_server_errors);
    TT_RUN(test_ping_and_delete_in_handler);
    TT_RUN(test_send_failure);
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Observe (RFC 7641) in the server role against a hand-driven observer:
 * registration, sequence numbers, confirmable and non-confirmable
 * notifications, cancellation by Reset and by Observe = 1, timeouts,
 * block-wise notifications, TCP. */

#include <stdlib.h>

#include "coap_test_util.h"

static uint8_t g_buf[4096];
static uint8_t g_wire[512];

typedef struct {
    tern_coap_id_t id;
    int registrations;
    int gets;
    int events[4];
    tern_coap_observe_event_t last_event;
    uint8_t reply_code;
} observed_t;

static void on_event(tern_coap_ctx_t *ctx, tern_coap_id_t observation,
                     tern_coap_observe_event_t event, void *arg) {
    (void) ctx;
    observed_t *o = (observed_t *) arg;
    if (observation == o->id) {
        ++o->events[event];
        o->last_event = event;
    }
}

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    observed_t *o = (observed_t *) arg;
    ++o->gets;
    uint32_t observe;
    if (!tern_coap_msg_get_uint(msg, TERN_COAP_OPT_OBSERVE, &observe) &&
        observe == 0) {
        if (!tern_coap_observe_accept(request, on_event, o, &o->id)) {
            ++o->registrations;
        }
    }
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = o->reply_code ? o->reply_code : TERN_COAP_CODE_CONTENT;
    response.payload = (const uint8_t *) "v1";
    response.payload_size = 2;
    tern_coap_respond(request, &response);
}

static void inject_get(env_t *env, uint16_t msg_id,
                       const tern_coap_token_t *token, int observe) {
    uint8_t opts_buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "temp");
    if (observe >= 0) {
        tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_OBSERVE,
                                (uint32_t) observe);
    }
    size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                       TERN_COAP_CODE_GET, msg_id, token, &opts, NULL, 0);
    test_socket_inject(env->socket, g_wire, n);
}

static void inject_empty(env_t *env, uint8_t type, uint16_t msg_id) {
    size_t n = udp_msg(g_wire, sizeof(g_wire), type, 0, msg_id, NULL, NULL,
                       NULL, 0);
    test_socket_inject(env->socket, g_wire, n);
}

static int notify(env_t *env, tern_coap_id_t id, const char *text, bool con) {
    tern_coap_msg_t msg;
    memset(&msg, 0, sizeof(msg));
    msg.code = TERN_COAP_CODE_CONTENT;
    msg.payload = (const uint8_t *) text;
    msg.payload_size = strlen(text);
    return tern_coap_notify(env->ctx, id, &msg, con);
}

static uint32_t observe_of(const tern_coap_msg_t *msg) {
    uint32_t value = 0xFFFFFFFF;
    tern_coap_msg_get_uint(msg, TERN_COAP_OPT_OBSERVE, &value);
    return value;
}

static void test_register_and_notify(void) {
    env_t env;
    observed_t o = {0};
    tern_coap_config_t config = {.msg_cache_size = 1024,
                                 .request_handler = serve,
                                 .request_handler_arg = &o};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {4, {0xAB, 0xCD, 0xEF, 0x01}};
    inject_get(&env, 10, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.registrations, 1);
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_ACK);
    TT_EQ(msg.code, TERN_COAP_CODE_CONTENT);
    uint32_t seq = observe_of(&msg);
    TT_CHECK(seq <= 0xFFFFFF);

    /* non-confirmable by default, increasing sequence numbers */
    TT_EQ(notify(&env, o.id, "v2", false), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_NON);
    TT_CHECK(tern_coap_token_equal(&msg.token, &token));
    TT_CHECK(observe_of(&msg) > seq);
    seq = observe_of(&msg);
    TT_EQ(msg.payload_size, 2);
    TT_CHECK(!memcmp(msg.payload, "v2", 2));

    /* confirmable on request; the ACK is reported */
    TT_EQ(notify(&env, o.id, "v3", true), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.type, TERN_COAP_TYPE_CON);
    TT_CHECK(observe_of(&msg) > seq);
    inject_empty(&env, TERN_COAP_TYPE_ACK, msg.msg_id);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.events[TERN_COAP_OBSERVE_DELIVERED], 1);

    /* a newer confirmable notification replaces one not yet acknowledged */
    TT_EQ(notify(&env, o.id, "v4", true), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    uint16_t old_id = msg.msg_id;
    TT_EQ(notify(&env, o.id, "v5", true), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_CHECK(msg.msg_id != old_id);
    TT_CHECK(!memcmp(msg.payload, "v5", 2));
    run_for(env.sched, 130);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_CHECK(!memcmp(msg.payload, "v5", 2));
    TT_EQ(test_socket_sent_count(env.socket), 0);
    inject_empty(&env, TERN_COAP_TYPE_ACK, msg.msg_id);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.events[TERN_COAP_OBSERVE_DELIVERED], 2);

    /* Reset to a non-confirmable notification cancels */
    TT_EQ(notify(&env, o.id, "v6", false), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    inject_empty(&env, TERN_COAP_TYPE_RST, msg.msg_id);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.events[TERN_COAP_OBSERVE_CANCELLED], 1);
    TT_EQ(notify(&env, o.id, "v7", false), TERN_COAP_ERR_NOT_FOUND);
    env_cleanup(&env);
}

static void test_deregister_and_timeout(void) {
    env_t env;
    observed_t o = {0};
    tern_coap_config_t config = {.request_handler = serve,
                                 .request_handler_arg = &o};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {2, {1, 2}};
    inject_get(&env, 20, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    /* GET with Observe = 1: cancelled, answered as a plain GET */
    inject_get(&env, 21, &token, 1);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.events[TERN_COAP_OBSERVE_CANCELLED], 1);
    TT_EQ(o.gets, 2);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_CONTENT);
    TT_CHECK(!tern_coap_msg_has_opt(&msg, TERN_COAP_OPT_OBSERVE));

    /* register again; a confirmable notification never acknowledged
     * drops the observation */
    inject_get(&env, 22, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(notify(&env, o.id, "c", true), 0);
    run_for(env.sched, 900);
    TT_EQ(test_socket_sent_count(env.socket), 3);
    TT_EQ(o.events[TERN_COAP_OBSERVE_TIMEOUT], 1);
    TT_EQ(notify(&env, o.id, "d", false), TERN_COAP_ERR_NOT_FOUND);
    while (test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf))) {
    }

    /* an error code ends it */
    inject_get(&env, 23, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    tern_coap_msg_t gone;
    memset(&gone, 0, sizeof(gone));
    gone.code = TERN_COAP_CODE_NOT_FOUND;
    TT_EQ(tern_coap_notify(env.ctx, o.id, &gone, false), 0);
    TT_EQ(o.events[TERN_COAP_OBSERVE_CLOSED], 1);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_EQ(msg.code, TERN_COAP_CODE_NOT_FOUND);

    /* a registration answered with an error never starts */
    o.reply_code = TERN_COAP_CODE_NOT_FOUND;
    inject_get(&env, 24, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    TT_CHECK(!tern_coap_msg_has_opt(&msg, TERN_COAP_OPT_OBSERVE));
    TT_EQ(o.events[TERN_COAP_OBSERVE_CLOSED], 2);
    env_cleanup(&env);
}

static void test_blockwise_notification(void) {
    env_t env;
    observed_t o = {0};
    tern_coap_config_t config = {.in_buffer_size = 512,
                                 .out_buffer_size = 512,
                                 .request_handler = serve,
                                 .request_handler_arg = &o};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {1, {9}};
    inject_get(&env, 30, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    tern_coap_msg_t msg;
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    static char big[1500];
    memset(big, 'n', sizeof(big) - 1);
    big[0] = 'N';
    TT_EQ(notify(&env, o.id, big, false), 0);
    TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
    tern_coap_block_t block;
    TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK2, false, &block),
          0);
    TT_EQ(block.num, 0);
    TT_CHECK(block.more);
    TT_CHECK(tern_coap_msg_has_opt(&msg, TERN_COAP_OPT_OBSERVE));
    size_t received = msg.payload_size;
    /* The observer fetches the rest with plain GETs (new tokens, no
     * Observe); the handler is not asked again. */
    int gets_before = o.gets;
    for (uint32_t num = 1; received < sizeof(big) - 1; ++num) {
        uint8_t opts_buf[16];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_opts_add_path(&opts, "temp");
        tern_coap_block_t b2 = {num, false, block.szx};
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &b2);
        tern_coap_token_t next = {1, {(uint8_t) (10 + num)}};
        size_t n = udp_msg(g_wire, sizeof(g_wire), TERN_COAP_TYPE_CON,
                           TERN_COAP_CODE_GET, (uint16_t) (40 + num), &next,
                           &opts, NULL, 0);
        test_socket_inject(env.socket, g_wire, n);
        TT_OK(tern_coap_handle_incoming(env.ctx));
        TT_CHECK(pop_udp(env.socket, g_buf, sizeof(g_buf), &msg));
        TT_EQ(msg.code, TERN_COAP_CODE_CONTENT);
        TT_CHECK(!tern_coap_msg_has_opt(&msg, TERN_COAP_OPT_OBSERVE));
        received += msg.payload_size;
    }
    TT_EQ(received, sizeof(big) - 1);
    TT_EQ(o.gets, gets_before);
    env_cleanup(&env);
}

static void test_tcp_observe(void) {
    env_t env;
    observed_t o = {0};
    tern_coap_config_t config = {.request_handler = serve,
                                 .request_handler_arg = &o};
    env_init(&env, TERN_COAP_TRANSPORT_TCP, &config);
    /* our CSM went out first */
    size_t n = test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf));
    tern_coap_msg_t msg;
    TT_EQ(tern_coap_tcp_parse(&msg, g_buf, n, NULL), 0);
    TT_EQ(msg.code, TERN_COAP_CODE_CSM);
    n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_CSM, NULL, NULL, NULL,
                0);
    test_socket_inject(env.socket, g_wire, n);
    uint8_t opts_buf[16];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_OBSERVE, 0);
    tern_coap_token_t token = {2, {5, 5}};
    n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_GET, &token, &opts, NULL,
                0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.registrations, 1);
    n = test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf));
    TT_EQ(tern_coap_tcp_parse(&msg, g_buf, n, NULL), 0);
    TT_EQ(msg.code, TERN_COAP_CODE_CONTENT);
    uint32_t first = observe_of(&msg);
    TT_EQ(notify(&env, o.id, "t2", true), 0);
    n = test_socket_pop_sent(env.socket, g_buf, sizeof(g_buf));
    TT_EQ(tern_coap_tcp_parse(&msg, g_buf, n, NULL), 0);
    TT_CHECK(tern_coap_token_equal(&msg.token, &token));
    TT_CHECK(observe_of(&msg) > first);
    /* deregistration */
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_OBSERVE, 1);
    n = tcp_msg(g_wire, sizeof(g_wire), TERN_COAP_CODE_GET, &token, &opts, NULL,
                0);
    test_socket_inject(env.socket, g_wire, n);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.events[TERN_COAP_OBSERVE_CANCELLED], 1);
    env_cleanup(&env);
}

static void test_delete_closes_observations(void) {
    env_t env;
    observed_t o = {0};
    tern_coap_config_t config = {.request_handler = serve,
                                 .request_handler_arg = &o};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    tern_coap_token_t token = {1, {1}};
    inject_get(&env, 50, &token, 0);
    TT_OK(tern_coap_handle_incoming(env.ctx));
    TT_EQ(o.registrations, 1);
    env_cleanup(&env);
    TT_EQ(o.events[TERN_COAP_OBSERVE_CLOSED], 1);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_QUIET);
    TT_RUN(test_register_and_notify);
    TT_RUN(test_deregister_and_timeout);
    TT_RUN(test_blockwise_notification);
    TT_RUN(test_tcp_observe);
    TT_RUN(test_delete_closes_observations);
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Block-wise transfers (RFC 7959) between two contexts joined by in-memory
 * sockets, over UDP and TCP, plus the rules checked against a hand-driven
 * peer: ETag consistency, out-of-order blocks, size renegotiation. */

#include <stdlib.h>

#include "coap_test_util.h"

typedef struct {
    avs_sched_t *sched;
    avs_crypto_prng_ctx_t *prng;
    avs_net_socket_t *client_socket;
    avs_net_socket_t *server_socket;
    tern_coap_ctx_t *client;
    tern_coap_ctx_t *server;
    avs_coap_udp_tx_params_t tx;
} pair_t;

typedef struct {
    int calls;
    uint8_t *received;
    size_t received_size;
    const uint8_t *reply;
    size_t reply_size;
    bool observe;
} big_server_t;

static void big_serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                      const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    big_server_t *server = (big_server_t *) arg;
    ++server->calls;
    free(server->received);
    server->received = (uint8_t *) malloc(msg->payload_size + 1);
    if (msg->payload_size) {
        memcpy(server->received, msg->payload, msg->payload_size);
    }
    server->received_size = msg->payload_size;
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = msg->code == TERN_COAP_CODE_GET ? TERN_COAP_CODE_CONTENT
                                                    : TERN_COAP_CODE_CHANGED;
    response.payload = server->reply;
    response.payload_size = server->reply_size;
    tern_coap_respond(request, &response);
}

static void pair_init(pair_t *pair, tern_coap_transport_t transport,
                      tern_coap_config_t *client_config,
                      tern_coap_config_t *server_config) {
    memset(pair, 0, sizeof(*pair));
    bool tcp = transport == TERN_COAP_TRANSPORT_TCP;
    pair->sched = avs_sched_new("pair", NULL);
    pair->prng = avs_crypto_prng_new(NULL, NULL);
    pair->client_socket = test_socket_new(tcp);
    pair->server_socket = test_socket_new(tcp);
    test_socket_link(pair->client_socket, pair->server_socket);
    pair->tx = fast_tx();
    pair->tx.max_retransmit = 4;
    tern_coap_config_t *configs[] = {client_config, server_config};
    for (int i = 0; i < 2; ++i) {
        configs[i]->transport = transport;
        configs[i]->sched = pair->sched;
        configs[i]->prng = pair->prng;
        if (!configs[i]->udp_tx_params) {
            configs[i]->udp_tx_params = &pair->tx;
        }
    }
    pair->client = tern_coap_ctx_new(pair->client_socket, client_config);
    pair->server = tern_coap_ctx_new(pair->server_socket, server_config);
}

static void pair_cleanup(pair_t *pair) {
    tern_coap_ctx_delete(&pair->client);
    tern_coap_ctx_delete(&pair->server);
    avs_net_socket_cleanup(&pair->client_socket);
    avs_net_socket_cleanup(&pair->server_socket);
    avs_sched_cleanup(&pair->sched);
    avs_crypto_prng_free(&pair->prng);
}

/* Lets both sides work until @p done says so or @p ms pass. */
static bool pair_run(pair_t *pair, const int *done_calls, int ms) {
    avs_time_monotonic_t end = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(ms, AVS_TIME_MS));
    while (*done_calls == 0) {
        if (!avs_time_monotonic_before(avs_time_monotonic_now(), end)) {
            return false;
        }
        for (int i = 0; i < 64; ++i) {
            tern_coap_handle_incoming(pair->server);
            tern_coap_handle_incoming(pair->client);
        }
        avs_sched_run(pair->sched);
        struct timespec pause = {0, 200000};
        nanosleep(&pause, NULL);
    }
    return true;
}

static uint8_t *pattern(size_t size, unsigned seed) {
    uint8_t *data = (uint8_t *) malloc(size ? size : 1);
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t) (x >> 16);
    }
    return data;
}

/* Sends @p request_size bytes, gets @p response_size back, checks both. */
static void transfer(tern_coap_transport_t transport, uint8_t code,
                     size_t request_size, size_t response_size,
                     size_t client_buf, size_t server_buf, size_t chunk,
                     int mtu) {
    pair_t pair;
    big_server_t server = {0};
    uint8_t *request_payload = pattern(request_size, 1);
    uint8_t *response_payload = pattern(response_size, 2);
    server.reply = response_payload;
    server.reply_size = response_size;
    tern_coap_config_t client_config = {.in_buffer_size = client_buf,
                                        .out_buffer_size = client_buf,
                                        .msg_cache_size = 4096};
    tern_coap_config_t server_config = {.in_buffer_size = server_buf,
                                        .out_buffer_size = server_buf,
                                        .msg_cache_size = 4096,
                                        .max_reassembly_size = 2 << 20,
                                        .request_handler = big_serve,
                                        .request_handler_arg = &server};
    pair_init(&pair, transport, &client_config, &server_config);
    if (chunk) {
        test_socket_set_chunk(pair.client_socket, chunk);
        test_socket_set_chunk(pair.server_socket, chunk);
    }
    if (mtu) {
        test_socket_set_mtu(pair.client_socket, mtu);
        test_socket_set_mtu(pair.server_socket, mtu);
    }
    outcome_t out = {0};
    out.assembled = (uint8_t *) malloc(response_size + 1);
    out.assembled_cap = response_size;
    uint8_t opts_buf[32];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "/5/0/0");
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = code;
    tern_coap_msg_set_opts(&req, &opts);
    req.payload = request_payload;
    req.payload_size = request_size;
    TT_EQ(tern_coap_send_request(pair.client, &req, record_response, &out,
                                 NULL),
          0);
    TT_CHECK(pair_run(&pair, &out.calls, 20000));
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_EQ(server.calls, 1);
    TT_EQ(server.received_size, request_size);
    TT_CHECK(!request_size ||
             !memcmp(server.received, request_payload, request_size));
    TT_EQ(out.assembled_size, response_size);
    TT_CHECK(!response_size ||
             !memcmp(out.assembled, response_payload, response_size));
    if (response_size > client_buf) {
        TT_CHECK(out.partials > 0);
    }
    free(out.assembled);
    free(server.received);
    free(request_payload);
    free(response_payload);
    pair_cleanup(&pair);
}

static void test_udp_block1(void) {
    transfer(TERN_COAP_TRANSPORT_UDP, TERN_COAP_CODE_PUT, 100000, 0, 1024, 1024,
             0, 0);
}

static void test_udp_block2(void) {
    transfer(TERN_COAP_TRANSPORT_UDP, TERN_COAP_CODE_GET, 0, 100000, 1024, 1024,
             0, 0);
}

static void test_udp_both_ways(void) {
    transfer(TERN_COAP_TRANSPORT_UDP, TERN_COAP_CODE_POST, 30000, 30000, 600,
             2048, 0, 0);
}

static void test_udp_small_server_buffer(void) {
    /* The client starts with 1 kB blocks; the server's 300-byte buffer
     * truncates them, it answers 4.13 with a Block1 hint and the client
     * goes on with smaller blocks. Responses are cut to what fits the
     * client. */
    transfer(TERN_COAP_TRANSPORT_UDP, TERN_COAP_CODE_POST, 5000, 5000, 2048,
             300, 0, 0);
}

static void test_udp_mtu(void) {
    transfer(TERN_COAP_TRANSPORT_UDP, TERN_COAP_CODE_POST, 5000, 5000, 4096,
             4096, 0, 300);
}

static void test_tcp_block_both_ways(void) {
    transfer(TERN_COAP_TRANSPORT_TCP, TERN_COAP_CODE_POST, 100000, 100000, 1200,
             1200, 0, 0);
}

static void test_tcp_partial_receives(void) {
    transfer(TERN_COAP_TRANSPORT_TCP, TERN_COAP_CODE_POST, 5000, 5000, 512, 700,
             7, 0);
}

/* A hand-driven server for the rules the client must enforce. */
static void test_client_rejects_etag_change(void) {
    env_t env;
    tern_coap_config_t config = {0};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    outcome_t out = {0};
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = TERN_COAP_CODE_GET;
    TT_EQ(tern_coap_send_request(env.ctx, &req, record_response, &out, NULL),
          0);
    static uint8_t buf[2048];
    static uint8_t wire[2048];
    static uint8_t block[64];
    memset(block, 'x', sizeof(block));
    const uint8_t etags[2][2] = {{1, 1}, {2, 2}};
    for (uint32_t num = 0; num < 2; ++num) {
        tern_coap_msg_t sent;
        TT_CHECK(pop_udp(env.socket, buf, sizeof(buf), &sent));
        tern_coap_block_t asked;
        if (num) {
            TT_EQ(tern_coap_msg_get_block(&sent, TERN_COAP_OPT_BLOCK2, false,
                                          &asked),
                  0);
            TT_EQ(asked.num, num);
            TT_EQ(asked.szx, 2);
        }
        uint8_t opts_buf[32];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_opts_add_opaque(&opts, TERN_COAP_OPT_ETAG, etags[num], 2);
        tern_coap_block_t b2 = {num, true, 2};
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &b2);
        size_t n = udp_msg(wire, sizeof(wire), TERN_COAP_TYPE_ACK,
                           TERN_COAP_CODE_CONTENT, sent.msg_id, &sent.token,
                           &opts, block, 64);
        test_socket_inject(env.socket, wire, n);
        TT_OK(tern_coap_handle_incoming(env.ctx));
    }
    TT_EQ(out.partials, 1);
    TT_EQ(out.calls, 1);
    TT_EQ(out.result, TERN_COAP_RESULT_FAILED);
    env_cleanup(&env);
}

/* Size negotiation: the client asks for 64-byte blocks and gets them,
 * although the server could send larger ones. */
typedef struct {
    const uint8_t *reply;
    size_t size;
} fixed_reply_t;

static void fixed_serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                        const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    (void) msg;
    fixed_reply_t *reply = (fixed_reply_t *) arg;
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    response.payload = reply->reply;
    response.payload_size = reply->size;
    tern_coap_respond(request, &response);
}

static void test_server_honours_smaller_block(void) {
    env_t env;
    uint8_t *data = pattern(300, 3);
    fixed_reply_t reply = {data, 300};
    tern_coap_config_t config = {.request_handler = fixed_serve,
                                 .request_handler_arg = &reply};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    static uint8_t buf[2048];
    static uint8_t wire[256];
    tern_coap_token_t token = {1, {1}};
    size_t offset = 0;
    uint8_t first_etag[8] = {0};
    for (uint32_t num = 0; offset < 300; ++num) {
        uint8_t opts_buf[16];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_block_t b2 = {num, false, 2};
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK2, &b2);
        size_t n = udp_msg(wire, sizeof(wire), TERN_COAP_TYPE_CON,
                           TERN_COAP_CODE_GET, (uint16_t) (100 + num), &token,
                           &opts, NULL, 0);
        test_socket_inject(env.socket, wire, n);
        TT_OK(tern_coap_handle_incoming(env.ctx));
        tern_coap_msg_t msg;
        TT_CHECK(pop_udp(env.socket, buf, sizeof(buf), &msg));
        tern_coap_block_t got;
        TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK2, false, &got),
              0);
        TT_EQ(got.num, num);
        TT_EQ(got.szx, 2);
        TT_CHECK(!memcmp(msg.payload, data + offset, msg.payload_size));
        const uint8_t *etag;
        size_t etag_size;
        TT_EQ(tern_coap_msg_find_opt(&msg, TERN_COAP_OPT_ETAG, &etag,
                                     &etag_size),
              0);
        TT_EQ(etag_size, 8);
        if (num == 0) {
            memcpy(first_etag, etag, 8);
            uint32_t size2;
            TT_EQ(tern_coap_msg_get_uint(&msg, TERN_COAP_OPT_SIZE2, &size2), 0);
            TT_EQ(size2, 300);
        } else {
            TT_CHECK(!memcmp(first_etag, etag, 8));
        }
        offset += msg.payload_size;
        TT_EQ(got.more, offset < 300);
    }
    TT_EQ(offset, 300);
    free(data);
    env_cleanup(&env);
}

static void test_server_block1_out_of_order(void) {
    env_t env;
    big_server_t server = {0};
    tern_coap_config_t config = {.request_handler = big_serve,
                                 .request_handler_arg = &server,
                                 .max_reassembly_size = 100};
    env_init(&env, TERN_COAP_TRANSPORT_UDP, &config);
    static uint8_t buf[2048];
    static uint8_t wire[256];
    static uint8_t block[32];
    tern_coap_token_t token = {1, {1}};
    static const struct {
        uint32_t num;
        bool more;
        uint8_t expected;
    } STEPS[] = {
            {0, true, TERN_COAP_CODE_CONTINUE},
            {2, true, TERN_COAP_CODE_REQUEST_ENTITY_INCOMPLETE},
            {1, true, TERN_COAP_CODE_CONTINUE},
            {2, true, TERN_COAP_CODE_CONTINUE},
            {3, false, TERN_COAP_CODE_REQUEST_ENTITY_TOO_LARGE},
    };
    for (size_t i = 0; i < sizeof(STEPS) / sizeof(STEPS[0]); ++i) {
        uint8_t opts_buf[16];
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
        tern_coap_block_t b1 = {STEPS[i].num, STEPS[i].more, 1};
        tern_coap_opts_add_block(&opts, TERN_COAP_OPT_BLOCK1, &b1);
        memset(block, (int) i, sizeof(block));
        size_t n = udp_msg(wire, sizeof(wire), TERN_COAP_TYPE_CON,
                           TERN_COAP_CODE_PUT, (uint16_t) (200 + i), &token,
                           &opts, block, 32);
        test_socket_inject(env.socket, wire, n);
        TT_OK(tern_coap_handle_incoming(env.ctx));
        tern_coap_msg_t msg;
        TT_CHECK(pop_udp(env.socket, buf, sizeof(buf), &msg));
        TT_EQ(msg.code, STEPS[i].expected);
        if (STEPS[i].expected == TERN_COAP_CODE_CONTINUE) {
            tern_coap_block_t echo;
            TT_EQ(tern_coap_msg_get_block(&msg, TERN_COAP_OPT_BLOCK1, false,
                                          &echo),
                  0);
            TT_EQ(echo.num, STEPS[i].num);
            TT_CHECK(echo.more);
        }
    }
    TT_EQ(server.calls, 0);
    free(server.received);
    env_cleanup(&env);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_QUIET);
    TT_RUN(test_udp_block1);
    TT_RUN(test_udp_block2);
    TT_RUN(test_udp_both_ways);
    TT_RUN(test_udp_small_server_buffer);
    TT_RUN(test_udp_mtu);
    TT_RUN(test_tcp_block_both_ways);
    TT_RUN(test_tcp_partial_receives);
    TT_RUN(test_client_rejects_etag_change);
    TT_RUN(test_server_honours_smaller_block);
    TT_RUN(test_server_block1_out_of_order);
    return TT_SUMMARY();
}

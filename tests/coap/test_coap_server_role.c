/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Tern in the LwM2M client's position: it connects to a libcoap-based
 * server (coap_lwm2m_peer), registers, and then serves that server's
 * requests over the same session: a read, a block-wise write, a block-wise
 * read and an observation. Over coap, coaps (DTLS PSK), coap+tcp and
 * coaps+tcp (TLS PSK). */

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <avsystem/commons/avs_crypto_psk.h>

#include "coap_test_peer.h"
#include "coap_test_util.h"

#define PSK_KEY "lwm2m-test-key"
#define WRITE_SIZE 70000
#define BIG_SIZE 100000

static const char *g_peer;

static uint32_t checksum(const uint8_t *data, size_t size) {
    uint32_t sum = 2166136261u;
    for (size_t i = 0; i < size; ++i) {
        sum = (sum ^ data[i]) * 16777619u;
    }
    return sum;
}

static uint8_t *peer_pattern(size_t size) {
    uint8_t *data = (uint8_t *) malloc(size + 1);
    uint32_t x = (uint32_t) size * 2654435761u + 5;
    for (size_t i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t) (x >> 16);
    }
    return data;
}

typedef struct {
    uint8_t *big;
    size_t written_size;
    uint32_t written_sum;
    tern_coap_id_t observation;
    int notifications;
} device_t;

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    device_t *dev = (device_t *) arg;
    char path[32] = "";
    char seg[16];
    tern_coap_opt_iter_t it = tern_coap_opt_iter(msg);
    while (tern_coap_opt_next(&it)) {
        if (it.number == TERN_COAP_OPT_URI_PATH &&
            !tern_coap_opt_string(&it, seg, sizeof(seg))) {
            strcat(path, "/");
            strcat(path, seg);
        }
    }
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    if (!strcmp(path, "/3/0/0")) {
        response.payload = (const uint8_t *) "Tern";
        response.payload_size = 4;
    } else if (!strcmp(path, "/5/0/0")) {
        dev->written_size = msg->payload_size;
        dev->written_sum = checksum(msg->payload, msg->payload_size);
        response.code = TERN_COAP_CODE_CHANGED;
    } else if (!strcmp(path, "/big")) {
        response.payload = dev->big;
        response.payload_size = BIG_SIZE;
    } else if (!strcmp(path, "/obs")) {
        tern_coap_observe_accept(request, NULL, NULL, &dev->observation);
        response.payload = (const uint8_t *) "obs0";
        response.payload_size = 4;
    } else {
        response.code = TERN_COAP_CODE_NOT_FOUND;
    }
    tern_coap_respond(request, &response);
}

static avs_net_socket_t *connect_to(const char *proto, int port,
                                    avs_crypto_prng_ctx_t *prng) {
    if (!strcmp(proto, "udp")) {
        return peer_udp_socket(0, port);
    }
    if (!strcmp(proto, "tcp")) {
        return peer_tcp_socket(port);
    }
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.prng_ctx = prng;
    avs_net_psk_info_t psk = {
            .key = avs_crypto_psk_key_info_from_buffer(PSK_KEY,
                                                       strlen(PSK_KEY)),
            .identity = avs_crypto_psk_identity_info_from_buffer("dev", 3)};
    config.security = avs_net_security_info_from_psk(psk);
    avs_net_socket_t *socket = NULL;
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    avs_error_t err = !strcmp(proto, "tls")
                              ? avs_net_ssl_socket_create(&socket, &config)
                              : avs_net_dtls_socket_create(&socket, &config);
    if (avs_is_ok(err)) {
        err = avs_net_socket_connect(socket, "127.0.0.1", port_str);
    }
    if (avs_is_err(err)) {
        avs_net_socket_cleanup(&socket);
    }
    return socket;
}

static void run_session(const char *proto) {
    int port = peer_free_port(false);
    char port_str[16];
    char size_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    snprintf(size_str, sizeof(size_str), "%d", WRITE_SIZE);
    const char *argv[] = {g_peer, proto, port_str, PSK_KEY, size_str, NULL};
    int out_fd = -1;
    pid_t pid = peer_spawn(30, argv, &out_fd);
    TT_CHECK(pid > 0);
    char output[4096] = "";
    size_t len = 0;
    for (int i = 0; i < 300 && !strstr(output, "READY"); ++i) {
        poll(NULL, 0, 10);
        len = peer_drain(out_fd, output, len, sizeof(output));
    }
    TT_CHECK(strstr(output, "READY"));

    avs_sched_t *sched = avs_sched_new("device", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    device_t dev = {0};
    dev.big = peer_pattern(BIG_SIZE);
    avs_net_socket_t *socket = connect_to(proto, port, prng);
    TT_CHECK(socket);
    bool tcp = !strcmp(proto, "tcp") || !strcmp(proto, "tls");
    tern_coap_config_t config = {.transport = tcp ? TERN_COAP_TRANSPORT_TCP
                                                  : TERN_COAP_TRANSPORT_UDP,
                                 .sched = sched,
                                 .prng = prng,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 8192,
                                 .max_reassembly_size = 1 << 20,
                                 .request_handler = serve,
                                 .request_handler_arg = &dev};
    tern_coap_ctx_t *ctx = tern_coap_ctx_new(socket, &config);
    TT_CHECK(ctx);

    uint8_t opts_buf[64];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, "rd");
    tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                            TERN_COAP_FORMAT_LINK_FORMAT);
    tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_QUERY, "ep=tern");
    tern_coap_msg_t reg;
    memset(&reg, 0, sizeof(reg));
    reg.code = TERN_COAP_CODE_POST;
    tern_coap_msg_set_opts(&reg, &opts);
    reg.payload = (const uint8_t *) "</3/0>,</5/0>";
    reg.payload_size = 13;
    outcome_t registered = {0};
    TT_EQ(tern_coap_send_request(ctx, &reg, record_response, &registered, NULL),
          0);
    avs_time_monotonic_t next_notify = avs_time_monotonic_now();
    avs_time_monotonic_t deadline = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(20, AVS_TIME_S));
    while (!strstr(output, "DONE") && !peer_exited(pid, NULL) &&
           avs_time_monotonic_before(avs_time_monotonic_now(), deadline)) {
        peer_loop(ctx, sched, NULL, 0, 20);
        len = peer_drain(out_fd, output, len, sizeof(output));
        if (dev.observation &&
            !avs_time_monotonic_before(avs_time_monotonic_now(), next_notify)) {
            char text[16];
            snprintf(text, sizeof(text), "obs%d", ++dev.notifications);
            tern_coap_msg_t msg;
            memset(&msg, 0, sizeof(msg));
            msg.code = TERN_COAP_CODE_CONTENT;
            msg.payload = (const uint8_t *) text;
            msg.payload_size = strlen(text);
            tern_coap_notify(ctx, dev.observation, &msg, false);
            next_notify = avs_time_monotonic_add(
                    avs_time_monotonic_now(),
                    avs_time_duration_from_scalar(100, AVS_TIME_MS));
        }
    }
    len = peer_drain(out_fd, output, len, sizeof(output));
    TT_EQ(registered.calls, 1);
    TT_EQ(registered.code, TERN_COAP_CODE_CREATED);
    TT_CHECK(strstr(output, "READ 2.05 Tern\n"));
    TT_CHECK(strstr(output, "WRITE 2.04\n"));
    uint8_t *expected = peer_pattern(WRITE_SIZE);
    TT_EQ(dev.written_size, WRITE_SIZE);
    TT_EQ(dev.written_sum, checksum(expected, WRITE_SIZE));
    free(expected);
    char big_line[64];
    snprintf(big_line, sizeof(big_line), "BIG 2.05 %d %08x\n", BIG_SIZE,
             (unsigned) checksum(dev.big, BIG_SIZE));
    TT_CHECK(strstr(output, big_line));
    TT_CHECK(strstr(output, "OBS obs0\n"));
    TT_CHECK(strstr(output, "OBS obs1\n"));
    TT_CHECK(strstr(output, "DONE"));
    tern_coap_ctx_delete(&ctx);
    avs_net_socket_cleanup(&socket);
    avs_sched_cleanup(&sched);
    avs_crypto_prng_free(&prng);
    free(dev.big);
    close(out_fd);
    peer_kill(pid);
}

static void test_coap(void) {
    run_session("udp");
}

static void test_coaps(void) {
    run_session("dtls");
}

static void test_coap_tcp(void) {
    run_session("tcp");
}

static void test_coaps_tcp(void) {
    run_session("tls");
}

int main(int argc, char **argv) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_WARNING);
    avs_log_set_level(net, AVS_LOG_QUIET);
    if (argc < 2) {
        fprintf(stderr, "usage: %s <path to coap_lwm2m_peer>\n", argv[0]);
        return 1;
    }
    g_peer = argv[1];
    TT_RUN(test_coap);
    TT_RUN(test_coap_tcp);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_socket_t *probe = NULL;
    avs_net_ssl_configuration_t probe_config = {.prng_ctx = prng};
    avs_error_t err = avs_net_dtls_socket_create(&probe, &probe_config);
    avs_net_socket_cleanup(&probe);
    avs_crypto_prng_free(&prng);
    if (avs_is_ok(err)) {
        TT_RUN(test_coaps);
        TT_RUN(test_coaps_tcp);
    } else {
        printf("SKIP: no (D)TLS socket layer in this build\n");
    }
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Interoperability with libcoap 4.3 over loopback, plain CoAP: Tern as a
 * client of coap-server-notls and as a server for coap-client-notls, over
 * UDP and TCP, with block-wise transfers of 1 kB to 1 MB both ways and
 * observation. Skipped (and reported) when the tools are missing. */

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "coap_test_peer.h"
#include "coap_test_util.h"

#define SERVER_TOOL "coap-server-notls"
#define CLIENT_TOOL "coap-client-notls"

static int g_server_port;
static pid_t g_server_pid = -1;

static uint8_t *pattern(size_t size, unsigned seed) {
    uint8_t *data = (uint8_t *) malloc(size ? size : 1);
    uint32_t x = seed * 2654435761u + 7;
    for (size_t i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t) (x >> 16);
    }
    return data;
}

static bool wait_tcp_listener(int port, int ms) {
    for (int waited = 0; waited < ms; waited += 20) {
        avs_net_socket_t *probe = peer_tcp_socket(port);
        if (probe) {
            avs_net_socket_cleanup(&probe);
            return true;
        }
        poll(NULL, 0, 20);
    }
    return false;
}

static bool start_libcoap_server(void) {
    g_server_port = peer_free_port(false);
    char port[16];
    snprintf(port, sizeof(port), "%d", g_server_port);
    const char *argv[] = {SERVER_TOOL, "-A", "127.0.0.1", "-p",
                          port,        "-v", "0",         NULL};
    g_server_pid = peer_spawn(110, argv, NULL);
    return g_server_pid > 0 && wait_tcp_listener(g_server_port, 3000);
}

typedef struct {
    avs_sched_t *sched;
    avs_crypto_prng_ctx_t *prng;
    avs_net_socket_t *socket;
    tern_coap_ctx_t *ctx;
} client_t;

static bool client_open(client_t *c, tern_coap_transport_t transport, int port,
                        tern_coap_config_t *config) {
    memset(c, 0, sizeof(*c));
    c->sched = avs_sched_new("interop", NULL);
    c->prng = avs_crypto_prng_new(NULL, NULL);
    c->socket = transport == TERN_COAP_TRANSPORT_TCP ? peer_tcp_socket(port)
                                                     : peer_udp_socket(0, port);
    if (!c->socket) {
        return false;
    }
    config->transport = transport;
    config->sched = c->sched;
    config->prng = c->prng;
    c->ctx = tern_coap_ctx_new(c->socket, config);
    return c->ctx != NULL;
}

static void conn_close(client_t *c) {
    tern_coap_ctx_delete(&c->ctx);
    avs_net_socket_cleanup(&c->socket);
}

static void client_close(client_t *c) {
    tern_coap_ctx_delete(&c->ctx);
    avs_net_socket_cleanup(&c->socket);
    avs_sched_cleanup(&c->sched);
    avs_crypto_prng_free(&c->prng);
}

static bool request(client_t *c, uint8_t code, const char *path,
                    const uint8_t *payload, size_t size, outcome_t *out) {
    uint8_t opts_buf[64];
    tern_coap_opts_t opts;
    tern_coap_opts_init(&opts, opts_buf, sizeof(opts_buf));
    tern_coap_opts_add_path(&opts, path);
    tern_coap_msg_t req;
    memset(&req, 0, sizeof(req));
    req.code = code;
    tern_coap_msg_set_opts(&req, &opts);
    req.payload = payload;
    req.payload_size = size;
    if (tern_coap_send_request(c->ctx, &req, record_response, out, NULL)) {
        return false;
    }
    return peer_loop(c->ctx, c->sched, &out->calls, 0, 30000);
}

/* Tern as a client of coap-server: GET /, ping, PUT and GET back
 * /example_data in sizes from 1 kB to 1 MB. */
static void client_role(tern_coap_transport_t transport) {
    client_t c;
    tern_coap_config_t config = {.in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 4096};
    TT_CHECK(client_open(&c, transport, g_server_port, &config));
    outcome_t out = {0};
    TT_CHECK(request(&c, TERN_COAP_CODE_GET, "/", NULL, 0, &out));
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_EQ(out.code, TERN_COAP_CODE_CONTENT);
    TT_CHECK(out.payload_size > 20 &&
             !memcmp(out.payload, "This is a test server", 21));

    outcome_t pong = {0};
    TT_EQ(tern_coap_ping(c.ctx, record_response, &pong, NULL), 0);
    TT_CHECK(peer_loop(c.ctx, c.sched, &pong.calls, 0, 10000));
    TT_EQ(pong.result, TERN_COAP_RESULT_OK);

    static const size_t SIZES[] = {1024, 65536, 1048576};
    for (size_t i = 0; i < sizeof(SIZES) / sizeof(SIZES[0]); ++i) {
        uint8_t *data = pattern(SIZES[i], (unsigned) i);
        outcome_t put = {0};
        TT_CHECK(request(&c, TERN_COAP_CODE_PUT, "example_data", data, SIZES[i],
                         &put));
        TT_EQ(put.result, TERN_COAP_RESULT_OK);
        TT_CHECK(put.code == TERN_COAP_CODE_CHANGED ||
                 put.code == TERN_COAP_CODE_CREATED);
        outcome_t get = {0};
        get.assembled = (uint8_t *) malloc(SIZES[i]);
        get.assembled_cap = SIZES[i];
        TT_CHECK(
                request(&c, TERN_COAP_CODE_GET, "example_data", NULL, 0, &get));
        TT_EQ(get.result, TERN_COAP_RESULT_OK);
        TT_EQ(get.assembled_size, SIZES[i]);
        TT_CHECK(!memcmp(get.assembled, data, SIZES[i]));
        TT_CHECK(SIZES[i] <= 1024 || get.partials > 0);
        free(get.assembled);
        free(data);
    }
    client_close(&c);
}

static void test_client_udp(void) {
    client_role(TERN_COAP_TRANSPORT_UDP);
}

static void test_client_tcp(void) {
    client_role(TERN_COAP_TRANSPORT_TCP);
}

/* Tern as a server for coap-client. */
typedef struct {
    uint8_t *big;
    size_t big_size;
    uint8_t *stored;
    size_t stored_size;
    tern_coap_id_t observation;
    int observe_events[4];
} server_state_t;

static void on_observe(tern_coap_ctx_t *ctx, tern_coap_id_t id,
                       tern_coap_observe_event_t event, void *arg) {
    (void) ctx;
    server_state_t *s = (server_state_t *) arg;
    ++s->observe_events[event];
    if (event != TERN_COAP_OBSERVE_DELIVERED && id == s->observation) {
        s->observation = 0;
    }
}

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    server_state_t *s = (server_state_t *) arg;
    char path[32] = "";
    tern_coap_msg_get_string(msg, TERN_COAP_OPT_URI_PATH, path, sizeof(path));
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = TERN_COAP_CODE_CONTENT;
    if (!strcmp(path, "hello")) {
        response.payload = (const uint8_t *) "hello world";
        response.payload_size = 11;
    } else if (!strcmp(path, "big") && msg->code == TERN_COAP_CODE_GET) {
        response.payload = s->big;
        response.payload_size = s->big_size;
    } else if (!strcmp(path, "big") && msg->code == TERN_COAP_CODE_PUT) {
        free(s->stored);
        s->stored = (uint8_t *) malloc(msg->payload_size + 1);
        memcpy(s->stored, msg->payload, msg->payload_size);
        s->stored_size = msg->payload_size;
        response.code = TERN_COAP_CODE_CHANGED;
    } else if (!strcmp(path, "obs")) {
        uint32_t observe;
        if (!tern_coap_msg_get_uint(msg, TERN_COAP_OPT_OBSERVE, &observe) &&
            observe == 0) {
            tern_coap_observe_accept(request, on_observe, s, &s->observation);
        }
        response.payload = (const uint8_t *) "n0";
        response.payload_size = 2;
    } else {
        response.code = TERN_COAP_CODE_NOT_FOUND;
    }
    tern_coap_respond(request, &response);
}

typedef struct {
    client_t c;
    server_state_t state;
    avs_net_socket_t *listener;
    int port;
    int client_port;
} server_t;

static bool server_open_udp(server_t *s) {
    memset(s, 0, sizeof(*s));
    s->port = peer_free_port(false);
    s->client_port = peer_free_port(false);
    s->c.sched = avs_sched_new("interop-server", NULL);
    s->c.prng = avs_crypto_prng_new(NULL, NULL);
    s->c.socket = peer_udp_socket(s->port, s->client_port);
    if (!s->c.socket) {
        return false;
    }
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_UDP,
                                 .sched = s->c.sched,
                                 .prng = s->c.prng,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 8192,
                                 .max_reassembly_size = 2 << 20,
                                 .request_handler = serve,
                                 .request_handler_arg = &s->state};
    s->c.ctx = tern_coap_ctx_new(s->c.socket, &config);
    return s->c.ctx != NULL;
}

/* A TCP server: listen, and accept the client's connection once it
 * arrives (in server_accept()). */
static bool server_listen_tcp(server_t *s) {
    memset(s, 0, sizeof(*s));
    s->port = peer_free_port(false);
    s->c.sched = avs_sched_new("interop-server", NULL);
    s->c.prng = avs_crypto_prng_new(NULL, NULL);
    char port[16];
    snprintf(port, sizeof(port), "%d", s->port);
    return avs_is_ok(avs_net_tcp_socket_create(&s->listener, NULL)) &&
           avs_is_ok(avs_net_socket_bind(s->listener, "127.0.0.1", port));
}

static bool server_accept(server_t *s, int ms) {
    const int *fd = (const int *) avs_net_socket_get_system(s->listener);
    struct pollfd p = {.fd = fd ? *fd : -1, .events = POLLIN};
    if (!fd || poll(&p, 1, ms) <= 0 ||
        avs_is_err(avs_net_tcp_socket_create(&s->c.socket, NULL)) ||
        avs_is_err(avs_net_socket_accept(s->listener, s->c.socket))) {
        return false;
    }
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_TCP,
                                 .sched = s->c.sched,
                                 .prng = s->c.prng,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .max_reassembly_size = 2 << 20,
                                 .request_handler = serve,
                                 .request_handler_arg = &s->state};
    s->c.ctx = tern_coap_ctx_new(s->c.socket, &config);
    return s->c.ctx != NULL;
}

static void server_close(server_t *s) {
    client_close(&s->c);
    avs_net_socket_cleanup(&s->listener);
    free(s->state.big);
    free(s->state.stored);
}

/* Runs coap-client with @p args against our server and collects its
 * output. */
static bool run_client(server_t *s, bool tcp, const char *const args[],
                       char *output, size_t cap) {
    const char *argv[32] = {CLIENT_TOOL};
    size_t n = 1;
    char client_port[16];
    if (!tcp) {
        snprintf(client_port, sizeof(client_port), "%d", s->client_port);
        argv[n++] = "-p";
        argv[n++] = client_port;
    }
    for (size_t i = 0; args[i]; ++i) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    int out_fd = -1;
    pid_t pid = peer_spawn(60, argv, &out_fd);
    if (pid <= 0) {
        return false;
    }
    size_t len = 0;
    output[0] = '\0';
    if (tcp && !server_accept(s, 5000)) {
        peer_kill(pid);
        close(out_fd);
        return false;
    }
    bool done = false;
    for (int i = 0; i < 6000 && !done; ++i) {
        done = peer_loop(s->c.ctx, s->c.sched, NULL, pid, 10);
        len = peer_drain(out_fd, output, len, cap);
    }
    len = peer_drain(out_fd, output, len, cap);
    close(out_fd);
    peer_kill(pid);
    return done;
}

static void server_role(bool tcp) {
    server_t s;
    TT_CHECK(tcp ? server_listen_tcp(&s) : server_open_udp(&s));
    char url[128];
    char output[4096];
    const char *scheme = tcp ? "coap+tcp" : "coap";

    snprintf(url, sizeof(url), "%s://127.0.0.1:%d/hello", scheme, s.port);
    const char *get_args[] = {"-m", "get", url, NULL};
    TT_CHECK(run_client(&s, tcp, get_args, output, sizeof(output)));
    TT_CHECK(strstr(output, "hello world") != NULL);
    if (tcp) {
        conn_close(&s.c);
    }

    /* 1 kB to 1 MB up (Block1) and down (Block2) */
    static const size_t SIZES[] = {1024, 65536, 1048576};
    for (size_t i = 0; i < sizeof(SIZES) / sizeof(SIZES[0]); ++i) {
        char in_path[64];
        char out_path[64];
        snprintf(in_path, sizeof(in_path), "/tmp/tern-coap-in-%d",
                 (int) getpid());
        snprintf(out_path, sizeof(out_path), "/tmp/tern-coap-out-%d",
                 (int) getpid());
        uint8_t *data = pattern(SIZES[i], (unsigned) (10 + i));
        FILE *f = fopen(in_path, "wb");
        TT_CHECK(f);
        fwrite(data, 1, SIZES[i], f);
        fclose(f);
        snprintf(url, sizeof(url), "%s://127.0.0.1:%d/big", scheme, s.port);
        const char *put_args[] = {"-m", "put",   "-b", "1024",
                                  "-f", in_path, url,  NULL};
        TT_CHECK(run_client(&s, tcp, put_args, output, sizeof(output)));
        if (tcp) {
            conn_close(&s.c);
        }
        TT_EQ(s.state.stored_size, SIZES[i]);
        TT_CHECK(!memcmp(s.state.stored, data, SIZES[i]));

        free(s.state.big);
        s.state.big = data;
        s.state.big_size = SIZES[i];
        const char *get_big[] = {"-m", "get",    "-b", "1024",
                                 "-o", out_path, url,  NULL};
        TT_CHECK(run_client(&s, tcp, get_big, output, sizeof(output)));
        if (tcp) {
            conn_close(&s.c);
        }
        f = fopen(out_path, "rb");
        TT_CHECK(f);
        uint8_t *got = (uint8_t *) malloc(SIZES[i] + 1);
        size_t got_size = fread(got, 1, SIZES[i] + 1, f);
        fclose(f);
        TT_EQ(got_size, SIZES[i]);
        TT_CHECK(!memcmp(got, data, SIZES[i]));
        free(got);
        unlink(in_path);
        unlink(out_path);
    }
    server_close(&s);
}

static void test_server_udp(void) {
    server_role(false);
}

static void test_server_tcp(void) {
    server_role(true);
}

/* coap-client -s observes for a few seconds; we notify every 200 ms. */
static void test_server_observe(void) {
    server_t s;
    TT_CHECK(server_open_udp(&s));
    char url[128];
    snprintf(url, sizeof(url), "coap://127.0.0.1:%d/obs", s.port);
    const char *argv[] = {CLIENT_TOOL, "-p", NULL, "-w", "-s", "3", url, NULL};
    char client_port[16];
    snprintf(client_port, sizeof(client_port), "%d", s.client_port);
    argv[2] = client_port;
    int out_fd = -1;
    pid_t pid = peer_spawn(20, argv, &out_fd);
    TT_CHECK(pid > 0);
    char output[8192];
    size_t len = 0;
    int sent = 0;
    avs_time_monotonic_t next = avs_time_monotonic_now();
    while (!peer_exited(pid, NULL)) {
        peer_loop(s.c.ctx, s.c.sched, NULL, 0, 20);
        len = peer_drain(out_fd, output, len, sizeof(output));
        if (s.state.observation &&
            !avs_time_monotonic_before(avs_time_monotonic_now(), next)) {
            char text[16];
            snprintf(text, sizeof(text), "n%d", ++sent);
            tern_coap_msg_t msg;
            memset(&msg, 0, sizeof(msg));
            msg.code = TERN_COAP_CODE_CONTENT;
            msg.payload = (const uint8_t *) text;
            msg.payload_size = strlen(text);
            /* every fourth one confirmable */
            tern_coap_notify(s.c.ctx, s.state.observation, &msg, sent % 4 == 0);
            next = avs_time_monotonic_add(
                    avs_time_monotonic_now(),
                    avs_time_duration_from_scalar(200, AVS_TIME_MS));
        }
    }
    /* let the deregistration arrive */
    peer_loop(s.c.ctx, s.c.sched, NULL, 0, 200);
    len = peer_drain(out_fd, output, len, sizeof(output));
    close(out_fd);
    int received = 0;
    for (const char *p = output; (p = strstr(p, "\nn")) != NULL; ++p) {
        ++received;
    }
    TT_CHECK(!strncmp(output, "n0", 2));
    TT_CHECK(sent >= 8);
    TT_CHECK(received >= 8);
    TT_CHECK(s.state.observe_events[TERN_COAP_OBSERVE_DELIVERED] >= 2);
    server_close(&s);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_WARNING);
    /* Probing for the peer's listener fails on purpose at first. */
    avs_log_set_level(net, AVS_LOG_QUIET);
    if (!peer_available(SERVER_TOOL) || !peer_available(CLIENT_TOOL)) {
        printf("SKIP: libcoap tools (%s, %s) not installed\n", SERVER_TOOL,
               CLIENT_TOOL);
        return TT_SKIP_CODE;
    }
    if (!start_libcoap_server()) {
        fprintf(stderr, "cannot start %s\n", SERVER_TOOL);
        peer_kill(g_server_pid);
        return 1;
    }
    TT_RUN(test_client_udp);
    TT_RUN(test_client_tcp);
    TT_RUN(test_server_udp);
    TT_RUN(test_server_tcp);
    TT_RUN(test_server_observe);
    peer_kill(g_server_pid);
    return TT_SUMMARY();
}

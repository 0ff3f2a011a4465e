/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Reliability over a lossy path: a UDP relay in this process drops 30 % of
 * the datagrams in each direction (a fixed pseudo-random sequence, so runs
 * repeat), between a Tern client and either coap-server-notls or a Tern
 * server that answers some requests separately. Every exchange must still
 * complete, each within MAX_TRANSMIT_WAIT of the transmission parameters.
 * The parameters are RFC 7252's with ACK_TIMEOUT scaled down to 100 ms.
 * TERN_LOSSY_SEED overrides the drop sequence, to explore others. */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "coap_test_peer.h"
#include "coap_test_util.h"

#define SERVER_TOOL "coap-server-notls"
#define DROP_PERCENT 30

static uint32_t seed_or(uint32_t fixed) {
    const char *env = getenv("TERN_LOSSY_SEED");
    return env ? (uint32_t) strtoul(env, NULL, 10) : fixed;
}

typedef struct {
    int front; /* the client talks to this */
    int back;  /* connected to the server */
    struct sockaddr_in client;
    bool client_known;
    uint32_t rng[2];
    unsigned forwarded[2];
    unsigned dropped[2];
} relay_t;

static int udp_fd(int port) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((uint16_t) port);
    if (fd >= 0 && bind(fd, (struct sockaddr *) &addr, sizeof(addr))) {
        close(fd);
        return -1;
    }
    return fd;
}

static bool relay_open(relay_t *relay, int front_port, int server_port,
                       uint32_t seed) {
    memset(relay, 0, sizeof(*relay));
    relay->front = udp_fd(front_port);
    relay->back = udp_fd(0);
    struct sockaddr_in server;
    memset(&server, 0, sizeof(server));
    server.sin_family = AF_INET;
    server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    server.sin_port = htons((uint16_t) server_port);
    relay->rng[0] = seed;
    relay->rng[1] = seed * 7919u + 17u;
    return relay->front >= 0 && relay->back >= 0 &&
           !connect(relay->back, (struct sockaddr *) &server, sizeof(server));
}

static void relay_close(relay_t *relay) {
    close(relay->front);
    close(relay->back);
}

static bool drop(relay_t *relay, int direction) {
    uint32_t *x = &relay->rng[direction];
    *x = *x * 1664525u + 1013904223u;
    return (*x >> 16) % 100 < DROP_PERCENT;
}

/* Moves whatever is waiting on either side. */
static void relay_pump(relay_t *relay) {
    uint8_t buf[2048];
    for (;;) {
        struct sockaddr_in from;
        socklen_t len = sizeof(from);
        ssize_t n = recvfrom(relay->front, buf, sizeof(buf), MSG_DONTWAIT,
                             (struct sockaddr *) &from, &len);
        if (n < 0) {
            break;
        }
        relay->client = from;
        relay->client_known = true;
        if (drop(relay, 0)) {
            ++relay->dropped[0];
        } else {
            ++relay->forwarded[0];
            send(relay->back, buf, (size_t) n, 0);
        }
    }
    for (;;) {
        ssize_t n = recv(relay->back, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0) {
            break;
        }
        if (!relay->client_known || drop(relay, 1)) {
            ++relay->dropped[1];
        } else {
            ++relay->forwarded[1];
            sendto(relay->front, buf, (size_t) n, 0,
                   (struct sockaddr *) &relay->client, sizeof(relay->client));
        }
    }
}

typedef struct {
    avs_sched_t *sched;
    relay_t relay;
    tern_coap_ctx_t *contexts[2];
} world_t;

/* Runs everything until @p *flag is set or @p ms pass. */
static bool world_run(world_t *w, const int *flag, int ms) {
    avs_time_monotonic_t end = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(ms, AVS_TIME_MS));
    while (!*flag) {
        if (!avs_time_monotonic_before(avs_time_monotonic_now(), end)) {
            return false;
        }
        struct pollfd fds[4];
        int count = 0;
        fds[count++] = (struct pollfd){.fd = w->relay.front, .events = POLLIN};
        fds[count++] = (struct pollfd){.fd = w->relay.back, .events = POLLIN};
        for (int i = 0; i < 2; ++i) {
            if (w->contexts[i]) {
                const int *fd = (const int *) avs_net_socket_get_system(
                        tern_coap_ctx_socket(w->contexts[i]));
                fds[count++] = (struct pollfd){.fd = *fd, .events = POLLIN};
            }
        }
        int wait_ms = 5;
        poll(fds, (nfds_t) count, wait_ms);
        relay_pump(&w->relay);
        for (int i = 0; i < 2; ++i) {
            if (w->contexts[i] && (fds[2 + i].revents & POLLIN)) {
                tern_coap_handle_incoming(w->contexts[i]);
            }
        }
        avs_sched_run(w->sched);
    }
    return true;
}

static avs_coap_udp_tx_params_t scaled_params(void) {
    avs_coap_udp_tx_params_t tx = AVS_COAP_DEFAULT_UDP_TX_PARAMS;
    tx.ack_timeout = avs_time_duration_from_scalar(100, AVS_TIME_MS);
    return tx;
}

/* Sends a request and checks it completes within MAX_TRANSMIT_WAIT per
 * message exchanged (block-wise transfers are several exchanges). */
static void exchange(world_t *w, tern_coap_ctx_t *ctx, uint8_t code,
                     const char *path, const uint8_t *payload, size_t size,
                     size_t expected_response, int exchanges) {
    avs_coap_udp_tx_params_t tx = scaled_params();
    avs_time_duration_t limit = avs_time_duration_mul(
            avs_coap_udp_max_transmit_wait(&tx), exchanges);
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
    outcome_t out = {0};
    static uint8_t assembled[65536];
    out.assembled = assembled;
    out.assembled_cap = sizeof(assembled);
    avs_time_monotonic_t start = avs_time_monotonic_now();
    TT_EQ(tern_coap_send_request(ctx, &req, record_response, &out, NULL), 0);
    int64_t limit_ms;
    avs_time_duration_to_scalar(&limit_ms, AVS_TIME_MS, limit);
    TT_CHECK(world_run(w, &out.calls, (int) limit_ms + 1000));
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_CHECK(TERN_COAP_CODE_CLASS(out.code) == 2);
    TT_CHECK(avs_time_duration_less(
            avs_time_monotonic_diff(avs_time_monotonic_now(), start), limit));
    if (expected_response) {
        TT_EQ(out.assembled_size, expected_response);
    }
}

static tern_coap_ctx_t *open_client(world_t *w, int relay_port,
                                    avs_crypto_prng_ctx_t *prng,
                                    avs_net_socket_t **out_socket,
                                    const avs_coap_udp_tx_params_t *tx) {
    *out_socket = peer_udp_socket(0, relay_port);
    if (!*out_socket) {
        return NULL;
    }
    tern_coap_config_t config = {.transport = TERN_COAP_TRANSPORT_UDP,
                                 .sched = w->sched,
                                 .prng = prng,
                                 .udp_tx_params = tx,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 16384,
                                 .max_reassembly_size = 1 << 20};
    return tern_coap_ctx_new(*out_socket, &config);
}

static void test_against_libcoap(void) {
    int server_port = peer_free_port(false);
    int relay_port = peer_free_port(false);
    char port[16];
    snprintf(port, sizeof(port), "%d", server_port);
    const char *argv[] = {SERVER_TOOL, "-A", "127.0.0.1", "-p",
                          port,        "-v", "0",         NULL};
    pid_t pid = peer_spawn(100, argv, NULL);
    TT_CHECK(pid > 0);
    for (int i = 0; i < 150; ++i) {
        avs_net_socket_t *probe = peer_tcp_socket(server_port);
        if (probe) {
            avs_net_socket_cleanup(&probe);
            break;
        }
        poll(NULL, 0, 20);
    }
    world_t w;
    memset(&w, 0, sizeof(w));
    w.sched = avs_sched_new("lossy", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    TT_CHECK(relay_open(&w.relay, relay_port, server_port, seed_or(2)));
    avs_coap_udp_tx_params_t tx = scaled_params();
    avs_net_socket_t *socket = NULL;
    w.contexts[0] = open_client(&w, relay_port, prng, &socket, &tx);
    TT_CHECK(w.contexts[0]);
    for (int i = 0; i < 10; ++i) {
        exchange(&w, w.contexts[0], TERN_COAP_CODE_GET, "/", NULL, 0, 0, 1);
    }
    static uint8_t data[4096];
    for (size_t i = 0; i < sizeof(data); ++i) {
        data[i] = (uint8_t) (i * 31);
    }
    exchange(&w, w.contexts[0], TERN_COAP_CODE_PUT, "example_data", data,
             sizeof(data), 0, 4);
    exchange(&w, w.contexts[0], TERN_COAP_CODE_GET, "example_data", NULL, 0,
             sizeof(data), 4);
    printf("relay: %u/%u requests and %u/%u responses dropped\n",
           w.relay.dropped[0], w.relay.dropped[0] + w.relay.forwarded[0],
           w.relay.dropped[1], w.relay.dropped[1] + w.relay.forwarded[1]);
    TT_CHECK(w.relay.dropped[0] > 0 && w.relay.dropped[1] > 0);
    tern_coap_ctx_delete(&w.contexts[0]);
    avs_net_socket_cleanup(&socket);
    relay_close(&w.relay);
    avs_sched_cleanup(&w.sched);
    avs_crypto_prng_free(&prng);
    peer_kill(pid);
}

/* A Tern server answering every other request separately (deferred). */
typedef struct {
    int requests;
    tern_coap_id_t pending;
    tern_coap_ctx_t *ctx;
} tern_server_t;

static void serve(tern_coap_ctx_t *ctx, tern_coap_incoming_t *request,
                  const tern_coap_msg_t *msg, void *arg) {
    (void) ctx;
    tern_server_t *s = (tern_server_t *) arg;
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    response.code = msg->code == TERN_COAP_CODE_GET ? TERN_COAP_CODE_CONTENT
                                                    : TERN_COAP_CODE_CHANGED;
    if (++s->requests % 2 == 0 && !s->pending) {
        tern_coap_defer(request, &s->pending);
        return;
    }
    response.payload = (const uint8_t *) "ok";
    response.payload_size = 2;
    tern_coap_respond(request, &response);
}

static void answer_pending(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_server_t *s = *(tern_server_t *const *) data;
    if (s->pending) {
        tern_coap_msg_t response;
        memset(&response, 0, sizeof(response));
        response.code = TERN_COAP_CODE_CONTENT;
        response.payload = (const uint8_t *) "later";
        response.payload_size = 5;
        tern_coap_respond_deferred(s->ctx, s->pending, &response);
        s->pending = 0;
    }
    AVS_SCHED_DELAYED(sched, NULL,
                      avs_time_duration_from_scalar(50, AVS_TIME_MS),
                      answer_pending, &s, sizeof(s));
}

static void test_against_tern(void) {
    int server_port = peer_free_port(false);
    int relay_port = peer_free_port(false);
    world_t w;
    memset(&w, 0, sizeof(w));
    w.sched = avs_sched_new("lossy", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    TT_CHECK(relay_open(&w.relay, relay_port, server_port, seed_or(3)));
    avs_coap_udp_tx_params_t tx = scaled_params();
    /* The server side: bound to its port, connected to the relay's back
     * socket. */
    struct sockaddr_in back;
    socklen_t len = sizeof(back);
    getsockname(w.relay.back, (struct sockaddr *) &back, &len);
    avs_net_socket_t *server_socket =
            peer_udp_socket(server_port, ntohs(back.sin_port));
    TT_CHECK(server_socket);
    tern_server_t server = {0};
    tern_coap_config_t server_config = {.transport = TERN_COAP_TRANSPORT_UDP,
                                        .sched = w.sched,
                                        .prng = prng,
                                        .udp_tx_params = &tx,
                                        .msg_cache_size = 16384,
                                        .max_reassembly_size = 1 << 20,
                                        .request_handler = serve,
                                        .request_handler_arg = &server};
    w.contexts[1] = tern_coap_ctx_new(server_socket, &server_config);
    server.ctx = w.contexts[1];
    tern_server_t *server_ptr = &server;
    AVS_SCHED_NOW(w.sched, NULL, answer_pending, &server_ptr,
                  sizeof(server_ptr));
    avs_net_socket_t *socket = NULL;
    w.contexts[0] = open_client(&w, relay_port, prng, &socket, &tx);
    TT_CHECK(w.contexts[0]);
    for (int i = 0; i < 12; ++i) {
        /* A deferred answer is a second confirmable exchange. */
        exchange(&w, w.contexts[0],
                 i % 3 ? TERN_COAP_CODE_GET : TERN_COAP_CODE_POST, "/x",
                 (const uint8_t *) "payload", 7, 0, 2);
    }
    printf("relay: %u/%u requests and %u/%u responses dropped\n",
           w.relay.dropped[0], w.relay.dropped[0] + w.relay.forwarded[0],
           w.relay.dropped[1], w.relay.dropped[1] + w.relay.forwarded[1]);
    /* Duplicates were answered from the cache: one execution each. */
    TT_EQ(server.requests, 12);
    TT_CHECK(w.relay.dropped[0] > 0 && w.relay.dropped[1] > 0);
    tern_coap_ctx_delete(&w.contexts[0]);
    tern_coap_ctx_delete(&w.contexts[1]);
    avs_net_socket_cleanup(&socket);
    avs_net_socket_cleanup(&server_socket);
    relay_close(&w.relay);
    avs_sched_cleanup(&w.sched);
    avs_crypto_prng_free(&prng);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_ERROR);
    avs_log_set_level(net, AVS_LOG_QUIET);
    if (!peer_available(SERVER_TOOL)) {
        printf("SKIP: %s not installed\n", SERVER_TOOL);
        return TT_SKIP_CODE;
    }
    TT_RUN(test_against_libcoap);
    TT_RUN(test_against_tern);
    return TT_SUMMARY();
}

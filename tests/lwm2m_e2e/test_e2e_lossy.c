/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* A lossy path: a UDP relay in the test process drops 30 % of the
 * datagrams in each direction, from a fixed pseudo-random sequence.
 * Retransmissions of both sides must still get the registration, Reads
 * and notifications through. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

typedef struct {
    int front;
    int back;
    struct sockaddr_in client;
    bool client_known;
    uint32_t state;
    unsigned forwarded;
    unsigned dropped;
} relay_t;

static relay_t g_relay;

static bool drop(relay_t *relay) {
    /* xorshift32: the same drops in every run. */
    uint32_t x = relay->state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    relay->state = x;
    return x % 100 < 30;
}

static void relay_pump(void *arg) {
    relay_t *relay = (relay_t *) arg;
    uint8_t buf[4096];
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
        if (drop(relay)) {
            ++relay->dropped;
        } else {
            ++relay->forwarded;
            send(relay->back, buf, (size_t) n, 0);
        }
    }
    for (;;) {
        ssize_t n = recv(relay->back, buf, sizeof(buf), MSG_DONTWAIT);
        if (n < 0) {
            break;
        }
        if (!relay->client_known || drop(relay)) {
            ++relay->dropped;
        } else {
            ++relay->forwarded;
            sendto(relay->front, buf, (size_t) n, 0,
                   (struct sockaddr *) &relay->client, sizeof(relay->client));
        }
    }
}

static unsigned relay_open(relay_t *relay, unsigned server_port) {
    memset(relay, 0, sizeof(*relay));
    relay->state = 0x2545F491u;
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    relay->front = socket(AF_INET, SOCK_DGRAM, 0);
    relay->back = socket(AF_INET, SOCK_DGRAM, 0);
    socklen_t len = sizeof(addr);
    if (relay->front < 0 || relay->back < 0 ||
        bind(relay->front, (struct sockaddr *) &addr, sizeof(addr)) ||
        getsockname(relay->front, (struct sockaddr *) &addr, &len)) {
        return 0;
    }
    unsigned port = ntohs(addr.sin_port);
    addr.sin_port = htons((uint16_t) server_port);
    if (connect(relay->back, (struct sockaddr *) &addr, sizeof(addr))) {
        return 0;
    }
    return port;
}

static void test_lossy_path(void) {
    TT_CHECK(e2e_server_start(S, NULL));
    unsigned port = relay_open(&g_relay, g_server.coap_port);
    TT_CHECK(port);
    int fds[2] = {g_relay.front, g_relay.back};
    e2e_set_pump_hook(relay_pump, &g_relay, fds, 2);
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", port);
    /* Five transmissions at most, 0.5 s apart at first. */
    static const avs_coap_udp_tx_params_t TX = {{0, 500000000}, 1.0, 4, 1};
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.udp_tx_params = &TX;
    e2e_client_opts_t opts = {
            .uri = uri, .mode = ANJAY_SECURITY_NOSEC, .config = &config};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    TT_CHECK(e2e_wait(S, client.anjay, "REGISTERED ", NULL, 20000, NULL, 0));
    /* The server may see the Register before the client sees the answer
     * (dropped, then resent on the client's retransmission); an Update
     * asked for meanwhile would be ignored. */
    for (int i = 0;
         i < 1000 && anjay_get_server_connection_status(client.anjay, 1) !=
                             ANJAY_SERV_CONN_STATUS_REGISTERED;
         ++i) {
        e2e_pump(S, client.anjay, 20);
    }
    TT_EQ(anjay_get_server_connection_status(client.anjay, 1),
          ANJAY_SERV_CONN_STATUS_REGISTERED);
    /* Client requests: retransmitted by Tern (0.5, 1, 2, 4, 8 s). */
    for (int i = 0; i < 5; ++i) {
        TT_EQ(anjay_schedule_registration_update(client.anjay, 1), 0);
        TT_CHECK(e2e_wait(S, client.anjay, "UPDATED ", NULL, 16000, NULL, 0));
    }
    /* Server requests: retransmitted by libcoap (2 s doubling, four
     * times), answered from Tern's cache when only the answer was lost. */
    E2E_EXPECT(S, client.anjay, "OK set", NULL, "set timeout 40");
    for (int i = 0; i < 3; ++i) {
        e2e_server_cmd(S, "read e2e-client /3/0/0");
        TT_CHECK(e2e_wait(S, client.anjay, "RESPONSE 2.05 ct=0 Tern", NULL,
                          40000, NULL, 0));
    }
    /* Non-confirmable notifications every second: some get through. */
    e2e_server_cmd(S, "observe e2e-client /3333/0/5506");
    TT_CHECK(e2e_wait(S, client.anjay, "NOTIFY ", NULL, 40000, NULL, 0));
    TT_CHECK(e2e_wait(S, client.anjay, "NOTIFY ", NULL, 10000, NULL, 0));
    fprintf(stderr, "    relay forwarded %u, dropped %u datagrams\n",
            g_relay.forwarded, g_relay.dropped);
    TT_CHECK(g_relay.dropped * 100 >=
             10 * (g_relay.dropped + g_relay.forwarded));
    /* Some of the client's confirmable requests or their answers were
     * dropped, so the client must have counted retransmissions. */
    uint64_t out_retx = anjay_get_num_outgoing_retransmissions(client.anjay);
    fprintf(stderr, "    client retransmitted %u, received %u duplicates\n",
            (unsigned) out_retx,
            (unsigned) anjay_get_num_incoming_retransmissions(client.anjay));
    TT_CHECK(out_retx > 0);
    e2e_client_stop(&client);
    e2e_set_pump_hook(NULL, NULL, NULL, 0);
    close(g_relay.front);
    close(g_relay.back);
    e2e_server_stop(S);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    TT_RUN(test_lossy_path);
    e2e_server_stop(S);
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Connections that go away and come back: the server restarts on the same
 * ports (the client registers again), the client goes offline and online
 * (a kept registration is refreshed with an Update, stored notifications
 * follow), and a resumed DTLS session leads to Update, not Register. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

static unsigned free_port(int type) {
    int fd = socket(AF_INET, type, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    bind(fd, (struct sockaddr *) &addr, sizeof(addr));
    getsockname(fd, (struct sockaddr *) &addr, &len);
    close(fd);
    return ntohs(addr.sin_port);
}

static char g_port[8], g_secure_port[8];

static bool start_server(void) {
    const char *args[] = {"--port",      g_port,      "--secure-port",
                          g_secure_port, "--no-tcp",  "--psk-identity",
                          "re-id",       "--psk-key", "re-key",
                          NULL};
    return e2e_server_start(S, args);
}

/* Short retransmissions: an Update to a server that lost the DTLS session
 * times out in 1.5 s. */
static const avs_coap_udp_tx_params_t FAST_TX = {{0, 500000000}, 1.0, 1, 1};

static void restart(const char *scheme, anjay_security_mode_t mode) {
    snprintf(g_port, sizeof(g_port), "%u", free_port(SOCK_DGRAM));
    snprintf(g_secure_port, sizeof(g_secure_port), "%u", free_port(SOCK_DGRAM));
    TT_CHECK(start_server());
    char uri[64];
    snprintf(uri, sizeof(uri), "%s://127.0.0.1:%s", scheme,
             mode == ANJAY_SECURITY_NOSEC ? g_port : g_secure_port);
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.udp_tx_params = &FAST_TX;
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = mode,
                              .psk_identity = "re-id",
                              .psk_key = "re-key",
                              .config = &config};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    TT_CHECK(e2e_wait(S, client.anjay, "REGISTERED ", NULL, 5000, NULL, 0));
    e2e_server_stop(S);
    TT_CHECK(start_server());
    /* The next Update meets a server that knows nothing of the client. */
    TT_EQ(anjay_schedule_registration_update(client.anjay, 1), 0);
    TT_CHECK(e2e_wait(S, client.anjay, "REGISTERED ", NULL, 8000, NULL, 0));
    E2E_EXPECT(S, client.anjay, "RESPONSE ", NULL, "read e2e-client /3/0/1");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 tern-demo");
    e2e_client_stop(&client);
    TT_CHECK(e2e_wait(S, NULL, "DEREGISTERED ", NULL, 3000, NULL, 0));
    e2e_server_stop(S);
}

static void test_server_restart_nosec(void) {
    restart("coap", ANJAY_SECURITY_NOSEC);
}

static void test_server_restart_dtls(void) {
    restart("coaps", ANJAY_SECURITY_PSK);
}

/* Offline and back: the registration is still valid and the local port is
 * the same, so an Update refreshes it; the Notify kept meanwhile
 * (Notification Storing) arrives after it. */
static void test_offline_with_stored_notification(void) {
    snprintf(g_port, sizeof(g_port), "%u", free_port(SOCK_DGRAM));
    snprintf(g_secure_port, sizeof(g_secure_port), "%u", free_port(SOCK_DGRAM));
    TT_CHECK(start_server());
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%s", g_port);
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = ANJAY_SECURITY_NOSEC,
                              .notification_storing = true};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    anjay_t *anjay = client.anjay;
    TT_CHECK(e2e_wait(S, anjay, "REGISTERED ", NULL, 5000, NULL, 0));
    E2E_EXPECT(S, anjay, "RESPONSE 2.05", NULL,
               "observe e2e-client /33605/0/0");

    TT_EQ(anjay_transport_enter_offline(anjay, ANJAY_TRANSPORT_SET_UDP), 0);
    e2e_pump(S, anjay, 200);
    TT_CHECK(anjay_transport_is_offline(anjay, ANJAY_TRANSPORT_SET_UDP));
    TT_CHECK(!anjay_get_sockets(anjay));
    client.test.inst[0].integer = 1234;
    anjay_notify_changed(anjay, E2E_OID, 0, 0);
    e2e_pump(S, anjay, 300);
    TT_CHECK(anjay_has_unsent_notifications(anjay, 1));
    TT_CHECK(!e2e_server_saw(S, "NOTIFY "));

    TT_EQ(anjay_transport_exit_offline(anjay, ANJAY_TRANSPORT_SET_UDP), 0);
    TT_CHECK(e2e_wait(S, anjay, "UPDATED ", NULL, 5000, NULL, 0));
    TT_CHECK(e2e_wait(S, anjay, "NOTIFY ", " 1234", 3000, NULL, 0));
    TT_CHECK(!e2e_server_saw(S, "REGISTERED "));
    TT_CHECK(!anjay_has_unsent_notifications(anjay, 1));
    e2e_client_stop(&client);
    e2e_server_stop(S);
}

/* Reconnecting a DTLS connection resumes the session: the registration is
 * kept and refreshed with an Update. */
static void test_resumed_dtls_session_updates(void) {
    snprintf(g_port, sizeof(g_port), "%u", free_port(SOCK_DGRAM));
    snprintf(g_secure_port, sizeof(g_secure_port), "%u", free_port(SOCK_DGRAM));
    TT_CHECK(start_server());
    char uri[64];
    snprintf(uri, sizeof(uri), "coaps://127.0.0.1:%s", g_secure_port);
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = ANJAY_SECURITY_PSK,
                              .psk_identity = "re-id",
                              .psk_key = "re-key"};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    anjay_t *anjay = client.anjay;
    TT_CHECK(e2e_wait(S, anjay, "REGISTERED ", NULL, 5000, NULL, 0));
    for (int round = 0; round < 2; ++round) {
        if (round == 0) {
            TT_EQ(anjay_server_schedule_reconnect(anjay, 1), 0);
        } else {
            TT_EQ(anjay_transport_enter_offline(anjay, ANJAY_TRANSPORT_SET_ALL),
                  0);
            e2e_pump(S, anjay, 200);
            TT_EQ(anjay_transport_exit_offline(anjay, ANJAY_TRANSPORT_SET_ALL),
                  0);
        }
        TT_CHECK(e2e_wait(S, anjay, "UPDATED ", NULL, 5000, NULL, 0));
        TT_CHECK(!e2e_server_saw(S, "REGISTERED "));
        E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "read e2e-client /3/0/0");
        TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 Tern");
    }
    e2e_client_stop(&client);
    e2e_server_stop(S);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    TT_RUN(test_server_restart_nosec);
    e2e_server_stop(S);
    TT_RUN(test_server_restart_dtls);
    e2e_server_stop(S);
    TT_RUN(test_offline_with_stored_notification);
    e2e_server_stop(S);
    TT_RUN(test_resumed_dtls_session_updates);
    e2e_server_stop(S);
    return TT_SUMMARY();
}

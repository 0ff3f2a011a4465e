/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* CoAP over TCP (RFC 8323): coap+tcp and coaps+tcp with PSK. Register with
 * b=T, Read, Write, Observe, Update, De-register. */
#include <string.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

static void exercise(const char *uri, anjay_security_mode_t mode) {
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = mode,
                              .psk_identity = "tcp-id",
                              .psk_key = "tcp-key"};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    anjay_t *anjay = client.anjay;
    TT_CHECK(e2e_wait(S, anjay, "REGISTERED ", " b=T ", 8000, NULL, 0));
    AVS_LIST(const anjay_socket_entry_t)
    entries = anjay_get_socket_entries(anjay);
    TT_CHECK(entries && entries->transport == ANJAY_SOCKET_TRANSPORT_TCP);
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "read e2e-client /33605/0 tlv");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=11542 "));
    E2E_EXPECT(S, anjay, "RESPONSE 2.04", NULL,
               "write e2e-client /33605/0/1 text over-tcp");
    TT_STREQ(client.test.inst[0].string, "over-tcp");
    E2E_EXPECT(S, anjay, "RESPONSE 2.05", NULL,
               "observe e2e-client /33605/0/0");
    client.test.inst[0].integer = 77;
    anjay_notify_changed(anjay, E2E_OID, 0, 0);
    TT_CHECK(e2e_wait(S, anjay, "NOTIFY ", " 77", 3000, NULL, 0));
    TT_EQ(anjay_schedule_registration_update(anjay, ANJAY_SSID_ANY), 0);
    TT_CHECK(e2e_wait(S, anjay, "UPDATED ", NULL, 5000, NULL, 0));
    e2e_client_stop(&client);
    TT_CHECK(e2e_wait(S, NULL, "DEREGISTERED ", NULL, 3000, NULL, 0));
}

static void test_coap_tcp(void) {
    char uri[64];
    snprintf(uri, sizeof(uri), "coap+tcp://127.0.0.1:%u", g_server.tcp_port);
    exercise(uri, ANJAY_SECURITY_NOSEC);
}

static void test_coaps_tcp(void) {
    char uri[64];
    snprintf(uri, sizeof(uri), "coaps+tcp://127.0.0.1:%u", g_server.tls_port);
    exercise(uri, ANJAY_SECURITY_PSK);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    const char *args[] = {"--psk-identity", "tcp-id", "--psk-key", "tcp-key",
                          NULL};
    if (!e2e_server_start(S, args) || !g_server.tcp_port ||
        !g_server.tls_port) {
        fprintf(stderr, "the server offers no coap+tcp / coaps+tcp\n");
        e2e_server_stop(S);
        return 1;
    }
    TT_RUN(test_coap_tcp);
    TT_RUN(test_coaps_tcp);
    e2e_server_stop(S);
    return TT_SUMMARY();
}

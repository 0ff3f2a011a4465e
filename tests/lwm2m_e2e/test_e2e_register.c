/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Registration interface over plain CoAP: Register, Update (on request,
 * on a lifetime change, on a new Object), De-register, retransmission. */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "e2e_session.h"

static e2e_server_t g_server;

static void uri_of(char *buf, size_t size, const char *scheme, unsigned port) {
    snprintf(buf, size, "%s://127.0.0.1:%u", scheme, port);
}

static void test_register_update_deregister(void) {
    TT_CHECK(e2e_server_start(&g_server, NULL));
    char uri[64];
    uri_of(uri, sizeof(uri), "coap", g_server.coap_port);
    e2e_client_opts_t opts = {.uri = uri, .mode = ANJAY_SECURITY_NOSEC};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    char line[E2E_LINE_SIZE];
    TT_CHECK(e2e_wait(&g_server, client.anjay, "REGISTERED ", NULL, 5000, line,
                      sizeof(line)));
    TT_CHECK(strstr(line, " ep=e2e-client "));
    TT_CHECK(strstr(line, " lt=120 "));
    TT_CHECK(strstr(line, " lwm2m=1.1 "));
    TT_CHECK(strstr(line, " b=U "));
    TT_CHECK(strstr(line, "</>;rt=\"oma.lwm2m\";ct=112"));
    TT_CHECK(strstr(line, "</3>;ver=1.1,</3/0>"));
    TT_CHECK(strstr(line, "</33605>;ver=1.2,</33605/0>"));
    TT_CHECK(!strstr(line, "</0/"));
    TT_EQ(anjay_get_server_connection_status(client.anjay, 1),
          ANJAY_SERV_CONN_STATUS_REGISTERED);
    anjay_registration_expiration_status_t status;
    avs_time_real_t expiry = anjay_registration_expiration_time_with_status(
            client.anjay, 1, &status);
    TT_EQ(status, ANJAY_REGISTRATION_EXPIRATION_STATUS_VALID);
    TT_CHECK(avs_time_real_valid(expiry));

    /* An Update on request carries nothing that did not change. */
    TT_EQ(anjay_schedule_registration_update(client.anjay, 1), 0);
    TT_CHECK(e2e_wait(&g_server, client.anjay, "UPDATED ", NULL, 5000, line,
                      sizeof(line)));

    /* The server writes the lifetime: the client sends lt= in an Update. */
    e2e_server_cmd(&g_server, "write 1 /1/0/1 text 60");
    TT_CHECK(e2e_wait(&g_server, client.anjay, "RESPONSE 2.04", NULL, 5000,
                      NULL, 0));
    TT_CHECK(e2e_wait(&g_server, client.anjay, "UPDATED ", " lt=60 ", 5000,
                      NULL, 0));

    /* Registration Update Trigger (/1/0/8). */
    e2e_server_cmd(&g_server, "execute 1 /1/0/8");
    TT_CHECK(e2e_wait(&g_server, client.anjay, "RESPONSE 2.04", NULL, 5000,
                      NULL, 0));
    TT_CHECK(
            e2e_wait(&g_server, client.anjay, "UPDATED ", NULL, 5000, NULL, 0));

    /* A new Object changes the links: an Update carries them at once. */
    TT_EQ(anjay_unregister_object(client.anjay, e2e_object_def(&client.test)),
          0);
    TT_CHECK(e2e_wait(&g_server, client.anjay, "UPDATED ", NULL, 5000, line,
                      sizeof(line)));
    TT_CHECK(!strstr(line, "33605"));
    TT_EQ(anjay_register_object(client.anjay, e2e_object_def(&client.test)), 0);
    TT_CHECK(e2e_wait(&g_server, client.anjay, "UPDATED ", "</33605/0>", 5000,
                      NULL, 0));

    /* Disable (/1/0/4) for the Disable Timeout (/1/0/5): De-register, then
     * Register again when it runs out. */
    E2E_EXPECT(&g_server, client.anjay, "RESPONSE 2.04", NULL,
               "write 1 /1/0/5 text 1");
    E2E_EXPECT(&g_server, client.anjay, "RESPONSE 2.04", NULL,
               "execute 1 /1/0/4");
    TT_CHECK(e2e_wait(&g_server, client.anjay, "DEREGISTERED ", NULL, 3000,
                      NULL, 0));
    E2E_PUMP_UNTIL(&g_server, client.anjay,
                   anjay_get_server_connection_status(client.anjay, 1) ==
                           ANJAY_SERV_CONN_STATUS_SUSPENDED,
                   2000);
    TT_CHECK(e2e_wait(&g_server, client.anjay, "REGISTERED ", NULL, 4000, NULL,
                      0));

    e2e_client_stop(&client);
    TT_CHECK(e2e_wait(&g_server, NULL, "DEREGISTERED ", NULL, 2000, NULL, 0));
    e2e_server_stop(&g_server);
}

static unsigned free_udp_port(void) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
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

/* The server comes up after the first Register went out: a retransmission
 * reaches it. */
static void test_late_server(void) {
    unsigned port = free_udp_port();
    char uri[64];
    uri_of(uri, sizeof(uri), "coap", port);
    e2e_client_opts_t opts = {.uri = uri, .mode = ANJAY_SECURITY_NOSEC};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    e2e_pump(NULL, client.anjay, 1500);
    TT_EQ(anjay_get_server_connection_status(client.anjay, 1),
          ANJAY_SERV_CONN_STATUS_REGISTERING);
    TT_CHECK(anjay_ongoing_registration_exists(client.anjay));
    char port_text[8];
    snprintf(port_text, sizeof(port_text), "%u", port);
    const char *args[] = {"--port", port_text,  "--secure-port",
                          "0",      "--no-tcp", NULL};
    TT_CHECK(e2e_server_start(&g_server, args));
    TT_CHECK(e2e_wait(&g_server, client.anjay, "REGISTERED ", NULL, 8000, NULL,
                      0));
    TT_CHECK(!anjay_ongoing_registration_exists(client.anjay));
    TT_CHECK(anjay_get_tx_bytes(client.anjay) > 0);
    TT_CHECK(anjay_get_rx_bytes(client.anjay) > 0);
    e2e_client_stop(&client);
    TT_CHECK(e2e_wait(&g_server, NULL, "DEREGISTERED ", NULL, 2000, NULL, 0));
    e2e_server_stop(&g_server);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <tern-test-server>\n", argv[0]);
        return 2;
    }
    e2e_server_path = argv[1];
    TT_RUN(test_register_update_deregister);
    e2e_server_stop(&g_server);
    TT_RUN(test_late_server);
    e2e_server_stop(&g_server);
    return TT_SUMMARY();
}

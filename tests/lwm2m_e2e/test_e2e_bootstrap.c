/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Client-initiated bootstrap: Bootstrap-Request, Bootstrap-Delete, -Write,
 * -Read, -Discover, -Finish, then Register with the provisioned server;
 * and the fallback to bootstrap when registration keeps failing. */
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "e2e_session.h"

static e2e_server_t g_server;

#define S (&g_server)

/* The Bootstrap Server provisions itself as the management server. */
static void provision(anjay_t *anjay) {
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "bootstrap-delete e2e-client /");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.02"));
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL,
               "bootstrap-write e2e-client /0/5 senml-json "
               "[{\"bn\":\"/0/5/\",\"n\":\"0\",\"vs\":"
               "\"coap://127.0.0.1:%u\"},{\"n\":\"1\",\"vb\":false},"
               "{\"n\":\"2\",\"v\":3},{\"n\":\"3\",\"vd\":\"\"},"
               "{\"n\":\"5\",\"vd\":\"\"},{\"n\":\"10\",\"v\":7}]",
               g_server.coap_port);
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.04"));
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL,
               "bootstrap-write e2e-client /1/5 senml-json "
               "[{\"bn\":\"/1/5/\",\"n\":\"0\",\"v\":7},"
               "{\"n\":\"1\",\"v\":90},{\"n\":\"6\",\"vb\":false},"
               "{\"n\":\"7\",\"vs\":\"U\"}]");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.04"));
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "bootstrap-read e2e-client /1");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05"));
    TT_CHECK(strstr(e2e_last_line, "/1/5/1=90"));
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "bootstrap-discover e2e-client /");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.05 ct=40 "));
    TT_CHECK(strstr(e2e_last_line, "</0/5>"));
    TT_CHECK(anjay_ongoing_registration_exists(anjay));
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "bootstrap-finish e2e-client");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 2.04"));
    TT_CHECK(e2e_wait(S, anjay, "REGISTERED ", " lt=90 ", 5000, NULL, 0));
    TT_EQ(anjay_get_server_connection_status(anjay, 7),
          ANJAY_SERV_CONN_STATUS_REGISTERED);
    E2E_EXPECT(S, anjay, "RESPONSE ", NULL, "read e2e-client /3/0/0");
    TT_STREQ(e2e_last_line, "RESPONSE 2.05 ct=0 Tern");
}

static void test_bootstrap(void) {
    const char *args[] = {"--bootstrap", NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", g_server.coap_port);
    e2e_client_opts_t opts = {
            .uri = uri, .mode = ANJAY_SECURITY_NOSEC, .bootstrap = true};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    TT_CHECK(e2e_wait(S, client.anjay, "BOOTSTRAP-REQUEST ", "e2e-client", 5000,
                      NULL, 0));
    provision(client.anjay);
    e2e_client_stop(&client);
    TT_CHECK(e2e_wait(S, NULL, "DEREGISTERED ", NULL, 3000, NULL, 0));
    e2e_server_stop(S);
}

/* A Bootstrap-Finish that leaves no usable server is refused. */
static void test_finish_without_server(void) {
    const char *args[] = {"--bootstrap", NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64];
    snprintf(uri, sizeof(uri), "coap://127.0.0.1:%u", g_server.coap_port);
    e2e_client_opts_t opts = {
            .uri = uri, .mode = ANJAY_SECURITY_NOSEC, .bootstrap = true};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    TT_CHECK(e2e_wait(S, client.anjay, "BOOTSTRAP-REQUEST ", NULL, 5000, NULL,
                      0));
    E2E_EXPECT(S, client.anjay, "RESPONSE ", NULL,
               "bootstrap-finish e2e-client");
    TT_CHECK(strstr(e2e_last_line, "RESPONSE 4.06"));
    e2e_client_stop(&client);
    e2e_server_stop(S);
}

static unsigned closed_tcp_port(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
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

/* The management server refuses connections: after the retries (three
 * attempts, 1 s then 2 s apart) the client falls back to bootstrap. */
static void test_fallback_to_bootstrap(void) {
    const char *args[] = {"--bootstrap", NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64], bs_uri[64];
    snprintf(uri, sizeof(uri), "coap+tcp://127.0.0.1:%u", closed_tcp_port());
    snprintf(bs_uri, sizeof(bs_uri), "coap://127.0.0.1:%u", g_server.coap_port);
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.connection_error_is_registration_failure = true;
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = ANJAY_SECURITY_NOSEC,
                              .bootstrap_uri = bs_uri,
                              .config = &config};
    e2e_client_t client;
    TT_CHECK(e2e_client_start(&client, &opts));
    e2e_pump(S, client.anjay, 500);
    TT_CHECK(!e2e_server_saw(S, "BOOTSTRAP-REQUEST "));
    TT_CHECK(e2e_wait(S, client.anjay, "BOOTSTRAP-REQUEST ", NULL, 6000, NULL,
                      0));
    provision(client.anjay);
    e2e_client_stop(&client);
    e2e_server_stop(S);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    TT_RUN(test_bootstrap);
    e2e_server_stop(S);
    TT_RUN(test_finish_without_server);
    e2e_server_stop(S);
    TT_RUN(test_fallback_to_bootstrap);
    e2e_server_stop(S);
    return TT_SUMMARY();
}

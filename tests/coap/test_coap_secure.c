/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Tern as a client of coap-server-openssl over coaps (DTLS) and coaps+tcp
 * (TLS), with a pre-shared key and with certificates made for the test:
 * the same engine code over the OpenSSL socket layer. Skipped (and
 * reported) without the tools or without a (D)TLS layer. */

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_crypto_psk.h>

#include "coap_test_peer.h"
#include "coap_test_util.h"

#define SERVER_TOOL "coap-server-openssl"
#define PSK_IDENTITY "tern-client"
#define PSK_KEY "tern-secret-key"

static int g_port;
static pid_t g_server_pid = -1;
static char g_dir[64];
static uint8_t g_ca_der[4096];
static size_t g_ca_der_size;

static uint8_t *pattern(size_t size, unsigned seed) {
    uint8_t *data = (uint8_t *) malloc(size ? size : 1);
    uint32_t x = seed * 2654435761u + 3;
    for (size_t i = 0; i < size; ++i) {
        x = x * 1103515245u + 12345u;
        data[i] = (uint8_t) (x >> 16);
    }
    return data;
}

/* A throw-away CA and a server certificate for 127.0.0.1. */
static bool make_certificates(void) {
    snprintf(g_dir, sizeof(g_dir), "/tmp/tern-coap-pki-%d", (int) getpid());
    char cmd[2048];
    snprintf(cmd, sizeof(cmd),
             "set -e; mkdir -p %s; cd %s; "
             "printf 'subjectAltName=IP:127.0.0.1\\n' > ext; "
             "openssl req -x509 -newkey ec -pkeyopt "
             "ec_paramgen_curve:prime256v1 -nodes -keyout ca.key -out ca.crt "
             "-days 2 -subj /CN=TernTestCA; "
             "openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 "
             "-nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1; "
             "openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key "
             "-CAcreateserial -out srv.crt -days 2 -extfile ext; "
             "openssl x509 -in ca.crt -outform DER -out ca.der",
             g_dir, g_dir);
    char quiet[2200];
    snprintf(quiet, sizeof(quiet), "(%s) >/dev/null 2>&1", cmd);
    if (system(quiet) != 0) {
        return false;
    }
    char path[128];
    snprintf(path, sizeof(path), "%s/ca.der", g_dir);
    FILE *f = fopen(path, "rb");
    if (!f) {
        return false;
    }
    g_ca_der_size = fread(g_ca_der, 1, sizeof(g_ca_der), f);
    fclose(f);
    return g_ca_der_size > 0;
}

static void remove_certificates(void) {
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", g_dir);
    if (system(cmd)) {
        fprintf(stderr, "cannot remove %s\n", g_dir);
    }
}

static bool start_server(void) {
    g_port = peer_free_port(true);
    char port[16];
    char crt[96];
    char key[96];
    snprintf(port, sizeof(port), "%d", g_port);
    snprintf(crt, sizeof(crt), "%s/srv.crt", g_dir);
    snprintf(key, sizeof(key), "%s/srv.key", g_dir);
    const char *argv[] = {SERVER_TOOL, "-A", "127.0.0.1", "-p", port, "-k",
                          PSK_KEY,     "-h", "tern-hint", "-c", crt,  "-j",
                          key,         "-v", "0",         NULL};
    g_server_pid = peer_spawn(110, argv, NULL);
    for (int waited = 0; g_server_pid > 0 && waited < 3000; waited += 20) {
        avs_net_socket_t *probe = peer_tcp_socket(g_port);
        if (probe) {
            avs_net_socket_cleanup(&probe);
            return true;
        }
        poll(NULL, 0, 20);
    }
    return false;
}

typedef enum { MODE_PSK, MODE_CERT } mode_t_;

static avs_net_socket_t *secure_socket(bool tcp, mode_t_ mode,
                                       avs_crypto_prng_ctx_t *prng) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.prng_ctx = prng;
    if (mode == MODE_PSK) {
        avs_net_psk_info_t psk = {
                .key = avs_crypto_psk_key_info_from_buffer(PSK_KEY,
                                                           strlen(PSK_KEY)),
                .identity = avs_crypto_psk_identity_info_from_buffer(
                        PSK_IDENTITY, strlen(PSK_IDENTITY))};
        config.security = avs_net_security_info_from_psk(psk);
    } else {
        avs_net_certificate_info_t cert;
        memset(&cert, 0, sizeof(cert));
        cert.server_cert_validation = true;
        cert.ignore_system_trust_store = true;
        cert.trusted_certs = avs_crypto_certificate_chain_info_from_buffer(
                g_ca_der, g_ca_der_size);
        config.security = avs_net_security_info_from_certificates(cert);
    }
    avs_net_socket_t *socket = NULL;
    char port[16];
    snprintf(port, sizeof(port), "%d", g_port + 1);
    avs_error_t err = tcp ? avs_net_ssl_socket_create(&socket, &config)
                          : avs_net_dtls_socket_create(&socket, &config);
    if (avs_is_ok(err)) {
        err = avs_net_socket_connect(socket, "127.0.0.1", port);
    }
    if (avs_is_err(err)) {
        avs_net_socket_cleanup(&socket);
        return NULL;
    }
    return socket;
}

static bool request(tern_coap_ctx_t *ctx, avs_sched_t *sched, uint8_t code,
                    const char *path, const uint8_t *payload, size_t size,
                    outcome_t *out) {
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
    return !tern_coap_send_request(ctx, &req, record_response, out, NULL) &&
           peer_loop(ctx, sched, &out->calls, 0, 30000);
}

static void secure_client(bool tcp, mode_t_ mode, size_t big) {
    avs_sched_t *sched = avs_sched_new("secure", NULL);
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_socket_t *socket = secure_socket(tcp, mode, prng);
    TT_CHECK(socket);
    tern_coap_config_t config = {.transport = tcp ? TERN_COAP_TRANSPORT_TCP
                                                  : TERN_COAP_TRANSPORT_UDP,
                                 .sched = sched,
                                 .prng = prng,
                                 .in_buffer_size = 1200,
                                 .out_buffer_size = 1200,
                                 .msg_cache_size = 4096};
    tern_coap_ctx_t *ctx = tern_coap_ctx_new(socket, &config);
    TT_CHECK(ctx);
    outcome_t out = {0};
    TT_CHECK(request(ctx, sched, TERN_COAP_CODE_GET, "/", NULL, 0, &out));
    TT_EQ(out.result, TERN_COAP_RESULT_OK);
    TT_EQ(out.code, TERN_COAP_CODE_CONTENT);
    TT_CHECK(out.payload_size > 20 &&
             !memcmp(out.payload, "This is a test server", 21));
    uint8_t *data = pattern(big, (unsigned) big);
    outcome_t put = {0};
    TT_CHECK(request(ctx, sched, TERN_COAP_CODE_PUT, "example_data", data, big,
                     &put));
    TT_EQ(put.result, TERN_COAP_RESULT_OK);
    outcome_t get = {0};
    get.assembled = (uint8_t *) malloc(big);
    get.assembled_cap = big;
    TT_CHECK(request(ctx, sched, TERN_COAP_CODE_GET, "example_data", NULL, 0,
                     &get));
    TT_EQ(get.result, TERN_COAP_RESULT_OK);
    TT_EQ(get.assembled_size, big);
    TT_CHECK(!memcmp(get.assembled, data, big));
    free(get.assembled);
    free(data);
    tern_coap_ctx_delete(&ctx);
    avs_net_socket_cleanup(&socket);
    avs_sched_cleanup(&sched);
    avs_crypto_prng_free(&prng);
}

static void test_coaps_psk(void) {
    secure_client(false, MODE_PSK, 1048576);
}

static void test_coaps_tcp_psk(void) {
    secure_client(true, MODE_PSK, 1048576);
}

static void test_coaps_certificate(void) {
    secure_client(false, MODE_CERT, 65536);
}

static void test_coaps_tcp_certificate(void) {
    secure_client(true, MODE_CERT, 65536);
}

int main(void) {
    avs_log_set_default_level(getenv("COAP_LOG") ? AVS_LOG_DEBUG
                                                 : AVS_LOG_WARNING);
    avs_log_set_level(net, AVS_LOG_QUIET);
    if (!peer_available(SERVER_TOOL) || !peer_available("openssl")) {
        printf("SKIP: %s or openssl not installed\n", SERVER_TOOL);
        return TT_SKIP_CODE;
    }
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    avs_net_socket_t *probe = NULL;
    avs_net_ssl_configuration_t probe_config = {.prng_ctx = prng};
    avs_error_t err = avs_net_dtls_socket_create(&probe, &probe_config);
    avs_net_socket_cleanup(&probe);
    avs_crypto_prng_free(&prng);
    if (avs_is_err(err)) {
        printf("SKIP: no (D)TLS socket layer in this build\n");
        return TT_SKIP_CODE;
    }
    if (!make_certificates()) {
        fprintf(stderr, "cannot create test certificates\n");
        remove_certificates();
        return 1;
    }
    if (!start_server()) {
        fprintf(stderr, "cannot start %s\n", SERVER_TOOL);
        peer_kill(g_server_pid);
        remove_certificates();
        return 1;
    }
    TT_RUN(test_coaps_psk);
    TT_RUN(test_coaps_tcp_psk);
    TT_RUN(test_coaps_certificate);
    TT_RUN(test_coaps_tcp_certificate);
    peer_kill(g_server_pid);
    remove_certificates();
    return TT_SUMMARY();
}

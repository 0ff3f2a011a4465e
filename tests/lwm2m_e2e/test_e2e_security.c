/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* Security modes over DTLS: PSK (right and wrong key), certificates with a
 * PKI made by the openssl command-line tool at test time: the Server
 * Public Key as a DANE-EE record, a wrong one, and PKIX through the trust
 * store. */
#include <stdlib.h>
#include <string.h>

#include "e2e_session.h"

static e2e_server_t g_server;
static const char *g_dir;

#define S (&g_server)

typedef struct {
    uint8_t *data;
    size_t size;
} blob_t;

static blob_t g_client_cert, g_client_key, g_server_cert, g_ca_cert;

static bool make_pki(void) {
    /* IP SAN 127.0.0.1 lets PKIX validation check the server's address. */
    return e2e_shell("(cd '%s' && "
                     "openssl req -x509 -newkey ec -pkeyopt "
                     "ec_paramgen_curve:prime256v1 -nodes -keyout ca.key "
                     "-out ca.crt -subj /CN=tern-e2e-ca -days 2 && "
                     "for who in server client; do "
                     "openssl req -newkey ec -pkeyopt "
                     "ec_paramgen_curve:prime256v1 -nodes -keyout $who.key "
                     "-out $who.csr -subj /CN=$who && "
                     "printf 'subjectAltName=IP:127.0.0.1\\n' > $who.ext && "
                     "openssl x509 -req -in $who.csr -CA ca.crt -CAkey ca.key "
                     "-CAcreateserial -out $who.crt -days 2 -extfile $who.ext "
                     "&& openssl x509 -in $who.crt -outform DER -out $who.der "
                     "&& openssl pkey -in $who.key -outform DER "
                     "-out $who.key.der || exit 1; done && "
                     "openssl x509 -in ca.crt -outform DER -out ca.der)"
                     " >/dev/null 2>&1",
                     g_dir) == 0;
}

static bool load(blob_t *blob, const char *name) {
    char path[512];
    snprintf(path, sizeof(path), "%s/%s", g_dir, name);
    return (blob->data = e2e_read_file(path, &blob->size)) != NULL;
}

/* Registers, serves a Read, de-registers. */
static bool session_works(e2e_client_opts_t *opts) {
    e2e_client_t client;
    if (!e2e_client_start(&client, opts)) {
        return false;
    }
    bool ok = e2e_wait(S, client.anjay, "REGISTERED ", NULL, 8000, NULL, 0);
    if (ok) {
        /* Servers number clients in order; the endpoint name is stable. */
        e2e_server_cmd(S, "read e2e-client /3/0/0");
        ok = e2e_wait(S, client.anjay, "RESPONSE 2.05 ct=0 Tern", NULL, 5000,
                      NULL, 0);
    }
    e2e_client_stop(&client);
    return ok && e2e_wait(S, NULL, "DEREGISTERED ", NULL, 3000, NULL, 0);
}

/* Connecting must fail: no registration within @p ms, status not OK; or
 * the client refuses the settings outright. */
static bool session_fails(e2e_client_opts_t *opts, int ms) {
    e2e_client_t client;
    if (!e2e_client_start(&client, opts)) {
        return true;
    }
    e2e_pump(S, client.anjay, ms);
    bool failed = !e2e_server_saw(S, "REGISTERED ") &&
                  anjay_get_server_connection_status(client.anjay, 1) !=
                          ANJAY_SERV_CONN_STATUS_REGISTERED;
    e2e_client_stop(&client);
    return failed;
}

static void test_psk(void) {
    const char *args[] = {"--psk-identity", "e2e-id", "--psk-key",
                          "e2e-secret-key", NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64];
    snprintf(uri, sizeof(uri), "coaps://127.0.0.1:%u", g_server.coaps_port);
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = ANJAY_SECURITY_PSK,
                              .psk_identity = "e2e-id",
                              .psk_key = "e2e-secret-key"};
    TT_CHECK(session_works(&opts));
    opts.psk_key = "wrong-key";
    TT_CHECK(session_fails(&opts, 2500));
    /* NoSec on a coaps:// URI is refused before any packet. */
    opts.mode = ANJAY_SECURITY_NOSEC;
    TT_CHECK(session_fails(&opts, 300));
    e2e_server_stop(S);
}

static void test_certificates(void) {
    TT_CHECK(make_pki());
    TT_CHECK(load(&g_client_cert, "client.der"));
    TT_CHECK(load(&g_client_key, "client.key.der"));
    TT_CHECK(load(&g_server_cert, "server.der"));
    TT_CHECK(load(&g_ca_cert, "ca.der"));
    char cert[512], key[512], ca[512];
    snprintf(cert, sizeof(cert), "%s/server.crt", g_dir);
    snprintf(key, sizeof(key), "%s/server.key", g_dir);
    snprintf(ca, sizeof(ca), "%s/ca.crt", g_dir);
    const char *args[] = {"--cert", cert, "--key", key, "--ca", ca, NULL};
    TT_CHECK(e2e_server_start(S, args));
    char uri[64];
    snprintf(uri, sizeof(uri), "coaps://127.0.0.1:%u", g_server.coaps_port);
    e2e_client_opts_t opts = {.uri = uri,
                              .mode = ANJAY_SECURITY_CERTIFICATE,
                              .cert = g_client_cert.data,
                              .cert_size = g_client_cert.size,
                              .key = g_client_key.data,
                              .key_size = g_client_key.size,
                              .server_cert = g_server_cert.data,
                              .server_cert_size = g_server_cert.size};
    /* Server Public Key = the server's certificate, as DANE-EE. */
    TT_CHECK(session_works(&opts));

    /* A Server Public Key that is not the server's: no connection. */
    opts.server_cert = g_ca_cert.data;
    opts.server_cert_size = g_ca_cert.size;
    TT_CHECK(session_fails(&opts, 2500));

    /* No Server Public Key: PKIX against the configured trust store. */
    anjay_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.trust_store_certs = avs_crypto_certificate_chain_info_from_buffer(
            g_ca_cert.data, g_ca_cert.size);
    opts.server_cert = NULL;
    opts.server_cert_size = 0;
    opts.config = &config;
    TT_CHECK(session_works(&opts));
    e2e_server_stop(S);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        return 2;
    }
    e2e_server_path = argv[1];
    if (!(g_dir = e2e_tmpdir())) {
        return 1;
    }
    TT_RUN(test_psk);
    e2e_server_stop(S);
    TT_RUN(test_certificates);
    e2e_server_stop(S);
    free(g_client_cert.data);
    free(g_client_key.data);
    free(g_server_cert.data);
    free(g_ca_cert.data);
    e2e_shell("rm -rf '%s'", g_dir);
    return TT_SUMMARY();
}

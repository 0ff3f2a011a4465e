/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * An OpenSSL (D)TLS echo server on a thread of the test program, for tests
 * and benchmarks that need a peer with exact, repeatable behaviour. It serves
 * one connection at a time on 127.0.0.1, for as many connections as come.
 */
#ifndef TERN_TLS_TEST_SERVER_H
#define TERN_TLS_TEST_SERVER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/ssl.h>

#define TTS_PSK_IDENTITY "tern-test"
extern const unsigned char TTS_PSK_KEY[16];

typedef struct {
    bool dtls;
    /* OpenSSL cipher list the server accepts, e.g. "PSK-AES128-CCM8". */
    const char *ciphers;
    /* Serve a certificate (ECDSA P-256, self-signed, localhost and
     * 127.0.0.1); without one only PSK suites work. */
    bool with_certificate;
    /* Let clients resume sessions. */
    bool session_cache;
    /* After the handshake, send this many bytes in @p burst_records
     * records before echoing (0: just echo). */
    size_t burst_size;
    int burst_records;
} tts_config_t;

typedef struct {
    tts_config_t config;
    SSL_CTX *ctx;
    EVP_PKEY *key;
    X509 *cert;
    int fd;
    int port;
    pthread_t thread;
    volatile int stop;
    /* Totals over all finished connections; read after tts_stop() or
     * between connections. */
    volatile uint64_t connections;
    volatile uint64_t handshake_bytes;
    volatile uint64_t resumed;
} tts_server_t;

/* Starts the server; false on failure. */
bool tts_start(tts_server_t *server, const tts_config_t *config);
void tts_stop(tts_server_t *server);

/* The server certificate in DER, for a client's trust store. The returned
 * buffer is the caller's to OPENSSL_free(). */
size_t tts_cert_der(tts_server_t *server, unsigned char **out);

/* A fresh self-signed ECDSA P-256 certificate for "localhost" and
 * 127.0.0.1, and its key. */
bool tts_make_certificate(EVP_PKEY **out_key, X509 **out_cert);

#endif /* TERN_TLS_TEST_SERVER_H */

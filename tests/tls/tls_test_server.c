/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "tls_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/x509v3.h>

const unsigned char TTS_PSK_KEY[16] = {0x54, 0x65, 0x72, 0x6e, 0x20, 0x74,
                                       0x65, 0x73, 0x74, 0x20, 0x6b, 0x65,
                                       0x79, 0x21, 0x21, 0x21};

bool tts_make_certificate(EVP_PKEY **out_key, X509 **out_cert) {
    EVP_PKEY *key = NULL;
    X509 *cert = NULL;
    EVP_PKEY_CTX *kctx = EVP_PKEY_CTX_new_id(EVP_PKEY_EC, NULL);
    bool ok = kctx && EVP_PKEY_keygen_init(kctx) > 0 &&
              EVP_PKEY_CTX_set_ec_paramgen_curve_nid(
                      kctx, NID_X9_62_prime256v1) > 0 &&
              EVP_PKEY_keygen(kctx, &key) > 0;
    EVP_PKEY_CTX_free(kctx);
    if (ok) {
        cert = X509_new();
        X509_NAME *name = cert ? X509_get_subject_name(cert) : NULL;
        ok = name && X509_set_version(cert, 2) &&
             ASN1_INTEGER_set(X509_get_serialNumber(cert), 1) &&
             X509_gmtime_adj(X509_getm_notBefore(cert), -3600) &&
             X509_gmtime_adj(X509_getm_notAfter(cert), 86400) &&
             X509_set_pubkey(cert, key) &&
             X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                        (const unsigned char *) "localhost", -1,
                                        -1, 0) &&
             X509_set_issuer_name(cert, name);
    }
    if (ok) {
        X509V3_CTX v3;
        X509V3_set_ctx_nodb(&v3);
        X509V3_set_ctx(&v3, cert, cert, NULL, NULL, 0);
        X509_EXTENSION *san = X509V3_EXT_conf_nid(
                NULL, &v3, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
        ok = san && X509_add_ext(cert, san, -1);
        X509_EXTENSION_free(san);
        ok = ok && X509_sign(cert, key, EVP_sha256()) > 0;
    }
    if (!ok) {
        X509_free(cert);
        EVP_PKEY_free(key);
        return false;
    }
    *out_key = key;
    *out_cert = cert;
    return true;
}

static unsigned int psk_server_callback(SSL *ssl, const char *identity,
                                        unsigned char *psk,
                                        unsigned int max_psk_len) {
    (void) ssl;
    if (!identity || strcmp(identity, TTS_PSK_IDENTITY) ||
        max_psk_len < sizeof(TTS_PSK_KEY)) {
        return 0;
    }
    memcpy(psk, TTS_PSK_KEY, sizeof(TTS_PSK_KEY));
    return sizeof(TTS_PSK_KEY);
}

static bool wait_readable(int fd, int ms) {
    struct pollfd pfd = {fd, POLLIN, 0};
    return poll(&pfd, 1, ms) > 0;
}

static void set_receive_timeout(int fd, int seconds) {
    struct timeval tv = {seconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void serve_connection(tts_server_t *server, SSL *ssl) {
    if (SSL_accept(ssl) != 1) {
        ERR_clear_error();
        return;
    }
    server->handshake_bytes += BIO_number_read(SSL_get_rbio(ssl)) +
                               BIO_number_written(SSL_get_wbio(ssl));
    if (SSL_session_reused(ssl)) {
        ++server->resumed;
    }
    unsigned char buffer[17 * 1024];
    if (server->config.burst_size &&
        server->config.burst_size <= sizeof(buffer)) {
        for (size_t i = 0; i < server->config.burst_size; ++i) {
            buffer[i] = (unsigned char) ('a' + i % 26);
        }
        for (int i = 0; i < server->config.burst_records; ++i) {
            SSL_write(ssl, buffer, (int) server->config.burst_size);
        }
    }
    for (;;) {
        int n = SSL_read(ssl, buffer, sizeof(buffer));
        if (n <= 0) {
            if (SSL_get_error(ssl, n) == SSL_ERROR_ZERO_RETURN) {
                SSL_shutdown(ssl);
            }
            break;
        }
        if (SSL_write(ssl, buffer, n) != n) {
            break;
        }
    }
    ERR_clear_error();
    ++server->connections;
}

/* The socket stays unconnected: a client that reconnects from a new port
 * while the previous connection is being torn down must not be refused. */
static void serve_dtls(tts_server_t *server) {
    if (!wait_readable(server->fd, 50)) {
        return;
    }
    struct sockaddr_in peer;
    socklen_t length = sizeof(peer);
    char byte;
    if (recvfrom(server->fd, &byte, 1, MSG_PEEK, (struct sockaddr *) &peer,
                 &length) < 0) {
        return;
    }
    SSL *ssl = SSL_new(server->ctx);
    BIO *bio = BIO_new_dgram(server->fd, BIO_NOCLOSE);
    if (ssl && bio) {
        BIO_dgram_set_peer(bio, &peer);
        SSL_set_bio(ssl, bio, bio);
        bio = NULL;
        serve_connection(server, ssl);
    }
    BIO_free(bio);
    SSL_free(ssl);
}

static void serve_tls(tts_server_t *server) {
    if (!wait_readable(server->fd, 50)) {
        return;
    }
    int fd = accept(server->fd, NULL, NULL);
    if (fd < 0) {
        return;
    }
    set_receive_timeout(fd, 2);
    SSL *ssl = SSL_new(server->ctx);
    if (ssl && SSL_set_fd(ssl, fd)) {
        serve_connection(server, ssl);
    }
    SSL_free(ssl);
    close(fd);
}

static void *server_main(void *arg) {
    tts_server_t *server = (tts_server_t *) arg;
    while (!server->stop) {
        if (server->config.dtls) {
            serve_dtls(server);
        } else {
            serve_tls(server);
        }
    }
    return NULL;
}

static bool open_socket(tts_server_t *server) {
    server->fd =
            socket(AF_INET, server->config.dtls ? SOCK_DGRAM : SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    int one = 1;
    if (server->fd < 0 ||
        setsockopt(server->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
        bind(server->fd, (struct sockaddr *) &addr, sizeof(addr)) ||
        getsockname(server->fd, (struct sockaddr *) &addr, &length) ||
        (!server->config.dtls && listen(server->fd, 16))) {
        return false;
    }
    if (server->config.dtls) {
        set_receive_timeout(server->fd, 2);
    }
    server->port = ntohs(addr.sin_port);
    return true;
}

static bool make_context(tts_server_t *server) {
    server->ctx = SSL_CTX_new(server->config.dtls ? DTLS_server_method()
                                                  : TLS_server_method());
    if (!server->ctx) {
        return false;
    }
    if (!server->config.dtls) {
        SSL_CTX_set_max_proto_version(server->ctx, TLS1_2_VERSION);
    }
    SSL_CTX_set_psk_server_callback(server->ctx, psk_server_callback);
    if (server->config.session_cache) {
        SSL_CTX_set_session_id_context(server->ctx,
                                       (const unsigned char *) "tts", 3);
    } else {
        SSL_CTX_set_session_cache_mode(server->ctx, SSL_SESS_CACHE_OFF);
        SSL_CTX_set_options(server->ctx, SSL_OP_NO_TICKET);
    }
    if (server->config.with_certificate &&
        (!tts_make_certificate(&server->key, &server->cert) ||
         !SSL_CTX_use_certificate(server->ctx, server->cert) ||
         !SSL_CTX_use_PrivateKey(server->ctx, server->key))) {
        return false;
    }
    return !server->config.ciphers ||
           SSL_CTX_set_cipher_list(server->ctx, server->config.ciphers);
}

bool tts_start(tts_server_t *server, const tts_config_t *config) {
    memset(server, 0, sizeof(*server));
    server->config = *config;
    server->fd = -1;
    if (!make_context(server) || !open_socket(server) ||
        pthread_create(&server->thread, NULL, server_main, server)) {
        SSL_CTX_free(server->ctx);
        EVP_PKEY_free(server->key);
        X509_free(server->cert);
        if (server->fd >= 0) {
            close(server->fd);
        }
        ERR_clear_error();
        return false;
    }
    return true;
}

void tts_stop(tts_server_t *server) {
    server->stop = 1;
    pthread_join(server->thread, NULL);
    close(server->fd);
    SSL_CTX_free(server->ctx);
    EVP_PKEY_free(server->key);
    X509_free(server->cert);
}

size_t tts_cert_der(tts_server_t *server, unsigned char **out) {
    *out = NULL;
    int size = server->cert ? i2d_X509(server->cert, out) : 0;
    return size > 0 ? (size_t) size : 0;
}

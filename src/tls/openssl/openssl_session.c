/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Session resumption. OpenSSL hands every new resumable session to a
 * callback (for TLS 1.3 that happens when a ticket arrives, possibly after
 * the handshake). Without a caller-owned buffer the socket keeps the latest
 * session for its whole lifetime; with one, the buffer is the only store, so
 * that a caller clearing it really forces a full handshake.
 *
 * Buffer layout (private to this file, same build only):
 *   0..3   magic "TRNS"
 *   4      format version
 *   5      1 = DTLS, 2 = TLS
 *   6..7   zero
 *   8..11  length of the DER session, big endian
 *   12..   i2d_SSL_SESSION() output; the rest of the buffer is zero
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <limits.h>
#include <string.h>

#include <openssl/err.h>

#define HEADER_SIZE 12
#define FORMAT_VERSION 1
#define KIND_DTLS 1
#define KIND_TLS 2

static const unsigned char MAGIC[4] = {'T', 'R', 'N', 'S'};

size_t tern_tls_session_serialize(SSL_SESSION *session, bool dtls, void *buf,
                                  size_t buf_size) {
    unsigned char *out = (unsigned char *) buf;
    int der_size = i2d_SSL_SESSION(session, NULL);
    if (der_size <= 0 || buf_size < HEADER_SIZE ||
        (size_t) der_size > buf_size - HEADER_SIZE) {
        return 0;
    }
    memcpy(out, MAGIC, sizeof(MAGIC));
    out[4] = FORMAT_VERSION;
    out[5] = dtls ? KIND_DTLS : KIND_TLS;
    out[6] = 0;
    out[7] = 0;
    out[8] = (unsigned char) ((uint32_t) der_size >> 24);
    out[9] = (unsigned char) ((uint32_t) der_size >> 16);
    out[10] = (unsigned char) ((uint32_t) der_size >> 8);
    out[11] = (unsigned char) der_size;
    unsigned char *der = out + HEADER_SIZE;
    if (i2d_SSL_SESSION(session, &der) != der_size) {
        return 0;
    }
    size_t used = HEADER_SIZE + (size_t) der_size;
    memset(out + used, 0, buf_size - used);
    return used;
}

SSL_SESSION *tern_tls_session_deserialize(const void *buf, size_t buf_size,
                                          bool dtls) {
    const unsigned char *in = (const unsigned char *) buf;
    if (!in || buf_size < HEADER_SIZE || memcmp(in, MAGIC, sizeof(MAGIC)) ||
        in[4] != FORMAT_VERSION || in[5] != (dtls ? KIND_DTLS : KIND_TLS) ||
        in[6] || in[7]) {
        return NULL;
    }
    uint32_t der_size = ((uint32_t) in[8] << 24) | ((uint32_t) in[9] << 16) |
                        ((uint32_t) in[10] << 8) | (uint32_t) in[11];
    if (!der_size || der_size > buf_size - HEADER_SIZE ||
        der_size > (uint32_t) LONG_MAX) {
        return NULL;
    }
    const unsigned char *der = in + HEADER_SIZE;
    const unsigned char *end = der + der_size;
    SSL_SESSION *session = d2i_SSL_SESSION(NULL, &der, (long) der_size);
    if (session && der != end) {
        SSL_SESSION_free(session);
        session = NULL;
    }
    return session;
}

static bool all_zero(const void *buf, size_t size) {
    const unsigned char *bytes = (const unsigned char *) buf;
    for (size_t i = 0; i < size; ++i) {
        if (bytes[i]) {
            return false;
        }
    }
    return true;
}

static void store_in_buffer(tern_tls_socket_t *sock, SSL_SESSION *session) {
    if (!tern_tls_session_serialize(session, sock->dtls, sock->session_buffer,
                                    sock->session_buffer_size)) {
        /* A stale session must not stay behind a new one. */
        memset(sock->session_buffer, 0, sock->session_buffer_size);
        avs_log(tls, DEBUG,
                "session (%d bytes) does not fit the %u-byte resumption "
                "buffer",
                i2d_SSL_SESSION(session, NULL),
                (unsigned) sock->session_buffer_size);
    }
}

static int new_session_callback(SSL *ssl, SSL_SESSION *session) {
    tern_tls_socket_t *sock = tern_tls_socket_from_ssl(ssl);
    if (!sock || !SSL_SESSION_is_resumable(session)) {
        return 0;
    }
    if (sock->session_buffer_size) {
        store_in_buffer(sock, session);
        return 0;
    }
    SSL_SESSION_free(sock->session);
    /* Returning 1 keeps the reference OpenSSL passed in. */
    sock->session = session;
    return 1;
}

void tern_tls_session_setup_context(SSL_CTX *ctx) {
    SSL_CTX_set_session_cache_mode(
            ctx, SSL_SESS_CACHE_CLIENT | SSL_SESS_CACHE_NO_INTERNAL_STORE);
    SSL_CTX_sess_set_new_cb(ctx, new_session_callback);
}

static bool cipher_offered(SSL *ssl, const SSL_CIPHER *wanted) {
    STACK_OF(SSL_CIPHER) *ciphers = SSL_get_ciphers(ssl);
    if (!wanted || !ciphers) {
        return false;
    }
    uint32_t id = SSL_CIPHER_get_id(wanted);
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
        if (SSL_CIPHER_get_id(sk_SSL_CIPHER_value(ciphers, i)) == id) {
            return true;
        }
    }
    return false;
}

/* A session the current configuration could not have negotiated (another
 * version, a suite no longer allowed) would make OpenSSL abort the handshake
 * instead of falling back to a full one. */
static bool session_fits(tern_tls_socket_t *sock, SSL *ssl,
                         SSL_SESSION *session) {
    if (!SSL_SESSION_is_resumable(session)) {
        return false;
    }
    int version = SSL_SESSION_get_protocol_version(session);
    if (sock->dtls) {
        if (version != DTLS1_2_VERSION) {
            return false;
        }
    } else {
        long min = SSL_get_min_proto_version(ssl);
        long max = SSL_get_max_proto_version(ssl);
        if ((min && version < min) || (max && version > max)) {
            return false;
        }
    }
    return cipher_offered(ssl, SSL_SESSION_get0_cipher(session));
}

void tern_tls_session_offer(tern_tls_socket_t *sock, SSL *ssl) {
    SSL_SESSION *session = NULL;
    if (sock->session_buffer_size) {
        if (all_zero(sock->session_buffer, sock->session_buffer_size)) {
            return;
        }
        session = tern_tls_session_deserialize(
                sock->session_buffer, sock->session_buffer_size, sock->dtls);
        if (!session) {
            avs_log(tls, DEBUG,
                    "resumption buffer holds no usable session; full "
                    "handshake");
            return;
        }
    } else if (sock->session) {
        session = sock->session;
        SSL_SESSION_up_ref(session);
    } else {
        return;
    }
    if (!session_fits(sock, ssl, session)) {
        avs_log(tls, DEBUG,
                "stored session does not fit the configuration; full "
                "handshake");
    } else if (!SSL_set_session(ssl, session)) {
        ERR_clear_error();
    }
    SSL_SESSION_free(session);
}

void tern_tls_session_forget(tern_tls_socket_t *sock) {
    SSL_SESSION_free(sock->session);
    sock->session = NULL;
}

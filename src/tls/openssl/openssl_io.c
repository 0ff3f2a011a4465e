/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>

#include <limits.h>

#include <openssl/err.h>

/* The largest plaintext of one record. */
#define MAX_RECORD_PLAINTEXT 16384

static void start_io(tern_tls_socket_t *sock) {
    ERR_clear_error();
    sock->bio_error = AVS_OK;
    sock->bio_eof = false;
    sock->alert_received.valid = false;
    sock->alert_sent.valid = false;
}

static bool is_errno(avs_error_t err, avs_errno_t code) {
    return err.category == AVS_ERRNO_CATEGORY && err.code == (uint16_t) code;
}

avs_error_t tern_tls_send(avs_net_socket_t *sock_, const void *buffer,
                          size_t buffer_length) {
    tern_tls_socket_t *sock = (tern_tls_socket_t *) sock_;
    if (!sock->ssl || sock->connection_broken) {
        avs_log(tls, ERROR, "send: socket not connected");
        return avs_errno(AVS_EBADF);
    }
    if (!buffer_length) {
        return AVS_OK;
    }
    if (buffer_length >
        (sock->dtls ? (size_t) MAX_RECORD_PLAINTEXT : (size_t) INT_MAX)) {
        avs_log(tls, ERROR, "send: %u bytes do not fit one record",
                (unsigned) buffer_length);
        return avs_errno(AVS_EMSGSIZE);
    }
    start_io(sock);
    int result = SSL_write(sock->ssl, buffer, (int) buffer_length);
    if (result == (int) buffer_length) {
        return AVS_OK;
    }
    int error = SSL_get_error(sock->ssl, result);
    if (error == SSL_ERROR_SSL || error == SSL_ERROR_SYSCALL) {
        sock->connection_broken = true;
    }
    avs_error_t err = tern_tls_report_failure(sock, sock->ssl, error, "send");
    /* Only the backend's own errors say more than "the TLS layer failed". */
    return err.category == AVS_ERRNO_CATEGORY ? err : avs_errno(AVS_EPROTO);
}

/* A datagram carries whole records: what does not fit the caller's buffer
 * is dropped, as a UDP socket truncates. */
static void discard_rest_of_record(SSL *ssl) {
    char scratch[256];
    while (SSL_pending(ssl) > 0) {
        if (SSL_read(ssl, scratch,
                     AVS_MIN(SSL_pending(ssl), (int) sizeof(scratch))) <= 0) {
            ERR_clear_error();
            break;
        }
    }
}

avs_error_t tern_tls_receive(avs_net_socket_t *sock_, size_t *out_bytes,
                             void *buffer, size_t buffer_length) {
    tern_tls_socket_t *sock = (tern_tls_socket_t *) sock_;
    *out_bytes = 0;
    if (!sock->ssl || sock->connection_broken) {
        avs_log(tls, ERROR, "receive: socket not connected");
        return avs_errno(AVS_EBADF);
    }
    if (!buffer_length) {
        return AVS_OK;
    }
    int wanted = buffer_length > INT_MAX ? INT_MAX : (int) buffer_length;
    start_io(sock);
    /* With decrypted bytes already buffered, OpenSSL returns them without
     * touching the BIO, so a stream read never waits for more. */
    int result = SSL_read(sock->ssl, buffer, wanted);
    if (result > 0) {
        *out_bytes = (size_t) result;
        if (sock->dtls && result == wanted && SSL_pending(sock->ssl) > 0) {
            discard_rest_of_record(sock->ssl);
            return avs_errno(AVS_EMSGSIZE);
        }
        return AVS_OK;
    }
    int error = SSL_get_error(sock->ssl, result);
    if (error == SSL_ERROR_WANT_READ &&
        (avs_is_ok(sock->bio_error) ||
         is_errno(sock->bio_error, AVS_ETIMEDOUT))) {
        return avs_errno(AVS_ETIMEDOUT);
    }
    if (error == SSL_ERROR_ZERO_RETURN) {
        avs_log(tls, DEBUG, "peer closed the connection");
        if (!sock->dtls) {
            return AVS_OK;
        }
        return avs_errno(AVS_ECONNRESET);
    }
    sock->connection_broken = true;
    if (sock->bio_eof) {
        avs_log(tls, ERROR,
                "receive failed: connection closed without close_notify");
        ERR_clear_error();
        return avs_errno(AVS_ECONNRESET);
    }
    avs_error_t err =
            tern_tls_report_failure(sock, sock->ssl, error, "receive");
    return err.category == AVS_ERRNO_CATEGORY ? err : avs_errno(AVS_EPROTO);
}

bool tern_tls_has_buffered_data(tern_tls_socket_t *sock) {
    return sock->ssl &&
           (SSL_pending(sock->ssl) > 0 || SSL_has_pending(sock->ssl));
}

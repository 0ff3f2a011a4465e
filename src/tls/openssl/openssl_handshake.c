/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * connect(): the backend's connect, a fresh SSL object, then the handshake.
 * DTLS retransmissions follow the socket's own timer (min, doubled, capped
 * at max, then give up) rather than OpenSSL's built-in one; a TLS handshake
 * waits for each flight as long as a receive() would.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>

#include <openssl/err.h>

/* The smallest MTU OpenSSL's DTLS code accepts for the payload of a
 * datagram (its 256-byte link minimum less IPv4 and UDP headers). */
#define MIN_DTLS_INNER_MTU 228
/* Used when the backend cannot tell: Ethernet, IPv6 headers. */
#define FALLBACK_DTLS_INNER_MTU 1452

/* Called by OpenSSL when a flight is first sent (previous_us == 0) and on
 * each expiry. An expiry of the longest wait ends the handshake. */
static unsigned int timer_callback(SSL *ssl, unsigned int previous_us) {
    tern_tls_socket_t *sock = tern_tls_socket_from_ssl(ssl);
    unsigned next;
    if (!previous_us) {
        next = sock->handshake_timeout_min_us;
    } else if (previous_us >= sock->handshake_timeout_max_us) {
        sock->handshake_gave_up = true;
        next = sock->handshake_timeout_max_us;
    } else if (previous_us >= sock->handshake_timeout_max_us / 2) {
        next = sock->handshake_timeout_max_us;
    } else {
        next = previous_us * 2;
    }
    sock->current_timeout_us = next;
    return next;
}

static void set_dtls_mtu(tern_tls_socket_t *sock, SSL *ssl) {
    avs_net_socket_opt_value_t value;
    value.mtu = 0;
    int mtu = FALLBACK_DTLS_INNER_MTU;
    if (avs_is_ok(avs_net_socket_get_opt(
                sock->backend, AVS_NET_SOCKET_OPT_INNER_MTU, &value)) &&
        value.mtu > 0) {
        mtu = value.mtu;
    }
    sock->mtu_overhead = tern_tls_mtu_overhead(sock, value.mtu);
    if (mtu < MIN_DTLS_INNER_MTU) {
        avs_log(tls, WARNING, "MTU %d too small for DTLS; using %d", mtu,
                MIN_DTLS_INNER_MTU);
        mtu = MIN_DTLS_INNER_MTU;
    }
    SSL_set_mtu(ssl, mtu);
}

static avs_error_t start_connection(tern_tls_socket_t *sock, const char *host) {
    SSL *ssl = SSL_new(sock->ctx);
    if (!ssl) {
        return tern_tls_library_error("cannot create an SSL object");
    }
    SSL_set_app_data(ssl, sock);
    sock->ssl = ssl;
    BIO *bio = tern_tls_bio_new(sock);
    if (!bio) {
        return tern_tls_library_error("cannot create a BIO");
    }
    SSL_set_bio(ssl, bio, bio);
    if (sock->dtls) {
        DTLS_set_timer_cb(ssl, timer_callback);
        set_dtls_mtu(sock, ssl);
    }
    tern_tls_psk_install(sock, ssl);
    avs_error_t err = tern_tls_prepare_peer_checks(sock, ssl, host);
    if (avs_is_ok(err)) {
        tern_tls_session_offer(sock, ssl);
        SSL_set_connect_state(ssl);
    }
    return err;
}

static avs_error_t handshake_loop(tern_tls_socket_t *sock) {
    SSL *ssl = sock->ssl;
    for (;;) {
        ERR_clear_error();
        sock->bio_error = AVS_OK;
        sock->waiting_on_dtls_timer = sock->dtls;
        int result = SSL_do_handshake(ssl);
        sock->waiting_on_dtls_timer = false;
        if (result == 1) {
            return AVS_OK;
        }
        if (sock->handshake_gave_up) {
            ERR_clear_error();
            avs_log(tls, ERROR,
                    "handshake failed: timed out (no answer within %u ms)",
                    sock->current_timeout_us / 1000);
            return avs_errno(AVS_ETIMEDOUT);
        }
        int error = SSL_get_error(ssl, result);
        /* A DTLS read can give up a moment before OpenSSL considers the
         * timer expired; the next round waits for the rest. */
        if (error != SSL_ERROR_WANT_READ || !sock->dtls) {
            return tern_tls_report_failure(sock, ssl, error, "handshake");
        }
    }
}

static avs_error_t run_handshake(tern_tls_socket_t *sock) {
    sock->current_timeout_us = sock->handshake_timeout_min_us;
    sock->handshake_gave_up = false;
    avs_net_socket_opt_value_t saved;
    /* A DTLS handshake waits for its retransmission timer, not for the
     * application's receive timeout, which is put back afterwards. */
    sock->backend_timeout_saved =
            sock->dtls &&
            avs_is_ok(avs_net_socket_get_opt(
                    sock->backend, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, &saved));
    avs_error_t err = handshake_loop(sock);
    if (sock->backend_timeout_saved) {
        avs_net_socket_set_opt(sock->backend, AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
                               saved);
        sock->backend_timeout_saved = false;
    }
    return err;
}

avs_error_t tern_tls_connect(avs_net_socket_t *sock_, const char *host,
                             const char *port) {
    tern_tls_socket_t *sock = (tern_tls_socket_t *) sock_;
    if (sock->ssl) {
        avs_log(tls, ERROR,
                "connect: socket already connected; close it "
                "first");
        return avs_errno(AVS_EBADF);
    }
    /* The backend logs its own failures. */
    avs_error_t err = avs_net_socket_connect(sock->backend, host, port);
    if (avs_is_ok(err)) {
        tern_tls_reset_connection_errors(sock);
        sock->session_resumed = false;
        sock->connection_broken = false;
        err = start_connection(sock, host);
        if (avs_is_ok(err)) {
            err = run_handshake(sock);
        }
    }
    if (avs_is_err(err)) {
        tern_tls_connection_discard(sock, false);
        avs_net_socket_close(sock->backend);
        return err;
    }
    sock->session_resumed = SSL_session_reused(sock->ssl) == 1;
    avs_log(tls, DEBUG, "connected to %s:%s with %s, %s%s", host, port,
            SSL_get_version(sock->ssl), SSL_get_cipher_name(sock->ssl),
            sock->session_resumed ? ", session resumed" : "");
    return AVS_OK;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A BIO that moves records through the backend avs_net socket with its public
 * API, so that the backend's statistics, MTU and address handling stay
 * authoritative and any network layer (Tern's or an application's) works
 * underneath. Reads block in the backend for its RECV_TIMEOUT, except while
 * a DTLS handshake waits for its retransmission timer.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_time.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/time.h>

#include <openssl/bio.h>

avs_error_t tern_tls_wait_readable(tern_tls_socket_t *sock,
                                   unsigned timeout_us) {
    const int *fd = (const int *) avs_net_socket_get_system(sock->backend);
    if (!fd || *fd < 0) {
        return avs_errno(AVS_EBADF);
    }
    avs_time_monotonic_t deadline = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar((int64_t) timeout_us, AVS_TIME_US));
    for (;;) {
        int64_t left_us = 0;
        avs_time_duration_to_scalar(
                &left_us, AVS_TIME_US,
                avs_time_monotonic_diff(deadline, avs_time_monotonic_now()));
        if (left_us < 0) {
            left_us = 0;
        }
        /* Rounding up: waking early would only spin until the timer is
         * really due. */
        int64_t left_ms = (left_us + 999) / 1000;
        struct pollfd pfd;
        pfd.fd = *fd;
        pfd.events = POLLIN;
        pfd.revents = 0;
        int result = poll(&pfd, 1, (int) AVS_MIN(left_ms, (int64_t) INT_MAX));
        if (result > 0) {
            return AVS_OK;
        }
        if (result == 0) {
            return avs_errno(AVS_ETIMEDOUT);
        }
        if (errno != EINTR) {
            return avs_errno(AVS_EIO);
        }
    }
}

static tern_tls_socket_t *bio_socket(BIO *bio) {
    return (tern_tls_socket_t *) BIO_get_data(bio);
}

static int bio_write(BIO *bio, const char *data, int length) {
    tern_tls_socket_t *sock = bio_socket(bio);
    BIO_clear_retry_flags(bio);
    if (length <= 0) {
        return 0;
    }
    if (sock->waiting_on_dtls_timer && sock->handshake_gave_up) {
        /* No point in a retransmission nobody will wait for. OpenSSL
         * ignores this failure (the flight is flushed from a buffer), so
         * the read that follows is what ends the handshake. */
        sock->bio_error = avs_errno(AVS_ETIMEDOUT);
        return -1;
    }
    avs_error_t err = avs_net_socket_send(sock->backend, data, (size_t) length);
    if (avs_is_err(err)) {
        sock->bio_error = err;
        return -1;
    }
    return length;
}

static int wait_failed(tern_tls_socket_t *sock, BIO *bio, avs_error_t err,
                       bool timer_running) {
    sock->bio_error = err;
    if (err.category != AVS_ERRNO_CATEGORY || err.code != AVS_ETIMEDOUT) {
        return -1;
    }
    if (sock->waiting_on_dtls_timer && !timer_running) {
        /* Nothing left to retransmit and nothing arrived. */
        sock->handshake_gave_up = true;
        return -1;
    }
    BIO_set_retry_read(bio);
    return -1;
}

static int bio_read(BIO *bio, char *buffer, int length) {
    tern_tls_socket_t *sock = bio_socket(bio);
    BIO_clear_retry_flags(bio);
    if (length <= 0) {
        return 0;
    }
    avs_error_t err;
    if (sock->waiting_on_dtls_timer && sock->handshake_gave_up) {
        sock->bio_error = avs_errno(AVS_ETIMEDOUT);
        return -1;
    }
    bool timer_running = false;
    if (sock->waiting_on_dtls_timer) {
        /* OpenSSL retransmits by itself when a read fails after the timer
         * expired, so waiting exactly until then is all there is to do. */
        struct timeval left;
        timer_running = sock->ssl && DTLSv1_get_timeout(sock->ssl, &left);
        unsigned wait_us = timer_running ? (unsigned) left.tv_sec * 1000000u +
                                                   (unsigned) left.tv_usec
                                         : sock->handshake_timeout_max_us;
        if (sock->backend_timeout_saved) {
            /* The backend waits itself, saving a poll of our own. */
            avs_net_socket_opt_value_t value;
            value.recv_timeout =
                    avs_time_duration_from_scalar(wait_us, AVS_TIME_US);
            err = avs_net_socket_set_opt(
                    sock->backend, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, value);
        } else {
            err = tern_tls_wait_readable(sock, wait_us);
        }
        if (avs_is_err(err)) {
            return wait_failed(sock, bio, err, timer_running);
        }
    }
    size_t received = 0;
    err = avs_net_socket_receive(sock->backend, &received, buffer,
                                 (size_t) length);
    if (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_ETIMEDOUT) {
        return wait_failed(sock, bio, err, timer_running);
    }
    if (sock->dtls && err.category == AVS_ERRNO_CATEGORY &&
        err.code == AVS_EMSGSIZE) {
        /* No valid record is larger than OpenSSL's read buffer: a truncated
         * datagram can only be noise, which DTLS drops like any other. */
        avs_log(tls, DEBUG, "dropping an oversized datagram");
        BIO_set_retry_read(bio);
        return -1;
    }
    if (avs_is_err(err)) {
        sock->bio_error = err;
        return -1;
    }
    if (received == 0) {
        if (sock->dtls) {
            BIO_set_retry_read(bio);
            return -1;
        }
        sock->bio_eof = true;
        return 0;
    }
    return (int) received;
}

static int bio_puts(BIO *bio, const char *str) {
    return bio_write(bio, str, (int) strlen(str));
}

/* The IP and UDP header sizes, which the DTLS code subtracts from a link MTU
 * to learn how large its datagrams may be. Asked once per connection: the
 * DTLS code wants it for every message it writes. */
long tern_tls_mtu_overhead(tern_tls_socket_t *sock, int inner_mtu) {
    avs_net_socket_opt_value_t mtu;
    if (inner_mtu > 0 &&
        avs_is_ok(avs_net_socket_get_opt(sock->backend, AVS_NET_SOCKET_OPT_MTU,
                                         &mtu)) &&
        mtu.mtu > inner_mtu && mtu.mtu - inner_mtu <= 128) {
        return mtu.mtu - inner_mtu;
    }
    char host[64];
    if (avs_is_ok(avs_net_socket_get_remote_host(sock->backend, host,
                                                 sizeof(host))) &&
        strchr(host, ':')) {
        return 48;
    }
    return 28;
}

static long bio_ctrl(BIO *bio, int cmd, long num, void *ptr) {
    (void) num;
    (void) ptr;
    switch (cmd) {
        case BIO_CTRL_FLUSH:
            return 1;
        case BIO_CTRL_DGRAM_GET_MTU_OVERHEAD:
            return bio_socket(bio)->mtu_overhead;
        default:
            /* Everything else (peer address, kernel MTU queries, socket
             * timeouts) is the backend's business, and 0 tells OpenSSL that
             * this BIO does not handle it. */
            return 0;
    }
}

static int bio_create(BIO *bio) {
    BIO_set_init(bio, 0);
    BIO_set_data(bio, NULL);
    return 1;
}

static int bio_destroy(BIO *bio) {
    BIO_set_data(bio, NULL);
    BIO_set_init(bio, 0);
    return 1;
}

BIO_METHOD *tern_tls_bio_method_create(void) {
    BIO_METHOD *method = BIO_meth_new(
            BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "tern avs_net socket");
    if (!method || !BIO_meth_set_write(method, bio_write) ||
        !BIO_meth_set_read(method, bio_read) ||
        !BIO_meth_set_puts(method, bio_puts) ||
        !BIO_meth_set_ctrl(method, bio_ctrl) ||
        !BIO_meth_set_create(method, bio_create) ||
        !BIO_meth_set_destroy(method, bio_destroy)) {
        BIO_meth_free(method);
        return NULL;
    }
    return method;
}

BIO *tern_tls_bio_new(tern_tls_socket_t *sock) {
    BIO_METHOD *method = tern_tls_bio_method();
    BIO *bio = method ? BIO_new(method) : NULL;
    if (bio) {
        BIO_set_data(bio, sock);
        BIO_set_init(bio, 1);
    }
    return bio;
}

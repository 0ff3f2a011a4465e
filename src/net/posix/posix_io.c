/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Data transfer of the POSIX layer. Descriptors stay in blocking mode for
 * whoever else polls them; every call here passes MSG_DONTWAIT and waits with
 * poll() instead, so that no timeout can be overrun, and MSG_NOSIGNAL, so that
 * writing to a closed connection is an error rather than a SIGPIPE.
 */
#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>

#include "posix_socket.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <string.h>
#include <sys/uio.h>

/* How long a send may make no progress at all (the peer's window stays
 * closed) before it is given up. Not the receive timeout: that one is often
 * zero while a client drains its socket. */
#define SEND_STALL_TIMEOUT_S 30

/* Converts a timeout to an absolute deadline; invalid means none. */
static avs_time_monotonic_t deadline_after(avs_time_duration_t timeout) {
    int64_t us;
    if (avs_time_duration_to_scalar(&us, AVS_TIME_US, timeout)) {
        return AVS_TIME_MONOTONIC_INVALID;
    }
    if (us < 0) {
        us = 0;
    }
    return avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(us, AVS_TIME_US));
}

static avs_error_t wait_until(int fd, short events,
                              avs_time_monotonic_t deadline) {
    bool forever = !avs_time_monotonic_valid(deadline);
    for (;;) {
        int timeout_ms = -1;
        if (!forever) {
            int64_t left_us;
            if (avs_time_duration_to_scalar(
                        &left_us, AVS_TIME_US,
                        avs_time_monotonic_diff(deadline,
                                                avs_time_monotonic_now()))) {
                left_us = 0;
            }
            if (left_us < 0) {
                left_us = 0;
            }
            /* Rounded up, so that a wait never ends before the deadline. */
            int64_t left_ms = (left_us + 999) / 1000;
            timeout_ms = left_ms > INT_MAX ? INT_MAX : (int) left_ms;
        }
        struct pollfd pfd;
        pfd.fd = fd;
        pfd.events = events;
        pfd.revents = 0;
        int result = poll(&pfd, 1, timeout_ms);
        if (result > 0) {
            /* Errors and hang-ups count as ready: the next call on the
             * descriptor reports them. */
            return AVS_OK;
        }
        if (result < 0 && errno != EINTR) {
            return avs_errno(avs_map_errno(errno));
        }
        if (result == 0 && timeout_ms == 0) {
            return avs_errno(AVS_ETIMEDOUT);
        }
        /* EINTR, or poll() woke up early: wait for what is left. */
    }
}

avs_error_t tern_posix_wait(int fd, short events, avs_time_duration_t timeout) {
    return wait_until(fd, events, deadline_after(timeout));
}

static avs_error_t wait_writable(int fd) {
    return tern_posix_wait(
            fd, POLLOUT,
            avs_time_duration_from_scalar(SEND_STALL_TIMEOUT_S, AVS_TIME_S));
}

/* One datagram to the connected peer (@p to NULL) or to @p to. */
static avs_error_t send_datagram(tern_posix_socket_t *sock, const void *buffer,
                                 size_t length, const tern_posix_addr_t *to) {
    for (;;) {
        ssize_t sent =
                to ? sendto(sock->fd, buffer, length,
                            MSG_NOSIGNAL | MSG_DONTWAIT, &to->u.sa, to->len)
                   : send(sock->fd, buffer, length,
                          MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent >= 0) {
            sock->bytes_sent += (uint64_t) sent;
            if ((size_t) sent != length) {
                avs_log(net, ERROR, "only %zd of %zu bytes of a datagram sent",
                        sent, length);
                return avs_errno(AVS_EIO);
            }
            return AVS_OK;
        }
        int saved_errno = errno;
        if (saved_errno == EINTR) {
            continue;
        }
        if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK) {
            avs_error_t err = wait_writable(sock->fd);
            if (avs_is_err(err)) {
                avs_log(net, ERROR, "send buffer stayed full: %s",
                        avs_strerror((avs_errno_t) err.code));
                return err;
            }
            continue;
        }
        avs_log(net, ERROR, "sending a %zu-byte datagram failed: %s", length,
                strerror(saved_errno));
        return avs_errno(avs_map_errno(saved_errno));
    }
}

static avs_error_t send_stream(tern_posix_socket_t *sock, const void *buffer,
                               size_t length) {
    size_t done = 0;
    while (done < length) {
        ssize_t sent = send(sock->fd, (const char *) buffer + done,
                            length - done, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent >= 0) {
            done += (size_t) sent;
            sock->bytes_sent += (uint64_t) sent;
            continue;
        }
        int saved_errno = errno;
        if (saved_errno == EINTR) {
            continue;
        }
        if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK) {
            avs_error_t err = wait_writable(sock->fd);
            if (avs_is_err(err)) {
                avs_log(net, ERROR, "send stalled after %zu of %zu bytes: %s",
                        done, length, avs_strerror((avs_errno_t) err.code));
                return err;
            }
            continue;
        }
        avs_log(net, ERROR, "send failed after %zu of %zu bytes: %s", done,
                length, strerror(saved_errno));
        return avs_errno(avs_map_errno(saved_errno));
    }
    return AVS_OK;
}

avs_error_t tern_posix_send(avs_net_socket_t *socket, const void *buffer,
                            size_t buffer_length) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (sock->fd < 0) {
        avs_log(net, ERROR, "send: the socket has no descriptor");
        return avs_errno(AVS_EBADF);
    }
    if (!buffer && buffer_length) {
        avs_log(net, ERROR, "send: NULL buffer");
        return avs_errno(AVS_EINVAL);
    }
    if (sock->type == AVS_NET_UDP_SOCKET) {
        return send_datagram(sock, buffer, buffer_length, NULL);
    }
    return send_stream(sock, buffer, buffer_length);
}

avs_error_t tern_posix_send_to(avs_net_socket_t *socket, const void *buffer,
                               size_t buffer_length, const char *host,
                               const char *port) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (sock->type != AVS_NET_UDP_SOCKET) {
        avs_log(net, ERROR, "send_to: only UDP sockets have no fixed peer");
        return avs_errno(AVS_ENOTSUP);
    }
    if (!host || !port || (!buffer && buffer_length)) {
        avs_log(net, ERROR, "send_to: host, port and buffer are required");
        return avs_errno(AVS_EINVAL);
    }
    avs_net_af_t family = sock->config.address_family;
    int flags = AVS_NET_ADDRINFO_RESOLVE_F_NOADDRCONFIG;
    if (sock->fd >= 0) {
        if (sock->fd_family == AF_INET) {
            family = AVS_NET_AF_INET4;
        } else if (family != AVS_NET_AF_INET6) {
            flags |= AVS_NET_ADDRINFO_RESOLVE_F_V4MAPPED;
        }
    }
    avs_net_addrinfo_t *ai = NULL;
    avs_error_t err = tern_posix_resolve(&ai, sock->type, family, host, port,
                                         flags, NULL);
    if (avs_is_err(err)) {
        return err;
    }
    if (sock->fd < 0) {
        tern_posix_addrinfo_prefer_family(
                ai, tern_posix_af_to_system(sock->config.preferred_family));
    }
    tern_posix_addr_t to = *tern_posix_addrinfo_get(ai, 0);
    avs_net_addrinfo_delete(&ai);
    if (sock->fd < 0) {
        const char *what = "";
        err = tern_posix_open_fd(sock, to.u.sa.sa_family, &what);
        if (avs_is_err(err)) {
            avs_log(net, ERROR, "send_to %s: %s failed: %s", host, what,
                    avs_strerror((avs_errno_t) err.code));
            return err;
        }
        /* The kernel binds an ephemeral port on the first send. */
        sock->state = AVS_NET_SOCKET_STATE_BOUND;
    }
    return send_datagram(sock, buffer, buffer_length, &to);
}

/*
 * Makes a blocking recvmsg() on sock->fd give up after @p wait (invalid:
 * never). The option is only set when the value changes, so a client that
 * keeps one receive timeout pays for it once.
 */
static void apply_rcvtimeo(tern_posix_socket_t *sock,
                           avs_time_duration_t wait) {
    struct timeval tv = {0, 0}; /* zero means "no limit" to the kernel */
    int64_t us;
    if (!avs_time_duration_to_scalar(&us, AVS_TIME_US, wait)) {
        if (us < 1) {
            us = 1;
        }
        tv.tv_sec = (time_t) (us / 1000000);
        tv.tv_usec = (suseconds_t) (us % 1000000);
    }
    if (sock->rcvtimeo_set && sock->rcvtimeo.tv_sec == tv.tv_sec &&
        sock->rcvtimeo.tv_usec == tv.tv_usec) {
        return;
    }
    /* On failure the poll() fallback in receive_impl() still bounds the
     * wait, so the error needs no handling beyond not caching. */
    sock->rcvtimeo_set =
            !setsockopt(sock->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sock->rcvtimeo = tv;
}

/* True if the receive timeout means "do not wait at all". */
static bool is_zero_wait(avs_time_duration_t timeout) {
    int64_t us;
    return !avs_time_duration_to_scalar(&us, AVS_TIME_US, timeout) && us <= 0;
}

/*
 * Waits for and reads data. For datagrams, a truncated one is AVS_EMSGSIZE,
 * told by the kernel's MSG_TRUNC flag: a datagram that fills the buffer
 * exactly is not truncated. @p from (optional) gets the sender.
 *
 * The wait happens inside recvmsg() itself, bounded by SO_RCVTIMEO, rather
 * than in poll() followed by a non-blocking read: in request/response
 * traffic that is one system call per message instead of two. poll() is only
 * the fallback for descriptors that are non-blocking (listening sockets) or
 * for what is left of the timeout after an interruption.
 */
static avs_error_t receive_impl(tern_posix_socket_t *sock,
                                size_t *out_bytes_received, void *buffer,
                                size_t buffer_length, tern_posix_addr_t *from) {
    size_t dummy;
    if (!out_bytes_received) {
        out_bytes_received = &dummy;
    }
    *out_bytes_received = 0;
    if (sock->fd < 0) {
        avs_log(net, ERROR, "receive: the socket has no descriptor");
        return avs_errno(AVS_EBADF);
    }
    if (!buffer && buffer_length) {
        avs_log(net, ERROR, "receive: NULL buffer");
        return avs_errno(AVS_EINVAL);
    }
    avs_time_monotonic_t deadline = deadline_after(sock->recv_timeout);
    bool forever = !avs_time_monotonic_valid(deadline);
    bool first_try = true;
    for (;;) {
        int flags = 0;
        if (first_try) {
            /* The exact configured value, so that the cached option hits. */
            if (is_zero_wait(sock->recv_timeout)) {
                flags = MSG_DONTWAIT;
            } else {
                apply_rcvtimeo(sock, sock->recv_timeout);
            }
        } else {
            avs_time_duration_t left =
                    forever ? AVS_TIME_DURATION_INVALID
                            : avs_time_monotonic_diff(deadline,
                                                      avs_time_monotonic_now());
            if (!forever && is_zero_wait(left)) {
                flags = MSG_DONTWAIT;
            } else {
                apply_rcvtimeo(sock, left);
            }
        }
        first_try = false;
        struct iovec iov;
        iov.iov_base = buffer;
        iov.iov_len = buffer_length;
        struct msghdr msg;
        memset(&msg, 0, sizeof(msg));
        msg.msg_iov = &iov;
        msg.msg_iovlen = 1;
        if (from) {
            memset(from, 0, sizeof(*from));
            msg.msg_name = &from->u;
            msg.msg_namelen = sizeof(from->u);
        }
        ssize_t received = recvmsg(sock->fd, &msg, flags);
        if (received < 0) {
            int saved_errno = errno;
            if (saved_errno == EINTR) {
                continue;
            }
            if (saved_errno == EAGAIN || saved_errno == EWOULDBLOCK) {
                if (flags & MSG_DONTWAIT) {
                    /* The normal end of a drain loop: not worth more than a
                     * trace. */
                    avs_log(net, TRACE, "receive: nothing arrived in time");
                    return avs_errno(AVS_ETIMEDOUT);
                }
                /* SO_RCVTIMEO expired (possibly rounded), or the descriptor
                 * is non-blocking: let poll() decide what is left. */
                avs_error_t err = wait_until(sock->fd, POLLIN, deadline);
                if (avs_is_err(err)) {
                    if (err.code == AVS_ETIMEDOUT) {
                        avs_log(net, TRACE, "receive: nothing arrived in time");
                    } else {
                        avs_log(net, ERROR, "receive: poll() failed: %s",
                                avs_strerror((avs_errno_t) err.code));
                    }
                    return err;
                }
                continue;
            }
            avs_log(net, ERROR, "receive failed: %s", strerror(saved_errno));
            return avs_errno(avs_map_errno(saved_errno));
        }
        if (from) {
            from->len = msg.msg_namelen;
        }
        *out_bytes_received = (size_t) received;
        sock->bytes_received += (uint64_t) received;
        if (sock->type == AVS_NET_UDP_SOCKET && (msg.msg_flags & MSG_TRUNC)) {
            avs_log(net, WARNING,
                    "datagram larger than the %zu-byte buffer was truncated",
                    buffer_length);
            return avs_errno(AVS_EMSGSIZE);
        }
        return AVS_OK;
    }
}

avs_error_t tern_posix_receive(avs_net_socket_t *socket,
                               size_t *out_bytes_received, void *buffer,
                               size_t buffer_length) {
    return receive_impl((tern_posix_socket_t *) socket, out_bytes_received,
                        buffer, buffer_length, NULL);
}

avs_error_t tern_posix_receive_from(avs_net_socket_t *socket,
                                    size_t *out_bytes_received, void *buffer,
                                    size_t buffer_length, char *host,
                                    size_t host_size, char *port,
                                    size_t port_size) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    tern_posix_addr_t from;
    avs_error_t err = receive_impl(sock, out_bytes_received, buffer,
                                   buffer_length, &from);
    if (avs_is_err(err) && err.code != AVS_EMSGSIZE) {
        return err;
    }
    /* A stream socket reports no sender per read: it is the peer. */
    const tern_posix_addr_t *sender = from.len > 0 ? &from : &sock->remote;
    if (sender->len == 0) {
        avs_log(net, ERROR, "receive_from: the sender is unknown");
        return avs_errno(AVS_ENOTCONN);
    }
    avs_error_t format_err = tern_posix_addr_to_strings(sender, host, host_size,
                                                        port, port_size);
    if (avs_is_err(format_err)) {
        avs_log(net, ERROR, "receive_from: sender address does not fit");
        return format_err;
    }
    return err;
}

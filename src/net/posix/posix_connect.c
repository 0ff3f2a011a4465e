/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The operations that take an address: connect, bind and accept. Each
 * resolves first and only then touches the descriptor, tries the resolved
 * addresses in order, and logs one line when it finally fails.
 */
#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>

#include "posix_socket.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

/* Bounds a TCP handshake to a black-holed address, which the kernel would
 * otherwise retry for about two minutes. */
#define CONNECT_TIMEOUT_S 30

/* Backlog of a listening socket; the kernel caps it at somaxconn. */
#define LISTEN_BACKLOG 64

static const char *describe(avs_error_t err) {
    return avs_strerror((avs_errno_t) err.code);
}

/*
 * Resolution parameters for a socket that may already have a descriptor:
 * its family is kept, and an IPv6 descriptor reaches IPv4 hosts through
 * v4-mapped addresses unless IPv6 was forced.
 */
static void resolution_family(const tern_posix_socket_t *sock,
                              avs_net_af_t *out_family, int *inout_flags) {
    *out_family = sock->config.address_family;
    if (sock->fd < 0) {
        return;
    }
    if (sock->fd_family == AF_INET) {
        *out_family = AVS_NET_AF_INET4;
    } else if (*out_family != AVS_NET_AF_INET6) {
        *out_family = AVS_NET_AF_UNSPEC;
        *inout_flags |= AVS_NET_ADDRINFO_RESOLVE_F_V4MAPPED;
    }
}

/* Makes @p addr usable on a descriptor of @p family, if it can be. */
static bool fit_to_family(tern_posix_addr_t *addr, int family) {
    if (family == AF_INET6) {
        tern_posix_addr_map(addr, addr);
    } else {
        tern_posix_addr_unmap(addr, addr);
    }
    return addr->u.sa.sa_family == family;
}

static avs_error_t connect_stream(int fd, const tern_posix_addr_t *addr,
                                  const char **out_what) {
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK)) {
        *out_what = "fcntl()";
        return avs_errno(avs_map_errno(errno));
    }
    avs_error_t err = AVS_OK;
    *out_what = "connect()";
    if (connect(fd, &addr->u.sa, addr->len)) {
        int saved_errno = errno;
        /* After EINTR the handshake goes on in the background, exactly as
         * after EINPROGRESS. */
        if (saved_errno != EINPROGRESS && saved_errno != EINTR) {
            err = avs_errno(avs_map_errno(saved_errno));
        } else {
            err = tern_posix_wait(fd, POLLOUT,
                                  avs_time_duration_from_scalar(
                                          CONNECT_TIMEOUT_S, AVS_TIME_S));
            if (avs_is_ok(err)) {
                int so_error = 0;
                socklen_t len = sizeof(so_error);
                if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len)) {
                    so_error = errno;
                }
                if (so_error) {
                    err = avs_errno(avs_map_errno(so_error));
                }
            }
        }
    }
    if (fcntl(fd, F_SETFL, flags) && avs_is_ok(err)) {
        *out_what = "fcntl()";
        err = avs_errno(avs_map_errno(errno));
    }
    return err;
}

static avs_error_t connect_fd(tern_posix_socket_t *sock,
                              const tern_posix_addr_t *addr,
                              const char **out_what) {
    if (sock->type == AVS_NET_TCP_SOCKET) {
        return connect_stream(sock->fd, addr, out_what);
    }
    *out_what = "connect()";
    int result;
    do {
        result = connect(sock->fd, &addr->u.sa, addr->len);
    } while (result && errno == EINTR);
    return result ? avs_errno(avs_map_errno(errno)) : AVS_OK;
}

avs_error_t tern_posix_connect(avs_net_socket_t *socket, const char *host,
                               const char *port) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (!host || !*host || !port || !*port) {
        avs_log(net, ERROR, "connect: host and port are required");
        return avs_errno(AVS_EINVAL);
    }
    if (strlen(host) >= sizeof(sock->remote_hostname)) {
        avs_log(net, ERROR, "connect: host name longer than %zu characters",
                sizeof(sock->remote_hostname) - 1);
        return avs_errno(AVS_ENAMETOOLONG);
    }
    if (sock->type == AVS_NET_TCP_SOCKET &&
        (sock->state == AVS_NET_SOCKET_STATE_CONNECTED ||
         sock->state == AVS_NET_SOCKET_STATE_ACCEPTED)) {
        avs_log(net, ERROR, "connect: the TCP socket is already connected");
        return avs_errno(AVS_EISCONN);
    }
    if (sock->state == AVS_NET_SOCKET_STATE_SHUTDOWN) {
        /* A shut-down descriptor can never carry traffic again. */
        tern_posix_close_fd(sock);
    }

    avs_net_af_t family;
    int flags = AVS_NET_ADDRINFO_RESOLVE_F_NOADDRCONFIG;
    resolution_family(sock, &family, &flags);
    avs_net_addrinfo_t *ai = NULL;
    avs_error_t err =
            tern_posix_resolve(&ai, sock->type, family, host, port, flags,
                               sock->config.preferred_endpoint);
    if (avs_is_err(err)) {
        return err;
    }
    if (sock->fd < 0) {
        tern_posix_addrinfo_prefer_family(
                ai, tern_posix_af_to_system(sock->config.preferred_family));
    }

    const char *what = "connect()";
    tern_posix_addr_t addr;
    memset(&addr, 0, sizeof(addr));
    size_t count = tern_posix_addrinfo_count(ai);
    for (size_t i = 0; i < count; ++i) {
        addr = *tern_posix_addrinfo_get(ai, i);
        bool created = false;
        if (sock->fd >= 0) {
            if (!fit_to_family(&addr, sock->fd_family)) {
                what = "address family";
                err = avs_errno(AVS_EAFNOSUPPORT);
                continue;
            }
        } else {
            err = tern_posix_open_fd(sock, addr.u.sa.sa_family, &what);
            if (avs_is_err(err)) {
                continue;
            }
            created = true;
        }
        err = connect_fd(sock, &addr, &what);
        if (avs_is_ok(err)) {
            break;
        }
        /* A TCP socket is unusable after a failed connect(); a fresh UDP
         * one may be of the wrong family for the next address. */
        if (created || sock->type == AVS_NET_TCP_SOCKET) {
            tern_posix_close_fd(sock);
        }
    }
    avs_net_addrinfo_delete(&ai);
    if (avs_is_err(err)) {
        /* Whatever half-state the attempts left behind is dropped. */
        tern_posix_close_fd(sock);
        avs_log(net, ERROR, "connect to %s port %s: %s failed: %s", host, port,
                what, describe(err));
        return err;
    }
    sock->remote = addr;
    sock->state = AVS_NET_SOCKET_STATE_CONNECTED;
    strcpy(sock->remote_hostname, host);
    if (sock->config.preferred_endpoint) {
        /* Stored as plain IPv4 when mapped, so that the endpoint reads the
         * same whichever descriptor family reached it. */
        tern_posix_addr_t plain;
        tern_posix_addr_unmap(&plain, &addr);
        tern_posix_addr_to_endpoint(sock->config.preferred_endpoint, &plain);
    }
    return AVS_OK;
}

static avs_error_t bind_fd(tern_posix_socket_t *sock,
                           const tern_posix_addr_t *addr,
                           const char **out_what) {
    *out_what = "bind()";
    if (bind(sock->fd, &addr->u.sa, addr->len)) {
        return avs_errno(avs_map_errno(errno));
    }
    if (sock->type != AVS_NET_TCP_SOCKET) {
        return AVS_OK;
    }
    *out_what = "listen()";
    if (listen(sock->fd, LISTEN_BACKLOG)) {
        return avs_errno(avs_map_errno(errno));
    }
    /* accept() must not block on a connection that was reset between
     * poll() and accept(); nothing else reads a listening descriptor. */
    int flags = fcntl(sock->fd, F_GETFL);
    *out_what = "fcntl()";
    if (flags < 0 || fcntl(sock->fd, F_SETFL, flags | O_NONBLOCK)) {
        return avs_errno(avs_map_errno(errno));
    }
    return AVS_OK;
}

avs_error_t tern_posix_bind(avs_net_socket_t *socket, const char *address,
                            const char *port) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (sock->state == AVS_NET_SOCKET_STATE_SHUTDOWN) {
        tern_posix_close_fd(sock);
    }
    avs_net_af_t family;
    int flags = AVS_NET_ADDRINFO_RESOLVE_F_PASSIVE |
                AVS_NET_ADDRINFO_RESOLVE_F_NOADDRCONFIG;
    resolution_family(sock, &family, &flags);
    avs_net_addrinfo_t *ai = NULL;
    avs_error_t err = tern_posix_resolve(&ai, sock->type, family, address, port,
                                         flags, NULL);
    if (avs_is_err(err)) {
        tern_posix_close_fd(sock);
        return err;
    }
    if (sock->fd < 0) {
        int preferred = tern_posix_af_to_system(sock->config.preferred_family);
        if (preferred == AF_UNSPEC && (!address || !*address) &&
            family == AVS_NET_AF_UNSPEC) {
            /* An IPv6 wildcard socket is dual-stack, so it can later
             * connect to a server of either family. */
            preferred = AF_INET6;
        }
        tern_posix_addrinfo_prefer_family(ai, preferred);
    }

    const char *what = "bind()";
    size_t count = tern_posix_addrinfo_count(ai);
    for (size_t i = 0; i < count; ++i) {
        tern_posix_addr_t addr = *tern_posix_addrinfo_get(ai, i);
        if (sock->fd >= 0) {
            if (!fit_to_family(&addr, sock->fd_family)) {
                what = "address family";
                err = avs_errno(AVS_EAFNOSUPPORT);
                continue;
            }
        } else {
            err = tern_posix_open_fd(sock, addr.u.sa.sa_family, &what);
            if (avs_is_err(err)) {
                continue;
            }
        }
        err = bind_fd(sock, &addr, &what);
        if (avs_is_ok(err)) {
            break;
        }
        tern_posix_close_fd(sock);
    }
    avs_net_addrinfo_delete(&ai);
    if (avs_is_err(err)) {
        tern_posix_close_fd(sock);
        avs_log(net, ERROR, "bind to %s port %s: %s failed: %s",
                address ? address : "(wildcard)", port ? port : "0", what,
                describe(err));
        return err;
    }
    sock->state = AVS_NET_SOCKET_STATE_BOUND;
    memset(&sock->remote, 0, sizeof(sock->remote));
    return AVS_OK;
}

avs_error_t tern_posix_accept(avs_net_socket_t *server_socket,
                              avs_net_socket_t *new_socket) {
    tern_posix_socket_t *server = (tern_posix_socket_t *) server_socket;
    if (!tern_posix_is_own_socket(new_socket)) {
        avs_log(net, ERROR, "accept: the target is not a POSIX layer socket");
        return avs_errno(AVS_EINVAL);
    }
    tern_posix_socket_t *client = (tern_posix_socket_t *) new_socket;
    if (server->type != AVS_NET_TCP_SOCKET ||
        client->type != AVS_NET_TCP_SOCKET) {
        avs_log(net, ERROR, "accept: both sockets must be TCP");
        return avs_errno(AVS_EINVAL);
    }
    if (server->fd < 0 || server->state != AVS_NET_SOCKET_STATE_BOUND) {
        avs_log(net, ERROR, "accept: the server socket is not listening");
        return avs_errno(AVS_EINVAL);
    }
    if (client->fd >= 0) {
        avs_log(net, ERROR, "accept: the target socket is already open");
        return avs_errno(AVS_EISCONN);
    }
    avs_time_duration_t timeout = server->recv_timeout;
    avs_time_monotonic_t start = avs_time_monotonic_now();
    tern_posix_addr_t peer;
    int fd;
    for (;;) {
        avs_error_t err = tern_posix_wait(server->fd, POLLIN, timeout);
        if (avs_is_err(err)) {
            avs_log(net, ERROR, "accept: %s", describe(err));
            return err;
        }
        memset(&peer, 0, sizeof(peer));
        peer.len = sizeof(peer.u);
        fd = accept(server->fd, &peer.u.sa, &peer.len);
        if (fd >= 0) {
            break;
        }
        int saved_errno = errno;
        if (saved_errno != EINTR && saved_errno != EAGAIN &&
            saved_errno != EWOULDBLOCK && saved_errno != ECONNABORTED) {
            avs_log(net, ERROR, "accept() failed: %s", strerror(saved_errno));
            return avs_errno(avs_map_errno(saved_errno));
        }
        /* The connection went away before it was taken: wait for the next
         * within what is left of the timeout. */
        if (avs_time_duration_valid(timeout)) {
            timeout = avs_time_duration_diff(
                    server->recv_timeout,
                    avs_time_monotonic_diff(avs_time_monotonic_now(), start));
        }
    }
    const char *what = "fcntl()";
    avs_error_t err = AVS_OK;
    int fd_flags = fcntl(fd, F_GETFD);
    if (fd_flags < 0 || fcntl(fd, F_SETFD, fd_flags | FD_CLOEXEC)) {
        err = avs_errno(avs_map_errno(errno));
    } else {
        err = tern_posix_configure_fd(client, fd, server->fd_family, &what);
    }
    if (avs_is_err(err)) {
        close(fd);
        avs_log(net, ERROR, "accept: %s failed on the new connection: %s", what,
                describe(err));
        return err;
    }
    client->fd = fd;
    client->fd_family = server->fd_family;
    client->rcvtimeo_set = false;
    client->remote = peer;
    client->state = AVS_NET_SOCKET_STATE_ACCEPTED;
    if (avs_is_err(tern_posix_addr_to_strings(&peer, client->remote_hostname,
                                              sizeof(client->remote_hostname),
                                              NULL, 0))) {
        client->remote_hostname[0] = '\0';
    }
    return AVS_OK;
}

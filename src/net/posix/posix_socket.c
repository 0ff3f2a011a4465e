/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The POSIX UDP/TCP socket object: its operations table, creation, the
 * descriptor's lifecycle, close, shutdown and cleanup.
 */
#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include "net/net_hooks.h"
#include "posix_socket.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static avs_error_t posix_close(avs_net_socket_t *socket);
static avs_error_t posix_shutdown(avs_net_socket_t *socket);
static avs_error_t posix_cleanup(avs_net_socket_t **socket);
static const void *posix_get_system(avs_net_socket_t *socket);

static const avs_net_socket_v_table_t POSIX_SOCKET_VTABLE = {
        .connect = tern_posix_connect,
        .decorate = NULL,
        .send = tern_posix_send,
        .send_to = tern_posix_send_to,
        .receive = tern_posix_receive,
        .receive_from = tern_posix_receive_from,
        .bind = tern_posix_bind,
        .accept = tern_posix_accept,
        .close = posix_close,
        .shutdown = posix_shutdown,
        .cleanup = posix_cleanup,
        .get_system_socket = posix_get_system,
        .get_interface_name = tern_posix_get_interface_name,
        .get_remote_host = tern_posix_get_remote_host,
        .get_remote_hostname = tern_posix_get_remote_hostname,
        .get_remote_port = tern_posix_get_remote_port,
        .get_local_host = tern_posix_get_local_host,
        .get_local_port = tern_posix_get_local_port,
        .get_opt = tern_posix_get_opt,
        .set_opt = tern_posix_set_opt};

bool tern_posix_is_own_socket(avs_net_socket_t *socket) {
    return socket &&
           ((tern_posix_socket_t *) socket)->operations == &POSIX_SOCKET_VTABLE;
}

avs_error_t tern_posix_open_fd(tern_posix_socket_t *sock, int family,
                               const char **out_what) {
    int type = sock->type == AVS_NET_TCP_SOCKET ? SOCK_STREAM : SOCK_DGRAM;
    /* CLOEXEC: a descriptor leaking into a child process would keep the
     * port, or a TCP connection, alive behind the application's back. */
    int fd = socket(family, type | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        *out_what = "socket()";
        return avs_errno(avs_map_errno(errno));
    }
    /* Dual-stack unless IPv6 was forced, whatever the system default: an
     * IPv6 socket then also reaches IPv4 peers through v4-mapped addresses.
     * Only possible before the descriptor is bound, hence here. */
    if (family == AF_INET6) {
        int v6only = sock->config.address_family == AVS_NET_AF_INET6;
        if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
                       sizeof(v6only))) {
            *out_what = "IPV6_V6ONLY";
            avs_error_t err = avs_errno(avs_map_errno(errno));
            close(fd);
            return err;
        }
    }
    avs_error_t err = tern_posix_configure_fd(sock, fd, family, out_what);
    if (avs_is_err(err)) {
        close(fd);
        return err;
    }
    sock->fd = fd;
    sock->fd_family = family;
    sock->rcvtimeo_set = false;
    return AVS_OK;
}

avs_error_t tern_posix_close_fd(tern_posix_socket_t *sock) {
    avs_error_t err = AVS_OK;
    if (sock->fd >= 0) {
        /* Linux releases the descriptor even when close() reports an error,
         * so it is never retried. */
        if (close(sock->fd)) {
            int saved_errno = errno;
            if (saved_errno != EINTR) {
                avs_log(net, WARNING, "close() reported: %s",
                        strerror(saved_errno));
                err = avs_errno(avs_map_errno(saved_errno));
            }
        }
        sock->fd = -1;
    }
    sock->fd_family = AF_UNSPEC;
    sock->state = AVS_NET_SOCKET_STATE_CLOSED;
    memset(&sock->remote, 0, sizeof(sock->remote));
    return err;
}

static avs_error_t posix_close(avs_net_socket_t *socket) {
    return tern_posix_close_fd((tern_posix_socket_t *) socket);
}

static avs_error_t posix_shutdown(avs_net_socket_t *socket) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (sock->fd < 0) {
        avs_log(net, ERROR, "shutdown: the socket has no descriptor");
        return avs_errno(AVS_EBADF);
    }
    /* ENOTCONN only says there was no peer; traffic is stopped all the
     * same, which is what the caller asked for. */
    if (shutdown(sock->fd, SHUT_RDWR) && errno != ENOTCONN) {
        int saved_errno = errno;
        avs_log(net, ERROR, "shutdown() failed: %s", strerror(saved_errno));
        return avs_errno(avs_map_errno(saved_errno));
    }
    sock->state = AVS_NET_SOCKET_STATE_SHUTDOWN;
    return AVS_OK;
}

static avs_error_t posix_cleanup(avs_net_socket_t **socket) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) *socket;
    avs_error_t err = tern_posix_close_fd(sock);
    avs_free(sock);
    *socket = NULL;
    return err;
}

static const void *posix_get_system(avs_net_socket_t *socket) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    return sock->fd >= 0 ? &sock->fd : NULL;
}

static avs_error_t create_socket(avs_net_socket_t **socket,
                                 avs_net_socket_type_t type,
                                 const avs_net_socket_configuration_t *config) {
    if (!socket) {
        avs_log(net, ERROR, "socket creation: no place to store the socket");
        return avs_errno(AVS_EINVAL);
    }
    if (config && config->dscp > 63) {
        avs_log(net, ERROR, "invalid DSCP value %u: expected 0-63",
                (unsigned) config->dscp);
        return avs_errno(AVS_EINVAL);
    }
    tern_posix_socket_t *sock =
            (tern_posix_socket_t *) avs_calloc(1, sizeof(*sock));
    if (!sock) {
        avs_log(net, ERROR, "out of memory creating a socket");
        return avs_errno(AVS_ENOMEM);
    }
    sock->operations = &POSIX_SOCKET_VTABLE;
    sock->type = type;
    sock->fd = -1;
    sock->fd_family = AF_UNSPEC;
    sock->state = AVS_NET_SOCKET_STATE_CLOSED;
    sock->recv_timeout = AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT;
    if (config) {
        sock->config = *config;
    }
    *socket = (avs_net_socket_t *) sock;
    return AVS_OK;
}

avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    return create_socket(
            socket, AVS_NET_UDP_SOCKET,
            (const avs_net_socket_configuration_t *) socket_configuration);
}

avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    return create_socket(
            socket, AVS_NET_TCP_SOCKET,
            (const avs_net_socket_configuration_t *) socket_configuration);
}

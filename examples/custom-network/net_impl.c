/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * A network layer written outside Tern, as a port to a new platform would
 * be: UDP only, poll()-based, small enough to read in one go. Tern built with
 * TERN_NET_BACKEND=custom calls the hooks below at link time; everything else
 * (the public avs_net_socket_* API, creators, global init) stays Tern's.
 */
#define _POSIX_C_SOURCE 200809L

#include <avsystem/commons/avs_commons_config.h>

#ifdef AVS_COMMONS_NET_WITH_POSIX_AVS_SOCKET
#    error "This layer replaces Tern's own: configure Tern with -DTERN_NET_BACKEND=custom"
#endif

#include <avsystem/commons/avs_addrinfo.h>
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_socket_v_table.h>

#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

/*
 * The hooks Tern's socket API links against. Their header is private to
 * Tern, so a layer declares them itself, spelled exactly like this.
 */
avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_compat_state(void);
void _avs_net_cleanup_global_compat_state(void);

typedef union {
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr_storage storage;
} any_addr_t;

typedef struct {
    /* First, always: Tern finds the operations through it. */
    const avs_net_socket_v_table_t *operations;
    int fd;
    avs_time_duration_t recv_timeout;
    any_addr_t peer;
    socklen_t peer_len;
    /* Caller storage for IP stickiness; may be NULL. */
    avs_net_resolved_endpoint_t *preferred_endpoint;
    uint8_t reuse_addr;
} udp_socket_t;

static avs_error_t from_errno(void) {
    switch (errno) {
        case ECONNREFUSED:
            return avs_errno(AVS_ECONNREFUSED);
        case EADDRINUSE:
            return avs_errno(AVS_EADDRINUSE);
        case EMSGSIZE:
            return avs_errno(AVS_EMSGSIZE);
        default:
            return avs_errno(AVS_EIO);
    }
}

/* Resolves into a list the caller frees with freeaddrinfo(). */
static avs_error_t resolve(struct addrinfo **out, int family, const char *host,
                           const char *port, int flags) {
    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = family;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = flags;
    return getaddrinfo(host, port, &hints, out) ? avs_errno(AVS_EADDRNOTAVAIL)
                                                : AVS_OK;
}

/* The family of the socket's descriptor, or AF_UNSPEC if there is none. */
static int fd_family(const udp_socket_t *sock) {
    any_addr_t addr;
    socklen_t len = sizeof(addr);
    if (sock->fd < 0 || getsockname(sock->fd, &addr.sa, &len)) {
        return AF_UNSPEC;
    }
    return addr.sa.sa_family;
}

static avs_error_t open_fd(udp_socket_t *sock, int family) {
    sock->fd = socket(family, SOCK_DGRAM, 0);
    if (sock->fd < 0) {
        return avs_errno(AVS_EIO);
    }
    int one = 1;
    if (sock->reuse_addr &&
        setsockopt(sock->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one))) {
        close(sock->fd);
        sock->fd = -1;
        return avs_errno(AVS_EIO);
    }
    return AVS_OK;
}

static avs_error_t udp_close(avs_net_socket_t *socket) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    if (sock->fd >= 0) {
        close(sock->fd);
        sock->fd = -1;
    }
    sock->peer_len = 0;
    return AVS_OK;
}

static avs_error_t udp_connect(avs_net_socket_t *socket, const char *host,
                               const char *port) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    struct addrinfo *list = NULL;
    /* A bound descriptor keeps its family. */
    avs_error_t err = resolve(&list, fd_family(sock), host, port, 0);
    if (avs_is_err(err)) {
        return err;
    }
    err = avs_errno(AVS_ECONNREFUSED);
    for (const struct addrinfo *ai = list; ai; ai = ai->ai_next) {
        if (sock->fd < 0 && avs_is_err(open_fd(sock, ai->ai_family))) {
            continue;
        }
        if (!connect(sock->fd, ai->ai_addr, ai->ai_addrlen)) {
            memcpy(&sock->peer, ai->ai_addr, ai->ai_addrlen);
            sock->peer_len = ai->ai_addrlen;
            err = AVS_OK;
            break;
        }
    }
    freeaddrinfo(list);
    if (avs_is_err(err)) {
        udp_close(socket);
        return err;
    }
    if (sock->preferred_endpoint) {
        /* Our endpoint format: the raw sockaddr and its length. */
        memcpy(sock->preferred_endpoint->data.buf, &sock->peer, sock->peer_len);
        sock->preferred_endpoint->size = (uint8_t) sock->peer_len;
    }
    return AVS_OK;
}

static avs_error_t udp_bind(avs_net_socket_t *socket, const char *address,
                            const char *port) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    struct addrinfo *list = NULL;
    avs_error_t err = resolve(&list, fd_family(sock), address,
                              port ? port : "0", AI_PASSIVE);
    if (avs_is_err(err)) {
        udp_close(socket);
        return err;
    }
    err = avs_errno(AVS_EADDRINUSE);
    if (sock->fd >= 0 || avs_is_ok(open_fd(sock, list->ai_family))) {
        err = bind(sock->fd, list->ai_addr, list->ai_addrlen) ? from_errno()
                                                              : AVS_OK;
    }
    freeaddrinfo(list);
    if (avs_is_err(err)) {
        /* A failed bind leaves no descriptor behind. */
        udp_close(socket);
    }
    return err;
}

static avs_error_t udp_send(avs_net_socket_t *socket, const void *buffer,
                            size_t length) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    if (sock->fd < 0) {
        return avs_errno(AVS_EBADF);
    }
    /* MSG_NOSIGNAL: never let a send raise SIGPIPE in the application. */
    ssize_t sent = send(sock->fd, buffer, length, MSG_NOSIGNAL);
    if (sent < 0) {
        return from_errno();
    }
    return (size_t) sent == length ? AVS_OK : avs_errno(AVS_EIO);
}

/* Milliseconds for poll(): invalid = forever, negative = do not wait. */
static int poll_timeout_ms(avs_time_duration_t timeout) {
    int64_t ms;
    if (avs_time_duration_to_scalar(&ms, AVS_TIME_MS, timeout)) {
        return -1;
    }
    if (ms < 0) {
        return 0;
    }
    return ms > 86400000 ? 86400000 : (int) ms;
}

static avs_error_t udp_receive(avs_net_socket_t *socket, size_t *out_received,
                               void *buffer, size_t length) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    *out_received = 0;
    if (sock->fd < 0) {
        return avs_errno(AVS_EBADF);
    }
    struct pollfd pfd = {sock->fd, POLLIN, 0};
    int ready = poll(&pfd, 1, poll_timeout_ms(sock->recv_timeout));
    if (ready == 0) {
        return avs_errno(AVS_ETIMEDOUT);
    }
    if (ready < 0) {
        return avs_errno(AVS_EIO);
    }
    struct iovec iov = {buffer, length};
    struct msghdr msg;
    memset(&msg, 0, sizeof(msg));
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    ssize_t got = recvmsg(sock->fd, &msg, 0);
    if (got < 0) {
        return from_errno();
    }
    *out_received = (size_t) got;
    /* The kernel tells whether the datagram did not fit. */
    return (msg.msg_flags & MSG_TRUNC) ? avs_errno(AVS_EMSGSIZE) : AVS_OK;
}

static avs_error_t udp_cleanup(avs_net_socket_t **socket) {
    udp_close(*socket);
    avs_free(*socket);
    *socket = NULL;
    return AVS_OK;
}

static const void *udp_get_system(avs_net_socket_t *socket) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    return sock->fd >= 0 ? &sock->fd : NULL;
}

static avs_error_t addr_strings(const any_addr_t *addr, socklen_t len,
                                char *host, size_t host_size, char *port,
                                size_t port_size) {
    char h[64], p[8];
    if (!len || getnameinfo(&addr->sa, len, h, sizeof(h), p, sizeof(p),
                            NI_NUMERICHOST | NI_NUMERICSERV)) {
        return avs_errno(AVS_EINVAL);
    }
    if ((host && (size_t) snprintf(host, host_size, "%s", h) >= host_size) ||
        (port && (size_t) snprintf(port, port_size, "%s", p) >= port_size)) {
        return avs_errno(AVS_ERANGE);
    }
    return AVS_OK;
}

static avs_error_t udp_remote_host(avs_net_socket_t *socket, char *out,
                                   size_t size) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    return addr_strings(&sock->peer, sock->peer_len, out, size, NULL, 0);
}

static avs_error_t udp_remote_port(avs_net_socket_t *socket, char *out,
                                   size_t size) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    return addr_strings(&sock->peer, sock->peer_len, NULL, 0, out, size);
}

static avs_error_t udp_local_port(avs_net_socket_t *socket, char *out,
                                  size_t size) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    any_addr_t addr;
    socklen_t len = sizeof(addr);
    if (sock->fd < 0 || getsockname(sock->fd, &addr.sa, &len)) {
        return avs_errno(AVS_EBADF);
    }
    return addr_strings(&addr, len, NULL, 0, out, size);
}

static avs_error_t udp_get_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t *out) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    switch (key) {
        case AVS_NET_SOCKET_OPT_RECV_TIMEOUT:
            out->recv_timeout = sock->recv_timeout;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_STATE:
            out->state = sock->fd < 0     ? AVS_NET_SOCKET_STATE_CLOSED
                         : sock->peer_len ? AVS_NET_SOCKET_STATE_CONNECTED
                                          : AVS_NET_SOCKET_STATE_BOUND;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_INNER_MTU:
            /* Ethernet minus IPv6 and UDP headers: safe for either family. */
            out->mtu = 1500 - 40 - 8;
            return AVS_OK;
        case AVS_NET_SOCKET_HAS_BUFFERED_DATA:
            out->flag = false;
            return AVS_OK;
        default:
            return avs_errno(AVS_ENOTSUP);
    }
}

static avs_error_t udp_set_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t value) {
    udp_socket_t *sock = (udp_socket_t *) socket;
    if (key != AVS_NET_SOCKET_OPT_RECV_TIMEOUT) {
        return avs_errno(AVS_ENOTSUP);
    }
    sock->recv_timeout = value.recv_timeout;
    return AVS_OK;
}

/* Entries left NULL make Tern's wrappers answer AVS_ENOTSUP. */
static const avs_net_socket_v_table_t UDP_VTABLE = {
        .connect = udp_connect,
        .send = udp_send,
        .receive = udp_receive,
        .bind = udp_bind,
        .close = udp_close,
        .cleanup = udp_cleanup,
        .get_system_socket = udp_get_system,
        .get_remote_host = udp_remote_host,
        .get_remote_port = udp_remote_port,
        .get_local_port = udp_local_port,
        .get_opt = udp_get_opt,
        .set_opt = udp_set_opt};

avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    const avs_net_socket_configuration_t *config =
            (const avs_net_socket_configuration_t *) socket_configuration;
    udp_socket_t *sock = (udp_socket_t *) avs_calloc(1, sizeof(*sock));
    if (!sock) {
        return avs_errno(AVS_ENOMEM);
    }
    sock->operations = &UDP_VTABLE;
    sock->fd = -1;
    sock->recv_timeout = AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT;
    if (config) {
        sock->preferred_endpoint = config->preferred_endpoint;
        sock->reuse_addr = config->reuse_addr;
    }
    *socket = (avs_net_socket_t *) sock;
    return AVS_OK;
}

avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    (void) socket;
    (void) socket_configuration;
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_initialize_global_compat_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_compat_state(void) {
}

avs_error_t
avs_net_resolved_endpoint_get_host_port(const avs_net_resolved_endpoint_t *endp,
                                        char *host, size_t hostlen, char *serv,
                                        size_t servlen) {
    any_addr_t addr;
    if (!endp || endp->size == 0 || endp->size > sizeof(addr)) {
        return avs_errno(AVS_EINVAL);
    }
    memset(&addr, 0, sizeof(addr));
    memcpy(&addr, endp->data.buf, endp->size);
    bool ok = (addr.sa.sa_family == AF_INET &&
               endp->size == sizeof(struct sockaddr_in)) ||
              (addr.sa.sa_family == AF_INET6 &&
               endp->size == sizeof(struct sockaddr_in6));
    if (!ok) {
        return avs_errno(AVS_EINVAL);
    }
    return addr_strings(&addr, endp->size, host, hostlen, serv, servlen);
}

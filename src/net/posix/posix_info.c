/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * What a socket can tell about its two ends: addresses, ports, the name the
 * peer was reached by, and the network interface in use.
 */
#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>

#include "posix_socket.h"

#include <errno.h>
#include <ifaddrs.h>
#include <string.h>

static avs_error_t report_format_error(const char *what, avs_error_t err) {
    if (err.code == AVS_ERANGE) {
        avs_log(net, ERROR, "%s does not fit in the buffer", what);
    } else {
        avs_log(net, ERROR, "%s: unknown address family", what);
    }
    return err;
}

static avs_error_t remote_strings(avs_net_socket_t *socket, const char *what,
                                  char *host, size_t host_size, char *port,
                                  size_t port_size) {
    const tern_posix_socket_t *sock = (const tern_posix_socket_t *) socket;
    if ((!host || !host_size) && (!port || !port_size)) {
        avs_log(net, ERROR, "%s: no output buffer", what);
        return avs_errno(AVS_EINVAL);
    }
    if (sock->remote.len == 0) {
        avs_log(net, ERROR, "%s: the socket has no peer", what);
        return avs_errno(AVS_ENOTCONN);
    }
    avs_error_t err = tern_posix_addr_to_strings(&sock->remote, host, host_size,
                                                 port, port_size);
    return avs_is_err(err) ? report_format_error(what, err) : AVS_OK;
}

avs_error_t tern_posix_get_remote_host(avs_net_socket_t *socket, char *out,
                                       size_t out_size) {
    return remote_strings(socket, "remote host", out, out_size, NULL, 0);
}

avs_error_t tern_posix_get_remote_port(avs_net_socket_t *socket, char *out,
                                       size_t out_size) {
    return remote_strings(socket, "remote port", NULL, 0, out, out_size);
}

avs_error_t tern_posix_get_remote_hostname(avs_net_socket_t *socket, char *out,
                                           size_t out_size) {
    const tern_posix_socket_t *sock = (const tern_posix_socket_t *) socket;
    if (!out || !out_size) {
        avs_log(net, ERROR, "remote hostname: no output buffer");
        return avs_errno(AVS_EINVAL);
    }
    if (!sock->remote_hostname[0]) {
        avs_log(net, ERROR, "remote hostname: the socket never connected");
        return avs_errno(AVS_ENOTCONN);
    }
    size_t len = strlen(sock->remote_hostname);
    if (len >= out_size) {
        avs_log(net, ERROR, "remote hostname does not fit in the buffer");
        return avs_errno(AVS_ERANGE);
    }
    memcpy(out, sock->remote_hostname, len + 1);
    return AVS_OK;
}

static avs_error_t local_address(const tern_posix_socket_t *sock,
                                 const char *what, tern_posix_addr_t *out) {
    if (sock->fd < 0) {
        avs_log(net, ERROR, "%s: the socket has no descriptor", what);
        return avs_errno(AVS_EBADF);
    }
    memset(out, 0, sizeof(*out));
    out->len = sizeof(out->u);
    if (getsockname(sock->fd, &out->u.sa, &out->len)) {
        int saved_errno = errno;
        avs_log(net, ERROR, "%s: getsockname() failed: %s", what,
                strerror(saved_errno));
        return avs_errno(avs_map_errno(saved_errno));
    }
    return AVS_OK;
}

static avs_error_t local_strings(avs_net_socket_t *socket, const char *what,
                                 char *host, size_t host_size, char *port,
                                 size_t port_size) {
    if ((!host || !host_size) && (!port || !port_size)) {
        avs_log(net, ERROR, "%s: no output buffer", what);
        return avs_errno(AVS_EINVAL);
    }
    tern_posix_addr_t addr;
    avs_error_t err =
            local_address((const tern_posix_socket_t *) socket, what, &addr);
    if (avs_is_err(err)) {
        return err;
    }
    err = tern_posix_addr_to_strings(&addr, host, host_size, port, port_size);
    return avs_is_err(err) ? report_format_error(what, err) : AVS_OK;
}

avs_error_t tern_posix_get_local_host(avs_net_socket_t *socket, char *out,
                                      size_t out_size) {
    return local_strings(socket, "local host", out, out_size, NULL, 0);
}

avs_error_t tern_posix_get_local_port(avs_net_socket_t *socket, char *out,
                                      size_t out_size) {
    return local_strings(socket, "local port", NULL, 0, out, out_size);
}

static bool interface_has_address(const struct ifaddrs *ifa,
                                  const tern_posix_addr_t *local) {
    if (!ifa->ifa_addr || ifa->ifa_addr->sa_family != local->u.sa.sa_family) {
        return false;
    }
    tern_posix_addr_t candidate;
    memset(&candidate, 0, sizeof(candidate));
    if (ifa->ifa_addr->sa_family == AF_INET) {
        memcpy(&candidate.u.in4, ifa->ifa_addr, sizeof(candidate.u.in4));
        candidate.len = sizeof(candidate.u.in4);
    } else {
        memcpy(&candidate.u.in6, ifa->ifa_addr, sizeof(candidate.u.in6));
        candidate.len = sizeof(candidate.u.in6);
        /* getsockname() leaves the scope out for non-link-local addresses
         * while getifaddrs() may not. */
        if (!IN6_IS_ADDR_LINKLOCAL(&local->u.in6.sin6_addr)) {
            candidate.u.in6.sin6_scope_id = local->u.in6.sin6_scope_id;
        }
    }
    return tern_posix_addr_same_ip(&candidate, local);
}

avs_error_t
tern_posix_get_interface_name(avs_net_socket_t *socket,
                              avs_net_socket_interface_name_t *out) {
    const tern_posix_socket_t *sock = (const tern_posix_socket_t *) socket;
    if (!out) {
        avs_log(net, ERROR, "interface name: no output buffer");
        return avs_errno(AVS_EINVAL);
    }
    if (sock->config.interface_name[0]) {
        memcpy(*out, sock->config.interface_name, sizeof(*out));
        (*out)[sizeof(*out) - 1] = '\0';
        return AVS_OK;
    }
    tern_posix_addr_t local;
    avs_error_t err = local_address(sock, "interface name", &local);
    if (avs_is_err(err)) {
        return err;
    }
    /* The interface is the one that owns the local address the kernel
     * picked; compare as the wire sees it, v4-mapped as IPv4. */
    tern_posix_addr_unmap(&local, &local);
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list)) {
        int saved_errno = errno;
        avs_log(net, ERROR, "interface name: getifaddrs() failed: %s",
                strerror(saved_errno));
        return avs_errno(avs_map_errno(saved_errno));
    }
    err = avs_errno(AVS_ENODEV);
    for (const struct ifaddrs *ifa = list; ifa; ifa = ifa->ifa_next) {
        if (ifa->ifa_name && interface_has_address(ifa, &local)) {
            size_t len = strlen(ifa->ifa_name);
            if (len < sizeof(*out)) {
                memcpy(*out, ifa->ifa_name, len + 1);
                err = AVS_OK;
            } else {
                err = avs_errno(AVS_ERANGE);
            }
            break;
        }
    }
    freeifaddrs(list);
    if (avs_is_err(err)) {
        avs_log(net, ERROR, "interface name: %s",
                err.code == AVS_ENODEV
                        ? "no interface owns the local address (unbound?)"
                        : "name too long");
    }
    return err;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Socket options: the configuration applied to each new descriptor, and the
 * get_opt / set_opt operations, MTU included.
 */
/* SO_PRIORITY and SO_BINDTODEVICE are Linux extensions outside POSIX. */
#define _DEFAULT_SOURCE

#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>

#include "posix_socket.h"

#include <errno.h>
#include <string.h>

/* What a path with no better knowledge is assumed to carry: Ethernet. */
#define DEFAULT_MTU 1500
/* The IP length fields are 16-bit, whatever the link MTU (loopback's is
 * 65536). */
#define MAX_IP_PACKET 65535

static avs_error_t set_int_option(int fd, int level, int name, int value) {
    if (setsockopt(fd, level, name, &value, sizeof(value))) {
        return avs_errno(avs_map_errno(errno));
    }
    return AVS_OK;
}

avs_error_t tern_posix_configure_fd(const tern_posix_socket_t *sock, int fd,
                                    int family, const char **out_what) {
    const avs_net_socket_configuration_t *config = &sock->config;
    avs_error_t err = AVS_OK;
    if (config->reuse_addr) {
        *out_what = "SO_REUSEADDR";
        err = set_int_option(fd, SOL_SOCKET, SO_REUSEADDR, 1);
        if (avs_is_err(err)) {
            return err;
        }
    }
    if (config->dscp) {
        /* DSCP is the upper six bits of the TOS / traffic class octet. */
        int tos = config->dscp << 2;
        if (family == AF_INET) {
            *out_what = "IP_TOS";
            err = set_int_option(fd, IPPROTO_IP, IP_TOS, tos);
        } else {
            *out_what = "IPV6_TCLASS";
            err = set_int_option(fd, IPPROTO_IPV6, IPV6_TCLASS, tos);
            if (avs_is_ok(err)) {
                /* Traffic to v4-mapped peers takes its TOS from the IPv4
                 * option; a kernel that refuses it only loses the marking
                 * of that traffic. */
                (void) set_int_option(fd, IPPROTO_IP, IP_TOS, tos);
            }
        }
        if (avs_is_err(err)) {
            return err;
        }
    }
    if (config->priority) {
        *out_what = "SO_PRIORITY";
        err = set_int_option(fd, SOL_SOCKET, SO_PRIORITY, config->priority);
        if (avs_is_err(err)) {
            return err;
        }
    }
    if (config->transparent) {
        if (family == AF_INET) {
            *out_what = "IP_TRANSPARENT";
            err = set_int_option(fd, IPPROTO_IP, IP_TRANSPARENT, 1);
        } else {
            *out_what = "IPV6_TRANSPARENT";
            err = set_int_option(fd, IPPROTO_IPV6, IPV6_TRANSPARENT, 1);
        }
        if (avs_is_err(err)) {
            return err;
        }
    }
    if (config->interface_name[0]) {
        *out_what = "SO_BINDTODEVICE";
        size_t len =
                strnlen(config->interface_name, sizeof(config->interface_name));
        if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, config->interface_name,
                       (socklen_t) len)) {
            return avs_errno(avs_map_errno(errno));
        }
    }
    return AVS_OK;
}

static avs_net_af_t af_from_system(int family) {
    switch (family) {
        case AF_INET:
            return AVS_NET_AF_INET4;
        case AF_INET6:
            return AVS_NET_AF_INET6;
        default:
            return AVS_NET_AF_UNSPEC;
    }
}

/* IP version of the traffic, as far as it is known: the peer's if there is
 * one (a v4-mapped peer is IPv4 on the wire), else the descriptor's, else
 * the configured one. */
static int traffic_family(const tern_posix_socket_t *sock) {
    if (sock->remote.len > 0) {
        tern_posix_addr_t plain;
        tern_posix_addr_unmap(&plain, &sock->remote);
        return plain.u.sa.sa_family;
    }
    if (sock->fd >= 0) {
        return sock->fd_family;
    }
    int family = tern_posix_af_to_system(sock->config.address_family);
    if (family == AF_UNSPEC) {
        family = tern_posix_af_to_system(sock->config.preferred_family);
    }
    return family;
}

static int get_mtu(const tern_posix_socket_t *sock) {
    if (sock->config.forced_mtu > 0) {
        return sock->config.forced_mtu;
    }
    if (sock->fd >= 0 && sock->remote.len > 0) {
        /* The kernel knows the path MTU only towards a connected peer. */
        int mtu = 0;
        socklen_t len = sizeof(mtu);
        int result =
                sock->fd_family == AF_INET
                        ? getsockopt(sock->fd, IPPROTO_IP, IP_MTU, &mtu, &len)
                        : getsockopt(sock->fd, IPPROTO_IPV6, IPV6_MTU, &mtu,
                                     &len);
        if (!result && mtu > 0) {
            return mtu;
        }
    }
    return DEFAULT_MTU;
}

static int get_inner_mtu(const tern_posix_socket_t *sock) {
    int mtu = get_mtu(sock);
    if (mtu > MAX_IP_PACKET) {
        mtu = MAX_IP_PACKET;
    }
    /* With the family unknown, assume the larger IPv6 header: an estimate
     * that is too small only costs efficiency. */
    int ip_header = traffic_family(sock) == AF_INET ? 20 : 40;
    int transport_header = sock->type == AVS_NET_TCP_SOCKET ? 20 : 8;
    int inner = mtu - ip_header - transport_header;
    return inner > 0 ? inner : 0;
}

static bool af_valid(avs_net_af_t af) {
    return af == AVS_NET_AF_UNSPEC || af == AVS_NET_AF_INET4 ||
           af == AVS_NET_AF_INET6;
}

avs_error_t tern_posix_get_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t *out_value) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    if (!out_value) {
        avs_log(net, ERROR, "get_opt: no place for the value");
        return avs_errno(AVS_EINVAL);
    }
    switch (key) {
        case AVS_NET_SOCKET_OPT_RECV_TIMEOUT:
            out_value->recv_timeout = sock->recv_timeout;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_STATE:
            out_value->state = sock->state;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_ADDR_FAMILY:
            out_value->addr_family = sock->fd >= 0
                                             ? af_from_system(sock->fd_family)
                                             : sock->config.address_family;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_MTU:
            out_value->mtu = get_mtu(sock);
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_INNER_MTU:
            out_value->mtu = get_inner_mtu(sock);
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_BYTES_SENT:
            out_value->bytes_sent = sock->bytes_sent;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_BYTES_RECEIVED:
            out_value->bytes_received = sock->bytes_received;
            return AVS_OK;
        case AVS_NET_SOCKET_HAS_BUFFERED_DATA:
            /* Nothing is ever read ahead of the caller. */
            out_value->flag = false;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY:
            out_value->addr_family = sock->config.preferred_family;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY:
            out_value->addr_family = sock->config.address_family;
            return AVS_OK;
        default:
            /* Layers above probe for (D)TLS options as a matter of course. */
            avs_log(net, DEBUG, "get_opt: option %d not supported by UDP/TCP",
                    (int) key);
            return avs_errno(AVS_ENOTSUP);
    }
}

avs_error_t tern_posix_set_opt(avs_net_socket_t *socket,
                               avs_net_socket_opt_key_t key,
                               avs_net_socket_opt_value_t value) {
    tern_posix_socket_t *sock = (tern_posix_socket_t *) socket;
    switch (key) {
        case AVS_NET_SOCKET_OPT_RECV_TIMEOUT:
            /* Stored as given: negative and invalid values have meanings
             * of their own when receiving. */
            sock->recv_timeout = value.recv_timeout;
            return AVS_OK;
        case AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY:
        case AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY:
            if (!af_valid(value.addr_family)) {
                avs_log(net, ERROR, "set_opt: invalid address family %d",
                        (int) value.addr_family);
                return avs_errno(AVS_EINVAL);
            }
            if (key == AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY) {
                sock->config.preferred_family = value.addr_family;
            } else {
                sock->config.address_family = value.addr_family;
            }
            return AVS_OK;
        default:
            avs_log(net, DEBUG, "set_opt: option %d not supported by UDP/TCP",
                    (int) key);
            return avs_errno(AVS_ENOTSUP);
    }
}

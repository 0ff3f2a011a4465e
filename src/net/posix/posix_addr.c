/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Name resolution and the conversions between socket addresses, endpoint
 * values and text. An endpoint produced here carries a struct sockaddr_in or
 * sockaddr_in6 in its buffer and the size of that struct, which is how a
 * foreign endpoint is told apart.
 */
#include <avsystem/commons/avs_errno_map.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include "posix_socket.h"

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

AVS_STATIC_ASSERT(sizeof(struct sockaddr_in6) <=
                          AVS_NET_SOCKET_RAW_RESOLVED_ENDPOINT_MAX_SIZE,
                  endpoint_holds_ipv6);

struct avs_net_addrinfo_struct {
    size_t count;
    size_t next;
    /* The leading results that matched the preferred endpoint. */
    size_t preferred_count;
    tern_posix_addr_t entries[];
};

int tern_posix_af_to_system(avs_net_af_t af) {
    switch (af) {
        case AVS_NET_AF_INET4:
            return AF_INET;
        case AVS_NET_AF_INET6:
            return AF_INET6;
        default:
            return AF_UNSPEC;
    }
}

static bool is_v4_mapped(const tern_posix_addr_t *addr) {
    return addr->u.sa.sa_family == AF_INET6 &&
           IN6_IS_ADDR_V4MAPPED(&addr->u.in6.sin6_addr);
}

void tern_posix_addr_unmap(tern_posix_addr_t *out,
                           const tern_posix_addr_t *in) {
    if (!is_v4_mapped(in)) {
        if (out != in) {
            *out = *in;
        }
        return;
    }
    struct sockaddr_in v4;
    memset(&v4, 0, sizeof(v4));
    v4.sin_family = AF_INET;
    v4.sin_port = in->u.in6.sin6_port;
    memcpy(&v4.sin_addr, &in->u.in6.sin6_addr.s6_addr[12], 4);
    memset(out, 0, sizeof(*out));
    out->u.in4 = v4;
    out->len = (socklen_t) sizeof(v4);
}

void tern_posix_addr_map(tern_posix_addr_t *out, const tern_posix_addr_t *in) {
    if (in->u.sa.sa_family != AF_INET) {
        if (out != in) {
            *out = *in;
        }
        return;
    }
    struct sockaddr_in6 v6;
    memset(&v6, 0, sizeof(v6));
    v6.sin6_family = AF_INET6;
    v6.sin6_port = in->u.in4.sin_port;
    v6.sin6_addr.s6_addr[10] = 0xff;
    v6.sin6_addr.s6_addr[11] = 0xff;
    memcpy(&v6.sin6_addr.s6_addr[12], &in->u.in4.sin_addr, 4);
    memset(out, 0, sizeof(*out));
    out->u.in6 = v6;
    out->len = (socklen_t) sizeof(v6);
}

bool tern_posix_addr_same_ip(const tern_posix_addr_t *a,
                             const tern_posix_addr_t *b) {
    tern_posix_addr_t ua, ub;
    tern_posix_addr_unmap(&ua, a);
    tern_posix_addr_unmap(&ub, b);
    if (ua.u.sa.sa_family != ub.u.sa.sa_family) {
        return false;
    }
    if (ua.u.sa.sa_family == AF_INET) {
        return ua.u.in4.sin_addr.s_addr == ub.u.in4.sin_addr.s_addr;
    }
    if (ua.u.sa.sa_family == AF_INET6) {
        return memcmp(&ua.u.in6.sin6_addr, &ub.u.in6.sin6_addr,
                      sizeof(ua.u.in6.sin6_addr)) == 0 &&
               ua.u.in6.sin6_scope_id == ub.u.in6.sin6_scope_id;
    }
    return false;
}

static avs_error_t copy_string(char *out, size_t out_size, const char *in) {
    size_t len = strlen(in);
    if (len >= out_size) {
        return avs_errno(AVS_ERANGE);
    }
    memcpy(out, in, len + 1);
    return AVS_OK;
}

avs_error_t tern_posix_addr_to_strings(const tern_posix_addr_t *addr,
                                       char *host, size_t host_size, char *port,
                                       size_t port_size) {
    tern_posix_addr_t plain;
    tern_posix_addr_unmap(&plain, addr);
    uint16_t port_value;
    if (plain.u.sa.sa_family == AF_INET) {
        port_value = ntohs(plain.u.in4.sin_port);
    } else if (plain.u.sa.sa_family == AF_INET6) {
        port_value = ntohs(plain.u.in6.sin6_port);
    } else {
        return avs_errno(AVS_EINVAL);
    }
    if (host) {
        /* Room for the longest IPv6 text plus a "%interface" scope. */
        char text[128];
        if (getnameinfo(&plain.u.sa, plain.len, text, sizeof(text), NULL, 0,
                        NI_NUMERICHOST)) {
            return avs_errno(AVS_EINVAL);
        }
        avs_error_t err = copy_string(host, host_size, text);
        if (avs_is_err(err)) {
            return err;
        }
    }
    if (port) {
        char text[TERN_POSIX_PORT_SIZE];
        snprintf(text, sizeof(text), "%u", (unsigned) port_value);
        return copy_string(port, port_size, text);
    }
    return AVS_OK;
}

avs_error_t
tern_posix_addr_from_endpoint(tern_posix_addr_t *out,
                              const avs_net_resolved_endpoint_t *e) {
    if (!e) {
        return avs_errno(AVS_EINVAL);
    }
    sa_family_t family;
    /* The family field sits at the same offset in both structs. */
    memcpy(&family, e->data.buf + offsetof(struct sockaddr_in, sin_family),
           sizeof(family));
    if (!((family == AF_INET && e->size == sizeof(struct sockaddr_in)) ||
          (family == AF_INET6 && e->size == sizeof(struct sockaddr_in6)))) {
        return avs_errno(AVS_EINVAL);
    }
    memset(out, 0, sizeof(*out));
    memcpy(&out->u, e->data.buf, e->size);
    out->len = e->size;
    return AVS_OK;
}

void tern_posix_addr_to_endpoint(avs_net_resolved_endpoint_t *out,
                                 const tern_posix_addr_t *addr) {
    memset(out, 0, sizeof(*out));
    memcpy(out->data.buf, &addr->u, addr->len);
    out->size = (uint8_t) addr->len;
}

static bool port_valid(const char *port) {
    size_t len = strlen(port);
    if (len == 0 || len > 5) {
        return false;
    }
    unsigned long value = 0;
    for (size_t i = 0; i < len; ++i) {
        if (port[i] < '0' || port[i] > '9') {
            return false;
        }
        value = value * 10 + (unsigned long) (port[i] - '0');
    }
    return value <= 65535;
}

static int call_getaddrinfo(struct addrinfo **out, const char *host,
                            const char *port, const struct addrinfo *hints) {
    int result;
    do {
        result = getaddrinfo(host, port, hints, out);
    } while (result == EAI_SYSTEM && errno == EINTR);
    return result;
}

static avs_error_t gai_error(int gai_result, int saved_errno) {
    switch (gai_result) {
        case EAI_MEMORY:
            return avs_errno(AVS_ENOMEM);
        case EAI_SYSTEM:
            return avs_errno(avs_map_errno(saved_errno));
        default:
            return avs_errno(AVS_EADDRNOTAVAIL);
    }
}

/* Stable partition: entries for which @p pred holds go first, from @p start. */
static size_t partition_front(avs_net_addrinfo_t *ctx, size_t start,
                              bool (*pred)(const tern_posix_addr_t *,
                                           const void *),
                              const void *arg) {
    size_t front = start;
    for (size_t i = start; i < ctx->count; ++i) {
        if (pred(&ctx->entries[i], arg)) {
            tern_posix_addr_t moving = ctx->entries[i];
            memmove(&ctx->entries[front + 1], &ctx->entries[front],
                    (i - front) * sizeof(ctx->entries[0]));
            ctx->entries[front++] = moving;
        }
    }
    return front - start;
}

static bool matches_endpoint(const tern_posix_addr_t *addr, const void *arg) {
    return tern_posix_addr_same_ip(addr, (const tern_posix_addr_t *) arg);
}

static bool has_family(const tern_posix_addr_t *addr, const void *arg) {
    return addr->u.sa.sa_family == *(const int *) arg;
}

void tern_posix_addrinfo_prefer_family(avs_net_addrinfo_t *ctx, int family) {
    if (ctx && family != AF_UNSPEC) {
        partition_front(ctx, ctx->preferred_count, has_family, &family);
    }
}

size_t tern_posix_addrinfo_count(const avs_net_addrinfo_t *ctx) {
    return ctx ? ctx->count : 0;
}

const tern_posix_addr_t *tern_posix_addrinfo_get(const avs_net_addrinfo_t *ctx,
                                                 size_t index) {
    return index < ctx->count ? &ctx->entries[index] : NULL;
}

static avs_net_addrinfo_t *collect_results(const struct addrinfo *list,
                                           bool map_v4) {
    size_t count = 0;
    for (const struct addrinfo *ai = list; ai; ai = ai->ai_next) {
        if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
            ai->ai_addrlen <= sizeof(struct sockaddr_storage)) {
            ++count;
        }
    }
    avs_net_addrinfo_t *ctx = (avs_net_addrinfo_t *) avs_calloc(
            1, sizeof(*ctx) + count * sizeof(ctx->entries[0]));
    if (!ctx) {
        return NULL;
    }
    for (const struct addrinfo *ai = list; ai; ai = ai->ai_next) {
        if ((ai->ai_family == AF_INET || ai->ai_family == AF_INET6) &&
            ai->ai_addrlen <= sizeof(struct sockaddr_storage)) {
            tern_posix_addr_t *entry = &ctx->entries[ctx->count++];
            memcpy(&entry->u, ai->ai_addr, ai->ai_addrlen);
            entry->len = ai->ai_addrlen;
            if (map_v4) {
                tern_posix_addr_map(entry, entry);
            }
        }
    }
    return ctx;
}

avs_error_t tern_posix_resolve(avs_net_addrinfo_t **out,
                               avs_net_socket_type_t type, avs_net_af_t family,
                               const char *host, const char *port, int flags,
                               const avs_net_resolved_endpoint_t *preferred) {
    *out = NULL;
    if (!port || !*port) {
        port = "0";
    }
    if (!port_valid(port)) {
        avs_log(net, ERROR, "invalid port \"%s\": expected 0-65535", port);
        return avs_errno(AVS_EINVAL);
    }
    if ((flags & AVS_NET_ADDRINFO_RESOLVE_F_PASSIVE) && host && !*host) {
        host = NULL;
    }
    bool map_v4 = (flags & AVS_NET_ADDRINFO_RESOLVE_F_V4MAPPED);

    struct addrinfo hints;
    memset(&hints, 0, sizeof(hints));
    /* With v4 mapping asked for, an IPv6-only query would miss IPv4 hosts. */
    hints.ai_family = (map_v4 && family == AVS_NET_AF_INET6)
                              ? AF_UNSPEC
                              : tern_posix_af_to_system(family);
    hints.ai_socktype =
            (type == AVS_NET_TCP_SOCKET || type == AVS_NET_SSL_SOCKET)
                    ? SOCK_STREAM
                    : SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICSERV;
    if (flags & AVS_NET_ADDRINFO_RESOLVE_F_PASSIVE) {
        hints.ai_flags |= AI_PASSIVE;
    }
    bool addrconfig = !(flags & AVS_NET_ADDRINFO_RESOLVE_F_NOADDRCONFIG);
    if (addrconfig) {
        hints.ai_flags |= AI_ADDRCONFIG;
    }

    struct addrinfo *list = NULL;
    int result = call_getaddrinfo(&list, host, port, &hints);
    if (result && addrconfig && result != EAI_MEMORY) {
        /* AI_ADDRCONFIG ignores loopback, so on a host whose only IPv6
         * address is ::1 it hides "::1" itself; asking again without it
         * keeps such literals usable. */
        hints.ai_flags &= ~AI_ADDRCONFIG;
        result = call_getaddrinfo(&list, host, port, &hints);
    }
    int saved_errno = errno;
    if (result) {
        avs_log(net, ERROR, "cannot resolve \"%s\" port %s: %s",
                host ? host : "(wildcard)", port,
                result == EAI_SYSTEM ? strerror(saved_errno)
                                     : gai_strerror(result));
        return gai_error(result, saved_errno);
    }
    avs_net_addrinfo_t *ctx = collect_results(list, map_v4);
    freeaddrinfo(list);
    if (!ctx) {
        avs_log(net, ERROR, "out of memory storing addresses of \"%s\"",
                host ? host : "(wildcard)");
        return avs_errno(AVS_ENOMEM);
    }
    if (ctx->count == 0) {
        avs_free(ctx);
        avs_log(net, ERROR, "\"%s\" has no IPv4 or IPv6 address",
                host ? host : "(wildcard)");
        return avs_errno(AVS_EADDRNOTAVAIL);
    }
    tern_posix_addr_t wanted;
    if (preferred && preferred->size > 0 &&
        avs_is_ok(tern_posix_addr_from_endpoint(&wanted, preferred))) {
        ctx->preferred_count =
                partition_front(ctx, 0, matches_endpoint, &wanted);
    }
    *out = ctx;
    return AVS_OK;
}

avs_net_addrinfo_t *avs_net_addrinfo_resolve_ex(
        avs_net_socket_type_t socket_type, avs_net_af_t family,
        const char *host, const char *port, int flags,
        const avs_net_resolved_endpoint_t *preferred_endpoint) {
    avs_net_addrinfo_t *ctx = NULL;
    tern_posix_resolve(&ctx, socket_type, family, host, port, flags,
                       preferred_endpoint);
    return ctx;
}

avs_net_addrinfo_t *avs_net_addrinfo_resolve(
        avs_net_socket_type_t socket_type, avs_net_af_t family,
        const char *host, const char *port,
        const avs_net_resolved_endpoint_t *preferred_endpoint) {
    return avs_net_addrinfo_resolve_ex(socket_type, family, host, port, 0,
                                       preferred_endpoint);
}

void avs_net_addrinfo_delete(avs_net_addrinfo_t **ctx) {
    if (ctx) {
        avs_free(*ctx);
        *ctx = NULL;
    }
}

int avs_net_addrinfo_next(avs_net_addrinfo_t *ctx,
                          avs_net_resolved_endpoint_t *out) {
    if (!ctx || !out) {
        return -1;
    }
    if (ctx->next >= ctx->count) {
        return AVS_NET_ADDRINFO_END;
    }
    tern_posix_addr_to_endpoint(out, &ctx->entries[ctx->next++]);
    return 0;
}

void avs_net_addrinfo_rewind(avs_net_addrinfo_t *ctx) {
    if (ctx) {
        ctx->next = 0;
    }
}

avs_error_t
avs_net_resolved_endpoint_get_host_port(const avs_net_resolved_endpoint_t *endp,
                                        char *host, size_t hostlen, char *serv,
                                        size_t servlen) {
    tern_posix_addr_t addr;
    avs_error_t err = tern_posix_addr_from_endpoint(&addr, endp);
    if (avs_is_err(err)) {
        avs_log(net, ERROR, "endpoint was not written by this network layer");
        return err;
    }
    err = tern_posix_addr_to_strings(&addr, host, hostlen, serv, servlen);
    if (avs_is_err(err)) {
        avs_log(net, ERROR, "cannot format endpoint: %s",
                err.code == AVS_ERANGE ? "buffer too small"
                                       : "unknown address family");
    }
    return err;
}

avs_error_t avs_net_resolve_host_simple(avs_net_socket_type_t socket_type,
                                        avs_net_af_t family, const char *host,
                                        char *resolved_buf,
                                        size_t resolved_buf_size) {
    if (!host || !resolved_buf) {
        avs_log(net, ERROR, "resolve_host_simple: host and buffer required");
        return avs_errno(AVS_EINVAL);
    }
    avs_net_addrinfo_t *ctx = NULL;
    avs_error_t err =
            tern_posix_resolve(&ctx, socket_type, family, host, NULL, 0, NULL);
    if (avs_is_err(err)) {
        return err;
    }
    err = tern_posix_addr_to_strings(&ctx->entries[0], resolved_buf,
                                     resolved_buf_size, NULL, 0);
    avs_net_addrinfo_delete(&ctx);
    if (avs_is_err(err)) {
        avs_log(net, ERROR, "address of \"%s\" does not fit in %zu bytes", host,
                resolved_buf_size);
    }
    return err;
}

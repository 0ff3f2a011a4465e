/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_addrinfo.h
 * Name resolution into @ref avs_net_resolved_endpoint_t values.
 */
#ifndef AVS_COMMONS_ADDRINFO_H
#define AVS_COMMONS_ADDRINFO_H

#include <avsystem/commons/avs_socket.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An iterator over resolved addresses (opaque). */
typedef struct avs_net_addrinfo_struct avs_net_addrinfo_t;

/** avs_net_addrinfo_next() return value at the end of the results. */
#define AVS_NET_ADDRINFO_END 1

/** Resolve for bind() (wildcard when the host is NULL). */
#define AVS_NET_ADDRINFO_RESOLVE_F_PASSIVE (1 << 0)
/** Return IPv4 results as IPv4-mapped IPv6 addresses. */
#define AVS_NET_ADDRINFO_RESOLVE_F_V4MAPPED (1 << 1)
/** Do not filter by the families configured on the host. */
#define AVS_NET_ADDRINFO_RESOLVE_F_NOADDRCONFIG (1 << 2)

/**
 * Resolves @p host and @p port. If @p preferred_endpoint holds one of the
 * results, that one comes first.
 * @returns NULL on failure (the reason is logged).
 */
avs_net_addrinfo_t *avs_net_addrinfo_resolve_ex(
        avs_net_socket_type_t socket_type, avs_net_af_t family,
        const char *host, const char *port, int flags,
        const avs_net_resolved_endpoint_t *preferred_endpoint);

/** avs_net_addrinfo_resolve_ex() with no flags. */
avs_net_addrinfo_t *
avs_net_addrinfo_resolve(avs_net_socket_type_t socket_type, avs_net_af_t family,
                         const char *host, const char *port,
                         const avs_net_resolved_endpoint_t *preferred_endpoint);

/** Frees the results and NULLs @p *ctx. */
void avs_net_addrinfo_delete(avs_net_addrinfo_t **ctx);

/**
 * Writes the next result into @p out.
 * @returns 0, AVS_NET_ADDRINFO_END when exhausted, or negative on error.
 */
int avs_net_addrinfo_next(avs_net_addrinfo_t *ctx,
                          avs_net_resolved_endpoint_t *out);

/** Starts the iteration over. */
void avs_net_addrinfo_rewind(avs_net_addrinfo_t *ctx);

/**
 * Numeric host and/or decimal port of an endpoint written by this network
 * layer. Either output may be NULL.
 * @returns AVS_EINVAL for an endpoint of another format, an error if a buffer
 *          is too small.
 */
avs_error_t
avs_net_resolved_endpoint_get_host_port(const avs_net_resolved_endpoint_t *endp,
                                        char *host, size_t hostlen, char *serv,
                                        size_t servlen);

/** Numeric host of an endpoint. */
static inline avs_error_t
avs_net_resolved_endpoint_get_host(const avs_net_resolved_endpoint_t *endp,
                                   char *host, size_t hostlen) {
    return avs_net_resolved_endpoint_get_host_port(endp, host, hostlen, NULL,
                                                   0);
}

/** Resolves @p host to its first numeric address. */
avs_error_t avs_net_resolve_host_simple(avs_net_socket_type_t socket_type,
                                        avs_net_af_t family, const char *host,
                                        char *resolved_buf,
                                        size_t resolved_buf_size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_ADDRINFO_H */

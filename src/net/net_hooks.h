/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The link-time seams between the socket API and the layers under it. These
 * prototypes are not installed: a layer written outside Tern re-declares them
 * in its own source, exactly as spelled here, and the linker joins the two.
 */
#ifndef TERN_NET_HOOKS_H
#define TERN_NET_HOOKS_H

#include <avsystem/commons/avs_socket.h>

/* Network layer: Tern's POSIX layer, or the application's. */
avs_error_t _avs_net_create_udp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_create_tcp_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_compat_state(void);
void _avs_net_cleanup_global_compat_state(void);

/* (D)TLS layer: Tern's OpenSSL layer, the "none" stub, or the application's.
 * The configuration really is a const avs_net_ssl_configuration_t *. */
avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration);
avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration);
avs_error_t _avs_net_initialize_global_ssl_state(void);
void _avs_net_cleanup_global_ssl_state(void);

#endif /* TERN_NET_HOOKS_H */

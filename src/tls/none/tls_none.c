/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The (D)TLS layer of a build without one (TERN_TLS_BACKEND=none): secure
 * sockets cannot be created, everything else works.
 */
#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_log.h>

#include "net/net_hooks.h"

#include <string.h>

avs_error_t _avs_net_create_dtls_socket(avs_net_socket_t **socket,
                                        const void *socket_configuration) {
    (void) socket;
    (void) socket_configuration;
    avs_log(net, ERROR, "DTLS is not available: Tern was built without TLS");
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_create_ssl_socket(avs_net_socket_t **socket,
                                       const void *socket_configuration) {
    (void) socket;
    (void) socket_configuration;
    avs_log(net, ERROR, "TLS is not available: Tern was built without TLS");
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t _avs_net_initialize_global_ssl_state(void) {
    return AVS_OK;
}

void _avs_net_cleanup_global_ssl_state(void) {
}

/* Called through a volatile pointer, the compiler cannot prove which
 * function runs, so it cannot drop the wipe of memory about to be freed. */
static void *(*volatile const wipe)(void *, int, size_t) = memset;

void avs_crypto_clear_buffer(void *buf, size_t size) {
    if (buf && size) {
        wipe(buf, 0, size);
    }
}

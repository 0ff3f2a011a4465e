/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Asks the stub layer for a DTLS socket and expects exactly the refusal it
 * is written to give: exit status 0 only for avs_errno(AVS_ENOTSUP) and no
 * socket left behind.
 */
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_socket.h>

#include <stdio.h>
#include <string.h>

int main(void) {
    avs_crypto_prng_ctx_t *prng = avs_crypto_prng_new(NULL, NULL);
    if (!prng) {
        fprintf(stderr, "cannot create a PRNG\n");
        return 2;
    }
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    config.prng_ctx = prng;

    avs_net_socket_t *socket = NULL;
    avs_error_t err = avs_net_dtls_socket_create(&socket, &config);
    int leftover = socket != NULL;
    avs_net_socket_cleanup(&socket);
    avs_crypto_prng_free(&prng);

    if (err.category == AVS_ERRNO_CATEGORY && err.code == AVS_ENOTSUP &&
        !leftover) {
        printf("stub TLS layer: DTLS socket refused with AVS_ENOTSUP, as "
               "expected\n");
        return 0;
    }
    printf("stub TLS layer: expected AVS_ENOTSUP, got category %u code %u%s\n",
           (unsigned) err.category, (unsigned) err.code,
           leftover ? " and a socket" : "");
    return 1;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "openssl_socket.h"

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_log.h>

#include <openssl/crypto.h>
#include <openssl/err.h>

#include "net/net_hooks.h"

/* Shared by every socket; created with the global state so that socket
 * creation never races on it. */
static BIO_METHOD *g_bio_method;

BIO_METHOD *tern_tls_bio_method(void) {
    return g_bio_method;
}

avs_error_t _avs_net_initialize_global_ssl_state(void) {
    if (!OPENSSL_init_ssl(OPENSSL_INIT_LOAD_SSL_STRINGS |
                                  OPENSSL_INIT_LOAD_CRYPTO_STRINGS,
                          NULL)) {
        avs_log(tls, ERROR, "OpenSSL initialisation failed");
        return avs_errno(AVS_EPROTO);
    }
    if (!g_bio_method && !(g_bio_method = tern_tls_bio_method_create())) {
        avs_log(tls, ERROR, "cannot create the socket BIO method");
        return avs_errno(AVS_ENOMEM);
    }
    return AVS_OK;
}

/*
 * OpenSSL's own global state is released by the handler it registers with
 * atexit(); calling OPENSSL_cleanup() here would make OpenSSL unusable for the
 * rest of the process, including for an application that uses it directly
 * and for a later re-initialisation of the socket API.
 */
void _avs_net_cleanup_global_ssl_state(void) {
    BIO_meth_free(g_bio_method);
    g_bio_method = NULL;
    ERR_clear_error();
}

void avs_crypto_clear_buffer(void *buf, size_t size) {
    if (buf && size) {
        OPENSSL_cleanse(buf, size);
    }
}

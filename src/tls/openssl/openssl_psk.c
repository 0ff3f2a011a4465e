/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <string.h>

static avs_error_t copy_buffer(const avs_crypto_security_info_union_t *desc,
                               const char *what, size_t max_size,
                               unsigned char **out, size_t *out_size) {
    if (desc->source != AVS_CRYPTO_DATA_SOURCE_BUFFER) {
        avs_log(tls, ERROR, "PSK %s must be given as a buffer", what);
        return avs_errno(AVS_EINVAL);
    }
    const void *data = desc->info.buffer.buffer;
    size_t size = desc->info.buffer.buffer_size;
    if (!data || !size) {
        avs_log(tls, ERROR, "PSK %s is empty", what);
        return avs_errno(AVS_EINVAL);
    }
    if (size > max_size) {
        avs_log(tls, ERROR, "PSK %s too long (%u bytes, at most %u)", what,
                (unsigned) size, (unsigned) max_size);
        return avs_errno(AVS_EINVAL);
    }
    /* One spare byte keeps the identity NUL-terminated for OpenSSL. */
    if (!(*out = (unsigned char *) avs_calloc(1, size + 1))) {
        avs_log(tls, ERROR, "out of memory");
        return avs_errno(AVS_ENOMEM);
    }
    memcpy(*out, data, size);
    *out_size = size;
    return AVS_OK;
}

avs_error_t tern_tls_configure_psk(tern_tls_socket_t *sock,
                                   const avs_net_psk_info_t *psk) {
    avs_error_t err = copy_buffer(
            &psk->identity.desc, "identity", TERN_TLS_MAX_PSK_IDENTITY_SIZE,
            &sock->psk_identity, &sock->psk_identity_size);
    if (avs_is_ok(err) &&
        memchr(sock->psk_identity, '\0', sock->psk_identity_size)) {
        /* OpenSSL passes identities as C strings. */
        avs_log(tls, ERROR, "PSK identity contains a NUL byte");
        err = avs_errno(AVS_EINVAL);
    }
    if (avs_is_ok(err)) {
        err = copy_buffer(&psk->key.desc, "key", TERN_TLS_MAX_PSK_KEY_SIZE,
                          &sock->psk_key, &sock->psk_key_size);
    }
    if (avs_is_err(err)) {
        tern_tls_psk_wipe(sock);
    }
    return err;
}

static unsigned int psk_client_callback(SSL *ssl, const char *hint,
                                        char *identity,
                                        unsigned int max_identity_len,
                                        unsigned char *psk,
                                        unsigned int max_psk_len) {
    (void) hint;
    tern_tls_socket_t *sock = tern_tls_socket_from_ssl(ssl);
    if (!sock || !sock->psk_key ||
        sock->psk_identity_size + 1 > max_identity_len ||
        sock->psk_key_size > max_psk_len) {
        return 0;
    }
    memcpy(identity, sock->psk_identity, sock->psk_identity_size);
    identity[sock->psk_identity_size] = '\0';
    memcpy(psk, sock->psk_key, sock->psk_key_size);
    return (unsigned int) sock->psk_key_size;
}

void tern_tls_psk_install(tern_tls_socket_t *sock, SSL *ssl) {
    if (sock->psk_key) {
        SSL_set_psk_client_callback(ssl, psk_client_callback);
    }
}

void tern_tls_psk_wipe(tern_tls_socket_t *sock) {
    if (sock->psk_key) {
        avs_crypto_clear_buffer(sock->psk_key, sock->psk_key_size);
        avs_free(sock->psk_key);
    }
    if (sock->psk_identity) {
        avs_crypto_clear_buffer(sock->psk_identity, sock->psk_identity_size);
        avs_free(sock->psk_identity);
    }
    sock->psk_key = NULL;
    sock->psk_key_size = 0;
    sock->psk_identity = NULL;
    sock->psk_identity_size = 0;
}

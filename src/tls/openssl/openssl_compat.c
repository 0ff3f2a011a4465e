/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "openssl_compat.h"

#include <stdio.h>

#include <openssl/err.h>
#include <openssl/opensslv.h>

X509 *tern_tls_peer_certificate(const SSL *ssl) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return SSL_get1_peer_certificate(ssl);
#else
    /* 1.1.1 already returns a new reference despite the name. */
    return SSL_get_peer_certificate(ssl);
#endif
}

const char *tern_tls_error_text(unsigned long error, char *buf, size_t size) {
    const char *reason = ERR_reason_error_string(error);
    if (reason) {
        return reason;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    /* 3.x reports system errors with the errno as the reason. */
    if (ERR_SYSTEM_ERROR(error)) {
        snprintf(buf, size, "system error %d", (int) ERR_GET_REASON(error));
        return buf;
    }
#endif
    snprintf(buf, size, "error %d", (int) ERR_GET_REASON(error));
    return buf;
}

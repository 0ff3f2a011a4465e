/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The few calls whose spelling differs between OpenSSL 1.1.1 and 3.x. The
 * rest of the layer uses only names both versions share.
 */
#ifndef TERN_TLS_OPENSSL_COMPAT_H
#define TERN_TLS_OPENSSL_COMPAT_H

#include <openssl/ssl.h>

/* The server's certificate, with a reference the caller must free. */
X509 *tern_tls_peer_certificate(const SSL *ssl);

/* Describes an OpenSSL error code as "library: reason". */
const char *tern_tls_error_text(unsigned long error, char *buf, size_t size);

#endif /* TERN_TLS_OPENSSL_COMPAT_H */

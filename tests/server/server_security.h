/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/* DTLS/TLS credentials of the secure endpoints. */
#ifndef TERN_SERVER_SECURITY_H
#define TERN_SERVER_SECURITY_H

#include <coap3/coap.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    /* PSK mode when key_len > 0; identity NULL accepts any identity. */
    const char *psk_identity;
    const uint8_t *psk_key;
    size_t psk_key_len;
    /* Certificate mode when cert and key are set; with ca, a client
     * certificate is required and must chain to it. */
    const char *cert_file;
    const char *key_file;
    const char *ca_file;
} srv_security_t;

/** 1 if @p sec enables any secure mode. */
int srv_security_enabled(const srv_security_t *sec);
/** Installs the credentials in @p ctx; -1 (after a diagnostic) on failure.
 * @p sec must outlive the context. */
int srv_security_setup(coap_context_t *ctx, const srv_security_t *sec);

#endif /* TERN_SERVER_SECURITY_H */

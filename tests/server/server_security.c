/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "server_security.h"

#include <string.h>

#include "server_out.h"

static const srv_security_t *g_sec;
static coap_bin_const_t g_key;

int srv_security_enabled(const srv_security_t *sec) {
    return sec->psk_key_len > 0 || (sec->cert_file && sec->key_file);
}

/* libcoap asks for the key of each identity a client presents; refusing
 * here fails the handshake. */
static const coap_bin_const_t *
check_identity(coap_bin_const_t *identity, coap_session_t *session, void *arg) {
    (void) session;
    (void) arg;
    if (g_sec->psk_identity &&
        (identity->length != strlen(g_sec->psk_identity) ||
         memcmp(identity->s, g_sec->psk_identity, identity->length) != 0)) {
        srv_diag("rejected PSK identity '%.*s'", (int) identity->length,
                 (const char *) identity->s);
        return NULL;
    }
    return &g_key;
}

static int log_certificate(const char *cn, const uint8_t *der, size_t der_len,
                           coap_session_t *session, unsigned depth,
                           int validated, void *arg) {
    (void) der;
    (void) der_len;
    (void) session;
    (void) arg;
    if (depth == 0) {
        srv_diag("client certificate '%s' %s", cn,
                 validated ? "verified" : "not verified");
    }
    return 1;
}

int srv_security_setup(coap_context_t *ctx, const srv_security_t *sec) {
    g_sec = sec;
    if (sec->psk_key_len > 0) {
        coap_dtls_spsk_t psk;
        memset(&psk, 0, sizeof(psk));
        psk.version = COAP_DTLS_SPSK_SETUP_VERSION;
        psk.validate_id_call_back = check_identity;
        g_key.s = sec->psk_key;
        g_key.length = sec->psk_key_len;
        psk.psk_info.key = g_key;
        if (!coap_context_set_psk2(ctx, &psk)) {
            srv_diag("cannot set up PSK");
            return -1;
        }
    }
    if (sec->cert_file && sec->key_file) {
        coap_dtls_pki_t pki;
        memset(&pki, 0, sizeof(pki));
        pki.version = COAP_DTLS_PKI_SETUP_VERSION;
        pki.verify_peer_cert = sec->ca_file != NULL;
        pki.check_common_ca = sec->ca_file != NULL;
        pki.cert_chain_validation = 1;
        pki.cert_chain_verify_depth = 3;
        pki.validate_cn_call_back = log_certificate;
        pki.pki_key.key_type = COAP_PKI_KEY_PEM;
        pki.pki_key.key.pem.public_cert = sec->cert_file;
        pki.pki_key.key.pem.private_key = sec->key_file;
        pki.pki_key.key.pem.ca_file = sec->ca_file;
        if (!coap_context_set_pki(ctx, &pki)) {
            srv_diag("cannot load certificate '%s' or key '%s'", sec->cert_file,
                     sec->key_file);
            return -1;
        }
    } else if (sec->cert_file || sec->key_file) {
        srv_diag("--cert and --key go together");
        return -1;
    }
    return 0;
}

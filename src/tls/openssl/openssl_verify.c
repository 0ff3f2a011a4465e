/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Everything that decides whether the server is who it claims to be: the
 * trust store and CRLs (per socket, in its SSL_CTX), the client certificate
 * chain presented in return, and per connection the name or address the
 * certificate must carry and the DANE TLSA records it must match.
 */
#include "openssl_socket.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_memory.h>

#include <arpa/inet.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

static avs_error_t add_trusted_cert(void *arg, X509 *cert) {
    if (!X509_STORE_add_cert((X509_STORE *) arg, cert)) {
        unsigned long e = ERR_peek_last_error();
        if (ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
            return tern_tls_library_error("cannot add a trusted certificate");
        }
        ERR_clear_error();
    }
    return AVS_OK;
}

typedef struct {
    X509_STORE *store;
    size_t count;
} crl_target_t;

static avs_error_t add_crl(void *arg, X509_CRL *crl) {
    crl_target_t *target = (crl_target_t *) arg;
    if (!X509_STORE_add_crl(target->store, crl)) {
        unsigned long e = ERR_peek_last_error();
        if (ERR_GET_REASON(e) != X509_R_CERT_ALREADY_IN_HASH_TABLE) {
            return tern_tls_library_error("cannot add a CRL");
        }
        ERR_clear_error();
    }
    ++target->count;
    return AVS_OK;
}

typedef struct {
    SSL_CTX *ctx;
    size_t count;
} chain_target_t;

/* The first certificate is the client's own, the rest its chain. */
static avs_error_t add_client_cert(void *arg, X509 *cert) {
    chain_target_t *target = (chain_target_t *) arg;
    int ok = target->count ? (int) SSL_CTX_add1_chain_cert(target->ctx, cert)
                           : SSL_CTX_use_certificate(target->ctx, cert);
    if (!ok) {
        return tern_tls_library_error("cannot use the client certificate");
    }
    ++target->count;
    return AVS_OK;
}

static avs_error_t load_trust(tern_tls_socket_t *sock,
                              const avs_net_certificate_info_t *info,
                              bool with_system_and_crls) {
    X509_STORE *store = SSL_CTX_get_cert_store(sock->ctx);
    if (with_system_and_crls && !info->ignore_system_trust_store &&
        !SSL_CTX_set_default_verify_paths(sock->ctx)) {
        return tern_tls_library_error("cannot load the system trust store");
    }
    avs_error_t err = tern_tls_load_certs(&info->trusted_certs.desc,
                                          add_trusted_cert, store);
    if (avs_is_err(err) || !with_system_and_crls) {
        return err;
    }
    crl_target_t crls = {store, 0};
    err = tern_tls_load_crls(&info->cert_revocation_lists.desc, add_crl, &crls);
    if (avs_is_ok(err) && crls.count) {
        /* CRL_CHECK_ALL: an intermediate CA revoked by its issuer fails too,
         * which also means every issuer in the chain needs a CRL. */
        X509_STORE_set_flags(store,
                             X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL);
    }
    return err;
}

static avs_error_t
load_client_credentials(tern_tls_socket_t *sock,
                        const avs_net_certificate_info_t *info) {
    if (info->client_cert.desc.source == AVS_CRYPTO_DATA_SOURCE_EMPTY) {
        if (info->client_key.desc.source != AVS_CRYPTO_DATA_SOURCE_EMPTY) {
            avs_log(tls, ERROR,
                    "client private key given without a certificate");
            return avs_errno(AVS_EINVAL);
        }
        return AVS_OK;
    }
    chain_target_t chain = {sock->ctx, 0};
    avs_error_t err = tern_tls_load_certs(&info->client_cert.desc,
                                          add_client_cert, &chain);
    if (avs_is_err(err)) {
        return err;
    }
    if (!chain.count) {
        avs_log(tls, ERROR, "client certificate source holds no certificate");
        return avs_errno(AVS_EINVAL);
    }
    EVP_PKEY *key = NULL;
    if (avs_is_err(err = tern_tls_load_private_key(&info->client_key.desc,
                                                   &key))) {
        return err;
    }
    int ok = SSL_CTX_use_PrivateKey(sock->ctx, key);
    EVP_PKEY_free(key);
    if (!ok &&
        ERR_GET_REASON(ERR_peek_last_error()) != X509_R_KEY_VALUES_MISMATCH) {
        return tern_tls_library_error("cannot use the client private key");
    }
    if (!ok || !SSL_CTX_check_private_key(sock->ctx)) {
        ERR_clear_error();
        avs_log(tls, ERROR,
                "client private key does not match the client certificate");
        return avs_errno(AVS_EINVAL);
    }
    if (info->rebuild_client_cert_chain &&
        !SSL_CTX_build_cert_chain(sock->ctx, SSL_BUILD_CHAIN_FLAG_NO_ROOT)) {
        return tern_tls_library_error(
                "cannot rebuild the client certificate chain from the trust "
                "store");
    }
    return AVS_OK;
}

avs_error_t tern_tls_configure_certs(tern_tls_socket_t *sock,
                                     const avs_net_certificate_info_t *info) {
    sock->verify_peer = info->server_cert_validation;
    sock->dane_enabled = info->dane;
    avs_error_t err = AVS_OK;
    if (info->server_cert_validation) {
        err = load_trust(sock, info, true);
    } else {
        /* Whether anything authenticates the server is only known per
         * connection, once the TLSA records are in: see
         * tern_tls_prepare_peer_checks(). */
        avs_log(tls, DEBUG, "PKIX validation of the server is off");
        /* Trusted certificates then only serve to complete the client's
         * own chain. */
        if (info->rebuild_client_cert_chain) {
            err = load_trust(sock, info, false);
        }
    }
    if (avs_is_ok(err)) {
        err = load_client_credentials(sock, info);
    }
    if (avs_is_ok(err) && info->dane && SSL_CTX_dane_enable(sock->ctx) <= 0) {
        err = tern_tls_library_error("cannot enable DANE");
    }
    SSL_CTX_set_verify(sock->ctx,
                       sock->verify_peer ? SSL_VERIFY_PEER : SSL_VERIFY_NONE,
                       NULL);
    return err;
}

static bool is_numeric_address(const char *host) {
    unsigned char addr[16];
    return inet_pton(AF_INET, host, addr) == 1 ||
           inet_pton(AF_INET6, host, addr) == 1;
}

/* @p out_usable receives how many records OpenSSL will check. */
static avs_error_t install_dane(tern_tls_socket_t *sock, SSL *ssl,
                                const char *base_domain, size_t *out_usable) {
    if (SSL_dane_enable(ssl, base_domain) <= 0) {
        return tern_tls_library_error("cannot enable DANE for the connection");
    }
    /* RFC 7671 section 5.1: a DANE-EE match binds the key to the name by
     * itself, so the certificate's names are not checked. */
    SSL_dane_set_flags(ssl, DANE_FLAG_NO_DANE_EE_NAMECHECKS);
    size_t usable = 0;
    for (size_t i = 0; i < sock->dane_record_count; ++i) {
        const tern_tls_dane_record_t *record = &sock->dane_records[i];
        /* Opportunistic DANE: without PKIX validation the PKIX usages
         * cannot be satisfied, so only DANE-TA and DANE-EE count. */
        if (!sock->verify_peer &&
            record->usage <=
                    AVS_NET_SOCKET_DANE_SERVICE_CERTIFICATE_CONSTRAINT) {
            continue;
        }
        int result = SSL_dane_tlsa_add(ssl, record->usage, record->selector,
                                       record->matching_type, record->data,
                                       record->data_size);
        if (result < 0) {
            return tern_tls_library_error("invalid TLSA record");
        }
        if (result > 0) {
            ++usable;
        } else {
            /* RFC 7671: unusable records are ignored, as if absent. */
            ERR_clear_error();
            avs_log(tls, WARNING, "TLSA record %u is unusable; ignored",
                    (unsigned) i);
        }
    }
    if (!sock->verify_peer && usable) {
        SSL_set_verify(ssl, SSL_VERIFY_PEER, NULL);
    }
    *out_usable = usable;
    return AVS_OK;
}

avs_error_t tern_tls_prepare_peer_checks(tern_tls_socket_t *sock, SSL *ssl,
                                         const char *host) {
    const char *name =
            sock->server_name_indication ? sock->server_name_indication : host;
    bool numeric = is_numeric_address(name);
    if (!numeric && !SSL_set_tlsext_host_name(ssl, name)) {
        return tern_tls_library_error("cannot set the server name");
    }
    if (sock->security_mode == AVS_NET_SECURITY_PSK) {
        return AVS_OK;
    }
    avs_error_t err = AVS_OK;
    size_t dane_usable = 0;
    if (sock->dane_enabled && sock->dane_record_count &&
        avs_is_err(err = install_dane(sock, ssl, name, &dane_usable))) {
        return err;
    }
    if (!sock->verify_peer) {
        if (dane_usable) {
            avs_log(tls, INFO,
                    "PKIX validation off; the server is authenticated by "
                    "DANE");
        } else {
            avs_log(tls, WARNING,
                    "server certificate validation is disabled: nothing "
                    "authenticates the server");
        }
    }
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl);
    X509_VERIFY_PARAM_set_hostflags(param,
                                    X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (numeric) {
        /* SNI must not carry an address (RFC 6066); DANE may have put one
         * there. */
        SSL_set_tlsext_host_name(ssl, NULL);
        if (!X509_VERIFY_PARAM_set1_host(param, NULL, 0) ||
            !X509_VERIFY_PARAM_set1_ip_asc(param, name)) {
            return tern_tls_library_error("cannot set the expected address");
        }
    } else if (!X509_VERIFY_PARAM_set1_host(param, name, 0)) {
        return tern_tls_library_error("cannot set the expected host name");
    }
    return AVS_OK;
}

void tern_tls_free_dane_records(tern_tls_socket_t *sock) {
    for (size_t i = 0; i < sock->dane_record_count; ++i) {
        avs_free(sock->dane_records[i].data);
    }
    memset(sock->dane_records, 0, sizeof(sock->dane_records));
    sock->dane_record_count = 0;
}

avs_error_t tern_tls_set_dane_records(tern_tls_socket_t *sock,
                                      avs_net_socket_dane_tlsa_array_t array) {
    if (!sock->dane_enabled) {
        avs_log(tls, DEBUG, "DANE is disabled; TLSA records ignored");
        return AVS_OK;
    }
    if (array.array_element_count > TERN_TLS_MAX_DANE_RECORDS ||
        (array.array_element_count && !array.array_ptr)) {
        avs_log(tls, ERROR, "too many TLSA records (%u, at most %d)",
                (unsigned) array.array_element_count,
                TERN_TLS_MAX_DANE_RECORDS);
        return avs_errno(AVS_EINVAL);
    }
    for (size_t i = 0; i < array.array_element_count; ++i) {
        const avs_net_socket_dane_tlsa_record_t *in = &array.array_ptr[i];
        if ((unsigned) in->certificate_usage > 3 ||
            (unsigned) in->selector > 1 || (unsigned) in->matching_type > 2 ||
            !in->association_data || !in->association_data_size ||
            in->association_data_size > TERN_TLS_MAX_DANE_DATA_SIZE) {
            avs_log(tls, ERROR, "TLSA record %u is invalid or too large",
                    (unsigned) i);
            return avs_errno(AVS_EINVAL);
        }
    }
    tern_tls_dane_record_t copies[TERN_TLS_MAX_DANE_RECORDS];
    memset(copies, 0, sizeof(copies));
    for (size_t i = 0; i < array.array_element_count; ++i) {
        const avs_net_socket_dane_tlsa_record_t *in = &array.array_ptr[i];
        copies[i].usage = (uint8_t) in->certificate_usage;
        copies[i].selector = (uint8_t) in->selector;
        copies[i].matching_type = (uint8_t) in->matching_type;
        copies[i].data_size = in->association_data_size;
        copies[i].data =
                (unsigned char *) avs_malloc(in->association_data_size);
        if (!copies[i].data) {
            for (size_t j = 0; j < i; ++j) {
                avs_free(copies[j].data);
            }
            avs_log(tls, ERROR, "out of memory");
            return avs_errno(AVS_ENOMEM);
        }
        memcpy(copies[i].data, in->association_data, in->association_data_size);
    }
    tern_tls_free_dane_records(sock);
    memcpy(sock->dane_records, copies, sizeof(copies));
    sock->dane_record_count = array.array_element_count;
    return AVS_OK;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_crypto_pki.h
 * Descriptions of certificates, certificate revocation lists and private keys.
 *
 * Formats: PEM or DER, detected from the content. A FILE may hold several PEM
 * objects; a PATH names a directory whose files are all loaded.
 */
#ifndef AVS_COMMONS_CRYPTO_PKI_H
#define AVS_COMMONS_CRYPTO_PKI_H

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_errno.h>
#include <avsystem/commons/avs_list.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One or more certificates (a chain, or a set of trust anchors). */
typedef struct avs_crypto_certificate_chain_info_struct {
    avs_crypto_security_info_union_t desc;
} avs_crypto_certificate_chain_info_t;

AVS_STATIC_ASSERT(sizeof(avs_crypto_certificate_chain_info_t) ==
                          sizeof(avs_crypto_security_info_union_t),
                  certificate_chain_info_equivalent_to_union);

/** Certificates from a file (PEM, possibly several, or one DER). */
avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_file(const char *filename);

/** Certificates from every file in a directory. */
avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_path(const char *path);

/** Certificates from memory (PEM or DER). */
avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_buffer(const void *buffer,
                                              size_t buffer_size);

/** Several descriptions; the array must outlive the result. */
avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_array(
        const avs_crypto_certificate_chain_info_t *array_ptr,
        size_t array_element_count);

/** Several descriptions held in an AVS_LIST that must outlive the result. */
avs_crypto_certificate_chain_info_t avs_crypto_certificate_chain_info_from_list(
        AVS_LIST(avs_crypto_certificate_chain_info_t) list);

/** One or more certificate revocation lists. */
typedef struct {
    avs_crypto_security_info_union_t desc;
} avs_crypto_cert_revocation_list_info_t;

AVS_STATIC_ASSERT(sizeof(avs_crypto_cert_revocation_list_info_t) ==
                          sizeof(avs_crypto_security_info_union_t),
                  cert_revocation_list_info_equivalent_to_union);

/** CRLs from a file. */
avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_file(const char *filename);

/** CRLs from memory (PEM or DER). */
avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_buffer(const void *buffer,
                                                 size_t buffer_size);

/** Several CRL descriptions. */
avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_array(
        const avs_crypto_cert_revocation_list_info_t *array_ptr,
        size_t array_element_count);

/** Several CRL descriptions in an AVS_LIST. */
avs_crypto_cert_revocation_list_info_t
        avs_crypto_cert_revocation_list_info_from_list(
                AVS_LIST(avs_crypto_cert_revocation_list_info_t) list);

/** A private key. */
typedef struct {
    avs_crypto_security_info_union_t desc;
} avs_crypto_private_key_info_t;

AVS_STATIC_ASSERT(sizeof(avs_crypto_private_key_info_t) ==
                          sizeof(avs_crypto_security_info_union_t),
                  private_key_info_equivalent_to_union);

/** A private key from a file; @p password decrypts an encrypted PEM key. */
avs_crypto_private_key_info_t
avs_crypto_private_key_info_from_file(const char *filename,
                                      const char *password);

/** A private key from memory (PEM or DER); @p password may be NULL. */
avs_crypto_private_key_info_t
avs_crypto_private_key_info_from_buffer(const void *buffer, size_t buffer_size,
                                        const char *password);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_CRYPTO_PKI_H */

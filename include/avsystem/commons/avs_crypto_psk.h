/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_crypto_psk.h
 * Descriptions of pre-shared keys and their identities.
 */
#ifndef AVS_COMMONS_CRYPTO_PSK_H
#define AVS_COMMONS_CRYPTO_PSK_H

#include <avsystem/commons/avs_crypto_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A PSK identity. */
typedef struct {
    avs_crypto_security_info_union_t desc;
} avs_crypto_psk_identity_info_t;

AVS_STATIC_ASSERT(sizeof(avs_crypto_psk_identity_info_t) ==
                          sizeof(avs_crypto_security_info_union_t),
                  psk_identity_info_equivalent_to_union);

/** A PSK identity held in memory (raw bytes, not NUL-terminated). */
avs_crypto_psk_identity_info_t
avs_crypto_psk_identity_info_from_buffer(const void *buffer,
                                         size_t buffer_size);

/** A pre-shared key. */
typedef struct {
    avs_crypto_security_info_union_t desc;
} avs_crypto_psk_key_info_t;

AVS_STATIC_ASSERT(sizeof(avs_crypto_psk_key_info_t) ==
                          sizeof(avs_crypto_security_info_union_t),
                  psk_key_info_equivalent_to_union);

/** A pre-shared key held in memory (raw bytes). */
avs_crypto_psk_key_info_t
avs_crypto_psk_key_info_from_buffer(const void *buffer, size_t buffer_size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_CRYPTO_PSK_H */

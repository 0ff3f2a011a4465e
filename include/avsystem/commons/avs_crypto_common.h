/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_crypto_common.h
 * A tagged description of where a credential comes from: nothing, a file, a
 * directory, a memory buffer, an array or a list of further descriptions.
 * Descriptions never own the data they point at.
 */
#ifndef AVS_COMMONS_CRYPTO_COMMON_H
#define AVS_COMMONS_CRYPTO_COMMON_H

#include <avsystem/commons/avs_defs.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    const char *query;
} avs_crypto_security_info_union_internal_engine_t;

typedef struct {
    const char *filename;
    const char *password;
} avs_crypto_security_info_union_internal_file_t;

typedef struct {
    const char *path;
} avs_crypto_security_info_union_internal_path_t;

typedef struct {
    const void *buffer;
    const char *password;
    size_t buffer_size;
} avs_crypto_security_info_union_internal_buffer_t;

typedef struct avs_crypto_security_info_union_struct
        avs_crypto_security_info_union_t;

typedef struct {
    const avs_crypto_security_info_union_t *array_ptr;
    size_t element_count;
} avs_crypto_security_info_union_internal_array_t;

/* The head is an AVS_LIST element. */
typedef struct {
    avs_crypto_security_info_union_t *list_head;
} avs_crypto_security_info_union_internal_list_t;

/** What kind of credential a description holds. */
typedef enum {
    AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN,
    AVS_CRYPTO_SECURITY_INFO_PRIVATE_KEY,
    AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST,
    AVS_CRYPTO_SECURITY_INFO_PSK_IDENTITY,
    AVS_CRYPTO_SECURITY_INFO_PSK_KEY
} avs_crypto_security_info_tag_t;

/** Where the credential data is. */
typedef enum {
    AVS_CRYPTO_DATA_SOURCE_EMPTY,
    AVS_CRYPTO_DATA_SOURCE_FILE,
    AVS_CRYPTO_DATA_SOURCE_PATH,
    AVS_CRYPTO_DATA_SOURCE_BUFFER,
    AVS_CRYPTO_DATA_SOURCE_ARRAY,
    AVS_CRYPTO_DATA_SOURCE_LIST,
    AVS_CRYPTO_DATA_SOURCE_ENGINE
} avs_crypto_data_source_t;

/** One credential description. */
struct avs_crypto_security_info_union_struct {
    avs_crypto_security_info_tag_t type;
    avs_crypto_data_source_t source;
    union {
        avs_crypto_security_info_union_internal_file_t file;
        avs_crypto_security_info_union_internal_path_t path;
        avs_crypto_security_info_union_internal_buffer_t buffer;
        avs_crypto_security_info_union_internal_array_t array;
        avs_crypto_security_info_union_internal_list_t list;
        avs_crypto_security_info_union_internal_engine_t engine;
    } info;
};

/**
 * Zeroes @p size bytes at @p buf in a way the compiler cannot optimise out.
 * Used for keys and other secrets before their memory is released. Provided by
 * the TLS layer (Tern's own, or the user's with TERN_TLS_BACKEND=custom).
 */
void avs_crypto_clear_buffer(void *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_CRYPTO_COMMON_H */

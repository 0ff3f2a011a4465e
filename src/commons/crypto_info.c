/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_crypto_psk.h>

#include <string.h>

/* Every constructor starts from an all-zero description, so fields the
 * source kind does not use (and padding) are always zero. */
static avs_crypto_security_info_union_t
make_desc(avs_crypto_security_info_tag_t type,
          avs_crypto_data_source_t source) {
    avs_crypto_security_info_union_t desc;
    memset(&desc, 0, sizeof(desc));
    desc.type = type;
    desc.source = source;
    return desc;
}

static avs_crypto_security_info_union_t
file_desc(avs_crypto_security_info_tag_t type, const char *filename,
          const char *password) {
    avs_crypto_security_info_union_t desc =
            make_desc(type, AVS_CRYPTO_DATA_SOURCE_FILE);
    desc.info.file.filename = filename;
    desc.info.file.password = password;
    return desc;
}

static avs_crypto_security_info_union_t
buffer_desc(avs_crypto_security_info_tag_t type, const void *buffer,
            size_t buffer_size, const char *password) {
    avs_crypto_security_info_union_t desc =
            make_desc(type, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    desc.info.buffer.buffer = buffer;
    desc.info.buffer.buffer_size = buffer_size;
    desc.info.buffer.password = password;
    return desc;
}

/* The *_info_t wrappers are single-member structs of the union type (the
 * headers assert equal sizes), so an array or list of them is walked as an
 * array or list of unions. */
static avs_crypto_security_info_union_t
array_desc(avs_crypto_security_info_tag_t type, const void *array_ptr,
           size_t element_count) {
    avs_crypto_security_info_union_t desc =
            make_desc(type, AVS_CRYPTO_DATA_SOURCE_ARRAY);
    desc.info.array.array_ptr =
            (const avs_crypto_security_info_union_t *) array_ptr;
    desc.info.array.element_count = element_count;
    return desc;
}

static avs_crypto_security_info_union_t
list_desc(avs_crypto_security_info_tag_t type, void *list_head) {
    avs_crypto_security_info_union_t desc =
            make_desc(type, AVS_CRYPTO_DATA_SOURCE_LIST);
    desc.info.list.list_head = (avs_crypto_security_info_union_t *) list_head;
    return desc;
}

avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_file(const char *filename) {
    avs_crypto_certificate_chain_info_t result;
    result.desc = file_desc(AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN,
                            filename, NULL);
    return result;
}

avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_path(const char *path) {
    avs_crypto_certificate_chain_info_t result;
    result.desc = make_desc(AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN,
                            AVS_CRYPTO_DATA_SOURCE_PATH);
    result.desc.info.path.path = path;
    return result;
}

avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_buffer(const void *buffer,
                                              size_t buffer_size) {
    avs_crypto_certificate_chain_info_t result;
    result.desc = buffer_desc(AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN,
                              buffer, buffer_size, NULL);
    return result;
}

avs_crypto_certificate_chain_info_t
avs_crypto_certificate_chain_info_from_array(
        const avs_crypto_certificate_chain_info_t *array_ptr,
        size_t array_element_count) {
    avs_crypto_certificate_chain_info_t result;
    result.desc = array_desc(AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN,
                             array_ptr, array_element_count);
    return result;
}

avs_crypto_certificate_chain_info_t avs_crypto_certificate_chain_info_from_list(
        AVS_LIST(avs_crypto_certificate_chain_info_t) list) {
    avs_crypto_certificate_chain_info_t result;
    result.desc = list_desc(AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN, list);
    return result;
}

avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_file(const char *filename) {
    avs_crypto_cert_revocation_list_info_t result;
    result.desc = file_desc(AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST,
                            filename, NULL);
    return result;
}

avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_buffer(const void *buffer,
                                                 size_t buffer_size) {
    avs_crypto_cert_revocation_list_info_t result;
    result.desc = buffer_desc(AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST,
                              buffer, buffer_size, NULL);
    return result;
}

avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_array(
        const avs_crypto_cert_revocation_list_info_t *array_ptr,
        size_t array_element_count) {
    avs_crypto_cert_revocation_list_info_t result;
    result.desc = array_desc(AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST,
                             array_ptr, array_element_count);
    return result;
}

avs_crypto_cert_revocation_list_info_t
avs_crypto_cert_revocation_list_info_from_list(
        AVS_LIST(avs_crypto_cert_revocation_list_info_t) list) {
    avs_crypto_cert_revocation_list_info_t result;
    result.desc =
            list_desc(AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST, list);
    return result;
}

avs_crypto_private_key_info_t
avs_crypto_private_key_info_from_file(const char *filename,
                                      const char *password) {
    avs_crypto_private_key_info_t result;
    result.desc =
            file_desc(AVS_CRYPTO_SECURITY_INFO_PRIVATE_KEY, filename, password);
    return result;
}

avs_crypto_private_key_info_t
avs_crypto_private_key_info_from_buffer(const void *buffer, size_t buffer_size,
                                        const char *password) {
    avs_crypto_private_key_info_t result;
    result.desc = buffer_desc(AVS_CRYPTO_SECURITY_INFO_PRIVATE_KEY, buffer,
                              buffer_size, password);
    return result;
}

avs_crypto_psk_identity_info_t
avs_crypto_psk_identity_info_from_buffer(const void *buffer,
                                         size_t buffer_size) {
    avs_crypto_psk_identity_info_t result;
    result.desc = buffer_desc(AVS_CRYPTO_SECURITY_INFO_PSK_IDENTITY, buffer,
                              buffer_size, NULL);
    return result;
}

avs_crypto_psk_key_info_t
avs_crypto_psk_key_info_from_buffer(const void *buffer, size_t buffer_size) {
    avs_crypto_psk_key_info_t result;
    result.desc = buffer_desc(AVS_CRYPTO_SECURITY_INFO_PSK_KEY, buffer,
                              buffer_size, NULL);
    return result;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_crypto_psk.h>

#include "tern_test.h"

/* 1 if every byte of the union after the used member is zero. */
static int zero_after(const avs_crypto_security_info_union_t *desc,
                      size_t used_size) {
    const unsigned char *bytes = (const unsigned char *) &desc->info;
    size_t i;
    for (i = used_size; i < sizeof(desc->info); ++i) {
        if (bytes[i]) {
            return 0;
        }
    }
    return 1;
}

static void certificate_chain(void) {
    static const char PEM[] = "-----BEGIN CERTIFICATE-----";
    avs_crypto_certificate_chain_info_t array[2];
    AVS_LIST(avs_crypto_certificate_chain_info_t) list = NULL;
    avs_crypto_certificate_chain_info_t info;

    info = avs_crypto_certificate_chain_info_from_file("/etc/ca.pem");
    TT_EQ(info.desc.type, AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_FILE);
    TT_STREQ(info.desc.info.file.filename, "/etc/ca.pem");
    TT_CHECK(info.desc.info.file.password == NULL);
    TT_CHECK(zero_after(&info.desc, sizeof(info.desc.info.file)));

    info = avs_crypto_certificate_chain_info_from_path("/etc/ssl/certs");
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_PATH);
    TT_STREQ(info.desc.info.path.path, "/etc/ssl/certs");
    TT_CHECK(zero_after(&info.desc, sizeof(info.desc.info.path)));

    info = avs_crypto_certificate_chain_info_from_buffer(PEM, sizeof(PEM));
    TT_EQ(info.desc.type, AVS_CRYPTO_SECURITY_INFO_CERTIFICATE_CHAIN);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(info.desc.info.buffer.buffer == PEM);
    TT_EQ(info.desc.info.buffer.buffer_size, sizeof(PEM));
    TT_CHECK(info.desc.info.buffer.password == NULL);

    /* An empty buffer stays a BUFFER source. */
    info = avs_crypto_certificate_chain_info_from_buffer(NULL, 0);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(info.desc.info.buffer.buffer == NULL);

    array[0] = avs_crypto_certificate_chain_info_from_file("a.pem");
    array[1] = avs_crypto_certificate_chain_info_from_buffer(PEM, 3);
    info = avs_crypto_certificate_chain_info_from_array(array, 2);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_ARRAY);
    TT_CHECK(info.desc.info.array.array_ptr == &array[0].desc);
    TT_EQ(info.desc.info.array.element_count, 2);
    TT_EQ(info.desc.info.array.array_ptr[1].source,
          AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(zero_after(&info.desc, sizeof(info.desc.info.array)));

    TT_CHECK(AVS_LIST_APPEND_NEW(avs_crypto_certificate_chain_info_t, &list));
    TT_CHECK(AVS_LIST_APPEND_NEW(avs_crypto_certificate_chain_info_t, &list));
    *list = avs_crypto_certificate_chain_info_from_file("first.pem");
    info = avs_crypto_certificate_chain_info_from_list(list);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_LIST);
    TT_CHECK(info.desc.info.list.list_head == &list->desc);
    TT_EQ(AVS_LIST_SIZE(info.desc.info.list.list_head), 2);
    TT_STREQ(info.desc.info.list.list_head->info.file.filename, "first.pem");
    TT_CHECK(zero_after(&info.desc, sizeof(info.desc.info.list)));
    AVS_LIST_CLEAR(&list);
}

static void revocation_lists(void) {
    static const unsigned char DER[] = {0x30, 0x82};
    avs_crypto_cert_revocation_list_info_t array[1];
    AVS_LIST(avs_crypto_cert_revocation_list_info_t) list = NULL;
    avs_crypto_cert_revocation_list_info_t info;

    info = avs_crypto_cert_revocation_list_info_from_file("crl.pem");
    TT_EQ(info.desc.type, AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_FILE);
    TT_STREQ(info.desc.info.file.filename, "crl.pem");

    info = avs_crypto_cert_revocation_list_info_from_buffer(DER, sizeof(DER));
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(info.desc.info.buffer.buffer == DER);
    TT_EQ(info.desc.info.buffer.buffer_size, 2);

    array[0] = info;
    info = avs_crypto_cert_revocation_list_info_from_array(array, 1);
    TT_EQ(info.desc.type, AVS_CRYPTO_SECURITY_INFO_CERT_REVOCATION_LIST);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_ARRAY);
    TT_CHECK(info.desc.info.array.array_ptr == &array[0].desc);
    TT_EQ(info.desc.info.array.element_count, 1);

    TT_CHECK(
            AVS_LIST_INSERT_NEW(avs_crypto_cert_revocation_list_info_t, &list));
    info = avs_crypto_cert_revocation_list_info_from_list(list);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_LIST);
    TT_CHECK(info.desc.info.list.list_head == &list->desc);
    AVS_LIST_CLEAR(&list);

    info = avs_crypto_cert_revocation_list_info_from_list(NULL);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_LIST);
    TT_CHECK(info.desc.info.list.list_head == NULL);
}

static void private_keys(void) {
    static const char KEY[] = "key bytes";
    avs_crypto_private_key_info_t info =
            avs_crypto_private_key_info_from_file("key.pem", "secret");
    TT_EQ(info.desc.type, AVS_CRYPTO_SECURITY_INFO_PRIVATE_KEY);
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_FILE);
    TT_STREQ(info.desc.info.file.filename, "key.pem");
    TT_STREQ(info.desc.info.file.password, "secret");

    info = avs_crypto_private_key_info_from_buffer(KEY, 9, "pw");
    TT_EQ(info.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(info.desc.info.buffer.buffer == KEY);
    TT_EQ(info.desc.info.buffer.buffer_size, 9);
    TT_STREQ(info.desc.info.buffer.password, "pw");

    info = avs_crypto_private_key_info_from_buffer(KEY, 9, NULL);
    TT_CHECK(info.desc.info.buffer.password == NULL);
}

static void psk(void) {
    static const char IDENTITY[] = "client-1";
    static const unsigned char KEY[] = {1, 2, 3, 4};
    avs_crypto_psk_identity_info_t identity =
            avs_crypto_psk_identity_info_from_buffer(IDENTITY, 8);
    avs_crypto_psk_key_info_t key =
            avs_crypto_psk_key_info_from_buffer(KEY, sizeof(KEY));
    TT_EQ(identity.desc.type, AVS_CRYPTO_SECURITY_INFO_PSK_IDENTITY);
    TT_EQ(identity.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(identity.desc.info.buffer.buffer == IDENTITY);
    TT_EQ(identity.desc.info.buffer.buffer_size, 8);
    TT_CHECK(identity.desc.info.buffer.password == NULL);
    TT_EQ(key.desc.type, AVS_CRYPTO_SECURITY_INFO_PSK_KEY);
    TT_EQ(key.desc.source, AVS_CRYPTO_DATA_SOURCE_BUFFER);
    TT_CHECK(key.desc.info.buffer.buffer == KEY);
    TT_EQ(key.desc.info.buffer.buffer_size, 4);
}

int main(void) {
    TT_RUN(certificate_chain);
    TT_RUN(revocation_lists);
    TT_RUN(private_keys);
    TT_RUN(psk);
    return TT_SUMMARY();
}

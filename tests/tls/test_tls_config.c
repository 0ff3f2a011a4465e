/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The OpenSSL layer without a network peer: configuration checks at socket
 * creation, the IANA suite filter, record capacity arithmetic, the session
 * buffer format, credential loading, and the behaviour of an unconnected
 * socket.
 */
#include "tern_test.h"

#include "tls/openssl/openssl_socket.h"
#include "tls_test_server.h"

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_socket.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

static avs_crypto_prng_ctx_t *g_prng;

static avs_net_ssl_configuration_t psk_config(const void *identity,
                                              size_t identity_size,
                                              const void *key,
                                              size_t key_size) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_psk_info_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.identity =
            avs_crypto_psk_identity_info_from_buffer(identity, identity_size);
    psk.key = avs_crypto_psk_key_info_from_buffer(key, key_size);
    config.security = avs_net_security_info_from_psk(psk);
    config.prng_ctx = g_prng;
    return config;
}

static avs_net_ssl_configuration_t default_psk(void) {
    return psk_config("id", 2, "0123456789abcdef", 16);
}

static avs_net_ssl_configuration_t cert_config(void) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_certificate_info_t info;
    memset(&info, 0, sizeof(info));
    info.server_cert_validation = true;
    info.ignore_system_trust_store = true;
    config.security = avs_net_security_info_from_certificates(info);
    config.prng_ctx = g_prng;
    return config;
}

static avs_error_t try_create(const avs_net_ssl_configuration_t *config,
                              bool dtls) {
    avs_net_socket_t *sock = NULL;
    avs_error_t err = dtls ? avs_net_dtls_socket_create(&sock, config)
                           : avs_net_ssl_socket_create(&sock, config);
    if (avs_is_err(err) && sock) {
        /* A failed creator must not leave a socket behind. */
        err = avs_errno(AVS_EFAULT);
    }
    avs_net_socket_cleanup(&sock);
    return err;
}

static void test_clear_buffer(void) {
    unsigned char buf[40];
    memset(buf, 0xA5, sizeof(buf));
    avs_crypto_clear_buffer(buf + 4, 32);
    TT_EQ(buf[3], 0xA5);
    for (size_t i = 4; i < 36; ++i) {
        TT_EQ(buf[i], 0);
    }
    TT_EQ(buf[36], 0xA5);
    avs_crypto_clear_buffer(NULL, 10);
    avs_crypto_clear_buffer(buf, 0);
}

static void test_psk_limits(void) {
    char identity[130];
    unsigned char key[260];
    memset(identity, 'i', sizeof(identity));
    memset(key, 0x42, sizeof(key));
    avs_net_ssl_configuration_t config = psk_config(identity, 128, key, 256);
    TT_OK(try_create(&config, true));
    config = psk_config(identity, 129, key, 16);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    config = psk_config(identity, 16, key, 257);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    config = psk_config("a\0b", 3, key, 16);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    config = psk_config(identity, 0, key, 16);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    config = psk_config(identity, 16, key, 0);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    config = default_psk();
    config.security.data.psk.key.desc.source = AVS_CRYPTO_DATA_SOURCE_FILE;
    config.security.data.psk.key.desc.info.file.filename = "/dev/null";
    TT_ERRNO(try_create(&config, false), AVS_EINVAL);
}

static void test_versions(void) {
    static const struct {
        avs_net_ssl_version_t version;
        bool dtls;
        bool supported;
    } CASES[] = {
            {AVS_NET_SSL_VERSION_DEFAULT, true, true},
            {AVS_NET_SSL_VERSION_SSLv2_OR_3, true, true},
            {AVS_NET_SSL_VERSION_TLSv1_2, true, true},
            {AVS_NET_SSL_VERSION_TLSv1, true, false},
            {AVS_NET_SSL_VERSION_TLSv1_1, true, false},
            {AVS_NET_SSL_VERSION_TLSv1_3, true, false},
            {AVS_NET_SSL_VERSION_DEFAULT, false, true},
            {AVS_NET_SSL_VERSION_TLSv1_2, false, true},
            {AVS_NET_SSL_VERSION_TLSv1_3, false, true},
            {AVS_NET_SSL_VERSION_SSLv2, false, false},
            {AVS_NET_SSL_VERSION_SSLv3, false, false},
            {AVS_NET_SSL_VERSION_TLSv1, false, false},
            {AVS_NET_SSL_VERSION_TLSv1_1, false, false},
    };
    for (size_t i = 0; i < sizeof(CASES) / sizeof(CASES[0]); ++i) {
        avs_net_ssl_configuration_t config = default_psk();
        config.version = CASES[i].version;
        avs_error_t err = try_create(&config, CASES[i].dtls);
        if (CASES[i].supported) {
            TT_OK(err);
        } else {
            TT_ERRNO(err, AVS_ENOTSUP);
        }
    }
}

static void test_handshake_timeouts(void) {
    avs_net_ssl_configuration_t config = default_psk();
    avs_net_dtls_handshake_timeouts_t timeouts;
    timeouts.min = avs_time_duration_from_scalar(0, AVS_TIME_MS);
    timeouts.max = avs_time_duration_from_scalar(100, AVS_TIME_MS);
    config.dtls_handshake_timeouts = &timeouts;
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    timeouts.min = avs_time_duration_from_scalar(200, AVS_TIME_MS);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    timeouts.max = avs_time_duration_from_scalar(2, AVS_TIME_HOUR);
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    timeouts.max = AVS_TIME_DURATION_INVALID;
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
    timeouts.max = avs_time_duration_from_scalar(200, AVS_TIME_MS);
    TT_OK(try_create(&config, true));

    avs_net_socket_t *sock = NULL;
    TT_OK(avs_net_dtls_socket_create(&sock, &config));
    avs_net_socket_opt_value_t value;
    value.dtls_handshake_timeouts.min =
            avs_time_duration_from_scalar(5, AVS_TIME_S);
    value.dtls_handshake_timeouts.max =
            avs_time_duration_from_scalar(1, AVS_TIME_S);
    avs_error_t err = avs_net_socket_set_opt(
            sock, AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS, value);
    value.dtls_handshake_timeouts.min =
            avs_time_duration_from_scalar(100, AVS_TIME_MS);
    avs_error_t ok_err = avs_net_socket_set_opt(
            sock, AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS, value);
    tern_tls_socket_t *tls = (tern_tls_socket_t *) sock;
    unsigned min_us = tls->handshake_timeout_min_us;
    unsigned max_us = tls->handshake_timeout_max_us;
    avs_net_socket_cleanup(&sock);
    TT_ERRNO(err, AVS_EINVAL);
    TT_OK(ok_err);
    TT_EQ(min_us, 100000);
    TT_EQ(max_us, 1000000);

    TT_OK(avs_net_ssl_socket_create(&sock, &config));
    err = avs_net_socket_set_opt(
            sock, AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS, value);
    avs_net_socket_cleanup(&sock);
    TT_ERRNO(err, AVS_ENOTSUP);
}

static void test_server_name_limits(void) {
    char name[300];
    memset(name, 'a', sizeof(name));
    name[sizeof(name) - 1] = '\0';
    avs_net_ssl_configuration_t config = default_psk();
    config.server_name_indication = name;
    TT_ERRNO(try_create(&config, true), AVS_ENOBUFS);
    name[TERN_TLS_MAX_SNI_LENGTH] = '\0';
    TT_OK(try_create(&config, true));
}

static void test_session_buffer_null(void) {
    avs_net_ssl_configuration_t config = default_psk();
    config.session_resumption_buffer_size = 100;
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
}

static avs_error_t set_records(avs_net_socket_t *sock,
                               const avs_net_socket_dane_tlsa_record_t *records,
                               size_t count) {
    avs_net_socket_opt_value_t value;
    value.dane_tlsa_array.array_ptr = records;
    value.dane_tlsa_array.array_element_count = count;
    return avs_net_socket_set_opt(sock, AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY,
                                  value);
}

static void test_dane_limits(void) {
    static unsigned char data[5000];
    avs_net_socket_dane_tlsa_record_t records[TERN_TLS_MAX_DANE_RECORDS + 1];
    memset(records, 0, sizeof(records));
    for (size_t i = 0; i < AVS_ARRAY_SIZE(records); ++i) {
        records[i].certificate_usage =
                AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE;
        records[i].selector = AVS_NET_SOCKET_DANE_PUBLIC_KEY;
        records[i].matching_type = AVS_NET_SOCKET_DANE_MATCH_SHA256;
        records[i].association_data = data;
        records[i].association_data_size = 32;
    }
    avs_net_ssl_configuration_t config = cert_config();
    config.security.data.cert.dane = true;
    avs_net_socket_t *sock = NULL;
    TT_OK(avs_net_dtls_socket_create(&sock, &config));
    tern_tls_socket_t *tls = (tern_tls_socket_t *) sock;
    avs_error_t too_many =
            set_records(sock, records, TERN_TLS_MAX_DANE_RECORDS + 1);
    avs_error_t max_ok = set_records(sock, records, TERN_TLS_MAX_DANE_RECORDS);
    size_t stored = tls->dane_record_count;
    records[0].association_data_size = sizeof(data);
    avs_error_t too_big = set_records(sock, records, 1);
    size_t still_stored = tls->dane_record_count;
    records[0].association_data_size = 32;
    records[0].certificate_usage = (avs_net_socket_dane_certificate_usage_t) 7;
    avs_error_t bad_usage = set_records(sock, records, 1);
    avs_error_t cleared = set_records(sock, NULL, 0);
    size_t none = tls->dane_record_count;
    avs_net_socket_cleanup(&sock);
    TT_ERRNO(too_many, AVS_EINVAL);
    TT_OK(max_ok);
    TT_EQ(stored, TERN_TLS_MAX_DANE_RECORDS);
    TT_ERRNO(too_big, AVS_EINVAL);
    TT_EQ(still_stored, TERN_TLS_MAX_DANE_RECORDS);
    TT_ERRNO(bad_usage, AVS_EINVAL);
    TT_OK(cleared);
    TT_EQ(none, 0);

    /* Without the dane flag the records are accepted and ignored. */
    config.security.data.cert.dane = false;
    TT_OK(avs_net_dtls_socket_create(&sock, &config));
    avs_error_t ignored =
            set_records(sock, records, TERN_TLS_MAX_DANE_RECORDS + 1);
    avs_net_socket_cleanup(&sock);
    TT_OK(ignored);
}

static avs_error_t create_with_suites(avs_net_ssl_configuration_t config,
                                      bool dtls, uint32_t *ids, size_t count) {
    config.ciphersuites.ids = ids;
    config.ciphersuites.num_ids = count;
    return try_create(&config, dtls);
}

static void test_cipher_filter(void) {
    avs_net_ssl_configuration_t psk = default_psk();
    avs_net_ssl_configuration_t cert = cert_config();
    uint32_t unknown[] = {0xFFFE, 0x12345678};
    uint32_t ccm8[] = {0xFFFE, 0xC0A8};
    uint32_t ecdsa_ccm8[] = {0xC0AE};
    uint32_t null_psk[] = {0x00B0};
    uint32_t anon[] = {0xC018};
    uint32_t tls13[] = {0x1301};
    uint32_t cbc_sha256[] = {0x00AE};
    TT_ERRNO(create_with_suites(psk, true, unknown, 2), AVS_ENOTSUP);
    TT_OK(create_with_suites(psk, true, ccm8, 2));
    TT_ERRNO(create_with_suites(psk, true, ecdsa_ccm8, 1), AVS_ENOTSUP);
    TT_OK(create_with_suites(cert, true, ecdsa_ccm8, 1));
    TT_ERRNO(create_with_suites(cert, true, ccm8, 2), AVS_ENOTSUP);
    TT_ERRNO(create_with_suites(psk, true, null_psk, 1), AVS_ENOTSUP);
    TT_ERRNO(create_with_suites(cert, false, anon, 1), AVS_ENOTSUP);
    TT_ERRNO(create_with_suites(psk, true, tls13, 1), AVS_ENOTSUP);
    TT_OK(create_with_suites(psk, false, tls13, 1));
    /* Weaker than the defaults, but allowed when asked for by name. */
    TT_OK(create_with_suites(psk, true, cbc_sha256, 1));
    psk.version = AVS_NET_SSL_VERSION_TLSv1_3;
    TT_ERRNO(create_with_suites(psk, false, ccm8, 2), AVS_ENOTSUP);
}

static const SSL_CIPHER *find_cipher(SSL *ssl, uint16_t id) {
    const unsigned char wire[2] = {(unsigned char) (id >> 8),
                                   (unsigned char) id};
    return SSL_CIPHER_find(ssl, wire);
}

static void test_plaintext_capacity(void) {
    SSL_CTX *ctx = SSL_CTX_new(DTLS_client_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    TT_CHECK(ssl);
    int ccm8 =
            tern_tls_plaintext_capacity(find_cipher(ssl, 0xC0A8), true, 1000);
    int gcm = tern_tls_plaintext_capacity(find_cipher(ssl, 0x00A8), true, 1000);
    int chacha =
            tern_tls_plaintext_capacity(find_cipher(ssl, 0xCCAB), true, 1000);
    int cbc = tern_tls_plaintext_capacity(find_cipher(ssl, 0x00AE), true, 1000);
    int tls_gcm =
            tern_tls_plaintext_capacity(find_cipher(ssl, 0x00A8), false, 1000);
    int tls13 =
            tern_tls_plaintext_capacity(find_cipher(ssl, 0x1301), false, 1000);
    int tiny = tern_tls_plaintext_capacity(find_cipher(ssl, 0xC0A8), true, 20);
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    /* Header 13, then nonce and tag: 8+8, 8+16, 0+16. */
    TT_EQ(ccm8, 1000 - 13 - 16);
    TT_EQ(gcm, 1000 - 13 - 24);
    TT_EQ(chacha, 1000 - 13 - 16);
    /* CBC: IV 16, MAC 32, at least one byte of padding, whole blocks;
     * the smaller of encrypt-then-MAC (927) and MAC-then-encrypt (943). */
    TT_EQ(cbc, 927);
    TT_EQ(tls_gcm, 1000 - 5 - 24);
    /* TLS 1.3: header 5, content type 1, tag 16. */
    TT_EQ(tls13, 1000 - 5 - 1 - 16);
    TT_EQ(tiny, 0);
}

static SSL_SESSION *make_session(void) {
    SSL_CTX *ctx = SSL_CTX_new(DTLS_client_method());
    SSL *ssl = ctx ? SSL_new(ctx) : NULL;
    SSL_SESSION *session = SSL_SESSION_new();
    unsigned char master[48];
    unsigned char id[32];
    memset(master, 0x11, sizeof(master));
    memset(id, 0x22, sizeof(id));
    bool ok = ssl && session &&
              SSL_SESSION_set_protocol_version(session, DTLS1_2_VERSION) &&
              SSL_SESSION_set1_master_key(session, master, sizeof(master)) &&
              SSL_SESSION_set1_id(session, id, sizeof(id)) &&
              SSL_SESSION_set_cipher(session, find_cipher(ssl, 0xC0A8));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    if (!ok) {
        SSL_SESSION_free(session);
        return NULL;
    }
    return session;
}

static void test_session_buffer_format(void) {
    SSL_SESSION *session = make_session();
    TT_CHECK(session);
    unsigned char buf[1024];
    memset(buf, 0x77, sizeof(buf));
    size_t used = tern_tls_session_serialize(session, true, buf, sizeof(buf));
    size_t too_small = tern_tls_session_serialize(session, true, buf, 20);
    SSL_SESSION_free(session);
    TT_CHECK(used > 12 && used < sizeof(buf));
    TT_EQ(too_small, 0);
    for (size_t i = used; i < sizeof(buf); ++i) {
        TT_EQ(buf[i], 0);
    }
    SSL_SESSION *back = tern_tls_session_deserialize(buf, sizeof(buf), true);
    TT_CHECK(back);
    TT_EQ(SSL_SESSION_get_protocol_version(back), DTLS1_2_VERSION);
    SSL_SESSION_free(back);
    /* Stored by a DTLS socket, offered to a TLS one: refused. */
    TT_CHECK(!tern_tls_session_deserialize(buf, sizeof(buf), false));
    /* Truncated, bad lengths, damaged header or body: all refused. */
    TT_CHECK(!tern_tls_session_deserialize(buf, used - 1, true));
    TT_CHECK(!tern_tls_session_deserialize(buf, 11, true));
    unsigned char copy[1024];
    for (size_t i = 0; i < 12; ++i) {
        memcpy(copy, buf, sizeof(copy));
        copy[i] ^= 0x80;
        SSL_SESSION *s = tern_tls_session_deserialize(copy, sizeof(copy), true);
        SSL_SESSION_free(s);
        TT_CHECK(!s);
    }
    memcpy(copy, buf, sizeof(copy));
    copy[12] ^= 0xFF;
    TT_CHECK(!tern_tls_session_deserialize(copy, sizeof(copy), true));
    /* Random garbage must be survivable, whatever it decodes to. */
    srand(4242);
    for (int round = 0; round < 2000; ++round) {
        size_t size = (size_t) (rand() % (int) sizeof(copy));
        for (size_t i = 0; i < size; ++i) {
            copy[i] = (unsigned char) rand();
        }
        if (round % 2) {
            memcpy(copy, buf, AVS_MIN(size, (size_t) 12));
        }
        SSL_SESSION_free(tern_tls_session_deserialize(copy, size, true));
    }
    ERR_clear_error();
}

static avs_error_t create_cert_socket(const void *cert, size_t cert_size,
                                      const void *key, size_t key_size) {
    avs_net_ssl_configuration_t config = cert_config();
    if (cert) {
        config.security.data.cert.client_cert =
                avs_crypto_certificate_chain_info_from_buffer(cert, cert_size);
    }
    if (key) {
        config.security.data.cert.client_key =
                avs_crypto_private_key_info_from_buffer(key, key_size, NULL);
    }
    return try_create(&config, true);
}

static void test_client_credentials(void) {
    EVP_PKEY *key = NULL, *other_key = NULL;
    X509 *cert = NULL, *other_cert = NULL;
    TT_CHECK(tts_make_certificate(&key, &cert));
    TT_CHECK(tts_make_certificate(&other_key, &other_cert));
    unsigned char *cert_der = NULL, *key_der = NULL, *other_der = NULL;
    int cert_size = i2d_X509(cert, &cert_der);
    int key_size = i2d_PrivateKey(key, &key_der);
    int other_size = i2d_PrivateKey(other_key, &other_der);
    BIO *pem = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(pem, cert);
    PEM_write_bio_PrivateKey(pem, key, NULL, NULL, 0, NULL, NULL);
    char *pem_data = NULL;
    long pem_size = BIO_get_mem_data(pem, &pem_data);

    avs_error_t good = create_cert_socket(cert_der, (size_t) cert_size, key_der,
                                          (size_t) key_size);
    /* One PEM buffer holding both the certificate and the key. */
    avs_error_t good_pem = create_cert_socket(pem_data, (size_t) pem_size,
                                              pem_data, (size_t) pem_size);
    avs_error_t no_key =
            create_cert_socket(cert_der, (size_t) cert_size, NULL, 0);
    avs_error_t no_cert =
            create_cert_socket(NULL, 0, key_der, (size_t) key_size);
    avs_error_t mismatch = create_cert_socket(cert_der, (size_t) cert_size,
                                              other_der, (size_t) other_size);
    avs_error_t garbage =
            create_cert_socket("garbage", 7, key_der, (size_t) key_size);

    avs_net_ssl_configuration_t config = cert_config();
    config.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_file("/nonexistent/ca.pem");
    avs_error_t missing_file = try_create(&config, true);
    config.security.data.cert.trusted_certs.desc.source =
            AVS_CRYPTO_DATA_SOURCE_ENGINE;
    avs_error_t engine = try_create(&config, true);
    /* An array that contains itself. */
    avs_crypto_certificate_chain_info_t loop[1];
    loop[0] = avs_crypto_certificate_chain_info_from_array(loop, 1);
    config.security.data.cert.trusted_certs = loop[0];
    avs_error_t nested = try_create(&config, true);

    BIO_free(pem);
    OPENSSL_free(cert_der);
    OPENSSL_free(key_der);
    OPENSSL_free(other_der);
    X509_free(cert);
    X509_free(other_cert);
    EVP_PKEY_free(key);
    EVP_PKEY_free(other_key);
    TT_OK(good);
    TT_OK(good_pem);
    TT_ERRNO(no_key, AVS_EINVAL);
    TT_ERRNO(no_cert, AVS_EINVAL);
    TT_ERRNO(mismatch, AVS_EINVAL);
    TT_ERRNO(garbage, AVS_EINVAL);
    TT_ERRNO(missing_file, AVS_ENOENT);
    TT_ERRNO(engine, AVS_ENOTSUP);
    TT_ERRNO(nested, AVS_EINVAL);
}

static bool make_signed(EVP_PKEY *key, const char *cn, X509 *issuer,
                        EVP_PKEY *issuer_key, bool ca, X509 **out) {
    X509 *cert = X509_new();
    X509_NAME *name = cert ? X509_get_subject_name(cert) : NULL;
    bool ok =
            name && X509_set_version(cert, 2) &&
            ASN1_INTEGER_set(X509_get_serialNumber(cert), ca ? 1 : 2) &&
            X509_gmtime_adj(X509_getm_notBefore(cert), -3600) &&
            X509_gmtime_adj(X509_getm_notAfter(cert), 86400) &&
            X509_set_pubkey(cert, key) &&
            X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                       (const unsigned char *) cn, -1, -1, 0) &&
            X509_set_issuer_name(cert,
                                 issuer ? X509_get_subject_name(issuer) : name);
    if (ok) {
        X509V3_CTX v3;
        X509V3_set_ctx_nodb(&v3);
        X509V3_set_ctx(&v3, issuer ? issuer : cert, cert, NULL, NULL, 0);
        X509_EXTENSION *bc = X509V3_EXT_conf_nid(
                NULL, &v3, NID_basic_constraints,
                ca ? "critical,CA:TRUE" : "critical,CA:FALSE");
        ok = bc && X509_add_ext(cert, bc, -1);
        X509_EXTENSION_free(bc);
        ok = ok && X509_sign(cert, issuer_key ? issuer_key : key, EVP_sha256());
    }
    if (!ok) {
        X509_free(cert);
        return false;
    }
    *out = cert;
    return true;
}

static void test_rebuild_client_chain(void) {
    EVP_PKEY *ca_key = NULL, *key = NULL;
    X509 *ca = NULL, *unused = NULL, *leaf = NULL;
    TT_CHECK(tts_make_certificate(&ca_key, &unused));
    X509_free(unused);
    unused = NULL;
    TT_CHECK(tts_make_certificate(&key, &unused));
    X509_free(unused);
    bool ok = make_signed(ca_key, "Rebuild CA", NULL, NULL, true, &ca) &&
              make_signed(key, "client", ca, ca_key, false, &leaf);
    unsigned char *ca_der = NULL, *leaf_der = NULL, *key_der = NULL;
    int ca_size = ok ? i2d_X509(ca, &ca_der) : 0;
    int leaf_size = ok ? i2d_X509(leaf, &leaf_der) : 0;
    int key_size = ok ? i2d_PrivateKey(key, &key_der) : 0;

    avs_net_ssl_configuration_t config = cert_config();
    config.security.data.cert.client_cert =
            avs_crypto_certificate_chain_info_from_buffer(leaf_der,
                                                          (size_t) leaf_size);
    config.security.data.cert.client_key =
            avs_crypto_private_key_info_from_buffer(key_der, (size_t) key_size,
                                                    NULL);
    config.security.data.cert.rebuild_client_cert_chain = true;
    avs_error_t without_ca = try_create(&config, true);
    config.security.data.cert.trusted_certs =
            avs_crypto_certificate_chain_info_from_buffer(ca_der,
                                                          (size_t) ca_size);
    avs_error_t with_ca = try_create(&config, true);
    /* Several client certificates: the leaf first, then its chain. */
    avs_crypto_certificate_chain_info_t chain[2] = {
            avs_crypto_certificate_chain_info_from_buffer(leaf_der,
                                                          (size_t) leaf_size),
            avs_crypto_certificate_chain_info_from_buffer(ca_der,
                                                          (size_t) ca_size)};
    config.security.data.cert.rebuild_client_cert_chain = false;
    config.security.data.cert.client_cert =
            avs_crypto_certificate_chain_info_from_array(chain, 2);
    avs_error_t with_chain = try_create(&config, true);

    OPENSSL_free(ca_der);
    OPENSSL_free(leaf_der);
    OPENSSL_free(key_der);
    X509_free(ca);
    X509_free(leaf);
    EVP_PKEY_free(ca_key);
    EVP_PKEY_free(key);
    TT_CHECK(ok);
    TT_CHECK(avs_is_err(without_ca));
    TT_OK(with_ca);
    TT_OK(with_chain);
}

static int g_callback_calls;

static int count_and_check_context(void *library_context) {
    ++g_callback_calls;
    /* It really is the socket's SSL_CTX. */
    return SSL_CTX_get_verify_mode((SSL_CTX *) library_context) ==
                           SSL_VERIFY_PEER
                   ? 0
                   : -1;
}

static int refuse(void *library_context) {
    (void) library_context;
    return 7;
}

static void test_additional_configuration(void) {
    avs_net_ssl_configuration_t config = cert_config();
    config.additional_configuration_clb = count_and_check_context;
    g_callback_calls = 0;
    TT_OK(try_create(&config, true));
    TT_EQ(g_callback_calls, 1);
    config.additional_configuration_clb = refuse;
    TT_ERRNO(try_create(&config, true), AVS_EINVAL);
}

static void test_unconnected_socket(void) {
    avs_net_ssl_configuration_t config = default_psk();
    avs_net_socket_t *sock = NULL;
    TT_OK(avs_net_dtls_socket_create(&sock, &config));
    char buf[16];
    size_t n = 99;
    avs_net_socket_opt_value_t resumed, buffered, mtu, state, cid;
    avs_error_t send_err = avs_net_socket_send(sock, "x", 1);
    avs_error_t recv_err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
    avs_error_t resumed_err = avs_net_socket_get_opt(
            sock, AVS_NET_SOCKET_OPT_SESSION_RESUMED, &resumed);
    avs_error_t buffered_err = avs_net_socket_get_opt(
            sock, AVS_NET_SOCKET_HAS_BUFFERED_DATA, &buffered);
    avs_error_t mtu_err =
            avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_INNER_MTU, &mtu);
    avs_error_t state_err =
            avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_STATE, &state);
    avs_error_t cid_err = avs_net_socket_get_opt(
            sock, AVS_NET_SOCKET_OPT_CONNECTION_ID_RESUMED, &cid);
    avs_error_t close_err = avs_net_socket_close(sock);
    avs_net_socket_cleanup(&sock);
    TT_CHECK(!sock);
    TT_ERRNO(send_err, AVS_EBADF);
    TT_ERRNO(recv_err, AVS_EBADF);
    TT_EQ(n, 0);
    TT_OK(resumed_err);
    TT_CHECK(!resumed.flag);
    TT_OK(buffered_err);
    TT_CHECK(!buffered.flag);
    TT_OK(mtu_err);
    TT_CHECK(mtu.mtu > 0);
    TT_OK(state_err);
    TT_EQ(state.state, AVS_NET_SOCKET_STATE_CLOSED);
    TT_OK(cid_err);
    TT_CHECK(!cid.flag);
    TT_OK(close_err);
    TT_OK(avs_net_socket_cleanup(&sock));
}

int main(void) {
    g_prng = avs_crypto_prng_new(NULL, NULL);
    if (!g_prng) {
        return 2;
    }
    avs_log_set_default_level(AVS_LOG_QUIET);
    TT_RUN(test_clear_buffer);
    TT_RUN(test_psk_limits);
    TT_RUN(test_versions);
    TT_RUN(test_handshake_timeouts);
    TT_RUN(test_server_name_limits);
    TT_RUN(test_session_buffer_null);
    TT_RUN(test_dane_limits);
    TT_RUN(test_cipher_filter);
    TT_RUN(test_plaintext_capacity);
    TT_RUN(test_session_buffer_format);
    TT_RUN(test_client_credentials);
    TT_RUN(test_rebuild_client_chain);
    TT_RUN(test_additional_configuration);
    TT_RUN(test_unconnected_socket);
    avs_crypto_prng_free(&g_prng);
    return TT_SUMMARY();
}

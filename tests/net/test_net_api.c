/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The socket API above any layer: dispatch through the operations table,
 * empty entries, the creators' contract, and the plain values.
 */
#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_net.h>

#include "net_test_util.h"
#include "tern_test.h"

/* A socket of a layer that implements nothing but cleanup. */
typedef struct {
    const avs_net_socket_v_table_t *operations;
    int *cleanups;
} fake_socket_t;

static avs_error_t fake_cleanup(avs_net_socket_t **socket) {
    fake_socket_t *fake = (fake_socket_t *) *socket;
    ++*fake->cleanups;
    avs_free(fake);
    *socket = NULL;
    return AVS_OK;
}

static const avs_net_socket_v_table_t EMPTY_VTABLE = {.cleanup = fake_cleanup};

static avs_net_socket_t *fake_new(int *cleanups) {
    fake_socket_t *fake = (fake_socket_t *) avs_calloc(1, sizeof(*fake));
    fake->operations = &EMPTY_VTABLE;
    fake->cleanups = cleanups;
    return (avs_net_socket_t *) fake;
}

static void test_empty_entries_are_unsupported(void) {
    int cleanups = 0;
    avs_net_socket_t *s = fake_new(&cleanups);
    char buf[32];
    size_t n = 0;
    avs_net_socket_opt_value_t value;
    memset(&value, 0, sizeof(value));
    avs_net_socket_interface_name_t ifname;

    TT_ERRNO(avs_net_socket_connect(s, "127.0.0.1", "1"), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_decorate(s, s), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_send(s, "x", 1), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_send_to(s, "x", 1, "127.0.0.1", "1"), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_receive(s, &n, buf, sizeof(buf)), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_receive_from(s, &n, buf, sizeof(buf), buf, 8,
                                         buf + 8, 8),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_bind(s, NULL, "0"), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_accept(s, s), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_close(s), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_shutdown(s), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_interface_name(s, &ifname), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_remote_host(s, buf, sizeof(buf)), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_remote_hostname(s, buf, sizeof(buf)),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_remote_port(s, buf, sizeof(buf)), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_local_host(s, buf, sizeof(buf)), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_local_port(s, buf, sizeof(buf)), AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_STATE, &value),
             AVS_ENOTSUP);
    TT_ERRNO(avs_net_socket_set_opt(s, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, value),
             AVS_ENOTSUP);
    TT_CHECK(avs_net_socket_get_system(s) == NULL);

    TT_OK(avs_net_socket_cleanup(&s));
    TT_CHECK(s == NULL);
    TT_EQ(cleanups, 1);
}

static void test_cleanup_accepts_null(void) {
    avs_net_socket_t *s = NULL;
    TT_OK(avs_net_socket_cleanup(&s));
    TT_OK(avs_net_socket_cleanup(NULL));
}

static void test_creators_release_previous_socket(void) {
    int cleanups = 0;
    avs_net_socket_t *s = fake_new(&cleanups);
    TT_OK(avs_net_udp_socket_create(&s, NULL));
    TT_EQ(cleanups, 1);
    TT_CHECK(s != NULL);
    TT_EQ(nt_state(s), AVS_NET_SOCKET_STATE_CLOSED);

    /* A real socket in *socket is released too (the leak checker sees to
     * it), and so is a fake one by the TCP creator. */
    TT_OK(avs_net_tcp_socket_create(&s, NULL));
    TT_CHECK(s != NULL);
    avs_net_socket_cleanup(&s);
    s = fake_new(&cleanups);
    TT_OK(avs_net_tcp_socket_create(&s, NULL));
    TT_EQ(cleanups, 2);
    TT_CHECK(s != NULL);
    TT_OK(avs_net_socket_cleanup(&s));
}

static void test_secure_creators_require_prng(void) {
    int cleanups = 0;
    avs_net_socket_t *s = fake_new(&cleanups);
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));

    TT_ERRNO(avs_net_dtls_socket_create(&s, NULL), AVS_EINVAL);
    TT_ERRNO(avs_net_ssl_socket_create(&s, NULL), AVS_EINVAL);
    TT_ERRNO(avs_net_dtls_socket_create(&s, &config), AVS_EINVAL);
    TT_ERRNO(avs_net_ssl_socket_create(&s, &config), AVS_EINVAL);
    /* Rejected before anything else: the old socket is still there. */
    TT_EQ(cleanups, 0);
    TT_CHECK(s != NULL);
    TT_ERRNO(avs_net_dtls_socket_decorate_in_place(&s, &config), AVS_EINVAL);
    TT_EQ(cleanups, 0);

#ifdef AVS_COMMONS_WITHOUT_TLS
    /* Any non-NULL context passes the check; the build has no TLS. */
    config.prng_ctx = (avs_crypto_prng_ctx_t *) &config;
    TT_ERRNO(avs_net_dtls_socket_decorate_in_place(&s, &config), AVS_ENOTSUP);
    TT_EQ(cleanups, 0);
    TT_ERRNO(avs_net_dtls_socket_create(&s, &config), AVS_ENOTSUP);
    TT_EQ(cleanups, 1);
    TT_CHECK(s == NULL);
    TT_ERRNO(avs_net_ssl_socket_create(&s, &config), AVS_ENOTSUP);
    TT_CHECK(s == NULL);
#endif
    avs_net_socket_cleanup(&s);
}

static void test_default_values(void) {
    TT_EQ(AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT.seconds, 30);
    TT_EQ(AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT.nanoseconds, 0);
    TT_EQ(AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS.min.seconds, 1);
    TT_EQ(AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS.min.nanoseconds, 0);
    TT_EQ(AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS.max.seconds, 60);
    TT_EQ(AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS.max.nanoseconds, 0);

    avs_net_socket_t *s = NULL;
    TT_OK(avs_net_udp_socket_create(&s, NULL));
    avs_net_socket_opt_value_t value;
    TT_OK(avs_net_socket_get_opt(s, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, &value));
    TT_CHECK(avs_time_duration_equal(value.recv_timeout,
                                     AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT));
    avs_net_socket_cleanup(&s);
}

static void test_security_info_constructors(void) {
    static const char key[] = "key";
    static const char identity[] = "identity";
    avs_net_psk_info_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.key.desc.source = AVS_CRYPTO_DATA_SOURCE_BUFFER;
    psk.key.desc.info.buffer.buffer = key;
    psk.key.desc.info.buffer.buffer_size = 3;
    psk.identity.desc.source = AVS_CRYPTO_DATA_SOURCE_BUFFER;
    psk.identity.desc.info.buffer.buffer = identity;
    psk.identity.desc.info.buffer.buffer_size = 8;
    avs_net_security_info_t info = avs_net_security_info_from_psk(psk);
    TT_EQ(info.mode, AVS_NET_SECURITY_PSK);
    TT_CHECK(info.data.psk.key.desc.info.buffer.buffer == key);
    TT_EQ(info.data.psk.identity.desc.info.buffer.buffer_size, 8);

    avs_net_certificate_info_t cert;
    memset(&cert, 0, sizeof(cert));
    cert.server_cert_validation = true;
    cert.dane = true;
    info = avs_net_security_info_from_certificates(cert);
    TT_EQ(info.mode, AVS_NET_SECURITY_CERTIFICATE);
    TT_CHECK(info.data.cert.server_cert_validation);
    TT_CHECK(info.data.cert.dane);
    TT_CHECK(!info.data.cert.ignore_system_trust_store);
}

static void test_dane_copy(void) {
    avs_net_socket_dane_tlsa_array_t empty = {NULL, 0};
    TT_CHECK(avs_net_socket_dane_tlsa_array_copy(empty) == NULL);

    unsigned char first[] = {1, 2, 3, 4, 5};
    unsigned char second[] = {9, 8, 7};
    avs_net_socket_dane_tlsa_record_t records[3];
    memset(records, 0, sizeof(records));
    records[0].certificate_usage =
            AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE;
    records[0].selector = AVS_NET_SOCKET_DANE_PUBLIC_KEY;
    records[0].matching_type = AVS_NET_SOCKET_DANE_MATCH_SHA256;
    records[0].association_data = first;
    records[0].association_data_size = sizeof(first);
    records[1].certificate_usage = AVS_NET_SOCKET_DANE_CA_CONSTRAINT;
    records[2].association_data = second;
    records[2].association_data_size = sizeof(second);
    avs_net_socket_dane_tlsa_array_t array = {records, 3};

    avs_net_socket_dane_tlsa_record_t *copy =
            avs_net_socket_dane_tlsa_array_copy(array);
    TT_CHECK(copy != NULL);
    /* The caller's memory may go away: scribble over it. */
    memset(first, 0, sizeof(first));
    memset(second, 0, sizeof(second));
    TT_EQ(copy[0].certificate_usage,
          AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE);
    TT_EQ(copy[0].selector, AVS_NET_SOCKET_DANE_PUBLIC_KEY);
    TT_EQ(copy[0].matching_type, AVS_NET_SOCKET_DANE_MATCH_SHA256);
    TT_EQ(copy[0].association_data_size, 5);
    TT_CHECK(copy[0].association_data != first);
    TT_CHECK(memcmp(copy[0].association_data, "\1\2\3\4\5", 5) == 0);
    TT_EQ(copy[1].certificate_usage, AVS_NET_SOCKET_DANE_CA_CONSTRAINT);
    TT_EQ(copy[1].association_data_size, 0);
    TT_EQ(copy[2].association_data_size, 3);
    TT_CHECK(memcmp(copy[2].association_data, "\11\10\7", 3) == 0);
    /* One block: the data lies inside the allocation, after the records. */
    const char *base = (const char *) copy;
    const char *data = (const char *) copy[2].association_data;
    TT_CHECK(data >= base + 3 * sizeof(*copy) &&
             data + 3 <= base + 3 * sizeof(*copy) + 8);
    avs_free(copy);
}

int main(void) {
    TT_RUN(test_empty_entries_are_unsupported);
    TT_RUN(test_cleanup_accepts_null);
    TT_RUN(test_creators_release_previous_socket);
    TT_RUN(test_secure_creators_require_prng);
    TT_RUN(test_default_values);
    TT_RUN(test_security_info_constructors);
    TT_RUN(test_dane_copy);
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The OpenSSL layer against an OpenSSL server on a thread of this program:
 * exact MTU arithmetic against the negotiated suite, stream and datagram
 * receive semantics, forwarding to the backend socket, reconnection rules,
 * and the timeouts of both handshakes.
 */
#include "tern_test.h"

#include "tls/openssl/openssl_socket.h"
#include "tls_test_server.h"

#include <avsystem/commons/avs_log.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static avs_crypto_prng_ctx_t *g_prng;

static avs_net_ssl_configuration_t psk_config(void) {
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_psk_info_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.identity = avs_crypto_psk_identity_info_from_buffer(
            TTS_PSK_IDENTITY, strlen(TTS_PSK_IDENTITY));
    psk.key = avs_crypto_psk_key_info_from_buffer(TTS_PSK_KEY,
                                                  sizeof(TTS_PSK_KEY));
    config.security = avs_net_security_info_from_psk(psk);
    config.prng_ctx = g_prng;
    return config;
}

static avs_error_t open_connection(avs_net_socket_t **sock,
                                   const avs_net_ssl_configuration_t *config,
                                   bool dtls, const char *host, int port) {
    avs_error_t err = dtls ? avs_net_dtls_socket_create(sock, config)
                           : avs_net_ssl_socket_create(sock, config);
    if (avs_is_ok(err)) {
        char port_str[16];
        snprintf(port_str, sizeof(port_str), "%d", port);
        err = avs_net_socket_connect(*sock, host, port_str);
    }
    return err;
}

static avs_error_t set_timeout(avs_net_socket_t *sock, int ms) {
    avs_net_socket_opt_value_t value;
    value.recv_timeout = avs_time_duration_from_scalar(ms, AVS_TIME_MS);
    return avs_net_socket_set_opt(sock, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, value);
}

static int64_t now_ms(void) {
    int64_t ms = 0;
    avs_time_monotonic_to_scalar(&ms, AVS_TIME_MS, avs_time_monotonic_now());
    return ms;
}

/* INNER_MTU must be exactly what OpenSSL itself computes for the suite. */
static void check_mtu_for(const char *suite, uint32_t id) {
    tts_server_t server;
    tts_config_t server_config = {true, suite, false, false, 0, 0};
    TT_CHECK(tts_start(&server, &server_config));
    avs_net_ssl_configuration_t config = psk_config();
    /* An Ethernet-sized link instead of loopback's 64 KiB. */
    config.backend_configuration.forced_mtu = 1500;
    config.ciphersuites.ids = &id;
    config.ciphersuites.num_ids = 1;
    avs_net_socket_t *sock = NULL;
    avs_error_t err =
            open_connection(&sock, &config, true, "127.0.0.1", server.port);
    avs_net_socket_opt_value_t inner;
    memset(&inner, 0, sizeof(inner));
    size_t openssl_mtu = 0;
    if (avs_is_ok(err)) {
        err = avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_INNER_MTU,
                                     &inner);
        openssl_mtu = DTLS_get_data_mtu(((tern_tls_socket_t *) sock)->ssl);
    }
    char buf[2000];
    size_t n = 0;
    memset(buf, 'm', sizeof(buf));
    /* A payload of exactly INNER_MTU bytes goes through in one piece. */
    if (avs_is_ok(err) && inner.mtu > 0 && inner.mtu <= (int) sizeof(buf)) {
        err = avs_net_socket_send(sock, buf, (size_t) inner.mtu);
    }
    if (avs_is_ok(err)) {
        set_timeout(sock, 2000);
        err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
    }
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    TT_OK(err);
    TT_CHECK(inner.mtu > 0);
    TT_EQ(n, inner.mtu);
    if (strstr(suite, "CBC")) {
        /* Encrypt-then-MAC is not visible through the API, so the layer
         * assumes the worse MAC order. */
        TT_CHECK((size_t) inner.mtu <= openssl_mtu &&
                 (size_t) inner.mtu + 16 >= openssl_mtu);
    } else {
        TT_EQ(inner.mtu, openssl_mtu);
    }
}

static void test_inner_mtu_matches_openssl(void) {
    static const struct {
        const char *name;
        uint32_t id;
    } SUITES[] = {{"PSK-AES128-CCM8", 0xC0A8},
                  {"PSK-AES128-CCM", 0xC0A4},
                  {"PSK-AES128-GCM-SHA256", 0x00A8},
                  {"PSK-CHACHA20-POLY1305", 0xCCAB},
                  {"PSK-AES128-CBC-SHA256", 0x00AE}};
    for (size_t i = 0; i < sizeof(SUITES) / sizeof(SUITES[0]); ++i) {
        check_mtu_for(SUITES[i].name, SUITES[i].id);
        if (tt_current_failed__) {
            fprintf(stderr, "  (suite %s)\n", SUITES[i].name);
            return;
        }
    }
}

static void test_stream_partial_reads(void) {
    tts_server_t server;
    tts_config_t server_config = {false, NULL, false, false, 100, 1};
    TT_CHECK(tts_start(&server, &server_config));
    avs_net_ssl_configuration_t config = psk_config();
    avs_net_socket_t *sock = NULL;
    avs_error_t err =
            open_connection(&sock, &config, false, "127.0.0.1", server.port);
    char buf[30];
    size_t total = 0, n = 0;
    avs_net_socket_opt_value_t buffered;
    bool buffered_after_first = false;
    int64_t slowest = 0;
    if (avs_is_ok(err)) {
        set_timeout(sock, 2000);
        err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
        total += n;
        avs_net_socket_get_opt(sock, AVS_NET_SOCKET_HAS_BUFFERED_DATA,
                               &buffered);
        buffered_after_first = buffered.flag;
    }
    /* The rest of the record is decrypted already: no waiting, partial
     * reads are normal for a stream. */
    set_timeout(sock, 0);
    while (avs_is_ok(err) && total < 100) {
        int64_t start = now_ms();
        err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
        slowest = AVS_MAX(slowest, now_ms() - start);
        total += n;
    }
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_HAS_BUFFERED_DATA, &buffered);
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    TT_OK(err);
    TT_EQ(total, 100);
    TT_CHECK(buffered_after_first);
    TT_CHECK(!buffered.flag);
    TT_CHECK(slowest < 50);
}

static void test_datagram_truncation(void) {
    tts_server_t server;
    tts_config_t server_config = {true, NULL, false, false, 300, 2};
    TT_CHECK(tts_start(&server, &server_config));
    avs_net_ssl_configuration_t config = psk_config();
    avs_net_socket_t *sock = NULL;
    avs_error_t err =
            open_connection(&sock, &config, true, "127.0.0.1", server.port);
    char buf[100];
    size_t n1 = 0, n2 = 0, n3 = 0;
    avs_error_t first = err, second = err, third = err;
    if (avs_is_ok(err)) {
        set_timeout(sock, 2000);
        first = avs_net_socket_receive(sock, &n1, buf, sizeof(buf));
        second = avs_net_socket_receive(sock, &n2, buf, sizeof(buf));
        set_timeout(sock, 200);
        third = avs_net_socket_receive(sock, &n3, buf, sizeof(buf));
    }
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    TT_OK(err);
    TT_ERRNO(first, AVS_EMSGSIZE);
    TT_EQ(n1, sizeof(buf));
    /* The second record, not the rest of the first. */
    TT_ERRNO(second, AVS_EMSGSIZE);
    TT_EQ(n2, sizeof(buf));
    TT_ERRNO(third, AVS_ETIMEDOUT);
    TT_EQ(n3, 0);
}

static void test_forwarding_and_reconnect(void) {
    tts_server_t server;
    tts_config_t server_config = {true, NULL, false, true, 0, 0};
    TT_CHECK(tts_start(&server, &server_config));
    avs_net_ssl_configuration_t config = psk_config();
    avs_net_socket_t *sock = NULL;
    TT_OK(avs_net_dtls_socket_create(&sock, &config));
    char port_str[16], local_before[16] = "", local_after[16] = "";
    char remote_host[64] = "", remote_port[16] = "", hostname[64] = "";
    snprintf(port_str, sizeof(port_str), "%d", server.port);
    avs_error_t bind_err = avs_net_socket_bind(sock, "127.0.0.1", NULL);
    set_timeout(sock, 1234);
    avs_net_socket_get_local_port(sock, local_before, sizeof(local_before));
    avs_error_t err = avs_net_socket_connect(sock, "localhost", port_str);
    avs_error_t again = avs_net_socket_connect(sock, "localhost", port_str);
    avs_net_socket_get_local_port(sock, local_after, sizeof(local_after));
    avs_net_socket_get_remote_host(sock, remote_host, sizeof(remote_host));
    avs_net_socket_get_remote_port(sock, remote_port, sizeof(remote_port));
    avs_net_socket_get_remote_hostname(sock, hostname, sizeof(hostname));
    avs_net_socket_opt_value_t timeout;
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_RECV_TIMEOUT, &timeout);
    const int *fd = (const int *) avs_net_socket_get_system(sock);
    bool have_fd = fd && *fd >= 0;
    /* Still usable after the refused second connect. */
    char buf[16];
    size_t n = 0;
    avs_error_t echo = avs_net_socket_send(sock, "still here", 10);
    if (avs_is_ok(echo)) {
        set_timeout(sock, 2000);
        echo = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
    }
    avs_net_socket_opt_value_t resumed, shut;
    avs_error_t shutdown_err = avs_net_socket_shutdown(sock);
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_STATE, &shut);
    avs_net_socket_close(sock);
    avs_error_t reconnect = avs_net_socket_connect(sock, "localhost", port_str);
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_SESSION_RESUMED, &resumed);
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    TT_OK(bind_err);
    TT_OK(err);
    /* The handshake's own timer did not replace the application's. */
    TT_CHECK(avs_time_duration_equal(
            timeout.recv_timeout,
            avs_time_duration_from_scalar(1234, AVS_TIME_MS)));
    TT_ERRNO(again, AVS_EBADF);
    TT_CHECK(*local_before);
    TT_STREQ(local_after, local_before);
    TT_STREQ(remote_host, "127.0.0.1");
    TT_STREQ(remote_port, port_str);
    TT_STREQ(hostname, "localhost");
    TT_CHECK(have_fd);
    TT_OK(echo);
    TT_EQ(n, 10);
    TT_OK(shutdown_err);
    TT_EQ(shut.state, AVS_NET_SOCKET_STATE_SHUTDOWN);
    TT_OK(reconnect);
    TT_CHECK(resumed.flag);
}

static void test_small_session_buffer(void) {
    tts_server_t server;
    tts_config_t server_config = {true, NULL, false, true, 0, 0};
    TT_CHECK(tts_start(&server, &server_config));
    unsigned char tiny[16];
    memset(tiny, 0xEE, sizeof(tiny));
    avs_net_ssl_configuration_t config = psk_config();
    config.session_resumption_buffer = tiny;
    config.session_resumption_buffer_size = sizeof(tiny);
    avs_net_socket_t *sock = NULL;
    avs_error_t first =
            open_connection(&sock, &config, true, "127.0.0.1", server.port);
    avs_net_socket_cleanup(&sock);
    avs_error_t second =
            open_connection(&sock, &config, true, "127.0.0.1", server.port);
    avs_net_socket_opt_value_t resumed;
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_SESSION_RESUMED, &resumed);
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    TT_OK(first);
    TT_OK(second);
    TT_CHECK(!resumed.flag);
    /* What does not fit is not stored, and nothing stale stays. */
    for (size_t i = 0; i < sizeof(tiny); ++i) {
        TT_EQ(tiny[i], 0);
    }
}

static void test_certificate_ip_and_name(void) {
    tts_server_t server;
    tts_config_t server_config = {
            true, "ECDHE-ECDSA-AES128-CCM8", true, false, 0, 0};
    TT_CHECK(tts_start(&server, &server_config));
    unsigned char *der = NULL;
    size_t der_size = tts_cert_der(&server, &der);
    avs_net_ssl_configuration_t config;
    memset(&config, 0, sizeof(config));
    avs_net_certificate_info_t info;
    memset(&info, 0, sizeof(info));
    info.server_cert_validation = true;
    info.ignore_system_trust_store = true;
    info.trusted_certs =
            avs_crypto_certificate_chain_info_from_buffer(der, der_size);
    config.security = avs_net_security_info_from_certificates(info);
    config.prng_ctx = g_prng;
    avs_net_socket_t *sock = NULL;
    avs_error_t by_name =
            open_connection(&sock, &config, true, "localhost", server.port);
    avs_net_socket_cleanup(&sock);
    avs_error_t by_address =
            open_connection(&sock, &config, true, "127.0.0.1", server.port);
    avs_net_socket_cleanup(&sock);
    config.server_name_indication = "elsewhere.test";
    avs_error_t wrong_name =
            open_connection(&sock, &config, true, "localhost", server.port);
    avs_net_socket_opt_value_t state;
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_STATE, &state);
    avs_net_socket_cleanup(&sock);
    tts_stop(&server);
    OPENSSL_free(der);
    TT_OK(by_name);
    TT_OK(by_address);
    TT_CHECK(avs_is_err(wrong_name));
    /* A failed handshake leaves the backend closed. */
    TT_EQ(state.state, AVS_NET_SOCKET_STATE_CLOSED);
}

static void test_dtls_timeouts_at_runtime(void) {
    int silent = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    TT_CHECK(silent >= 0 &&
             !bind(silent, (struct sockaddr *) &addr, sizeof(addr)) &&
             !getsockname(silent, (struct sockaddr *) &addr, &length));
    avs_net_ssl_configuration_t config = psk_config();
    avs_net_socket_t *sock = NULL;
    avs_error_t err = avs_net_dtls_socket_create(&sock, &config);
    avs_net_socket_opt_value_t value;
    value.dtls_handshake_timeouts.min =
            avs_time_duration_from_scalar(100, AVS_TIME_MS);
    value.dtls_handshake_timeouts.max =
            avs_time_duration_from_scalar(200, AVS_TIME_MS);
    avs_error_t set_err = avs_net_socket_set_opt(
            sock, AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS, value);
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", ntohs(addr.sin_port));
    int64_t start = now_ms();
    if (avs_is_ok(err)) {
        err = avs_net_socket_connect(sock, "127.0.0.1", port_str);
    }
    int64_t elapsed = now_ms() - start;
    avs_net_socket_opt_value_t state;
    avs_net_socket_get_opt(sock, AVS_NET_SOCKET_OPT_STATE, &state);
    avs_net_socket_cleanup(&sock);
    close(silent);
    TT_OK(set_err);
    TT_ERRNO(err, AVS_ETIMEDOUT);
    /* 100 + 200 ms. */
    TT_CHECK(elapsed >= 280 && elapsed < 1000);
    TT_EQ(state.state, AVS_NET_SOCKET_STATE_CLOSED);
}

static void test_tls_handshake_uses_receive_timeout(void) {
    /* A listener that accepts (in the kernel) but never speaks. */
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    TT_CHECK(listener >= 0 &&
             !bind(listener, (struct sockaddr *) &addr, sizeof(addr)) &&
             !getsockname(listener, (struct sockaddr *) &addr, &length) &&
             !listen(listener, 4));
    avs_net_ssl_configuration_t config = psk_config();
    avs_net_socket_t *sock = NULL;
    avs_error_t err = avs_net_ssl_socket_create(&sock, &config);
    if (avs_is_ok(err)) {
        err = set_timeout(sock, 300);
    }
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", ntohs(addr.sin_port));
    int64_t start = now_ms();
    if (avs_is_ok(err)) {
        err = avs_net_socket_connect(sock, "127.0.0.1", port_str);
    }
    int64_t elapsed = now_ms() - start;
    avs_net_socket_cleanup(&sock);
    close(listener);
    TT_ERRNO(err, AVS_ETIMEDOUT);
    TT_CHECK(elapsed >= 280 && elapsed < 1000);
}

int main(void) {
    g_prng = avs_crypto_prng_new(NULL, NULL);
    if (!g_prng) {
        return 2;
    }
    avs_log_set_default_level(AVS_LOG_QUIET);
    TT_RUN(test_inner_mtu_matches_openssl);
    TT_RUN(test_stream_partial_reads);
    TT_RUN(test_datagram_truncation);
    TT_RUN(test_forwarding_and_reconnect);
    TT_RUN(test_small_session_buffer);
    TT_RUN(test_certificate_ip_and_name);
    TT_RUN(test_dtls_timeouts_at_runtime);
    TT_RUN(test_tls_handshake_uses_receive_timeout);
    avs_crypto_prng_free(&g_prng);
    return TT_SUMMARY();
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * PSK handshakes against three independent stacks, and the transport
 * behaviour of an established connection: echo, truncation, timeouts,
 * close_notify, suite and version restrictions, handshake retransmission.
 */
#include "tc.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define S_SERVER_PSK(Cipher)                                                   \
    "-nocert", "-psk", TC_PSK_KEY_HEX, "-psk_identity", TC_PSK_IDENTITY,       \
            "-psk_hint", TC_PSK_IDENTITY, "-cipher", Cipher

static const char *const DTLS_PSK_SERVER[] = {S_SERVER_PSK("PSK-AES128-CCM8"),
                                              NULL};

/* Sends @p text and waits until the peer's log shows it. */
static const char *send_and_check(avs_net_socket_t *sock, tc_peer_t *peer,
                                  const char *text) {
    avs_error_t err = avs_net_socket_send(sock, text, strlen(text));
    if (avs_is_err(err)) {
        return tc_reason("send failed: %s", tc_describe(err));
    }
    char needle[128];
    snprintf(needle, sizeof(needle), "%.*s", (int) strcspn(text, "\n"), text);
    if (!tc_peer_wait_log(peer, needle, 3000)) {
        return tc_reason("peer did not log the data sent");
    }
    return NULL;
}

/* Makes the peer send @p text (its stdin goes to the connection) and checks
 * that it arrives intact. */
static const char *expect_from_peer(avs_net_socket_t *sock, tc_peer_t *peer,
                                    const char *text) {
    if (!tc_peer_write(peer, text, strlen(text))) {
        return tc_reason("cannot write to the peer");
    }
    char buf[512];
    size_t got = 0;
    size_t wanted = strlen(text);
    tc_set_recv_timeout(sock, 3000);
    /* A stream may deliver the bytes in pieces. */
    while (got < wanted) {
        size_t n = 0;
        avs_error_t err =
                avs_net_socket_receive(sock, &n, buf + got, sizeof(buf) - got);
        if (avs_is_err(err)) {
            return tc_reason("receive failed: %s", tc_describe(err));
        }
        if (!n) {
            return tc_reason("connection closed early");
        }
        got += n;
    }
    if (got != wanted || memcmp(buf, text, wanted)) {
        return tc_reason("received %u bytes that differ from the %u sent",
                         (unsigned) got, (unsigned) wanted);
    }
    return NULL;
}

const char *tc_dtls_psk_openssl(void) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_net_socket_opt_value_t value;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s (%s)", tc_describe(err),
                           tc_last_log());
    } else if (!(reason = send_and_check(sock, &peer, "hello from tern\n")) &&
               !(reason = expect_from_peer(sock, &peer,
                                           "hello from s_server\n"))) {
        if (avs_is_err(avs_net_socket_get_opt(
                    sock, AVS_NET_SOCKET_OPT_INNER_MTU, &value)) ||
            value.mtu <= 0) {
            reason = tc_reason("INNER_MTU not available");
        } else if (avs_is_err(avs_net_socket_get_opt(
                           sock, AVS_NET_SOCKET_OPT_STATE, &value)) ||
                   value.state != AVS_NET_SOCKET_STATE_CONNECTED) {
            reason = tc_reason("STATE is not CONNECTED");
        } else if (!avs_net_socket_get_system(sock)) {
            reason = tc_reason("no system socket");
        }
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

static const char *gnutls_in_namespace(void) {
    int port = tc_free_port(true);
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    const char *argv[] = {
            "gnutls-serv",
            "-p",
            port_str,
            "--echo",
            "--udp",
            "--pskpasswd",
            tc_path("psk.txt"),
            "--priority",
            "NORMAL:-VERS-ALL:+VERS-DTLS1.2:-KX-ALL:+PSK:-CIPHER-ALL:"
            "+AES-128-CCM-8",
            NULL};
    tc_peer_t peer;
    if (!tc_peer_start(&peer, "gnutls-serv.log", port, true, argv)) {
        return tc_reason("cannot start gnutls-serv");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    static const char PING[] = "ping through GnuTLS";
    char buf[64];
    size_t n = 0;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s (%s)", tc_describe(err),
                           tc_last_log());
    } else if (avs_is_err(err = avs_net_socket_send(sock, PING,
                                                    sizeof(PING) - 1)) ||
               avs_is_err(err = tc_set_recv_timeout(sock, 3000)) ||
               avs_is_err(err = avs_net_socket_receive(sock, &n, buf,
                                                       sizeof(buf)))) {
        reason = tc_reason("echo failed: %s", tc_describe(err));
    } else if (n != sizeof(PING) - 1 || memcmp(buf, PING, n)) {
        reason = tc_reason("echo returned different data");
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_dtls_psk_gnutls(void) {
    if (!tc_have_program("gnutls-serv")) {
        return tc_skip("gnutls-serv not installed");
    }
    return tc_in_network_namespace(gnutls_in_namespace);
}

const char *tc_coaps_get_libcoap(void) {
    if (!tc_have_program("coap-server-openssl")) {
        return tc_skip("coap-server-openssl not installed");
    }
    static const char KEY[] = "tern-coap-secret";
    static const char IDENTITY[] = "tern-coap-client";
    int port = tc_free_port_pair();
    char port_str[16];
    snprintf(port_str, sizeof(port_str), "%d", port);
    const char *argv[] = {"coap-server-openssl",
                          "-A",
                          "127.0.0.1",
                          "-p",
                          port_str,
                          "-k",
                          KEY,
                          "-h",
                          "tern-hint",
                          NULL};
    tc_peer_t peer;
    /* coaps is served one port above coap. */
    if (port <= 0 ||
        !tc_peer_start(&peer, "coap-server.log", port + 1, true, argv)) {
        return tc_reason("cannot start coap-server-openssl");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_psk_info_t psk;
    memset(&psk, 0, sizeof(psk));
    psk.identity = avs_crypto_psk_identity_info_from_buffer(
            IDENTITY, sizeof(IDENTITY) - 1);
    psk.key = avs_crypto_psk_key_info_from_buffer(KEY, sizeof(KEY) - 1);
    config.security = avs_net_security_info_from_psk(psk);
    /* CoAP GET / as a confirmable message: version 1, CON, token length 2,
     * code 0.01, message ID 0x7a31, token 0xc0 0xde, no options. */
    static const unsigned char GET[] = {0x42, 0x01, 0x7a, 0x31, 0xc0, 0xde};
    unsigned char response[1024];
    size_t n = 0;
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port + 1);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s (%s)", tc_describe(err),
                           tc_last_log());
    } else if (avs_is_err(err = avs_net_socket_send(sock, GET, sizeof(GET))) ||
               avs_is_err(err = tc_set_recv_timeout(sock, 3000)) ||
               avs_is_err(err = avs_net_socket_receive(sock, &n, response,
                                                       sizeof(response)))) {
        reason = tc_reason("CoAP exchange failed: %s", tc_describe(err));
    } else if (n < 6 || response[0] != 0x62 || response[1] != 0x45 ||
               response[2] != 0x7a || response[3] != 0x31 ||
               response[4] != 0xc0 || response[5] != 0xde) {
        reason = tc_reason("not a piggybacked 2.05 for our request "
                           "(%u bytes, header %02x %02x)",
                           (unsigned) n, n ? response[0] : 0,
                           n > 1 ? response[1] : 0);
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_tls_psk_tcp(void) {
    static const char *const ARGS[] = {
            "-tls1_2", S_SERVER_PSK("PSK-AES128-GCM-SHA256"), NULL};
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, false, ARGS)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_net_socket_opt_value_t value;
    avs_error_t err = tc_connect(&sock, &config, false, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s (%s)", tc_describe(err),
                           tc_last_log());
    } else if (!(reason = send_and_check(sock, &peer, "hello over TCP\n")) &&
               !(reason = expect_from_peer(sock, &peer,
                                           "TLS reply from s_server\n"))) {
        if (avs_is_err(avs_net_socket_get_opt(
                    sock, AVS_NET_SOCKET_HAS_BUFFERED_DATA, &value)) ||
            value.flag) {
            reason = tc_reason("HAS_BUFFERED_DATA wrong after draining");
        }
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_wrong_psk(void) {
    static const char *const ARGS[] = {"-nocert",
                                       "-psk",
                                       "ffeeddccbbaa99887766554433221100",
                                       "-psk_identity",
                                       TC_PSK_IDENTITY,
                                       "-psk_hint",
                                       TC_PSK_IDENTITY,
                                       "-cipher",
                                       "PSK-AES128-CCM8",
                                       NULL};
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, ARGS)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_dtls_handshake_timeouts_t timeouts;
    tc_set_timeouts(&config, &timeouts, 200, 400);
    avs_net_socket_t *sock = NULL;
    int64_t start = tc_now_ms();
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    int64_t elapsed = tc_now_ms() - start;
    const char *reason = NULL;
    if (avs_is_ok(err)) {
        reason = tc_reason("handshake with a wrong key succeeded");
    } else if (elapsed > 2000) {
        reason = tc_reason("failure took %d ms, timeouts allow ~600 ms",
                           (int) elapsed);
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_truncated_record(void) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    char big[201];
    memset(big, 'T', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\n';
    char buf[64];
    size_t n = 0;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s", tc_describe(err));
        goto finish;
    }
    tc_set_recv_timeout(sock, 3000);
    if (!tc_peer_write(&peer, big, sizeof(big))) {
        reason = tc_reason("cannot write to the peer");
        goto finish;
    }
    err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
    if (!tc_is_errno(err, AVS_EMSGSIZE) || n != sizeof(buf)) {
        reason = tc_reason("a 201-byte record into 64 bytes gave %s with %u "
                           "bytes, expected EMSGSIZE with 64",
                           tc_describe(err), (unsigned) n);
        goto finish;
    }
    /* The rest of the record must be gone, not returned next. */
    reason = expect_from_peer(sock, &peer, "next\n");
finish:
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_receive_timeout(void) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    char buf[64];
    size_t n = 0;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s", tc_describe(err));
        goto finish;
    }
    tc_set_recv_timeout(sock, 300);
    int64_t start = tc_now_ms();
    err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
    int64_t elapsed = tc_now_ms() - start;
    if (!tc_is_errno(err, AVS_ETIMEDOUT)) {
        reason = tc_reason("idle receive gave %s, expected ETIMEDOUT",
                           tc_describe(err));
    } else if (elapsed < 280 || elapsed > 900) {
        reason = tc_reason("300 ms timeout took %d ms", (int) elapsed);
    } else {
        tc_set_recv_timeout(sock, 0);
        start = tc_now_ms();
        err = avs_net_socket_receive(sock, &n, buf, sizeof(buf));
        elapsed = tc_now_ms() - start;
        if (!tc_is_errno(err, AVS_ETIMEDOUT) || elapsed > 100) {
            reason = tc_reason("zero timeout gave %s after %d ms",
                               tc_describe(err), (int) elapsed);
        }
    }
finish:
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_close_notify(void) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_net_socket_opt_value_t state;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect failed: %s", tc_describe(err));
    } else if (!(reason = send_and_check(sock, &peer, "about to close\n"))) {
        /* s_server prints DONE when it reads close_notify; a DTLS peer has
         * no other way to learn that the client went away. */
        if (tc_peer_log_contains(&peer, "DONE")) {
            reason = tc_reason("peer reported DONE before close");
        } else if (avs_is_err(err = avs_net_socket_close(sock))) {
            reason = tc_reason("close failed: %s", tc_describe(err));
        } else if (!tc_peer_wait_log(&peer, "DONE", 2000)) {
            reason = tc_reason("peer did not see close_notify");
        } else if (avs_is_err(avs_net_socket_get_opt(
                           sock, AVS_NET_SOCKET_OPT_STATE, &state)) ||
                   state.state != AVS_NET_SOCKET_STATE_CLOSED) {
            reason = tc_reason("STATE is not CLOSED after close");
        }
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_cipher_restriction(void) {
    static const char *const SEVERAL[] = {
            S_SERVER_PSK("PSK-AES256-GCM-SHA384:PSK-CHACHA20-POLY1305:"
                         "PSK-AES128-CCM8"),
            "-serverpref", NULL};
    static const char *const CCM8_ONLY[] = {S_SERVER_PSK("PSK-AES128-CCM8"),
                                            NULL};
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, SEVERAL)) {
        return tc_reason("cannot start openssl s_server");
    }
    /* An ID nobody knows, then TLS_PSK_WITH_AES_128_CCM_8. */
    uint32_t ccm8[] = {0xFFFE, 0xC0A8};
    avs_net_ssl_configuration_t config = tc_psk_config();
    config.ciphersuites.ids = ccm8;
    config.ciphersuites.num_ids = 2;
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_error_t err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_err(err)) {
        reason = tc_reason("connect with PSK-AES128-CCM8 only failed: %s",
                           tc_describe(err));
    } else if (!tc_peer_wait_log(&peer, "CIPHER is PSK-AES128-CCM8", 2000)) {
        reason = tc_reason("server did not negotiate PSK-AES128-CCM8");
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    if (reason) {
        return reason;
    }
    if (!tc_start_s_server(&peer, &port, true, CCM8_ONLY)) {
        return tc_reason("cannot start openssl s_server");
    }
    /* TLS_PSK_WITH_AES_256_CCM, which this server does not have. */
    uint32_t other[] = {0xC0A5};
    config.ciphersuites.ids = other;
    config.ciphersuites.num_ids = 1;
    avs_net_dtls_handshake_timeouts_t timeouts;
    tc_set_timeouts(&config, &timeouts, 200, 400);
    err = tc_connect(&sock, &config, true, "127.0.0.1", port);
    if (avs_is_ok(err)) {
        reason = tc_reason("handshake succeeded without a common suite");
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_version_restriction(void) {
    const char *args[] = {"-tls1_2",
                          "-cert",
                          tc_path("server.crt"),
                          "-key",
                          tc_path("server.key"),
                          NULL};
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, false, args)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_cert_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = NULL;
    avs_error_t err = tc_connect(&sock, &config, false, "localhost", port);
    if (avs_is_err(err)) {
        reason = tc_reason("TLS 1.2 handshake failed: %s (%s)",
                           tc_describe(err), tc_last_log());
    }
    avs_net_socket_cleanup(&sock);
    config.version = AVS_NET_SSL_VERSION_TLSv1_3;
    if (!reason) {
        err = tc_connect(&sock, &config, false, "localhost", port);
        if (avs_is_ok(err)) {
            reason = tc_reason("TLS 1.3 minimum accepted a TLS 1.2 server");
        }
        avs_net_socket_cleanup(&sock);
    }
    config.version = AVS_NET_SSL_VERSION_TLSv1_1;
    if (!reason) {
        err = avs_net_ssl_socket_create(&sock, &config);
        if (!tc_is_errno(err, AVS_ENOTSUP)) {
            reason = tc_reason("TLS 1.1 minimum gave %s, expected ENOTSUP",
                               tc_describe(err));
        }
        avs_net_socket_cleanup(&sock);
    }
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_handshake_timer_backoff(void) {
    int silent = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof(addr));
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(addr);
    if (silent < 0 || bind(silent, (struct sockaddr *) &addr, sizeof(addr)) ||
        getsockname(silent, (struct sockaddr *) &addr, &length)) {
        if (silent >= 0) {
            close(silent);
        }
        return tc_reason("cannot open the silent peer");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_dtls_handshake_timeouts_t timeouts;
    tc_set_timeouts(&config, &timeouts, 200, 800);
    avs_net_socket_t *sock = NULL;
    int64_t start = tc_now_ms();
    avs_error_t err =
            tc_connect(&sock, &config, true, "127.0.0.1", ntohs(addr.sin_port));
    int64_t elapsed = tc_now_ms() - start;
    avs_net_socket_cleanup(&sock);
    int datagrams = 0;
    char buf[2048];
    while (recv(silent, buf, sizeof(buf), MSG_DONTWAIT) > 0) {
        ++datagrams;
    }
    close(silent);
    /* Waits of 200, 400 and 800 ms: give up after about 1400 ms, having
     * sent the ClientHello three times. */
    if (!tc_is_errno(err, AVS_ETIMEDOUT)) {
        return tc_reason("gave %s, expected ETIMEDOUT", tc_describe(err));
    }
    if (elapsed < 1350 || elapsed > 2100) {
        return tc_reason("gave up after %d ms, expected ~1400", (int) elapsed);
    }
    if (datagrams != 3) {
        return tc_reason("%d ClientHello datagrams, expected 3", datagrams);
    }
    return NULL;
}

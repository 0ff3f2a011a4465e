/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Session resumption, kept in the socket and in a caller-owned buffer, and
 * the absence of leaks over repeated connections.
 */
#include "tc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GLIBC__)
#    include <malloc.h>
#endif

static const char *const DTLS_PSK_SERVER[] = {
        "-nocert",         "-psk",      TC_PSK_KEY_HEX,  "-psk_identity",
        TC_PSK_IDENTITY,   "-psk_hint", TC_PSK_IDENTITY, "-cipher",
        "PSK-AES128-CCM8", NULL};

static const char *const TLS_PSK_SERVER[] = {
        "-tls1_2",      "-nocert",       "-psk",
        TC_PSK_KEY_HEX, "-psk_identity", TC_PSK_IDENTITY,
        "-psk_hint",    TC_PSK_IDENTITY, NULL};

/* Connects @p *sock (created on first use) and checks SESSION_RESUMED. */
static const char *connect_expecting(avs_net_socket_t **sock,
                                     const avs_net_ssl_configuration_t *config,
                                     bool dtls, int port, bool resumed,
                                     const char *what) {
    avs_error_t err;
    if (*sock) {
        char port_str[16];
        snprintf(port_str, sizeof(port_str), "%d", port);
        err = avs_net_socket_connect(*sock, "127.0.0.1", port_str);
    } else {
        err = tc_connect(sock, config, dtls, "127.0.0.1", port);
    }
    if (avs_is_err(err)) {
        return tc_reason("%s: connect failed: %s (%s)", what, tc_describe(err),
                         tc_last_log());
    }
    avs_net_socket_opt_value_t value;
    err = avs_net_socket_get_opt(*sock, AVS_NET_SOCKET_OPT_SESSION_RESUMED,
                                 &value);
    if (avs_is_err(err)) {
        return tc_reason("%s: SESSION_RESUMED unavailable: %s", what,
                         tc_describe(err));
    }
    if (value.flag != resumed) {
        return tc_reason("%s: SESSION_RESUMED is %s", what,
                         value.flag ? "true" : "false");
    }
    /* A connection that carried data, then ended with close_notify, is the
     * normal case of a session worth resuming. */
    err = avs_net_socket_send(*sock, "resume\n", 7);
    if (avs_is_err(err)) {
        return tc_reason("%s: send failed: %s", what, tc_describe(err));
    }
    avs_net_socket_close(*sock);
    return NULL;
}

static const char *resume_in_memory(bool dtls) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, dtls,
                           dtls ? DTLS_PSK_SERVER : TLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    avs_net_socket_t *sock = NULL;
    const char *reason = connect_expecting(&sock, &config, dtls, port, false,
                                           "first connect");
    if (!reason) {
        reason = connect_expecting(&sock, &config, dtls, port, true,
                                   "second connect");
    }
    if (!reason) {
        reason = connect_expecting(&sock, &config, dtls, port, true,
                                   "third connect");
    }
    avs_net_socket_cleanup(&sock);
    tc_peer_stop(&peer);
    return reason;
}

const char *tc_resumption_memory(void) {
    return resume_in_memory(true);
}

const char *tc_resumption_tls(void) {
    return resume_in_memory(false);
}

const char *tc_resumption_buffer(void) {
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    static unsigned char buffer[2048];
    memset(buffer, 0, sizeof(buffer));
    avs_net_ssl_configuration_t config = tc_psk_config();
    config.session_resumption_buffer = buffer;
    config.session_resumption_buffer_size = sizeof(buffer);
    avs_net_socket_t *sock = NULL;
    const char *reason = connect_expecting(&sock, &config, true, port, false,
                                           "first socket");
    avs_net_socket_cleanup(&sock);
    size_t used = sizeof(buffer);
    while (used && !buffer[used - 1]) {
        --used;
    }
    if (!reason && !used) {
        reason = tc_reason("nothing was stored in the buffer");
    }
    /* A new socket: only the buffer can carry the session over. */
    if (!reason) {
        reason = connect_expecting(&sock, &config, true, port, true,
                                   "second socket");
        avs_net_socket_cleanup(&sock);
    }
    static unsigned char saved[sizeof(buffer)];
    memcpy(saved, buffer, sizeof(buffer));
    /* Random garbage, then a plausible session with damaged contents: both
     * must cost a full handshake and nothing more. */
    for (int variant = 0; variant < 2 && !reason; ++variant) {
        if (variant == 0) {
            srand(12345);
            for (size_t i = 0; i < sizeof(buffer); ++i) {
                buffer[i] = (unsigned char) rand();
            }
        } else {
            memcpy(buffer, saved, sizeof(buffer));
            for (size_t i = used / 2; i < used; i += 7) {
                buffer[i] ^= 0x5A;
            }
        }
        reason = connect_expecting(&sock, &config, true, port, false,
                                   variant ? "damaged session"
                                           : "random garbage");
        avs_net_socket_cleanup(&sock);
    }
    tc_peer_stop(&peer);
    return reason;
}

/* LeakSanitizer, when the program was built with it. */
int __lsan_do_recoverable_leak_check(void) __attribute__((weak));

const char *tc_no_leak(void) {
    if (__lsan_do_recoverable_leak_check) {
        /* Everything the checks created has been cleaned up by now. */
        if (__lsan_do_recoverable_leak_check()) {
            return tc_reason("LeakSanitizer reported leaks (see above)");
        }
        return NULL;
    }
#if defined(__GLIBC__) && defined(__GLIBC_MINOR__) &&                          \
        (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    tc_peer_t peer;
    int port;
    if (!tc_start_s_server(&peer, &port, true, DTLS_PSK_SERVER)) {
        return tc_reason("cannot start openssl s_server");
    }
    avs_net_ssl_configuration_t config = tc_psk_config();
    const char *reason = NULL;
    size_t baseline = 0;
    /* The first rounds fill caches that live as long as the process; only
     * growth after them counts. */
    for (int i = 0; i < 8 && !reason; ++i) {
        if (i == 3) {
            baseline = mallinfo2().uordblks;
        }
        avs_net_socket_t *sock = NULL;
        reason = connect_expecting(&sock, &config, true, port, false,
                                   "leak round");
        avs_net_socket_cleanup(&sock);
    }
    size_t after = mallinfo2().uordblks;
    tc_peer_stop(&peer);
    if (!reason && after > baseline + 2048) {
        reason = tc_reason("heap grew by %u bytes over 5 connections",
                           (unsigned) (after - baseline));
    }
    return reason;
#else
    return tc_reason("no leak detector available in this build");
#endif
}

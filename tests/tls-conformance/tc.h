/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * tern-tls-conformance: checks a (D)TLS layer, through the public socket API
 * only, against real peers on loopback. Shared declarations of its parts.
 */
#ifndef TERN_TLS_CONFORMANCE_H
#define TERN_TLS_CONFORMANCE_H

#include <avsystem/commons/avs_socket.h>

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A feature check returns NULL when it passed, otherwise the reason. The
 * reason may be one of the static strings below or built with tc_reason(). */
typedef const char *tc_feature_fn_t(void);

/* Marks a check as not applicable because a peer program is missing. */
#define TC_SKIP_MARK "SKIP"

const char *tc_reason(const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 1, 2)))
#endif
        ;
const char *tc_skip(const char *fmt, ...)
#if defined(__GNUC__)
        __attribute__((format(printf, 1, 2)))
#endif
        ;

/* Describes an error for a reason string ("errno 65", "TLS alert 2/40"). */
const char *tc_describe(avs_error_t err);
bool tc_is_errno(avs_error_t err, avs_errno_t code);

/* ---- environment ---- */
extern avs_crypto_prng_ctx_t *tc_prng;
extern bool tc_verbose;
bool tc_make_scratch_dir(void);
void tc_remove_scratch_dir(void);
/* Path of a file in the scratch directory; valid until 8 more calls. */
const char *tc_path(const char *name);
bool tc_read_file(const char *name, void **out_data, size_t *out_size);
bool tc_have_program(const char *name);
/* The last line the library logged, for failure reasons. */
const char *tc_last_log(void);
void tc_install_log_handler(void);

/* ---- PKI, made with the openssl command ---- */
bool tc_make_pki(void);

/* ---- peers ---- */
typedef struct {
    pid_t pid;
    int stdin_fd;
    char log_path[512];
} tc_peer_t;

int tc_free_port(bool udp);
/* A port P with P and P+1 free for UDP. */
int tc_free_port_pair(void);
/* Starts @p argv under `timeout`, stdin from a pipe, output to a log file
 * named after @p name; waits until it listens on @p port. */
bool tc_peer_start(tc_peer_t *peer, const char *name, int port, bool udp,
                   const char *const *argv);
void tc_peer_stop(tc_peer_t *peer);
bool tc_peer_write(tc_peer_t *peer, const void *data, size_t size);
bool tc_peer_log_contains(const tc_peer_t *peer, const char *needle);
bool tc_peer_wait_log(const tc_peer_t *peer, const char *needle,
                      int timeout_ms);
bool tc_wait_listening(int port, bool udp, int timeout_ms);
/* Starts an openssl s_server with @p extra arguments on a fresh port. */
bool tc_start_s_server(tc_peer_t *peer, int *out_port, bool dtls,
                       const char *const *extra);

/* Runs @p fn in a child process inside a private network namespace with
 * only loopback up; returns its reason (NULL: passed). */
const char *tc_in_network_namespace(tc_feature_fn_t *fn);

/* ---- client side ---- */
#define TC_PSK_IDENTITY "tern-client"
#define TC_PSK_KEY_HEX "0123456789abcdef0123456789abcdef"
extern const unsigned char TC_PSK_KEY[16];

avs_net_ssl_configuration_t tc_psk_config(void);
/* Certificate mode: trust the test CA only, check the server. */
avs_net_ssl_configuration_t tc_cert_config(void);
void tc_set_timeouts(avs_net_ssl_configuration_t *config,
                     avs_net_dtls_handshake_timeouts_t *storage, int min_ms,
                     int max_ms);
avs_error_t tc_connect(avs_net_socket_t **sock,
                       const avs_net_ssl_configuration_t *config, bool dtls,
                       const char *host, int port);
avs_error_t tc_set_recv_timeout(avs_net_socket_t *sock, int ms);
int64_t tc_now_ms(void);

/* ---- the checks ---- */
const char *tc_dtls_psk_openssl(void);
const char *tc_dtls_psk_gnutls(void);
const char *tc_coaps_get_libcoap(void);
const char *tc_tls_psk_tcp(void);
const char *tc_tls13_cert_tcp(void);

const char *tc_cert_good_chain(void);
const char *tc_cert_ip_address(void);
const char *tc_cert_unknown_ca(void);
const char *tc_cert_expired(void);
const char *tc_cert_revoked(void);
const char *tc_cert_wrong_hostname(void);
const char *tc_cert_sni_override(void);
const char *tc_cert_mutual_auth(void);
const char *tc_alert_reported(void);
const char *tc_cert_fragmented_mtu256(void);

const char *tc_resumption_memory(void);
const char *tc_resumption_buffer(void);
const char *tc_resumption_tls(void);

const char *tc_cipher_restriction(void);
const char *tc_version_restriction(void);
const char *tc_handshake_timer_backoff(void);
const char *tc_truncated_record(void);
const char *tc_receive_timeout(void);
const char *tc_close_notify(void);
const char *tc_wrong_psk(void);

const char *tc_dane_full_cert(void);
const char *tc_dane_wrong_data(void);
const char *tc_dane_spki_sha256(void);
const char *tc_dane_trust_anchor(void);
const char *tc_dane_pkix_ee(void);
const char *tc_dane_opportunistic(void);

const char *tc_no_leak(void);

#endif /* TERN_TLS_CONFORMANCE_H */

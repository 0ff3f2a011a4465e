/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The OpenSSL (D)TLS socket: one object per avs_net socket, wrapping a UDP or
 * TCP backend socket created through the public socket API. The SSL_CTX is
 * built once from the configuration (the configuration itself is not kept);
 * the SSL object lives from a successful connect() to close().
 */
#ifndef TERN_TLS_OPENSSL_SOCKET_H
#define TERN_TLS_OPENSSL_SOCKET_H

#include <avsystem/commons/avs_socket.h>
#include <avsystem/commons/avs_socket_v_table.h>

#include <openssl/ssl.h>

/* Room for a DNS name (253 characters) with some slack; longer SNI values
 * are rejected at creation. */
#define TERN_TLS_MAX_SNI_LENGTH 255

/* RFC 4279 allows longer identities, but OpenSSL 1.1.1 stops at 128 bytes and
 * no LwM2M server is known to need more. */
#define TERN_TLS_MAX_PSK_IDENTITY_SIZE 128
/* 2048-bit keys are far beyond any PSK suite's strength; the cap only keeps
 * a malformed configuration from allocating arbitrary amounts. */
#define TERN_TLS_MAX_PSK_KEY_SIZE 256

/* DANE: Anjay passes one record; a few more cover key rollover. A full
 * certificate rarely exceeds 4 KiB. */
#define TERN_TLS_MAX_DANE_RECORDS 8
#define TERN_TLS_MAX_DANE_DATA_SIZE 4096

/* The largest handshake timeout accepted, so that microseconds fit in the
 * unsigned int that OpenSSL's DTLS timer callback works with. */
#define TERN_TLS_MAX_HANDSHAKE_TIMEOUT_S 3600

typedef struct {
    uint8_t usage;
    uint8_t selector;
    uint8_t matching_type;
    size_t data_size;
    unsigned char *data;
} tern_tls_dane_record_t;

typedef struct {
    bool valid;
    uint8_t level;
    uint8_t description;
} tern_tls_alert_t;

typedef struct {
    const avs_net_socket_v_table_t *operations;

    bool dtls;
    avs_net_socket_t *backend;
    SSL_CTX *ctx;
    /* Non-NULL from the start of a handshake until close(); a failed
     * handshake frees it again. */
    SSL *ssl;

    /* Copied from the configuration. */
    avs_net_security_mode_t security_mode;
    bool verify_peer;
    bool dane_enabled;
    char *server_name_indication;
    unsigned char *psk_identity;
    size_t psk_identity_size;
    unsigned char *psk_key;
    size_t psk_key_size;
    unsigned handshake_timeout_min_us;
    unsigned handshake_timeout_max_us;
    void *session_buffer;
    size_t session_buffer_size;

    /* Records from AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY, deep copies. */
    tern_tls_dane_record_t dane_records[TERN_TLS_MAX_DANE_RECORDS];
    size_t dane_record_count;

    /* The last resumable session, kept across close/connect when no
     * caller-owned buffer is configured. */
    SSL_SESSION *session;
    bool session_resumed;

    /* State of the connection attempt or connection in progress, written by
     * the BIO and the OpenSSL callbacks. */
    bool waiting_on_dtls_timer;
    /* The DTLS handshake borrows the backend's RECV_TIMEOUT. */
    bool backend_timeout_saved;
    /* IP and UDP header bytes, for OpenSSL's datagram size arithmetic. */
    long mtu_overhead;
    /* The longest retransmission wait has passed without an answer. */
    bool handshake_gave_up;
    /* A fatal error happened: no close_notify may be sent any more. */
    bool connection_broken;
    unsigned current_timeout_us;
    avs_error_t bio_error;
    bool bio_eof;
    tern_tls_alert_t alert_received;
    tern_tls_alert_t alert_sent;
} tern_tls_socket_t;

/* openssl_global.c */
BIO_METHOD *tern_tls_bio_method(void);

/* openssl_bio.c */
BIO_METHOD *tern_tls_bio_method_create(void);
BIO *tern_tls_bio_new(tern_tls_socket_t *sock);
avs_error_t tern_tls_wait_readable(tern_tls_socket_t *sock,
                                   unsigned timeout_us);
long tern_tls_mtu_overhead(tern_tls_socket_t *sock, int inner_mtu);

/* openssl_context.c */
avs_error_t tern_tls_context_create(tern_tls_socket_t *sock,
                                    const avs_net_ssl_configuration_t *config);
avs_error_t
tern_tls_set_handshake_timeouts(tern_tls_socket_t *sock,
                                const avs_net_dtls_handshake_timeouts_t *t);

/* openssl_ciphers.c */
avs_error_t
tern_tls_configure_ciphers(tern_tls_socket_t *sock,
                           const avs_net_socket_tls_ciphersuites_t *suites);
int tern_tls_plaintext_capacity(const SSL_CIPHER *cipher, bool dtls,
                                int inner_mtu);
int tern_tls_min_plaintext_capacity(SSL_CTX *ctx, bool dtls, int inner_mtu);

/* openssl_psk.c */
avs_error_t tern_tls_configure_psk(tern_tls_socket_t *sock,
                                   const avs_net_psk_info_t *psk);
void tern_tls_psk_install(tern_tls_socket_t *sock, SSL *ssl);
void tern_tls_psk_wipe(tern_tls_socket_t *sock);

/* openssl_certs.c */
typedef avs_error_t tern_tls_cert_sink_t(void *arg, X509 *cert);
typedef avs_error_t tern_tls_crl_sink_t(void *arg, X509_CRL *crl);
avs_error_t tern_tls_load_certs(const avs_crypto_security_info_union_t *desc,
                                tern_tls_cert_sink_t *sink, void *arg);
avs_error_t tern_tls_load_crls(const avs_crypto_security_info_union_t *desc,
                               tern_tls_crl_sink_t *sink, void *arg);
avs_error_t
tern_tls_load_private_key(const avs_crypto_security_info_union_t *desc,
                          EVP_PKEY **out_key);

/* openssl_verify.c */
avs_error_t tern_tls_configure_certs(tern_tls_socket_t *sock,
                                     const avs_net_certificate_info_t *info);
avs_error_t tern_tls_prepare_peer_checks(tern_tls_socket_t *sock, SSL *ssl,
                                         const char *host);
avs_error_t tern_tls_set_dane_records(tern_tls_socket_t *sock,
                                      avs_net_socket_dane_tlsa_array_t array);
void tern_tls_free_dane_records(tern_tls_socket_t *sock);

/* openssl_session.c */
void tern_tls_session_setup_context(SSL_CTX *ctx);
void tern_tls_session_offer(tern_tls_socket_t *sock, SSL *ssl);
void tern_tls_session_forget(tern_tls_socket_t *sock);
size_t tern_tls_session_serialize(SSL_SESSION *session, bool dtls, void *buf,
                                  size_t buf_size);
SSL_SESSION *tern_tls_session_deserialize(const void *buf, size_t buf_size,
                                          bool dtls);

/* openssl_handshake.c */
avs_error_t tern_tls_connect(avs_net_socket_t *sock_, const char *host,
                             const char *port);
tern_tls_socket_t *tern_tls_socket_from_ssl(const SSL *ssl);

/* openssl_io.c */
avs_error_t tern_tls_send(avs_net_socket_t *sock_, const void *buffer,
                          size_t buffer_length);
avs_error_t tern_tls_receive(avs_net_socket_t *sock_, size_t *out_bytes,
                             void *buffer, size_t buffer_length);
bool tern_tls_has_buffered_data(tern_tls_socket_t *sock);

/* openssl_errors.c */
void tern_tls_reset_connection_errors(tern_tls_socket_t *sock);
avs_error_t tern_tls_report_failure(tern_tls_socket_t *sock, SSL *ssl,
                                    int ssl_error, const char *operation);
avs_error_t tern_tls_library_error(const char *what);
void tern_tls_info_callback(const SSL *ssl, int where, int ret);

/* openssl_socket.c */
void tern_tls_connection_discard(tern_tls_socket_t *sock, bool notify_peer);

#endif /* TERN_TLS_OPENSSL_SOCKET_H */

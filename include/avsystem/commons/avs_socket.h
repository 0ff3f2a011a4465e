/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file avs_socket.h
 * The socket API: UDP, TCP, DTLS and TLS sockets behind one interface.
 *
 * A socket is an object whose first member points to a table of operations
 * (see avs_socket_v_table.h). The functions here dispatch through that table,
 * so the same code drives Tern's POSIX sockets, its OpenSSL (D)TLS sockets, or
 * a layer supplied by the application at link time. An operation a layer does
 * not implement fails with AVS_ENOTSUP.
 */
#ifndef AVS_COMMONS_SOCKET_H
#define AVS_COMMONS_SOCKET_H

#include <avsystem/commons/avs_commons_config.h>
#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_crypto_psk.h>
#include <avsystem/commons/avs_defs.h>
#include <avsystem/commons/avs_errno.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Room for any socket address the platform knows (as sockaddr_storage). */
#define AVS_NET_SOCKET_RAW_RESOLVED_ENDPOINT_MAX_SIZE 128

/** Default receive timeout of a new socket: 30 seconds. */
extern const avs_time_duration_t AVS_NET_SOCKET_DEFAULT_RECV_TIMEOUT;

/**
 * A resolved address in the network layer's own format. @c size == 0 means
 * "no address"; any other value is owned by the layer that wrote it.
 */
typedef struct {
    uint8_t size;
    union {
        avs_max_align_t align;
        char buf[AVS_NET_SOCKET_RAW_RESOLVED_ENDPOINT_MAX_SIZE];
    } data;
} avs_net_resolved_endpoint_t;

/** Kind of socket. */
typedef enum {
    AVS_NET_TCP_SOCKET,
    AVS_NET_UDP_SOCKET,
    AVS_NET_SSL_SOCKET,
    AVS_NET_DTLS_SOCKET
} avs_net_socket_type_t;

/** Address family. */
typedef enum {
    AVS_NET_AF_UNSPEC,
    AVS_NET_AF_INET4,
    AVS_NET_AF_INET6
} avs_net_af_t;

struct avs_net_socket_struct;
/** A socket (opaque to users; layers define the struct). */
typedef struct avs_net_socket_struct avs_net_socket_t;

/** Name of a network interface, e.g. "eth0". */
typedef char avs_net_socket_interface_name_t[IF_NAMESIZE];

/** Options of a UDP or TCP socket; all zeros gives sane defaults. */
typedef struct {
    /** IP DSCP value 0-63 for outgoing packets; 0 leaves the default. */
    uint8_t dscp;
    /** SO_PRIORITY 1-7; 0 leaves the default. */
    uint8_t priority;
    /** Sets SO_REUSEADDR, so several sockets may bind the same port. */
    uint8_t reuse_addr;
    /** Sets IP_TRANSPARENT / IPV6_TRANSPARENT. */
    uint8_t transparent;
    /** Binds the socket to this device; empty for default routing. */
    avs_net_socket_interface_name_t interface_name;
    /**
     * IP address stickiness: if it holds an address, connect() prefers it
     * among the resolved ones; after a successful connect() the address used
     * is written back. Caller-owned; may be NULL.
     */
    avs_net_resolved_endpoint_t *preferred_endpoint;
    /** Use only this family (UNSPEC: any). */
    avs_net_af_t address_family;
    /** If > 0, MTU reports this value (and INNER_MTU is derived from it). */
    int forced_mtu;
    /** With @c address_family UNSPEC, try this family first. */
    avs_net_af_t preferred_family;
} avs_net_socket_configuration_t;

/** Hook called with the TLS library's context (an SSL_CTX * for OpenSSL). */
typedef int avs_ssl_additional_configuration_clb_t(void *library_ssl_context);

/** Minimum protocol version. */
typedef enum {
    AVS_NET_SSL_VERSION_DEFAULT = 0,
    AVS_NET_SSL_VERSION_SSLv2_OR_3,
    AVS_NET_SSL_VERSION_SSLv2,
    AVS_NET_SSL_VERSION_SSLv3,
    AVS_NET_SSL_VERSION_TLSv1,
    AVS_NET_SSL_VERSION_TLSv1_1,
    AVS_NET_SSL_VERSION_TLSv1_2,
    AVS_NET_SSL_VERSION_TLSv1_3
} avs_net_ssl_version_t;

/** Raw credential bytes (legacy form). */
typedef struct {
    const void *data;
    size_t size;
    const char *password;
} avs_net_ssl_raw_data_t;

/** How the (D)TLS peer is authenticated. */
typedef enum {
    AVS_NET_SECURITY_DEFAULT = 0,
    AVS_NET_SECURITY_PSK,
    AVS_NET_SECURITY_CERTIFICATE = AVS_NET_SECURITY_DEFAULT
} avs_net_security_mode_t;

/** Pre-shared key credentials. */
typedef struct {
    avs_crypto_psk_key_info_t key;
    avs_crypto_psk_identity_info_t identity;
} avs_net_psk_info_t;

/** Certificate credentials and the trust configuration. */
typedef struct {
    /** Verify the server; false disables all verification. */
    bool server_cert_validation;
    /** Do not load the operating system's trust store. */
    bool ignore_system_trust_store;
    /** Enable DANE (records set with AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY). */
    bool dane;
    avs_crypto_certificate_chain_info_t trusted_certs;
    avs_crypto_cert_revocation_list_info_t cert_revocation_lists;
    /** Client certificate; with several, the first is the leaf. */
    avs_crypto_certificate_chain_info_t client_cert;
    avs_crypto_private_key_info_t client_key;
    /** Complete the client chain from the trust store. */
    bool rebuild_client_cert_chain;
} avs_net_certificate_info_t;

/** Credentials of either kind. */
typedef struct {
    avs_net_security_mode_t mode;
    union {
        avs_net_psk_info_t psk;
        avs_net_certificate_info_t cert;
    } data;
} avs_net_security_info_t;

/** Wraps PSK credentials. */
avs_net_security_info_t avs_net_security_info_from_psk(avs_net_psk_info_t psk);

/** Wraps certificate credentials. */
avs_net_security_info_t
avs_net_security_info_from_certificates(avs_net_certificate_info_t info);

/** DTLS handshake retransmission: first wait @c min, doubled up to @c max. */
typedef struct {
    avs_time_duration_t min;
    avs_time_duration_t max;
} avs_net_dtls_handshake_timeouts_t;

/** 1 s and 60 s. */
extern const avs_net_dtls_handshake_timeouts_t
        AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS;

/** Error category of TLS alerts; code = (level << 8) | description. */
#define AVS_NET_SSL_ALERT_CATEGORY 8572

/** An error carrying a TLS alert. */
static inline avs_error_t avs_net_ssl_alert(uint8_t level,
                                            uint8_t description) {
    avs_error_t result = {AVS_NET_SSL_ALERT_CATEGORY,
                          (uint16_t) ((level << 8) | description)};
    return result;
}

/** Alert level of an AVS_NET_SSL_ALERT_CATEGORY error. */
static inline uint8_t avs_net_ssl_alert_level(avs_error_t error) {
    assert(error.category == AVS_NET_SSL_ALERT_CATEGORY);
    return (uint8_t) (error.code >> 8);
}

/** Alert description of an AVS_NET_SSL_ALERT_CATEGORY error. */
static inline uint8_t avs_net_ssl_alert_description(avs_error_t error) {
    assert(error.category == AVS_NET_SSL_ALERT_CATEGORY);
    return (uint8_t) error.code;
}

/** Error category of TLS library failures; the code is library-specific. */
#define AVS_NET_SSL_LIB_ERROR_CATEGORY 8573

/** An error carrying a TLS library error code. */
static inline avs_error_t avs_net_ssl_lib_error(uint16_t error) {
    avs_error_t result = {AVS_NET_SSL_LIB_ERROR_CATEGORY, error};
    return result;
}

/** A list of IANA cipher suite IDs, e.g. 0xC0A8. */
typedef struct {
    uint32_t *ids;
    size_t num_ids;
} avs_net_socket_tls_ciphersuites_t;

/**
 * Options of a DTLS or TLS socket. Only read during creation: pointers in it
 * need not outlive the call, except @c session_resumption_buffer and
 * @c backend_configuration.preferred_endpoint.
 */
typedef struct {
    /** Minimum protocol version. */
    avs_net_ssl_version_t version;
    avs_net_security_info_t security;
    /** NULL: AVS_NET_SOCKET_DEFAULT_DTLS_HANDSHAKE_TIMEOUTS. */
    const avs_net_dtls_handshake_timeouts_t *dtls_handshake_timeouts;
    /**
     * Caller-owned storage for a serialized session: read before each
     * handshake, written after a new one. Garbage in it only costs a full
     * handshake.
     */
    void *session_resumption_buffer;
    size_t session_resumption_buffer_size;
    /** Allowed suites; empty: the layer's secure defaults. */
    avs_net_socket_tls_ciphersuites_t ciphersuites;
    avs_ssl_additional_configuration_clb_t *additional_configuration_clb;
    /** Options of the UDP or TCP socket underneath. */
    avs_net_socket_configuration_t backend_configuration;
    /** SNI, and name checked against the certificate; NULL: connect host. */
    const char *server_name_indication;
    bool use_connection_id;
    /** Required (creation fails with AVS_EINVAL without it). */
    avs_crypto_prng_ctx_t *prng_ctx;
} avs_net_ssl_configuration_t;

/** Option keys for avs_net_socket_get_opt() / avs_net_socket_set_opt(). */
typedef enum {
    /** get/set @c recv_timeout: how long receive() waits. */
    AVS_NET_SOCKET_OPT_RECV_TIMEOUT,
    /** get @c state. */
    AVS_NET_SOCKET_OPT_STATE,
    /** get @c addr_family in use. */
    AVS_NET_SOCKET_OPT_ADDR_FAMILY,
    /** get @c mtu: largest IP packet. */
    AVS_NET_SOCKET_OPT_MTU,
    /** get @c mtu: largest payload of one send(). */
    AVS_NET_SOCKET_OPT_INNER_MTU,
    /** get @c flag: the last handshake resumed a session. */
    AVS_NET_SOCKET_OPT_SESSION_RESUMED,
    /** get @c bytes_sent. */
    AVS_NET_SOCKET_OPT_BYTES_SENT,
    /** get @c bytes_received. */
    AVS_NET_SOCKET_OPT_BYTES_RECEIVED,
    /** set @c dane_tlsa_array for the next handshake (copied). */
    AVS_NET_SOCKET_OPT_DANE_TLSA_ARRAY,
    /** get @c flag: receive() can return data without reading the OS. */
    AVS_NET_SOCKET_HAS_BUFFERED_DATA,
    /** set @c dtls_handshake_timeouts. */
    AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS,
    /** get @c flag: the last connect restored a DTLS Connection ID. */
    AVS_NET_SOCKET_OPT_CONNECTION_ID_RESUMED,
    /** get/set @c addr_family: the preferred family. */
    AVS_NET_SOCKET_OPT_PREFERRED_ADDR_FAMILY,
    /** get/set @c addr_family: the only family allowed. */
    AVS_NET_SOCKET_OPT_FORCED_ADDR_FAMILY,
} avs_net_socket_opt_key_t;

/** Socket state. */
typedef enum {
    AVS_NET_SOCKET_STATE_CLOSED,
    AVS_NET_SOCKET_STATE_SHUTDOWN,
    AVS_NET_SOCKET_STATE_BOUND,
    AVS_NET_SOCKET_STATE_ACCEPTED,
    AVS_NET_SOCKET_STATE_CONNECTED
} avs_net_socket_state_t;

/** DANE certificate usage (RFC 6698). */
typedef enum {
    AVS_NET_SOCKET_DANE_CA_CONSTRAINT = 0,
    AVS_NET_SOCKET_DANE_SERVICE_CERTIFICATE_CONSTRAINT = 1,
    AVS_NET_SOCKET_DANE_TRUST_ANCHOR_ASSERTION = 2,
    AVS_NET_SOCKET_DANE_DOMAIN_ISSUED_CERTIFICATE = 3
} avs_net_socket_dane_certificate_usage_t;

/** DANE selector. */
typedef enum {
    AVS_NET_SOCKET_DANE_CERTIFICATE = 0,
    AVS_NET_SOCKET_DANE_PUBLIC_KEY = 1
} avs_net_socket_dane_selector_t;

/** DANE matching type. */
typedef enum {
    AVS_NET_SOCKET_DANE_MATCH_FULL = 0,
    AVS_NET_SOCKET_DANE_MATCH_SHA256 = 1,
    AVS_NET_SOCKET_DANE_MATCH_SHA512 = 2
} avs_net_socket_dane_matching_type_t;

/** One TLSA record. */
typedef struct {
    avs_net_socket_dane_certificate_usage_t certificate_usage;
    avs_net_socket_dane_selector_t selector;
    avs_net_socket_dane_matching_type_t matching_type;
    const void *association_data;
    size_t association_data_size;
} avs_net_socket_dane_tlsa_record_t;

/** A set of TLSA records. */
typedef struct {
    const avs_net_socket_dane_tlsa_record_t *array_ptr;
    size_t array_element_count;
} avs_net_socket_dane_tlsa_array_t;

/**
 * Deep copy of the records and their data in one allocation (free with
 * avs_free()). NULL for an empty array or on OOM.
 */
avs_net_socket_dane_tlsa_record_t *
avs_net_socket_dane_tlsa_array_copy(avs_net_socket_dane_tlsa_array_t in_array);

/** Value of a socket option; which member depends on the key. */
typedef union {
    avs_time_duration_t recv_timeout;
    avs_net_socket_state_t state;
    avs_net_af_t addr_family;
    int mtu;
    bool flag;
    uint64_t bytes_sent;
    uint64_t bytes_received;
    avs_net_socket_dane_tlsa_array_t dane_tlsa_array;
    avs_net_dtls_handshake_timeouts_t dtls_handshake_timeouts;
} avs_net_socket_opt_value_t;

/**
 * Creates a UDP socket (no OS descriptor yet). Any socket already in
 * @p *socket is cleaned up first, so it must be NULL or valid.
 * @param config NULL for defaults.
 */
avs_error_t
avs_net_udp_socket_create(avs_net_socket_t **socket,
                          const avs_net_socket_configuration_t *config);

/** Creates a TCP socket; see avs_net_udp_socket_create(). */
avs_error_t
avs_net_tcp_socket_create(avs_net_socket_t **socket,
                          const avs_net_socket_configuration_t *config);

/**
 * Creates a DTLS socket over UDP. connect() performs the handshake.
 * @returns AVS_EINVAL if @p config or its @c prng_ctx is NULL.
 */
avs_error_t
avs_net_dtls_socket_create(avs_net_socket_t **socket,
                           const avs_net_ssl_configuration_t *config);

/** Creates a TLS socket over TCP; see avs_net_dtls_socket_create(). */
avs_error_t
avs_net_ssl_socket_create(avs_net_socket_t **socket,
                          const avs_net_ssl_configuration_t *config);

/**
 * Closes and frees the socket, then NULLs @p *socket. A NULL @p *socket is
 * accepted. Resources are released even when an error is returned.
 */
avs_error_t avs_net_socket_cleanup(avs_net_socket_t **socket);

/**
 * Connects to @p host (name or numeric address) and decimal @p port; for
 * (D)TLS sockets also performs the handshake.
 * @returns AVS_EADDRNOTAVAIL if the name does not resolve.
 */
avs_error_t avs_net_socket_connect(avs_net_socket_t *socket, const char *host,
                                   const char *port);

/** Makes a (D)TLS socket run over an existing socket. */
avs_error_t avs_net_socket_decorate(avs_net_socket_t *socket,
                                    avs_net_socket_t *backend_socket);

/** Replaces @p *socket with a DTLS socket running over it. */
avs_error_t avs_net_dtls_socket_decorate_in_place(
        avs_net_socket_t **socket, const avs_net_ssl_configuration_t *config);

/** Replaces @p *socket with a TLS socket running over it. */
avs_error_t
avs_net_ssl_socket_decorate_in_place(avs_net_socket_t **socket,
                                     const avs_net_ssl_configuration_t *config);

/**
 * Sends all @p buffer_length bytes, or fails. A UDP send is one datagram.
 */
avs_error_t avs_net_socket_send(avs_net_socket_t *socket, const void *buffer,
                                size_t buffer_length);

/** Sends one datagram to @p host : @p port. */
avs_error_t avs_net_socket_send_to(avs_net_socket_t *socket, const void *buffer,
                                   size_t buffer_length, const char *host,
                                   const char *port);

/**
 * Receives data, waiting at most the RECV_TIMEOUT option.
 *
 * - AVS_ETIMEDOUT: nothing arrived in time.
 * - AVS_EMSGSIZE: a datagram did not fit and was truncated;
 *   @p out_bytes_received is still set.
 * - Success with 0 bytes on a stream socket: the peer closed it.
 */
avs_error_t avs_net_socket_receive(avs_net_socket_t *socket,
                                   size_t *out_bytes_received, void *buffer,
                                   size_t buffer_length);

/** Receives one datagram and tells who sent it (numeric host, port). */
avs_error_t avs_net_socket_receive_from(avs_net_socket_t *socket,
                                        size_t *out_bytes_received,
                                        void *buffer, size_t buffer_length,
                                        char *host, size_t host_size,
                                        char *port, size_t port_size);

/**
 * Binds to @p address (NULL: wildcard) and @p port (NULL or "0": ephemeral).
 */
avs_error_t avs_net_socket_bind(avs_net_socket_t *socket, const char *address,
                                const char *port);

/** Accepts a connection on a listening TCP socket into @p client_socket. */
avs_error_t avs_net_socket_accept(avs_net_socket_t *server_socket,
                                  avs_net_socket_t *client_socket);

/** Releases the OS descriptor but keeps the object; closing twice is fine. */
avs_error_t avs_net_socket_close(avs_net_socket_t *socket);

/** Shuts both directions down, keeping the descriptor and addresses. */
avs_error_t avs_net_socket_shutdown(avs_net_socket_t *socket);

/** Name of the interface the socket is bound to. */
avs_error_t
avs_net_socket_interface_name(avs_net_socket_t *socket,
                              avs_net_socket_interface_name_t *if_name);

/** The peer's numeric address. */
avs_error_t avs_net_socket_get_remote_host(avs_net_socket_t *socket,
                                           char *out_buffer,
                                           size_t out_buffer_size);

/** The host string given to the last successful connect(). */
avs_error_t avs_net_socket_get_remote_hostname(avs_net_socket_t *socket,
                                               char *out_buffer,
                                               size_t out_buffer_size);

/** The peer's port, in decimal. */
avs_error_t avs_net_socket_get_remote_port(avs_net_socket_t *socket,
                                           char *out_buffer,
                                           size_t out_buffer_size);

/** The local numeric address. */
avs_error_t avs_net_socket_get_local_host(avs_net_socket_t *socket,
                                          char *out_buffer,
                                          size_t out_buffer_size);

/** The local port, in decimal. */
avs_error_t avs_net_socket_get_local_port(avs_net_socket_t *socket,
                                          char *out_buffer,
                                          size_t out_buffer_size);

/** Reads an option; see @ref avs_net_socket_opt_key_t. */
avs_error_t
avs_net_socket_get_opt(avs_net_socket_t *socket,
                       avs_net_socket_opt_key_t option_key,
                       avs_net_socket_opt_value_t *out_option_value);

/** Sets an option; see @ref avs_net_socket_opt_key_t. */
avs_error_t avs_net_socket_set_opt(avs_net_socket_t *socket,
                                   avs_net_socket_opt_key_t option_key,
                                   avs_net_socket_opt_value_t option_value);

/**
 * Something to poll for readability: for Tern's sockets a pointer to the
 * <c>int</c> descriptor. NULL if the layer has none (or no descriptor yet).
 */
const void *avs_net_socket_get_system(avs_net_socket_t *socket);

#ifdef __cplusplus
}
#endif

#endif /* AVS_COMMONS_SOCKET_H */

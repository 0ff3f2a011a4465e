/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * Core of the LwM2M client API: the client object, its configuration, the
 * scheduler and event loop, server and transport control, security
 * configuration queries and the basic identifier types.
 *
 * The names, types and semantics follow Anjay 3.14 so that applications
 * written for it build against Tern unchanged.
 */
#ifndef ANJAY_INCLUDE_ANJAY_CORE_H
#define ANJAY_INCLUDE_ANJAY_CORE_H

#include <stdint.h>

#include <anjay/anjay_config.h>

#include <avsystem/coap/udp.h>
#include <avsystem/commons/avs_crypto_pki.h>
#include <avsystem/commons/avs_list.h>
#include <avsystem/commons/avs_net.h>
#include <avsystem/commons/avs_prng.h>
#include <avsystem/commons/avs_sched.h>
#include <avsystem/commons/avs_time.h>

#ifdef TERN_ANJAY_HAVE_AVS_STREAM
#    include <avsystem/commons/avs_stream.h>
#else
/**
 * The stream type taken by the persistence functions. Tern does not ship a
 * stream implementation yet, so the type is only declared here; those
 * functions report an error when called.
 */
typedef struct avs_stream_struct avs_stream_t;
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Short Server ID. */
typedef uint16_t anjay_ssid_t;

/** Wildcard SSID: "any server", or "no particular server". */
#define ANJAY_SSID_ANY 0

/** SSID that stands for the LwM2M Bootstrap Server. */
#define ANJAY_SSID_BOOTSTRAP UINT16_MAX

/** The LwM2M client object (opaque). */
typedef struct anjay_struct anjay_t;

/** RFC 7252 default transmission parameters, usable as an initialiser. */
#define ANJAY_COAP_DEFAULT_UDP_TX_PARAMS                                       \
    {                                                                          \
        /* .ack_timeout = */ {2, 0}, /* .ack_random_factor = */ 1.5,           \
                /* .max_retransmit = */ 4, /* .nstart = */ 1                   \
    }

/** Default DTLS handshake retransmission timeouts (1 s doubling to 60 s). */
#define ANJAY_DTLS_DEFAULT_UDP_HS_TX_PARAMS                                    \
    {                                                                          \
        /* .min = */ {1, 0}, /* .max = */ {                                    \
            60, 0                                                              \
        }                                                                      \
    }

/** LwM2M protocol versions the client can speak. */
typedef enum {
    ANJAY_LWM2M_VERSION_1_0,
    ANJAY_LWM2M_VERSION_1_1
} anjay_lwm2m_version_t;

/** The range of protocol versions the client may negotiate. */
typedef struct {
    /** Lowest version tried when registering. */
    anjay_lwm2m_version_t minimum_version;
    /** Highest version; registration starts with this one. */
    anjay_lwm2m_version_t maximum_version;
} anjay_lwm2m_version_config_t;

/** Indices of the components of @ref anjay_uri_path_t. */
typedef enum {
    ANJAY_ID_OID,
    ANJAY_ID_IID,
    ANJAY_ID_RID,
    ANJAY_ID_RIID,
    _ANJAY_URI_PATH_MAX_LENGTH
} anjay_id_type_t;

/**
 * A data model path: unused trailing components are @ref ANJAY_ID_INVALID.
 */
typedef struct {
    /** Object, Instance, Resource and Resource Instance IDs. */
    uint16_t ids[_ANJAY_URI_PATH_MAX_LENGTH];
} anjay_uri_path_t;

/**
 * Called when a Confirmable notification has been acknowledged (@p err is
 * AVS_OK) or has failed.
 *
 * @param anjay             Client object.
 * @param ssid              Server the notification was meant for.
 * @param observation_paths Paths the notification carried.
 * @param paths_count       Number of entries of @p observation_paths.
 * @param err               Outcome of the delivery.
 */
typedef void anjay_confirmable_notification_status_cb_t(
        anjay_t *anjay, anjay_ssid_t ssid,
        const anjay_uri_path_t *observation_paths, const size_t paths_count,
        avs_error_t err);

/** Connection states reported by @ref anjay_server_connection_status_cb_t. */
typedef enum anjay_server_conn_status {
    ANJAY_SERV_CONN_STATUS_INVALID,
    ANJAY_SERV_CONN_STATUS_ERROR,
    ANJAY_SERV_CONN_STATUS_INITIAL,
    ANJAY_SERV_CONN_STATUS_CONNECTING,
    ANJAY_SERV_CONN_STATUS_BOOTSTRAPPING,
    ANJAY_SERV_CONN_STATUS_BOOTSTRAPPED,
    ANJAY_SERV_CONN_STATUS_REGISTERING,
    ANJAY_SERV_CONN_STATUS_REGISTERED,
    ANJAY_SERV_CONN_STATUS_REG_FAILURE,
    ANJAY_SERV_CONN_STATUS_DEREGISTERING,
    ANJAY_SERV_CONN_STATUS_DEREGISTERED,
    ANJAY_SERV_CONN_STATUS_SUSPENDING,
    ANJAY_SERV_CONN_STATUS_SUSPENDED,
    ANJAY_SERV_CONN_STATUS_REREGISTERING,
    ANJAY_SERV_CONN_STATUS_UPDATING
} anjay_server_conn_status_t;

/**
 * Called whenever the connection state of a server changes.
 *
 * @param arg    The configured @c server_connection_status_cb_arg.
 * @param anjay  Client object.
 * @param ssid   Server whose state changed.
 * @param status New state.
 */
typedef void
anjay_server_connection_status_cb_t(void *arg, anjay_t *anjay,
                                    anjay_ssid_t ssid,
                                    anjay_server_conn_status_t status);

/**
 * Returns the current connection state of a server.
 *
 * @param anjay Client object.
 * @param ssid  Server to query.
 * @returns The state, or ANJAY_SERV_CONN_STATUS_INVALID if @p ssid is unknown.
 */
anjay_server_conn_status_t
anjay_get_server_connection_status(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * Called when a (D)TLS operation with a server fails.
 *
 * @param arg   The configured @c ssl_error_cb_arg.
 * @param anjay Client object.
 * @param ssid  Server the connection belongs to.
 * @param error Error reported by the (D)TLS layer.
 */
typedef void anjay_ssl_error_cb_t(void *arg, anjay_t *anjay, anjay_ssid_t ssid,
                                  avs_error_t error);

/**
 * Called when a server answers a client request with an error code.
 *
 * @param arg   The configured @c server_communication_error_cb_arg.
 * @param anjay Client object.
 * @param ssid  Server that answered.
 * @param code  CoAP response code of the answer.
 */
typedef void anjay_server_communication_error_cb_t(void *arg, anjay_t *anjay,
                                                   anjay_ssid_t ssid,
                                                   uint8_t code);

/**
 * Configuration of a client object. Zero-initialise it and set what is
 * needed: every zero field means "use the default".
 */
typedef struct anjay_configuration {
    /** LwM2M Endpoint Client Name; required. */
    const char *endpoint_name;
    /** Local UDP port to bind to; 0 picks an ephemeral one. */
    uint16_t udp_listen_port;
    /** (D)TLS version to use with servers. */
    avs_net_ssl_version_t dtls_version;
    /** Size of the buffer for incoming messages, in bytes. */
    size_t in_buffer_size;
    /** Size of the buffer for outgoing messages, in bytes. */
    size_t out_buffer_size;
    /** Bytes kept for cached responses to retransmitted requests; 0: none. */
    size_t msg_cache_size;
    /** Options of the server sockets. */
    avs_net_socket_configuration_t socket_config;
    /** CoAP/UDP transmission parameters; NULL means the RFC defaults. */
    const avs_coap_udp_tx_params_t *udp_tx_params;
    /** DTLS handshake timeouts; NULL means 1 s to 60 s. */
    const avs_net_dtls_handshake_timeouts_t *udp_dtls_hs_tx_params;
    /** Send every notification as Confirmable, unless the "con" attribute
     * of the observed path says otherwise. */
    bool confirmable_notifications;
    /** Do not accept a Bootstrap Server's requests before Bootstrap-Request
     * was sent (the LwM2M 1.0 "server-initiated bootstrap"). Tern opens the
     * Bootstrap Server connection only for a bootstrap it starts itself and
     * closes it after Bootstrap-Finish, so it always behaves as if this
     * were true. */
    bool disable_legacy_server_initiated_bootstrap;
    /** Notifications kept while a server is unreachable and its
     * Notification Storing resource is true, over all servers; the oldest
     * are dropped beyond it. 0 means no limit. */
    size_t stored_notification_limit;
    /** Prefer TLV / SenML over text/plain for single-value responses. */
    bool prefer_hierarchical_formats;
    /** Negotiate DTLS Connection ID where the (D)TLS layer supports it. */
    bool use_connection_id;
    /** Send an Update as soon as Object Instances are created or deleted.
     * Without it such changes go out with the next Update; registering or
     * unregistering an Object, and a new lifetime, always cause an Update
     * at once. */
    bool update_immediately_on_dm_change;
    /** Let changes made by a server's own Write trigger its notifications. */
    bool enable_self_notify;
    /** Treat a failed connection like a failed registration (retries,
     * fallback to bootstrap). */
    bool connection_error_is_registration_failure;
    /** Cipher suites used when the Security object does not name any. */
    avs_net_socket_tls_ciphersuites_t default_tls_ciphersuites;
    /** PRNG to use; NULL makes the client create its own. */
    avs_crypto_prng_ctx_t *prng_ctx;
    /** Called with the TLS library context before each handshake. */
    avs_ssl_additional_configuration_clb_t *additional_tls_config_clb;
    /** Largest accepted options block of a CoAP/TCP message. Not used by
     * Tern: the whole message, options included, is bounded by
     * @c in_buffer_size. */
    size_t coap_tcp_max_options_size;
    /** How long to wait for a response over CoAP/TCP. */
    avs_time_duration_t coap_tcp_request_timeout;
    /** Protocol versions to negotiate; NULL means 1.0 to 1.1. */
    const anjay_lwm2m_version_config_t *lwm2m_version_config;
    /** Also trust the system's certificate store. */
    bool use_system_trust_store;
    /** Additional trusted certificates. */
    avs_crypto_certificate_chain_info_t trust_store_certs;
    /** Certificate revocation lists. */
    avs_crypto_cert_revocation_list_info_t trust_store_crls;
    /** Complete the client certificate chain from the trust store. */
    bool rebuild_client_cert_chain;
    /** See @ref anjay_confirmable_notification_status_cb_t. */
    anjay_confirmable_notification_status_cb_t
            *confirmable_notification_status_cb;
    /** See @ref anjay_server_connection_status_cb_t. */
    anjay_server_connection_status_cb_t *server_connection_status_cb;
    /** Argument of @c server_connection_status_cb. */
    void *server_connection_status_cb_arg;
    /** See @ref anjay_ssl_error_cb_t. */
    anjay_ssl_error_cb_t *ssl_error_cb;
    /** Argument of @c ssl_error_cb. */
    void *ssl_error_cb_arg;
    /** See @ref anjay_server_communication_error_cb_t. */
    anjay_server_communication_error_cb_t *server_communication_error_cb;
    /** Argument of @c server_communication_error_cb. */
    void *server_communication_error_cb_arg;
} anjay_configuration_t;

/**
 * Returns the version of the API this library implements, e.g. "3.14.0".
 */
const char *anjay_get_version(void);

/**
 * Creates a client object.
 *
 * The configuration is copied, including the endpoint name; @p config may be
 * released as soon as this returns.
 *
 * @param config Configuration; @c endpoint_name must not be NULL.
 * @returns The new object, or NULL on invalid configuration or lack of
 *          memory (the cause is logged).
 */
anjay_t *anjay_new(const anjay_configuration_t *config);

/**
 * Deregisters from servers where possible, releases every resource of the
 * client (installed objects included) and frees it. Registered application
 * objects must stay valid until this returns. NULL is accepted.
 *
 * @param anjay Client object.
 */
void anjay_delete(anjay_t *anjay);

/**
 * Returns the sockets the client currently listens on, for use in an
 * application's own poll() loop.
 *
 * The list belongs to the client and is invalidated by the next call to this
 * function, @ref anjay_serve or @ref anjay_sched_run.
 *
 * @param anjay Client object.
 * @returns The list, or NULL when no socket is open.
 */
AVS_LIST(avs_net_socket_t *const) anjay_get_sockets(anjay_t *anjay);

/** Transport of a server connection. */
typedef enum {
    ANJAY_SOCKET_TRANSPORT_INVALID = -1,
    ANJAY_SOCKET_TRANSPORT_UDP = 0,
    ANJAY_SOCKET_TRANSPORT_TCP,
    ANJAY_SOCKET_TRANSPORT_SMS,
    ANJAY_SOCKET_TRANSPORT_NIDD
} anjay_socket_transport_t;

/** One socket of the client, with what it is used for. */
typedef struct {
    /** The socket. */
    avs_net_socket_t *socket;
    /** Its transport. */
    anjay_socket_transport_t transport;
    /** Server it talks to; ANJAY_SSID_ANY for download sockets. */
    anjay_ssid_t ssid;
    /** Whether the connection is in LwM2M Queue Mode. */
    bool queue_mode;
} anjay_socket_entry_t;

/**
 * Like @ref anjay_get_sockets, with details about each socket. Same lifetime
 * rules.
 *
 * @param anjay Client object.
 * @returns The list, or NULL when no socket is open.
 */
AVS_LIST(const anjay_socket_entry_t) anjay_get_socket_entries(anjay_t *anjay);

/**
 * Reads and handles every message waiting on @p ready_socket.
 *
 * @param anjay        Client object.
 * @param ready_socket A socket from @ref anjay_get_sockets that poll()
 *                     reported readable.
 * @returns 0 on success, a negative value on error (including non-fatal ones
 *          such as a malformed message).
 */
int anjay_serve(anjay_t *anjay, avs_net_socket_t *ready_socket);

/** Object ID. */
typedef uint16_t anjay_oid_t;
/** Object Instance ID. */
typedef uint16_t anjay_iid_t;
/** Resource ID. */
typedef uint16_t anjay_rid_t;
/** Resource Instance ID. */
typedef uint16_t anjay_riid_t;

/** An ID that is never valid; also "pick one for me" in inout IIDs. */
#define ANJAY_ID_INVALID UINT16_MAX

/** Encodes a CoAP code class.detail as its one-byte form. */
#define ANJAY_COAP_STATUS(Maj, Min) ((uint8_t) ((Maj << 5) | (Min & 0x1F)))

/** 4.00 Bad Request. */
#define ANJAY_ERR_BAD_REQUEST (-(int) ANJAY_COAP_STATUS(4, 0))
/** 4.01 Unauthorized. */
#define ANJAY_ERR_UNAUTHORIZED (-(int) ANJAY_COAP_STATUS(4, 1))
/** 4.02 Bad Option. */
#define ANJAY_ERR_BAD_OPTION (-(int) ANJAY_COAP_STATUS(4, 2))
/** 4.03 Forbidden. */
#define ANJAY_ERR_FORBIDDEN (-(int) ANJAY_COAP_STATUS(4, 3))
/** 4.04 Not Found. */
#define ANJAY_ERR_NOT_FOUND (-(int) ANJAY_COAP_STATUS(4, 4))
/** 4.05 Method Not Allowed. */
#define ANJAY_ERR_METHOD_NOT_ALLOWED (-(int) ANJAY_COAP_STATUS(4, 5))
/** 4.06 Not Acceptable. */
#define ANJAY_ERR_NOT_ACCEPTABLE (-(int) ANJAY_COAP_STATUS(4, 6))
/** 4.08 Request Entity Incomplete. */
#define ANJAY_ERR_REQUEST_ENTITY_INCOMPLETE (-(int) ANJAY_COAP_STATUS(4, 8))
/** 4.15 Unsupported Content-Format. */
#define ANJAY_ERR_UNSUPPORTED_CONTENT_FORMAT (-(int) ANJAY_COAP_STATUS(4, 15))
/** 5.00 Internal Server Error. */
#define ANJAY_ERR_INTERNAL (-(int) ANJAY_COAP_STATUS(5, 0))
/** 5.01 Not Implemented. */
#define ANJAY_ERR_NOT_IMPLEMENTED (-(int) ANJAY_COAP_STATUS(5, 1))
/** 5.03 Service Unavailable. */
#define ANJAY_ERR_SERVICE_UNAVAILABLE (-(int) ANJAY_COAP_STATUS(5, 3))

/**
 * Returns the scheduler the client runs its jobs on. Applications may add
 * their own jobs to it; it must not be freed.
 *
 * @param anjay Client object.
 * @returns The scheduler; never NULL for a valid client.
 */
avs_sched_t *anjay_get_scheduler(anjay_t *anjay);

/**
 * Tells how long until the next scheduled job is due.
 *
 * @param anjay     Client object.
 * @param out_delay Receives the delay (never negative).
 * @returns 0 on success, a negative value if no job is scheduled.
 */
int anjay_sched_time_to_next(anjay_t *anjay, avs_time_duration_t *out_delay);

/**
 * @ref anjay_sched_time_to_next in whole milliseconds (rounded up).
 *
 * @param anjay        Client object.
 * @param out_delay_ms Receives the delay.
 * @returns 0 on success, a negative value if no job is scheduled.
 */
int anjay_sched_time_to_next_ms(anjay_t *anjay, int *out_delay_ms);

/**
 * Tells how many milliseconds an application loop may sleep before it has
 * to call @ref anjay_sched_run.
 *
 * @param anjay    Client object.
 * @param limit_ms Longest acceptable answer.
 * @returns The delay to the next job, or @p limit_ms if there is none or it
 *          is later.
 */
int anjay_sched_calculate_wait_time_ms(anjay_t *anjay, int limit_ms);

/**
 * Runs every scheduled job that is due.
 *
 * @param anjay Client object.
 */
void anjay_sched_run(anjay_t *anjay);

/**
 * Runs the client: waits on its sockets, serves them and runs scheduled jobs,
 * until @ref anjay_event_loop_interrupt is called or a fatal error happens.
 * Errors of single requests are not fatal.
 *
 * The sockets must expose a poll()-able descriptor through
 * avs_net_socket_get_system().
 *
 * @param anjay         Client object.
 * @param max_wait_time Longest single wait; bounds how late an interrupt or a
 *                      job added from another thread is noticed.
 * @returns 0 after an interrupt, a negative value on a fatal error.
 */
int anjay_event_loop_run(anjay_t *anjay, avs_time_duration_t max_wait_time);

/**
 * Like @ref anjay_event_loop_run, and when every server connection has
 * failed, schedules a reconnection of all transports instead of idling.
 *
 * @param anjay         Client object.
 * @param max_wait_time Longest single wait.
 * @returns 0 after an interrupt, a negative value on a fatal error.
 */
int anjay_event_loop_run_with_error_handling(anjay_t *anjay,
                                             avs_time_duration_t max_wait_time);

/**
 * Asks a running event loop to finish; returns at once. Safe from another
 * thread, from callbacks run by the loop and from a signal handler (it only
 * sets a flag and writes one byte to a pipe the loop polls).
 *
 * @param anjay Client object.
 * @returns 0 if the request was raised, a negative value if no loop is
 *          running or it is already finishing.
 */
int anjay_event_loop_interrupt(anjay_t *anjay);

/**
 * Waits up to @p max_wait_time for any client socket to become readable and
 * serves the readable ones: one step of an event loop, without the
 * scheduler.
 *
 * @param anjay         Client object.
 * @param max_wait_time Longest wait.
 * @returns 0 on success, a negative value on a fatal error.
 */
int anjay_serve_any(anjay_t *anjay, avs_time_duration_t max_wait_time);

/**
 * Schedules a Register to the given server (or to all with
 * @ref ANJAY_SSID_ANY) on the next @ref anjay_sched_run, without
 * reconnecting. Has no effect for the Bootstrap Server.
 *
 * @param anjay Client object.
 * @param ssid  Server, or ANJAY_SSID_ANY.
 * @returns 0 on success, a negative value on error.
 */
int anjay_schedule_register(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * Schedules a Registration Update to the given server (or to all with
 * @ref ANJAY_SSID_ANY) on the next @ref anjay_sched_run. Nothing is sent in
 * offline mode.
 *
 * @param anjay Client object.
 * @param ssid  Server, or ANJAY_SSID_ANY.
 * @returns 0 on success, a negative value on error.
 */
int anjay_schedule_registration_update(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * Schedules a Bootstrap-Request.
 *
 * @param anjay Client object.
 * @returns 0 on success, a negative value on error (e.g. no Bootstrap Server
 *          account).
 */
int anjay_schedule_bootstrap_request(anjay_t *anjay);

/**
 * Disables a server for the time given by its Disable Timeout resource, read
 * on the next @ref anjay_sched_run. Does nothing for the Bootstrap Server.
 *
 * @param anjay Client object.
 * @param ssid  Server to disable.
 * @returns 0 on success, a negative value on error.
 */
int anjay_disable_server(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * Disables a server on the next @ref anjay_sched_run.
 *
 * @param anjay   Client object.
 * @param ssid    Server to disable.
 * @param timeout When to enable it again; AVS_TIME_DURATION_INVALID keeps it
 *                disabled until @ref anjay_enable_server.
 * @returns 0 on success, a negative value on error.
 */
int anjay_disable_server_with_timeout(anjay_t *anjay, anjay_ssid_t ssid,
                                      avs_time_duration_t timeout);

/**
 * Enables a disabled server on the next @ref anjay_sched_run.
 *
 * @param anjay Client object.
 * @param ssid  Server to enable.
 * @returns 0 on success, a negative value on error.
 */
int anjay_enable_server(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * Reconnects the sockets of one server on the next @ref anjay_sched_run and
 * sends whatever keeps its registration valid.
 *
 * @param anjay Client object.
 * @param ssid  Server to reconnect.
 * @returns 0 on success, a negative value on error (e.g. the server is
 *          disabled).
 */
int anjay_server_schedule_reconnect(anjay_t *anjay, anjay_ssid_t ssid);

/** A set of transports, for the transport control functions. */
typedef struct {
    /** UDP (and DTLS). */
    bool udp : 1;
    /** TCP (and TLS). */
    bool tcp : 1;
} anjay_transport_set_t;

/** Every transport. */
extern const anjay_transport_set_t ANJAY_TRANSPORT_SET_ALL;
/** The IP transports; the same as ANJAY_TRANSPORT_SET_ALL in Tern. */
extern const anjay_transport_set_t ANJAY_TRANSPORT_SET_IP;
/** UDP only. */
extern const anjay_transport_set_t ANJAY_TRANSPORT_SET_UDP;
/** TCP only. */
extern const anjay_transport_set_t ANJAY_TRANSPORT_SET_TCP;

/**
 * Tells whether every transport of the set is offline.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to check.
 * @returns true if all of them are offline.
 */
bool anjay_transport_is_offline(anjay_t *anjay,
                                anjay_transport_set_t transport_set);

/**
 * Puts transports offline: their sockets are closed on the next
 * @ref anjay_sched_run and no traffic is attempted over them. Changes keep
 * being tracked for later notification.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to put offline.
 * @returns 0 on success, a negative value on error.
 */
int anjay_transport_enter_offline(anjay_t *anjay,
                                  anjay_transport_set_t transport_set);

/**
 * Brings transports back online: connections are re-established and
 * registrations refreshed on the following @ref anjay_sched_run calls.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to bring online.
 * @returns 0 on success, a negative value on error.
 */
int anjay_transport_exit_offline(anjay_t *anjay,
                                 anjay_transport_set_t transport_set);

/**
 * Brings the given transports online and puts every other one offline.
 *
 * @param anjay         Client object.
 * @param transport_set Transports that shall be online.
 * @returns 0 on success, a negative value on error.
 */
int anjay_transport_set_online(anjay_t *anjay,
                               anjay_transport_set_t transport_set);

/**
 * Reconnects every server connection over the given transports (bringing
 * them online) on the next @ref anjay_sched_run.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to reconnect.
 * @returns 0 on success, a negative value on error.
 */
int anjay_transport_schedule_reconnect(anjay_t *anjay,
                                       anjay_transport_set_t transport_set);

/**
 * Tells whether the client gave up on every server.
 *
 * @param anjay Client object.
 * @returns true if no server could be reached and no retry is pending.
 */
bool anjay_all_connections_failed(anjay_t *anjay);

/** How the client uses LwM2M Queue Mode. */
typedef enum {
    /** Always register in queue mode. */
    ANJAY_FORCE_QUEUE_MODE,
    /** Queue mode where the Binding resource allows it. */
    ANJAY_PREFER_QUEUE_MODE,
    /** Online mode unless the Binding resource requires queue mode. */
    ANJAY_PREFER_ONLINE_MODE,
    /** Never use queue mode. */
    ANJAY_FORCE_ONLINE_MODE
} anjay_queue_mode_preference_t;

/**
 * Sets the queue mode preference. The default is ANJAY_PREFER_ONLINE_MODE.
 * Tern records the preference but does not implement queue mode yet: it
 * always registers and stays in online mode.
 *
 * @param anjay      Client object.
 * @param preference New preference.
 * @returns 0 on success, a negative value for an unknown preference.
 */
int anjay_set_queue_mode_preference(anjay_t *anjay,
                                    anjay_queue_mode_preference_t preference);

/** Security settings of a connection, e.g. for a firmware download. */
typedef struct {
    /** Credentials and mode. */
    avs_net_security_info_t security_info;
    /** DANE TLSA record, or NULL. */
    const avs_net_socket_dane_tlsa_record_t *dane_tlsa_record;
    /** Cipher suites to offer. */
    avs_net_socket_tls_ciphersuites_t tls_ciphersuites;
    /** Server Name Indication, or NULL. */
    const char *server_name_indication;
} anjay_security_config_t;

/**
 * Finds the Security object instance whose Server URI matches @p uri and
 * returns the settings the client would use to connect to it.
 *
 * An instance matching scheme, host and port wins; otherwise the first one
 * matching the host (instances in ascending IID order).
 *
 * @param anjay      Client object.
 * @param out_config Receives the settings. Its pointers refer to memory of
 *                   the client, valid until the next call of this function
 *                   or @ref anjay_serve.
 * @param uri        URI to match.
 * @returns 0 on success, a negative value if no instance matches.
 */
int anjay_security_config_from_dm(anjay_t *anjay,
                                  anjay_security_config_t *out_config,
                                  const char *uri);

/**
 * Returns the settings for certificate-verified connections to hosts that
 * have no Security object instance: the configured trust store and cipher
 * suites.
 *
 * @param anjay Client object.
 * @returns The settings; the pointers refer to memory of the client.
 */
anjay_security_config_t anjay_security_config_pkix(anjay_t *anjay);

/**
 * Tells whether a registration or bootstrap is in progress.
 *
 * @param anjay Client object.
 * @returns true while some server has neither registered nor definitely
 *          failed.
 */
bool anjay_ongoing_registration_exists(anjay_t *anjay);

/** Outcome of @ref anjay_registration_expiration_time_with_status. */
typedef enum {
    ANJAY_REGISTRATION_EXPIRATION_STATUS_VALID,
    ANJAY_REGISTRATION_EXPIRATION_STATUS_EXPIRED,
    ANJAY_REGISTRATION_EXPIRATION_STATUS_INFINITE_LIFETIME,
} anjay_registration_expiration_status_t;

/**
 * Returns when the registration to a server expires (not when the Update is
 * sent, which is earlier: when the smaller of a quarter of the lifetime, but
 * at least 15 s, and half of it remains).
 *
 * @param anjay      Client object.
 * @param ssid       A non-bootstrap server.
 * @param out_status Receives the kind of answer; may be NULL.
 * @returns The real time of expiry, or AVS_TIME_REAL_INVALID when there is no
 *          registration or the lifetime is infinite.
 */
avs_time_real_t anjay_registration_expiration_time_with_status(
        anjay_t *anjay, anjay_ssid_t ssid,
        anjay_registration_expiration_status_t *out_status);

/**
 * @ref anjay_registration_expiration_time_with_status without the status.
 *
 * @param anjay Client object.
 * @param ssid  A non-bootstrap server.
 * @returns The real time of expiry, or AVS_TIME_REAL_INVALID.
 */
static inline avs_time_real_t
anjay_registration_expiration_time(anjay_t *anjay, anjay_ssid_t ssid) {
    return anjay_registration_expiration_time_with_status(anjay, ssid, NULL);
}

/**
 * Returns when the next lifecycle message (handshake, Register, Update,
 * Bootstrap-Request) is planned for a server.
 *
 * @param anjay Client object.
 * @param ssid  A server, ANJAY_SSID_BOOTSTRAP, or ANJAY_SSID_ANY for the
 *              earliest of all.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_next_planned_lifecycle_operation(anjay_t *anjay,
                                                       anjay_ssid_t ssid);

/**
 * @ref anjay_next_planned_lifecycle_operation over the connections that use
 * the given transports.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to consider.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_transport_next_planned_lifecycle_operation(
        anjay_t *anjay, anjay_transport_set_t transport_set);

/**
 * Returns the earliest time a notification to a server may be generated.
 *
 * @param anjay Client object.
 * @param ssid  A server, or ANJAY_SSID_ANY.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_next_planned_notify_trigger(anjay_t *anjay,
                                                  anjay_ssid_t ssid);

/**
 * Like @ref anjay_next_planned_notify_trigger, counting only the checks due
 * to the pmax attribute.
 *
 * @param anjay Client object.
 * @param ssid  A server, or ANJAY_SSID_ANY.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_next_planned_pmax_notify_trigger(anjay_t *anjay,
                                                       anjay_ssid_t ssid);

/**
 * @ref anjay_next_planned_notify_trigger over the connections that use the
 * given transports.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to consider.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_transport_next_planned_notify_trigger(
        anjay_t *anjay, anjay_transport_set_t transport_set);

/**
 * @ref anjay_next_planned_pmax_notify_trigger over the connections that use
 * the given transports.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to consider.
 * @returns The real time, or AVS_TIME_REAL_INVALID if nothing is planned.
 */
avs_time_real_t anjay_transport_next_planned_pmax_notify_trigger(
        anjay_t *anjay, anjay_transport_set_t transport_set);

/**
 * Tells whether notifications for a server are waiting to be sent.
 *
 * @param anjay Client object.
 * @param ssid  A server, or ANJAY_SSID_ANY.
 * @returns true if some are queued.
 */
bool anjay_has_unsent_notifications(anjay_t *anjay, anjay_ssid_t ssid);

/**
 * @ref anjay_has_unsent_notifications over the connections that use the
 * given transports.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to consider.
 * @returns true if some are queued.
 */
bool anjay_transport_has_unsent_notifications(
        anjay_t *anjay, anjay_transport_set_t transport_set);

/**
 * Replaces the CoAP transmission parameters of existing and future
 * connections over the given transports. Messages sent from now on use
 * them; a confirmable message already being retransmitted finishes with
 * the parameters it started with.
 *
 * @param anjay         Client object.
 * @param transport_set Transports to change (only UDP has such parameters).
 * @param tx_params     New parameters.
 * @returns AVS_OK, or an error for invalid parameters.
 */
avs_error_t
anjay_update_transport_tx_params(anjay_t *anjay,
                                 anjay_transport_set_t transport_set,
                                 const avs_coap_udp_tx_params_t *tx_params);

/**
 * Replaces the exchange timeout of existing and future connections over the
 * given transports. Only CoAP/TCP has one (the request timeout), applied to
 * requests sent from now on; over UDP the transmission parameters decide
 * (see anjay_update_transport_tx_params()).
 *
 * @param anjay            Client object.
 * @param transport_set    Transports to change.
 * @param exchange_timeout New timeout.
 * @returns AVS_OK, or an error.
 */
avs_error_t
anjay_update_coap_exchange_timeout(anjay_t *anjay,
                                   anjay_transport_set_t transport_set,
                                   avs_time_duration_t exchange_timeout);

/**
 * Replaces the DTLS handshake timeouts of existing and future connections.
 *
 * @param anjay                   Client object.
 * @param dtls_handshake_timeouts New timeouts.
 * @returns AVS_OK, or an error.
 */
avs_error_t anjay_update_dtls_handshake_timeouts(
        anjay_t *anjay,
        avs_net_dtls_handshake_timeouts_t dtls_handshake_timeouts);

#ifdef __cplusplus
}
#endif

#endif /* ANJAY_INCLUDE_ANJAY_CORE_H */

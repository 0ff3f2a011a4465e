/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * @file
 * The session layer: one connection entry per server account (the
 * Bootstrap Server included), the lifecycle of each (connect, Register,
 * Update, De-register, Bootstrap-Request, retries), the requests servers
 * send, observations, LwM2M Send and the event loop.
 *
 * Everything runs on the client's scheduler and from anjay_serve(); no
 * function here blocks except the (D)TLS handshake inside connect and the
 * bounded De-register in anjay_delete().
 *
 * Server entries are only ever freed from scheduler jobs or from
 * anjay_delete(), never from inside a CoAP handler, so a handler may use
 * the entry its argument points to for its whole run.
 */
#ifndef TERN_LWM2M_SESSION_H
#define TERN_LWM2M_SESSION_H

#include <signal.h>

#include <anjay/anjay.h>
#include <tern/coap.h>

#include "../anjay_core.h"
#include "../attr/attr_rules.h"
#include "../dm/dm_request.h"
#include "../io/io_path.h"
#include "../objects/server_info.h"

/** Parts of a server URI that decide how to connect. */
typedef struct {
    /** coaps or coaps+tcp. */
    bool secure;
    /** coap+tcp or coaps+tcp. */
    bool tcp;
    /** Host name or address, without IPv6 brackets. */
    char host[256];
    /** Port as text; the scheme's default when the URI has none. */
    char port[8];
} tern_sess_uri_t;

/** What the lifecycle job of a server does when it runs. */
typedef enum {
    TERN_SESS_ACTION_NONE,
    /** (Re)connect, then Register, Update or Bootstrap-Request. */
    TERN_SESS_ACTION_CONNECT,
    TERN_SESS_ACTION_REGISTER,
    TERN_SESS_ACTION_UPDATE,
    TERN_SESS_ACTION_BOOTSTRAP_REQUEST,
    /** Close the connection (after giving up, or after bootstrap). */
    TERN_SESS_ACTION_DISCONNECT
} tern_sess_action_t;

typedef struct tern_sess_server tern_sess_server_t;
typedef struct tern_session_struct tern_session_t;

/** One observation a server made. */
typedef struct {
    /** The server that observes. */
    tern_sess_server_t *server;
    /** Observation ID of the CoAP context; 0 once it ended. */
    tern_coap_id_t id;
    /** Observed path. */
    tern_io_path_t path;
    /** Accept option of the Observe request, or TERN_COAP_FORMAT_NONE. */
    uint16_t accept;
    /** What the attribute rules remember. */
    tern_attr_observation_t state;
    /** A change is held back by pmin or epmin. */
    bool deferred;
    /** A change happened while no Notify could be sent. */
    bool missed;
    /** Next timed evaluation (pmax, end of pmin, epmax). */
    avs_sched_handle_t timer;
    /** Payload of the last Notify (or Observe response), kept only when
     * epmax asks for periodic sampling, to tell whether it changed. */
    uint8_t *last_payload;
    /** Its size. */
    size_t last_payload_size;
} tern_sess_obs_t;

/** A notification kept while the server was unreachable. */
typedef struct {
    /** Observation it belongs to (compared by ID, it may be gone). */
    tern_coap_id_t obs_id;
    /** Response code. */
    uint8_t code;
    /** Content-Format, or TERN_COAP_FORMAT_NONE. */
    uint16_t format;
    /** Whether it is to be Confirmable. */
    bool confirmable;
    /** Payload size; the bytes follow the struct. */
    size_t size;
} tern_sess_stored_t;

/** One anjay_send() waiting or in flight. */
typedef struct {
    /** The data; one reference held. */
    anjay_send_batch_t *batch;
    /** Called once with the outcome. */
    anjay_send_finished_handler_t *handler;
    /** Its argument. */
    void *handler_data;
    /** Exchange of the request, 0 until sent. */
    tern_coap_id_t exchange;
    /** anjay_send_deferrable(): wait for the server instead of failing. */
    bool deferrable;
} tern_sess_send_t;

/** One server account and its connection. */
struct tern_sess_server {
    /** The session this entry belongs to. */
    tern_session_t *sess;
    /** Short Server ID; ANJAY_SSID_BOOTSTRAP for the Bootstrap Server. */
    anjay_ssid_t ssid;
    /** The account as last read from the data model (owned). */
    tern_server_info_t info;
    /** The parsed Server URI. */
    tern_sess_uri_t uri;

    /* ---- connection ---------------------------------------------------- */
    /** The socket; kept across reconnections so that observations and the
     * (D)TLS session survive, NULL before the first connect. */
    avs_net_socket_t *socket;
    /** CoAP context on @c socket. */
    tern_coap_ctx_t *coap;
    /** Whether @c socket is connected. */
    bool connected;
    /** Local port of the last connection, reused by the next one. */
    char local_port[8];
    /** Address chosen last time (IP stickiness). */
    avs_net_resolved_endpoint_t preferred_endpoint;

    /* ---- lifecycle ----------------------------------------------------- */
    /** State reported to the application. */
    anjay_server_conn_status_t status;
    /** What @c action_job does. */
    tern_sess_action_t action;
    /** The next lifecycle step. */
    avs_sched_handle_t action_job;
    /** Register, Update, Bootstrap-Request or De-register in flight. */
    tern_coap_id_t exchange;
    /** Failed attempts in the current retry sequence. */
    uint32_t attempt;
    /** Failed retry sequences. */
    uint32_t sequence;
    /** Gave up until something (reconnect, reload) restarts it. */
    bool failed;
    /** Disabled by Execute /1/x/4 or anjay_disable_server(). */
    bool disabled;
    /** Re-enables a server disabled with a timeout. */
    avs_sched_handle_t enable_job;
    /** De-register before disabling is in flight. */
    bool disabling;
    /** The entry is being freed: handlers must not plan anything. */
    bool freeing;
    /** Called when the De-register in flight ends. */
    void (*deregister_done)(tern_sess_server_t *srv);

    /* ---- registration -------------------------------------------------- */
    /** A Register succeeded and has not expired or been replaced. */
    bool registered;
    /** Location-Path options of the Register response, as received. */
    char **location;
    /** Their number. */
    size_t location_count;
    /** Protocol version of the registration (or of the one attempted). */
    anjay_lwm2m_version_t version;
    /** Lifetime, binding and links the server knows. */
    int32_t reg_lifetime;
    /** Binding the server knows. */
    char reg_binding[8];
    /** Object links the server knows. */
    char *reg_links;
    /** When the registration runs out. */
    avs_time_monotonic_t reg_expire;
    /** Lifetime sent in the Register / Update in flight. */
    int32_t pending_lifetime;
    /** Binding sent in the Register / Update in flight. */
    char pending_binding[8];
    /** Links sent in the Register / Update in flight (owned). */
    char *pending_links;
    /** An Update was asked for while another exchange was in flight. */
    bool update_again;

    /* ---- observations and Send ---------------------------------------- */
    /** Observations of this server. */
    AVS_LIST(tern_sess_obs_t) observations;
    /** Frees observations that ended. */
    avs_sched_handle_t obs_gc_job;
    /** Notifications kept while unreachable, oldest first. */
    AVS_LIST(tern_sess_stored_t) stored;
    /** Sends waiting or in flight. */
    AVS_LIST(tern_sess_send_t) sends;
    /** Starts the waiting Sends. */
    avs_sched_handle_t send_job;
};

/** The session state of a client (anjay->session). */
struct tern_session_struct {
    /** Client object. */
    anjay_t *anjay;
    /** Server entries in ascending SSID order (Bootstrap Server last). */
    AVS_LIST(tern_sess_server_t) servers;
    /** Re-reads the server accounts. */
    avs_sched_handle_t reload_job;
    /** A bootstrap is in progress: from Bootstrap-Request (or the first
     * Bootstrap Server request) until Bootstrap-Finish or failure. */
    bool bootstrapping;
    /** Ends a bootstrap that stalled. */
    avs_sched_handle_t bootstrap_timeout_job;
    /** The transports put offline. */
    bool udp_offline;
    /** The transports put offline. */
    bool tcp_offline;

    /** 0: no loop; 1: running; 2: asked to stop. */
    volatile sig_atomic_t loop_state;
    /** Self-pipe that wakes a poll() of the event loop; -1 if absent. */
    int wake_pipe[2];

    /** The list anjay_get_sockets() handed out last. */
    AVS_LIST(avs_net_socket_t *const) socket_list;
    /** The list anjay_get_socket_entries() handed out last. */
    AVS_LIST(const anjay_socket_entry_t) entry_list;

    /** Bytes of sockets already freed. */
    uint64_t freed_tx_bytes;
    /** Bytes of sockets already freed. */
    uint64_t freed_rx_bytes;
    /** Counters of CoAP contexts already freed. */
    tern_coap_stats_t freed_coap_stats;

    /** CoAP/UDP transmission parameters of every context. */
    avs_coap_udp_tx_params_t udp_tx_params;
    /** DTLS handshake timeouts for new and existing sockets. */
    avs_net_dtls_handshake_timeouts_t dtls_hs_timeouts;
    /** CoAP/TCP request timeout of every context. */
    avs_time_duration_t tcp_request_timeout;
    /** Recorded queue mode preference. */
    anjay_queue_mode_preference_t queue_mode_preference;
    /** Notifications kept over all servers. */
    size_t stored_count;
    /** anjay_delete() is running: no new exchanges but De-register. */
    bool closing;
    /** A bootstrap succeeded: the next reload restarts failed servers. */
    bool restart_failed;
    /** anjay_event_loop_run_with_error_handling(): next reconnection. */
    avs_time_monotonic_t error_reconnect_at;
    /** Its current back-off, seconds. */
    int32_t error_backoff_s;
};

/* ---- session_core.c ---------------------------------------------------- */

/** The session of @p anjay. */
static inline tern_session_t *tern_sess(anjay_t *anjay) {
    return anjay->session;
}

/** Creates the session state; 0 or -1 (logged). */
int tern_session_init(anjay_t *anjay);

/** De-registers (bounded), frees the session state. NULL session is OK. */
void tern_session_cleanup(anjay_t *anjay);

/** Reports a status change to the application's callback. */
void tern_sess_set_status(tern_sess_server_t *srv,
                          anjay_server_conn_status_t status);

/** Current real time plus the monotonic delay to @p when. */
avs_time_real_t tern_sess_mono_to_real(avs_time_monotonic_t when);

/* ---- session_servers.c ------------------------------------------------- */

/** The entry for @p ssid, or NULL. */
tern_sess_server_t *tern_sess_find(tern_session_t *sess, anjay_ssid_t ssid);

/** The entry owning @p socket, or NULL. */
tern_sess_server_t *tern_sess_find_by_socket(tern_session_t *sess,
                                             avs_net_socket_t *socket);

/**
 * Re-reads the server accounts: new ones are connected, removed or
 * changed ones closed, and a bootstrap starts when only the Bootstrap
 * Server account is left. Deferred while a bootstrap is in progress.
 */
void tern_sess_reload(tern_session_t *sess);

/** Schedules a re-read of the server accounts on the next sched run. */
void tern_sess_schedule_reload(tern_session_t *sess);

/** Frees one entry: closes its socket, ends its observations and Sends. */
void tern_sess_server_free(tern_sess_server_t *srv);

/** Whether a management server account exists. */
bool tern_sess_has_management_servers(tern_session_t *sess);

/** Whether the entry uses a transport that is offline. */
bool tern_sess_transport_offline(const tern_sess_server_t *srv);

/* ---- session_connect.c ------------------------------------------------- */

/** Parses a Server URI; 0, or -1 for an unsupported or malformed one. */
int tern_sess_uri_parse(const char *uri, tern_sess_uri_t *out);

/**
 * Connects (or reconnects) the entry's socket and makes sure a CoAP
 * context exists on it.
 *
 * @param srv         Entry.
 * @param out_resumed Set when the previous (D)TLS session (or, without
 *                    security, the previous local port) was kept, so a
 *                    registration made over it is still usable.
 * @returns AVS_OK or the cause (logged).
 */
avs_error_t tern_sess_connect(tern_sess_server_t *srv, bool *out_resumed);

/** Closes the connection, keeping the socket object for a reconnect. */
void tern_sess_disconnect(tern_sess_server_t *srv);

/** Frees the CoAP context and the socket (counting its bytes). */
void tern_sess_connection_free(tern_sess_server_t *srv);

/** Bytes sent and received over the entry's current socket. */
void tern_sess_socket_bytes(tern_sess_server_t *srv, uint64_t *tx,
                            uint64_t *rx);

/* ---- session_retry.c --------------------------------------------------- */

/** Schedules the lifecycle job of @p srv to run @p action after @p delay. */
void tern_sess_schedule_action(tern_sess_server_t *srv,
                               tern_sess_action_t action,
                               avs_time_duration_t delay);

/**
 * Records a failed connect, Register or Bootstrap-Request and plans what
 * follows: the next attempt, the next sequence, a fallback to bootstrap or
 * giving up.
 *
 * @param srv        Entry.
 * @param connection Whether the connection itself failed (as opposed to
 *                   the server rejecting or not answering a request).
 */
void tern_sess_handle_failure(tern_sess_server_t *srv, bool connection);

/** Forgets failed attempts after a success. */
void tern_sess_reset_retries(tern_sess_server_t *srv);

/** The lifecycle job body. */
void tern_sess_run_action(tern_sess_server_t *srv);

/* ---- session_register.c ----------------------------------------------- */

/** Sends a Register; a failure to send counts as a failed attempt. */
void tern_sess_send_register(tern_sess_server_t *srv);

/** Builds the links of the Register / Update payload into @p out (a
 *  growable buffer of the caller). 0 or a negative error. */
int tern_sess_build_links(anjay_t *anjay, anjay_lwm2m_version_t version,
                          char **out);

/** Forgets the registration (Location-Path, what the server knows). */
void tern_sess_registration_clear(tern_sess_server_t *srv);

/** When an Update is due for a registration made now with @p lifetime. */
avs_time_duration_t tern_sess_update_delay(int32_t lifetime);

/** Adds the Location-Path of the registration as Uri-Path options. */
int tern_sess_add_location(const tern_sess_server_t *srv,
                           tern_coap_opts_t *opts);

/** Bytes the Location-Path takes as Uri-Path options, at most. */
size_t tern_sess_location_size(const tern_sess_server_t *srv);

/** CoAP binding letter of the entry ("U" or "T"). */
const char *tern_sess_binding(const tern_sess_server_t *srv);

/* ---- session_update.c ------------------------------------------------- */

/** Sends an Update with what changed since the last Register / Update. */
void tern_sess_send_update(tern_sess_server_t *srv);

/** Plans an Update of every registered server (or one), now. */
void tern_sess_schedule_update(tern_session_t *sess, anjay_ssid_t ssid);

/**
 * Plans an Update of every registered server whose lifetime or binding
 * changed, and, with @p links_too, whose object links changed.
 */
void tern_sess_check_registration_changes(tern_session_t *sess, bool links_too);

/* ---- session_deregister.c --------------------------------------------- */

/**
 * Sends a De-register; @p done is called (from the response handler or at
 * once on failure) with the entry.
 */
int tern_sess_send_deregister(tern_sess_server_t *srv,
                              void (*done)(tern_sess_server_t *srv));

/** De-registers from every registered server, waiting at most a few
 *  seconds in all; used by anjay_delete(). */
void tern_sess_deregister_all_blocking(tern_session_t *sess);

/* ---- session_bootstrap.c ---------------------------------------------- */

/** Starts a client-initiated bootstrap (after the Client Hold Off Time when
 *  @p holdoff). 0 or -1 if there is no Bootstrap Server account. */
int tern_sess_start_bootstrap(tern_session_t *sess, bool holdoff);

/** Sends the Bootstrap-Request. */
void tern_sess_send_bootstrap_request(tern_sess_server_t *srv);

/** Handles POST /bs from the Bootstrap Server. */
void tern_sess_handle_bootstrap_finish(tern_sess_server_t *srv,
                                       tern_coap_incoming_t *request);

/** A request of the Bootstrap Server arrived: the bootstrap goes on. */
void tern_sess_bootstrap_activity(tern_sess_server_t *srv);

/** Ends a bootstrap (success or not) and cancels its timeout. */
void tern_sess_bootstrap_end(tern_session_t *sess);

/* ---- session_serve.c -------------------------------------------------- */

/** Request handler of every CoAP context (arg: the server entry). */
void tern_sess_handle_request(tern_coap_ctx_t *ctx,
                              tern_coap_incoming_t *request,
                              const tern_coap_msg_t *msg, void *arg);

/** Response to a request to the data model; payload owned by the caller
 *  (tern_sess_dm_result_free). */
typedef struct {
    tern_dm_response_t response;
    uint8_t *payload;
} tern_sess_dm_result_t;

/** Runs a data model request, growing the payload buffer as needed. */
int tern_sess_dm_call(anjay_t *anjay, const tern_dm_request_t *request,
                      tern_sess_dm_result_t *out);

/** Frees the payload of a result. */
void tern_sess_dm_result_free(tern_sess_dm_result_t *result);

/** Logs a failed request the client sent (and tells the application). */
void tern_sess_report_error_code(tern_sess_server_t *srv, const char *what,
                                 uint8_t code);

/* ---- session_observe.c ------------------------------------------------ */

/**
 * Starts an observation for a GET with Observe = 0 that was answered with
 * @p result. Returns 0 when the response is to carry the Observe option.
 */
int tern_sess_observe_start(tern_sess_server_t *srv,
                            tern_coap_incoming_t *request,
                            const tern_io_path_t *path, uint16_t accept,
                            const tern_sess_dm_result_t *result);

/** Data model changes: evaluate observations, plan Updates, reload. */
void tern_sess_changes_handler(anjay_t *anjay, const tern_dm_change_t *changes,
                               size_t count, void *arg);

/** Ends every observation of @p srv (a new registration replaces them). */
void tern_sess_observe_cancel_all(tern_sess_server_t *srv);

/** Frees the observation records of an entry being freed. */
void tern_sess_observe_free_all(tern_sess_server_t *srv);

/** The server is reachable again: send what was kept and missed. */
void tern_sess_observe_flush(tern_sess_server_t *srv);

/** Earliest planned evaluation (pmax only if @p pmax_only). */
avs_time_monotonic_t tern_sess_observe_next(tern_sess_server_t *srv,
                                            bool pmax_only);

/* ---- session_send.c --------------------------------------------------- */

/** Ends every Send of an entry with @p result. */
void tern_sess_send_abort_all(tern_sess_server_t *srv, int result);

/** Starts the Sends that waited for the server. */
void tern_sess_send_flush(tern_sess_server_t *srv);

/* ---- session_stats.c -------------------------------------------------- */

/** Counts the bytes of a socket about to be freed. */
void tern_sess_stats_account(tern_session_t *sess, avs_net_socket_t *socket);

/** Frees the entry's CoAP context (if any), keeping its counters. */
void tern_sess_coap_free(tern_sess_server_t *srv);

#endif /* TERN_LWM2M_SESSION_H */

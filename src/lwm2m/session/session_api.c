/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The public control functions of core.h: sockets, scheduling of lifecycle
 * operations, enabling and disabling servers, offline transports, and the
 * queries about registrations and planned work.
 */
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

static tern_session_t *session_of(anjay_t *anjay) {
    return anjay ? anjay->session : NULL;
}

static bool in_set(const tern_sess_server_t *srv, anjay_transport_set_t set) {
    return srv->uri.tcp ? set.tcp : set.udp;
}

AVS_LIST(avs_net_socket_t *const) anjay_get_sockets(anjay_t *anjay) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return NULL;
    }
    AVS_LIST_CLEAR(&sess->socket_list);
    AVS_LIST(avs_net_socket_t *const) *tail = &sess->socket_list;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (!srv->connected || !srv->socket) {
            continue;
        }
        AVS_LIST(avs_net_socket_t *)
        entry = AVS_LIST_NEW_ELEMENT(avs_net_socket_t *);
        if (!entry) {
            anjay_log(ERROR, "out of memory listing sockets");
            break;
        }
        *entry = srv->socket;
        AVS_LIST_INSERT(tail, entry);
        tail = AVS_LIST_NEXT_PTR(tail);
    }
    return sess->socket_list;
}

AVS_LIST(const anjay_socket_entry_t) anjay_get_socket_entries(anjay_t *anjay) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return NULL;
    }
    AVS_LIST_CLEAR(&sess->entry_list);
    AVS_LIST(const anjay_socket_entry_t) *tail = &sess->entry_list;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (!srv->connected || !srv->socket) {
            continue;
        }
        AVS_LIST(anjay_socket_entry_t)
        entry = AVS_LIST_NEW_ELEMENT(anjay_socket_entry_t);
        if (!entry) {
            anjay_log(ERROR, "out of memory listing sockets");
            break;
        }
        entry->socket = srv->socket;
        entry->transport = srv->uri.tcp ? ANJAY_SOCKET_TRANSPORT_TCP
                                        : ANJAY_SOCKET_TRANSPORT_UDP;
        entry->ssid = srv->ssid;
        entry->queue_mode = false;
        AVS_LIST_INSERT(tail, entry);
        tail = AVS_LIST_NEXT_PTR(tail);
    }
    return sess->entry_list;
}

anjay_server_conn_status_t
anjay_get_server_connection_status(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv = sess ? tern_sess_find(sess, ssid) : NULL;
    return srv ? srv->status : ANJAY_SERV_CONN_STATUS_INVALID;
}

int anjay_schedule_register(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || ssid == ANJAY_SSID_BOOTSTRAP) {
        return -1;
    }
    bool found = false;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid != ANJAY_SSID_BOOTSTRAP &&
            (ssid == ANJAY_SSID_ANY || srv->ssid == ssid) && !srv->disabled) {
            found = true;
            srv->failed = false;
            tern_sess_schedule_action(srv, TERN_SESS_ACTION_REGISTER,
                                      AVS_TIME_DURATION_ZERO);
        }
    }
    return found ? 0 : -1;
}

int anjay_schedule_registration_update(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || ssid == ANJAY_SSID_BOOTSTRAP) {
        return -1;
    }
    if (ssid != ANJAY_SSID_ANY && !tern_sess_find(sess, ssid)) {
        anjay_log(ERROR, "no server with SSID %u to update", (unsigned) ssid);
        return -1;
    }
    tern_sess_schedule_update(sess, ssid);
    return 0;
}

int anjay_schedule_bootstrap_request(anjay_t *anjay) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || tern_sess_start_bootstrap(sess, false)) {
        anjay_log(ERROR, "no Bootstrap Server account to bootstrap from");
        return -1;
    }
    return 0;
}

static void enable_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_sess_server_t *srv = *(tern_sess_server_t *const *) data;
    anjay_enable_server(srv->sess->anjay, srv->ssid);
}

static void disabled_after_deregister(tern_sess_server_t *srv) {
    srv->disabling = false;
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_DISCONNECT,
                              AVS_TIME_DURATION_ZERO);
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_SUSPENDED);
}

typedef struct {
    tern_session_t *sess;
    anjay_ssid_t ssid;
    avs_time_duration_t timeout;
} disable_args_t;

static void disable_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    const disable_args_t *args = (const disable_args_t *) data;
    tern_sess_server_t *srv = tern_sess_find(args->sess, args->ssid);
    if (!srv || args->sess->closing) {
        return;
    }
    anjay_log(INFO, "server %u: disabled", (unsigned) srv->ssid);
    srv->disabled = true;
    avs_sched_del(&srv->action_job);
    srv->action = TERN_SESS_ACTION_NONE;
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_SUSPENDING);
    if (!tern_sess_send_deregister(srv, disabled_after_deregister)) {
        srv->disabling = true;
    } else {
        tern_sess_registration_clear(srv);
        disabled_after_deregister(srv);
    }
    avs_sched_del(&srv->enable_job);
    if (avs_time_duration_valid(args->timeout) &&
        AVS_SCHED_DELAYED(args->sess->anjay->sched, &srv->enable_job,
                          args->timeout, enable_job, &srv, sizeof(srv))) {
        anjay_log(ERROR, "server %u: cannot schedule its re-enabling",
                  (unsigned) srv->ssid);
    }
}

int anjay_disable_server_with_timeout(anjay_t *anjay, anjay_ssid_t ssid,
                                      avs_time_duration_t timeout) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || ssid == ANJAY_SSID_BOOTSTRAP || ssid == ANJAY_SSID_ANY ||
        !tern_sess_find(sess, ssid)) {
        anjay_log(ERROR, "cannot disable server %u: no such server",
                  (unsigned) ssid);
        return -1;
    }
    const disable_args_t args = {sess, ssid, timeout};
    if (AVS_SCHED_NOW(anjay->sched, NULL, disable_job, &args, sizeof(args))) {
        anjay_log(ERROR, "cannot schedule disabling server %u",
                  (unsigned) ssid);
        return -1;
    }
    return 0;
}

int anjay_disable_server(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv = sess ? tern_sess_find(sess, ssid) : NULL;
    int32_t seconds = srv && srv->info.disable_timeout >= 0
                              ? srv->info.disable_timeout
                              : 86400;
    return anjay_disable_server_with_timeout(
            anjay, ssid, avs_time_duration_from_scalar(seconds, AVS_TIME_S));
}

int anjay_enable_server(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv = sess ? tern_sess_find(sess, ssid) : NULL;
    if (!srv || ssid == ANJAY_SSID_BOOTSTRAP) {
        anjay_log(ERROR, "cannot enable server %u: no such server",
                  (unsigned) ssid);
        return -1;
    }
    avs_sched_del(&srv->enable_job);
    if (!srv->disabled) {
        return 0;
    }
    anjay_log(INFO, "server %u: enabled", (unsigned) ssid);
    srv->disabled = false;
    srv->failed = false;
    tern_sess_reset_retries(srv);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                              AVS_TIME_DURATION_ZERO);
    return 0;
}

int anjay_server_schedule_reconnect(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv = sess ? tern_sess_find(sess, ssid) : NULL;
    if (!srv || srv->disabled) {
        anjay_log(ERROR, "cannot reconnect server %u", (unsigned) ssid);
        return -1;
    }
    if (srv->ssid == ANJAY_SSID_BOOTSTRAP && !sess->bootstrapping) {
        return 0;
    }
    srv->failed = false;
    tern_sess_reset_retries(srv);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                              AVS_TIME_DURATION_ZERO);
    return 0;
}

bool anjay_transport_is_offline(anjay_t *anjay,
                                anjay_transport_set_t transport_set) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return false;
    }
    return (!transport_set.udp || sess->udp_offline) &&
           (!transport_set.tcp || sess->tcp_offline);
}

static void offline_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_session_t *sess = *(tern_session_t *const *) data;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (tern_sess_transport_offline(srv) && srv->connected) {
            anjay_log(INFO, "server %u: going offline", (unsigned) srv->ssid);
            avs_sched_del(&srv->action_job);
            srv->action = TERN_SESS_ACTION_NONE;
            if (srv->exchange) {
                tern_coap_id_t exchange = srv->exchange;
                srv->exchange = 0;
                tern_coap_cancel(srv->coap, exchange);
            }
            tern_sess_disconnect(srv);
            tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_SUSPENDED);
        }
    }
}

int anjay_transport_enter_offline(anjay_t *anjay,
                                  anjay_transport_set_t transport_set) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return -1;
    }
    sess->udp_offline |= transport_set.udp;
    sess->tcp_offline |= transport_set.tcp;
    if (AVS_SCHED_NOW(anjay->sched, NULL, offline_job, &sess, sizeof(sess))) {
        anjay_log(ERROR, "cannot schedule going offline");
        return -1;
    }
    return 0;
}

int anjay_transport_exit_offline(anjay_t *anjay,
                                 anjay_transport_set_t transport_set) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return -1;
    }
    bool was_udp = sess->udp_offline;
    bool was_tcp = sess->tcp_offline;
    if (transport_set.udp) {
        sess->udp_offline = false;
    }
    if (transport_set.tcp) {
        sess->tcp_offline = false;
    }
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        bool woke = srv->uri.tcp ? was_tcp && transport_set.tcp
                                 : was_udp && transport_set.udp;
        if (woke && !srv->disabled && !srv->failed &&
            (srv->ssid != ANJAY_SSID_BOOTSTRAP || sess->bootstrapping)) {
            tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                                      AVS_TIME_DURATION_ZERO);
        }
    }
    return 0;
}

int anjay_transport_set_online(anjay_t *anjay,
                               anjay_transport_set_t transport_set) {
    anjay_transport_set_t offline = {!transport_set.udp, !transport_set.tcp};
    if (anjay_transport_exit_offline(anjay, transport_set)) {
        return -1;
    }
    return (offline.udp || offline.tcp)
                   ? anjay_transport_enter_offline(anjay, offline)
                   : 0;
}

int anjay_transport_schedule_reconnect(anjay_t *anjay,
                                       anjay_transport_set_t transport_set) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return -1;
    }
    if (transport_set.udp) {
        sess->udp_offline = false;
    }
    if (transport_set.tcp) {
        sess->tcp_offline = false;
    }
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (!in_set(srv, transport_set) || srv->disabled) {
            continue;
        }
        if (srv->ssid == ANJAY_SSID_BOOTSTRAP) {
            /* The Bootstrap Server is only reached when a bootstrap is due
             * (its failure is what made every connection fail). */
            if (srv->failed && !tern_sess_has_management_servers(sess)) {
                tern_sess_start_bootstrap(sess, false);
            } else if (sess->bootstrapping) {
                tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                                          AVS_TIME_DURATION_ZERO);
            }
            continue;
        }
        srv->failed = false;
        tern_sess_reset_retries(srv);
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                                  AVS_TIME_DURATION_ZERO);
    }
    return 0;
}

bool anjay_all_connections_failed(anjay_t *anjay) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || !sess->servers) {
        return false;
    }
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        bool idle_bootstrap = srv->ssid == ANJAY_SSID_BOOTSTRAP &&
                              !srv->failed && !srv->action_job &&
                              !srv->exchange && !sess->bootstrapping &&
                              tern_sess_has_management_servers(sess);
        if (!srv->failed && !idle_bootstrap) {
            return false;
        }
    }
    return true;
}

int anjay_set_queue_mode_preference(anjay_t *anjay,
                                    anjay_queue_mode_preference_t preference) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || preference < ANJAY_FORCE_QUEUE_MODE ||
        preference > ANJAY_FORCE_ONLINE_MODE) {
        anjay_log(ERROR, "invalid queue mode preference %d", (int) preference);
        return -1;
    }
    sess->queue_mode_preference = preference;
    return 0;
}

bool anjay_ongoing_registration_exists(anjay_t *anjay) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return false;
    }
    if (sess->bootstrapping) {
        return true;
    }
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid != ANJAY_SSID_BOOTSTRAP && !srv->registered &&
            !srv->failed && !srv->disabled &&
            !tern_sess_transport_offline(srv)) {
            return true;
        }
    }
    return false;
}

avs_time_real_t anjay_registration_expiration_time_with_status(
        anjay_t *anjay, anjay_ssid_t ssid,
        anjay_registration_expiration_status_t *out_status) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv = sess && ssid != ANJAY_SSID_BOOTSTRAP
                                      ? tern_sess_find(sess, ssid)
                                      : NULL;
    if (!srv || !srv->registered) {
        if (out_status) {
            *out_status = ANJAY_REGISTRATION_EXPIRATION_STATUS_EXPIRED;
        }
        return AVS_TIME_REAL_INVALID;
    }
    if (!avs_time_monotonic_valid(srv->reg_expire)) {
        if (out_status) {
            *out_status =
                    ANJAY_REGISTRATION_EXPIRATION_STATUS_INFINITE_LIFETIME;
        }
        return AVS_TIME_REAL_INVALID;
    }
    bool expired = !avs_time_monotonic_before(avs_time_monotonic_now(),
                                              srv->reg_expire);
    if (out_status) {
        *out_status = expired ? ANJAY_REGISTRATION_EXPIRATION_STATUS_EXPIRED
                              : ANJAY_REGISTRATION_EXPIRATION_STATUS_VALID;
    }
    return tern_sess_mono_to_real(srv->reg_expire);
}

static avs_time_monotonic_t earliest(avs_time_monotonic_t a,
                                     avs_time_monotonic_t b) {
    if (!avs_time_monotonic_valid(a)) {
        return b;
    }
    if (!avs_time_monotonic_valid(b)) {
        return a;
    }
    return avs_time_monotonic_before(a, b) ? a : b;
}

typedef enum { PLAN_LIFECYCLE, PLAN_NOTIFY, PLAN_PMAX } plan_kind_t;

static avs_time_real_t next_planned(anjay_t *anjay, bool by_ssid,
                                    anjay_ssid_t ssid,
                                    anjay_transport_set_t set,
                                    plan_kind_t kind) {
    tern_session_t *sess = session_of(anjay);
    if (!sess) {
        return AVS_TIME_REAL_INVALID;
    }
    avs_time_monotonic_t result = AVS_TIME_MONOTONIC_INVALID;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (by_ssid ? (ssid != ANJAY_SSID_ANY && srv->ssid != ssid)
                    : !in_set(srv, set)) {
            continue;
        }
        avs_time_monotonic_t when =
                kind == PLAN_LIFECYCLE
                        ? avs_sched_time(&srv->action_job)
                        : tern_sess_observe_next(srv, kind == PLAN_PMAX);
        result = earliest(result, when);
    }
    return tern_sess_mono_to_real(result);
}

avs_time_real_t anjay_next_planned_lifecycle_operation(anjay_t *anjay,
                                                       anjay_ssid_t ssid) {
    return next_planned(anjay, true, ssid, ANJAY_TRANSPORT_SET_ALL,
                        PLAN_LIFECYCLE);
}

avs_time_real_t anjay_transport_next_planned_lifecycle_operation(
        anjay_t *anjay, anjay_transport_set_t transport_set) {
    return next_planned(anjay, false, ANJAY_SSID_ANY, transport_set,
                        PLAN_LIFECYCLE);
}

avs_time_real_t anjay_next_planned_notify_trigger(anjay_t *anjay,
                                                  anjay_ssid_t ssid) {
    return next_planned(anjay, true, ssid, ANJAY_TRANSPORT_SET_ALL,
                        PLAN_NOTIFY);
}

avs_time_real_t anjay_next_planned_pmax_notify_trigger(anjay_t *anjay,
                                                       anjay_ssid_t ssid) {
    return next_planned(anjay, true, ssid, ANJAY_TRANSPORT_SET_ALL, PLAN_PMAX);
}

avs_time_real_t anjay_transport_next_planned_notify_trigger(
        anjay_t *anjay, anjay_transport_set_t transport_set) {
    return next_planned(anjay, false, ANJAY_SSID_ANY, transport_set,
                        PLAN_NOTIFY);
}

avs_time_real_t anjay_transport_next_planned_pmax_notify_trigger(
        anjay_t *anjay, anjay_transport_set_t transport_set) {
    return next_planned(anjay, false, ANJAY_SSID_ANY, transport_set, PLAN_PMAX);
}

static bool unsent(const tern_sess_server_t *srv) {
    if (srv->stored) {
        return true;
    }
    const tern_sess_obs_t *obs;
    AVS_LIST_FOREACH(obs, srv->observations) {
        if (obs->id && obs->missed) {
            return true;
        }
    }
    return false;
}

bool anjay_has_unsent_notifications(anjay_t *anjay, anjay_ssid_t ssid) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess ? sess->servers : NULL) {
        if ((ssid == ANJAY_SSID_ANY || srv->ssid == ssid) && unsent(srv)) {
            return true;
        }
    }
    return false;
}

bool anjay_transport_has_unsent_notifications(
        anjay_t *anjay, anjay_transport_set_t transport_set) {
    tern_session_t *sess = session_of(anjay);
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess ? sess->servers : NULL) {
        if (in_set(srv, transport_set) && unsent(srv)) {
            return true;
        }
    }
    return false;
}

avs_error_t
anjay_update_transport_tx_params(anjay_t *anjay,
                                 anjay_transport_set_t transport_set,
                                 const avs_coap_udp_tx_params_t *tx_params) {
    tern_session_t *sess = session_of(anjay);
    const char *why = NULL;
    if (!sess || !tx_params || !avs_coap_udp_tx_params_valid(tx_params, &why)) {
        anjay_log(ERROR, "invalid transmission parameters: %s",
                  why ? why : "missing");
        return avs_errno(AVS_EINVAL);
    }
    if (transport_set.udp) {
        sess->udp_tx_params = *tx_params;
        tern_sess_server_t *srv;
        AVS_LIST_FOREACH(srv, sess->servers) {
            if (!srv->uri.tcp && srv->coap) {
                /* Already validated: this cannot fail. */
                tern_coap_ctx_set_udp_tx_params(srv->coap, tx_params);
            }
        }
    }
    return AVS_OK;
}

avs_error_t
anjay_update_coap_exchange_timeout(anjay_t *anjay,
                                   anjay_transport_set_t transport_set,
                                   avs_time_duration_t exchange_timeout) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || !avs_time_duration_valid(exchange_timeout) ||
        !avs_time_duration_less(AVS_TIME_DURATION_ZERO, exchange_timeout)) {
        anjay_log(ERROR, "invalid exchange timeout");
        return avs_errno(AVS_EINVAL);
    }
    if (transport_set.tcp) {
        sess->tcp_request_timeout = exchange_timeout;
        tern_sess_server_t *srv;
        AVS_LIST_FOREACH(srv, sess->servers) {
            if (srv->uri.tcp && srv->coap) {
                tern_coap_ctx_set_request_timeout(srv->coap, exchange_timeout);
            }
        }
    }
    return AVS_OK;
}

avs_error_t anjay_update_dtls_handshake_timeouts(
        anjay_t *anjay,
        avs_net_dtls_handshake_timeouts_t dtls_handshake_timeouts) {
    tern_session_t *sess = session_of(anjay);
    if (!sess || !avs_time_duration_valid(dtls_handshake_timeouts.min) ||
        !avs_time_duration_valid(dtls_handshake_timeouts.max) ||
        avs_time_duration_less(dtls_handshake_timeouts.max,
                               dtls_handshake_timeouts.min)) {
        anjay_log(ERROR, "invalid DTLS handshake timeouts");
        return avs_errno(AVS_EINVAL);
    }
    sess->dtls_hs_timeouts = dtls_handshake_timeouts;
    avs_net_socket_opt_value_t value;
    value.dtls_handshake_timeouts = dtls_handshake_timeouts;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->socket && srv->uri.secure && !srv->uri.tcp) {
            /* Layers without the option keep their timeouts. */
            avs_net_socket_set_opt(srv->socket,
                                   AVS_NET_SOCKET_OPT_DTLS_HANDSHAKE_TIMEOUTS,
                                   value);
        }
    }
    return AVS_OK;
}

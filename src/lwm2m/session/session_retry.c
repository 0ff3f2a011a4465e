/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * The lifecycle job of each server and the LwM2M 1.1 retry rules
 * (Core TS 6.2.1.1): a sequence is Communication Retry Count attempts,
 * attempt n+1 following attempt n after Communication Retry Timer * 2^(n-1);
 * Communication Sequence Retry Count sequences are separated by the
 * Communication Sequence Delay Timer. When every sequence failed, the
 * client falls back to bootstrap if Bootstrap on Registration Failure
 * says so, and otherwise gives the server up.
 */
#include "session.h"

static void action_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_sess_run_action(*(tern_sess_server_t *const *) data);
}

void tern_sess_schedule_action(tern_sess_server_t *srv,
                               tern_sess_action_t action,
                               avs_time_duration_t delay) {
    if (srv->freeing || srv->sess->closing) {
        return;
    }
    srv->action = action;
    if (AVS_SCHED_DELAYED(srv->sess->anjay->sched, &srv->action_job, delay,
                          action_job, &srv, sizeof(srv))) {
        anjay_log(ERROR, "server %u: cannot schedule its next step",
                  (unsigned) srv->ssid);
        srv->action = TERN_SESS_ACTION_NONE;
    }
}

void tern_sess_reset_retries(tern_sess_server_t *srv) {
    srv->attempt = 0;
    srv->sequence = 0;
}

static void give_up(tern_sess_server_t *srv, bool connection) {
    tern_session_t *sess = srv->sess;
    bool bootstrap = srv->ssid == ANJAY_SSID_BOOTSTRAP;
    srv->failed = true;
    tern_sess_reset_retries(srv);
    tern_sess_registration_clear(srv);
    tern_sess_set_status(srv, connection || bootstrap
                                      ? ANJAY_SERV_CONN_STATUS_ERROR
                                      : ANJAY_SERV_CONN_STATUS_REG_FAILURE);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_DISCONNECT,
                              AVS_TIME_DURATION_ZERO);
    if (bootstrap) {
        anjay_log(ERROR, "bootstrap failed; giving up");
        tern_sess_bootstrap_end(sess);
        return;
    }
    if (srv->info.bootstrap_on_registration_failure &&
        tern_sess_find(sess, ANJAY_SSID_BOOTSTRAP)) {
        anjay_log(ERROR,
                  "server %u: registration failed; falling back to "
                  "bootstrap",
                  (unsigned) srv->ssid);
        tern_sess_start_bootstrap(sess, false);
    } else {
        anjay_log(ERROR, "server %u: registration failed; giving up",
                  (unsigned) srv->ssid);
    }
}

void tern_sess_handle_failure(tern_sess_server_t *srv, bool connection) {
    if (srv->freeing || srv->sess->closing) {
        return;
    }
    if (connection && srv->ssid != ANJAY_SSID_BOOTSTRAP &&
        !srv->sess->anjay->config.connection_error_is_registration_failure) {
        give_up(srv, true);
        return;
    }
    const anjay_communication_retry_params_t *retry = &srv->info.retry;
    uint32_t attempts = retry->retry_count ? retry->retry_count : 1;
    uint32_t sequences =
            retry->sequence_retry_count ? retry->sequence_retry_count : 1;
    avs_time_duration_t delay;
    if (++srv->attempt < attempts) {
        /* Doubling stops growing long before a 32-bit shift would overflow. */
        uint32_t shift = srv->attempt - 1 > 20 ? 20 : srv->attempt - 1;
        delay = avs_time_duration_from_scalar(
                (int64_t) retry->retry_timer_s << shift, AVS_TIME_S);
    } else if (++srv->sequence < sequences) {
        srv->attempt = 0;
        delay = avs_time_duration_from_scalar(retry->sequence_delay_timer_s,
                                              AVS_TIME_S);
    } else {
        give_up(srv, connection);
        return;
    }
    int64_t delay_s = 0;
    avs_time_duration_to_scalar(&delay_s, AVS_TIME_S, delay);
    anjay_log(INFO,
              "server %u: retrying in %lld s (attempt %u of %u, "
              "sequence %u of %u)",
              (unsigned) srv->ssid, (long long) delay_s,
              (unsigned) srv->attempt + 1, (unsigned) attempts,
              (unsigned) srv->sequence + 1, (unsigned) sequences);
    tern_sess_set_status(srv, srv->ssid == ANJAY_SSID_BOOTSTRAP
                                      ? ANJAY_SERV_CONN_STATUS_ERROR
                                      : ANJAY_SERV_CONN_STATUS_REG_FAILURE);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT, delay);
}

static bool registration_valid(const tern_sess_server_t *srv) {
    return srv->registered &&
           (!avs_time_monotonic_valid(srv->reg_expire) ||
            avs_time_monotonic_before(avs_time_monotonic_now(),
                                      srv->reg_expire));
}

static void connect_and_continue(tern_sess_server_t *srv) {
    bool bootstrap = srv->ssid == ANJAY_SSID_BOOTSTRAP;
    if (srv->exchange) {
        tern_coap_id_t exchange = srv->exchange;
        srv->exchange = 0;
        tern_coap_cancel(srv->coap, exchange);
    }
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_CONNECTING);
    bool resumed = false;
    if (avs_is_err(tern_sess_connect(srv, &resumed))) {
        tern_sess_handle_failure(srv, true);
        return;
    }
    if (bootstrap) {
        tern_sess_send_bootstrap_request(srv);
    } else if (resumed && registration_valid(srv)) {
        anjay_log(INFO,
                  "server %u: registration still valid, sending "
                  "Update",
                  (unsigned) srv->ssid);
        tern_sess_send_update(srv);
    } else {
        tern_sess_send_register(srv);
    }
}

void tern_sess_run_action(tern_sess_server_t *srv) {
    tern_sess_action_t action = srv->action;
    srv->action = TERN_SESS_ACTION_NONE;
    if (srv->sess->closing || action == TERN_SESS_ACTION_NONE) {
        return;
    }
    if (action == TERN_SESS_ACTION_DISCONNECT) {
        tern_sess_disconnect(srv);
        return;
    }
    if (srv->disabled || tern_sess_transport_offline(srv)) {
        return;
    }
    if (!srv->connected || action == TERN_SESS_ACTION_CONNECT) {
        connect_and_continue(srv);
        return;
    }
    switch (action) {
        case TERN_SESS_ACTION_REGISTER:
            tern_sess_send_register(srv);
            break;
        case TERN_SESS_ACTION_UPDATE:
            if (registration_valid(srv)) {
                tern_sess_send_update(srv);
            } else {
                tern_sess_send_register(srv);
            }
            break;
        case TERN_SESS_ACTION_BOOTSTRAP_REQUEST:
            tern_sess_send_bootstrap_request(srv);
            break;
        default:
            break;
    }
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <fcntl.h>
#include <unistd.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

static int hook_disable(anjay_t *anjay, anjay_ssid_t ssid,
                        avs_time_duration_t timeout, void *arg) {
    (void) arg;
    return anjay_disable_server_with_timeout(anjay, ssid, timeout);
}

static int hook_update_trigger(anjay_t *anjay, anjay_ssid_t ssid, void *arg) {
    (void) arg;
    return anjay_schedule_registration_update(anjay, ssid);
}

static int hook_bootstrap_trigger(anjay_t *anjay, anjay_ssid_t ssid,
                                  void *arg) {
    (void) ssid;
    (void) arg;
    return anjay_schedule_bootstrap_request(anjay);
}

/* The event loop sleeps in poll(); a byte written here wakes it from a
 * signal handler or another thread, where nothing else is safe to call. */
static int open_wake_pipe(int fds[2]) {
    if (pipe(fds)) {
        fds[0] = fds[1] = -1;
        return -1;
    }
    for (int i = 0; i < 2; ++i) {
        int flags = fcntl(fds[i], F_GETFL);
        if (flags < 0 || fcntl(fds[i], F_SETFL, flags | O_NONBLOCK) ||
            fcntl(fds[i], F_SETFD, FD_CLOEXEC)) {
            close(fds[0]);
            close(fds[1]);
            fds[0] = fds[1] = -1;
            return -1;
        }
    }
    return 0;
}

static int copy_tunables(anjay_t *anjay, tern_session_t *sess) {
    const anjay_configuration_t *config = &anjay->config;
    sess->udp_tx_params = config->udp_tx_params
                                  ? *config->udp_tx_params
                                  : AVS_COAP_DEFAULT_UDP_TX_PARAMS;
    const char *why = NULL;
    if (!avs_coap_udp_tx_params_valid(&sess->udp_tx_params, &why)) {
        anjay_log(ERROR, "invalid udp_tx_params: %s", why ? why : "?");
        return -1;
    }
    if (config->udp_dtls_hs_tx_params) {
        sess->dtls_hs_timeouts = *config->udp_dtls_hs_tx_params;
    } else {
        sess->dtls_hs_timeouts.min =
                avs_time_duration_from_scalar(1, AVS_TIME_S);
        sess->dtls_hs_timeouts.max =
                avs_time_duration_from_scalar(60, AVS_TIME_S);
    }
    if (avs_time_duration_valid(config->coap_tcp_request_timeout) &&
        avs_time_duration_less(AVS_TIME_DURATION_ZERO,
                               config->coap_tcp_request_timeout)) {
        sess->tcp_request_timeout = config->coap_tcp_request_timeout;
    } else {
        sess->tcp_request_timeout =
                avs_time_duration_from_scalar(30, AVS_TIME_S);
    }
    sess->queue_mode_preference = ANJAY_PREFER_ONLINE_MODE;
    return 0;
}

int tern_session_init(anjay_t *anjay) {
    tern_session_t *sess = (tern_session_t *) avs_calloc(1, sizeof(*sess));
    if (!sess) {
        anjay_log(ERROR, "out of memory creating the session state");
        return -1;
    }
    sess->anjay = anjay;
    if (open_wake_pipe(sess->wake_pipe)) {
        anjay_log(ERROR, "cannot create the event loop's wake-up pipe");
        avs_free(sess);
        return -1;
    }
    if (copy_tunables(anjay, sess)) {
        close(sess->wake_pipe[0]);
        close(sess->wake_pipe[1]);
        avs_free(sess);
        return -1;
    }
    anjay->session = sess;
    tern_dm_set_changes_handler(anjay, tern_sess_changes_handler, sess);
    const tern_session_hooks_t hooks = {
            .disable_server = hook_disable,
            .registration_update_trigger = hook_update_trigger,
            .bootstrap_request_trigger = hook_bootstrap_trigger,
            .arg = NULL};
    tern_session_hooks_set(anjay, &hooks);
    /* No connection is planned yet: installing the Security Object and
     * adding accounts are data model changes, which schedule a reload. */
    return 0;
}

void tern_session_cleanup(anjay_t *anjay) {
    tern_session_t *sess = anjay->session;
    if (!sess) {
        return;
    }
    sess->closing = true;
    tern_sess_deregister_all_blocking(sess);
    avs_sched_del(&sess->reload_job);
    avs_sched_del(&sess->bootstrap_timeout_job);
    while (sess->servers) {
        tern_sess_server_free(sess->servers);
    }
    AVS_LIST_CLEAR(&sess->socket_list);
    AVS_LIST_CLEAR(&sess->entry_list);
    close(sess->wake_pipe[0]);
    close(sess->wake_pipe[1]);
    tern_dm_set_changes_handler(anjay, NULL, NULL);
    tern_session_hooks_set(anjay, NULL);
    avs_free(sess);
    anjay->session = NULL;
}

void tern_sess_set_status(tern_sess_server_t *srv,
                          anjay_server_conn_status_t status) {
    if (srv->status == status) {
        return;
    }
    srv->status = status;
    anjay_t *anjay = srv->sess->anjay;
    if (anjay->config.server_connection_status_cb) {
        anjay->config.server_connection_status_cb(
                anjay->config.server_connection_status_cb_arg, anjay, srv->ssid,
                status);
    }
}

avs_time_real_t tern_sess_mono_to_real(avs_time_monotonic_t when) {
    if (!avs_time_monotonic_valid(when)) {
        return AVS_TIME_REAL_INVALID;
    }
    return avs_time_real_add(
            avs_time_real_now(),
            avs_time_monotonic_diff(when, avs_time_monotonic_now()));
}

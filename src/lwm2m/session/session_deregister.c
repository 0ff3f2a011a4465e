/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <poll.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

/* The longest anjay_delete() waits for De-register responses in all. */
#define DEREGISTER_BUDGET_MS 5000

static void finish(tern_sess_server_t *srv) {
    void (*done)(tern_sess_server_t *) = srv->deregister_done;
    srv->deregister_done = NULL;
    srv->exchange = 0;
    tern_sess_registration_clear(srv);
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_DEREGISTERED);
    if (done) {
        done(srv);
    }
}

static void deregister_response(tern_coap_ctx_t *ctx, tern_coap_id_t exchange,
                                tern_coap_result_t result,
                                const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    tern_sess_server_t *srv = (tern_sess_server_t *) arg;
    if (exchange != srv->exchange || result == TERN_COAP_RESULT_PARTIAL) {
        return;
    }
    if (result == TERN_COAP_RESULT_OK &&
        TERN_COAP_CODE_CLASS(response->code) == 2) {
        anjay_log(INFO, "server %u: De-registered", (unsigned) srv->ssid);
    } else if (result == TERN_COAP_RESULT_OK) {
        tern_sess_report_error_code(srv, "De-register", response->code);
    } else {
        anjay_log(WARNING, "server %u: De-register got no answer",
                  (unsigned) srv->ssid);
    }
    if (!srv->freeing) {
        finish(srv);
    } else {
        srv->exchange = 0;
    }
}

int tern_sess_send_deregister(tern_sess_server_t *srv,
                              void (*done)(tern_sess_server_t *srv)) {
    if (!srv->registered || !srv->connected || !srv->coap) {
        return -1;
    }
    if (srv->exchange) {
        tern_coap_id_t exchange = srv->exchange;
        srv->exchange = 0;
        tern_coap_cancel(srv->coap, exchange);
    }
    size_t opts_size = tern_sess_location_size(srv) + 8;
    uint8_t *opts_buf = (uint8_t *) avs_malloc(opts_size);
    int result = TERN_COAP_ERR_NO_MEMORY;
    if (opts_buf) {
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, opts_size);
        if (!(result = tern_sess_add_location(srv, &opts))) {
            tern_coap_msg_t msg;
            memset(&msg, 0, sizeof(msg));
            msg.code = TERN_COAP_CODE_DELETE;
            tern_coap_msg_set_opts(&msg, &opts);
            srv->deregister_done = done;
            anjay_log(INFO, "server %u: De-register", (unsigned) srv->ssid);
            result = tern_coap_send_request(
                    srv->coap, &msg, deregister_response, srv, &srv->exchange);
        }
        avs_free(opts_buf);
    }
    if (result) {
        anjay_log(WARNING, "server %u: cannot send De-register: %s",
                  (unsigned) srv->ssid, tern_coap_strerror(result));
        srv->deregister_done = NULL;
        srv->exchange = 0;
        return -1;
    }
    avs_sched_del(&srv->action_job);
    srv->action = TERN_SESS_ACTION_NONE;
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_DEREGISTERING);
    return 0;
}

static void deregistered_on_delete(tern_sess_server_t *srv) {
    (void) srv;
}

static size_t pending_pollfds(tern_session_t *sess, struct pollfd *fds,
                              tern_sess_server_t **owners, size_t max) {
    size_t count = 0;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (count < max && srv->exchange &&
            srv->deregister_done == deregistered_on_delete) {
            const int *fd =
                    (const int *) avs_net_socket_get_system(srv->socket);
            if (fd && *fd >= 0) {
                fds[count].fd = *fd;
                fds[count].events = POLLIN;
                fds[count].revents = 0;
                owners[count++] = srv;
            }
        }
    }
    return count;
}

void tern_sess_deregister_all_blocking(tern_session_t *sess) {
    size_t pending = 0;
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid != ANJAY_SSID_BOOTSTRAP && srv->registered &&
            !tern_sess_transport_offline(srv) &&
            !tern_sess_send_deregister(srv, deregistered_on_delete)) {
            ++pending;
        }
    }
    avs_time_monotonic_t deadline = avs_time_monotonic_add(
            avs_time_monotonic_now(),
            avs_time_duration_from_scalar(DEREGISTER_BUDGET_MS, AVS_TIME_MS));
    while (pending) {
        struct pollfd fds[16];
        tern_sess_server_t *owners[16];
        size_t count = pending_pollfds(sess, fds, owners, 16);
        if (!count) {
            break;
        }
        avs_time_monotonic_t now = avs_time_monotonic_now();
        if (!avs_time_monotonic_before(now, deadline)) {
            anjay_log(WARNING, "De-register: no answer in time, giving up");
            break;
        }
        avs_time_duration_t wait = avs_time_monotonic_diff(deadline, now);
        avs_time_duration_t to_job = avs_sched_time_to_next(sess->anjay->sched);
        if (avs_time_duration_valid(to_job) &&
            avs_time_duration_less(to_job, wait)) {
            wait = to_job;
        }
        int64_t wait_ms = 0;
        avs_time_duration_to_scalar(&wait_ms, AVS_TIME_MS, wait);
        if (poll(fds, (nfds_t) count, (int) wait_ms + 1) > 0) {
            for (size_t i = 0; i < count; ++i) {
                if (fds[i].revents && owners[i]->coap) {
                    tern_coap_handle_incoming(owners[i]->coap);
                }
            }
        }
        /* Retransmissions of the De-register run on the scheduler. */
        avs_sched_run(sess->anjay->sched);
    }
}

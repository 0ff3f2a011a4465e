/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * Client-initiated bootstrap: Bootstrap-Request after the Client Hold Off
 * Time, the Bootstrap Server's requests (served by the data model as their
 * Bootstrap forms), Bootstrap-Finish, then registration with the servers
 * it provisioned. A bootstrap that sees no request from the server for
 * EXCHANGE_LIFETIME fails and is retried like a failed registration.
 */
#include <stdio.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

static avs_time_duration_t bootstrap_timeout(tern_session_t *sess) {
    return avs_coap_udp_exchange_lifetime(&sess->udp_tx_params);
}

int tern_sess_start_bootstrap(tern_session_t *sess, bool holdoff) {
    tern_sess_server_t *srv = tern_sess_find(sess, ANJAY_SSID_BOOTSTRAP);
    if (!srv) {
        return -1;
    }
    if (srv->exchange || (sess->bootstrapping && srv->connected)) {
        return 0;
    }
    srv->failed = false;
    tern_sess_reset_retries(srv);
    int32_t holdoff_s = holdoff && srv->info.client_holdoff_s > 0
                                ? srv->info.client_holdoff_s
                                : 0;
    if (holdoff_s) {
        anjay_log(INFO, "bootstrap in %ld s (Client Hold Off Time)",
                  (long) holdoff_s);
    }
    tern_sess_schedule_action(
            srv, TERN_SESS_ACTION_CONNECT,
            avs_time_duration_from_scalar(holdoff_s, AVS_TIME_S));
    return 0;
}

static void timeout_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_session_t *sess = *(tern_session_t *const *) data;
    tern_sess_server_t *srv = tern_sess_find(sess, ANJAY_SSID_BOOTSTRAP);
    if (sess->closing || !sess->bootstrapping) {
        return;
    }
    anjay_log(ERROR, "bootstrap timed out: no Bootstrap-Finish");
    tern_sess_bootstrap_end(sess);
    if (srv) {
        tern_sess_handle_failure(srv, false);
    }
}

void tern_sess_bootstrap_activity(tern_sess_server_t *srv) {
    tern_session_t *sess = srv->sess;
    if (!sess->bootstrapping) {
        /* Server-initiated bootstrap over a connection that is open. */
        anjay_log(INFO, "Bootstrap Server started a bootstrap");
        sess->bootstrapping = true;
    }
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_BOOTSTRAPPING);
    if (AVS_SCHED_DELAYED(sess->anjay->sched, &sess->bootstrap_timeout_job,
                          bootstrap_timeout(sess), timeout_job, &sess,
                          sizeof(sess))) {
        anjay_log(ERROR, "cannot schedule the bootstrap timeout");
    }
}

void tern_sess_bootstrap_end(tern_session_t *sess) {
    sess->bootstrapping = false;
    avs_sched_del(&sess->bootstrap_timeout_job);
}

static void request_response(tern_coap_ctx_t *ctx, tern_coap_id_t exchange,
                             tern_coap_result_t result,
                             const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    tern_sess_server_t *srv = (tern_sess_server_t *) arg;
    if (result == TERN_COAP_RESULT_CANCELLED || srv->freeing ||
        exchange != srv->exchange || result == TERN_COAP_RESULT_PARTIAL) {
        return;
    }
    srv->exchange = 0;
    if (result == TERN_COAP_RESULT_OK &&
        TERN_COAP_CODE_CLASS(response->code) == 2) {
        anjay_log(INFO, "Bootstrap-Request accepted; waiting for the "
                        "Bootstrap Server");
        tern_sess_reset_retries(srv);
        tern_sess_bootstrap_activity(srv);
        return;
    }
    if (result == TERN_COAP_RESULT_OK) {
        tern_sess_report_error_code(srv, "Bootstrap-Request", response->code);
    } else {
        anjay_log(ERROR, "Bootstrap-Request %s",
                  result == TERN_COAP_RESULT_TIMEOUT ? "timed out" : "failed");
    }
    tern_sess_bootstrap_end(srv->sess);
    tern_sess_handle_failure(srv, result == TERN_COAP_RESULT_FAILED);
}

void tern_sess_send_bootstrap_request(tern_sess_server_t *srv) {
    anjay_t *anjay = srv->sess->anjay;
    size_t opts_size = 64 + strlen(anjay->endpoint_name);
    uint8_t *opts_buf = (uint8_t *) avs_malloc(opts_size);
    char *ep = (char *) avs_malloc(strlen(anjay->endpoint_name) + 4);
    int result = TERN_COAP_ERR_NO_MEMORY;
    if (opts_buf && ep) {
        tern_coap_opts_t opts;
        tern_coap_opts_init(&opts, opts_buf, opts_size);
        sprintf(ep, "ep=%s", anjay->endpoint_name);
        result = tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_PATH, "bs");
        if (!result) {
            result = tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_QUERY,
                                               ep);
        }
        if (!result && tern_anjay_version_config(anjay)->maximum_version >=
                               ANJAY_LWM2M_VERSION_1_1) {
            /* LwM2M 1.1: the format the client prefers for the
             * Bootstrap Server's payloads. */
            result = tern_coap_opts_add_string(&opts, TERN_COAP_OPT_URI_QUERY,
                                               "pct=112");
        }
        if (!result) {
            tern_coap_msg_t msg;
            memset(&msg, 0, sizeof(msg));
            msg.code = TERN_COAP_CODE_POST;
            tern_coap_msg_set_opts(&msg, &opts);
            anjay_log(INFO, "Bootstrap-Request as %s to %s",
                      anjay->endpoint_name, srv->info.uri);
            result = tern_coap_send_request(srv->coap, &msg, request_response,
                                            srv, &srv->exchange);
        }
    }
    avs_free(opts_buf);
    avs_free(ep);
    if (result) {
        anjay_log(ERROR, "cannot send Bootstrap-Request: %s",
                  tern_coap_strerror(result));
        srv->exchange = 0;
        tern_sess_handle_failure(srv, false);
        return;
    }
    srv->sess->bootstrapping = true;
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_BOOTSTRAPPING);
}

/* Bootstrap-Finish is acceptable when it leaves at least one management
 * server the client can connect to. */
static bool accounts_usable(anjay_t *anjay) {
    tern_server_info_t *list = NULL;
    size_t count = 0;
    bool usable = false;
    if (!tern_servers_list(anjay, &list, &count)) {
        for (size_t i = 0; i < count && !usable; ++i) {
            tern_sess_uri_t uri;
            usable = list[i].ssid != ANJAY_SSID_BOOTSTRAP &&
                     list[i].server_iid != ANJAY_ID_INVALID && list[i].uri &&
                     !tern_sess_uri_parse(list[i].uri, &uri);
        }
    }
    tern_servers_list_free(list, count);
    return usable;
}

void tern_sess_handle_bootstrap_finish(tern_sess_server_t *srv,
                                       tern_coap_incoming_t *request) {
    tern_session_t *sess = srv->sess;
    tern_coap_msg_t response;
    memset(&response, 0, sizeof(response));
    if (!accounts_usable(sess->anjay)) {
        anjay_log(ERROR, "Bootstrap-Finish rejected: no usable management "
                         "server account");
        response.code = TERN_COAP_CODE_NOT_ACCEPTABLE;
        tern_coap_respond(request, &response);
        tern_sess_bootstrap_activity(srv);
        return;
    }
    response.code = TERN_COAP_CODE_CHANGED;
    tern_coap_respond(request, &response);
    anjay_log(INFO, "Bootstrap-Finish: bootstrap complete");
    tern_sess_bootstrap_end(sess);
    tern_sess_reset_retries(srv);
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_BOOTSTRAPPED);
    sess->restart_failed = true;
    tern_sess_schedule_reload(sess);
    /* The response is out; the connection is not needed any more. */
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_DISCONNECT,
                              AVS_TIME_DURATION_ZERO);
}

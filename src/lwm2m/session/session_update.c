/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

static void updated(tern_sess_server_t *srv) {
    srv->reg_lifetime = srv->pending_lifetime;
    memcpy(srv->reg_binding, srv->pending_binding, sizeof(srv->reg_binding));
    if (srv->pending_links) {
        avs_free(srv->reg_links);
        srv->reg_links = srv->pending_links;
        srv->pending_links = NULL;
    }
    srv->reg_expire = srv->reg_lifetime > 0
                              ? avs_time_monotonic_add(
                                        avs_time_monotonic_now(),
                                        avs_time_duration_from_scalar(
                                                srv->reg_lifetime, AVS_TIME_S))
                              : AVS_TIME_MONOTONIC_INVALID;
    tern_sess_reset_retries(srv);
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_REGISTERED);
    anjay_log(INFO, "server %u: registration updated", (unsigned) srv->ssid);
    avs_time_duration_t delay =
            srv->update_again ? AVS_TIME_DURATION_ZERO
                              : tern_sess_update_delay(srv->reg_lifetime);
    srv->update_again = false;
    if (avs_time_duration_valid(delay)) {
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_UPDATE, delay);
    }
    tern_sess_observe_flush(srv);
    tern_sess_send_flush(srv);
}

static void update_response(tern_coap_ctx_t *ctx, tern_coap_id_t exchange,
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
        updated(srv);
        return;
    }
    avs_free(srv->pending_links);
    srv->pending_links = NULL;
    if (result == TERN_COAP_RESULT_OK) {
        /* The server no longer knows the registration (e.g. 4.04 after it
         * restarted): register again. */
        tern_sess_report_error_code(srv, "Update", response->code);
        tern_sess_registration_clear(srv);
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_REGISTER,
                                  AVS_TIME_DURATION_ZERO);
        return;
    }
    anjay_log(WARNING, "server %u: Update %s; reconnecting",
              (unsigned) srv->ssid,
              result == TERN_COAP_RESULT_TIMEOUT ? "timed out" : "failed");
    /* The registration is presumed lost: the reconnection registers anew,
     * so repeated timeouts go through the retry rules. */
    tern_sess_registration_clear(srv);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                              AVS_TIME_DURATION_ZERO);
}

static int add_query(tern_coap_opts_t *opts, const char *fmt, const char *a,
                     long b) {
    char value[48];
    if (a) {
        snprintf(value, sizeof(value), fmt, a);
    } else {
        snprintf(value, sizeof(value), fmt, b);
    }
    return tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_QUERY, value);
}

void tern_sess_send_update(tern_sess_server_t *srv) {
    anjay_t *anjay = srv->sess->anjay;
    if (!srv->registered) {
        tern_sess_send_register(srv);
        return;
    }
    avs_free(srv->pending_links);
    srv->pending_links = NULL;
    char *links = NULL;
    if (tern_sess_build_links(anjay, srv->version, &links)) {
        tern_sess_handle_failure(srv, false);
        return;
    }
    srv->pending_lifetime = srv->info.lifetime;
    snprintf(srv->pending_binding, sizeof(srv->pending_binding), "%s",
             tern_sess_binding(srv));
    bool lifetime_changed = srv->pending_lifetime != srv->reg_lifetime;
    bool binding_changed = strcmp(srv->pending_binding, srv->reg_binding) != 0;
    if (!srv->reg_links || strcmp(links, srv->reg_links)) {
        srv->pending_links = links;
    } else {
        avs_free(links);
    }
    size_t opts_size = tern_sess_location_size(srv) + 64;
    uint8_t *opts_buf = (uint8_t *) avs_malloc(opts_size);
    tern_coap_opts_t opts;
    int result = TERN_COAP_ERR_NO_MEMORY;
    if (opts_buf) {
        tern_coap_opts_init(&opts, opts_buf, opts_size);
        result = tern_sess_add_location(srv, &opts);
    }
    if (!result && lifetime_changed) {
        result = add_query(&opts, "lt=%ld", NULL, (long) srv->pending_lifetime);
    }
    if (!result && binding_changed) {
        result = add_query(&opts, "b=%s", srv->pending_binding, 0);
    }
    if (!result && srv->pending_links) {
        result = tern_coap_opts_add_uint(&opts, TERN_COAP_OPT_CONTENT_FORMAT,
                                         TERN_COAP_FORMAT_LINK_FORMAT);
    }
    if (!result) {
        tern_coap_msg_t msg;
        memset(&msg, 0, sizeof(msg));
        msg.code = TERN_COAP_CODE_POST;
        tern_coap_msg_set_opts(&msg, &opts);
        if (srv->pending_links) {
            msg.payload = (const uint8_t *) srv->pending_links;
            msg.payload_size = strlen(srv->pending_links);
        }
        anjay_log(INFO, "server %u: Update%s%s%s", (unsigned) srv->ssid,
                  lifetime_changed ? " (new lifetime)" : "",
                  binding_changed ? " (new binding)" : "",
                  srv->pending_links ? " (new object list)" : "");
        result = tern_coap_send_request(srv->coap, &msg, update_response, srv,
                                        &srv->exchange);
    }
    avs_free(opts_buf);
    if (result) {
        anjay_log(ERROR, "server %u: cannot send Update: %s",
                  (unsigned) srv->ssid, tern_coap_strerror(result));
        srv->exchange = 0;
        avs_free(srv->pending_links);
        srv->pending_links = NULL;
        tern_sess_registration_clear(srv);
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT,
                                  AVS_TIME_DURATION_ZERO);
        return;
    }
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_UPDATING);
}

void tern_sess_schedule_update(tern_session_t *sess, anjay_ssid_t ssid) {
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid == ANJAY_SSID_BOOTSTRAP ||
            (ssid != ANJAY_SSID_ANY && srv->ssid != ssid) || !srv->registered) {
            continue;
        }
        if (srv->exchange) {
            /* A Register or Update is in flight: one more Update follows
             * its success. */
            srv->update_again = true;
            continue;
        }
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_UPDATE,
                                  AVS_TIME_DURATION_ZERO);
    }
}

void tern_sess_check_registration_changes(tern_session_t *sess,
                                          bool links_too) {
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid == ANJAY_SSID_BOOTSTRAP || !srv->registered) {
            continue;
        }
        bool changed = srv->info.lifetime != srv->reg_lifetime ||
                       strcmp(tern_sess_binding(srv), srv->reg_binding) != 0;
        if (!changed && links_too) {
            char *links = NULL;
            if (!tern_sess_build_links(sess->anjay, srv->version, &links)) {
                changed = !srv->reg_links || strcmp(links, srv->reg_links);
                avs_free(links);
            }
        }
        if (changed && srv->exchange) {
            srv->update_again = true;
        } else if (changed) {
            tern_sess_schedule_action(srv, TERN_SESS_ACTION_UPDATE,
                                      AVS_TIME_DURATION_ZERO);
        }
    }
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "session.h"

tern_sess_server_t *tern_sess_find(tern_session_t *sess, anjay_ssid_t ssid) {
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid == ssid) {
            return srv;
        }
    }
    return NULL;
}

tern_sess_server_t *tern_sess_find_by_socket(tern_session_t *sess,
                                             avs_net_socket_t *socket) {
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (socket && srv->socket == socket) {
            return srv;
        }
    }
    return NULL;
}

bool tern_sess_has_management_servers(tern_session_t *sess) {
    tern_sess_server_t *srv;
    AVS_LIST_FOREACH(srv, sess->servers) {
        if (srv->ssid != ANJAY_SSID_BOOTSTRAP) {
            return true;
        }
    }
    return false;
}

bool tern_sess_transport_offline(const tern_sess_server_t *srv) {
    return srv->uri.tcp ? srv->sess->tcp_offline : srv->sess->udp_offline;
}

void tern_sess_server_free(tern_sess_server_t *srv) {
    tern_session_t *sess = srv->sess;
    srv->freeing = true;
    /* Deleting the CoAP context ends every exchange and observation through
     * their handlers, which only clean up after themselves now. */
    tern_sess_connection_free(srv);
    avs_sched_del(&srv->action_job);
    avs_sched_del(&srv->enable_job);
    avs_sched_del(&srv->obs_gc_job);
    avs_sched_del(&srv->send_job);
    tern_sess_send_abort_all(srv, ANJAY_SEND_ABORT);
    tern_sess_observe_free_all(srv);
    sess->stored_count -= AVS_LIST_SIZE(srv->stored);
    AVS_LIST_CLEAR(&srv->stored);
    tern_sess_registration_clear(srv);
    tern_server_info_free(&srv->info);
    AVS_LIST(tern_sess_server_t) *slot = AVS_LIST_FIND_PTR(
            &sess->servers, (AVS_LIST(tern_sess_server_t)) srv);
    if (slot) {
        AVS_LIST_DELETE(slot);
    }
}

static void reload_job(avs_sched_t *sched, const void *data) {
    (void) sched;
    tern_sess_reload(*(tern_session_t *const *) data);
}

void tern_sess_schedule_reload(tern_session_t *sess) {
    if (sess->closing) {
        return;
    }
    if (AVS_SCHED_NOW(sess->anjay->sched, &sess->reload_job, reload_job, &sess,
                      sizeof(sess))) {
        anjay_log(ERROR, "cannot schedule a reload of the server accounts");
    }
}

static bool bytes_differ(const void *a, size_t a_size, const void *b,
                         size_t b_size) {
    return a_size != b_size || (a_size && memcmp(a, b, a_size));
}

static bool strings_differ(const char *a, const char *b) {
    return (a ? 1 : 0) != (b ? 1 : 0) || (a && strcmp(a, b));
}

/* Anything that makes the existing connection the wrong one. */
static bool connection_changed(const tern_server_info_t *old,
                               const tern_server_info_t *new_info) {
    return strings_differ(old->uri, new_info->uri) ||
           old->security_mode != new_info->security_mode ||
           bytes_differ(old->public_cert_or_psk_identity,
                        old->public_cert_or_psk_identity_size,
                        new_info->public_cert_or_psk_identity,
                        new_info->public_cert_or_psk_identity_size) ||
           bytes_differ(old->private_cert_or_psk_key,
                        old->private_cert_or_psk_key_size,
                        new_info->private_cert_or_psk_key,
                        new_info->private_cert_or_psk_key_size) ||
           bytes_differ(old->server_public_key, old->server_public_key_size,
                        new_info->server_public_key,
                        new_info->server_public_key_size) ||
           old->matching_type != new_info->matching_type ||
           old->certificate_usage != new_info->certificate_usage ||
           strings_differ(old->server_name_indication,
                          new_info->server_name_indication) ||
           bytes_differ(old->ciphersuites,
                        old->ciphersuite_count * sizeof(uint32_t),
                        new_info->ciphersuites,
                        new_info->ciphersuite_count * sizeof(uint32_t));
}

static tern_sess_server_t *server_new(tern_session_t *sess,
                                      tern_server_info_t *info) {
    tern_sess_uri_t uri;
    if (!info->uri || tern_sess_uri_parse(info->uri, &uri)) {
        anjay_log(ERROR, "server %u: unusable Server URI \"%s\"",
                  (unsigned) info->ssid, info->uri ? info->uri : "");
        return NULL;
    }
    AVS_LIST(tern_sess_server_t) srv = AVS_LIST_NEW_ELEMENT(tern_sess_server_t);
    if (!srv) {
        anjay_log(ERROR, "out of memory adding server %u",
                  (unsigned) info->ssid);
        return NULL;
    }
    srv->sess = sess;
    srv->ssid = info->ssid;
    srv->info = *info;
    memset(info, 0, sizeof(*info));
    srv->uri = uri;
    srv->status = ANJAY_SERV_CONN_STATUS_INITIAL;
    srv->version = tern_anjay_version_config(sess->anjay)->maximum_version;
    srv->reg_expire = AVS_TIME_MONOTONIC_INVALID;

    AVS_LIST(tern_sess_server_t) *slot = &sess->servers;
    while (*slot && (*slot)->ssid < srv->ssid) {
        slot = AVS_LIST_NEXT_PTR(slot);
    }
    AVS_LIST_INSERT(slot, srv);
    if (sess->anjay->config.server_connection_status_cb) {
        sess->anjay->config.server_connection_status_cb(
                sess->anjay->config.server_connection_status_cb_arg,
                sess->anjay, srv->ssid, srv->status);
    }
    return srv;
}

static void start_server(tern_sess_server_t *srv) {
    srv->failed = false;
    tern_sess_reset_retries(srv);
    avs_time_duration_t delay = avs_time_duration_from_scalar(
            srv->info.retry.initial_registration_delay_timer_s, AVS_TIME_S);
    tern_sess_schedule_action(srv, TERN_SESS_ACTION_CONNECT, delay);
}

static const tern_server_info_t *find_info(const tern_server_info_t *list,
                                           size_t count, anjay_ssid_t ssid) {
    for (size_t i = 0; i < count; ++i) {
        if (list[i].ssid == ssid) {
            return &list[i];
        }
    }
    return NULL;
}

/* An account the client can use: the Bootstrap Server, or a management
 * server with a Server Object Instance. */
static bool account_usable(const tern_server_info_t *info) {
    return info->ssid == ANJAY_SSID_BOOTSTRAP ||
           info->server_iid != ANJAY_ID_INVALID;
}

static void drop_vanished(tern_session_t *sess, const tern_server_info_t *list,
                          size_t count) {
    AVS_LIST(tern_sess_server_t) *slot = &sess->servers;
    while (*slot) {
        const tern_server_info_t *info = find_info(list, count, (*slot)->ssid);
        if (info && account_usable(info) &&
            !connection_changed(&(*slot)->info, info)) {
            slot = AVS_LIST_NEXT_PTR(slot);
            continue;
        }
        anjay_log(INFO, "server %u: account %s, closing its connection",
                  (unsigned) (*slot)->ssid, info ? "changed" : "removed");
        /* The entry frees itself out of the list. */
        tern_sess_server_free(*slot);
    }
}

void tern_sess_reload(tern_session_t *sess) {
    if (sess->bootstrapping || sess->closing) {
        /* Bootstrap-Finish reloads once the accounts are complete. */
        return;
    }
    tern_server_info_t *list = NULL;
    size_t count = 0;
    int result = tern_servers_list(sess->anjay, &list, &count);
    if (result && result != ANJAY_ERR_NOT_FOUND) {
        anjay_log(ERROR, "cannot read the server accounts");
        return;
    }
    drop_vanished(sess, list, count);
    bool restart = sess->restart_failed;
    sess->restart_failed = false;
    for (size_t i = 0; i < count; ++i) {
        if (!account_usable(&list[i])) {
            anjay_log(DEBUG,
                      "server %u: no Server Object Instance, not "
                      "connecting",
                      (unsigned) list[i].ssid);
            continue;
        }
        tern_sess_server_t *srv = tern_sess_find(sess, list[i].ssid);
        if (srv) {
            /* Same connection; lifetime, binding and the rest may differ. */
            tern_server_info_free(&srv->info);
            srv->info = list[i];
            memset(&list[i], 0, sizeof(list[i]));
            if (restart && srv->ssid != ANJAY_SSID_BOOTSTRAP &&
                !srv->registered && !srv->disabled) {
                start_server(srv);
            }
            continue;
        }
        if ((srv = server_new(sess, &list[i])) &&
            srv->ssid != ANJAY_SSID_BOOTSTRAP) {
            start_server(srv);
        }
    }
    tern_servers_list_free(list, count);

    tern_sess_server_t *bs = tern_sess_find(sess, ANJAY_SSID_BOOTSTRAP);
    if (!tern_sess_has_management_servers(sess) && bs &&
        bs->action == TERN_SESS_ACTION_NONE && !bs->exchange && !bs->failed) {
        anjay_log(INFO, "no management server account: bootstrapping");
        tern_sess_start_bootstrap(sess, true);
    } else if (!sess->servers) {
        anjay_log(DEBUG, "no server accounts");
    }
    tern_sess_check_registration_changes(sess, false);
}

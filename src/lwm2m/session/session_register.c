/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <stdio.h>
#include <string.h>

#include <avsystem/commons/avs_memory.h>
#include <avsystem/commons/avs_utils.h>

#include "../dm/dm_handlers.h"
#include "../io/io_link_format.h"
#include "session.h"

/* Object 21 (OSCORE) holds credentials, like the Security Object. */
#define OID_OSCORE 21

static int add_object_links(anjay_t *anjay, tern_io_link_enc_t *enc,
                            tern_dm_object_t obj) {
    anjay_oid_t oid = tern_dm_oid(obj);
    tern_dm_id_list_t iids = {NULL, 0};
    int result = tern_dm_list_instances(anjay, obj, &iids);
    if (result) {
        anjay_log(WARNING,
                  "cannot list the Instances of Object %u; "
                  "registering it without them",
                  (unsigned) oid);
        iids.count = 0;
    }
    tern_io_link_params_t params;
    tern_io_link_params_init(&params);
    params.ver = (*obj)->version;
    tern_io_path_t path = tern_io_path_object(oid);
    if ((params.ver || !iids.count) &&
        (result = tern_io_link_enc_add(enc, &path, &params))) {
        tern_dm_id_list_free(&iids);
        return result;
    }
    for (size_t i = 0; i < iids.count && !result; ++i) {
        path = tern_io_path_instance(oid, iids.ids[i]);
        result = tern_io_link_enc_add(enc, &path, NULL);
    }
    tern_dm_id_list_free(&iids);
    return result;
}

int tern_sess_build_links(anjay_t *anjay, anjay_lwm2m_version_t version,
                          char **out) {
    tern_io_buf_t buf;
    tern_io_buf_init_growable(&buf, 65536);
    tern_io_link_enc_t enc;
    tern_io_link_enc_init(&enc, &buf, NULL);
    tern_io_link_params_t root;
    tern_io_link_params_init(&root);
    root.rt = "oma.lwm2m";
    /* The format the client prefers for hierarchical data. */
    root.ct = version == ANJAY_LWM2M_VERSION_1_0 ? TERN_IO_FMT_TLV
                                                 : TERN_IO_FMT_SENML_CBOR;
    tern_io_path_t path = tern_io_path_root();
    int result = tern_io_link_enc_add(&enc, &path, &root);
    for (size_t i = 0; i < anjay->dm.count && !result; ++i) {
        tern_dm_object_t obj = anjay->dm.objects[i];
        anjay_oid_t oid = tern_dm_oid(obj);
        if (oid != ANJAY_DM_OID_SECURITY && oid != OID_OSCORE) {
            result = add_object_links(anjay, &enc, obj);
        }
    }
    if (!result) {
        result = tern_io_buf_putc(&buf, '\0');
    }
    *out = NULL;
    if (!result && !(*out = avs_strdup((const char *) buf.data))) {
        result = -1;
    }
    if (result) {
        anjay_log(ERROR, "cannot build the registration payload");
    }
    tern_io_buf_release(&buf);
    return result ? -1 : 0;
}

void tern_sess_registration_clear(tern_sess_server_t *srv) {
    for (size_t i = 0; i < srv->location_count; ++i) {
        avs_free(srv->location[i]);
    }
    avs_free(srv->location);
    srv->location = NULL;
    srv->location_count = 0;
    srv->registered = false;
    srv->reg_expire = AVS_TIME_MONOTONIC_INVALID;
    srv->reg_lifetime = 0;
    srv->reg_binding[0] = '\0';
    avs_free(srv->reg_links);
    srv->reg_links = NULL;
    avs_free(srv->pending_links);
    srv->pending_links = NULL;
}

/* The Update goes out when the smaller of a quarter of the lifetime (at
 * least 15 s) and half of it is left: long lifetimes keep hours of margin
 * for retries, short ones still leave half for the exchange itself. */
avs_time_duration_t tern_sess_update_delay(int32_t lifetime) {
    if (lifetime <= 0) {
        return AVS_TIME_DURATION_INVALID;
    }
    int64_t lifetime_ms = (int64_t) lifetime * 1000;
    int64_t margin_ms = AVS_MAX(lifetime_ms / 4, 15000);
    margin_ms = AVS_MIN(margin_ms, lifetime_ms / 2);
    return avs_time_duration_from_scalar(lifetime_ms - margin_ms, AVS_TIME_MS);
}

int tern_sess_add_location(const tern_sess_server_t *srv,
                           tern_coap_opts_t *opts) {
    for (size_t i = 0; i < srv->location_count; ++i) {
        int result = tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_PATH,
                                               srv->location[i]);
        if (result) {
            return result;
        }
    }
    return 0;
}

const char *tern_sess_binding(const tern_sess_server_t *srv) {
    return srv->uri.tcp ? "T" : "U";
}

size_t tern_sess_location_size(const tern_sess_server_t *srv) {
    size_t size = 0;
    for (size_t i = 0; i < srv->location_count; ++i) {
        size += strlen(srv->location[i]) + 5;
    }
    return size;
}

static int store_location(tern_sess_server_t *srv,
                          const tern_coap_msg_t *response) {
    size_t count = 0;
    tern_coap_opt_iter_t it = tern_coap_opt_iter(response);
    while (tern_coap_opt_next(&it)) {
        count += it.number == TERN_COAP_OPT_LOCATION_PATH;
    }
    if (!count) {
        anjay_log(ERROR,
                  "server %u: Register response has no "
                  "Location-Path",
                  (unsigned) srv->ssid);
        return -1;
    }
    if (!(srv->location = (char **) avs_calloc(count, sizeof(char *)))) {
        anjay_log(ERROR, "out of memory storing the registration location");
        return -1;
    }
    it = tern_coap_opt_iter(response);
    while (tern_coap_opt_next(&it)) {
        if (it.number != TERN_COAP_OPT_LOCATION_PATH) {
            continue;
        }
        char *segment = (char *) avs_malloc(it.size + 1);
        if (!segment) {
            anjay_log(ERROR, "out of memory storing the registration "
                             "location");
            return -1;
        }
        tern_coap_opt_string(&it, segment, it.size + 1);
        srv->location[srv->location_count++] = segment;
    }
    return 0;
}

static void log_location(const tern_sess_server_t *srv) {
    char text[128] = "";
    size_t len = 0;
    for (size_t i = 0; i < srv->location_count && len < sizeof(text); ++i) {
        int n = snprintf(text + len, sizeof(text) - len, "/%s",
                         srv->location[i]);
        len += n > 0 ? (size_t) n : 0;
    }
    anjay_log(INFO, "server %u: registered at %s, lifetime %ld s",
              (unsigned) srv->ssid, text, (long) srv->reg_lifetime);
}

static void registered(tern_sess_server_t *srv,
                       const tern_coap_msg_t *response) {
    if (store_location(srv, response)) {
        tern_sess_registration_clear(srv);
        tern_sess_handle_failure(srv, false);
        return;
    }
    srv->registered = true;
    srv->reg_lifetime = srv->pending_lifetime;
    memcpy(srv->reg_binding, srv->pending_binding, sizeof(srv->reg_binding));
    srv->reg_links = srv->pending_links;
    srv->pending_links = NULL;
    avs_time_duration_t lifetime =
            avs_time_duration_from_scalar(srv->reg_lifetime, AVS_TIME_S);
    srv->reg_expire =
            srv->reg_lifetime > 0
                    ? avs_time_monotonic_add(avs_time_monotonic_now(), lifetime)
                    : AVS_TIME_MONOTONIC_INVALID;
    tern_sess_reset_retries(srv);
    tern_sess_set_status(srv, ANJAY_SERV_CONN_STATUS_REGISTERED);
    log_location(srv);
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

static void register_response(tern_coap_ctx_t *ctx, tern_coap_id_t exchange,
                              tern_coap_result_t result,
                              const tern_coap_msg_t *response, void *arg) {
    (void) ctx;
    tern_sess_server_t *srv = (tern_sess_server_t *) arg;
    if (result == TERN_COAP_RESULT_CANCELLED || srv->freeing ||
        exchange != srv->exchange || result == TERN_COAP_RESULT_PARTIAL) {
        return;
    }
    srv->exchange = 0;
    if (result != TERN_COAP_RESULT_OK) {
        anjay_log(ERROR, "server %u: Register %s", (unsigned) srv->ssid,
                  result == TERN_COAP_RESULT_TIMEOUT ? "timed out"
                  : result == TERN_COAP_RESULT_RESET ? "was rejected (Reset)"
                                                     : "could not be sent");
        tern_sess_handle_failure(srv, result == TERN_COAP_RESULT_FAILED);
        return;
    }
    if (response->code == TERN_COAP_CODE_CREATED) {
        registered(srv, response);
        return;
    }
    tern_sess_report_error_code(srv, "Register", response->code);
    const anjay_lwm2m_version_config_t *versions =
            tern_anjay_version_config(srv->sess->anjay);
    if (response->code == TERN_COAP_CODE_PRECONDITION_FAILED &&
        srv->version > versions->minimum_version) {
        /* 4.12 rejects the protocol version; try the older one. */
        srv->version = (anjay_lwm2m_version_t) (srv->version - 1);
        tern_sess_schedule_action(srv, TERN_SESS_ACTION_REGISTER,
                                  AVS_TIME_DURATION_ZERO);
        return;
    }
    tern_sess_handle_failure(srv, false);
}

static int build_register(tern_sess_server_t *srv, tern_coap_opts_t *opts) {
    anjay_t *anjay = srv->sess->anjay;
    char value[32];
    int result = tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_PATH, "rd");
    if (!result) {
        result = tern_coap_opts_add_uint(opts, TERN_COAP_OPT_CONTENT_FORMAT,
                                         TERN_COAP_FORMAT_LINK_FORMAT);
    }
    char *ep = (char *) avs_malloc(strlen(anjay->endpoint_name) + 4);
    if (!ep) {
        return TERN_COAP_ERR_NO_MEMORY;
    }
    sprintf(ep, "ep=%s", anjay->endpoint_name);
    if (!result) {
        result = tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_QUERY, ep);
    }
    avs_free(ep);
    snprintf(value, sizeof(value), "lt=%ld", (long) srv->pending_lifetime);
    if (!result) {
        result =
                tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_QUERY, value);
    }
    if (!result) {
        result = tern_coap_opts_add_string(
                opts, TERN_COAP_OPT_URI_QUERY,
                srv->version == ANJAY_LWM2M_VERSION_1_0 ? "lwm2m=1.0"
                                                        : "lwm2m=1.1");
    }
    snprintf(value, sizeof(value), "b=%s", srv->pending_binding);
    if (!result) {
        result =
                tern_coap_opts_add_string(opts, TERN_COAP_OPT_URI_QUERY, value);
    }
    return result;
}

void tern_sess_send_register(tern_sess_server_t *srv) {
    anjay_t *anjay = srv->sess->anjay;
    bool was_registered = srv->registered;
    /* A new registration ends the observations of the old one. */
    tern_sess_observe_cancel_all(srv);
    tern_sess_registration_clear(srv);
    srv->pending_lifetime = srv->info.lifetime;
    snprintf(srv->pending_binding, sizeof(srv->pending_binding), "%s",
             tern_sess_binding(srv));
    if (tern_sess_build_links(anjay, srv->version, &srv->pending_links)) {
        tern_sess_handle_failure(srv, false);
        return;
    }
    size_t opts_size = 128 + strlen(anjay->endpoint_name);
    uint8_t *opts_buf = (uint8_t *) avs_malloc(opts_size);
    tern_coap_opts_t opts;
    int result = TERN_COAP_ERR_NO_MEMORY;
    if (opts_buf) {
        tern_coap_opts_init(&opts, opts_buf, opts_size);
        result = build_register(srv, &opts);
    }
    if (!result) {
        tern_coap_msg_t msg;
        memset(&msg, 0, sizeof(msg));
        msg.code = TERN_COAP_CODE_POST;
        tern_coap_msg_set_opts(&msg, &opts);
        msg.payload = (const uint8_t *) srv->pending_links;
        msg.payload_size = strlen(srv->pending_links);
        anjay_log(INFO,
                  "server %u: Register as %s (lifetime %ld s, LwM2M "
                  "%s): %s",
                  (unsigned) srv->ssid, anjay->endpoint_name,
                  (long) srv->pending_lifetime,
                  srv->version == ANJAY_LWM2M_VERSION_1_0 ? "1.0" : "1.1",
                  srv->pending_links);
        result = tern_coap_send_request(srv->coap, &msg, register_response, srv,
                                        &srv->exchange);
    }
    avs_free(opts_buf);
    if (result) {
        anjay_log(ERROR, "server %u: cannot send Register: %s",
                  (unsigned) srv->ssid, tern_coap_strerror(result));
        srv->exchange = 0;
        tern_sess_handle_failure(srv, false);
        return;
    }
    tern_sess_set_status(srv, was_registered
                                      ? ANJAY_SERV_CONN_STATUS_REREGISTERING
                                      : ANJAY_SERV_CONN_STATUS_REGISTERING);
}

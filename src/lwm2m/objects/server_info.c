/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_crypto_common.h>
#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "../dm/dm_log.h"
#include "../dm/dm_read.h"
#include "server_info.h"

static tern_io_path_t res_path(anjay_oid_t oid, anjay_iid_t iid,
                               anjay_rid_t rid) {
    return tern_io_path_resource(oid, iid, rid);
}

static int read_i32(anjay_t *anjay, anjay_oid_t oid, anjay_iid_t iid,
                    anjay_rid_t rid, int32_t *out) {
    tern_io_path_t path = res_path(oid, iid, rid);
    int64_t value;
    int result = tern_dm_read_int(anjay, &path, &value);
    if (!result) {
        *out = value < INT32_MIN   ? INT32_MIN
               : value > INT32_MAX ? INT32_MAX
                                   : (int32_t) value;
    }
    return result;
}

static void read_u32_or(anjay_t *anjay, anjay_iid_t iid, anjay_rid_t rid,
                        uint32_t *inout) {
    tern_io_path_t path = res_path(ANJAY_DM_OID_SERVER, iid, rid);
    int64_t value;
    if (!tern_dm_read_int(anjay, &path, &value) && value >= 0 &&
        value <= UINT32_MAX) {
        *inout = (uint32_t) value;
    }
}

static bool read_bool_or(anjay_t *anjay, anjay_oid_t oid, anjay_iid_t iid,
                         anjay_rid_t rid, bool fallback) {
    tern_io_path_t path = res_path(oid, iid, rid);
    bool value;
    return tern_dm_read_bool(anjay, &path, &value) ? fallback : value;
}

static void read_bytes(anjay_t *anjay, anjay_oid_t oid, anjay_iid_t iid,
                       anjay_rid_t rid, uint8_t **out, size_t *out_size) {
    tern_io_path_t path = res_path(oid, iid, rid);
    if (tern_dm_read_bytes_alloc(anjay, &path, out, out_size)) {
        *out = NULL;
        if (out_size) {
            *out_size = 0;
        }
    }
}

int tern_security_ssid(anjay_t *anjay, anjay_iid_t security_iid,
                       anjay_ssid_t *out_ssid) {
    if (read_bool_or(anjay, ANJAY_DM_OID_SECURITY, security_iid, 1, false)) {
        *out_ssid = ANJAY_SSID_BOOTSTRAP;
        return 0;
    }
    int32_t ssid;
    int result =
            read_i32(anjay, ANJAY_DM_OID_SECURITY, security_iid, 10, &ssid);
    if (result) {
        return result;
    }
    if (ssid <= 0 || ssid >= ANJAY_SSID_BOOTSTRAP) {
        dm_log(DEBUG, "/0/%u/10 holds an invalid Short Server ID",
               (unsigned) security_iid);
        return ANJAY_ERR_BAD_REQUEST;
    }
    *out_ssid = (anjay_ssid_t) ssid;
    return 0;
}

static int find_iid(anjay_t *anjay, anjay_oid_t oid, anjay_ssid_t ssid,
                    anjay_iid_t *out_iid) {
    tern_dm_object_t obj = tern_dm_find_object(anjay, oid);
    if (!obj) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(anjay, obj, &iids);
    if (result) {
        return result;
    }
    result = ANJAY_ERR_NOT_FOUND;
    for (size_t i = 0; i < iids.count; ++i) {
        anjay_ssid_t found;
        int32_t server_ssid;
        bool match =
                oid == ANJAY_DM_OID_SECURITY
                        ? !tern_security_ssid(anjay, iids.ids[i], &found) &&
                                  found == ssid
                        : !read_i32(anjay, oid, iids.ids[i], 0, &server_ssid) &&
                                  server_ssid == (int32_t) ssid;
        if (match) {
            *out_iid = iids.ids[i];
            result = 0;
            break;
        }
    }
    tern_dm_id_list_free(&iids);
    return result;
}

int tern_server_find_iid(anjay_t *anjay, anjay_ssid_t ssid,
                         anjay_iid_t *out_iid) {
    if (ssid == ANJAY_SSID_ANY || ssid == ANJAY_SSID_BOOTSTRAP) {
        return ANJAY_ERR_NOT_FOUND;
    }
    return find_iid(anjay, ANJAY_DM_OID_SERVER, ssid, out_iid);
}

int tern_security_find_iid(anjay_t *anjay, anjay_ssid_t ssid,
                           anjay_iid_t *out_iid) {
    if (ssid == ANJAY_SSID_ANY) {
        return ANJAY_ERR_NOT_FOUND;
    }
    return find_iid(anjay, ANJAY_DM_OID_SECURITY, ssid, out_iid);
}

int tern_security_find_iid_by_uri(anjay_t *anjay, const char *uri,
                                  anjay_iid_t *out_iid) {
    tern_dm_object_t obj = tern_dm_find_object(anjay, ANJAY_DM_OID_SECURITY);
    tern_dm_id_list_t iids;
    if (!uri || !obj || tern_dm_list_instances(anjay, obj, &iids)) {
        return ANJAY_ERR_NOT_FOUND;
    }
    int result = ANJAY_ERR_NOT_FOUND;
    for (size_t i = 0; result && i < iids.count; ++i) {
        uint8_t *candidate = NULL;
        read_bytes(anjay, ANJAY_DM_OID_SECURITY, iids.ids[i], 0, &candidate,
                   NULL);
        if (candidate && !strcmp((const char *) candidate, uri)) {
            *out_iid = iids.ids[i];
            result = 0;
        }
        avs_free(candidate);
    }
    tern_dm_id_list_free(&iids);
    return result;
}

typedef struct {
    uint32_t *ids;
    size_t count;
} suites_t;

static int collect_suite(anjay_t *anjay, const tern_io_path_t *path,
                         const tern_io_value_t *value, void *arg) {
    (void) anjay;
    (void) path;
    suites_t *suites = (suites_t *) arg;
    uint64_t id;
    if (tern_io_value_get_uint(value, &id) || id > UINT32_MAX) {
        return 0;
    }
    uint32_t *grown = (uint32_t *) avs_realloc(
            suites->ids, (suites->count + 1) * sizeof(*grown));
    if (!grown) {
        dm_log(ERROR, "out of memory reading cipher suites");
        return ANJAY_ERR_INTERNAL;
    }
    grown[suites->count++] = (uint32_t) id;
    suites->ids = grown;
    return 0;
}

static void read_security(anjay_t *anjay, anjay_iid_t iid,
                          tern_server_info_t *out) {
    const anjay_oid_t oid = ANJAY_DM_OID_SECURITY;
    uint8_t *uri = NULL;
    read_bytes(anjay, oid, iid, 0, &uri, NULL);
    out->uri = (char *) uri;
    int32_t mode;
    out->security_mode = read_i32(anjay, oid, iid, 2, &mode) || mode < 0 ||
                                         mode > ANJAY_SECURITY_EST
                                 ? ANJAY_SECURITY_NOSEC
                                 : (anjay_security_mode_t) mode;
    read_bytes(anjay, oid, iid, 3, &out->public_cert_or_psk_identity,
               &out->public_cert_or_psk_identity_size);
    read_bytes(anjay, oid, iid, 4, &out->server_public_key,
               &out->server_public_key_size);
    read_bytes(anjay, oid, iid, 5, &out->private_cert_or_psk_key,
               &out->private_cert_or_psk_key_size);
    if (read_i32(anjay, oid, iid, 11, &out->client_holdoff_s)) {
        out->client_holdoff_s = -1;
    }
    if (read_i32(anjay, oid, iid, 12, &out->bootstrap_timeout_s)) {
        out->bootstrap_timeout_s = -1;
    }
    if (read_i32(anjay, oid, iid, 13, &out->matching_type)) {
        out->matching_type = -1;
    }
    uint8_t *sni = NULL;
    read_bytes(anjay, oid, iid, 14, &sni, NULL);
    out->server_name_indication = (char *) sni;
    if (read_i32(anjay, oid, iid, 15, &out->certificate_usage)) {
        out->certificate_usage = -1;
    }
    suites_t suites = {NULL, 0};
    tern_io_path_t suites_path = res_path(oid, iid, 16);
    if (tern_dm_read_values(anjay, &suites_path, TERN_DM_READER_INTERNAL, false,
                            collect_suite, &suites)) {
        avs_free(suites.ids);
        suites.ids = NULL;
        suites.count = 0;
    }
    out->ciphersuites = suites.ids;
    out->ciphersuite_count = suites.count;
}

static void read_server(anjay_t *anjay, anjay_iid_t iid,
                        tern_server_info_t *out) {
    const anjay_oid_t oid = ANJAY_DM_OID_SERVER;
    if (read_i32(anjay, oid, iid, 1, &out->lifetime)) {
        out->lifetime = 0;
    }
    if (read_i32(anjay, oid, iid, 2, &out->default_min_period)) {
        out->default_min_period = -1;
    }
    if (read_i32(anjay, oid, iid, 3, &out->default_max_period)) {
        out->default_max_period = -1;
    }
    if (read_i32(anjay, oid, iid, 5, &out->disable_timeout)) {
        out->disable_timeout = -1;
    }
    out->notification_storing = read_bool_or(anjay, oid, iid, 6, false);
    uint8_t *binding = NULL;
    read_bytes(anjay, oid, iid, 7, &binding, NULL);
    out->binding = (char *) binding;
    out->bootstrap_on_registration_failure =
            read_bool_or(anjay, oid, iid, 16, true);
    read_u32_or(anjay, iid, 14, &out->retry.initial_registration_delay_timer_s);
    read_u32_or(anjay, iid, 17, &out->retry.retry_count);
    read_u32_or(anjay, iid, 18, &out->retry.retry_timer_s);
    read_u32_or(anjay, iid, 19, &out->retry.sequence_delay_timer_s);
    read_u32_or(anjay, iid, 20, &out->retry.sequence_retry_count);
    uint8_t *transport = NULL;
    read_bytes(anjay, oid, iid, 22, &transport, NULL);
    out->preferred_transport = transport ? (char) transport[0] : '\0';
    avs_free(transport);
    out->mute_send = read_bool_or(anjay, oid, iid, 23, false);
}

static int read_account(anjay_t *anjay, anjay_iid_t security_iid,
                        tern_server_info_t *out) {
    memset(out, 0, sizeof(*out));
    int result = tern_security_ssid(anjay, security_iid, &out->ssid);
    if (result) {
        return result;
    }
    out->security_iid = security_iid;
    out->server_iid = ANJAY_ID_INVALID;
    out->retry = ANJAY_COMMUNICATION_RETRY_PARAMS_DEFAULT;
    out->bootstrap_on_registration_failure = true;
    out->lifetime = 0;
    out->default_min_period = -1;
    out->default_max_period = -1;
    out->disable_timeout = -1;
    read_security(anjay, security_iid, out);
    if (out->ssid != ANJAY_SSID_BOOTSTRAP &&
        !tern_server_find_iid(anjay, out->ssid, &out->server_iid)) {
        read_server(anjay, out->server_iid, out);
    }
    return 0;
}

void tern_server_info_free(tern_server_info_t *info) {
    avs_free(info->uri);
    avs_free(info->public_cert_or_psk_identity);
    if (info->private_cert_or_psk_key) {
        avs_crypto_clear_buffer(info->private_cert_or_psk_key,
                                info->private_cert_or_psk_key_size);
    }
    avs_free(info->private_cert_or_psk_key);
    avs_free(info->server_public_key);
    avs_free(info->server_name_indication);
    avs_free(info->ciphersuites);
    avs_free(info->binding);
    memset(info, 0, sizeof(*info));
}

int tern_server_info_get(anjay_t *anjay, anjay_ssid_t ssid,
                         tern_server_info_t *out) {
    anjay_iid_t security_iid;
    int result = tern_security_find_iid(anjay, ssid, &security_iid);
    if (result) {
        return result;
    }
    return read_account(anjay, security_iid, out);
}

int tern_servers_list(anjay_t *anjay, tern_server_info_t **out,
                      size_t *out_count) {
    *out = NULL;
    *out_count = 0;
    tern_dm_object_t security =
            tern_dm_find_object(anjay, ANJAY_DM_OID_SECURITY);
    if (!security) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(anjay, security, &iids);
    if (result) {
        return result;
    }
    if (iids.count && !(*out = (tern_server_info_t *) avs_calloc(
                                iids.count, sizeof(**out)))) {
        dm_log(ERROR, "out of memory listing servers");
        tern_dm_id_list_free(&iids);
        return ANJAY_ERR_INTERNAL;
    }
    for (size_t i = 0; i < iids.count; ++i) {
        if (read_account(anjay, iids.ids[i], &(*out)[*out_count])) {
            dm_log(WARNING, "skipping unreadable Security Instance /0/%u",
                   (unsigned) iids.ids[i]);
            tern_server_info_free(&(*out)[*out_count]);
        } else {
            ++*out_count;
        }
    }
    tern_dm_id_list_free(&iids);
    return 0;
}

void tern_servers_list_free(tern_server_info_t *list, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        tern_server_info_free(&list[i]);
    }
    avs_free(list);
}

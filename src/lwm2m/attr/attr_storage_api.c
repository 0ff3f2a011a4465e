/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <anjay/attr_storage.h>

#include "../anjay_core.h"
#include "../dm/dm_handlers.h"
#include "attr_rules.h"

#define as_log(Level, ...) avs_log(anjay, Level, __VA_ARGS__)

bool anjay_attr_storage_is_modified(anjay_t *anjay) {
    return anjay && anjay->attr_storage.modified;
}

void anjay_attr_storage_purge(anjay_t *anjay) {
    if (anjay) {
        bool had_entries = anjay->attr_storage.count > 0;
        tern_attr_storage_cleanup(&anjay->attr_storage);
        anjay->attr_storage.modified = had_entries;
    }
}

avs_error_t anjay_attr_storage_persist(anjay_t *anjay,
                                       avs_stream_t *out_stream) {
    (void) anjay;
    (void) out_stream;
    as_log(ERROR, "attribute persistence needs avs_stream, which Tern does "
                  "not provide yet");
    return avs_errno(AVS_ENOTSUP);
}

avs_error_t anjay_attr_storage_restore(anjay_t *anjay,
                                       avs_stream_t *in_stream) {
    (void) anjay;
    (void) in_stream;
    as_log(ERROR, "attribute persistence needs avs_stream, which Tern does "
                  "not provide yet");
    return avs_errno(AVS_ENOTSUP);
}

/* The target must exist, like for a server's Write-Attributes. */
static int check_target(anjay_t *anjay, anjay_ssid_t ssid,
                        const tern_io_path_t *path) {
    if (ssid == ANJAY_SSID_ANY || ssid == ANJAY_SSID_BOOTSTRAP) {
        as_log(ERROR, "attributes need a regular server SSID, not %u",
               (unsigned) ssid);
        return -1;
    }
    tern_dm_object_t obj = tern_dm_find_object(anjay, path->ids[TERN_IO_OID]);
    if (!obj) {
        as_log(ERROR, "Object /%u is not registered",
               (unsigned) path->ids[TERN_IO_OID]);
        return -1;
    }
    if (path->len >= 2 &&
        tern_dm_instance_present(anjay, obj, path->ids[TERN_IO_IID]) <= 0) {
        as_log(ERROR, "Instance /%u/%u does not exist", (unsigned) path->ids[0],
               (unsigned) path->ids[1]);
        return -1;
    }
    tern_dm_res_entry_t res = {0, ANJAY_DM_RES_R, ANJAY_DM_RES_ABSENT};
    if (path->len >= 3 &&
        tern_dm_resource_info(anjay, obj, path->ids[TERN_IO_IID],
                              path->ids[TERN_IO_RID], &res)) {
        as_log(ERROR, "Resource /%u/%u/%u is not supported",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return -1;
    }
    if (path->len >= 4 &&
        (!tern_dm_kind_multiple(res.kind) ||
         tern_dm_resource_instance_present(anjay, obj, path->ids[TERN_IO_IID],
                                           path->ids[TERN_IO_RID],
                                           path->ids[TERN_IO_RIID]) <= 0)) {
        as_log(ERROR, "Resource Instance /%u/%u/%u/%u does not exist",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2], (unsigned) path->ids[3]);
        return -1;
    }
    return 0;
}

static int set_attrs(anjay_t *anjay, anjay_ssid_t ssid,
                     const tern_io_path_t *path,
                     const anjay_dm_r_attributes_t *attrs) {
    if (!anjay || !attrs || check_target(anjay, ssid, path)) {
        return -1;
    }
    if (!tern_attr_valid(attrs)) {
        return -1;
    }
    if (tern_attr_storage_set(&anjay->attr_storage, ssid, path, attrs)) {
        return -1;
    }
    (void) tern_dm_changes_record(anjay, TERN_DM_CHANGE_ATTRIBUTES, path, ssid);
    return 0;
}

static int set_oi_attrs(anjay_t *anjay, anjay_ssid_t ssid,
                        const tern_io_path_t *path,
                        const anjay_dm_oi_attributes_t *attrs) {
    if (!attrs) {
        return -1;
    }
    anjay_dm_r_attributes_t r = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    r.common = *attrs;
    return set_attrs(anjay, ssid, path, &r);
}

int anjay_attr_storage_set_object_attrs(anjay_t *anjay, anjay_ssid_t ssid,
                                        anjay_oid_t oid,
                                        const anjay_dm_oi_attributes_t *attrs) {
    tern_io_path_t path = tern_io_path_object(oid);
    return set_oi_attrs(anjay, ssid, &path, attrs);
}

int anjay_attr_storage_set_instance_attrs(
        anjay_t *anjay, anjay_ssid_t ssid, anjay_oid_t oid, anjay_iid_t iid,
        const anjay_dm_oi_attributes_t *attrs) {
    tern_io_path_t path = tern_io_path_instance(oid, iid);
    return set_oi_attrs(anjay, ssid, &path, attrs);
}

int anjay_attr_storage_set_resource_attrs(
        anjay_t *anjay, anjay_ssid_t ssid, anjay_oid_t oid, anjay_iid_t iid,
        anjay_rid_t rid, const anjay_dm_r_attributes_t *attrs) {
    tern_io_path_t path = tern_io_path_resource(oid, iid, rid);
    return set_attrs(anjay, ssid, &path, attrs);
}

int anjay_attr_storage_set_resource_instance_attrs(
        anjay_t *anjay, anjay_ssid_t ssid, anjay_oid_t oid, anjay_iid_t iid,
        anjay_rid_t rid, anjay_riid_t riid,
        const anjay_dm_r_attributes_t *attrs) {
    tern_io_path_t path = tern_io_path_resource_instance(oid, iid, rid, riid);
    return set_attrs(anjay, ssid, &path, attrs);
}

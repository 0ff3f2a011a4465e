/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "dm_access.h"
#include "dm_ops.h"

int tern_dm_lookup(anjay_t *anjay, const tern_io_path_t *path,
                   anjay_ssid_t ssid, tern_dm_object_t *out_obj) {
    anjay_oid_t oid = path->ids[TERN_IO_OID];
    tern_dm_object_t obj = tern_dm_find_object(anjay, oid);
    if (!obj) {
        dm_log(DEBUG, "Object /%u not found", (unsigned) oid);
        return ANJAY_ERR_NOT_FOUND;
    }
    int result = tern_dm_check_object_access(ssid, oid);
    if (result) {
        return result;
    }
    if (path->len >= 2) {
        int present =
                tern_dm_instance_present(anjay, obj, path->ids[TERN_IO_IID]);
        if (present <= 0) {
            if (!present) {
                dm_log(DEBUG, "Instance /%u/%u not found", (unsigned) oid,
                       (unsigned) path->ids[TERN_IO_IID]);
            }
            return present ? present : ANJAY_ERR_NOT_FOUND;
        }
    }
    *out_obj = obj;
    return 0;
}

int tern_dm_lookup_present_resource(anjay_t *anjay, tern_dm_object_t obj,
                                    const tern_io_path_t *path,
                                    tern_dm_res_entry_t *out) {
    int result = tern_dm_resource_info(anjay, obj, path->ids[TERN_IO_IID],
                                       path->ids[TERN_IO_RID], out);
    if (result || out->presence != ANJAY_DM_RES_PRESENT) {
        dm_log(DEBUG, "Resource /%u/%u/%u not found",
               (unsigned) path->ids[TERN_IO_OID],
               (unsigned) path->ids[TERN_IO_IID],
               (unsigned) path->ids[TERN_IO_RID]);
        return result && result != ANJAY_ERR_NOT_FOUND ? result
                                                       : ANJAY_ERR_NOT_FOUND;
    }
    return 0;
}

int tern_dm_lookup_resource_instance(anjay_t *anjay, tern_dm_object_t obj,
                                     const tern_io_path_t *path,
                                     const tern_dm_res_entry_t *res) {
    int present =
            tern_dm_kind_multiple(res->kind)
                    ? tern_dm_resource_instance_present(
                              anjay, obj, path->ids[TERN_IO_IID],
                              path->ids[TERN_IO_RID], path->ids[TERN_IO_RIID])
                    : 0;
    if (present <= 0) {
        if (!present) {
            dm_log(DEBUG, "Resource Instance /%u/%u/%u/%u not found",
                   (unsigned) path->ids[TERN_IO_OID],
                   (unsigned) path->ids[TERN_IO_IID],
                   (unsigned) path->ids[TERN_IO_RID],
                   (unsigned) path->ids[TERN_IO_RIID]);
        }
        return present ? present : ANJAY_ERR_NOT_FOUND;
    }
    return 0;
}

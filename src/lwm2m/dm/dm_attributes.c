/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "dm_attributes.h"
#include "../anjay_core.h"
#include "../attr/attr_rules.h"
#include "../objects/server_info.h"
#include "dm_log.h"
#include "dm_read.h"

static void oi_into_r(const anjay_dm_oi_attributes_t *oi,
                      anjay_dm_r_attributes_t *out) {
    *out = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    out->common = *oi;
}

int tern_dm_read_attrs(anjay_t *anjay, tern_dm_object_t obj,
                       const tern_io_path_t *path, anjay_ssid_t ssid,
                       anjay_dm_r_attributes_t *out) {
    const anjay_dm_handlers_t *h = &(*obj)->handlers;
    const uint16_t *ids = path->ids;
    anjay_dm_oi_attributes_t oi = ANJAY_DM_OI_ATTRIBUTES_EMPTY;
    int result = 0;
    *out = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    switch (path->len) {
        case 1:
            if (h->object_read_default_attrs) {
                result = h->object_read_default_attrs(anjay, obj, ssid, &oi);
                oi_into_r(&oi, out);
                return result;
            }
            break;
        case 2:
            if (h->instance_read_default_attrs) {
                result = h->instance_read_default_attrs(anjay, obj, ids[1],
                                                        ssid, &oi);
                oi_into_r(&oi, out);
                return result;
            }
            break;
        case 3:
            if (h->resource_read_attrs) {
                return h->resource_read_attrs(anjay, obj, ids[1], ids[2], ssid,
                                              out);
            }
            break;
        default:
            if (h->resource_instance_read_attrs) {
                return h->resource_instance_read_attrs(
                        anjay, obj, ids[1], ids[2], ids[3], ssid, out);
            }
            break;
    }
    tern_attr_storage_get(&anjay->attr_storage, ssid, path, out);
    return 0;
}

int tern_dm_write_attrs(anjay_t *anjay, tern_dm_object_t obj,
                        const tern_io_path_t *path, anjay_ssid_t ssid,
                        const anjay_dm_r_attributes_t *attrs) {
    const anjay_dm_handlers_t *h = &(*obj)->handlers;
    const uint16_t *ids = path->ids;
    switch (path->len) {
        case 1:
            if (h->object_write_default_attrs) {
                return h->object_write_default_attrs(anjay, obj, ssid,
                                                     &attrs->common);
            }
            break;
        case 2:
            if (h->instance_write_default_attrs) {
                return h->instance_write_default_attrs(anjay, obj, ids[1], ssid,
                                                       &attrs->common);
            }
            break;
        case 3:
            if (h->resource_write_attrs) {
                return h->resource_write_attrs(anjay, obj, ids[1], ids[2], ssid,
                                               attrs);
            }
            break;
        default:
            if (h->resource_instance_write_attrs) {
                return h->resource_instance_write_attrs(
                        anjay, obj, ids[1], ids[2], ids[3], ssid, attrs);
            }
            break;
    }
    anjay_dm_r_attributes_t stored = *attrs;
    if (path->len < 3) {
        /* Value attributes only exist on Resources. */
        stored.greater_than = ANJAY_ATTRIB_DOUBLE_NONE;
        stored.less_than = ANJAY_ATTRIB_DOUBLE_NONE;
        stored.step = ANJAY_ATTRIB_DOUBLE_NONE;
    }
    return tern_attr_storage_set(&anjay->attr_storage, ssid, path, &stored);
}

static void apply_server_defaults(anjay_t *anjay, anjay_ssid_t ssid,
                                  anjay_dm_r_attributes_t *out) {
    anjay_iid_t server_iid;
    if (tern_server_find_iid(anjay, ssid, &server_iid)) {
        return;
    }
    int64_t value;
    tern_io_path_t path =
            tern_io_path_resource(ANJAY_DM_OID_SERVER, server_iid, 2);
    if (out->common.min_period < 0 && !tern_dm_read_int(anjay, &path, &value) &&
        value >= 0 && value <= INT32_MAX) {
        out->common.min_period = (int32_t) value;
    }
    path.ids[TERN_IO_RID] = 3;
    if (out->common.max_period < 0 && !tern_dm_read_int(anjay, &path, &value) &&
        value >= 0 && value <= INT32_MAX) {
        out->common.max_period = (int32_t) value;
    }
}

int tern_dm_effective_attrs(anjay_t *anjay, const tern_io_path_t *path,
                            anjay_ssid_t ssid, bool with_server_defaults,
                            anjay_dm_r_attributes_t *out) {
    *out = ANJAY_DM_R_ATTRIBUTES_EMPTY;
    if (path->len < 1) {
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_dm_object_t obj = tern_dm_find_object(anjay, path->ids[TERN_IO_OID]);
    if (!obj) {
        dm_log(DEBUG, "Object /%u not found",
               (unsigned) path->ids[TERN_IO_OID]);
        return ANJAY_ERR_NOT_FOUND;
    }
    for (uint8_t len = path->len; len > 0; --len) {
        tern_io_path_t level = *path;
        tern_io_path_truncate(&level, len);
        anjay_dm_r_attributes_t attrs;
        int result = tern_dm_read_attrs(anjay, obj, &level, ssid, &attrs);
        if (result) {
            return result;
        }
        tern_attr_inherit(out, &attrs);
    }
    if (with_server_defaults) {
        apply_server_defaults(anjay, ssid, out);
    }
    return 0;
}

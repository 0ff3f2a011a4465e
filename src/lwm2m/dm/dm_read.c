/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_ops.h"
#include "dm_output.h"
#include "dm_read.h"

typedef struct {
    anjay_t *anjay;
    tern_dm_reader_t reader;
    bool report_empty;
    tern_dm_value_cb_t *cb;
    void *arg;
} walk_t;

typedef struct {
    anjay_output_ctx_t base;
    walk_t *walk;
    tern_io_path_t path;
} walk_output_t;

static bool visible(const walk_t *walk, anjay_dm_resource_kind_t kind) {
    return tern_dm_kind_readable(kind) ||
           (walk->reader != TERN_DM_READER_SERVER &&
            kind == ANJAY_DM_RES_BS_RW);
}

static int walk_sink(anjay_output_ctx_t *ctx, const tern_io_value_t *value) {
    walk_output_t *out = AVS_CONTAINER_OF(ctx, walk_output_t, base);
    return out->walk->cb(out->walk->anjay, &out->path, value, out->walk->arg);
}

static int read_one(walk_t *walk, tern_dm_object_t obj,
                    const tern_io_path_t *path) {
    walk_output_t out;
    tern_dm_output_init(&out.base, walk_sink);
    out.walk = walk;
    out.path = *path;
    anjay_riid_t riid = path->len > TERN_IO_RIID ? path->ids[TERN_IO_RIID]
                                                 : ANJAY_ID_INVALID;
    int result =
            tern_dm_call_resource_read(walk->anjay, obj, path->ids[TERN_IO_IID],
                                       path->ids[TERN_IO_RID], riid, &out.base);
    return tern_dm_output_finish(&out.base, result);
}

static int report_null(walk_t *walk, const tern_io_path_t *path) {
    tern_io_value_t null_value = tern_io_value_null();
    return walk->cb(walk->anjay, path, &null_value, walk->arg);
}

static int walk_multiple(walk_t *walk, tern_dm_object_t obj, anjay_iid_t iid,
                         anjay_rid_t rid) {
    tern_dm_id_list_t riids;
    int result =
            tern_dm_list_resource_instances(walk->anjay, obj, iid, rid, &riids);
    if (result) {
        return result;
    }
    for (size_t i = 0; !result && i < riids.count; ++i) {
        tern_io_path_t path = tern_io_path_resource_instance(
                tern_dm_oid(obj), iid, rid, riids.ids[i]);
        result = read_one(walk, obj, &path);
    }
    if (!result && !riids.count && walk->report_empty) {
        tern_io_path_t path = tern_io_path_resource(tern_dm_oid(obj), iid, rid);
        result = report_null(walk, &path);
    }
    tern_dm_id_list_free(&riids);
    return result;
}

static int walk_resource(walk_t *walk, tern_dm_object_t obj, anjay_iid_t iid,
                         const tern_dm_res_entry_t *res) {
    if (tern_dm_kind_multiple(res->kind)) {
        return walk_multiple(walk, obj, iid, res->rid);
    }
    tern_io_path_t path =
            tern_io_path_resource(tern_dm_oid(obj), iid, res->rid);
    return read_one(walk, obj, &path);
}

static int walk_instance(walk_t *walk, tern_dm_object_t obj, anjay_iid_t iid) {
    tern_dm_res_list_t resources;
    int result = tern_dm_list_resources(walk->anjay, obj, iid, &resources);
    if (result) {
        return result;
    }
    size_t walked = 0;
    for (size_t i = 0; !result && i < resources.count; ++i) {
        const tern_dm_res_entry_t *res = &resources.items[i];
        if (res->presence == ANJAY_DM_RES_PRESENT && visible(walk, res->kind)) {
            result = walk_resource(walk, obj, iid, res);
            ++walked;
        }
    }
    if (!result && !walked && walk->report_empty) {
        tern_io_path_t path = tern_io_path_instance(tern_dm_oid(obj), iid);
        result = report_null(walk, &path);
    }
    tern_dm_res_list_free(&resources);
    return result;
}

static int walk_object(walk_t *walk, tern_dm_object_t obj) {
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(walk->anjay, obj, &iids);
    for (size_t i = 0; !result && i < iids.count; ++i) {
        result = walk_instance(walk, obj, iids.ids[i]);
    }
    tern_dm_id_list_free(&iids);
    return result;
}

static int walk_path(walk_t *walk, const tern_io_path_t *path) {
    if (path->len < 1) {
        dm_log(DEBUG, "cannot read the root path");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    /* Only management servers are kept out of Objects. */
    anjay_ssid_t access = walk->reader == TERN_DM_READER_SERVER
                                  ? ANJAY_SSID_ANY
                                  : ANJAY_SSID_BOOTSTRAP;
    tern_dm_object_t obj;
    int result = tern_dm_lookup(walk->anjay, path, access, &obj);
    if (result) {
        return result;
    }
    if (path->len == 1) {
        return walk_object(walk, obj);
    }
    anjay_iid_t iid = path->ids[TERN_IO_IID];
    if (path->len == 2) {
        return walk_instance(walk, obj, iid);
    }
    tern_dm_res_entry_t res;
    if ((result = tern_dm_lookup_present_resource(walk->anjay, obj, path,
                                                  &res))) {
        return result;
    }
    if (!visible(walk, res.kind)) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not readable",
               (unsigned) path->ids[TERN_IO_OID], (unsigned) iid,
               (unsigned) res.rid);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (path->len == 3) {
        return walk_resource(walk, obj, iid, &res);
    }
    if ((result = tern_dm_lookup_resource_instance(walk->anjay, obj, path,
                                                   &res))) {
        return result;
    }
    return read_one(walk, obj, path);
}

int tern_dm_read_values(anjay_t *anjay, const tern_io_path_t *path,
                        tern_dm_reader_t reader, bool report_empty,
                        tern_dm_value_cb_t *cb, void *arg) {
    walk_t walk = {anjay, reader, report_empty, cb, arg};
    return walk_path(&walk, path);
}

typedef struct {
    tern_io_type_t wanted;
    int result;
    bool got;
    union {
        double d;
        int64_t i;
        bool b;
        struct {
            uint8_t *data;
            size_t size;
        } bytes;
    } u;
} single_t;

static int single_cb(anjay_t *anjay, const tern_io_path_t *path,
                     const tern_io_value_t *value, void *arg) {
    (void) anjay;
    single_t *single = (single_t *) arg;
    if (single->got) {
        dm_log(DEBUG, "%u-level path holds more than one value",
               (unsigned) path->len);
        return ANJAY_ERR_BAD_REQUEST;
    }
    single->got = true;
    int status;
    switch (single->wanted) {
        case TERN_IO_TYPE_DOUBLE:
            status = tern_io_value_get_double(value, &single->u.d);
            break;
        case TERN_IO_TYPE_INT:
            status = tern_io_value_get_int(value, &single->u.i);
            break;
        case TERN_IO_TYPE_BOOL:
            status = tern_io_value_get_bool(value, &single->u.b);
            break;
        default: {
            const void *data;
            size_t size;
            status = value->type == TERN_IO_TYPE_STRING
                             ? tern_io_value_get_string(
                                       value, (const char **) &data, &size)
                             : tern_io_value_get_bytes(value, &data, &size);
            if (!status) {
                if (!(single->u.bytes.data =
                              (uint8_t *) avs_malloc(size + 1))) {
                    dm_log(ERROR, "out of memory reading a value");
                    return ANJAY_ERR_INTERNAL;
                }
                memcpy(single->u.bytes.data, data, size);
                single->u.bytes.data[size] = '\0';
                single->u.bytes.size = size;
            }
            break;
        }
    }
    return status ? ANJAY_ERR_BAD_REQUEST : 0;
}

static int read_single(anjay_t *anjay, const tern_io_path_t *path,
                       single_t *single) {
    if (path->len < 3) {
        return ANJAY_ERR_BAD_REQUEST;
    }
    int result = tern_dm_read_values(anjay, path, TERN_DM_READER_INTERNAL,
                                     false, single_cb, single);
    if (!result && !single->got) {
        result = ANJAY_ERR_BAD_REQUEST;
    }
    return result;
}

int tern_dm_read_double(anjay_t *anjay, const tern_io_path_t *path,
                        double *out) {
    single_t single = {.wanted = TERN_IO_TYPE_DOUBLE};
    int result = read_single(anjay, path, &single);
    if (!result) {
        *out = single.u.d;
    }
    return result;
}

int tern_dm_read_int(anjay_t *anjay, const tern_io_path_t *path, int64_t *out) {
    single_t single = {.wanted = TERN_IO_TYPE_INT};
    int result = read_single(anjay, path, &single);
    if (!result) {
        *out = single.u.i;
    }
    return result;
}

int tern_dm_read_bool(anjay_t *anjay, const tern_io_path_t *path, bool *out) {
    single_t single = {.wanted = TERN_IO_TYPE_BOOL};
    int result = read_single(anjay, path, &single);
    if (!result) {
        *out = single.u.b;
    }
    return result;
}

int tern_dm_read_bytes_alloc(anjay_t *anjay, const tern_io_path_t *path,
                             uint8_t **out, size_t *out_size) {
    single_t single = {.wanted = TERN_IO_TYPE_BYTES};
    int result = read_single(anjay, path, &single);
    if (result) {
        avs_free(single.u.bytes.data);
        return result;
    }
    *out = single.u.bytes.data;
    if (out_size) {
        *out_size = single.u.bytes.size;
    }
    return 0;
}

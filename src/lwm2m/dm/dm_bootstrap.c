/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include <string.h>

#include <avsystem/commons/avs_memory.h>

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_ops.h"
#include "dm_read.h"
#include "dm_write.h"

/* Instances made to exist during one Bootstrap-Write. */
typedef struct {
    anjay_iid_t *iids;
    size_t count;
    size_t capacity;
} iid_set_t;

static bool iid_set_has(const iid_set_t *set, anjay_iid_t iid) {
    for (size_t i = 0; i < set->count; ++i) {
        if (set->iids[i] == iid) {
            return true;
        }
    }
    return false;
}

static int iid_set_add(iid_set_t *set, anjay_iid_t iid) {
    if (set->count == set->capacity) {
        size_t new_capacity = set->capacity ? 2 * set->capacity : 4;
        anjay_iid_t *grown = (anjay_iid_t *) avs_realloc(
                set->iids, new_capacity * sizeof(*grown));
        if (!grown) {
            dm_log(ERROR, "out of memory during Bootstrap-Write");
            return ANJAY_ERR_INTERNAL;
        }
        set->iids = grown;
        set->capacity = new_capacity;
    }
    set->iids[set->count++] = iid;
    return 0;
}

/* Bootstrap-Write creates the Instances it writes to when they are
 * missing. */
static int ensure_instance(tern_dm_writer_t *writer, tern_dm_object_t obj,
                           anjay_iid_t iid, iid_set_t *ensured) {
    if (iid_set_has(ensured, iid)) {
        return 0;
    }
    int present = tern_dm_instance_present(writer->anjay, obj, iid);
    if (present < 0) {
        return present;
    }
    if (!present) {
        int result = tern_dm_call_instance_create(writer->anjay, obj, iid);
        if (result) {
            dm_log(DEBUG, "cannot create Instance /%u/%u: %d",
                   (unsigned) tern_dm_oid(obj), (unsigned) iid, result);
            return result;
        }
        tern_dm_writer_invalidate(writer);
        tern_io_path_t object_path = tern_io_path_object(tern_dm_oid(obj));
        if ((result = tern_dm_changes_record(writer->anjay,
                                             TERN_DM_CHANGE_INSTANCES,
                                             &object_path, writer->ssid))) {
            return result;
        }
    }
    return iid_set_add(ensured, iid);
}

static bool is_bootstrap_security_instance(anjay_t *anjay, anjay_iid_t iid) {
    tern_io_path_t path = tern_io_path_resource(ANJAY_DM_OID_SECURITY, iid, 1);
    bool bootstrap = false;
    return !tern_dm_read_bool(anjay, &path, &bootstrap) && bootstrap;
}

static int check_single_bootstrap_account(anjay_t *anjay,
                                          tern_dm_object_t security) {
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(anjay, security, &iids);
    size_t accounts = 0;
    for (size_t i = 0; !result && i < iids.count; ++i) {
        if (is_bootstrap_security_instance(anjay, iids.ids[i])) {
            ++accounts;
        }
    }
    tern_dm_id_list_free(&iids);
    if (!result && accounts > 1) {
        dm_log(DEBUG, "Bootstrap-Write left %zu Bootstrap-Server accounts",
               accounts);
        result = ANJAY_ERR_BAD_REQUEST;
    }
    return result;
}

static int bootstrap_write_entries(tern_dm_writer_t *writer,
                                   tern_dm_object_t obj,
                                   const tern_dm_request_t *req) {
    tern_io_dec_t dec;
    int result = tern_dm_open_decoder(req, &dec);
    if (result) {
        return result;
    }
    iid_set_t ensured = {NULL, 0, 0};
    bool lenient = req->path.len <= 2;
    tern_io_path_t path;
    tern_io_value_t value;
    int status = TERN_IO_END;
    while (!result && (status = tern_io_dec_next(&dec, &path, &value)) == 0) {
        if (path.len < 2 || path.ids[TERN_IO_IID] == ANJAY_ID_INVALID) {
            dm_log(DEBUG, "Bootstrap-Write entries must name an Instance");
            result = ANJAY_ERR_BAD_REQUEST;
        } else if (!(result = ensure_instance(
                             writer, obj, path.ids[TERN_IO_IID], &ensured)) &&
                   path.len >= 3) {
            result = tern_dm_write_entry(writer, obj, &path, &value, lenient);
        }
    }
    if (!result && status != TERN_IO_END) {
        result = tern_dm_decode_error(status);
    }
    avs_free(ensured.iids);
    tern_io_dec_cleanup(&dec);
    return result;
}

int tern_dm_op_bootstrap_write(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len < 1 || req->path.len > 3) {
        dm_log(DEBUG, "Bootstrap-Write needs an Object, Instance or Resource");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_oid_t oid = req->path.ids[TERN_IO_OID];
    tern_dm_object_t obj = tern_dm_find_object(ctx->anjay, oid);
    if (!obj) {
        dm_log(DEBUG, "Object /%u not found", (unsigned) oid);
        return ANJAY_ERR_NOT_FOUND;
    }
    tern_dm_writer_t writer;
    tern_dm_writer_init(&writer, ctx->anjay, ANJAY_SSID_BOOTSTRAP,
                        TERN_DM_WRITE_BOOTSTRAP);
    tern_dm_transaction_begin(ctx->anjay);
    int result = bootstrap_write_entries(&writer, obj, req);
    if (!result && oid == ANJAY_DM_OID_SECURITY) {
        result = check_single_bootstrap_account(ctx->anjay, obj);
    }
    result = tern_dm_transaction_finish(ctx->anjay, result);
    tern_dm_writer_cleanup(&writer);
    return result;
}

/* Deletes every Instance but the Bootstrap-Server account. Objects that
 * cannot be modified (4.05) are left alone rather than failing the whole
 * Delete. */
static int bootstrap_delete_object(anjay_t *anjay, tern_dm_object_t obj) {
    tern_dm_id_list_t iids;
    int result = tern_dm_list_instances(anjay, obj, &iids);
    for (size_t i = 0; !result && i < iids.count; ++i) {
        if (tern_dm_oid(obj) == ANJAY_DM_OID_SECURITY &&
            is_bootstrap_security_instance(anjay, iids.ids[i])) {
            continue;
        }
        result = tern_dm_remove_instance(anjay, obj, iids.ids[i],
                                         ANJAY_SSID_BOOTSTRAP);
        if (result == ANJAY_ERR_METHOD_NOT_ALLOWED) {
            result = 0;
        }
    }
    tern_dm_id_list_free(&iids);
    return result;
}

int tern_dm_op_bootstrap_delete(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    anjay_t *anjay = ctx->anjay;
    if (req->path.len > 2) {
        dm_log(DEBUG, "Bootstrap-Delete needs the root, an Object or an "
                      "Instance");
        return ANJAY_ERR_BAD_REQUEST;
    }
    int result = 0;
    tern_dm_transaction_begin(anjay);
    if (req->path.len == 0) {
        /* Iterate over a copy: deleting may not change the registry, but
         * handlers may (re)register Objects. */
        size_t count = anjay->dm.count;
        tern_dm_object_t *objects = NULL;
        if (count && !(objects = (tern_dm_object_t *) avs_malloc(
                               count * sizeof(*objects)))) {
            dm_log(ERROR, "out of memory during Bootstrap-Delete");
            result = ANJAY_ERR_INTERNAL;
        } else if (count) {
            memcpy((void *) objects, (const void *) anjay->dm.objects,
                   count * sizeof(*objects));
        }
        for (size_t i = 0; !result && i < count; ++i) {
            result = bootstrap_delete_object(anjay, objects[i]);
        }
        avs_free((void *) objects);
    } else {
        tern_dm_object_t obj =
                tern_dm_find_object(anjay, req->path.ids[TERN_IO_OID]);
        if (!obj) {
            /* Nothing to delete is not an error for the Bootstrap Server. */
            dm_log(DEBUG, "Object /%u not found",
                   (unsigned) req->path.ids[TERN_IO_OID]);
        } else if (req->path.len == 1) {
            result = bootstrap_delete_object(anjay, obj);
        } else {
            int present = tern_dm_instance_present(anjay, obj,
                                                   req->path.ids[TERN_IO_IID]);
            result = present > 0
                             ? tern_dm_remove_instance(
                                       anjay, obj, req->path.ids[TERN_IO_IID],
                                       ANJAY_SSID_BOOTSTRAP)
                             : present;
        }
    }
    return tern_dm_transaction_finish(anjay, result);
}

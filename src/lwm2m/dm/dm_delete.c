/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "dm_ops.h"
#include "dm_read.h"

int tern_dm_remove_instance(anjay_t *anjay, tern_dm_object_t obj,
                            anjay_iid_t iid, anjay_ssid_t origin) {
    anjay_oid_t oid = tern_dm_oid(obj);
    /* Attributes a removed server had set go with it. */
    int64_t server_ssid = -1;
    if (oid == ANJAY_DM_OID_SERVER) {
        tern_io_path_t ssid_path = tern_io_path_resource(oid, iid, 0);
        if (tern_dm_read_int(anjay, &ssid_path, &server_ssid)) {
            server_ssid = -1;
        }
    }
    int result = tern_dm_call_instance_remove(anjay, obj, iid);
    if (result) {
        dm_log(DEBUG, "cannot delete /%u/%u: %d", (unsigned) oid,
               (unsigned) iid, result);
        return result;
    }
    /* The attributes are forgotten only when the removal commits: a rollback
     * brings the Instance back, and its attributes must still be there. */
    result = tern_dm_transaction_remove_attrs(
            anjay, obj, iid,
            server_ssid > 0 && server_ssid < ANJAY_SSID_BOOTSTRAP
                    ? (anjay_ssid_t) server_ssid
                    : 0);
    if (result) {
        return result;
    }
    tern_io_path_t object_path = tern_io_path_object(oid);
    return tern_dm_changes_record(anjay, TERN_DM_CHANGE_INSTANCES, &object_path,
                                  origin);
}

int tern_dm_op_delete(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len != 2) {
        dm_log(DEBUG, "Delete must target an Object Instance");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_dm_object_t obj;
    int result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj);
    if (result) {
        return result;
    }
    tern_dm_transaction_begin(ctx->anjay);
    result = tern_dm_remove_instance(ctx->anjay, obj,
                                     req->path.ids[TERN_IO_IID], req->ssid);
    return tern_dm_transaction_finish(ctx->anjay, result);
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "dm_execute.h"
#include "dm_ops.h"

int tern_dm_op_execute(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len != 3) {
        dm_log(DEBUG, "Execute must target a Resource");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_oid_t oid = req->path.ids[TERN_IO_OID];
    anjay_iid_t iid = req->path.ids[TERN_IO_IID];
    anjay_rid_t rid = req->path.ids[TERN_IO_RID];
    tern_dm_object_t obj;
    tern_dm_res_entry_t res;
    int result;
    if ((result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj)) ||
        (result = tern_dm_lookup_present_resource(ctx->anjay, obj, &req->path,
                                                  &res))) {
        return result;
    }
    if (!tern_dm_kind_executable(res.kind)) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not executable", (unsigned) oid,
               (unsigned) iid, (unsigned) rid);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    anjay_execute_ctx_t args;
    tern_dm_execute_init(&args, req->payload, req->payload_size);
    result = tern_dm_call_resource_execute(ctx->anjay, obj, iid, rid, &args);
    if (result) {
        dm_log(DEBUG, "Execute of /%u/%u/%u failed: %d", (unsigned) oid,
               (unsigned) iid, (unsigned) rid, result);
    }
    return result;
}

/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "dm_errors.h"
#include "dm_ops.h"
#include "dm_write.h"

/* Checks the Resource a Write on /oid/iid/rid or /oid/iid/rid/riid
 * targets, before anything is changed. */
static int verify_resource_target(anjay_t *anjay, tern_dm_object_t obj,
                                  const tern_io_path_t *path) {
    tern_dm_res_entry_t res;
    int result = tern_dm_resource_info(anjay, obj, path->ids[TERN_IO_IID],
                                       path->ids[TERN_IO_RID], &res);
    if (result) {
        dm_log(DEBUG, "Resource /%u/%u/%u not found", (unsigned) path->ids[0],
               (unsigned) path->ids[1], (unsigned) path->ids[2]);
        return result;
    }
    if (!tern_dm_kind_writable(res.kind)) {
        dm_log(DEBUG, "Resource /%u/%u/%u is not writable",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if (path->len < 4) {
        return 0;
    }
    if (!tern_dm_kind_multiple(res.kind)) {
        dm_log(DEBUG, "Resource /%u/%u/%u has no Resource Instances",
               (unsigned) path->ids[0], (unsigned) path->ids[1],
               (unsigned) path->ids[2]);
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    if ((result = tern_dm_lookup_present_resource(anjay, obj, path, &res))) {
        return result;
    }
    return tern_dm_lookup_resource_instance(anjay, obj, path, &res);
}

static int write_entries(tern_dm_writer_t *writer, tern_dm_object_t obj,
                         const tern_dm_request_t *req) {
    tern_io_dec_t dec;
    int result = tern_dm_open_decoder(req, &dec);
    if (result) {
        return result;
    }
    bool lenient = req->path.len == 2;
    size_t written = 0;
    tern_io_path_t path;
    tern_io_value_t value;
    int status = TERN_IO_END;
    while (!result && (status = tern_io_dec_next(&dec, &path, &value)) == 0) {
        if (path.len < 3) {
            /* An empty Instance: nothing to write. */
            continue;
        }
        result = tern_dm_write_entry(writer, obj, &path, &value, lenient);
        ++written;
    }
    if (!result && status != TERN_IO_END) {
        result = tern_dm_decode_error(status);
    }
    if (!result && !written && req->path.len >= 3) {
        dm_log(DEBUG, "Write on a Resource carried no value");
        result = ANJAY_ERR_BAD_REQUEST;
    }
    tern_io_dec_cleanup(&dec);
    return result;
}

int tern_dm_op_write(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len < 2) {
        dm_log(DEBUG, "Write needs an Instance, Resource or Resource Instance");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_dm_object_t obj;
    int result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj);
    if (!result && req->path.len >= 3) {
        result = verify_resource_target(ctx->anjay, obj, &req->path);
    }
    if (result) {
        return result;
    }
    bool replace = req->op == TERN_DM_OP_WRITE_REPLACE;
    /* Replacing one Resource Instance leaves its siblings alone. */
    tern_dm_writer_t writer;
    tern_dm_writer_init(&writer, ctx->anjay, req->ssid,
                        replace && req->path.len < 4 ? TERN_DM_WRITE_REPLACE
                                                     : TERN_DM_WRITE_UPDATE);
    tern_dm_transaction_begin(ctx->anjay);
    if (replace && req->path.len == 2) {
        result = tern_dm_call_instance_reset(ctx->anjay, obj,
                                             req->path.ids[TERN_IO_IID]);
    }
    if (!result) {
        result = write_entries(&writer, obj, req);
    }
    result = tern_dm_transaction_finish(ctx->anjay, result);
    tern_dm_writer_cleanup(&writer);
    return result;
}

int tern_dm_op_write_composite(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len) {
        dm_log(DEBUG, "Write-Composite must target the root path");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_io_dec_t dec;
    int result = tern_dm_open_decoder(req, &dec);
    if (result) {
        return result;
    }
    tern_dm_writer_t writer;
    tern_dm_writer_init(&writer, ctx->anjay, req->ssid, TERN_DM_WRITE_UPDATE);
    tern_dm_transaction_begin(ctx->anjay);
    tern_io_path_t path;
    tern_io_value_t value;
    int status = TERN_IO_END;
    while (!result && (status = tern_io_dec_next(&dec, &path, &value)) == 0) {
        tern_dm_object_t obj;
        if (path.len < 3 || !tern_io_path_is_valid(&path)) {
            dm_log(DEBUG, "Write-Composite entries must name Resources");
            result = ANJAY_ERR_BAD_REQUEST;
        } else if (!(result = tern_dm_lookup(ctx->anjay, &path, req->ssid,
                                             &obj))) {
            result = tern_dm_write_entry(&writer, obj, &path, &value, false);
        }
    }
    if (!result && status != TERN_IO_END) {
        result = tern_dm_decode_error(status);
    }
    result = tern_dm_transaction_finish(ctx->anjay, result);
    tern_dm_writer_cleanup(&writer);
    tern_io_dec_cleanup(&dec);
    return result;
}

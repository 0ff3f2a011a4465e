/*
 * Copyright 2026 The Tern Authors
 * SPDX-License-Identifier: Apache-2.0
 */

#include "../anjay_core.h"
#include "../attr/attr_rules.h"
#include "dm_attr_convert.h"
#include "dm_attributes.h"
#include "dm_ops.h"

#define VALUE_ATTRS                                                            \
    ((uint16_t) ((1u << TERN_IO_ATTR_GT) | (1u << TERN_IO_ATTR_LT) |           \
                 (1u << TERN_IO_ATTR_ST)))

static int parse_query(const tern_dm_request_t *req, tern_io_attrs_t *out) {
    tern_io_attrs_init(out);
    for (size_t i = 0; i < req->query_count; ++i) {
        int status = tern_io_attrs_parse_option(out, req->query[i].data,
                                                req->query[i].len);
        if (status) {
            dm_log(DEBUG, "bad Write-Attributes option \"%.*s\": %s",
                   (int) req->query[i].len, req->query[i].data,
                   tern_io_strerror(status));
            return ANJAY_ERR_BAD_REQUEST;
        }
    }
    return 0;
}

/* Attributes cannot hang on nothing: the target must exist. */
static int verify_target(anjay_t *anjay, tern_dm_object_t obj,
                         const tern_io_path_t *path) {
    if (path->len < 3) {
        return 0;
    }
    tern_dm_res_entry_t res;
    int result = tern_dm_lookup_present_resource(anjay, obj, path, &res);
    if (!result && path->len == 4) {
        result = tern_dm_lookup_resource_instance(anjay, obj, path, &res);
    }
    return result;
}

int tern_dm_op_write_attributes(tern_dm_op_ctx_t *ctx) {
    const tern_dm_request_t *req = ctx->req;
    if (req->path.len < 1) {
        dm_log(DEBUG, "Write-Attributes needs an Object or below");
        return ANJAY_ERR_METHOD_NOT_ALLOWED;
    }
    tern_io_attrs_t request;
    int result = parse_query(req, &request);
    if (result) {
        return result;
    }
    if (req->path.len < 3 && ((request.set | request.unset) & VALUE_ATTRS)) {
        dm_log(DEBUG, "gt, lt and st only apply to Resources");
        return ANJAY_ERR_BAD_REQUEST;
    }
    tern_dm_object_t obj;
    if ((result = tern_dm_lookup(ctx->anjay, &req->path, req->ssid, &obj)) ||
        (result = verify_target(ctx->anjay, obj, &req->path))) {
        return result;
    }
    if (!request.set && !request.unset) {
        return 0;
    }
    anjay_dm_r_attributes_t attrs;
    if ((result = tern_dm_read_attrs(ctx->anjay, obj, &req->path, req->ssid,
                                     &attrs))) {
        return result;
    }
    tern_dm_attrs_apply_io(&request, &attrs);
    if (!tern_attr_valid(&attrs)) {
        return ANJAY_ERR_BAD_REQUEST;
    }
    if ((result = tern_dm_write_attrs(ctx->anjay, obj, &req->path, req->ssid,
                                      &attrs))) {
        return result;
    }
    return tern_dm_changes_record(ctx->anjay, TERN_DM_CHANGE_ATTRIBUTES,
                                  &req->path, req->ssid);
}
